"""Platform integration over both databases: tenants and keys, isolation across every
endpoint (walked from the OpenAPI document), progress, webhooks, idempotency, concurrency,
limits, CORS, metrics."""

from __future__ import annotations

import asyncio
import json
import re
import threading

import httpx
import pytest

from app.main import create_app
from app.webhooks.signing import generate_secret, verify
from tests.conftest import build_test_services
from tests.support.keys import add_key, bearer
from tests.support.receiver import FAST_RETRIES, Receiver, settled_deliveries
from tests.test_api import assert_problem

PROBLEM = "news-feed"


@pytest.fixture
def two_tenants(client, services):
    """A key each for acme and globex, on a server started with MLSD_AUTH_MODE=keys."""
    services.keys.mode = "keys"
    return add_key(services, "acme"), add_key(services, "globex")


def test_keys_required_once_configured(client, two_tenants):
    a, _ = two_tenants
    assert_problem(client.get("/v1/sessions"), 401)
    assert_problem(client.get("/v1/sessions", headers=bearer("mlsd_wrong")), 401)
    assert_problem(client.get("/v1/sessions", headers={"authorization": "Basic x"}), 401)
    assert client.get("/v1/sessions", headers=bearer(a)).status_code == 200
    assert client.get("/healthz").status_code == 200  # health stays open


def _fill(value: str, path: str, ids: dict[str, str]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: ids.get(m.group(1), value), path)


@pytest.mark.postgres
def test_no_endpoint_leaks_another_tenants_data(client, two_tenants):
    """Walk every operation of the OpenAPI document with tenant B against tenant A's ids."""
    a, b = two_tenants
    created = client.post(
        "/v1/sessions", json={"problem_id": PROBLEM, "candidate_ref": "ann"}, headers=bearer(a)
    ).json()
    sid = created["session"]["id"]
    secret_text = "my private answer about the xylophone ranking model"
    client.post(f"/v1/sessions/{sid}/messages", json={"content": secret_text}, headers=bearer(a))
    hook = client.post(
        "/v1/webhooks", json={"url": "http://127.0.0.1:9/hook"}, headers=bearer(a)
    ).json()
    ids = {
        "session_id": sid,
        "webhook_id": hook["id"],
        "candidate_ref": "ann",
        "problem_id": PROBLEM,
    }
    bodies = {
        "/v1/sessions": {"problem_id": PROBLEM},
        "/v1/sessions/{session_id}/messages": {"content": "hello"},
        "/v1/webhooks": {"url": "http://127.0.0.1:9/other"},
        "/v1/grade": {
            "problem_id": PROBLEM,
            "transcript": [{"role": "candidate", "content": "hi"}],
        },
    }
    spec = client.get("/openapi.json").json()
    walked = 0
    for path, ops in spec["paths"].items():
        for method in ops:
            if method not in {"get", "post", "delete"}:
                continue
            url = _fill("x", path, ids)
            r = client.request(method.upper(), url, headers=bearer(b), json=bodies.get(path))
            walked += 1
            text = r.text
            assert secret_text not in text, f"{method} {path} leaked a message"
            if any(k in path for k in ("{session_id}", "{webhook_id}", "{candidate_ref}")):
                assert r.status_code == 404, f"{method} {path} -> {r.status_code}"
                # A 404 may echo the id the caller sent, and nothing else.
                assert set(r.json()) <= {"type", "title", "status", "detail", "instance"}
            else:
                assert sid not in text and hook["id"] not in text, f"{method} {path}"
    assert walked >= 15
    # ...and tenant A still sees everything, untouched.
    t = client.get(f"/v1/sessions/{sid}/transcript", headers=bearer(a)).json()
    assert t["messages"][1]["content"] == secret_text
    assert client.get("/v1/webhooks", headers=bearer(a)).json()[0]["id"] == hook["id"]


@pytest.mark.postgres
def test_candidate_progress_over_sessions(client):
    for answers in (
        ["What is the business goal?"],
        [
            "What is the business goal?",
            "I'd rank with a pointwise model predicting "
            "engagement probability, trained on impression logs with a time split.",
        ],
    ):
        sid = client.post(
            "/v1/sessions", json={"problem_id": PROBLEM, "candidate_ref": "learner-7"}
        ).json()
        sid = sid["session"]["id"]
        for text in answers:
            client.post(f"/v1/sessions/{sid}/messages", json={"content": text})
        client.post(f"/v1/sessions/{sid}/finish")
    client.post("/v1/sessions", json={"problem_id": PROBLEM, "candidate_ref": "learner-7"})
    p = client.get("/v1/candidates/learner-7/progress").json()
    assert len(p["sessions"]) == 3 and p["graded_sessions"] == 2
    assert p["sessions"][0]["created_at"] <= p["sessions"][1]["created_at"]
    assert set(p["stages"]) == {"clarify", "frame", "data", "model", "evaluate", "serve", "monitor"}
    assert p["sessions"][1]["overall"] is not None and p["sessions"][2]["overall"] is None
    assert_problem(client.get("/v1/candidates/nobody/progress"), 404)


