"""The review pages: the graded review of an interview (with its evidence highlighted in
the transcript), share links to it, and the read-only shared view behind such a link."""

from __future__ import annotations

import re
import secrets
from datetime import timedelta
from typing import Any

from anyio import to_thread
from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse

from app.errors import Conflict, Gone, NotFound, Unprocessable
from app.exports.charts import stage_bars
from app.grading.report_model import load_report
from app.services import Services, ServicesDep
from app.store import repo
from app.store.models import InterviewSession, Message, utcnow
from app.store.repo import session_or_404
from app.web.access import AnyVisitor, KeyHolder, role, same_origin
from app.web.errors import PageRoute
from app.web.evidence import overall_view, review_view
from app.web.interview import load_interview
from app.web.responses import redirect, render

SHARE_CHOICES = (1, 7, 30, 0)  # days a share link lives; 0 = until revoked
TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{16,64}")

router = APIRouter(include_in_schema=False, route_class=PageRoute)


def _no_shared_review() -> NotFound:
    return NotFound(
        "no such shared review",
        page_title="Not found",
        page_text="There is no such shared review. It may have been removed.",
    )


def _share_expired(row: InterviewSession) -> bool:
    return row.share_expires_at is not None and row.share_expires_at <= utcnow()


@router.get("/app/sessions/{session_id}/review", response_class=HTMLResponse)
async def review_page(session_id: str, request: Request, who: AnyVisitor, svc: ServicesDep):
    row, messages, report = await to_thread.run_sync(load_interview, svc, who.tenant_id, session_id)
    return _review(request, svc, row, messages, report, shared=False, launched=role(who))


def _review(
    request: Request,
    svc: Services,
    row: InterviewSession,
    messages: list[Message],
    report: dict[str, Any] | None,
    shared: bool,
    launched: str | None = None,
) -> HTMLResponse:
    """The review page; a launched visitor gets no sharing (the platform decides who sees a
    review) and a reviewer nothing that changes anything."""
    problem = svc.bank.problems.get(row.problem_id)
    if report is None:
        if shared:
            raise _no_shared_review()
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
        overall=overall_view(view),
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


def _set_share(svc: Services, tenant: str, session_id: str, enable: bool, days: int = 0) -> None:
    with svc.db.write() as db:
        row = session_or_404(db, tenant, session_id, for_update=True)
        if not enable:
            row.share_token = None
            row.share_expires_at = None
            return
        if repo.latest_report(db, tenant, session_id) is None:
            raise Conflict(
                "finish the interview before sharing it",
                page_title="Not graded yet",
                page_text="Finish the interview before sharing it.",
            )
        if not row.share_token or _share_expired(row):  # an expired link is never revived
            row.share_token = secrets.token_urlsafe(24)
        row.share_expires_at = utcnow() + timedelta(days=days) if days else None


@router.post("/app/sessions/{session_id}/share", dependencies=[Depends(same_origin)])
async def share(
    session_id: str, who: KeyHolder, svc: ServicesDep, days: int | None = Form(default=None)
):
    days = svc.settings.share_link_days if days is None else days
    if days not in (*SHARE_CHOICES, svc.settings.share_link_days):
        raise Unprocessable(
            f"unknown expiry: {days} days",
            page_title="Unknown expiry",
            page_text="Pick 1, 7 or 30 days, or never.",
        )
    await to_thread.run_sync(_set_share, svc, who.tenant_id, session_id, True, days)
    return redirect(f"/app/sessions/{session_id}/review#share")


@router.post("/app/sessions/{session_id}/share/revoke", dependencies=[Depends(same_origin)])
async def unshare(session_id: str, who: KeyHolder, svc: ServicesDep):
    await to_thread.run_sync(_set_share, svc, who.tenant_id, session_id, False)
    return redirect(f"/app/sessions/{session_id}/review#share")


@router.get("/r/{token}", response_class=HTMLResponse)
async def shared_review(token: str, request: Request, svc: ServicesDep):
    """Read-only review for whoever holds the link (no tenant: the token is the secret)."""
    if not TOKEN_RE.fullmatch(token):
        raise _no_shared_review()

    def work():
        with svc.db.read() as db:
            row = repo.session_by_share_token(db, token)
            if row is None or not secrets.compare_digest(row.share_token or "", token):
                raise _no_shared_review()
            if _share_expired(row):
                raise Gone(
                    "share link expired",
                    page_title="Link expired",
                    page_text="This share link has expired. Ask for a new one.",
                )
            messages = repo.list_messages(db, row.tenant_id, row.id)
            report = repo.latest_report(db, row.tenant_id, row.id)
            return row, messages, (report.data if report else None)

    row, messages, report = await to_thread.run_sync(work)
    return _review(request, svc, row, messages, report, shared=True)
