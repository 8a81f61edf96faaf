"""One chat client for OpenAI, vLLM, Ollama, llama.cpp and other LangChain providers.

- The model comes from LangChain's `init_chat_model`: `MLSD_LLM_MODEL=ollama:llama3.2` picks a
  provider by prefix; a bare name (or any name with `OPENAI_BASE_URL` set) goes to the
  OpenAI-compatible client. That one streams through the OpenAI SDK, read as plain
  server-sent events: LangChain's and the SDK's per-token objects were most of the server's
  CPU with a few hundred interviews at once.
- Every call has a `Purpose`: a token cap fitted to what it produces and stop sequences.
- One deadline per turn (`turn_deadline` or the `deadline=` argument): every attempt and every
  back-off fits inside it; a timed-out attempt is never repeated.
- Every request streams, and an abandoned one (deadline, caller gone) closes its stream, so
  a local server (llama.cpp stops a request only when its stream closes) is not left
  generating.
- Retries only for transport failures, 429/5xx and unparseable output. An error of our own
  code (TypeError, KeyError, a ValueError...) is a bug, not the model: never retried, logged
  with its traceback at ERROR, counted in `mlsd_llm_internal_errors_total`, and raised as
  `LLMBug`, an `LLMError`, so the caller's offline path still answers the user.
- Structured output: `json_schema` response format where the server supports it, else JSON
  mode with the schema (`{"type": "json_object", "schema": ...}`, which llama.cpp turns into a
  grammar). `MLSD_LLM_STRUCTURED=auto` tries `json_schema` and downgrades for good on an HTTP
  error to it.

Callers decide what a failure means (the voice falls back to templates; reader and judge to
the offline ones): this module raises `LLMError` only.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
import random
import time
from collections.abc import AsyncGenerator, AsyncIterator, Collection, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar, cast

import httpx
from langchain_core.messages import BaseMessage, convert_to_openai_messages
from pydantic import BaseModel, ValidationError

from app.config import Settings
from app.observability import LLM_INTERNAL_ERRORS

if TYPE_CHECKING:
    import openai

log = logging.getLogger(__name__)

T = TypeVar("T", bound=BaseModel)


# -- purposes ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Purpose:
    """What a call is for: its output token cap and stop sequences (OpenAI allows four)."""

    name: str
    max_tokens: int
    stop: tuple[str, ...] = ()


# The voice says two to four sentences (~60-120 tokens); a base model that rambles on is
# cut at a blank line or where it starts writing our tags.
VOICE = Purpose("voice", 200, ("\n\n", "<candidate_message", "<interviewer_message", "</draft>"))


def voice_purpose(draft: str) -> Purpose:
    """The voice's cap fitted to its draft: a faithful rewording is about as long (a reply
    over three times the draft is refused anyway), so a rambling model is cut early."""
    return replace(VOICE, max_tokens=min(VOICE.max_tokens, 32 + 3 * len(draft.split())))


def json_purpose(name: str, max_tokens: int) -> Purpose:
    """JSON output: grammar-constrained servers end on their own; three blank lines or a
    code fence mean a model is past its object."""
    return Purpose(name, max_tokens, ("\n\n\n\n", "```"))


# -- errors --------------------------------------------------------------------------------


class LLMError(Exception):
    """The provider failed (after the retries that fit in the deadline)."""


class LLMTimeout(LLMError):
    """The deadline passed; the request was closed upstream."""


class LLMBug(LLMError):
    """Our code (or a library's, called wrongly) failed during the call: not the model's
    fault, so never retried; logged and counted apart from model failures."""


class OutputError(Exception):
    """Output that cannot be used (empty, not JSON, not the schema): worth another try."""


class ProviderErrors(NamedTuple):
    """How the attempt loop sorts a failure: retried, timed out, or the SDK's own kinds."""

    retryable: tuple[type[BaseException], ...]
    timeouts: tuple[type[BaseException], ...]
    status: type[openai.APIStatusError]  # an HTTP error answer (4xx/5xx)
    api: type[openai.APIError]  # any error of the SDK


@functools.cache
def provider_errors() -> ProviderErrors:
    """The error kinds, the OpenAI SDK's among them. The SDK is imported here, when the first
    `ChatClient` is made, not when this module is: it is about a fifth of the service's
    import time, and an offline process (`MLSD_LLM=offline`, the tests' subprocesses,
    `mlsd kb index`) never makes one."""
    import openai

    retryable = (
        openai.APIConnectionError,  # (timeouts are caught before this)
        openai.RateLimitError,
        openai.InternalServerError,
        openai.APIResponseValidationError,
        httpx.TransportError,
        OutputError,
        # A garbled body from the wire (the SDK decodes each SSE event itself).
        json.JSONDecodeError,
        UnicodeDecodeError,
    )
    timeouts = (TimeoutError, openai.APITimeoutError, httpx.TimeoutException)
    return ProviderErrors(retryable, timeouts, openai.APIStatusError, openai.APIError)


# -- closing abandoned streams -------------------------------------------------------------

# The HTTP responses the current attempt opened. LangChain's `astream` does not close the
# provider's stream when it is closed itself: that is left to the garbage collector and a
# task on the event loop, which may never run if the loop ends first (a CLI call, a test).
# An attempt closes what it opened itself, so the server sees the hang-up at once.
_OPENED: ContextVar[list[httpx.Response] | None] = ContextVar("mlsd_llm_opened", default=None)


async def _note_response(response: httpx.Response) -> None:
    """httpx response hook: remember the response for the attempt that opened it."""
    opened = _OPENED.get()
    if opened is not None:
        opened.append(response)


@contextlib.asynccontextmanager
async def _closing_opened() -> AsyncIterator[None]:
    """Close, on the way out, every response opened inside (a finished one is closed already;
    an abandoned one closes its connection, which stops the server's generation)."""
    opened: list[httpx.Response] = []
    token = _OPENED.set(opened)
    try:
        yield
    finally:
        _OPENED.reset(token)
        for response in opened:
            if not response.is_closed:
                with contextlib.suppress(Exception):
                    await response.aclose()


# -- deadlines -----------------------------------------------------------------------------

_DEADLINE: ContextVar[float | None] = ContextVar("mlsd_llm_deadline", default=None)


@contextlib.contextmanager
def turn_deadline(seconds: float) -> Iterator[float]:
    """All LLM calls inside share one deadline (an enclosing, earlier one wins)."""
    at = time.monotonic() + seconds
    outer = _DEADLINE.get()
    at = min(at, outer) if outer is not None else at
    token = _DEADLINE.set(at)
    try:
        yield at
    finally:
        _DEADLINE.reset(token)


def current_deadline() -> float | None:
    return _DEADLINE.get()


# -- usage ---------------------------------------------------------------------------------


@dataclass
class Usage:
    input_tokens: int = 0
    output_tokens: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"input_tokens": self.input_tokens, "output_tokens": self.output_tokens}


