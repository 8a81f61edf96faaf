"""Limits as HTTP expects them, over both databases: a rate limit shared by every worker
through Redis, 400 for malformed JSON, 415 for a body that is not JSON, 405 with a correct
`Allow`, and the message length limit in the OpenAPI schema equal to the setting.

Redis: `MLSD_TEST_REDIS_URL` (default redis://127.0.0.1:6379/0); each run uses a key prefix
of its own and deletes its keys. Unreachable Redis skips, except under CI (`CI` set)."""

from __future__ import annotations

import asyncio
import os
import uuid

import httpx
import pytest
from fastapi.testclient import TestClient

from app.auth.ratelimit import RateLimiter
from app.main import create_app
from tests.conftest import build_test_services
from tests.support.mlsd import both_workers, build_index, mlsd_env, mlsd_serve
from tests.test_api import assert_problem

PROBLEM = "news-feed"
REDIS_URL = os.environ.get("MLSD_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
def redis_url() -> str:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except Exception as exc:
        if os.environ.get("CI"):
            pytest.fail(f"Redis unreachable under CI: {exc}")
        pytest.skip(f"Redis unreachable: {exc}")
    return REDIS_URL


async def _burst(apps, n: int) -> list[int]:
    """`n` requests, alternating between the apps (two workers behind one balancer)."""
    clients = [
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://localhost")
        for app in apps
    ]
    try:
        codes = []
        for i in range(n):
            r = await clients[i % len(clients)].get("/v1/problems")
            codes.append(r.status_code)
            if r.status_code == 429:
                assert int(r.headers["retry-after"]) >= 1
                assert r.headers["content-type"].startswith("application/problem+json")
        return codes
    finally:
        for c in clients:
            await c.aclose()


def _two_workers(settings, bank, retriever, matcher):
    out = []
    for _ in range(2):
        svc = build_test_services(settings, bank, retriever, matcher)
        app = create_app(settings, services=svc)
        app.state.services = svc  # no lifespan under ASGITransport
        out.append((app, svc))
    return out


def test_two_workers_one_redis_share_the_limit(settings, bank, retriever, matcher, redis_url):
    prefix = f"mlsd-test-{uuid.uuid4().hex[:10]}"
    shared = settings.model_copy(
        update={"rate_limit_per_minute": 5, "redis_url": redis_url, "redis_prefix": prefix}
    )
    workers = _two_workers(shared, bank, retriever, matcher)
    try:
        codes = asyncio.run(_burst([app for app, _ in workers], 12))
        assert codes.count(200) == 5, codes  # in total, not 5 per worker
        assert codes[:5] == [200] * 5 and set(codes[5:]) == {429}
    finally:
        asyncio.run(workers[0][1].keys.limiter.reset())  # deletes this run's keys only
        for _, svc in workers:
            svc.db.dispose()
    import redis

    assert not redis.Redis.from_url(redis_url).keys(f"{prefix}*")


def test_without_redis_each_worker_counts_alone(settings, bank, retriever, matcher):
    local = settings.model_copy(update={"rate_limit_per_minute": 3, "redis_url": None})
    workers = _two_workers(local, bank, retriever, matcher)
    try:
        codes = asyncio.run(_burst([app for app, _ in workers], 8))
        assert codes.count(200) == 6, codes  # 3 per process: why Redis is recommended
    finally:
        for _, svc in workers:
            svc.db.dispose()


def test_unreachable_redis_fails_open():
    limiter = RateLimiter(1, "redis://127.0.0.1:1/0", prefix="nowhere")

    async def twice() -> list[float]:
        return [await limiter.take("k"), await limiter.take("k")]

    assert asyncio.run(twice()) == [0.0, 0.0]


def test_malformed_json_is_400(client):
    r = client.post(
        "/v1/sessions",
        content=b'{"problem_id": ',
        headers={"content-type": "application/json"},
    )
    body = assert_problem(r, 400, "malformed-json")
    assert "JSON" in body["detail"]
    assert_problem(
        client.post(
            "/v1/sessions", content=b"{'single': 1}", headers={"content-type": "application/json"}
        ),
        400,
    )
    # Well-formed JSON of the wrong shape is still a validation error.
    assert_problem(client.post("/v1/sessions", json={"problem_id": 7}), 422)
    assert_problem(client.post("/v1/sessions", json=[1, 2]), 422)


@pytest.mark.parametrize(
    "ctype",
    ["text/plain", "application/x-www-form-urlencoded", "application/xml", None],
)
def test_a_body_that_is_not_json_is_415(client, ctype):
    headers = {"content-type": ctype} if ctype else {}
    r = client.post("/v1/sessions", content=b'{"problem_id": "news-feed"}', headers=headers)
    assert_problem(r, 415, "unsupported-media-type")
    sid = client.post("/v1/sessions", json={"problem_id": PROBLEM}).json()["session"]["id"]
    r = client.post(f"/v1/sessions/{sid}/messages", content=b"hello", headers=headers)
    assert_problem(r, 415)
    assert client.get(f"/v1/sessions/{sid}").json()["message_count"] == 1  # nothing stored
    # Also where the body is optional or unused: a body that is not JSON is never ignored.
    assert_problem(client.post("/v1/keys", content=b'{"admin": true}', headers=headers), 415)
    assert_problem(client.post(f"/v1/sessions/{sid}/finish", content=b"x", headers=headers), 415)
    assert client.get(f"/v1/sessions/{sid}").json()["status"] == "active"


def test_json_media_types_are_accepted(client):
    for ctype in ("application/json; charset=utf-8", "application/merge-patch+json"):
        r = client.post(
            "/v1/sessions", content=b'{"problem_id": "news-feed"}', headers={"content-type": ctype}
        )
        assert r.status_code == 201, (ctype, r.text)
    # No body at all where one is required: a validation error, not a media type one.
    assert_problem(client.post("/v1/sessions"), 422)


def test_405_names_the_allowed_methods(client):
    cases = {
        ("PUT", "/v1/sessions"): {"GET", "POST"},
        ("PATCH", "/v1/problems"): {"GET"},
        ("POST", "/v1/sessions/ses_x/transcript"): {"GET"},
        ("PUT", "/v1/webhooks"): {"GET", "POST"},
    }
    for (method, path), expected in cases.items():
        r = client.request(method, path)
        assert_problem(r, 405)
        allowed = {m.strip() for m in r.headers["allow"].split(",")}
        assert expected <= allowed <= expected | {"HEAD", "DELETE"}, (path, allowed)
        assert method not in allowed


def test_schema_message_limit_equals_the_setting(client, settings, bank, retriever, matcher):
    spec = client.get("/openapi.json").json()
    content = spec["components"]["schemas"]["PostMessage"]["properties"]["content"]
    assert content["maxLength"] == settings.max_message_chars == 8000
    small = settings.model_copy(update={"max_message_chars": 1234})
    svc = build_test_services(small, bank, retriever, matcher)
    with TestClient(create_app(small, services=svc)) as c:
        spec = c.get("/openapi.json").json()
        content = spec["components"]["schemas"]["PostMessage"]["properties"]["content"]
        assert content["maxLength"] == 1234
        sid = c.post("/v1/sessions", json={"problem_id": PROBLEM}).json()["session"]["id"]
        r = c.post(f"/v1/sessions/{sid}/messages", json={"content": "x" * 1235})
        assert_problem(r, 422)
        assert (
            c.post(f"/v1/sessions/{sid}/messages", json={"content": "y" * 1234}).status_code == 201
        )
    svc.db.dispose()


@pytest.mark.slow
def test_two_uvicorn_workers_share_the_limit_through_redis(redis_url, tmp_path):
    """`mlsd serve --workers 2` with MLSD_REDIS_URL: the budget holds across processes."""
    from bench.fakellm import free_port

    prefix = f"mlsd-test-{uuid.uuid4().hex[:10]}"
    env = mlsd_env(
        tmp_path / "data",
        MLSD_RATE_LIMIT_PER_MINUTE="20",
        MLSD_REDIS_URL=redis_url,
        MLSD_REDIS_PREFIX=prefix,
    )
    # Index first: two workers must not both build the embedded index on their first start.
    build_index(env)
    try:
        with mlsd_serve(free_port(), env, workers=2) as (base, _):
            seen = both_workers(base)  # the second may start later
            assert len(seen) == 2, seen
            codes = [
                httpx.get(f"{base}/v1/problems", headers={"connection": "close"}).status_code
                for _ in range(40)
            ]
        assert codes.count(200) == 20 and codes.count(429) == 20, codes
    finally:
        import redis

        client = redis.Redis.from_url(redis_url)
        for key in client.scan_iter(f"{prefix}*"):
            client.delete(key)
