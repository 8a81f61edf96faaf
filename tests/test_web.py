"""The browser UI without a browser, over both databases: every page renders, the whole
interview works as plain form posts (no JavaScript), candidate text is escaped, pages carry
the security headers, share links are read-only, and errors are HTML pages."""

from __future__ import annotations

import html
import re

import pytest
from markupsafe import escape

from app.auth.keys import hash_key, new_key
from app.auth.ratelimit import RateLimiter
from app.store import repo
from app.understanding.quotes import find_quote
from app.web.evidence import highlight
from app.web.interview import HINT_TEXT, MOVE_ON_TEXT
from app.web.responses import SECURITY_HEADERS
from tests.support.answers import STRONG_NEWS_FEED as ANSWERS

PROBLEM = "news-feed"
XSS = "<script>alert(1)</script><img src=x onerror=alert(1)>"
MARK = re.compile(
    r'<mark id="(ev-\d+-\d+)" class="ev [a-z ]+" data-criterion="([^"]+)">(.*?)</mark>'
)


@pytest.fixture
def client(client):
    """Form posts say where they come from (a same-origin Referer), as a browser's do; a
    post that names no origin at all is refused."""
    client.headers["referer"] = "http://testserver/"
    return client


def page(r, status: int = 200) -> str:
    """Assert an HTML page with the security headers; return its text."""
    assert r.status_code == status, r.text[:500]
    assert r.headers["content-type"].startswith("text/html")
    for name, value in SECURITY_HEADERS.items():
        assert r.headers.get(name) == value, name
    text = r.text
    # The CSP forbids inline code and styles: the markup must not need them.
    assert "<style" not in text and " style=" not in text
    assert not re.search(r"<script(?![^>]*\bsrc=)", text), "inline script"
    assert not re.search(r"<[a-z][^>]*\son[a-z]+=", text), "inline event handler"
    return text


def create(client, problem: str = PROBLEM, level: str = "senior") -> str:
    r = client.post(
        "/app/sessions", data={"problem_id": problem, "level": level}, follow_redirects=False
    )
    assert r.status_code == 303, r.text
    location = r.headers["location"]
    assert re.fullmatch(r"/app/sessions/ses_[0-9a-f]+", location)
    return location.rsplit("/", 1)[1]


def say(client, sid: str, content: str) -> str:
    r = client.post(
        f"/app/sessions/{sid}/messages", data={"content": content}, follow_redirects=False
    )
    assert r.status_code == 303, r.text
    assert r.headers["location"].startswith(f"/app/sessions/{sid}#m")
    return r.headers["location"]


