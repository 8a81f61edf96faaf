"""Embeddings: WordLlama (bundled, offline) by default, OpenAI selectable.

Two faces of the same model: a LangChain `Embeddings` for langchain-chroma and our own
matching code, and a registered Chroma embedding function so that a collection reopened in
a new process (or by a Chroma server) knows how to embed queries.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path
from threading import Lock
from typing import Any

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction
from chromadb.api.types import Embeddings as ChromaEmbeddings
from chromadb.utils.embedding_functions import register_embedding_function
from langchain_core.embeddings import Embeddings
from pydantic import SecretStr

from app.config import Settings
from app.knowledge.memo import on_forget

WORDLLAMA_DIM = 256

# The tokenizer's thread pool costs more than it saves on the few sentences of one message:
# on a busy 2-core machine a 3-sentence batch took 8 ms at p95 with it and 0.3 ms without.
# A user who wants it back sets the variable themselves.
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


@lru_cache(maxsize=1)
def _wordllama():
    import wordllama
    from wordllama import WordLlama

    # Plain `load()` tries the network (the wheel ships its tokenizer config under a
    # different folder name than the loader looks in first); this never does.
    return WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)


EMBED_BATCH = 64  # texts per tokenizer call, as WordLlama's own `embed` batches them


def embed_texts(texts: list[str]) -> np.ndarray:
    """Unit-normalised WordLlama vectors, shape (len(texts), 256), float32.

    WordLlama's `embed`, step for step, except that texts are batched by length and the
    tokenizer is asked for ids without character offsets (`encode_batch_fast`), which nothing
    here reads: the same vectors to the bit in about two thirds of the time."""
    if not texts:
        return np.zeros((0, WORDLLAMA_DIM), dtype=np.float32)
    model = _wordllama()
    table = model.embedding
    encode = getattr(model.tokenizer, "encode_batch_fast", model.tokenizer.encode_batch)
    out = np.empty((len(texts), table.shape[1]), dtype=np.float32)
    # batched shortest first: a batch is padded to its longest text, and a text's vector does
    # not depend on its batch (padding adds exact zeros to its sum)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    for at in range(0, len(texts), EMBED_BATCH):
        rows = order[at : at + EMBED_BATCH]
        encoded = encode([texts[i] for i in rows], add_special_tokens=False)
        ids = np.array([e.ids for e in encoded], dtype=np.int32)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.float32)
        np.clip(ids, 0, table.shape[0] - 1, out=ids)
        pooled = model.avg_pool(table[ids], mask)
        pooled /= np.linalg.norm(pooled, axis=1, keepdims=True)
        out[rows] = pooled
    return out


SENTENCE_VECTORS_KEPT = 8192  # texts whose vector `embed_kept` keeps (oldest dropped first)
_kept: OrderedDict[str, np.ndarray] = OrderedDict()
_kept_lock = Lock()  # the service reads messages on several threads


def embed_kept(texts: list[str]) -> np.ndarray:
    """`embed_texts` for sentences the reader compares with the rubric, keeping the last
    SENTENCE_VECTORS_KEPT vectors: a sentence read live is embedded again when its transcript
    is graded, and a grading embeds every sentence of the transcript. A text's vector does not
    depend on the batch it is embedded in (each is pooled over its own tokens), so a kept
    vector is the one a new batch would give."""
    if not texts:
        return embed_texts([])
    wanted = list(dict.fromkeys(texts))
    with _kept_lock:
        known = {t: v for t in wanted if (v := _kept.get(t)) is not None}
        for t in known:
            _kept.move_to_end(t)
    missing = [t for t in wanted if t not in known]
    if missing:
        fresh = embed_texts(missing)
        known.update(zip(missing, fresh, strict=True))
        with _kept_lock:
            for t, v in zip(missing, fresh, strict=True):
                _kept[t] = v.copy()
            while len(_kept) > SENTENCE_VECTORS_KEPT:
                _kept.popitem(last=False)
    return np.stack([known[t] for t in texts])


@on_forget
def forget_kept() -> None:
    """Drop every vector `embed_kept` keeps (benchmarks time reading text never seen)."""
    with _kept_lock:
        _kept.clear()


class WordLlamaEmbeddings(Embeddings):
    """LangChain embeddings backed by the bundled WordLlama model."""

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return embed_texts(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        return embed_texts([text])[0].tolist()


@register_embedding_function
class WordLlamaChromaFunction(EmbeddingFunction[Documents]):
    """The same WordLlama vectors, as a Chroma embedding function stored with the collection."""

    def __init__(self) -> None:
        pass

    def __call__(self, input: Documents) -> ChromaEmbeddings:
        return [row for row in embed_texts(list(input))]

    @staticmethod
    def name() -> str:
        return "mlsd-wordllama"

    def get_config(self) -> dict[str, Any]:
        return {"dim": WORDLLAMA_DIM}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> WordLlamaChromaFunction:
        return WordLlamaChromaFunction()

    def default_space(self) -> str:  # type: ignore[override]
        return "cosine"


def make_embeddings(settings: Settings) -> Embeddings:
    """The configured LangChain embeddings (WordLlama unless `MLSD_EMBEDDINGS=openai`)."""
    if settings.embeddings == "openai":
        from langchain_openai import OpenAIEmbeddings

        return OpenAIEmbeddings(
            model=settings.openai_embedding_model,
            api_key=(
                SecretStr(settings.openai_api_key) if settings.openai_api_key is not None else None
            ),
            base_url=settings.openai_base_url,
        )
    return WordLlamaEmbeddings()