def _usage(msg: Any) -> Usage:
    meta = getattr(msg, "usage_metadata", None) or {}
    return Usage(int(meta.get("input_tokens", 0)), int(meta.get("output_tokens", 0)))


def parse_model_name(name: str) -> tuple[str, str]:
    """(provider, model): a known LangChain provider prefix picks the provider, else the
    OpenAI-compatible client (which also serves vLLM, Ollama's /v1 and llama.cpp)."""
    try:
        from langchain.chat_models.base import _BUILTIN_PROVIDERS

        known: Collection[str] = _BUILTIN_PROVIDERS
    except ImportError:  # pragma: no cover - older langchain
        known = {"openai", "anthropic", "ollama", "azure_openai", "mistralai", "groq"}
    prefix, sep, rest = name.partition(":")
    if sep and prefix in known:
        return prefix, rest
    return "openai", name


class ChatClient:
    """Async chat calls with per-purpose caps, one deadline per turn and bounded retries."""

    def __init__(self, settings: Settings, temperature: float | None = None):
        self.settings = settings
        self.temperature = settings.llm_temperature if temperature is None else temperature
        self.provider, self._model_id = parse_model_name(settings.llm_model)
        mode = getattr(settings, "llm_structured", "auto")
        self.structured_method = "json_schema" if mode == "auto" else mode
        self._auto_downgrade = mode == "auto"
        # Clients for one event loop at a time: langchain-openai's and the SDK's async HTTP
        # clients are bound to the loop they were made on.
        self._loop_id: int | None = None
        self._models: dict[tuple[str, int], Any] = {}
        self._http: httpx.AsyncClient | None = None
        self._sdk_client: openai.AsyncOpenAI | None = None
        provider_errors()  # the SDK's import now, not inside the first call's deadline

    @property
    def model_name(self) -> str:
        return self.settings.llm_model

    # -- model construction ----------------------------------------------------------------

    def _on_this_loop(self) -> None:
        """Drop the clients made on another event loop."""
        loop_id = id(asyncio.get_running_loop())
        if loop_id != self._loop_id:
            self._loop_id, self._models, self._http, self._sdk_client = loop_id, {}, None, None

    def _openai_options(self) -> dict[str, Any]:
        """How to reach an OpenAI-compatible server, for the SDK and langchain-openai alike."""
        s = self.settings
        if self._http is None:
            self._http = httpx.AsyncClient(
                timeout=s.llm_timeout_s,
                limits=httpx.Limits(max_connections=s.llm_max_connections),
                event_hooks={"response": [_note_response]},
            )
        return {
            "api_key": s.openai_api_key or "not-needed",
            "base_url": s.openai_base_url,
            "timeout": s.llm_timeout_s,
            "max_retries": 0,  # retries are ours: bounded by the turn's deadline
            "http_client": self._http,
        }

    def _sdk(self) -> openai.AsyncOpenAI:
        """The OpenAI SDK client for this event loop (OpenAI-compatible servers)."""
        self._on_this_loop()
        if self._sdk_client is None:
            import openai

            # The SDK types its client as its own httpx fork's; httpx's is what it runs with
            # here, as under langchain-openai (and carries our hooks).
            self._sdk_client = openai.AsyncOpenAI(**cast(Any, self._openai_options()))
        return self._sdk_client

    def model(self, purpose: Purpose = VOICE) -> Any:
        """The LangChain chat model for this event loop and purpose (its token cap)."""
        from langchain.chat_models import init_chat_model

        self._on_this_loop()
        key = (purpose.name, purpose.max_tokens)
        model = self._models.get(key)
        if model is not None:
            return model
        kwargs: dict[str, Any] = {
            "temperature": self.temperature,
            "max_tokens": purpose.max_tokens,
        }
        if self.provider == "openai":
            options = self._openai_options()
            http = options.pop("http_client")  # langchain-openai's name for it differs
            kwargs.update(
                options,
                http_async_client=http,
                stream_usage=True,
                # langchain-openai's own per-chunk timeout reads each chunk in a task of its
                # own under `asyncio.wait_for`; cancelled at our deadline, that nesting could
                # hang the call for good on Python 3.11 (seen 1 in ~10 abandoned streams).
                # Every call is bounded by the turn's deadline here already.
                stream_chunk_timeout=None,
            )
        elif self.settings.openai_base_url:
            kwargs["base_url"] = self.settings.openai_base_url
        model = init_chat_model(self._model_id, model_provider=self.provider, **kwargs)
        self._models[key] = model
        return model

    # -- the attempt loop ------------------------------------------------------------------

    def _deadline(self, deadline: float | None) -> float:
        if deadline is None:
            deadline = current_deadline()
        if deadline is None:
            deadline = time.monotonic() + self.settings.llm_turn_deadline_s
        return deadline

    async def _attempts(
        self, deadline: float, run: Any, purpose: Purpose, *, structured: bool = False
    ) -> Any:
        """Run `run(timeout)` until it succeeds, within the deadline. Retries transport,
        429/5xx and output errors with jittered back-off; never repeats a timed-out attempt.
        Any other provider error is final; an error of our own code is final and an `LLMBug`."""
        retries = self.settings.llm_max_retries
        attempt = 0
        while True:
            left = deadline - time.monotonic()
            if left <= 0.05:
                raise LLMTimeout("turn deadline passed before the call")
            timeout = min(self.settings.llm_timeout_s, left)
            try:
                return await asyncio.wait_for(run(timeout), timeout)
            except provider_errors().timeouts as exc:
                raise LLMTimeout(f"timed out after {timeout:.1f} s: {type(exc).__name__}") from exc
            except provider_errors().status as exc:
                if structured and self._downgrade(exc):
                    continue
                if not isinstance(exc, provider_errors().retryable) or attempt >= retries:
                    raise LLMError(f"{type(exc).__name__}: {exc}") from exc
                last: BaseException = exc
            except provider_errors().retryable as exc:
                if attempt >= retries:
                    raise LLMError(f"{type(exc).__name__}: {exc}") from exc
                last = exc
            except LLMError:
                raise
            except PROGRAMMING_ERRORS as exc:
                raise _bug(exc, purpose) from exc
            except Exception as exc:  # a provider's own error type (not OpenAI's)
                raise LLMError(f"{type(exc).__name__}: {exc}") from exc
            attempt += 1
            pause = min(2.0, 0.2 * 2 ** (attempt - 1)) * (0.5 + random.random() / 2)
            if time.monotonic() + pause >= deadline - 0.1:
                raise LLMError(f"no time left to retry: {type(last).__name__}: {last}")
            log.info("LLM attempt %d failed (%s); retrying", attempt, type(last).__name__)
            await asyncio.sleep(pause)

    def _downgrade(self, exc: openai.APIStatusError) -> bool:
        """The server refused a `json_schema` request: switch to JSON mode for good. A 4xx
        (not auth, not 429) means it does not take that format; a 5xx only when it names
        the format (llama.cpp answers 500 with a validation error), so a transient 5xx from
        a server that does support it never downgrades it."""
        if not self._auto_downgrade or self.structured_method != "json_schema":
            return False
        code = exc.status_code
        text = str(exc).lower()
        refused = (400 <= code < 500 and code not in (401, 403, 404, 429)) or (
            code >= 500 and ("response_format" in text or "json_schema" in text)
        )
        if refused:
            log.warning("server refused json_schema output (%s); using JSON mode from now on", code)
            self.structured_method = "json_object"
        return refused

    async def _collect(
        self, messages: list[BaseMessage], purpose: Purpose, extra: dict[str, Any]
    ) -> tuple[str, Usage]:
        """Stream one completion to its end and return its text; closing on cancellation."""
        parts: list[str] = []
        usage = Usage()
        async with (
            _closing_opened(),
            contextlib.aclosing(self._pieces(messages, purpose, extra)) as pieces,
        ):
            async for piece in pieces:
                if isinstance(piece, Usage):
                    usage = piece
                else:
                    parts.append(piece)
        return "".join(parts), usage

    def _pieces(
        self, messages: list[BaseMessage], purpose: Purpose, extra: dict[str, Any]
    ) -> AsyncGenerator[str | Usage, None]:
        """One streamed completion as text pieces and its usage (the last item)."""
        if self.provider == "openai":
            return self._sdk_pieces(messages, purpose, extra)
        return self._langchain_pieces(messages, purpose, extra)

    async def _langchain_pieces(
        self, messages: list[BaseMessage], purpose: Purpose, extra: dict[str, Any]
    ) -> AsyncGenerator[str | Usage, None]:
        stream = self.model(purpose).astream(
            messages, stop=list(purpose.stop) or None, **self._extra(purpose, extra)
        )
        usage = Usage()
        try:
            async with contextlib.aclosing(stream) as chunks:
                async for chunk in chunks:
                    if chunk.usage_metadata:
                        usage = _usage(chunk)
                    if isinstance(chunk.content, str) and chunk.content:
                        yield chunk.content
        except ValueError as exc:
            if "no generation chunks" in str(exc).lower():  # LangChain on an empty stream
                raise OutputError("empty completion") from exc
            raise
        yield usage

    async def _sdk_pieces(
        self, messages: list[BaseMessage], purpose: Purpose, extra: dict[str, Any]
    ) -> AsyncGenerator[str | Usage, None]:
        """The OpenAI-compatible stream read as server-sent events. The SDK's own stream and
        LangChain's build a few pydantic objects for every token (about 0.2 ms of CPU each);
        at a few hundred concurrent interviews that was most of the server's CPU. Here a
        token costs one `json.loads`. The request is the one LangChain would send."""
        body: dict[str, Any] = {
            "model": self._model_id,
            "messages": convert_to_openai_messages(messages),
            "stream": True,
            "stream_options": {"include_usage": True},
            "max_completion_tokens": purpose.max_tokens,
        }
        if self.temperature is not None:
            body["temperature"] = self.temperature
        if purpose.stop:
            body["stop"] = list(purpose.stop)
        options = self._extra(purpose, extra)
        create = self._sdk().chat.completions.with_streaming_response.create
        usage = Usage()
        async with create(**body, extra_body=options.get("extra_body")) as response:
            async for line in response.iter_lines():
                if not line.startswith("data:"):
                    continue
                data = line[5:].strip()
                if data == "[DONE]":
                    break
                event = json.loads(data)
                if not isinstance(event, dict):
                    raise OutputError(f"not a completion chunk: {data[:60]!r}")
                if event.get("error"):
                    error = event["error"]
                    message = error.get("message") if isinstance(error, dict) else str(error)
                    raise provider_errors().api(
                        str(message or "error in the stream"),
                        response.http_request,
                        body=error,
                    )
                if event.get("usage"):
                    usage = Usage(
                        int(event["usage"].get("prompt_tokens") or 0),
                        int(event["usage"].get("completion_tokens") or 0),
                    )
                for choice in event.get("choices") or ():
                    piece = (choice.get("delta") or {}).get("content")
                    if isinstance(piece, str) and piece:
                        yield piece
        yield usage

    def _extra(self, purpose: Purpose, extra: dict[str, Any]) -> dict[str, Any]:
        """Request fields beyond LangChain's. LangChain sends the cap as
        `max_completion_tokens`, which OpenAI-compatible servers (llama.cpp, older vLLM) may
        not read: to a server of our own naming the cap goes as `max_tokens` as well."""
        if self.provider != "openai" or not self.settings.openai_base_url:
            return extra
        body = dict(extra.get("extra_body") or {})
        body.setdefault("max_tokens", purpose.max_tokens)
        return {**extra, "extra_body": body}

    # -- public calls ----------------------------------------------------------------------

    async def complete(
        self,
        messages: list[BaseMessage],
        purpose: Purpose = VOICE,
        *,
        deadline: float | None = None,
    ) -> tuple[str, Usage]:
        """The reply text and its token usage; raises LLMError."""

        async def run(_timeout: float) -> tuple[str, Usage]:
            text, usage = await self._collect(messages, purpose, {})
            if not text.strip():
                raise OutputError("empty completion")
            return text.strip(), usage

        return await self._attempts(self._deadline(deadline), run, purpose)

    async def stream(
        self,
        messages: list[BaseMessage],
        purpose: Purpose = VOICE,
        *,
        deadline: float | None = None,
    ) -> AsyncGenerator[str | Usage, None]:
        """Yield text pieces, then one `Usage`. Retries only before the first piece; the
        stream is read by a task of its own, cancelled (closing the request upstream) when
        the deadline passes or the caller stops reading."""
        at = self._deadline(deadline)
        queue: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()
        started = asyncio.Event()

        async def run(_timeout: float) -> None:
            got = False
            usage = Usage()
            try:
                async with (
                    _closing_opened(),
                    contextlib.aclosing(self._pieces(messages, purpose, {})) as pieces,
                ):
                    async for piece in pieces:
                        if isinstance(piece, Usage):
                            usage = piece
                            continue
                        got = True
                        started.set()
                        await queue.put(("piece", piece))
            except provider_errors().retryable + (provider_errors().api,) as exc:
                if got:  # text was shown: a retry would restart the reply, so it is final
                    raise LLMError(f"stream broke: {type(exc).__name__}: {exc}") from exc
                raise
            if not got:
                raise OutputError("empty completion")
            await queue.put(("usage", usage))

        async def produce() -> None:
            try:
                await self._attempts(at, run, purpose)
                await queue.put(("end", None))
            except asyncio.CancelledError:
                raise
            except BaseException as exc:
                await queue.put(("error", exc))

        # Once text is shown, a failure is final: no retry may restart the reply.
        producer = asyncio.create_task(produce())
        try:
            while True:
                left = at - time.monotonic()
                if left <= 0:
                    raise LLMTimeout("turn deadline passed mid-stream")
                try:
                    kind, value = await asyncio.wait_for(queue.get(), left)
                except TimeoutError as exc:
                    raise LLMTimeout("turn deadline passed mid-stream") from exc
                if kind in ("piece", "usage"):
                    yield value
                elif kind == "end":
                    return
                else:
                    if isinstance(value, LLMError):
                        if started.is_set() and not isinstance(value, LLMBug):
                            raise LLMError(f"stream broke: {value}") from value
                        raise value
                    raise LLMError(f"stream broke: {type(value).__name__}: {value}") from value
        finally:
            if not producer.done():
                producer.cancel()
                with contextlib.suppress(BaseException):
                    await producer

    async def structured(
        self,
        messages: list[BaseMessage],
        schema: type[T],
        *,
        json_schema: dict[str, Any] | None = None,
        purpose: Purpose | None = None,
        deadline: float | None = None,
    ) -> tuple[T, Usage]:
        """Output validated against the pydantic `schema`; `json_schema` (default: the
        schema's own) is what the server is asked to follow. Raises LLMError."""
        purpose = purpose or json_purpose("structured", 600)
        body_schema = json_schema or schema.model_json_schema()

        async def run(_timeout: float) -> tuple[T, Usage]:
            if self.provider != "openai":
                return await self._structured_other(messages, schema, body_schema, purpose)
            if self.structured_method == "json_schema":
                fmt: dict[str, Any] = {
                    "type": "json_schema",
                    "json_schema": {"name": schema.__name__, "schema": body_schema},
                }
            else:
                fmt = {"type": "json_object", "schema": body_schema}
            # Through extra_body: LangChain's own `response_format` path does not stream.
            extra = {"extra_body": {"response_format": fmt}}
            text, usage = await self._collect(messages, purpose, extra)
            return _parse(text, schema), usage

        return await self._attempts(self._deadline(deadline), run, purpose, structured=True)

    async def _structured_other(
        self,
        messages: list[BaseMessage],
        schema: type[T],
        body_schema: dict[str, Any],
        purpose: Purpose,
    ) -> tuple[T, Usage]:
        runnable = self.model(purpose).with_structured_output(
            body_schema, method="json_schema", include_raw=True
        )
        out = await runnable.ainvoke(messages)
        if out.get("parsing_error") or out.get("parsed") is None:
            raise OutputError(f"malformed structured output: {out.get('parsing_error')}")
        try:
            return schema.model_validate(out["parsed"]), _usage(out.get("raw"))
        except ValidationError as exc:
            msg = f"output does not fit the schema: {exc.error_count()} errors"
            raise OutputError(msg) from exc


