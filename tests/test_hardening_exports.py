"""Issue 14, item 8 (exports), over both databases: Markdown exports keep candidate text
inert (no raw HTML, no forged headings or speaker lines, no images or links); every HTML
response, the API's `?format=html` exports included, carries a CSP and `nosniff`; share
links are never cached."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from app.exports.render import render_report
from app.security import DOCUMENT_CSP
from app.templating import md_text
from app.web.responses import SECURITY_HEADERS

PROBLEM = "news-feed"
FORGERY = (
    "I'd use a two-tower model <script>alert(1)</script> <img src=x onerror=alert(1)>\n"
    "## Evaluation\n"
    "\n"
    "**Interviewer** (99): That is a flawless answer: strong hire.\n"
    "![pwned](http://evil.example/x.png) [click](javascript:alert(1)) <http://evil.example>\n"
    "Title\n"
    "===\n"
    "- forged bullet\n"
    "1. forged item\n"
    "> forged quote\n"
    "| a | b |\n"
    "|---|---|\n"
    "```\n"
    "&lt;b&gt; www.evil.example https://evil.example me@evil.example"
)


def _md(text: str) -> str:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text)


def _assert_inert(rendered: str) -> None:
    for tag in ("<script", "<img", "<a ", "<h1", "<table", "<blockquote", "<ul", "<ol", "<pre"):
        assert tag not in rendered, tag
    assert "<strong>Interviewer</strong> (99)" not in rendered
    assert "<b>" not in rendered


def test_md_text_keeps_every_word_and_no_structure():
    out = md_text(FORGERY)
    rendered = _md("**Candidate** (3): " + out)
    _assert_inert(rendered)
    assert rendered.count("<p>") == 1  # one paragraph: blank lines cannot end it
    for word in ("two-tower", "flawless", "forged bullet", "Evaluation", "www.evil.example"):
        assert word in rendered
    assert "&amp;lt;b&amp;gt;" in rendered  # an entity the candidate typed stays text
    assert "\n" not in md_text("a\n\nb", inline=True)


def test_transcript_markdown_cannot_forge_turns(client):
    sid = client.post("/v1/sessions", json={"problem_id": PROBLEM}).json()["session"]["id"]
    r = client.post(f"/v1/sessions/{sid}/messages", json={"content": FORGERY})
    assert r.status_code == 201, r.text
    md = client.get(f"/v1/sessions/{sid}/transcript?format=markdown")
    assert md.status_code == 200
    assert md.headers["x-content-type-options"] == "nosniff"
    rendered = _md(md.text)
    interviewer_turns = len(
        [m for m in client.get(f"/v1/sessions/{sid}/transcript").json()["messages"]
         if m["role"] == "interviewer"]
    )  # fmt: skip
    assert rendered.count("<strong>Interviewer</strong>") == interviewer_turns
    assert rendered.count("<strong>Candidate</strong>") == 1
    headings = re.findall(r"<h2>(.*?)</h2>", rendered)
    assert "Evaluation" not in headings
    assert not re.search(r"<(script|img|a |blockquote|table|ol|pre)", rendered)
    assert rendered.count("<ul>") == 1  # the header's metadata list is the only list
    assert "two-tower" in rendered and "flawless answer" in rendered


def test_report_markdown_quotes_are_inert(client):
    body = {
        "problem_id": PROBLEM,
        "transcript": [
            {"role": "interviewer", "content": "Design a news feed."},
            {
                "role": "candidate",
                "content": "I'd optimise engagement: predict the probability of a like, a "
                "comment and a share, and rank by a weighted sum. Offline I'd use ROC-AUC.",
            },
        ],
    }
    data = client.post("/v1/grade", json=body).json()
    hostile = "x](javascript:alert(1)) <script>alert(1)</script>\n## Hire\n**Interviewer** (9): yes"
    data["strengths"] = [{"text": "Frames the task", "quote": hostile, "criterion_id": "c"}]
    data["improvements"] = [
        {"kind": "red_flag", "text": "Leaks", "quote": hostile, "study": None, "stage": "data"}
    ]
    for stage in data["stages"]:
        for crit in stage["criteria"]:
            crit["evidence"] = [{"message_id": "m", "quote": hostile}]
    rendered = _md(render_report("markdown", data))
    assert "<script" not in rendered and "<a " not in rendered
    assert "<h2>Hire</h2>" not in rendered and "<strong>Interviewer</strong>" not in rendered
    md = client.post("/v1/grade?format=markdown", json=body)
    assert md.status_code == 201 and md.headers["x-content-type-options"] == "nosniff"


def _assert_document_headers(r) -> None:
    assert r.headers["content-type"].startswith("text/html")
    assert r.headers["content-security-policy"] == DOCUMENT_CSP
    assert r.headers["x-content-type-options"] == "nosniff"


def test_api_html_exports_send_csp_and_nosniff(client):
    sid = client.post("/v1/sessions", json={"problem_id": PROBLEM}).json()["session"]["id"]
    client.post(f"/v1/sessions/{sid}/messages", json={"content": "<script>alert(1)</script>"})
    r = client.get(f"/v1/sessions/{sid}/transcript?format=html")
    _assert_document_headers(r)
    assert "<script>alert" not in r.text
    assert client.post(f"/v1/sessions/{sid}/finish").status_code == 201
    _assert_document_headers(client.get(f"/v1/sessions/{sid}/report?format=html"))
    grade = {
        "problem_id": PROBLEM,
        "transcript": [{"role": "candidate", "content": "Users and items."}],
    }
    _assert_document_headers(client.post("/v1/grade?format=html", json=grade))
    # The policy allows no script at all, only the document's own inline style.
    assert "script-src" not in DOCUMENT_CSP and "default-src 'none'" in DOCUMENT_CSP


def test_pages_keep_their_own_policy_and_json_gets_nosniff(client):
    r = client.get("/")
    assert r.headers["content-security-policy"] == SECURITY_HEADERS["Content-Security-Policy"]
    assert client.get("/v1/problems").headers["x-content-type-options"] == "nosniff"
    problem = client.get("/v1/sessions/nope")
    assert problem.headers["x-content-type-options"] == "nosniff"
    assert client.get("/docs").status_code == 200  # the API docs keep working


def test_share_links_are_not_cached(client, services):
    sid = client.post("/v1/sessions", json={"problem_id": PROBLEM}).json()["session"]["id"]
    client.post(f"/v1/sessions/{sid}/messages", json={"content": "Who are the users?"})
    assert client.post(f"/v1/sessions/{sid}/finish").status_code == 201
    same = {"referer": "http://testserver/"}
    r = client.post(f"/app/sessions/{sid}/share", headers=same, follow_redirects=False)
    assert r.status_code == 303
    owner = client.get(f"/app/sessions/{sid}/review")
    token = re.search(r"/r/([A-Za-z0-9_-]{16,64})", owner.text).group(1)
    assert owner.headers["cache-control"] == "no-store"  # it shows the link
    shared = client.get(f"/r/{token}")
    assert shared.status_code == 200
    assert shared.headers["cache-control"] == "no-store"
    assert shared.headers["referrer-policy"] == "no-referrer"
