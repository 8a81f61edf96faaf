"""Launch links into the web UI (keys mode), over SQLite and PostgreSQL: a platform asks for a
single-use, short-lived link with its key; opening it sets a cookie for one tenant, one
session and one role; pages and their own API calls accept the cookie for that session only;
everything else stays key-only, and refusals on pages are HTML, not problem+json."""

from __future__ import annotations

import hashlib
import stat
import threading
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import select

from app.auth import launch
from app.security import redact, server_secret
from app.store import repo
from app.store.models import LaunchToken, utcnow
from tests.support.keys import add_key, bearer
from tests.test_api import assert_problem

PROBLEM = "news-feed"
SAME_SITE = {"origin": "http://testserver", "sec-fetch-site": "same-origin"}
SECRET = "my private answer about the xylophone ranking model"


@pytest.fixture
def keyed(app_with):
    """A server started with MLSD_AUTH_MODE=keys, and a key each for acme and globex."""
    c, svc = app_with(auth_mode="keys", auth_fail_limit=50)
    return c, svc, add_key(svc, "acme"), add_key(svc, "globex")


def _session(c, key: str) -> str:
    r = c.post("/v1/sessions", json={"problem_id": PROBLEM}, headers=bearer(key))
    assert r.status_code == 201, r.text
    return r.json()["session"]["id"]


def _link(c, key: str | None, sid: str, role: str = "candidate") -> str:
    path = f"/v1/sessions/{sid}/" + ("launch" if role == "candidate" else "review/launch")
    r = c.post(path, headers=bearer(key) if key else {})
    assert r.status_code == 201, r.text
    return r.json()["url"]


def _browser(c, base_url: str = "http://testserver") -> TestClient:
    """A fresh cookie jar over the same running app (another browser)."""
    return TestClient(c.app, base_url=base_url)


def _open(browser: TestClient, url: str):
    return browser.get(urlsplit(url).path, follow_redirects=False)


def _submit(browser: TestClient, path: str, **form: str):
    """A form post as the page sends it (same site), its redirect not followed."""
    return browser.post(path, data=form, headers=SAME_SITE, follow_redirects=False)


def _assert_html_refusal(r, status: int) -> None:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("text/html")
    assert "problem+json" not in r.headers["content-type"]
    assert 'href="/app/sessions"' not in r.text  # no links to pages that would refuse it


def _messages(svc, tenant: str, sid: str) -> list[str]:
    with svc.db.read() as db:
        return [m.content for m in repo.list_messages(db, tenant, sid)]


