"""The browser UI: server-rendered pages over the same services as the v1 API.

Progressive enhancement: every action is a plain HTML form post that answers 303 (or an HTML
error page), so the whole interview works without JavaScript; `static/chat.js` then streams
replies from the v1 API and `static/app.js` adds small conveniences (confirm, copy).

Pages send a strict Content-Security-Policy (no inline script or style anywhere), refuse
cross-site form posts, and render errors as HTML, never as problem+json. The API's HTML
renderings (`?format=html`) are left alone: they are standalone documents for download.
"""

from __future__ import annotations

import copy
import re
import secrets
import time
from datetime import UTC, timedelta
from typing import Any

from anyio import to_thread
from fastapi import APIRouter, Depends, FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from markupsafe import Markup, escape

from app import resources
from app.auth import launch
from app.auth.dependencies import caller, launch_caller
from app.auth.keys import Caller
from app.errors import Conflict, DomainError, NotFound, UnknownProblem
from app.exports.charts import stage_bars
from app.grading.report_model import load_report
from app.grading.scoring import OFF_PROBLEM_RATIO
from app.interview.state import InterviewState
from app.knowledge.schema import LEVELS
from app.security import cross_site, forbidden_char
from app.services import Services, services
from app.store import repo
from app.store.models import utcnow
from app.templating import html_env, iso, sentence
from app.understanding.quotes import find_quote

STATIC_DIR = resources.static_dir()

HINT_TEXT = "Can I get a hint?"
MOVE_ON_TEXT = "Let's move on to the next stage."
PAGE_SIZE = 25
TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{16,64}")

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

router = APIRouter(include_in_schema=False)


class PageError(Exception):
    """Raise in a page handler to answer with an HTML error page."""

    def __init__(
        self, status: int, title: str, detail: str = "", headers: dict[str, str] | None = None
    ):
        super().__init__(detail or title)
        self.status = status
        self.title = title
        self.detail = detail
        self.headers = headers or {}


class _Static(StaticFiles):
    """Static files with `nosniff` (the CSP only matters on documents)."""

    async def get_response(self, path: str, scope):
        response = await super().get_response(path, scope)
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response


def install(app: FastAPI) -> None:
    """Add the pages, the static files and the HTML error handler to the app."""
    app.include_router(router)
    app.mount("/static", _Static(directory=STATIC_DIR), name="static")

    async def _page_error(request: Request, exc: PageError) -> HTMLResponse:
        # In keys mode a browser only gets here through a launch link: no links to pages
        # that would refuse it.
        response = render(
            "error.html.j2",
            request,
            status=exc.status,
            code=exc.status,
            title=exc.title,
            detail=exc.detail,
            bare=not services(request).keys.local_mode(),
        )
        response.headers.update(exc.headers)
        return response

    app.add_exception_handler(PageError, _page_error)  # type: ignore[arg-type]


# --- rendering ----------------------------------------------------------------------------


def render(name: str, request: Request, status: int = 200, **ctx: Any) -> HTMLResponse:
    html = html_env().get_template(name).render(path=request.url.path, **ctx)
    return HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303, headers=SECURITY_HEADERS)


def same_origin(request: Request) -> None:
    """Refuse form posts from other sites (local mode has no credentials to protect it).
    Fails closed: `Sec-Fetch-Site`, else `Origin`, else a same-origin `Referer` must vouch
    for the post; a post with none of them is refused."""
    if cross_site(request.headers):
        raise PageError(403, "Forbidden", "This form can only be sent from this site.")


def _not_found(what: str = "interview") -> PageError:
    return PageError(404, "Not found", f"There is no such {what}. It may have been removed.")


# --- who may see a page -----------------------------------------------------------------------

LINK_HELP = (
    "Open it again from your learning platform: it makes a fresh link. A launch link works "
    "once, within minutes, and the visit it starts lasts a few hours."
)


def visitor(*roles: str):
    """Dependency: who is asking for a page. Local mode: the local tenant, as always. Keys
    mode: a bearer key (its whole tenant), or a launch cookie for this page's session whose
    role is one of `roles` (none: only key holders). Refusals are HTML pages."""

    async def dependency(request: Request) -> Caller:
        svc = services(request)
        if svc.keys.local_mode():
            return await caller(request)
        try:
            if request.headers.get("authorization") is not None:
                return await caller(request)
            who = await launch_caller(request)
            launch.check_session(request, who.launch, roles)  # type: ignore[arg-type]
            return who
        except DomainError as exc:
            raise _refusal(exc) from None

    return dependency


