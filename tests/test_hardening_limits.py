"""Body size is enforced on the bytes that arrive, before auth, idempotency or parsing:
a chunked body without Content-Length cannot slip past the limit."""

from __future__ import annotations

import json


def _chunks(payload: bytes, size: int = 16_384):
    for i in range(0, len(payload), size):
        yield payload[i : i + size]


def test_chunked_body_over_the_limit_is_413(client, settings):
    big = json.dumps({"content": "x" * (settings.max_body_bytes + 10)}).encode()
    r = client.post(
        "/v1/grade",
        content=_chunks(big),
        headers={"content-type": "application/json", "idempotency-key": "chunky-1"},
    )
    assert r.status_code == 413, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert "request body over" in r.json()["detail"]


def test_declared_length_over_the_limit_is_413_before_reading(client, settings):
    big = b"{" + b" " * (settings.max_body_bytes + 1) + b"}"
    r = client.post("/v1/sessions", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_chunked_body_under_the_limit_is_served(client):
    body = json.dumps({"problem_id": "news-feed"}).encode()
    r = client.post(
        "/v1/sessions", content=_chunks(body, 7), headers={"content-type": "application/json"}
    )
    assert r.status_code == 201, r.text
