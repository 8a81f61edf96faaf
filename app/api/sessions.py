"""Sessions and turns: create, list, read, talk, read the transcript back."""

from __future__ import annotations

import time

from anyio import to_thread
from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse, PlainTextResponse
from sse_starlette import EventSourceResponse

from app.api.openapi import LOCATION, Responses
from app.api.schemas import (
    CreateSession,
    ExportFormat,
    MessageOut,
    PostMessage,
    SessionCreated,
    SessionOut,
    SessionPage,
    Status,
    Transcript,
    TurnOut,
)
from app.api.stream_events import (
    STREAM_DESCRIPTION,
    TURN_EVENT,
    DoneEvent,
    ErrorDetail,
    ErrorEvent,
    MessageEvent,
    ResetEvent,
    TokenEvent,
)
from app.auth import launch
from app.auth.keys import Caller
from app.errors import Conflict, Unprocessable
from app.exports.render import render_transcript
from app.interview.service import TurnResult
from app.interview.state import InterviewState
from app.services import CallerDep, Services, ServicesDep, SessionDep
from app.store import repo
from app.store.models import InterviewSession, utcnow
from app.store.repo import session_or_404

router = APIRouter(prefix="/v1/sessions", tags=["sessions"])

NOT_FOUND: Responses = {404: {"description": "No such session for this caller"}}


def session_out(row: InterviewSession) -> SessionOut:
    plan = InterviewState.model_validate(row.state).time_plan(time.time()) if row.state else []
    return SessionOut.of(row, plan)


def _turn_out(result: TurnResult) -> TurnOut:
    return TurnOut(
        message=MessageOut.of(result.message),
        reply=MessageOut.of(result.reply),
        stage=result.session.stage,  # type: ignore[arg-type]
        status=result.session.status,  # type: ignore[arg-type]
    )


@router.post(
    "",
    status_code=201,
    response_model=SessionCreated,
    summary="Start an interview",
    description="Creates a session and returns the interviewer's opening message.",
    responses={
        201: {"headers": LOCATION},
        422: {"description": "Unknown problem or invalid level"},
    },
)
async def create_session(
    body: CreateSession,
    response: Response,
    who: CallerDep,
    svc: ServicesDep,
) -> SessionCreated:
    row, msg = await to_thread.run_sync(
        svc.interviews.start, who.tenant_id, body.problem_id, body.level, body.candidate_ref
    )
    response.headers["Location"] = f"/v1/sessions/{row.id}"
    return SessionCreated(session=session_out(row), message=MessageOut.of(msg))


@router.get("", response_model=SessionPage, summary="List sessions (newest first)")
async def list_sessions(
    who: CallerDep,
    svc: ServicesDep,
    candidate_ref: str | None = Query(default=None, max_length=200),
    status: Status | None = None,
    limit: int = Query(default=20, ge=1, le=100),
    offset: int = Query(default=0, ge=0, le=1_000_000),
) -> SessionPage:
    def work():
        with svc.db.read() as db:
            return repo.list_sessions(
                db,
                who.tenant_id,
                candidate_ref=candidate_ref,
                status=status,
                limit=limit,
                offset=offset,
            )

    rows, total = await to_thread.run_sync(work)
    return SessionPage(
        items=[session_out(r) for r in rows], total=total, limit=limit, offset=offset
    )


@router.get("/{session_id}", response_model=SessionOut, summary="One session", responses=NOT_FOUND)
async def get_session(row: SessionDep) -> SessionOut:
    return session_out(row)


@router.post(
    "/{session_id}/messages",
    status_code=201,
    response_model=TurnOut,
    summary="Send the candidate's message; get the interviewer's reply",
    description="The candidate's message is stored before any other work. " + STREAM_DESCRIPTION,
    responses={
        **NOT_FOUND,
        409: {"description": "Session ended or a turn is still running"},
        201: {
            "description": "The stored message and the reply (JSON, or streamed events)",
            "content": {
                "text/event-stream": {"schema": {"$ref": f"#/components/schemas/{TURN_EVENT}"}}
            },
        },
    },
)
async def post_message(
    session_id: str,
    body: PostMessage,
    request: Request,
    who: CallerDep,
    svc: ServicesDep,
):
    limit = svc.settings.max_message_chars
    if len(body.content) > limit:
        raise Unprocessable(f"content: at most {limit} characters allowed", code="message-too-long")
    streaming = "text/event-stream" in request.headers.get("accept", "")
    if not streaming:
        result = await svc.interviews.turn(who.tenant_id, session_id, body.content)
        return _turn_out(result)
    message, events = await svc.interviews.stream_turn(who.tenant_id, session_id, body.content)

    async def sse():
        yield MessageEvent(data=MessageOut.of(message)).frame()
        async for ev in events:
            if ev["event"] == "done":
                yield DoneEvent(data=_turn_out(ev["result"])).frame()
            elif ev["event"] == "error":
                yield ErrorEvent(data=ErrorDetail(detail="the reply failed; resend")).frame()
            elif ev["event"] == "reset":
                yield ResetEvent().frame()
            else:
                yield TokenEvent(data=ev["data"]).frame()

    return EventSourceResponse(sse(), status_code=201, ping=15)


