"""Retrieval quality and speed: BM25 alone, dense (Chroma + WordLlama) alone, and the hybrid.

    python -m bench.retrieval

Labelled queries: bench/data/retrieval.yaml (realistic candidate phrasings, many of them
paraphrases sharing no keywords with the answer). Prints recall@1, recall@5 and MRR per
retriever, overall and on the paraphrase subset, plus index build time and query latency.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import yaml

from app import resources
from app.config import Settings
from app.knowledge.bank import load_bank
from app.knowledge.retrieval import Retriever, ensure_index
from bench.common import DATA, summary_ms, table


def load_queries(path: Path = DATA / "retrieval.yaml") -> list[dict]:
    return yaml.safe_load(path.read_text())["queries"]


def doc_ref(hit) -> str:
    return hit.meta["ref"]


def score(retriever: Retriever, queries: list[dict], method: str) -> dict:
    r1 = r5 = rr = 0.0
    for q in queries:
        fn = getattr(retriever, method)
        hits = fn(q["q"], 5, kind=q["kind"], problem_id=q.get("problem_id"))
        refs = [doc_ref(h) for h in hits]
        relevant = set(q["relevant"])
        ranks = [i for i, r in enumerate(refs) if r in relevant]
        if ranks:
            r5 += 1
            rr += 1 / (ranks[0] + 1)
            r1 += ranks[0] == 0
    n = len(queries) or 1
    return {"recall@1": r1 / n, "recall@5": r5 / n, "mrr": rr / n}


def latency(retriever: Retriever, queries: list[dict], rounds: int = 3) -> dict:
    for q in queries[:10]:  # warm
        retriever.search(q["q"], 5, kind=q["kind"], problem_id=q.get("problem_id"))
    times = []
    for _ in range(rounds):
        for q in queries:
            t0 = time.perf_counter()
            retriever.search(q["q"], 5, kind=q["kind"], problem_id=q.get("problem_id"))
            times.append((time.perf_counter() - t0) * 1000)
    return summary_ms(times)


def run() -> dict:
    bank = load_bank(resources.knowledge_dir())
    queries = load_queries()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp), llm="offline", _env_file=None)
        t0 = time.perf_counter()
        ensure_index(bank, settings, force=True)
        build_s = time.perf_counter() - t0
        retriever = Retriever(bank, settings)
        results = {}
        para = [q for q in queries if q.get("paraphrase")]
        for name, method in (("BM25", "lexical"), ("dense", "dense"), ("hybrid (RRF)", "search")):
            results[name] = {
                "all": score(retriever, queries, method),
                "paraphrase": score(retriever, para, method),
            }
        lat = latency(retriever, queries)
    return {
        "queries": len(queries),
        "paraphrases": len(para),
        "documents": len(retriever.corpus.ids),
        "build_s": round(build_s, 2),
        "latency_ms": lat,
        "results": results,
    }


def render(res: dict) -> str:
    rows = []
    for name, r in res["results"].items():
        a, p = r["all"], r["paraphrase"]
        rows.append([name, a["recall@1"], a["recall@5"], a["mrr"], p["recall@5"], p["mrr"]])
    out = table(
        ["retriever", "recall@1", "recall@5", "MRR", "paraphrase recall@5", "paraphrase MRR"],
        rows,
    )
    lat = res["latency_ms"]
    out += (
        f"\n\n{res['queries']} labelled queries ({res['paraphrases']} paraphrases) over "
        f"{res['documents']} documents; index build {res['build_s']} s; hybrid query "
        f"p50 {lat['p50']} ms, p95 {lat['p95']} ms (targets: hybrid recall@5 >= 0.90, "
        "MRR >= 0.75, p95 < 10 ms)"
    )
    return out


if __name__ == "__main__":
    print(render(run()))
    sys.exit(0)