def finished(client, answers=ANSWERS) -> str:
    sid = create(client)
    for a in answers:
        say(client, sid, a)
    r = client.post(f"/app/sessions/{sid}/finish", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/app/sessions/{sid}/review"
    return sid


def candidate_texts(client, sid: str) -> list[str]:
    body = client.get(f"/v1/sessions/{sid}/transcript").json()
    return [m["content"] for m in body["messages"] if m["role"] == "candidate"]


def esc(text: str) -> str:
    """Escaped the way the templates escape (markupsafe)."""
    return str(escape(text))


def squash(text: str) -> str:
    return " ".join(text.split()).lower()


# --- pages and assets --------------------------------------------------------------------


def test_every_page_renders_with_security_headers(client, bank):
    home = page(client.get("/"))
    assert 'action="/app/sessions"' in home and 'name="level"' in home
    for pid, problem in bank.problems.items():
        assert f'value="{pid}"' in home and esc(problem.title) in home
    for level in ("mid", "senior", "staff"):
        assert f'id="level-{level}" value="{level}"' in home
    assert "Pick up where you left off" not in home

    empty = page(client.get("/app/sessions"))
    assert "No interviews yet" in empty

    sid = create(client, level="staff")
    interview = page(client.get(f"/app/sessions/{sid}"))
    assert 'id="transcript"' in interview and 'class="msg interviewer"' in interview
    assert f'action="/app/sessions/{sid}/messages"' in interview
    assert f'data-api="/v1/sessions/{sid}/messages"' in interview
    assert f'value="{esc(HINT_TEXT)}"' in interview
    assert f'value="{esc(MOVE_ON_TEXT)}"' in interview
    assert f'action="/app/sessions/{sid}/finish"' in interview
    assert interview.count('class="stage is-') == 7 and interview.count("<meter") == 7
    assert 'class="stage is-current" data-stage="clarify" aria-current="step"' in interview
    assert "/static/chat.js?v=" in interview and "/static/app.css?v=" in interview
    assert 'id="ended"' in interview and "See your graded report" in interview

    listing = page(client.get("/app/sessions"))
    assert f'data-session="{sid}"' in listing and "Resume" in listing
    home = page(client.get("/"))
    assert "Pick up where you left off" in home and f'href="/app/sessions/{sid}"' in home

    review = page(client.get(f"/app/sessions/{sid}/review"))
    assert "Not graded yet" in review and f'action="/app/sessions/{sid}/finish"' in review


def test_static_assets(client):
    for name, kind in [
        ("app.css", "text/css"),
        ("chat.js", "javascript"),
        ("app.js", "javascript"),
        ("favicon.svg", "image/svg+xml"),
    ]:
        r = client.get(f"/static/{name}")
        assert r.status_code == 200 and kind in r.headers["content-type"], name
        assert r.headers["x-content-type-options"] == "nosniff"
    css = client.get("/static/app.css").text
    assert "prefers-color-scheme: dark" in css and "@media print" in css
    js = client.get("/static/chat.js").text
    assert "text/event-stream" in js and "innerHTML" not in js
    assert client.get("/static/../pages.py").status_code == 404


# --- the whole interview without JavaScript ------------------------------------------------


def test_plain_form_interview_to_review(client):
    sid = create(client)
    location = say(client, sid, ANSWERS[0])
    text = page(client.get(location.split("#")[0]))
    assert esc(ANSWERS[0]) in text
    assert text.count('class="msg candidate"') == 1 and text.count('class="msg interviewer"') == 2

    say(client, sid, HINT_TEXT)
    for a in ANSWERS[1:]:
        say(client, sid, a)
    session = client.get(f"/v1/sessions/{sid}").json()
    assert session["hints_used"] == 1 and session["message_count"] == 2 * (len(ANSWERS) + 1) + 1
    text = page(client.get(f"/app/sessions/{sid}"))
    assert text.count('class="msg candidate"') == len(ANSWERS) + 1

    r = client.post(f"/app/sessions/{sid}/finish", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/app/sessions/{sid}/review"
    # A second click (double submit) lands on the same review instead of an error.
    again = client.post(f"/app/sessions/{sid}/finish", follow_redirects=False)
    assert again.status_code == 303 and again.headers["location"] == r.headers["location"]

    review = page(client.get(f"/app/sessions/{sid}/review"))
    report = client.get(f"/v1/sessions/{sid}/report").json()
    assert '<svg class="chart"' in review and review.count('class="bar') == 7
    assert 'id="overall"' in review and 'id="overall-score"' in review
    assert f"{round(report['overall']['score'] * 100)}%" in review
    assert esc(report["overall"]["hire_signal"].replace("_", " ")) in review
    for stage in report["stages"]:
        assert f'id="stage-{stage["stage"]}"' in review
    studies = [item["study"] for item in report["improvements"] if item.get("study")]
    assert studies, "the review points at something to study"
    for study in studies:
        assert esc(study["title"]) in review

    # Every met criterion shows its quote; every highlight is a quote inside a candidate
    # message, wrapped around exactly the quoted words.
    met = [c for s in report["stages"] for c in s["criteria"] if c["met"] and c["evidence"]]
    assert len(met) >= 5
    for c in met:
        assert f'data-criterion="{c["id"]}" data-met="true"' in review
        assert esc(c["evidence"][0]["quote"]) in review
    said = [squash(t) for t in candidate_texts(client, sid)]
    marks = MARK.findall(review)
    assert len(marks) >= 3
    marked_ids = set()
    for dom_id, criteria, inner in marks:
        assert any(squash(html.unescape(inner)) in s for s in said), inner
        marked_ids.update(criteria.split())
        assert f'href="#{dom_id}"' in review  # the criterion's quote links to its highlight
    assert {c["id"] for c in met} <= marked_ids
    transcript_part = review.split('id="review-transcript"', 1)[1]
    assert transcript_part.count('class="msg candidate"') == len(ANSWERS) + 1

    listing = page(client.get("/app/sessions"))
    assert f'href="/app/sessions/{sid}/review"' in listing and "finished" in listing
    assert f'href="/app/sessions/{sid}"' not in page(client.get("/"))
    done = page(client.get(f"/app/sessions/{sid}"))
    assert 'id="composer"' not in done and f'href="/app/sessions/{sid}/review"' in done


def test_ended_interview_offers_the_report(client):
    sid = create(client)
    for _ in range(40):
        say(client, sid, MOVE_ON_TEXT)
        if client.get(f"/v1/sessions/{sid}").json()["status"] != "active":
            break
    assert client.get(f"/v1/sessions/{sid}").json()["status"] == "ended"
    text = page(client.get(f"/app/sessions/{sid}"))
    assert 'id="composer"' not in text
    ended = text.split('id="ended"', 1)[1].split("</section>", 1)[0]
    assert " hidden>" not in ended.split(">", 1)[0] + ">"
    assert "See your graded report" in ended and f'action="/app/sessions/{sid}/finish"' in ended
    r = client.post(f"/app/sessions/{sid}/messages", data={"content": "one more"})
    assert "accepts no more messages" in page(r, 409)


# --- untrusted text ---------------------------------------------------------------------


def test_candidate_markup_is_escaped_everywhere(client):
    sid = create(client)
    say(client, sid, XSS)
    say(client, sid, f"I'd frame it as pointwise ranking {XSS} with a weighted sum of likes.")
    escaped = esc(XSS)
    interview = page(client.get(f"/app/sessions/{sid}"))
    assert XSS not in interview and "<img src=x" not in interview
    assert escaped in interview
    client.post(f"/app/sessions/{sid}/finish")
    review = page(client.get(f"/app/sessions/{sid}/review"))
    assert "<script>alert" not in review and "<img src=x" not in review
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in review


def test_highlight_matches_loosely_and_escapes():
    text = "Offline I'd track <b>PR-AUC</b> &\n  RECALL   at k, then A/B test."
    start, end = find_quote(text, "track <b>pr-auc</b> & recall at K")
    assert text[start:end] == "track <b>PR-AUC</b> &\n  RECALL   at k"
    assert find_quote(text, "a/b test.") == (text.index("A/B test"), text.index("A/B test") + 8)
    assert find_quote(text, "not there") is None and find_quote(text, "a") is None
    out = str(highlight(text, [(start, end, ["c1", "!c2"], "ev-1-1")]))
    assert out.startswith("Offline I&#39;d <mark")
    assert 'data-criterion="c1 c2"' in out and 'class="ev flag ok"' in out
    assert "&lt;b&gt;PR-AUC&lt;/b&gt; &amp;\n  RECALL" in out and "<b>" not in out
    assert find_quote("İstanbul latency budget", "latency budget") == (9, 23)


# --- sharing ------------------------------------------------------------------------------


@pytest.mark.postgres
def test_share_link_is_read_only_and_revocable(client):
    sid = create(client)
    assert page(client.post(f"/app/sessions/{sid}/share"), 409)  # nothing graded yet
    for a in ANSWERS[:3]:
        say(client, sid, a)
    client.post(f"/app/sessions/{sid}/finish")
    review = page(client.get(f"/app/sessions/{sid}/review"))
    assert "Create share link" in review and "/r/" not in review

    r = client.post(f"/app/sessions/{sid}/share", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/app/sessions/{sid}/review#share"
    review = page(client.get(f"/app/sessions/{sid}/review"))
    token = re.search(r'value="http://testserver/r/([A-Za-z0-9_-]+)"', review).group(1)
    assert len(token) == 32 and f'href="http://testserver/r/{token}"' in review
    client.post(f"/app/sessions/{sid}/share")  # idempotent: the same link
    assert f"/r/{token}" in client.get(f"/app/sessions/{sid}/review").text

    shared = client.get(f"/r/{token}")
    text = page(shared)
    assert shared.headers["x-robots-tag"] == "noindex, nofollow"
    assert '<svg class="chart"' in text and text.count('class="bar') == 7 and "<mark" in text
    assert "<form" not in text and "<button" not in text and "<textarea" not in text
    assert sid not in text and "/app/sessions" not in text and "<script" not in text
    assert "Shared review" in text

    client.post(f"/app/sessions/{sid}/share/revoke")
    assert "Not found" in page(client.get(f"/r/{token}"), 404)
    assert "Create share link" in client.get(f"/app/sessions/{sid}/review").text


# --- errors are pages -------------------------------------------------------------------


def test_unknown_ids_and_tokens_are_html_404(client):
    for path in ["/app/sessions/ses_nope", "/app/sessions/ses_nope/review"]:
        assert "Not found" in page(client.get(path), 404)
    for path in [
        "/app/sessions/ses_nope/messages",
        "/app/sessions/ses_nope/finish",
        "/app/sessions/ses_nope/share",
    ]:
        page(client.post(path, data={"content": "hi"}), 404)
    page(client.get("/r/" + "x" * 32), 404)
    page(client.get("/r/short"), 404)
    page(client.get("/r/" + "%3Cscript%3E" * 4), 404)


def test_form_mistakes_answer_with_the_page(client):
    bad = page(client.post("/app/sessions", data={"problem_id": "nope"}), 422)
    assert "Pick one of the problems" in bad and 'name="problem_id"' in bad
    bad = page(client.post("/app/sessions", data={"problem_id": PROBLEM, "level": "cto"}), 422)
    assert "Pick a level" in bad
    assert client.get("/v1/sessions").json()["total"] == 0

    sid = create(client)
    assert "Type a message first" in page(
        client.post(f"/app/sessions/{sid}/messages", data={"content": "   "}), 422
    )
    long = page(client.post(f"/app/sessions/{sid}/messages", data={"content": "x" * 8001}), 422)
    assert "too long" in long
    assert client.get(f"/v1/sessions/{sid}").json()["message_count"] == 1


def test_cross_site_form_posts_are_refused(client):
    evil = {"origin": "https://evil.example"}
    page(client.post("/app/sessions", data={"problem_id": PROBLEM}, headers=evil), 403)
    page(
        client.post(
            "/app/sessions", data={"problem_id": PROBLEM}, headers={"sec-fetch-site": "cross-site"}
        ),
        403,
    )
    assert client.get("/v1/sessions").json()["total"] == 0
    ok = client.post(
        "/app/sessions",
        data={"problem_id": PROBLEM},
        headers={"origin": "http://testserver", "sec-fetch-site": "same-origin"},
        follow_redirects=False,
    )
    assert ok.status_code == 303


def test_pages_use_api_keys_when_configured(client, services):
    key = new_key()
    with services.db.write() as db:
        repo.ensure_tenant(db, "acme")
        repo.add_api_key(db, "acme", key[:12], hash_key(key))
    services.keys.mode = "keys"  # as if started with MLSD_AUTH_MODE=keys
    assert client.get("/").status_code == 401
    assert client.get("/app/sessions").status_code == 401
    auth = {"authorization": f"Bearer {key}"}
    page(client.get("/", headers=auth))
    sid = create_with(client, auth)
    page(client.get(f"/app/sessions/{sid}", headers=auth))
    assert client.get(f"/app/sessions/{sid}").status_code == 401


def test_auth_and_rate_refusals_on_pages_are_html_in_local_mode_too(client, services):
    """A refused page is an HTML page in either mode (one web handler for every domain
    error): a wrong key, and the per-tenant rate limit with its Retry-After."""
    wrong = {"authorization": "Bearer mlsd_not_a_key"}
    assert "Key not accepted" in page(client.get("/", headers=wrong), 401)
    api = client.get("/v1/sessions", headers=wrong)  # the API keeps its problem document
    assert api.status_code == 401 and "problem+json" in api.headers["content-type"]
    services.keys.limiter = RateLimiter(1)
    page(client.get("/"))
    text = page(client.get("/app/sessions"), 429)
    assert "Too many attempts" in text
    assert int(client.get("/").headers["retry-after"]) > 0


def create_with(client, headers) -> str:
    r = client.post(
        "/app/sessions", data={"problem_id": PROBLEM}, headers=headers, follow_redirects=False
    )
    assert r.status_code == 303, r.text
    return r.headers["location"].rsplit("/", 1)[1]


@pytest.mark.postgres
def test_share_links_expire_as_chosen(client, services):
    """The sharer picks how long a link lives (30 days by default, or never); an expired
    link answers 410 and shows nothing; sharing again makes a new link, never the old one."""
    from datetime import timedelta

    from app.store.models import InterviewSession, utcnow

    sid = create(client)
    for a in ANSWERS[:3]:
        say(client, sid, a)
    client.post(f"/app/sessions/{sid}/finish")
    review = page(client.get(f"/app/sessions/{sid}/review"))
    assert '<option value="30" selected>30 days</option>' in review
    assert '<option value="0">until I stop sharing</option>' in review
    assert page(client.post(f"/app/sessions/{sid}/share", data={"days": "5"}), 422)

    def link() -> str:
        text = client.get(f"/app/sessions/{sid}/review").text
        return re.search(r'value="http://testserver/r/([A-Za-z0-9_-]+)"', text).group(1)

    client.post(f"/app/sessions/{sid}/share", data={"days": "7"})
    token = link()
    with services.db.read() as db:
        left = db.get(InterviewSession, sid).share_expires_at - utcnow()
    assert timedelta(days=7) - timedelta(minutes=1) < left <= timedelta(days=7)
    assert "stops working on" in client.get(f"/app/sessions/{sid}/review").text
    assert page(client.get(f"/r/{token}"))

    with services.db.write() as db:  # a week passes
        db.get(InterviewSession, sid).share_expires_at = utcnow() - timedelta(seconds=1)
    gone = page(client.get(f"/r/{token}"), 410)
    assert "expired" in gone and "<mark" not in gone and "Transcript" not in gone
    assert "Create share link" in client.get(f"/app/sessions/{sid}/review").text

    client.post(f"/app/sessions/{sid}/share", data={"days": "0"})
    fresh = link()
    assert fresh != token and page(client.get(f"/r/{token}"), 404)
    with services.db.read() as db:
        assert db.get(InterviewSession, sid).share_expires_at is None
    assert "works until you stop sharing" in client.get(f"/app/sessions/{sid}/review").text
    assert page(client.get(f"/r/{fresh}"))
