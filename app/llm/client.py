"""One chat client for any OpenAI-compatible server (OpenAI, vLLM, Ollama, llama.cpp...),
through LangChain's `ChatOpenAI`: bounded retries with backoff, timeouts, token accounting.

Callers decide what a failure means (the voice falls back to templates; the judge to the
offline judge): this module only raises `LLMError` after the retries are spent.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import openai
from langchain_core.messages import AIMessageChunk, BaseMessage
from langchain_openai import ChatOpenAI
from tenacity import (
    AsyncRetrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
)

from app.config import Settings

log = logging.getLogger(__name__)

# Worth another try: the network, the server's load, a malformed body.
RETRYABLE = (
    openai.APITimeoutError,
    openai.APIConnectionError,
    openai.RateLimitError,
    openai.InternalServerError,
    openai.APIResponseValidationError,
    httpx.TransportError,
    ValueError,  # malformed JSON / empty output surfaces as a ValueError in LangChain
)


class LLMError(Exception):
    """The provider failed after all retries."""


@dataclass
class Usage:
    input_tokens: int = 0
    output_tokens: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"input_tokens": self.input_tokens, "output_tokens": self.output_tokens}


def _usage(msg: Any) -> Usage:
    meta = getattr(msg, "usage_metadata", None) or {}
    return Usage(int(meta.get("input_tokens", 0)), int(meta.get("output_tokens", 0)))


class ChatClient:
    """Async chat calls with retries; one underlying HTTP client per event loop."""

    def __init__(self, settings: Settings, temperature: float | None = None):
        self.settings = settings
        self.temperature = settings.llm_temperature if temperature is None else temperature
        self._models: dict[int, ChatOpenAI] = {}

    @property
    def model_name(self) -> str:
        return self.settings.llm_model

    def model(self) -> ChatOpenAI:
        # langchain-openai caches its async HTTP client per base_url; one bound to a closed
        # event loop fails with "Event loop is closed", so each loop gets its own.
        loop_id = id(asyncio.get_running_loop())
        model = self._models.get(loop_id)
        if model is None:
            s = self.settings
            model = ChatOpenAI(
                model=s.llm_model,
                api_key=s.openai_api_key or "not-needed",
                base_url=s.openai_base_url,
                temperature=self.temperature,
                timeout=s.llm_timeout_s,
                max_retries=0,  # retries are ours (below), so they are bounded and visible
                stream_usage=True,
                http_async_client=httpx.AsyncClient(
                    timeout=s.llm_timeout_s,
                    # Every in-flight turn holds one connection while the model thinks.
                    limits=httpx.Limits(max_connections=s.llm_max_connections),
                ),
            )
            self._models = {loop_id: model}
        return model

    def _retrying(self) -> AsyncRetrying:
        return AsyncRetrying(
            stop=stop_after_attempt(self.settings.llm_max_retries + 1),
            wait=wait_exponential(multiplier=0.2, min=0.05, max=2.0),
            retry=retry_if_exception_type(RETRYABLE),
            reraise=True,
        )

    async def complete(self, messages: list[BaseMessage]) -> tuple[str, Usage]:
        """The reply text and its token usage; raises LLMError after the retries."""
        try:
            async for attempt in self._retrying():
                with attempt:
                    msg = await self.model().ainvoke(messages)
                    text = msg.content if isinstance(msg.content, str) else ""
                    if not text.strip():
                        raise ValueError("empty completion")
                    return text.strip(), _usage(msg)
        except RETRYABLE as exc:
            raise LLMError(f"{type(exc).__name__}: {exc}") from exc
        except openai.APIError as exc:
            raise LLMError(f"{type(exc).__name__}: {exc}") from exc
        raise LLMError("no attempt made")  # pragma: no cover - tenacity always attempts

    async def stream(self, messages: list[BaseMessage]) -> AsyncIterator[str | Usage]:
        """Yield text pieces, then one `Usage`. Retries only before the first piece: once
        text has been shown, a failure raises LLMError for the caller to recover from."""
        started = False
        try:
            async for attempt in self._retrying():
                with attempt:
                    usage = Usage()
                    try:
                        async for chunk in self.model().astream(messages):
                            assert isinstance(chunk, AIMessageChunk)
                            if chunk.usage_metadata:
                                usage = _usage(chunk)
                            piece = chunk.content if isinstance(chunk.content, str) else ""
                            if piece:
                                started = True
                                yield piece
                    except Exception as exc:
                        if started:  # not retryable: the caller has shown part of it
                            raise LLMError(f"stream broke: {type(exc).__name__}: {exc}") from exc
                        raise
                    if not started:
                        raise ValueError("empty completion")
                    yield usage
                    return
        except LLMError:
            raise
        except (*RETRYABLE, openai.APIError) as exc:
            raise LLMError(f"{type(exc).__name__}: {exc}") from exc

    async def structured(self, messages: list[BaseMessage], schema: type) -> tuple[Any, Usage]:
        """Structured output (pydantic `schema`) through `with_structured_output`."""
        runnable = self.model().with_structured_output(schema, include_raw=True)
        try:
            async for attempt in self._retrying():
                with attempt:
                    out = await runnable.ainvoke(messages)
                    if out.get("parsing_error") or out.get("parsed") is None:
                        raise ValueError(f"malformed structured output: {out.get('parsing_error')}")
                    return out["parsed"], _usage(out.get("raw"))
        except RETRYABLE as exc:
            raise LLMError(f"{type(exc).__name__}: {exc}") from exc
        except openai.APIError as exc:
            raise LLMError(f"{type(exc).__name__}: {exc}") from exc
        raise LLMError("no attempt made")  # pragma: no cover