def test_webhooks_signed_delivered_and_never_blocking(client, services):
    secret = generate_secret()
    gate = threading.Event()
    with Receiver(gate=gate) as rx:
        made = client.post("/v1/webhooks", json={"url": rx.url, "secret": secret}).json()
        assert made["secret"] == secret
        assert "secret" not in client.get("/v1/webhooks").json()[0]
        sid = client.post("/v1/sessions", json={"problem_id": PROBLEM}).json()["session"]["id"]
        client.post(f"/v1/sessions/{sid}/messages", json={"content": "What's the goal?"})
        # The receiver answers nothing until the API has answered: had `finish` waited for
        # a delivery, that attempt would have timed out and been retried (attempts > 1).
        assert client.post(f"/v1/sessions/{sid}/finish").status_code == 201
        gate.set()
        assert rx.wait_for(2)
        events = set()
        for req in rx.requests:
            h = req["headers"]
            assert verify(secret, req["body"], h)
            assert not verify(generate_secret(), req["body"], h)
            payload = json.loads(req["body"])
            assert payload["data"].get("session_id") == sid
            events.add(h["x-mlsd-event"])
        assert events == {"session.finished", "report.ready"}
        deliveries = settled_deliveries(client, made["id"], "delivered")
        assert sorted(d["event"] for d in deliveries) == ["report.ready", "session.finished"]
        assert [d["attempts"] for d in deliveries] == [1, 1]


@pytest.mark.postgres
def test_webhook_failures_are_retried_and_recorded(client, services):
    services.webhooks.schedule = FAST_RETRIES
    with Receiver(then=503) as rx:
        made = client.post("/v1/webhooks", json={"url": rx.url, "events": ["report.ready"]}).json()
        r = client.post(
            "/v1/grade",
            json={
                "problem_id": PROBLEM,
                "transcript": [
                    {"role": "candidate", "content": "I'd use logistic regression as a baseline."}
                ],
            },
        )
        assert r.status_code == 201
        (d,) = settled_deliveries(client, made["id"], "failed")
        assert d["attempts"] == 5 and d["last_status_code"] == 503
        assert len(rx.requests) == 5
    assert_problem(client.post("/v1/webhooks", json={"url": "not a url"}), 422)
    assert client.delete(f"/v1/webhooks/{made['id']}").status_code == 204
    assert_problem(client.delete(f"/v1/webhooks/{made['id']}"), 404)


@pytest.mark.postgres
def test_idempotency_keys(client):
    h = {"Idempotency-Key": "create-1"}
    a = client.post("/v1/sessions", json={"problem_id": PROBLEM}, headers=h)
    b = client.post("/v1/sessions", json={"problem_id": PROBLEM}, headers=h)
    assert a.status_code == b.status_code == 201
    assert a.json() == b.json() and b.headers.get("idempotent-replayed") == "true"
    assert client.get("/v1/sessions").json()["total"] == 1
    sid = a.json()["session"]["id"]
    h2 = {"Idempotency-Key": "msg-1"}
    m1 = client.post(
        f"/v1/sessions/{sid}/messages", json={"content": "How many users?"}, headers=h2
    )
    m2 = client.post(
        f"/v1/sessions/{sid}/messages", json={"content": "How many users?"}, headers=h2
    )
    assert m1.json() == m2.json()
    assert client.get(f"/v1/sessions/{sid}").json()["message_count"] == 3
    assert_problem(
        client.post(f"/v1/sessions/{sid}/messages", json={"content": "other"}, headers=h2),
        422,
        "idempotency-mismatch",
    )


async def _parallel_posts(apps, sid: str, n: int) -> list[tuple[str, int, str]]:
    clients = [
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver")
        for app in apps
    ]
    texts = [f"Parallel message {i}: I'd use a two-tower model." for i in range(n)]
    try:
        tasks = [
            clients[i % len(clients)].post(f"/v1/sessions/{sid}/messages", json={"content": t})
            for i, t in enumerate(texts)
        ]
        out = await asyncio.gather(*tasks)
        return [(t, r.status_code, r.text) for t, r in zip(texts, out, strict=True)]
    finally:
        for c in clients:
            await c.aclose()


def _assert_serialised(client, sid: str, results) -> None:
    """Every accepted message has exactly its own reply right after it; rejected ones (the
    interview may end before all 50 arrive: 409) were not stored; nothing interleaved."""
    accepted = [t for t, code, _ in results if code == 201]
    for _, code, body in results:
        assert code == 201 or (code == 409 and "ended" in body), body
    assert len(accepted) >= 20
    msgs = client.get(f"/v1/sessions/{sid}/transcript").json()["messages"]
    n = len(accepted)
    assert [m["seq"] for m in msgs] == list(range(1, 2 * n + 2))
    assert [m["role"] for m in msgs] == ["interviewer"] + ["candidate", "interviewer"] * n
    assert sorted(m["content"] for m in msgs if m["role"] == "candidate") == sorted(accepted)


