"""Degrade clearly, recover alone: the app talks to PostgreSQL through a TCP proxy this test
controls, which forwards (healthy), refuses (server down), black-holes (accepts and never
answers) and forwards again (healed). Requests get 503 problem+json with Retry-After within
seconds, never a hang or a 500; /readyz says so; after healing everything works again."""

from __future__ import annotations

import time
from urllib.parse import urlsplit, urlunsplit

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from bench.faultproxy import FaultProxy
from tests.conftest import _reset_pg, build_test_services
from tests.support.waiting import eventually

pytestmark = pytest.mark.postgres


@pytest.fixture
def proxied(pg_server, base_settings, bank, retriever, matcher):
    _reset_pg(pg_server)
    parts = urlsplit(pg_server)
    proxy = FaultProxy((parts.hostname or "127.0.0.1", parts.port or 5432))
    user = f"{parts.username}@" if parts.username else ""
    url = urlunsplit(parts._replace(netloc=f"{user}127.0.0.1:{proxy.port}"))
    settings = base_settings.model_copy(
        update={"database_url": url, "db_connect_timeout_s": 2, "db_pool_timeout_s": 2.0}
    )
    svc = build_test_services(settings, bank, retriever, matcher)
    with TestClient(create_app(settings, services=svc), raise_server_exceptions=False) as client:
        yield client, proxy
    proxy.close()
    svc.db.dispose()


def _timed(fn):
    t0 = time.monotonic()
    r = fn()
    return r, time.monotonic() - t0


def test_database_refused_black_holed_and_healed(proxied):
    client, proxy = proxied
    sid = client.post("/v1/sessions", json={"problem_id": "news-feed"}).json()["session"]["id"]
    assert client.get("/readyz").status_code == 200

    for mode in ("refuse", "blackhole"):
        proxy.cut(mode)
        r, took = _timed(lambda: client.get(f"/v1/sessions/{sid}"))
        assert r.status_code == 503, (mode, r.status_code, r.text)
        assert r.headers["content-type"].startswith("application/problem+json")
        assert int(r.headers["retry-after"]) > 0
        assert took < 15, (mode, took)
        w, took = _timed(
            lambda: client.post(f"/v1/sessions/{sid}/messages", json={"content": "hello?"})
        )
        assert w.status_code == 503, (mode, w.status_code, w.text)
        assert took < 15
        ready, took = _timed(lambda: client.get("/readyz"))
        assert ready.status_code == 503 and took < 15, (mode, took)
        assert client.get("/healthz").status_code == 200  # liveness only

    proxy.cut("forward")  # healed: the pool replaces its dead connections by itself
    eventually(lambda: client.get(f"/v1/sessions/{sid}").status_code == 200, 20, interval=0.5)
    assert client.get("/readyz").status_code == 200
    r = client.post(f"/v1/sessions/{sid}/messages", json={"content": "How many users are there?"})
    assert r.status_code == 201, r.text
    # nothing the candidate wrote while the database was down was half-stored
    msgs = client.get(f"/v1/sessions/{sid}/transcript").json()["messages"]
    assert [m["role"] for m in msgs] == ["interviewer", "candidate", "interviewer"]


def test_disk_full_is_503_and_changes_nothing(settings, services, monkeypatch):
    """A full disk (simulated: SQLite's own error, and ENOSPC from the OS) is a 503 with
    Retry-After, not a 500; a programming error stays a 500."""
    import errno
    import sqlite3

    from sqlalchemy import exc as sa_exc

    def full(*args, **kwargs):
        raise sa_exc.OperationalError(
            "INSERT ...", {}, sqlite3.OperationalError("database or disk is full")
        )

    def enospc(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    def bug(*args, **kwargs):
        raise sa_exc.OperationalError("SELECT", {}, sqlite3.OperationalError("no such column"))

    app = create_app(settings, services=services)
    with TestClient(app, raise_server_exceptions=False) as client:
        for fault, status in ((full, 503), (enospc, 503), (bug, 500)):
            monkeypatch.setattr(services.webhooks, "list", fault)
            r = client.get("/v1/webhooks")
            assert r.status_code == status, (fault.__name__, r.text)
            if status == 503:
                assert r.headers["retry-after"] == "5"