KEY_HOLDER = visitor()  # keys mode: a bearer key only (home, lists, new interviews, sharing)
CANDIDATE = visitor("candidate")  # ...or a candidate's launch cookie (talk, finish)
ANY_VISITOR = visitor(*launch.ROLES)  # ...or a reviewer's (read the interview and review)


def _refusal(exc: DomainError) -> PageError:
    """The HTML page for an authentication or permission problem (never problem+json)."""
    if exc.status == 401:
        return link_expired()
    if exc.status == 403:
        return PageError(403, "Not open to this link", sentence(exc.detail) + ".")
    if exc.status == 429:
        return PageError(
            429, "Too many attempts", "Wait a minute, then try again.", headers=exc.headers
        )
    return PageError(exc.status, "Refused", exc.detail, headers=exc.headers)


def link_expired() -> PageError:
    return PageError(
        401,
        "This link has expired or is missing",
        LINK_HELP,
        headers={"WWW-Authenticate": 'Bearer realm="mlsd"', "Cache-Control": "no-store"},
    )


def _role(who: Caller) -> str | None:
    """`candidate` or `reviewer` for a launched visitor, None for a key holder or local."""
    return who.launch.role if who.launch else None


# --- view models ----------------------------------------------------------------------------


def _plan(row) -> list[dict[str, Any]]:
    if not row.state:
        return []
    return InterviewState.model_validate(row.state).time_plan(time.time())


def _elapsed(row, messages) -> tuple[float, float | None]:
    """(minutes elapsed, start epoch when the clock is still running)."""
    started = float((row.state or {}).get("started_at") or 0.0)
    if not started:
        return 0.0, None
    if row.status == "active":
        return max(0.0, time.time() - started) / 60.0, started
    last = messages[-1].created_at if messages else None
    if last is None:
        return 0.0, None
    if last.tzinfo is None:
        last = last.replace(tzinfo=UTC)
    return max(0.0, last.timestamp() - started) / 60.0, None


def highlight(text: str, spans: list[tuple[int, int, list[str], str]]) -> Markup:
    """`text` escaped, with each (start, end, criterion ids, dom id) span in a <mark>."""
    out: list[str] = []
    pos = 0
    for start, end, ids, dom_id in spans:
        out.append(str(escape(text[pos:start])))
        kinds = " ".join(sorted({"flag" if i.startswith("!") else "ok" for i in ids}))
        crit = " ".join(i.lstrip("!") for i in ids)
        out.append(
            f'<mark id="{escape(dom_id)}" class="ev {kinds}" data-criterion="{escape(crit)}">'
            f"{escape(text[start:end])}</mark>"
        )
        pos = end
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def review_view(report: dict[str, Any], messages) -> tuple[dict[str, Any], list[dict]]:
    """The report with an `anchor` on each evidence quote, and the transcript with every
    quote highlighted inside its message (overlapping quotes share one <mark>)."""
    report = copy.deepcopy(report)
    by_id = {m.id: m for m in messages}
    raw: dict[str, list[tuple[int, int, str, tuple[str, str, str]]]] = {}
    for stage in report.get("stages", []):
        for crit in stage.get("criteria", []):
            for ev in crit.get("evidence") or []:
                msg = by_id.get(ev.get("message_id"))
                if msg is None or msg.role != "candidate":
                    continue
                span = find_quote(msg.content, ev.get("quote", ""))
                if span is None:
                    continue
                tag = ("!" if crit.get("red_flag") else "") + crit["id"]
                key = (crit["id"], msg.id, ev.get("quote", ""))
                raw.setdefault(msg.id, []).append((span[0], span[1], tag, key))

    anchors: dict[tuple[str, str, str], str] = {}
    marked: dict[str, list[tuple[int, int, list[str], str]]] = {}
    for msg_id, items in raw.items():
        items.sort(key=lambda t: (t[0], -t[1]))
        merged: list[list[Any]] = []  # [start, end, tags, keys]
        for start, end, tag, key in items:
            if merged and start < merged[-1][1]:
                last = merged[-1]
                last[1] = max(last[1], end)
                if tag not in last[2]:
                    last[2].append(tag)
                last[3].append(key)
            else:
                merged.append([start, end, [tag], [key]])
        seq = by_id[msg_id].seq
        spans = []
        for n, (start, end, tags, keys) in enumerate(merged, 1):
            dom_id = f"ev-{seq}-{n}"
            spans.append((start, end, tags, dom_id))
            for key in keys:
                anchors[key] = dom_id
        marked[msg_id] = spans

    for stage in report.get("stages", []):
        crits = stage.get("criteria", [])
        for crit in crits:
            for ev in crit.get("evidence") or []:
                ev["anchor"] = anchors.get((crit["id"], ev.get("message_id"), ev.get("quote", "")))
        # Red flags shown first, then met, then missed; rubric order within each group.
        crits.sort(key=lambda c: 0 if c["met"] and c.get("red_flag") else 1 if c["met"] else 2)
    for item in [*report.get("strengths", []), *report.get("improvements", [])]:
        if item.get("quote"):
            key = (item.get("criterion_id"), item.get("message_id"), item["quote"])
            item["anchor"] = anchors.get(key) or next(
                (a for (cid, _, q), a in anchors.items() if cid == key[0] and q == key[2]), None
            )

    transcript = [
        {
            "id": m.id,
            "seq": m.seq,
            "role": m.role,
            "stage": m.stage,
            "html": highlight(m.content, marked.get(m.id, []))
            if m.role == "candidate"
            else escape(m.content),
        }
        for m in messages
    ]
    return report, transcript


