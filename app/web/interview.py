"""The interview pages: start one, list them, talk, finish. Every action is a plain form
post answering 303 (or the page again with the error), so it all works without JavaScript;
`static/chat.js` then streams replies from the v1 API."""

from __future__ import annotations

import contextlib
import time
from datetime import UTC
from typing import Any

from anyio import to_thread
from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse

from app.auth.keys import Caller
from app.errors import Conflict, UnknownProblem
from app.interview.state import InterviewState
from app.knowledge.schema import LEVELS
from app.security import forbidden_char
from app.services import Services, ServicesDep
from app.store import repo
from app.store.models import InterviewSession, Message
from app.store.repo import session_or_404
from app.templating import iso
from app.web.access import AnyVisitor, Candidate, KeyHolder, role, same_origin
from app.web.errors import PageRoute
from app.web.responses import redirect, render

HINT_TEXT = "Can I get a hint?"
MOVE_ON_TEXT = "Let's move on to the next stage."
PAGE_SIZE = 25

router = APIRouter(include_in_schema=False, route_class=PageRoute)


def load_interview(
    svc: Services, tenant: str, session_id: str
) -> tuple[InterviewSession, list[Message], dict[str, Any] | None]:
    """The session, its messages and its latest report's data (NotFound: no such session)."""
    with svc.db.read() as db:
        row = session_or_404(db, tenant, session_id)
        messages = repo.list_messages(db, tenant, session_id)
        report = repo.latest_report(db, tenant, session_id)
        return row, messages, (report.data if report else None)


def _unfinished(svc: Services, tenant: str) -> list[InterviewSession]:
    with svc.db.read() as db:
        active, _ = repo.list_sessions(db, tenant, status="active", limit=10)
        ended, _ = repo.list_sessions(db, tenant, status="ended", limit=10)
    rows = sorted([*active, *ended], key=lambda r: iso(r.created_at), reverse=True)
    return rows[:10]


def _problems(svc: Services) -> list:
    return sorted(svc.bank.problems.values(), key=lambda p: p.title.lower())


def _plan(row: InterviewSession) -> list[dict[str, Any]]:
    if not row.state:
        return []
    return InterviewState.model_validate(row.state).time_plan(time.time())


def _elapsed(row: InterviewSession, messages: list[Message]) -> tuple[float, float | None]:
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


@router.get("/", response_class=HTMLResponse)
async def home(request: Request, who: KeyHolder, svc: ServicesDep):
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
    who: KeyHolder,
    svc: ServicesDep,
    problem_id: str = Form(default=""),
    level: str = Form(default="senior"),
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
async def sessions_page(request: Request, who: KeyHolder, svc: ServicesDep, page: str = "1"):
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


async def _interview(
    request: Request, svc: Services, who: Caller, session_id: str, status: int = 200, **extra: Any
) -> HTMLResponse:
    row, messages, report = await to_thread.run_sync(load_interview, svc, who.tenant_id, session_id)
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
        launched=role(who),
        readonly=role(who) == "reviewer",
        hint_text=HINT_TEXT,
        move_on_text=MOVE_ON_TEXT,
        **extra,
    )


@router.get("/app/sessions/{session_id}", response_class=HTMLResponse)
async def interview_page(session_id: str, request: Request, who: AnyVisitor, svc: ServicesDep):
    return await _interview(request, svc, who, session_id)


@router.post("/app/sessions/{session_id}/messages", dependencies=[Depends(same_origin)])
async def post_message(
    session_id: str,
    request: Request,
    who: Candidate,
    svc: ServicesDep,
    content: str = Form(default=""),
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
    except Conflict as exc:  # ended, busy or full (LimitExceeded): said on the page itself
        return await _interview(request, svc, who, session_id, status=409, error=str(exc))
    return redirect(f"/app/sessions/{session_id}#m{result.reply.seq}")


@router.post("/app/sessions/{session_id}/finish", dependencies=[Depends(same_origin)])
async def finish(session_id: str, who: Candidate, svc: ServicesDep):
    with contextlib.suppress(Conflict):  # already graded (a double click): the review is there
        await svc.grading.finish(who.tenant_id, session_id)
    return redirect(f"/app/sessions/{session_id}/review")
