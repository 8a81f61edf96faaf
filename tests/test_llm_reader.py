"""The LLM reader against the fault-injection server: its checks (verified quotes, known ids),
the merge with the offline reading, and fallback. Against a real model: test_llm_real.py."""

from __future__ import annotations

import asyncio
import json
import re

import pytest
from fastapi.testclient import TestClient

from app.llm.client import ChatClient
from app.main import create_app
from app.understanding import schema
from app.understanding.llm_reader import LLMReader
from app.understanding.quotes import has_quote
from bench.fakellm import FakeLLM, default_responder, running
from tests.conftest import ROOT, build_test_services
from tests.support.llm import fresh, openai_settings
from tests.support.sse import stream_turn

PROBLEM = "ad-click-prediction"
TEXT = (
    "How many daily active users do we have? I would not split randomly; I'd split by time "
    "and track log loss and calibration offline."
)


@pytest.fixture(scope="module")
def fake():
    with running(FakeLLM()) as (url, state):
        yield url, state


@pytest.fixture
def reader(fake, base_settings, bank):
    url, state = fake
    fresh(state, lambda body: '{"intents": [], "questions": [], "claims": []}')
    # No test here waits on a timeout; 2 s was once too short for a loaded CI machine's
    # first call (client set-up included), and the reader fell back instead of asking.
    settings = openai_settings(
        base_settings, url, llm_model="fake-reader", llm_max_retries=1, llm_timeout_s=15.0
    )
    return LLMReader(ChatClient(settings, temperature=0.0), bank, ROOT / "prompts"), state


def _base(bank, text=TEXT):
    crit = next(c for c in bank.criteria_for(PROBLEM, "senior") if c.stage == "evaluate")
    return schema.Reading(
        text=text,
        norm=text.lower(),
        word_count=len(text.split()),
        content_count=12,
        intents=["answer"],
        stages=["evaluate"],
        claims=[schema.Claim(criterion_id=crit.id, quote="log loss", reasoned=True, score=0.7)],
    ), crit


def _ids(body):
    user = body["messages"][-1]["content"]
    crits = re.findall(r"^- ([a-z0-9-]+): ", user, re.M)
    return user, crits


def _read(reader, bank, text=TEXT, base=None):
    base = base or _base(bank, text)[0]
    return asyncio.run(
        reader.read(
            text,
            problem_id=PROBLEM,
            level="senior",
            stage="evaluate",
            open_question="How would you evaluate it?",
            base=base,
        )
    )


def test_prompt_schema_and_checked_output(reader, bank):
    r, state = reader
    base, crit = _base(bank)
    fact = bank.problem(PROBLEM).facts[0].id

    def respond(body):
        return json.dumps(
            {
                "intents": ["ask", "answer", "bogus"],
                "questions": [
                    {"text": "How many daily active users do we have?", "fact_id": fact},
                    {"text": "What is the budget?", "fact_id": fact},  # not in the message
                ],
                "claims": [
                    {
                        "criterion_id": crit.id,
                        "quote": "track LOG loss  and calibration",
                        "polarity": "affirmed",
                    },
                    {
                        "criterion_id": "no-such-criterion",
                        "quote": "split by time",
                        "polarity": "affirmed",
                    },
                    {"criterion_id": crit.id, "quote": "split by time", "polarity": "hedged"},
                ],
            }
        )

    state.responder = respond
    reading = _read(r, bank)
    body = state.requests[-1]
    user, listed = _ids(body)
    assert "<candidate_message>" in user and body["temperature"] == 0.0
    fmt = body["response_format"]["json_schema"]["schema"]["properties"]
    assert fmt["claims"]["items"]["properties"]["criterion_id"]["enum"] == [
        c.id for c in bank.criteria_for(PROBLEM, "senior") if c.stage == "evaluate"
    ]
    assert fact in fmt["questions"]["items"]["properties"]["fact_id"]["enum"]
    assert reading.fallback is None and reading.reader == "llm:fake-reader"
    assert [q.text for q in reading.questions] == ["How many daily active users do we have?"]
    assert reading.questions[0].fact_id == fact
    assert reading.intents == ["ask", "answer"]
    assert [c.quote for c in reading.claims] == ["track LOG loss  and calibration", "split by time"]
    assert reading.claims[0].reasoned and reading.claims[1].polarity == "hedged"
    # Fields the model does not fill come from the offline reading.
    assert reading.word_count == base.word_count and reading.norm == base.norm
    for c in reading.claims:
        assert has_quote(TEXT, c.quote)
    schema.Reading.model_validate(reading.model_dump())


def test_invented_quotes_mean_fallback(reader, bank, caplog):
    r, state = reader
    base, crit = _base(bank)
    state.responder = lambda body: json.dumps(
        {
            "intents": ["answer"],
            "questions": [],
            "claims": [
                {
                    "criterion_id": crit.id,
                    "quote": "I built a perfect system",
                    "polarity": "affirmed",
                }
            ],
        }
    )
    with caplog.at_level("INFO", logger="app.understanding.llm_reader"):
        reading = _read(r, bank)
    assert reading.fallback and "verification" in reading.fallback
    assert reading.claims == base.claims and reading.reader == base.reader
    assert "unverifiable quote" in caplog.text and "fell back" in caplog.text