@pytest.mark.postgres
def test_fifty_parallel_posts_are_serialised(client):
    sid = client.post("/v1/sessions", json={"problem_id": PROBLEM}).json()["session"]["id"]
    results = client.portal.call(_parallel_posts, [client.app], sid, 50)
    _assert_serialised(client, sid, results)


@pytest.mark.postgres
def test_two_workers_sharing_the_database_never_interleave(
    client, settings, bank, retriever, matcher
):
    sid = client.post("/v1/sessions", json={"problem_id": PROBLEM}).json()["session"]["id"]
    other = build_test_services(settings, bank, retriever, matcher)
    app2 = create_app(settings, services=other)
    app2.state.services = other
    results = client.portal.call(_parallel_posts, [client.app, app2], sid, 30)
    _assert_serialised(client, sid, results)
    other.db.dispose()


def test_limits(app_with):
    c, _ = app_with(rate_limit_per_minute=5, max_messages_per_session=3)
    sid = c.post("/v1/sessions", json={"problem_id": PROBLEM}).json()["session"]["id"]
    assert c.post(f"/v1/sessions/{sid}/messages", json={"content": "hi"}).status_code == 201
    assert_problem(c.post(f"/v1/sessions/{sid}/messages", json={"content": "more"}), 409, "limit")
    codes = [c.get("/v1/problems").status_code for _ in range(5)]
    r = c.get("/v1/problems")
    # 5 a minute: the session, two posts and two reads pass; everything after is refused.
    assert codes == [200, 200, 429, 429, 429], codes
    assert_problem(r, 429)
    assert int(r.headers["retry-after"]) >= 1


def test_cors_off_by_default_and_on_when_configured(client, app_with):
    r = client.get("/v1/problems", headers={"origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers
    c, _ = app_with(cors_origins=["https://app.example"])
    ok = c.get("/v1/problems", headers={"origin": "https://app.example"})
    assert ok.headers["access-control-allow-origin"] == "https://app.example"
    bad = c.get("/v1/problems", headers={"origin": "https://evil.example"})
    assert "access-control-allow-origin" not in bad.headers


def test_metrics_and_request_ids(client):
    sid = client.post("/v1/sessions", json={"problem_id": PROBLEM}).json()["session"]["id"]
    r = client.post(
        f"/v1/sessions/{sid}/messages",
        json={"content": "How many users?"},
        headers={"x-request-id": "req-abc"},
    )
    assert r.headers["x-request-id"] == "req-abc"
    assert client.get("/healthz").headers["x-request-id"]
    client.post(f"/v1/sessions/{sid}/finish")
    text = client.get("/metrics").text
    assert "mlsd_http_request_seconds_bucket" in text
    assert re.search(r'mlsd_turns_total\{move="answer",voice="template"\} [1-9]', text)
    assert "mlsd_grading_seconds_count" in text


def test_finishing_in_the_browser_also_notifies(client, services):
    with Receiver() as rx:
        client.post("/v1/webhooks", json={"url": rx.url})
        sid = client.post("/v1/sessions", json={"problem_id": PROBLEM}).json()["session"]["id"]
        client.post(f"/v1/sessions/{sid}/messages", json={"content": "What's the goal?"})
        r = client.post(
            f"/app/sessions/{sid}/finish",
            headers={"referer": "http://testserver/"},  # form posts name their origin
            follow_redirects=False,
        )
        assert r.status_code == 303
        assert rx.wait_for(2)
        assert {q["headers"]["x-mlsd-event"] for q in rx.requests} == {
            "session.finished",
            "report.ready",
        }


@pytest.mark.postgres
def test_webhooks_per_tenant_are_capped(client, services):
    """One event is one delivery per webhook: a tenant may register only so many (409
    beyond), so one call cannot fan out without bound; deleting one makes room."""
    services.webhooks.max_per_tenant = 2
    made = [
        client.post("/v1/webhooks", json={"url": f"https://hooks.example/{i}"}) for i in range(2)
    ]
    assert [r.status_code for r in made] == [201, 201]
    r = client.post("/v1/webhooks", json={"url": "https://hooks.example/2"})
    assert_problem(r, 409)
    assert "at most 2" in r.json()["detail"]
    assert len(client.get("/v1/webhooks").json()) == 2  # nothing stored
    assert client.delete(f"/v1/webhooks/{made[0].json()['id']}").status_code == 204
    assert client.post("/v1/webhooks", json={"url": "https://hooks.example/2"}).status_code == 201