@router.get(
    "/{session_id}/transcript",
    response_model=Transcript,
    summary="The transcript as JSON, Markdown or HTML",
    responses={
        **NOT_FOUND,
        200: {"content": {"text/markdown": {}, "text/html": {}}},
    },
)
async def get_transcript(
    session_id: str,
    who: CallerDep,
    svc: ServicesDep,
    format: ExportFormat = "json",
):
    def work():
        with svc.db.read() as db:
            row = session_or_404(db, who.tenant_id, session_id)
            return row, repo.list_messages(db, who.tenant_id, session_id)

    row, messages = await to_thread.run_sync(work)
    if format == "json":
        return Transcript(session=session_out(row), messages=[MessageOut.of(m) for m in messages])
    problem = svc.bank.problems.get(row.problem_id)
    text = render_transcript(format, row, messages, problem)
    if format == "html":
        return HTMLResponse(text)
    return PlainTextResponse(text, media_type="text/markdown; charset=utf-8")


@router.delete(
    "/{session_id}",
    status_code=204,
    summary="Erase a session and everything made from it",
    description=(
        "Deletes the session with its messages, events, reports, share link, the webhook "
        "deliveries about it and stored idempotent responses quoting it; then announces "
        "`session.deleted`. Afterwards every read of it is a 404."
    ),
    responses={**NOT_FOUND, 409: {"description": "A turn is running on this session"}},
)
async def delete_session(session_id: str, who: CallerDep, svc: ServicesDep) -> Response:
    def work() -> str | None:
        with svc.db.write() as db:
            row = session_or_404(db, who.tenant_id, session_id, for_update=True)
            if not repo.lease_is_free(row, utcnow()):
                raise Conflict("a turn is running on this session; retry in a moment")
            ref = row.candidate_ref
            repo.delete_session(db, row)
            return ref

    ref = await to_thread.run_sync(work)
    await svc.webhooks.emit(
        who.tenant_id,
        "session.deleted",
        {"session_id": session_id, "candidate_ref": ref, "deleted_at": utcnow().isoformat()},
    )
    return Response(status_code=204)


LAUNCH_DESCRIPTION = (
    "A short-lived (`MLSD_LAUNCH_LINK_TTL_S`, default 300 s), single-use URL for one browser. "
    "Opening it sets an HttpOnly cookie for this session only and redirects to {page}; the "
    "URL carries no key and is refused after its first use. Answered with "
    "`Cache-Control: no-store` (and never kept for an idempotent replay)."
)


async def _launch(
    request: Request, response: Response, svc: Services, who: Caller, sid: str, role: str
) -> launch.LaunchLink:
    link = await to_thread.run_sync(
        launch.issue, svc, who.tenant_id, sid, role, str(request.base_url)
    )
    response.headers["Cache-Control"] = "no-store"  # the URL is a credential
    return link


@router.post(
    "/{session_id}/launch",
    status_code=201,
    response_model=launch.LaunchLink,
    summary="A launch link into the interview page, for the candidate",
    description=LAUNCH_DESCRIPTION.format(
        page="the interview page (the candidate may talk, finish and read the review)"
    ),
    responses=NOT_FOUND,
)
async def launch_candidate(
    session_id: str,
    request: Request,
    response: Response,
    who: CallerDep,
    svc: ServicesDep,
) -> launch.LaunchLink:
    return await _launch(request, response, svc, who, session_id, "candidate")


@router.post(
    "/{session_id}/review/launch",
    status_code=201,
    response_model=launch.LaunchLink,
    summary="A launch link into the review page, for a reviewer (read-only)",
    description=LAUNCH_DESCRIPTION.format(
        page="the review page (read-only: the review, the report and the transcript)"
    ),
    responses=NOT_FOUND,
)
async def launch_reviewer(
    session_id: str,
    request: Request,
    response: Response,
    who: CallerDep,
    svc: ServicesDep,
) -> launch.LaunchLink:
    return await _launch(request, response, svc, who, session_id, "reviewer")
