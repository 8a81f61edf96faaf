"""Idempotency keys over both databases: which outcomes are stored, JSON-aware body
comparison, replayed headers, expiry and purge (with a controllable clock)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from app.api import middleware
from app.main import create_app
from app.store.models import IdempotencyRecord, utcnow
from tests.conftest import build_test_services
from tests.test_api import assert_problem

# Idempotency records are store rows (unique keys, leases): both databases.
pytestmark = pytest.mark.postgres

PROBLEM = "news-feed"


class FlakyLimiter:
    """Refuses the first `n` requests (429), then lets everything through."""

    def __init__(self, n: int):
        self.n = n

    async def take(self, who: str) -> float:
        if self.n > 0:
            self.n -= 1
            return 7.0
        return 0.0


def _records(services) -> int:
    with services.db.read() as db:
        return db.scalar(select(func.count()).select_from(IdempotencyRecord)) or 0


def test_rate_limited_then_success_with_the_same_key(client, services):
    real = services.keys.limiter
    services.keys.limiter = FlakyLimiter(1)
    try:
        h = {"Idempotency-Key": "after-429"}
        first = client.post("/v1/sessions", json={"problem_id": PROBLEM}, headers=h)
        assert_problem(first, 429)
        assert _records(services) == 0  # a 429 is never stored
        second = client.post("/v1/sessions", json={"problem_id": PROBLEM}, headers=h)
        assert second.status_code == 201, second.text
        assert "idempotent-replayed" not in second.headers
        third = client.post("/v1/sessions", json={"problem_id": PROBLEM}, headers=h)
        assert third.status_code == 201 and third.headers["idempotent-replayed"] == "true"
        assert third.json() == second.json()
        assert client.get("/v1/sessions").json()["total"] == 1
    finally:
        services.keys.limiter = real


def test_conflicts_are_not_stored_but_validation_errors_are(client, services):
    sid = client.post("/v1/sessions", json={"problem_id": PROBLEM}).json()["session"]["id"]
    client.post(f"/v1/sessions/{sid}/finish")
    h = {"Idempotency-Key": "late-message"}
    assert_problem(
        client.post(f"/v1/sessions/{sid}/messages", json={"content": "hi"}, headers=h), 409
    )
    assert _records(services) == 0
    h = {"Idempotency-Key": "bad-problem"}
    a = client.post("/v1/sessions", json={"problem_id": "no-such-problem"}, headers=h)
    b = client.post("/v1/sessions", json={"problem_id": "no-such-problem"}, headers=h)
    assert_problem(a, 422, "unknown-problem")
    assert_problem(b, 422, "unknown-problem")
    assert b.headers["idempotent-replayed"] == "true"
    assert b.headers["content-type"].startswith("application/problem+json")


def test_whitespace_and_key_order_replay_a_different_body_does_not(client):
    h = {"Idempotency-Key": "json-compare", "content-type": "application/json"}
    a = client.post(
        "/v1/sessions", content=b'{"problem_id": "news-feed", "level": "staff"}', headers=h
    )
    b = client.post(
        "/v1/sessions",
        content=b'{\n  "level" :"staff",\n\t"problem_id":"news-feed"\n}\n',
        headers=h,
    )
    assert a.status_code == b.status_code == 201
    assert b.headers["idempotent-replayed"] == "true" and a.json() == b.json()
    c = client.post(
        "/v1/sessions", content=b'{"problem_id": "news-feed", "level": "mid"}', headers=h
    )
    assert_problem(c, 422, "idempotency-mismatch")
    assert client.get("/v1/sessions").json()["total"] == 1


def test_the_same_bytes_declared_as_another_media_type_are_another_request(client):
    body = b'{"problem_id": "news-feed"}'
    h = {"Idempotency-Key": "media-type"}
    refused = client.post("/v1/sessions", content=body, headers={**h, "content-type": "text/plain"})
    assert_problem(refused, 415)
    # Not the stored 415 replayed: the same key with another request is a mismatch...
    again = client.post(
        "/v1/sessions", content=body, headers={**h, "content-type": "application/json"}
    )
    assert_problem(again, 422, "idempotency-mismatch")
    # ...and a JSON media type with parameters or a +json suffix is the JSON request still.
    h = {"Idempotency-Key": "media-type-json"}
    first = client.post(
        "/v1/sessions", content=body, headers={**h, "content-type": "application/json"}
    )
    assert first.status_code == 201
    for ctype in ("application/json; charset=utf-8", "application/vnd.mlsd+json"):
        replay = client.post("/v1/sessions", content=body, headers={**h, "content-type": ctype})
        assert replay.headers["idempotent-replayed"] == "true" and replay.json() == first.json()
    assert client.get("/v1/sessions").json()["total"] == 1


def test_replays_carry_the_original_headers(client):
    h = {"Idempotency-Key": "with-location"}
    a = client.post("/v1/sessions", json={"problem_id": PROBLEM}, headers=h)
    b = client.post("/v1/sessions", json={"problem_id": PROBLEM}, headers=h)
    sid = a.json()["session"]["id"]
    assert a.headers["location"] == b.headers["location"] == f"/v1/sessions/{sid}"
    assert b.headers["content-type"] == a.headers["content-type"]
    assert b.headers["x-request-id"] != a.headers["x-request-id"]  # per exchange, not replayed


def test_keys_expire_and_are_purged(settings, bank, retriever, matcher, monkeypatch):
    short = settings.model_copy(update={"idempotency_ttl_hours": 2.0})
    svc = build_test_services(short, bank, retriever, matcher)
    clock = {"now": utcnow()}
    monkeypatch.setattr(middleware, "now", lambda: clock["now"])
    try:
        with TestClient(create_app(short, services=svc)) as c:
            h = {"Idempotency-Key": "expiring"}
            a = c.post("/v1/sessions", json={"problem_id": PROBLEM}, headers=h)
            c.post(
                "/v1/sessions", json={"problem_id": PROBLEM}, headers={"Idempotency-Key": "other"}
            )
            assert _records(svc) == 2
            clock["now"] += timedelta(hours=1, minutes=59)
            b = c.post("/v1/sessions", json={"problem_id": PROBLEM}, headers=h)
            assert b.headers["idempotent-replayed"] == "true" and b.json() == a.json()
            clock["now"] += timedelta(minutes=2)  # past 2 h: expired
            d = c.post("/v1/sessions", json={"problem_id": "news-feed", "level": "mid"}, headers=h)
            assert d.status_code == 201 and "idempotent-replayed" not in d.headers
            assert d.json()["session"]["id"] != a.json()["session"]["id"]
            assert _records(svc) == 1  # "other" was purged; "expiring" is the new one
            assert c.get("/v1/sessions").json()["total"] == 3
    finally:
        svc.db.dispose()


def test_default_ttl_is_a_day(base_settings):
    assert base_settings.idempotency_ttl_hours == 24.0


def test_a_crashed_requests_key_is_free_again_after_one_lease(client, services, monkeypatch):
    """A placeholder left by a process that died mid-request (never refreshed) answers 409 only
    while it could still be running; after one lease the key serves the retry."""
    from app.store import repo

    clock = {"now": utcnow()}
    monkeypatch.setattr(middleware, "now", lambda: clock["now"])
    with services.db.write() as db:
        repo.ensure_tenant(db, "local")
        repo.save_idempotency(db, "local", "crashed", "x" * 64, 0, {}, created_at=clock["now"])
    h = {"Idempotency-Key": "crashed"}
    r = client.post("/v1/sessions", json={"problem_id": PROBLEM}, headers=h)
    assert r.status_code == 422  # the live placeholder holds the key (for another body here)
    clock["now"] += timedelta(seconds=services.settings.turn_lease_s + 1)
    r = client.post("/v1/sessions", json={"problem_id": PROBLEM}, headers=h)
    assert r.status_code == 201, r.text
    again = client.post("/v1/sessions", json={"problem_id": PROBLEM}, headers=h)
    assert again.headers.get("idempotent-replayed") == "true"
