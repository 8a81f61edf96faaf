"""The chat client's contract over real HTTP (fault-injection server): provider prefixes,
token caps and stop sequences per purpose, one deadline per turn, what is retried."""

from __future__ import annotations

import asyncio
import logging
import threading
import time

import pytest
from langchain_core.messages import HumanMessage
from pydantic import BaseModel

from app.llm.client import (
    VOICE,
    ChatClient,
    LLMBug,
    LLMError,
    LLMTimeout,
    json_purpose,
    parse_model_name,
    turn_deadline,
    voice_purpose,
)
from app.observability import REGISTRY
from bench.fakellm import FakeLLM, running

MSGS = [HumanMessage("<draft>What is the business objective?</draft>")]


@pytest.fixture(scope="module")
def fake():
    with running(FakeLLM(hang_s=5.0)) as (url, state):
        yield url, state


@pytest.fixture
def client(fake, base_settings):
    url, state = fake
    state.requests.clear()
    state.faults.clear()
    state.latency_s = 0.0
    settings = base_settings.model_copy(
        update={
            "llm": "openai",
            "openai_base_url": url,
            "openai_api_key": "k",
            "llm_model": "fake-model",
            "llm_max_retries": 2,
            "llm_timeout_s": 10.0,
            "llm_turn_deadline_s": 3.0,
        }
    )
    return ChatClient(settings), state


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("gpt-4o-mini", ("openai", "gpt-4o-mini")),
        ("openai:gpt-4o-mini", ("openai", "gpt-4o-mini")),
        ("ollama:llama3.2", ("ollama", "llama3.2")),
        ("anthropic:claude-x", ("anthropic", "claude-x")),
        ("llama3:8b", ("openai", "llama3:8b")),  # an Ollama tag, not a provider
        ("gemma3-270m", ("openai", "gemma3-270m")),
    ],
)
def test_provider_prefix(name, expected):
    assert parse_model_name(name) == expected


def test_every_call_is_capped_stopped_and_streamed(client):
    chat, state = client
    text, usage = asyncio.run(chat.complete(MSGS, voice_purpose("What is the objective?")))
    assert text == "What is the business objective?" and usage.output_tokens > 0
    body = state.requests[-1]
    assert body["stream"] is True
    assert body["max_tokens"] == body["max_completion_tokens"] == 32 + 3 * 4
    assert body["stop"] == list(VOICE.stop)
    assert body["model"] == "fake-model"


def test_the_sdk_route_sends_and_reads_what_langchain_would(client):
    """OpenAI-compatible servers are streamed through the SDK and read as plain server-sent
    events (LangChain's per-token objects cost most of the server's CPU under load); other
    providers go through LangChain. Both routes send the same request and read the same
    text and usage."""
    chat, state = client

    async def collect(route):
        return [piece async for piece in route(MSGS, VOICE, {})]

    sdk = asyncio.run(collect(chat._sdk_pieces))
    sdk_body = state.requests[-1]
    langchain = asyncio.run(collect(chat._langchain_pieces))
    langchain_body = state.requests[-1]
    assert "".join(sdk[:-1]) == "".join(langchain[:-1]) == "What is the business objective?"
    assert sdk[-1] == langchain[-1] and sdk[-1].output_tokens > 0
    keys = ("model", "messages", "stream", "stream_options", "stop", "temperature")
    keys += ("max_tokens", "max_completion_tokens")
    assert {k: sdk_body.get(k) for k in keys} == {k: langchain_body.get(k) for k in keys}


def test_an_error_event_in_the_stream_is_a_provider_error(client):
    """A server that reports an error inside the stream (after a 200) fails the call with
    the provider's message, as the SDK's own stream would: not retried, not a bug of ours."""
    chat, state = client
    state.queue("error_event")
    with pytest.raises(LLMError) as caught:
        asyncio.run(chat.complete(MSGS))
    assert not isinstance(caught.value, LLMBug)
    assert "overloaded" in str(caught.value)
    assert len(state.requests) == 1


def test_one_deadline_for_the_turn(client):
    """Two calls in one turn share its deadline: the second gets only what is left. The
    second call would take 6 s; it is cut when the turn's 2 s are spent, not after its own
    10 s timeout (the margins hold on a loaded machine: no bound near the latencies)."""
    chat, state = client

    async def turn():
        with turn_deadline(2.0):
            await chat.complete(MSGS)
            state.latency_s = 6.0
            await chat.complete(MSGS)

    t0 = time.monotonic()
    with pytest.raises(LLMTimeout):
        asyncio.run(turn())
    assert time.monotonic() - t0 < 5.0
    assert len(state.requests) == 2


def test_a_timed_out_attempt_is_not_repeated(client):
    chat, state = client
    state.queue("timeout")
    t0 = time.monotonic()
    with pytest.raises(LLMTimeout):
        asyncio.run(chat.complete(MSGS, deadline=time.monotonic() + 1.0))
    assert time.monotonic() - t0 < 1.5
    assert len(state.requests) == 1


def test_retries_fit_inside_the_deadline(client):
    chat, state = client
    state.queue("500", "503", "500", "500")
    with pytest.raises(LLMError):
        asyncio.run(chat.complete(MSGS))
    assert len(state.requests) == 3  # one try and two retries, no more


def test_client_errors_are_not_retried(client):
    chat, state = client
    state.queue("400")
    with pytest.raises(LLMError, match="400"):
        asyncio.run(chat.complete(MSGS))
    assert len(state.requests) == 1


