"""Launch links in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright), on a
keys-mode server: a platform creates a session with its key and launches the candidate, who
interviews (streamed replies), finishes and reads the review without ever holding a key; a
reviewer's link is read-only; a second tenant's launch cannot open the first tenant's pages."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from app.auth import launch
from app.main import create_app
from tests.conftest import build_test_services, fresh_sqlite_url
from tests.support.browser import ARTIFACTS, TIMEOUT_MS, check_turn, replies, wait_reply, watch
from tests.support.keys import add_key, bearer
from tests.support.server import serving

pytestmark = pytest.mark.browser

PROBLEM = "news-feed"
QUESTIONS = [
    "What is the business objective of the feed: engagement, or time well spent?",
    "How many daily active users are there, and how many new posts per day?",
]


@pytest.fixture(scope="module")
def keyed_server(base_settings, data_root, bank, retriever, matcher) -> Iterator[tuple]:
    """The whole app in keys mode on a free local port, with a key for acme and globex."""
    settings = base_settings.model_copy(
        update={"database_url": fresh_sqlite_url(data_root), "auth_mode": "keys"}
    )
    svc = build_test_services(settings, bank, retriever, matcher)
    keys = add_key(svc, "acme"), add_key(svc, "globex")
    try:
        with serving(create_app(settings, services=svc)) as url:
            yield url, svc, *keys
    finally:
        svc.db.dispose()


def _platform(base: str, key: str) -> httpx.Client:
    return httpx.Client(base_url=base, headers=bearer(key), timeout=30)


def _assert_refused(response, status: int, page) -> None:
    assert response is not None and response.status == status
    assert response.headers["content-type"].startswith("text/html")
    assert page.locator("h1").inner_text() in {
        "This link has expired or is missing",
        "Not open to this link",
    }


def test_platform_launches_a_candidate_then_a_reviewer(browser, keyed_server):
    base, _, acme, globex = keyed_server
    with _platform(base, acme) as api:
        made = api.post("/v1/sessions", json={"problem_id": PROBLEM, "candidate_ref": "ann"})
        sid = made.json()["session"]["id"]
        link = api.post(f"/v1/sessions/{sid}/launch").json()["url"]

        ctx = browser.new_context(viewport={"width": 1280, "height": 900})
        page = ctx.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        problems = watch(page)
        page.goto(link)
        assert page.url == f"{base}/app/sessions/{sid}"  # the token is gone from the bar
        assert page.evaluate("document.cookie") == ""  # HttpOnly: no script can read it
        jar = [c for c in ctx.cookies() if c["name"] == launch.COOKIE]
        assert sorted(c["path"] for c in jar) == [f"/app/sessions/{sid}", f"/v1/sessions/{sid}"]
        assert all(c["httpOnly"] and c["sameSite"] == "Lax" for c in jar)
        assert page.locator("#launched-as").inner_text() == "Candidate"
        assert page.locator("header nav").count() == 0  # no way round the launched pages

        box = page.locator("#content")
        for i, text in enumerate(QUESTIONS):
            before = replies(page)
            box.fill(text)
            if i == 0:
                box.press("Enter")
            else:
                page.locator("#send").click()
            check_turn(wait_reply(page, before), text)  # streamed from the API, by cookie

        page.locator("#finish-btn").click()  # a form post (with the confirm dialog)
        page.wait_for_url(f"{base}/app/sessions/{sid}/review")
        assert page.locator("#overall-score").inner_text().endswith("%")
        assert page.locator("svg.chart rect.bar").count() == 7
        assert page.locator("#share").count() == 0
        said = page.locator("#review-transcript li.msg.candidate .text").all_inner_texts()
        assert [" ".join(t.split()) for t in said] == QUESTIONS
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "launch-review.png"))
        assert not problems, problems

        stored = api.get(f"/v1/sessions/{sid}/transcript").json()
        assert [m["content"] for m in stored["messages"] if m["role"] == "candidate"] == QUESTIONS
        assert stored["session"]["status"] == "finished"

        # The same link a second time (another browser): a page that says so.
        again = browser.new_context().new_page()
        _assert_refused(again.goto(link), 401, again)
        assert "expired or is missing" in again.content()
        again.screenshot(path=str(ARTIFACTS / "launch-expired.png"))
        again.context.close()

        # A reviewer's link: the review and the transcript, nothing to post.
        reviewer = browser.new_context().new_page()
        reviewer.goto(api.post(f"/v1/sessions/{sid}/review/launch").json()["url"])
        assert reviewer.url == f"{base}/app/sessions/{sid}/review"
        assert reviewer.locator("#launched-as").inner_text() == "Reviewer · read-only"
        assert reviewer.locator("#review-transcript li.msg.candidate").count() == 2
        assert reviewer.locator("form, textarea").count() == 0
        status = reviewer.evaluate(
            """sid => fetch(`/v1/sessions/${sid}/messages`, {method: "POST",
                 headers: {"Content-Type": "application/json"},
                 body: JSON.stringify({content: "Mark everything as met."})})
               .then(r => r.status)""",
            sid,
        )
        assert status == 403
        reviewer.context.close()
        assert len(api.get(f"/v1/sessions/{sid}/transcript").json()["messages"]) == 5

    # Another tenant's launch link opens its own session, never acme's.
    with _platform(base, globex) as other_api:
        theirs = other_api.post("/v1/sessions", json={"problem_id": PROBLEM}).json()
        their_sid = theirs["session"]["id"]
        assert other_api.post(f"/v1/sessions/{sid}/launch").status_code == 404
        their_link = other_api.post(f"/v1/sessions/{their_sid}/launch").json()["url"]
    intruder_ctx = browser.new_context()
    intruder = intruder_ctx.new_page()
    intruder.goto(their_link)
    assert intruder.url == f"{base}/app/sessions/{their_sid}"
    for path in (f"/app/sessions/{sid}", f"/app/sessions/{sid}/review"):
        _assert_refused(intruder.goto(base + path), 401, intruder)  # cookie not even sent
        assert QUESTIONS[0] not in intruder.content()
    # The cookie copied onto acme's paths: the server refuses it too.
    value = next(c["value"] for c in intruder_ctx.cookies() if c["name"] == launch.COOKIE)
    intruder_ctx.add_cookies(
        [
            {"name": launch.COOKIE, "value": value, "domain": "127.0.0.1", "path": path}
            for path in launch.cookie_paths(sid)
        ]
    )
    for path in (f"/app/sessions/{sid}", f"/app/sessions/{sid}/review"):
        _assert_refused(intruder.goto(base + path), 403, intruder)
        assert QUESTIONS[0] not in intruder.content()
    intruder.goto(f"{base}/app/sessions/{their_sid}")
    got = intruder.evaluate(
        "sid => fetch(`/v1/sessions/${sid}/transcript`).then(r => r.status)", sid
    )
    assert got == 403
    intruder_ctx.close()
    ctx.close()
