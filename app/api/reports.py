"""Grading over HTTP: finish, report (JSON / Markdown / HTML), regrade, grade a transcript."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from anyio import to_thread
from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, PlainTextResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from app.api.schemas import ExportFormat, Level, Line, StageId, Text
from app.errors import NotFound, UnknownProblem
from app.exports.render import render_report
from app.grading.report_model import Overall, Report, load_report
from app.services import CallerDep, ServicesDep
from app.store import repo
from app.store.repo import session_or_404

router = APIRouter(tags=["grading"])

# A complete report (abridged to one stage); a test checks that it is a valid `Report`.
REPORT_EXAMPLE: dict[str, Any] = {
    "schema": 2,
    "id": "rep_0a1b2c3d4e5f",
    "session_id": "ses_0a1b2c3d4e5f",
    "version": 1,
    "created_at": "2026-11-29T21:04:05Z",
    "problem_id": "news-feed",
    "level": "senior",
    "overall": {
        "score": 0.61,
        "evidence_coverage": 1.0,
        "level_readout": "senior",
        "hire_signal": "hire",
        "red_flags": 0,
        "topicality": {"relevance": 1.0, "best_match": "news-feed"},
    },
    "stages": [
        {
            "stage": "evaluate",
            "score": 0.5,
            "status": "scored",
            "candidate_words": 42,
            "specifics": 5,
            "criteria": [
                {
                    "id": "gen-evaluate-offline-metrics",
                    "text": "Candidate proposes offline metrics suited to the task.",
                    "study": {"section_id": "evaluate#offline-metrics", "title": "Offline metrics"},
                    "points": 3,
                    "red_flag": False,
                    "met": True,
                    "credit": 1.0,
                    "evidence": [{"message_id": "msg_0a1b2c", "quote": "I'd track PR-AUC offline"}],
                    "reason": "concept: pr-auc",
                    "notes": [],
                    "judge": "offline",
                    "corrected": None,
                }
            ],
        }
    ],
    "strengths": [
        {
            "stage": "evaluate",
            "criterion_id": "gen-evaluate-offline-metrics",
            "text": "Candidate proposes offline metrics suited to the task.",
            "quote": "I'd track PR-AUC offline",
            "message_id": "msg_0a1b2c",
        }
    ],
    "improvements": [
        {
            "kind": "missed",
            "stage": "monitor",
            "criterion_id": "gen-monitor-drift",
            "text": "Monitoring essentials",
            "topics": ["Monitoring essentials"],
            "study": None,
        }
    ],
    "hints_used": 0,
    "versions": {
        "rubric": "1+3f2a9c1d",
        "knowledge": "5d41402abc4b",
        "prompts": "9e107d9d372b",
        "judge": "offline-1",
        "model": "wordllama-256+concepts",
    },
    "grader": "offline",
    "grading_ms": 96.5,
    "transcript": None,
}
# A report answers as JSON (`Report`), Markdown or HTML (`?format=`).
REPORT_FORMATS: dict[str, Any] = {
    "content": {
        "application/json": {"example": REPORT_EXAMPLE},
        "text/markdown": {"schema": {"type": "string"}},
        "text/html": {"schema": {"type": "string"}},
    }
}
REPORT_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"description": "No such session (or no report yet)"},
    409: {"description": "Wrong state for this action"},
}


class TranscriptTurn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    role: Literal["candidate", "interviewer"]
    content: Text = Field(max_length=20_000)
    stage: StageId | None = Field(default=None, description="Optional stage tag of the turn.")


class GradeRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "problem_id": "news-feed",
                    "level": "senior",
                    "transcript": [
                        {"role": "interviewer", "content": "Design a news feed ranking system."},
                        {"role": "candidate", "content": "What is the business objective?"},
                    ],
                }
            ]
        },
    )
    problem_id: Line = Field(min_length=1, max_length=80)
    level: Level = "senior"
    transcript: list[TranscriptTurn] = Field(min_length=1, max_length=400)


class ReportSummary(BaseModel):
    id: str
    version: int
    grader: str
    created_at: datetime
    overall: Overall | None


class ReportList(BaseModel):
    items: list[ReportSummary] = Field(description="Oldest version first.")


def _report_response(report: Report, fmt: str, status: int = 200) -> Report | Response:
    """JSON answers with the model (serialised by the route's `response_model`)."""
    if fmt == "markdown":
        return PlainTextResponse(
            render_report("markdown", report),
            status_code=status,
            media_type="text/markdown; charset=utf-8",
        )
    if fmt == "html":
        return HTMLResponse(render_report("html", report), status_code=status)
    return report


@router.post(
    "/v1/sessions/{session_id}/finish",
    status_code=201,
    response_model=Report,
    summary="End the interview and grade it",
    description="Grades the transcript, stores report version 1 and marks the session finished.",
    responses={
        201: {"content": {"application/json": {"example": REPORT_EXAMPLE}}},
        **REPORT_RESPONSES,
    },
)
async def finish_session(session_id: str, who: CallerDep, svc: ServicesDep) -> Report:
    return (await svc.grading.finish(who.tenant_id, session_id)).report


@router.post(
    "/v1/sessions/{session_id}/regrade",
    status_code=201,
    response_model=Report,
    summary="Grade again with the current rubric and judge (a new report version)",
    responses=REPORT_RESPONSES,
)
async def regrade_session(session_id: str, who: CallerDep, svc: ServicesDep) -> Report:
    return (await svc.grading.regrade(who.tenant_id, session_id)).report


@router.get(
    "/v1/sessions/{session_id}/report",
    response_model=Report,
    summary="The latest (or a given version of the) report",
    responses={
        200: REPORT_FORMATS,
        **REPORT_RESPONSES,
    },
)
async def get_report(
    session_id: str,
    who: CallerDep,
    svc: ServicesDep,
    format: ExportFormat = "json",
    version: int | None = Query(default=None, ge=1, le=10_000),
):
    def work():
        with svc.db.read() as db:
            session_or_404(db, who.tenant_id, session_id)
            rep = repo.latest_report(db, who.tenant_id, session_id, version)
            if rep is None:
                detail = (
                    "no report yet: finish the session first"
                    if version is None
                    else (f"no report version {version}")
                )
                raise NotFound(detail, code="no-report")
            return load_report(rep.data)

    return _report_response(await to_thread.run_sync(work), format)


@router.get(
    "/v1/sessions/{session_id}/reports",
    response_model=ReportList,
    summary="All report versions of a session (newest last)",
    responses=REPORT_RESPONSES,
)
async def list_reports(session_id: str, who: CallerDep, svc: ServicesDep) -> ReportList:
    def work() -> list[ReportSummary]:
        with svc.db.read() as db:
            session_or_404(db, who.tenant_id, session_id)
            return [
                ReportSummary(
                    id=r.id,
                    version=r.version,
                    grader=r.grader,
                    created_at=r.created_at,
                    overall=load_report(r.data).overall if r.data else None,
                )
                for r in repo.list_reports(db, who.tenant_id, session_id)
            ]

    return ReportList(items=await to_thread.run_sync(work))


@router.get(
    "/v1/reports/{report_id}",
    response_model=Report,
    summary="One report by id (also those made by POST /v1/grade)",
    responses={
        200: REPORT_FORMATS,
        404: {"description": "No such report for this caller"},
    },
)
async def get_report_by_id(
    report_id: str,
    who: CallerDep,
    svc: ServicesDep,
    format: ExportFormat = "json",
):
    def work():
        with svc.db.read() as db:
            rep = repo.get_report(db, who.tenant_id, report_id)
            if rep is None:
                raise NotFound(f"no report '{report_id}'")
            return load_report(rep.data)

    return _report_response(await to_thread.run_sync(work), format)


@router.post(
    "/v1/grade",
    status_code=201,
    response_model=Report,
    summary="Grade a transcript that did not come from a live session",
    responses={
        201: REPORT_FORMATS,
        422: {"description": "Invalid body or unknown problem"},
    },
)
async def grade_transcript(
    body: GradeRequest,
    who: CallerDep,
    svc: ServicesDep,
    format: ExportFormat = "json",
):
    if body.problem_id not in svc.bank.problems:
        raise UnknownProblem(f"unknown problem_id '{body.problem_id}'")
    report = await svc.grading.grade_transcript(
        who.tenant_id,
        body.problem_id,
        body.level,
        [t.model_dump() for t in body.transcript],
    )
    return _report_response(report, format, status=201)