def _overall_view(report: dict[str, Any]) -> dict[str, Any]:
    overall = dict(report.get("overall") or {})
    topical = overall.get("topicality") or {}
    overall["off_topic"] = (topical.get("relevance") or 1.0) < OFF_PROBLEM_RATIO and topical.get(
        "best_match"
    )
    return overall


# --- pages -------------------------------------------------------------------------------


def _unfinished(svc, tenant: str) -> list:
    with svc.db.read() as db:
        active, _ = repo.list_sessions(db, tenant, status="active", limit=10)
        ended, _ = repo.list_sessions(db, tenant, status="ended", limit=10)
    rows = sorted([*active, *ended], key=lambda r: iso(r.created_at), reverse=True)
    return rows[:10]


def _problems(svc) -> list:
    return sorted(svc.bank.problems.values(), key=lambda p: p.title.lower())


@router.get("/", response_class=HTMLResponse)
async def home(
    request: Request, who: Caller = Depends(KEY_HOLDER), svc: Services = Depends(services)
):
    rows = await to_thread.run_sync(_unfinished, svc, who.tenant_id)
    return render(
        "home.html.j2",
        request,
        problems=_problems(svc),
        bank=svc.bank.problems,
        resume=rows,
        minutes=svc.settings.interview_minutes,
        selected=None,
        level="senior",
    )


@router.post("/app/sessions", dependencies=[Depends(same_origin)])
async def create_session(
    request: Request,
    problem_id: str = Form(default=""),
    level: str = Form(default="senior"),
    who: Caller = Depends(KEY_HOLDER),
    svc: Services = Depends(services),
):
    error = None
    if problem_id not in svc.bank.problems:
        error = "Pick one of the problems below."
    elif level not in LEVELS:
        error = "Pick a level: mid, senior or staff."
    if error is None:
        try:
            row, _ = await to_thread.run_sync(
                svc.interviews.start, who.tenant_id, problem_id, level, None
            )
        except UnknownProblem:
            error = "Pick one of the problems below."
        else:
            return redirect(f"/app/sessions/{row.id}")
    rows = await to_thread.run_sync(_unfinished, svc, who.tenant_id)
    return render(
        "home.html.j2",
        request,
        status=422,
        problems=_problems(svc),
        bank=svc.bank.problems,
        resume=rows,
        minutes=svc.settings.interview_minutes,
        error=error,
        selected=problem_id,
        level=level if level in LEVELS else "senior",
    )