@pytest.mark.parametrize("fault", ["garbage", "500", "empty"])
def test_failures_fall_back_to_the_offline_reading(reader, bank, fault):
    r, state = reader
    base, _ = _base(bank)
    state.queue(fault, fault, fault)  # (a 500 to json_schema first switches to JSON mode)
    reading = _read(r, bank)
    assert reading.fallback and reading.fallback.startswith("llm error")
    assert reading.model_dump(exclude={"fallback"}) == base.model_dump(exclude={"fallback"})


def test_not_json_falls_back(reader, bank):
    r, state = reader
    state.responder = lambda body: "Sure! The candidate asked about users."
    reading = _read(r, bank)
    assert reading.fallback and "not JSON" in reading.fallback
    assert len(state.requests) == 2  # a parse failure is retried once, then fallback


def _is_reader(body) -> bool:
    return "You read one message" in json.dumps(body.get("messages", [])[:1])


def _model_services(url, settings, bank, retriever, matcher):
    settings = openai_settings(settings, url, llm_model="fake-reader")
    return settings, build_test_services(
        settings, bank, retriever, matcher, chat=ChatClient(settings)
    )


def test_the_interviewer_acts_on_the_llm_reading(fake, settings, bank, retriever, matcher):
    """Wired into the turn: with a model configured, the policy decides on the LLM's reading
    (here: "wrap up", which the offline reader would never read in "hmm ok")."""
    url, state = fake

    def respond(body):
        if _is_reader(body):
            return json.dumps({"intents": ["finish"], "questions": [], "claims": []})
        return "Okay, let's wrap up here. Thanks for walking me through it."

    fresh(state, respond)
    # the model answers after a latency, so the voice's draft on the offline move is in before
    # the reading comes back whatever the machine's load (without it the draft could start
    # after the reading and there would be nothing to drop)
    state.latency_s = 0.3
    settings, svc = _model_services(url, settings, bank, retriever, matcher)
    assert svc.interviews.llm_reader is not None
    with TestClient(create_app(settings, services=svc)) as c:
        sid = c.post("/v1/sessions", json={"problem_id": PROBLEM}).json()["session"]["id"]
        reply = c.post(f"/v1/sessions/{sid}/messages", json={"content": "hmm ok"}).json()["reply"]
    svc.db.dispose()
    assert reply["move"] == "wrap_up", reply
    assert any("You read one message" in json.dumps(b) for b in state.requests)
    # the draft on the offline move was dropped and the voice spoke again on the model's
    voice = [b for b in state.requests if "You read one message" not in json.dumps(b)[:4000]]
    assert len(voice) == 2, len(voice)


@pytest.mark.parametrize(("stream", "speculative"), [(False, True), (True, True), (False, False)])
def test_the_reply_is_drafted_while_the_model_reads(
    fake, settings, bank, retriever, matcher, stream, speculative
):
    """The voice starts on the offline reading's move while the model reads; a model
    reading that leads to the same move keeps that draft (one model latency per turn, not
    two). The voice's request reaches the server while the reader's is still in flight,
    unless speculative drafts are turned off (a server that runs one request at a time)."""
    url, state = fake
    overlapped: list[bool] = []

    def respond(body):
        if _is_reader(body):
            # Answered after the server's latency: the voice's request is already in.
            overlapped.append(any(not _is_reader(b) for b in list(state.requests)))
            question = {"text": text, "fact_id": "scale-users"}
            return json.dumps({"intents": ["ask"], "questions": [question], "claims": []})
        return default_responder(body)

    fresh(state, respond)
    state.latency_s = 1.0
    settings, svc = _model_services(url, settings, bank, retriever, matcher)
    settings = settings.model_copy(update={"llm_speculative_draft": speculative})
    svc.interviews.settings = settings
    text = "How many daily active users do we have?"
    try:
        with TestClient(create_app(settings, services=svc)) as c:
            sid = c.post("/v1/sessions", json={"problem_id": PROBLEM}).json()["session"]["id"]
            url_messages = f"/v1/sessions/{sid}/messages"
            if stream:
                reply = json.loads(dict(stream_turn(c, sid, text))["done"])["reply"]
            else:
                reply = c.post(url_messages, json={"content": text}).json()["reply"]
    finally:
        state.latency_s = 0.0
        svc.db.dispose()
    voice = [b for b in state.requests if not _is_reader(b)]
    assert overlapped == [speculative], "the voice waited for the reader, or did not"
    assert len(voice) == 1, "an agreeing reading must keep the draft, not ask again"
    assert reply["move"] == "answer" and reply["facts_answered"] == ["scale-users"], reply
    assert reply["fallback"] is False, reply


def test_breaker_skips_a_model_that_keeps_failing():
    from app.interview.service import Breaker

    b = Breaker(threshold=3, skip=2)
    for _ in range(3):
        assert b.allows()
        b.record(ok=False)
    assert [b.allows(), b.allows(), b.allows()] == [False, False, True]
    b.record(ok=True)
    b.record(ok=False)
    assert b.allows()  # one failure after a success does not trip it
