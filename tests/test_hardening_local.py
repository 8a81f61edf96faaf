"""Issue 14, item 6 (local mode safe on a laptop), over both databases: a Host allowlist
stops DNS rebinding (a page on another name reading sessions and registering webhooks), and
form posts that name no origin at all are refused unless the Referer is this site."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.security import BoundaryGuard, host_name
from tests.conftest import build_test_services
from tests.test_api import assert_problem

PROBLEM = "news-feed"


def test_rebinding_host_is_refused_in_local_mode(client):
    sid = client.post("/v1/sessions", json={"problem_id": PROBLEM}).json()["session"]["id"]
    evil = {"host": "attacker.example:8000"}
    body = assert_problem(client.get("/v1/sessions", headers=evil), 400, "invalid-host")
    assert "MLSD_ALLOWED_HOSTS" in body["detail"]
    assert_problem(client.get(f"/v1/sessions/{sid}/transcript", headers=evil), 400)
    assert_problem(
        client.post("/v1/webhooks", json={"url": "http://attacker.example/h"}, headers=evil), 400
    )
    assert_problem(client.get("/", headers=evil), 400)
    assert_problem(client.get("/v1/sessions", headers={"host": ""}), 400)
    assert client.get("/v1/webhooks").json() == []


@pytest.mark.parametrize(
    "host", ["localhost", "localhost:8000", "127.0.0.1:8000", "[::1]:8000", "LOCALHOST", "[::1]"]
)
def test_loopback_names_are_served(client, host):
    assert client.get("/v1/problems", headers={"host": host}).status_code == 200


@pytest.fixture
def app_with(settings, bank, retriever, matcher):
    built = []

    def make(**update):
        s = settings.model_copy(update=update)
        svc = build_test_services(s, bank, retriever, matcher)
        built.append(svc)
        return TestClient(create_app(s, services=svc))

    yield make
    for svc in built:
        svc.db.dispose()


def test_allowed_hosts_are_configurable(app_with):
    with app_with(allowed_hosts=["mlsd.internal", "testserver"]) as c:
        assert c.get("/v1/problems", headers={"host": "mlsd.internal:8000"}).status_code == 200
        assert_problem(c.get("/v1/problems", headers={"host": "localhost"}), 400)
    with app_with(allowed_hosts=["*"]) as c:
        assert c.get("/v1/problems", headers={"host": "anything.example"}).status_code == 200


def test_keys_mode_checks_host_only_when_configured(app_with):
    with app_with(auth_mode="keys") as c:
        assert c.get("/healthz", headers={"host": "api.example.com"}).status_code == 200
    with app_with(auth_mode="keys", allowed_hosts=["api.example.com"]) as c:
        assert c.get("/healthz", headers={"host": "api.example.com"}).status_code == 200
        assert_problem(c.get("/healthz", headers={"host": "other.example"}), 400)


def test_host_name_parsing():
    assert host_name("LocalHost:8000") == "localhost"
    assert host_name("[::1]:8000") == "::1"
    assert host_name("[::1]") == "::1"
    assert host_name("example.com.") == "example.com"
    assert host_name("") == ""
    guard = BoundaryGuard(None, ["[::1]", "localhost"])  # type: ignore[arg-type]
    assert guard.hosts == {"::1", "localhost"}


# --- CSRF on form posts -------------------------------------------------------------------


def _create(client, headers):
    return client.post(
        "/app/sessions", data={"problem_id": PROBLEM}, headers=headers, follow_redirects=False
    )


def test_form_post_without_any_origin_signal_is_refused(client):
    r = _create(client, {})
    assert r.status_code == 403 and r.headers["content-type"].startswith("text/html")
    assert client.get("/v1/sessions").json()["total"] == 0


@pytest.mark.parametrize(
    "headers",
    [
        {"referer": "https://evil.example/page"},
        {"referer": "http://testserver.evil.example/"},
        {"origin": "null"},
        {"origin": "http://evil.example", "referer": "http://testserver/"},
        {"sec-fetch-site": "cross-site", "referer": "http://testserver/"},
        {"sec-fetch-site": "same-site"},
    ],
)
def test_cross_site_form_posts_are_refused(client, headers):
    assert _create(client, headers).status_code == 403
    assert client.get("/v1/sessions").json()["total"] == 0


@pytest.mark.parametrize(
    "headers",
    [
        {"referer": "http://testserver/"},
        {"referer": "http://testserver/app/sessions?page=2"},
        {"origin": "http://testserver"},
        {"sec-fetch-site": "same-origin"},
        {"sec-fetch-site": "none"},
    ],
)
def test_same_origin_form_posts_are_accepted(client, headers):
    assert _create(client, headers).status_code == 303


def test_every_form_post_is_guarded(client):
    sid = client.post("/v1/sessions", json={"problem_id": PROBLEM}).json()["session"]["id"]
    for path in (
        f"/app/sessions/{sid}/messages",
        f"/app/sessions/{sid}/finish",
        f"/app/sessions/{sid}/share",
        f"/app/sessions/{sid}/share/revoke",
    ):
        r = client.post(path, data={"content": "hello"}, follow_redirects=False)
        assert r.status_code == 403, path
    assert client.get(f"/v1/sessions/{sid}").json()["message_count"] == 1
