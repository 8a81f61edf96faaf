"""Embeddings: WordLlama (bundled, offline) by default, OpenAI selectable.

Two faces of the same model: a LangChain `Embeddings` for langchain-chroma and our own
matching code, and a registered Chroma embedding function so that a collection reopened in
a new process (or by a Chroma server) knows how to embed queries.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction
from chromadb.api.types import Embeddings as ChromaEmbeddings
from chromadb.utils.embedding_functions import register_embedding_function
from langchain_core.embeddings import Embeddings
from pydantic import SecretStr

from app.config import Settings

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


def embed_texts(texts: list[str]) -> np.ndarray:
    """Unit-normalised WordLlama vectors, shape (len(texts), 256), float32."""
    if not texts:
        return np.zeros((0, WORDLLAMA_DIM), dtype=np.float32)
    return np.asarray(_wordllama().embed(texts, norm=True), dtype=np.float32)


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
