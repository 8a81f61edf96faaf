"""Hybrid retrieval over the knowledge bank: Chroma (dense) + BM25 (bm25s), fused by RRF.

Three callers: the interviewer looks up hidden facts to answer clarifying questions, pulls
framework snippets for probes and hints, and the grader cites sections in feedback. Every
query can be filtered by kind (`section` or `fact`), stage and problem.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import bm25s
import chromadb
import numpy as np
import Stemmer
from chromadb.config import Settings as ChromaSettings
from langchain_chroma import Chroma
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings

from app.config import Settings
from app.knowledge.bank import KnowledgeBank
from app.knowledge.embeddings import WordLlamaChromaFunction, make_embeddings

log = logging.getLogger(__name__)

COLLECTION = "mlsd-knowledge"
RRF_K = 60  # the usual constant from Cormack et al.; damps the head of each list
INDEX_SCHEMA = "5"  # bump when the document layout changes, forces a rebuild
MIRROR_MAX_DOCS = 20_000  # up to this many vectors, dense search runs on an in-memory copy


# What each fact topic is about, in the words candidates use when they ask. Hand-written.
TOPIC_WORDS = {
    "business_objective": "goal purpose why success metric north star revenue engagement "
    "company wants achieve",
    "features": "product functionality what can users do support interactions buttons",
    "data": "data available logs sources history dataset size collected",
    "labels": "labels ground truth annotated labelled feedback positives negatives",
    "scale": "how many users items volume size traffic requests per second growth daily monthly",
    "latency": "how fast speed response time milliseconds real time budget slow",
    "compute": "hardware gpus cpus budget resources cost machines training time",
    "constraints": "limits requirements restrictions rules must",
    "privacy": "privacy personal sensitive consent regulation gdpr legal allowed",
    "out_of_scope": "scope ignore not include excluded focus boundaries",
    "other": "",
}


@dataclass(frozen=True)
class Hit:
    """One retrieved document with the evidence for its rank."""

    id: str
    kind: str  # "section" | "fact"
    text: str
    meta: dict[str, Any]
    score: float  # fused (RRF) score, or the single retriever's score
    dense: float | None = None  # cosine similarity, when the dense retriever saw it
    lexical: float | None = None  # BM25 score, when BM25 saw it


@dataclass
class _Corpus:
    ids: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    metas: list[dict[str, Any]] = field(default_factory=list)


def _id(doc: Document) -> str:
    """The id `build_documents` gave `doc` (LangChain types `Document.id` as optional)."""
    if doc.id is None:
        raise ValueError(f"knowledge document without an id: {doc.page_content[:60]!r}")
    return doc.id


def build_documents(bank: KnowledgeBank) -> list[Document]:
    """The documents we index: one per framework section, one per hidden fact."""
    docs: list[Document] = []
    for sec in bank.sections:
        docs.append(
            Document(
                id=f"section:{sec.id}",
                page_content=f"{sec.title}. {sec.text}",
                metadata={
                    "kind": "section",
                    "stage": sec.stage,
                    "problem_id": "",
                    "ref": sec.id,
                    "title": sec.citation,
                },
            )
        )
    for problem in bank.problems.values():
        for fact in problem.facts:
            # Indexed by the ways a candidate asks for it, what it is about (a small glossary
            # per topic) and the answer itself, which carries the words of the question.
            text = " ".join(
                [
                    fact.topic.replace("_", " "),
                    TOPIC_WORDS.get(fact.topic, ""),
                    *fact.asked_as,
                    fact.answer,
                ]
            )
            docs.append(
                Document(
                    id=f"fact:{problem.id}:{fact.id}",
                    page_content=text,
                    metadata={
                        "kind": "fact",
                        "stage": "clarify",
                        "problem_id": problem.id,
                        "ref": fact.id,
                        "title": fact.topic,
                    },
                )
            )
    return docs


# BM25 reads words the usual search-engine way, as bm25s recommends: Lucene's 33 English
# stopwords and the Snowball stemmer. The matcher's light stemmer and longer stopword list
# (app/knowledge/text.py) serve phrase matching; here Snowball's deeper conflation finds
# paraphrases and question words ("how", "what") help pick facts (bench/retrieval.py: BM25
# recall@5 0.82 -> 0.90, hybrid 0.91 -> 0.92 against those).
_stemmers = threading.local()


def _snowball() -> Stemmer.Stemmer:
    """This thread's English Snowball stemmer (a PyStemmer object is not thread-safe)."""
    stemmer = getattr(_stemmers, "english", None)
    if stemmer is None:
        stemmer = _stemmers.english = Stemmer.Stemmer("english")
    return stemmer