def test_unparseable_output_is_retried_then_fails(client):
    from app.grading.judges import StageVerdict
    from bench.fakellm import default_responder

    chat, state = client
    state.responder = lambda body: "not json at all"
    try:
        with pytest.raises(LLMError, match="not JSON"):
            asyncio.run(chat.structured(MSGS, StageVerdict, purpose=json_purpose("t", 50)))
    finally:
        state.responder = default_responder
    assert len(state.requests) == 3  # retried within the budget, then the caller falls back


def _bugs(purpose: str) -> float:
    """How many calls for `purpose` a bug in our code has ended (the metric's count)."""
    value = REGISTRY.get_sample_value("mlsd_llm_internal_errors_total", {"purpose": purpose})
    return value or 0.0


async def _read_stream(chat: ChatClient) -> str:
    return "".join([p async for p in chat.stream(MSGS) if isinstance(p, str)])


class Verdict(BaseModel):
    ok: bool


CALLS = {
    "complete": lambda chat: chat.complete(MSGS),
    "stream": _read_stream,
    "structured": lambda chat: chat.structured(MSGS, Verdict, purpose=json_purpose("t", 50)),
}


@pytest.mark.parametrize("call", sorted(CALLS))
def test_a_bug_in_our_code_is_tried_once_logged_and_counted_apart(client, caplog, call):
    """A ValueError of our own making is a bug, not a flaky model: no retry, its traceback
    at ERROR, a count of its own, and an `LLMBug` (callers still fall back on it)."""
    chat, state = client
    tries = []

    def broken_request(purpose, extra):  # stands in for a bug in building the request
        tries.append(purpose.name)
        raise ValueError("bug: a field we build is wrong")

    chat._extra = broken_request
    purpose = "t" if call == "structured" else VOICE.name
    before = _bugs(purpose)
    expected = pytest.raises(LLMBug, match="ValueError: bug: a field we build is wrong")
    with caplog.at_level(logging.INFO, logger="app.llm.client"), expected:
        asyncio.run(CALLS[call](chat))
    assert tries == [purpose]  # attempted exactly once
    assert state.requests == []  # nothing was sent
    assert _bugs(purpose) == before + 1
    (record,) = [r for r in caplog.records if r.levelno == logging.ERROR]
    # the traceback: on the record, or already formatted (and redacted) into exc_text when
    # an app built earlier in this process installed the log redaction filter
    traceback = (
        caplog.handler.formatter.formatException(record.exc_info)
        if record.exc_info
        else (record.exc_text or "")
    )
    assert "ValueError: bug: a field we build is wrong" in traceback
    assert "retrying" not in caplog.text


def test_model_failures_are_not_counted_as_bugs(client, caplog):
    chat, state = client
    state.queue("500", "500", "500")
    before = _bugs(VOICE.name)
    with caplog.at_level(logging.INFO, logger="app.llm.client"), pytest.raises(LLMError) as failed:
        asyncio.run(chat.complete(MSGS))
    assert not isinstance(failed.value, LLMBug)
    assert _bugs(VOICE.name) == before
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_a_turn_keeps_time_after_its_model_calls():
    """The turn's deadline runs from its arrival, and the model's calls end a reserve before
    it, so the fallback reply is stored in time (the reserve is a tenth of a short one)."""
    from types import SimpleNamespace

    from app.interview.service import InterviewService

    def budget(deadline_s: float, waited_s: float) -> float:
        svc = SimpleNamespace(settings=SimpleNamespace(llm_turn_deadline_s=deadline_s))
        return InterviewService._llm_budget(svc, time.monotonic() - waited_s)  # type: ignore[arg-type]

    assert 16.9 < budget(20.0, waited_s=2.0) <= 17.0
    assert 1.30 < budget(1.5, waited_s=0.0) <= 1.35
    assert budget(20.0, waited_s=25.0) == 0.0


@pytest.mark.parametrize("streamed", [False, True])
def test_an_abandoned_stream_is_closed_before_the_call_returns(client, streamed):
    """At the deadline the call closes its HTTP stream itself, before it returns: the server
    sees the client hang up while the client (and its connection pool) is still alive and no
    event loop runs any more. LangChain leaves the provider's stream to the garbage collector
    when its own generator is closed; a loop that ends at once may never close it, and a local
    server (llama.cpp) would write on for nobody."""
    chat, state = client
    state.hung_up.clear()
    state.queue("drip")  # a model that never stops

    async def call():
        at = time.monotonic() + 1.0
        if streamed:
            async for _ in chat.stream(MSGS, deadline=at):
                pass
        else:
            await chat.complete(MSGS, deadline=at)

    # in a thread of its own, so a call that never returns fails the test, not the suite
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            asyncio.run(call())
            outcome.append(None)
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(15.0)
    assert outcome, "the call did not return within 15 s of its 1 s deadline"
    assert isinstance(outcome[0], LLMTimeout), outcome
    assert state.hung_up.wait(3.0), "the stream was left open"


def test_langchain_openai_keeps_no_chunk_timer_of_its_own(client):
    """langchain-openai's per-chunk timeout reads each chunk in a task of its own under
    `asyncio.wait_for`; cancelled at our deadline, that nesting hung an abandoned stream for
    good about once in ten (Python 3.11). Our deadline bounds every call instead."""
    chat, _ = client

    async def model():
        return chat.model()

    assert asyncio.run(model()).stream_chunk_timeout is None