@router.get("/app/sessions", response_class=HTMLResponse)
async def sessions_page(
    request: Request,
    page: str = "1",
    who: Caller = Depends(KEY_HOLDER),
    svc: Services = Depends(services),
):
    number = int(page) if page.isdigit() and 0 < int(page) < 100_000 else 1

    def work():
        with svc.db.read() as db:
            return repo.list_sessions(
                db, who.tenant_id, limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE
            )

    rows, total = await to_thread.run_sync(work)
    pages = max(1, -(-total // PAGE_SIZE))
    return render(
        "sessions.html.j2",
        request,
        rows=rows,
        total=total,
        page=number,
        pages=pages,
        bank=svc.bank.problems,
    )


def _load(svc, tenant: str, session_id: str):
    with svc.db.read() as db:
        row = repo.get_session(db, tenant, session_id)
        if row is None:
            raise _not_found()
        messages = repo.list_messages(db, tenant, session_id)
        report = repo.latest_report(db, tenant, session_id)
        return row, messages, (report.data if report else None)


async def _interview(
    request: Request, svc, who: Caller, session_id: str, status: int = 200, **extra: Any
) -> HTMLResponse:
    row, messages, report = await to_thread.run_sync(_load, svc, who.tenant_id, session_id)
    elapsed, started = _elapsed(row, messages)
    return render(
        "interview.html.j2",
        request,
        status=status,
        s=row,
        problem=svc.bank.problems.get(row.problem_id),
        messages=messages,
        plan=_plan(row),
        elapsed=elapsed,
        started=started,
        server_now=time.time(),
        minutes=(row.state or {}).get("minutes") or svc.settings.interview_minutes,
        hints_used=len((row.state or {}).get("hints", [])),
        has_report=report is not None,
        max_chars=svc.settings.max_message_chars,
        launched=_role(who),
        readonly=_role(who) == "reviewer",
        hint_text=HINT_TEXT,
        move_on_text=MOVE_ON_TEXT,
        **extra,
    )


@router.get("/app/sessions/{session_id}", response_class=HTMLResponse)
async def interview_page(
    session_id: str,
    request: Request,
    who: Caller = Depends(ANY_VISITOR),
    svc: Services = Depends(services),
):
    return await _interview(request, svc, who, session_id)


@router.post("/app/sessions/{session_id}/messages", dependencies=[Depends(same_origin)])
async def post_message(
    session_id: str,
    request: Request,
    content: str = Form(default=""),
    who: Caller = Depends(CANDIDATE),
    svc: Services = Depends(services),
):
    limit = svc.settings.max_message_chars
    if not content.strip():
        return await _interview(
            request, svc, who, session_id, status=422, error="Type a message first."
        )
    if len(content) > limit:
        return await _interview(
            request,
            svc,
            who,
            session_id,
            status=422,
            error=f"Your message is too long: at most {limit} characters.",
            draft=content,
        )
    bad = forbidden_char(content)
    if bad:
        return await _interview(
            request, svc, who, session_id, status=422, error=f"Your message contains {bad}."
        )
    try:
        result = await svc.interviews.turn(who.tenant_id, session_id, content)
    except NotFound:
        raise _not_found() from None
    except Conflict as exc:  # LimitExceeded too
        return await _interview(request, svc, who, session_id, status=409, error=str(exc))
    return redirect(f"/app/sessions/{session_id}#m{result.reply.seq}")


@router.post("/app/sessions/{session_id}/finish", dependencies=[Depends(same_origin)])
async def finish(
    session_id: str, who: Caller = Depends(CANDIDATE), svc: Services = Depends(services)
):
    try:
        await svc.grading.finish(who.tenant_id, session_id)
    except NotFound:
        raise _not_found() from None
    except Conflict:
        pass  # already graded (a double click): the review is there
    return redirect(f"/app/sessions/{session_id}/review")


@router.get("/app/sessions/{session_id}/review", response_class=HTMLResponse)
async def review_page(
    session_id: str,
    request: Request,
    who: Caller = Depends(ANY_VISITOR),
    svc: Services = Depends(services),
):
    row, messages, report = await to_thread.run_sync(_load, svc, who.tenant_id, session_id)
    return _review(request, svc, row, messages, report, shared=False, launched=_role(who))


def _review(
    request: Request,
    svc,
    row,
    messages,
    report,
    shared: bool,
    launched: str | None = None,
) -> HTMLResponse:
    """The review page; a launched visitor gets no sharing (the platform decides who sees a
    review) and a reviewer nothing that changes anything."""
    problem = svc.bank.problems.get(row.problem_id)
    if report is None:
        if shared:
            raise _not_found("shared review")
        return render(
            "review.html.j2",
            request,
            s=row,
            problem=problem,
            r=None,
            shared=False,
            launched=launched,
            readonly=launched == "reviewer",
        )
    view, transcript = review_view(load_report(report).to_json(), messages)
    share_url = None
    if row.share_token and not shared and not launched and not _share_expired(row):
        share_url = str(request.base_url).rstrip("/") + f"/r/{row.share_token}"
    response = render(
        "review.html.j2",
        request,
        s=row,
        problem=problem,
        r=view,
        overall=_overall_view(view),
        chart=stage_bars(view),
        transcript=transcript,
        shared=shared,
        share_url=share_url,
        share_expires=row.share_expires_at,
        share_choices=SHARE_CHOICES,
        share_default=svc.settings.share_link_days,
        launched=launched,
        readonly=launched == "reviewer",
    )
    if shared:
        response.headers["X-Robots-Tag"] = "noindex, nofollow"
    if shared or share_url:  # the link is the secret: never cached on the way
        response.headers["Cache-Control"] = "no-store"
    return response


SHARE_CHOICES = (1, 7, 30, 0)  # days a share link lives; 0 = until revoked


def _set_share(svc, tenant: str, session_id: str, enable: bool, days: int = 0) -> None:
    with svc.db.write() as db:
        row = repo.get_session(db, tenant, session_id, for_update=True)
        if row is None:
            raise _not_found()
        if not enable:
            row.share_token = None
            row.share_expires_at = None
            return
        if repo.latest_report(db, tenant, session_id) is None:
            raise PageError(409, "Not graded yet", "Finish the interview before sharing it.")
        if not row.share_token or _share_expired(row):  # an expired link is never revived
            row.share_token = secrets.token_urlsafe(24)
        row.share_expires_at = utcnow() + timedelta(days=days) if days else None


def _share_expired(row) -> bool:
    return row.share_expires_at is not None and row.share_expires_at <= utcnow()


@router.post("/app/sessions/{session_id}/share", dependencies=[Depends(same_origin)])
async def share(
    session_id: str,
    days: int | None = Form(default=None),
    who: Caller = Depends(KEY_HOLDER),
    svc: Services = Depends(services),
):
    days = svc.settings.share_link_days if days is None else days
    if days not in (*SHARE_CHOICES, svc.settings.share_link_days):
        raise PageError(422, "Unknown expiry", "Pick 1, 7 or 30 days, or never.")
    await to_thread.run_sync(_set_share, svc, who.tenant_id, session_id, True, days)
    return redirect(f"/app/sessions/{session_id}/review#share")


@router.post("/app/sessions/{session_id}/share/revoke", dependencies=[Depends(same_origin)])
async def unshare(
    session_id: str, who: Caller = Depends(KEY_HOLDER), svc: Services = Depends(services)
):
    await to_thread.run_sync(_set_share, svc, who.tenant_id, session_id, False)
    return redirect(f"/app/sessions/{session_id}/review#share")


@router.get("/r/{token}", response_class=HTMLResponse)
async def shared_review(token: str, request: Request, svc: Services = Depends(services)):
    """Read-only review for whoever holds the link (no tenant: the token is the secret)."""
    if not TOKEN_RE.fullmatch(token):
        raise _not_found("shared review")

    def work():
        with svc.db.read() as db:
            row = repo.session_by_share_token(db, token)
            if row is None or not secrets.compare_digest(row.share_token or "", token):
                raise _not_found("shared review")
            if _share_expired(row):
                raise PageError(
                    410, "Link expired", "This share link has expired. Ask for a new one."
                )
            messages = repo.list_messages(db, row.tenant_id, row.id)
            report = repo.latest_report(db, row.tenant_id, row.id)
            return row, messages, (report.data if report else None)

    row, messages, report = await to_thread.run_sync(work)
    return _review(request, svc, row, messages, report, shared=True)


@router.get("/launch/{token}")
async def open_launch_link(token: str, request: Request, svc: Services = Depends(services)):
    """Trade a launch link for the browser's cookie (once), then go to its page: the token
    never stays in the address bar, and a used, expired or forged one gets an HTML 401."""
    address = request.client.host if request.client else "-"
    if svc.keys.failures.wait(address) > 0:
        raise PageError(429, "Too many attempts", "Wait a minute, then try again.")
    grant = await to_thread.run_sync(launch.consume, svc, token)
    if grant is None:
        svc.keys.failures.failed(address)
        raise link_expired()
    response = redirect(launch.landing(grant))
    response.headers["Cache-Control"] = "no-store"
    launch.set_cookie(response, request, svc.settings, grant)
    return response