# Errors that mean a bug in our code (or a library called wrongly), not a failing model:
# the client's own parse and transport failures are caught before these.
PROGRAMMING_ERRORS: tuple[type[BaseException], ...] = (
    TypeError,
    AttributeError,
    LookupError,  # KeyError, IndexError
    NameError,
    AssertionError,
    NotImplementedError,
    ValueError,
)


def _bug(exc: BaseException, purpose: Purpose) -> LLMBug:
    """Make a bug loud: its traceback at ERROR and a count apart from model failures."""
    log.error("bug in the LLM call for %s (not retried)", purpose.name, exc_info=exc)
    LLM_INTERNAL_ERRORS.labels(purpose=purpose.name).inc()
    return LLMBug(f"bug in our code, not the model: {type(exc).__name__}: {exc}")


def _parse(text: str, schema: type[T]) -> T:
    text = text.strip()
    if not text:
        raise OutputError("empty completion")
    if text.startswith("```"):
        text = text.strip("`").removeprefix("json").strip()
    try:
        return schema.model_validate_json(text)
    except ValidationError as exc:
        try:
            json.loads(text)
        except json.JSONDecodeError:
            raise OutputError(f"not JSON: {text[:60]!r}") from exc
        raise OutputError(f"output does not fit the schema: {exc.error_count()} errors") from exc