def _tokenize(texts: list[str]) -> list[list[str]]:
    """BM25 tokens of each text; a text with none gets a placeholder (bm25s needs one)."""
    tokens = bm25s.tokenize(
        texts, stopwords="en", stemmer=_snowball(), return_ids=False, show_progress=False
    )
    return [doc or ["_empty_"] for doc in tokens]


def chroma_client(settings: Settings) -> chromadb.ClientAPI:
    """Embedded persistent Chroma under the data dir, or a server when CHROMA_HOST is set."""
    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_host:
        return chromadb.HttpClient(
            host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings
        )
    settings.chroma_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)


def index_fingerprint(bank: KnowledgeBank, settings: Settings) -> str:
    return f"{INDEX_SCHEMA}:{settings.embeddings}:{bank.content_hash}"


def ensure_index(
    bank: KnowledgeBank,
    settings: Settings,
    *,
    force: bool = False,
    progress: Callable[[int, int], None] | None = None,
    client: chromadb.ClientAPI | None = None,
) -> tuple[chromadb.Collection, bool]:
    """Open the Chroma collection, rebuilding it only when the knowledge changed.

    Returns (collection, rebuilt)."""
    client = client or chroma_client(settings)
    fingerprint = index_fingerprint(bank, settings)
    try:
        existing = client.get_collection(COLLECTION)
        meta = existing.metadata or {}
        if not force and meta.get("fingerprint") == fingerprint:
            return existing, False
        client.delete_collection(COLLECTION)
    except Exception:
        pass
    ef = WordLlamaChromaFunction() if settings.embeddings == "wordllama" else None
    collection = client.create_collection(
        COLLECTION,
        # Chroma types this as EmbeddingFunction[Embeddable] (texts or images); a text-only
        # function is what a text collection takes.
        embedding_function=ef,  # type: ignore[arg-type]
        metadata={"fingerprint": fingerprint, "hnsw:space": "cosine"},
    )
    docs = build_documents(bank)
    embedder = _embedder(settings)
    batch = 64
    for start in range(0, len(docs), batch):
        part = docs[start : start + batch]
        collection.add(
            ids=[_id(d) for d in part],
            documents=[d.page_content for d in part],
            metadatas=[d.metadata for d in part],
            # list[list[float]]: accepted, though Chroma's stub wants list[Sequence[float]]
            embeddings=embedder.embed_documents([d.page_content for d in part]),  # type: ignore[arg-type]
        )
        if progress:
            progress(min(start + batch, len(docs)), len(docs))
    return collection, True


def _embedder(settings: Settings) -> Embeddings:
    return make_embeddings(settings)