@pytest.mark.postgres
def test_candidate_link_opens_the_interview_once(keyed):
    c, svc, acme, _ = keyed
    sid = _session(c, acme)
    before = utcnow()
    r = c.post(f"/v1/sessions/{sid}/launch", headers=bearer(acme))
    assert r.status_code == 201 and r.headers["cache-control"] == "no-store"
    body = r.json()
    assert set(body) == {"url", "expires_at"}
    token = body["url"].rsplit("/", 1)[1]
    assert body["url"] == f"http://testserver/launch/{token}" and launch.TOKEN_RE.fullmatch(token)
    expires = launch.LaunchLink.model_validate(body).expires_at
    assert timedelta(seconds=295) < expires - before < timedelta(seconds=305)
    with svc.db.read() as db:  # only a hash of the token is at rest
        rows = db.scalars(select(LaunchToken)).all()
    assert [(t.token_hash, t.role, t.session_id, t.tenant_id) for t in rows] == [
        (hashlib.sha256(token.encode()).hexdigest(), "candidate", sid, "acme")
    ]
    assert token not in repr([vars(t) for t in rows])

    browser = _browser(c)
    opened = _open(browser, body["url"])
    assert opened.status_code == 303 and opened.headers["location"] == f"/app/sessions/{sid}"
    assert opened.headers["cache-control"] == "no-store"
    cookies = opened.headers.get_list("set-cookie")
    assert sorted(h.split("Path=")[1].split(";")[0] for h in cookies) == [
        f"/app/sessions/{sid}",
        f"/v1/sessions/{sid}",
    ]
    for h in cookies:
        attrs = {a.strip().split("=")[0].lower(): a for a in h.split(";")}
        assert h.startswith(launch.COOKIE + "=")
        assert "httponly" in attrs and attrs["samesite"].strip().lower() == "samesite=lax"
        assert attrs["max-age"].strip() == "Max-Age=14400" and "secure" not in attrs
        assert token not in h

    page = browser.get(f"/app/sessions/{sid}")
    assert page.status_code == 200 and 'id="composer"' in page.text
    assert 'href="/app/sessions"' not in page.text and 'id="launched-as"' in page.text
    # The page's own calls: the streamed chat, the tracker, a plain form post.
    turn = browser.post(f"/v1/sessions/{sid}/messages", json={"content": SECRET}, headers=SAME_SITE)
    assert turn.status_code == 201 and turn.json()["reply"]["content"]
    assert browser.get(f"/v1/sessions/{sid}").json()["id"] == sid
    posted = _submit(
        browser, f"/app/sessions/{sid}/messages", content="How many daily active users are there?"
    )
    assert posted.status_code == 303
    done = _submit(browser, f"/app/sessions/{sid}/finish")
    assert done.status_code == 303 and done.headers["location"] == f"/app/sessions/{sid}/review"
    review = browser.get(f"/app/sessions/{sid}/review")
    assert review.status_code == 200 and 'id="overall-score"' in review.text
    assert 'id="share"' not in review.text  # the platform decides who sees a review
    md = browser.get(f"/v1/sessions/{sid}/report?format=markdown")
    assert md.status_code == 200 and md.headers["content-type"].startswith("text/markdown")
    assert browser.get(f"/v1/sessions/{sid}/transcript?format=markdown").status_code == 200

    again = _open(_browser(c), body["url"])  # single use
    _assert_html_refusal(again, 401)
    assert "expired or is missing" in again.text and "set-cookie" not in again.headers
    assert _messages(svc, "acme", sid)[1] == SECRET  # nothing the candidate wrote was lost
    assert c.get(f"/v1/sessions/{sid}", headers=bearer(acme)).json()["status"] == "finished"


def test_a_retried_launch_request_makes_a_new_link(keyed):
    """A link is a credential shown once: an idempotent retry is not a replay of a used link."""
    c, _, acme, _ = keyed
    sid = _session(c, acme)
    retry = {**bearer(acme), "Idempotency-Key": "launch-1"}
    first = c.post(f"/v1/sessions/{sid}/launch", headers=retry)
    second = c.post(f"/v1/sessions/{sid}/launch", headers=retry)
    assert first.status_code == second.status_code == 201
    assert "idempotent-replayed" not in second.headers
    assert first.json()["url"] != second.json()["url"]


def test_pages_without_a_cookie_answer_html(keyed):
    c, _, acme, _ = keyed
    sid = _session(c, acme)
    browser = _browser(c)
    for path in ("/", "/app/sessions", f"/app/sessions/{sid}", f"/app/sessions/{sid}/review"):
        r = browser.get(path)
        _assert_html_refusal(r, 401)
        assert "expired or is missing" in r.text and r.headers["www-authenticate"]
    r = browser.post(f"/app/sessions/{sid}/messages", data={"content": "hi"}, headers=SAME_SITE)
    _assert_html_refusal(r, 401)
    # The API keeps its bearer-key answers.
    assert_problem(browser.get(f"/v1/sessions/{sid}"), 401)
    keyed_page = c.get(f"/app/sessions/{sid}", headers=bearer(acme))
    assert keyed_page.status_code == 200  # a key still works


def _race(svc, token: str, start: threading.Barrier, results: list) -> None:
    start.wait()
    results.append(launch.consume(svc, token))


