"""Retrieval: the Chroma path, a reopened collection, filters, and quality floors on a fixed
subset of the labelled queries (bench/data/retrieval.yaml)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from app.knowledge.retrieval import COLLECTION, Retriever, chroma_client
from bench.retrieval import load_queries, score
from tests.conftest import ROOT


def test_chroma_path_agrees_with_the_in_memory_mirror(retriever):
    queries = load_queries()[:40]
    mirror = retriever._mirror
    try:
        via_memory = [
            [
                h.id
                for h in retriever.dense(q["q"], 5, kind=q["kind"], problem_id=q.get("problem_id"))
            ]
            for q in queries
        ]
        retriever._mirror = None  # force the Chroma query path
        via_chroma = [
            [
                h.id
                for h in retriever.dense(q["q"], 5, kind=q["kind"], problem_id=q.get("problem_id"))
            ]
            for q in queries
        ]
    finally:
        retriever._mirror = mirror
    agree = sum(a[0] == b[0] for a, b in zip(via_memory, via_chroma, strict=True))
    assert agree >= 38  # HNSW is approximate; the top hit must almost always match


def test_reopened_collection_embeds_queries_in_a_new_process(retriever, base_settings):
    code = f"""
from pathlib import Path
from app.config import Settings
from app.knowledge.retrieval import chroma_client, COLLECTION
import app.knowledge.embeddings  # registers the embedding function
s = Settings(data_dir=Path({str(base_settings.data_dir)!r}), llm="offline", _env_file=None)
col = chroma_client(s).get_collection(COLLECTION)
res = col.query(query_texts=["normalization versus standardization of features"], n_results=3)
print(res["ids"][0][0])
"""
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().startswith("section:")
    assert chroma_client(base_settings).get_collection(COLLECTION).count() > 200


def test_index_is_rebuilt_only_when_knowledge_changes(bank, base_settings):
    again = Retriever(bank, base_settings)
    assert again.rebuilt is False


def test_filters(retriever):
    hits = retriever.search("how many users are there", 5, kind="fact", problem_id="news-feed")
    assert hits and all(h.kind == "fact" and h.meta["problem_id"] == "news-feed" for h in hits)
    hits = retriever.search("shadow deployment", 5, kind="section", stage="serve")
    assert hits and all(h.meta["stage"] == "serve" for h in hits)


@pytest.mark.parametrize("method,floor", [("search", 0.85), ("dense", 0.75), ("lexical", 0.7)])
def test_quality_floor_on_fixed_subset(retriever, method, floor):
    subset = load_queries()[::2]  # every other labelled query
    res = score(retriever, subset, method)
    assert res["recall@5"] >= floor, res


def test_hybrid_not_worse_than_either_retriever(retriever):
    queries = load_queries()
    hybrid = score(retriever, queries, "search")
    for other in ("dense", "lexical"):
        assert hybrid["mrr"] >= score(retriever, queries, other)["mrr"] - 0.01
