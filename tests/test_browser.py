"""The browser UI end to end in headless Chromium (Debian's /usr/bin/chromium, driven by
Playwright; no browser downloads). The app runs under uvicorn in a background thread over a
fresh SQLite database. One interview goes from the problem picker to the graded review
through the UI only: typed messages (Enter and the Send button) with streamed replies, the
Hint and Move on buttons, the finish action, then the review's chart, highlights and quotes.
Screenshots go to test-artifacts/."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from app.main import create_app
from bench.simulate import load_scripts
from tests.conftest import build_test_services, fresh_sqlite_url
from tests.support.browser import ARTIFACTS, TIMEOUT_MS, check_turn, replies, wait_reply, watch
from tests.support.server import serving

pytestmark = pytest.mark.browser

PROBLEM = "news-feed"


def squash(text: str) -> str:
    return " ".join(text.split()).lower()


@pytest.fixture(scope="module")
def base_url(base_settings, data_root, bank, retriever, matcher) -> Iterator[str]:
    """The whole app (pages, API, static files) on a free local port."""
    settings = base_settings.model_copy(update={"database_url": fresh_sqlite_url(data_root)})
    svc = build_test_services(settings, bank, retriever, matcher)
    try:
        with serving(create_app(settings, services=svc)) as url:
            yield url
    finally:
        svc.db.dispose()


def test_interview_through_the_browser(browser, base_url):
    from playwright.sync_api import expect

    ARTIFACTS.mkdir(exist_ok=True)
    steps = load_scripts()[PROBLEM]["strong"]
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    problems = watch(page)

    # Home: pick the problem and the level, start.
    page.goto(base_url + "/")
    page.check(f"#p-{PROBLEM}")
    page.check("#level-senior")
    page.get_by_role("button", name="Start interview").click()
    page.wait_for_url(re.compile(r"/app/sessions/ses_[0-9a-f]+$"))
    session_url = page.url
    assert page.locator("#transcript li.msg.interviewer").count() == 1
    assert page.locator("#stages .stage").count() == 7
    assert page.locator('#stages .stage[aria-current="step"]').get_attribute("data-stage") == (
        "clarify"
    )
    page.evaluate("window.__sameDocument = true")  # gone if any send reloads the page

    box = page.locator("#content")
    sent: list[str] = []
    hinted = False
    for i, step in enumerate(steps):
        text = " ".join(step.get("ask", step.get("say", "")).split())
        before = replies(page)
        box.fill(text)
        if i % 2 == 0:
            box.press("Enter")
        else:
            page.locator("#send").click()
        turn = wait_reply(page, before)
        check_turn(turn, text)
        sent.append(text)
        assert box.input_value() == ""
        if (
            not hinted
            and page.locator('#stages .stage[aria-current="step"]').get_attribute("data-stage")
            == "model"
        ):
            before = replies(page)
            page.locator("#hint-btn").click()
            turn = wait_reply(page, before)
            check_turn(turn, "Can I get a hint?")
            expect(page.locator("#hints-used")).to_have_text("1")  # refreshed after the turn
            hinted = True
            page.screenshot(path=str(ARTIFACTS / "interview.png"))
        if turn["status"] != "active":
            break
    assert hinted, "never reached the model stage"
    done = page.locator("#stages .stage.is-done").count()
    assert done >= 5, f"only {done} stages done"

    # The interviewer wraps up after monitoring when asked to move on.
    for _ in range(6):
        if page.locator("#interview").get_attribute("data-status") != "active":
            break
        before = replies(page)
        page.locator("#move-on-btn").click()
        check_turn(wait_reply(page, before), "Let's move on to the next stage.")
    assert page.locator("#interview").get_attribute("data-status") == "ended"
    assert page.evaluate("window.__sameDocument === true"), "a send reloaded the page"
    assert page.locator("#composer-area").is_hidden()
    cta = page.locator("#see-report")
    assert cta.is_visible() and cta.inner_text() == "See your graded report"

    # Reload: the server renders the same transcript the stream drew.
    drawn = page.locator("#transcript li.msg").all_inner_texts()
    page.reload()
    assert page.locator("#transcript li.msg").all_inner_texts() == drawn
    assert page.locator("#see-report").is_visible()

    page.locator("#see-report").click()
    page.wait_for_url(session_url + "/review")

    # Review: seven bars, highlights inside candidate messages, met criteria with quotes.
    assert page.locator("svg.chart rect.bar").count() == 7
    assert page.locator("#overall-score").inner_text().endswith("%")
    said = [squash(t) for t in sent]
    marks = page.locator("#review-transcript mark")
    assert marks.count() >= 1
    for n in range(marks.count()):
        mark = marks.nth(n)
        inner = squash(mark.inner_text())
        owner = mark.evaluate("m => m.closest('li.msg').className")
        assert owner == "msg candidate", owner
        assert any(inner in s for s in said), inner
    met = page.locator('li.crit.met[data-met="true"]').first
    quote = met.locator("blockquote.quote").first
    assert quote.is_visible()
    quoted = squash(quote.inner_text())
    assert len(quoted) >= 3 and any(quoted in s for s in said), quoted
    # The quote links to its highlight in the transcript.
    target = quote.locator("a").get_attribute("href")
    quote.locator("a").click()
    assert page.evaluate("location.hash") == target
    assert page.locator(f"mark{target}").is_visible()
    assert page.locator(".study-title").count() >= 1
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(ARTIFACTS / "review.png"))

    # Share: a read-only link.
    page.get_by_role("button", name="Create share link").click()
    page.wait_for_url(re.compile(r"/review#share$"))
    link = page.locator("#share-url").input_value()
    assert re.fullmatch(re.escape(base_url) + r"/r/[A-Za-z0-9_-]{32}", link)
    assert not problems, problems

    # Mobile width: the shared review reads in one column with nothing cut off.
    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True
    )
    mobile = phone.new_page()
    mobile_problems = watch(mobile)
    mobile.goto(link)
    assert mobile.locator("form, textarea, #share").count() == 0
    assert mobile.locator("svg.chart rect.bar").count() == 7
    assert mobile.locator("#review-transcript mark").count() == marks.count()
    overflow = mobile.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"page is {overflow}px wider than the phone"
    mobile.screenshot(
        path=str(ARTIFACTS / "review-mobile.png"),
        full_page=True,
        clip={"x": 0, "y": 0, "width": 390, "height": 2400},
    )
    assert not mobile_problems, mobile_problems
    phone.close()
    ctx.close()


def test_api_docs_render_with_the_network_cut(browser, base_url):
    page = browser.new_page()
    outside: list[str] = []

    def only_local(route) -> None:
        if route.request.url.startswith(base_url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    problems = watch(page)
    page.goto(f"{base_url}/docs")
    page.wait_for_selector(".swagger-ui .info .title", timeout=TIMEOUT_MS)
    assert "ML system design interviewer" in page.inner_text(".swagger-ui .info .title")
    page.wait_for_selector(".opblock", timeout=TIMEOUT_MS)  # operations from our schema
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "docs-offline.png"))
    assert not outside, outside
    assert not [p for p in problems if "Content Security Policy" in p], problems
    page.close()