class Retriever:
    """Dense, lexical and hybrid search with stage / problem / kind filters."""

    def __init__(self, bank: KnowledgeBank, settings: Settings):
        self.bank = bank
        self.settings = settings
        self.client = chroma_client(settings)
        self.collection, self.rebuilt = ensure_index(bank, settings, client=self.client)
        self.embeddings = _embedder(settings)
        # langchain-chroma over the same collection: the query path for large corpora.
        self.vectorstore = Chroma(
            client=self.client,
            collection_name=COLLECTION,
            embedding_function=self.embeddings,
        )
        docs = build_documents(bank)
        self.corpus = _Corpus(
            ids=[_id(d) for d in docs],
            texts=[d.page_content for d in docs],
            metas=[d.metadata for d in docs],
        )
        self._pos = {doc_id: i for i, doc_id in enumerate(self.corpus.ids)}
        self._masks: dict[tuple, np.ndarray] = {}
        self._mirror = self._load_mirror()
        self.bm25 = bm25s.BM25()
        self.bm25.index(_tokenize(self.corpus.texts), show_progress=False)

    def _load_mirror(self) -> np.ndarray | None:
        """The collection's vectors, read back from Chroma into memory when the corpus is
        small: a few hundred rows search faster as one matrix product than as a round trip
        through the vector store on every turn. Chroma stays the store of record."""
        if self.collection.count() > MIRROR_MAX_DOCS:
            return None
        got = self.collection.get(include=["embeddings"])
        embeddings = got["embeddings"]
        assert embeddings is not None  # asked for with include=
        vectors = np.zeros((len(self.corpus.ids), len(embeddings[0])), dtype=np.float32)
        for doc_id, vec in zip(got["ids"], embeddings, strict=True):
            if doc_id in self._pos:
                vectors[self._pos[doc_id]] = vec
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1, norms)

    # -- filters ----------------------------------------------------------------------------

    def _mask(self, kind: str | None, stage: str | None, problem_id: str | None) -> np.ndarray:
        key = (kind, stage, problem_id)
        cached = self._masks.get(key)
        if cached is not None:
            return cached
        mask = np.ones(len(self.corpus.ids), dtype=np.float32)
        for i, meta in enumerate(self.corpus.metas):
            if (
                kind
                and meta["kind"] != kind
                or stage
                and meta["stage"] != stage
                or problem_id
                and meta["kind"] == "fact"
                and meta["problem_id"] != problem_id
            ):
                mask[i] = 0
        self._masks[key] = mask
        return mask

    @staticmethod
    def _where(kind: str | None, stage: str | None, problem_id: str | None) -> dict | None:
        clauses: list[dict] = []
        if kind:
            clauses.append({"kind": kind})
        if stage:
            clauses.append({"stage": stage})
        if problem_id:
            clauses.append({"problem_id": {"$in": [problem_id, ""]}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    # -- single retrievers ------------------------------------------------------------------

    def dense(self, query: str, k: int = 5, *, kind=None, stage=None, problem_id=None) -> list[Hit]:
        vector = self.embeddings.embed_query(query)
        if self._mirror is not None:
            mask = self._mask(kind, stage, problem_id)
            sims = self._mirror @ np.asarray(vector, dtype=np.float32)
            sims = np.where(mask > 0, sims, -np.inf)
            top = np.argsort(-sims)[:k]
            return [
                Hit(
                    self.corpus.ids[i],
                    self.corpus.metas[i]["kind"],
                    self.corpus.texts[i],
                    self.corpus.metas[i],
                    float(sims[i]),
                    dense=float(sims[i]),
                )
                for i in top
                if np.isfinite(sims[i])
            ]
        found = self.vectorstore.similarity_search_by_vector_with_relevance_scores(
            vector, k=k, filter=self._where(kind, stage, problem_id)
        )
        hits = []
        for doc, dist in found:
            i = self._pos.get(doc.id) if doc.id is not None else None
            if doc.id is None or i is None:
                continue
            sim = 1.0 - float(dist)  # the collection uses cosine distance
            meta = self.corpus.metas[i]
            hits.append(Hit(doc.id, meta["kind"], self.corpus.texts[i], meta, sim, dense=sim))
        return hits

    def lexical(
        self, query: str, k: int = 5, *, kind=None, stage=None, problem_id=None
    ) -> list[Hit]:
        mask = self._mask(kind, stage, problem_id)
        allowed = int(mask.sum())
        if allowed == 0:
            return []
        docs, scores = self.bm25.retrieve(
            _tokenize([query]), k=min(k, allowed), weight_mask=mask, show_progress=False
        )
        hits = []
        for i, score in zip(docs[0], scores[0], strict=True):
            if score <= 0:
                continue
            meta = self.corpus.metas[int(i)]
            hits.append(
                Hit(
                    self.corpus.ids[int(i)],
                    meta["kind"],
                    self.corpus.texts[int(i)],
                    meta,
                    float(score),
                    lexical=float(score),
                )
            )
        return hits

    # -- hybrid -----------------------------------------------------------------------------

    def search(
        self,
        query: str,
        k: int = 5,
        *,
        kind: str | None = None,
        stage: str | None = None,
        problem_id: str | None = None,
        depth: int = 20,
    ) -> list[Hit]:
        """Reciprocal-rank fusion of the dense and BM25 lists (each `depth` deep)."""
        filt = {"kind": kind, "stage": stage, "problem_id": problem_id}
        dense = self.dense(query, depth, **filt)
        lexical = self.lexical(query, depth, **filt)
        fused: dict[str, dict[str, Any]] = {}
        for hits, key in ((dense, "dense"), (lexical, "lexical")):
            for rank, hit in enumerate(hits):
                entry = fused.setdefault(hit.id, {"hit": hit, "rrf": 0.0})
                entry["rrf"] += 1.0 / (RRF_K + rank + 1)
                entry[key] = getattr(hit, key)
        ranked = sorted(fused.values(), key=lambda e: e["rrf"], reverse=True)[:k]
        return [
            Hit(
                e["hit"].id,
                e["hit"].kind,
                e["hit"].text,
                e["hit"].meta,
                round(e["rrf"], 6),
                dense=e.get("dense"),
                lexical=e.get("lexical"),
            )
            for e in ranked
        ]

    def section(self, ref: str):
        return next((s for s in self.bank.sections if s.id == ref), None)

    def ping(self) -> int:
        return self.collection.count()


__all__ = ["Hit", "Retriever", "build_documents", "ensure_index"]