@pytest.mark.postgres
def test_single_use_holds_across_processes(app_with):
    """Two servers over one database (two workers or replicas): a link opens exactly once,
    also when both try at the same instant."""
    c1, one = app_with(auth_mode="keys")
    c2, two = app_with(auth_mode="keys")
    key = add_key(one, "acme")
    sid = _session(c1, key)
    for _ in range(3):  # concurrent consumers, half of them on each server
        token = _link(c1, key, sid).rsplit("/", 1)[1]
        start = threading.Barrier(6)
        results: list[object] = []
        threads = [
            threading.Thread(target=_race, args=(x, token, start, results)) for x in (one, two) * 3
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len([g for g in results if g is not None]) == 1, results
    url = _link(c1, key, sid)
    assert _open(_browser(c2), url).status_code == 303
    _assert_html_refusal(_open(_browser(c1), url), 401)


@pytest.mark.postgres
def test_expiry_follows_the_clock(keyed, monkeypatch):
    c, _, acme, _ = keyed
    sid = _session(c, acme)
    t0 = utcnow()
    monkeypatch.setattr(launch, "now", lambda: t0)
    late, in_time = _link(c, acme, sid), _link(c, acme, sid)

    monkeypatch.setattr(launch, "now", lambda: t0 + timedelta(seconds=301))
    _assert_html_refusal(_open(_browser(c), late), 401)

    opened_at = t0 + timedelta(seconds=299)
    monkeypatch.setattr(launch, "now", lambda: opened_at)
    browser = _browser(c)
    assert _open(browser, in_time).status_code == 303
    hours = timedelta(hours=4)
    monkeypatch.setattr(launch, "now", lambda: opened_at + hours - timedelta(seconds=1))
    assert browser.get(f"/app/sessions/{sid}").status_code == 200
    assert browser.get(f"/v1/sessions/{sid}").status_code == 200
    monkeypatch.setattr(launch, "now", lambda: opened_at + hours + timedelta(seconds=1))
    _assert_html_refusal(browser.get(f"/app/sessions/{sid}"), 401)
    assert_problem(browser.get(f"/v1/sessions/{sid}"), 401)


def test_another_tenant_gets_nothing(keyed):
    c, svc, acme, globex = keyed
    sid = _session(c, acme)
    c.post(f"/v1/sessions/{sid}/messages", json={"content": SECRET}, headers=bearer(acme))
    for path in (f"/v1/sessions/{sid}/launch", f"/v1/sessions/{sid}/review/launch"):
        assert_problem(c.post(path, headers=bearer(globex)), 404)
    with svc.db.read() as db:
        assert db.scalars(select(LaunchToken)).all() == []

    # Globex's own link, and its cookie presented on acme's session (a browser would not even
    # send it there: the cookie is path-scoped; the server checks anyway).
    theirs = _session(c, globex)
    browser = _browser(c)
    assert _open(browser, _link(c, globex, theirs)).status_code == 303
    value = browser.cookies.get(launch.COOKIE, path=f"/app/sessions/{theirs}")
    assert value
    stolen = {"cookie": f"{launch.COOKIE}={value}", **SAME_SITE}
    other = TestClient(c.app)
    for path in (f"/app/sessions/{sid}", f"/app/sessions/{sid}/review", "/", "/app/sessions"):
        r = other.get(path, headers=stolen)
        _assert_html_refusal(r, 403)
        assert SECRET not in r.text
    r = other.post(f"/app/sessions/{sid}/messages", data={"content": "x"}, headers=stolen)
    _assert_html_refusal(r, 403)
    for method, path in (
        ("GET", f"/v1/sessions/{sid}"),
        ("GET", f"/v1/sessions/{sid}/transcript"),
        ("POST", f"/v1/sessions/{sid}/messages"),
    ):
        r = other.request(method, path, headers=stolen, json={"content": "x"})
        assert SECRET not in assert_problem(r, 403)["detail"]
    # A cookie rewritten to name acme's session keeps globex's signature: refused.
    payload, mac = value.split(".")
    body = launch._unb64(payload).replace(theirs.encode(), sid.encode())
    body = body.replace(b'"globex"', b'"acme"')
    forged = {"cookie": f"{launch.COOKIE}={launch._b64(body)}.{mac}"}
    _assert_html_refusal(other.get(f"/app/sessions/{sid}", headers=forged), 401)
    assert_problem(other.get(f"/v1/sessions/{sid}/transcript", headers=forged), 401)
    for junk in ("x", ".", f"{payload}.", f"{payload}.é{mac}", "é.é", f"{mac}.{payload}"):
        raw = f"{launch.COOKIE}={junk}".encode()  # non-ASCII bytes too
        r = other.get(f"/app/sessions/{sid}", headers={"cookie": raw})
        _assert_html_refusal(r, 401)
    assert _messages(svc, "acme", sid)[1:2] == [SECRET]
    assert len(_messages(svc, "acme", sid)) == 3


@pytest.mark.postgres
def test_tampered_tokens_are_refused_and_spend_nothing(keyed):
    c, _, acme, _ = keyed
    sid = _session(c, acme)
    url = _link(c, acme, sid)
    token = url.rsplit("/", 1)[1]
    nonce, mac = token.split(".")
    flip = lambda ch: "A" if ch != "A" else "B"  # noqa: E731
    for bad in (
        nonce + "." + mac[:-1] + flip(mac[-1]),
        flip(nonce[0]) + nonce[1:] + "." + mac,
        launch.new_token(c.app.state.services.settings),  # signed, never issued
        nonce,
        token + "x",
        "not-a-token",
    ):
        r = _browser(c).get(f"/launch/{bad}", follow_redirects=False)
        _assert_html_refusal(r, 401)
        assert "set-cookie" not in r.headers
    assert _open(_browser(c), url).status_code == 303  # the real one is untouched


def test_failed_launches_are_throttled(app_with):
    c, svc = app_with(auth_mode="keys", auth_fail_limit=3)
    key = add_key(svc, "acme")
    sid = _session(c, key)
    url = _link(c, key, sid)
    for _ in range(3):
        _assert_html_refusal(c.get("/launch/nope", follow_redirects=False), 401)
    r = _open(c, url)
    assert r.status_code == 429 and r.headers["content-type"].startswith("text/html")


def test_reviewer_reads_and_cannot_write(keyed):
    c, svc, acme, _ = keyed
    sid = _session(c, acme)
    c.post(f"/v1/sessions/{sid}/messages", json={"content": SECRET}, headers=bearer(acme))
    browser = _browser(c)
    opened = _open(browser, _link(c, acme, sid, role="reviewer"))
    assert opened.headers["location"] == f"/app/sessions/{sid}/review"

    review = browser.get(f"/app/sessions/{sid}/review")  # not graded yet
    assert review.status_code == 200 and "no report yet" in review.text
    assert "<form" not in review.text
    page = browser.get(f"/app/sessions/{sid}")
    assert page.status_code == 200 and SECRET in page.text
    assert "<form" not in page.text and "chat.js" not in page.text
    assert "Reviewer · read-only" in page.text

    count = len(_messages(svc, "acme", sid))
    for path in (f"/app/sessions/{sid}/messages", f"/app/sessions/{sid}/finish"):
        r = browser.post(path, data={"content": "Mark everything as met."}, headers=SAME_SITE)
        _assert_html_refusal(r, 403)
        assert "reviewer" in r.text
    r = browser.post(f"/v1/sessions/{sid}/messages", json={"content": "hi"}, headers=SAME_SITE)
    assert_problem(r, 403)
    r = browser.post(f"/app/sessions/{sid}/share", headers=SAME_SITE)
    _assert_html_refusal(r, 403)
    assert len(_messages(svc, "acme", sid)) == count
    assert c.get(f"/v1/sessions/{sid}", headers=bearer(acme)).json()["status"] == "active"

    assert c.post(f"/v1/sessions/{sid}/finish", headers=bearer(acme)).status_code == 201
    review = browser.get(f"/app/sessions/{sid}/review")
    assert 'id="overall-score"' in review.text and SECRET in review.text
    assert "<form" not in review.text
    assert browser.get(f"/v1/sessions/{sid}/report").json()["overall"]
    assert browser.get(f"/v1/sessions/{sid}/transcript").json()["messages"][1]["content"] == SECRET


def test_a_cookie_reaches_only_its_pages_calls(keyed):
    c, svc, acme, _ = keyed
    sid = _session(c, acme)
    browser = _browser(c)
    _open(browser, _link(c, acme, sid))
    value = browser.cookies.get(launch.COOKIE, path=f"/v1/sessions/{sid}")
    jar = {"cookie": f"{launch.COOKIE}={value}", **SAME_SITE}
    for method, path in (
        ("DELETE", f"/v1/sessions/{sid}"),
        ("POST", f"/v1/sessions/{sid}/regrade"),
        ("POST", f"/v1/sessions/{sid}/launch"),  # no minting links of its own
        ("POST", f"/v1/sessions/{sid}/review/launch"),
        ("GET", f"/v1/sessions/{sid}/reports"),
        ("GET", "/v1/sessions"),
        ("GET", "/v1/webhooks"),
        ("GET", "/v1/keys"),
    ):
        assert_problem(browser.request(method, path, headers=jar), 403)
    for headers in ({"sec-fetch-site": "cross-site"}, {"origin": "https://evil.example"}, {}):
        r = browser.post(f"/v1/sessions/{sid}/messages", json={"content": "hi"}, headers=headers)
        assert "this site" in assert_problem(r, 403)["detail"]
    r = browser.post(
        f"/app/sessions/{sid}/messages",
        data={"content": "hi"},
        headers={"sec-fetch-site": "cross-site"},
    )
    _assert_html_refusal(r, 403)
    assert len(_messages(svc, "acme", sid)) == 1
    assert c.get(f"/v1/sessions/{sid}", headers=bearer(acme)).status_code == 200


@pytest.mark.postgres
def test_deleting_the_session_ends_its_links(keyed):
    c, svc, acme, _ = keyed
    sid = _session(c, acme)
    unused = _link(c, acme, sid)
    browser = _browser(c)
    _open(browser, _link(c, acme, sid))
    assert c.delete(f"/v1/sessions/{sid}", headers=bearer(acme)).status_code == 204
    with svc.db.read() as db:
        assert db.scalars(select(LaunchToken)).all() == []
    _assert_html_refusal(_open(_browser(c), unused), 401)
    r = browser.get(f"/app/sessions/{sid}")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert_problem(browser.get(f"/v1/sessions/{sid}"), 404)


def test_cookie_is_secure_over_https(keyed):
    c, _, acme, _ = keyed
    sid = _session(c, acme)
    secure = _browser(c, "https://testserver")
    url = secure.post(f"/v1/sessions/{sid}/launch", headers=bearer(acme)).json()["url"]
    assert url.startswith("https://testserver/launch/")
    opened = _open(secure, url)
    assert opened.status_code == 303
    assert all("; secure" in h.lower() for h in opened.headers.get_list("set-cookie"))


def test_local_mode_is_unchanged(client):
    sid = client.post("/v1/sessions", json={"problem_id": PROBLEM}).json()["session"]["id"]
    assert client.get("/").status_code == 200
    assert client.get(f"/app/sessions/{sid}").status_code == 200
    browser = _browser(client)
    # A link works here too; its cookie restricts nothing (local mode has no credentials).
    assert _open(browser, _link(client, None, sid, role="reviewer")).status_code == 303
    r = _submit(browser, f"/app/sessions/{sid}/messages", content="What is the goal?")
    assert r.status_code == 303
    assert client.get("/app/sessions").status_code == 200


def test_server_secret_is_generated_once_and_private(tmp_path):
    first = server_secret(tmp_path / "data")
    path = tmp_path / "data" / "secret_key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and len(first) >= 32
    assert server_secret(tmp_path / "data") == first
    assert server_secret(tmp_path / "data", "y" * 40) == b"y" * 40
    assert [p.name for p in (tmp_path / "data").iterdir()] == ["secret_key"]


def test_a_cookie_signed_under_another_secret_is_refused(base_settings):
    settings = base_settings
    grant = launch.LaunchGrant("acme", "ses_1", "candidate", int(utcnow().timestamp()) + 60)
    value = launch.cookie_value(settings, grant)
    assert launch.read_cookie(settings, value) == grant
    other = settings.model_copy(update={"secret_key": SecretStr("z" * 40)})
    assert launch.read_cookie(other, value) is None


def test_launch_links_never_reach_the_logs():
    line = "GET /launch/abcDEF_-123.xyz_-789 303"
    assert redact(line) == "GET /launch/[redacted] 303"
