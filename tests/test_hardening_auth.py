"""Issue 14, item 1 (fail closed), over both databases: the auth mode is fixed at start and
never opened by what the keys table holds; keyed mode with no key refuses every request;
local mode refuses to start over a database that holds keys; failed authentication is
throttled per client address."""

from __future__ import annotations

import os
import time

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete

from app.config import Settings
from app.main import create_app
from app.security import AuthFailures
from app.store import repo
from app.store.models import ApiKey
from tests.conftest import build_test_services
from tests.support.keys import add_key, bearer
from tests.test_api import assert_problem

PROBLEM = "news-feed"


@pytest.fixture
def keyed(app_with):
    """A server started with MLSD_AUTH_MODE=keys (and a small failure budget)."""
    return app_with(auth_mode="keys", auth_fail_limit=4)


def test_default_mode_is_local_on_loopback_names():
    s = Settings(_env_file=None)
    assert s.auth_mode == "local"
    assert set(s.host_allowlist or []) >= {"localhost", "127.0.0.1", "[::1]"}
    keyed = Settings(_env_file=None, auth_mode="keys")
    assert keyed.host_allowlist is None  # keys mode: any Host unless configured


@pytest.mark.postgres
def test_keys_mode_with_zero_keys_refuses_everything(keyed):
    client, svc = keyed
    with svc.db.read() as db:
        assert repo.count_api_keys(db) == 0
    for method, path, body in [
        ("GET", "/v1/sessions", None),
        ("POST", "/v1/sessions", {"problem_id": PROBLEM}),
        ("POST", "/v1/webhooks", {"url": "http://127.0.0.1:9/hook"}),
        ("GET", "/v1/webhooks", None),
    ]:
        r = client.request(method, path, json=body)
        assert_problem(r, 401)
        assert r.headers["www-authenticate"] == "Bearer"
    assert client.get("/").status_code == 401  # the web app too
    assert client.get("/healthz").status_code == 200  # liveness stays open
    with svc.db.read() as db:
        assert repo.list_sessions(db, "local")[1] == 0
        assert svc.webhooks.list("local") == []


@pytest.mark.postgres
def test_deleting_the_last_key_never_opens_the_server(keyed):
    """The finding: deleting the last key switched a keyed server to keyless local mode."""
    client, svc = keyed
    key = add_key(svc)
    assert client.get("/v1/sessions", headers=bearer(key)).status_code == 200
    assert_problem(client.get("/v1/sessions"), 401)
    with svc.db.write() as db:
        db.execute(delete(ApiKey))
    assert_problem(client.get("/v1/sessions"), 401)
    assert_problem(client.get("/v1/sessions", headers=bearer(key)), 401)
    assert_problem(client.post("/v1/webhooks", json={"url": "http://127.0.0.1:9/x"}), 401)
    assert svc.keys.mode == "keys"


@pytest.mark.postgres
def test_local_mode_refuses_to_start_over_a_keyed_database(settings, bank, retriever, matcher):
    svc = build_test_services(settings, bank, retriever, matcher)
    try:
        add_key(svc)
        app = create_app(settings, services=svc)
        with pytest.raises(RuntimeError, match="MLSD_AUTH_MODE=keys"), TestClient(app):
            pass
    finally:
        svc.db.dispose()


def test_local_mode_serves_without_a_key(client):
    assert client.get("/v1/sessions").status_code == 200
    assert client.post("/v1/sessions", json={"problem_id": PROBLEM}).status_code == 201


def test_repeated_failed_authentication_is_throttled(keyed):
    client, svc = keyed
    key = add_key(svc)
    for _ in range(4):
        assert_problem(client.get("/v1/sessions", headers=bearer("mlsd_guess_0123456789")), 401)
    r = client.get("/v1/sessions", headers=bearer("mlsd_guess_0123456789"))
    body = assert_problem(r, 429, "auth-throttled")
    assert "authentication" in body["detail"]
    assert 1 <= int(r.headers["retry-after"]) <= 60
    # The address is refused while throttled, even with a good key (no oracle for guesses).
    assert_problem(client.get("/v1/sessions", headers=bearer(key)), 429)
    assert client.get("/healthz").status_code == 200
    # Another address is unaffected.
    assert svc.keys.failures.wait("203.0.113.9") == 0


def test_successful_requests_are_not_throttled(keyed):
    client, svc = keyed
    key = add_key(svc)
    for _ in range(20):
        assert client.get("/v1/sessions", headers=bearer(key)).status_code == 200


def test_failure_window_slides(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(time, "monotonic", lambda: now[0])
    f = AuthFailures(limit=3, window_s=10)
    for _ in range(3):
        assert f.wait("a") == 0
        f.failed("a")
    assert f.wait("a") == pytest.approx(10)
    assert f.wait("b") == 0
    now[0] += 4
    assert f.wait("a") == pytest.approx(6)
    now[0] += 6.01
    assert f.wait("a") == 0
    assert AuthFailures(limit=0).wait("a") == 0  # 0 disables


def test_failure_memory_is_bounded():
    f = AuthFailures(limit=2, window_s=60)
    f.MAX_CLIENTS = 50
    for i in range(500):
        f.failed(f"10.0.{i // 256}.{i % 256}")
    assert len(f._seen) <= 50


def test_cli_serve_refuses_open_binds_and_keyed_databases(tmp_path, monkeypatch):
    """`mlsd serve`: local mode binds loopback only (unless --allow-open) and refuses a
    database with keys; keys mode starts with none (and says every request is refused)."""
    import uvicorn
    from typer.testing import CliRunner

    from app import cli
    from app.config import get_settings

    served: list[dict] = []
    monkeypatch.setattr(uvicorn, "run", lambda *a, **kw: served.append(kw))
    monkeypatch.setattr("app.observability.configure_logging", lambda *a, **kw: None)
    monkeypatch.setenv("MLSD_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("MLSD_LOG_JSON", "false")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("MLSD_AUTH_MODE", raising=False)
    runner = CliRunner()
    umask = os.umask(0o022)
    os.umask(umask)

    def run(*args: str, mode: str | None = None):
        if mode:
            monkeypatch.setenv("MLSD_AUTH_MODE", mode)
        get_settings.cache_clear()
        return runner.invoke(cli.app, ["serve", *args])

    try:
        assert run("--host", "0.0.0.0").exit_code == 2
        assert run("--host", "127.0.0.1").exit_code == 0
        assert run("--host", "0.0.0.0", "--allow-open").exit_code == 0
        assert len(served) == 2
        r = run("--host", "0.0.0.0", mode="keys")
        assert r.exit_code == 0 and "refused" in r.output
        assert runner.invoke(cli.app, ["keys", "create", "--tenant", "acme"]).exit_code == 0
        r = run("--host", "127.0.0.1", mode="local")
        assert r.exit_code == 2 and "MLSD_AUTH_MODE=keys" in r.output
    finally:
        os.umask(umask)
        get_settings.cache_clear()
