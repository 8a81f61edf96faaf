"""Grading use cases: finish a session, regrade it, grade a transcript brought from outside.
Reports are versioned and never overwritten."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from anyio import to_thread
from sqlalchemy.orm import Session

from app.config import Settings
from app.errors import Conflict
from app.grading.judges import Judge, LLMJudge, OfflineJudge, TurnText
from app.grading.report import build_report
from app.grading.report_model import Report, TranscriptLine, load_report
from app.knowledge.bank import KnowledgeBank
from app.knowledge.matching import Matcher
from app.knowledge.retrieval import Retriever
from app.llm.client import ChatClient
from app.observability import GRADING_SECONDS
from app.store import repo
from app.store.db import Database
from app.store.models import Report as ReportRow
from app.store.models import new_id, utcnow
from app.understanding.offline import OfflineReader

Notify = Callable[[str, str, dict[str, Any]], Awaitable[object]]


async def _no_notify(tenant_id: str, event: str, payload: dict[str, Any]) -> None:
    return None


@dataclass
class Graded:
    report: Report  # as stored: id, session_id, version and created_at set
    session_status: str | None = None


class GradingService:
    def __init__(
        self,
        settings: Settings,
        db: Database,
        bank: KnowledgeBank,
        retriever: Retriever,
        matcher: Matcher,
        chat: ChatClient | None = None,
        notify: Notify | None = None,
        reader: OfflineReader | None = None,
    ):
        self.settings = settings
        self._notify: Notify = notify or _no_notify
        self.db = db
        self.bank = bank
        self.retriever = retriever
        self.offline = OfflineJudge(reader or OfflineReader(bank, matcher, retriever))
        self.judge: Judge = self.offline
        if chat is not None:
            self.judge = LLMJudge(chat, self.offline, settings.prompts_dir)

    async def grade(
        self,
        problem_id: str,
        level: str,
        messages: list[TurnText],
        hints: list[dict[str, Any]] | None = None,
    ) -> Report:
        """Grade a transcript; returns the report (not stored)."""
        criteria = self.bank.criteria_for(problem_id, level)
        t0 = time.perf_counter()
        # One offline reading per candidate message (CPU-bound: off the event loop); the
        # offline judge aggregates them, and the report uses them for the specificity cap.
        readings = await to_thread.run_sync(
            lambda: self.offline.read_all(criteria, messages, problem_id)
        )
        if isinstance(self.judge, OfflineJudge):
            findings = await to_thread.run_sync(
                lambda: self.offline.judge_sync(criteria, messages, problem_id, readings)
            )
        else:
            findings = await self.judge.judge(criteria, messages, readings)
        report = await to_thread.run_sync(
            lambda: build_report(
                bank=self.bank,
                retriever=self.retriever,
                matcher=self.offline.matcher,
                problem_id=problem_id,
                level=level,
                criteria=criteria,
                findings=findings,
                messages=messages,
                hints=hints or [],
                grader=self.judge.name,
                model=self.judge.model,
                prompts_dir=self.settings.prompts_dir,
                readings=readings,
            )
        )
        took = time.perf_counter() - t0
        GRADING_SECONDS.labels(grader=self.judge.name).observe(took)
        report.grading_ms = round(took * 1000, 1)
        return report

    def _load(self, tenant_id: str, session_id: str):
        with self.db.read() as db:
            row = repo.session_or_404(db, tenant_id, session_id)
            msgs = repo.list_messages(db, tenant_id, session_id)
        turns = [TurnText(m.id, m.seq, m.role, m.content, m.stage) for m in msgs]
        return row, turns

    def _store(self, tenant_id: str, session_id: str, body: Report, finish: bool) -> Graded:
        with self.db.write() as db:
            row = repo.session_or_404(db, tenant_id, session_id, for_update=True)
            if finish:
                if row.status == "finished":
                    raise Conflict("session already finished; use regrade for a new report")
                row.status = "finished"
                row.finished_at = utcnow()
                repo.release_lease(db, row)
                repo.add_event(db, row, "session.finished", {})
            stored = _add_report(db, tenant_id, session_id, body)
            repo.add_event(
                db, row, "report.ready", {"report_id": stored.id, "version": stored.version}
            )
            return Graded(stored, row.status)

    async def finish(self, tenant_id: str, session_id: str) -> Graded:
        row, turns = await to_thread.run_sync(self._load, tenant_id, session_id)
        if row.status == "finished":
            raise Conflict("session already finished; use regrade for a new report")
        body = await self.grade(row.problem_id, row.level, turns, (row.state or {}).get("hints"))
        graded = await to_thread.run_sync(self._store, tenant_id, session_id, body, True)
        await self._notify(tenant_id, "session.finished", {"session_id": session_id})
        await self._report_ready(tenant_id, graded.report)
        return graded

    async def regrade(self, tenant_id: str, session_id: str) -> Graded:
        row, turns = await to_thread.run_sync(self._load, tenant_id, session_id)
        if row.status != "finished":
            raise Conflict("finish the session before regrading it")
        body = await self.grade(row.problem_id, row.level, turns, (row.state or {}).get("hints"))
        graded = await to_thread.run_sync(self._store, tenant_id, session_id, body, False)
        await self._report_ready(tenant_id, graded.report)
        return graded

    async def _report_ready(self, tenant_id: str, report: Report) -> None:
        await self._notify(
            tenant_id,
            "report.ready",
            {
                "session_id": report.session_id,
                "report_id": report.id,
                "version": report.version,
                "overall": report.overall.model_dump(mode="json"),
            },
        )

    async def grade_transcript(
        self, tenant_id: str, problem_id: str, level: str, transcript: list[dict[str, str]]
    ) -> Report:
        """Grade a transcript from outside (POST /v1/grade); stored without a session."""
        turns = [
            TurnText(new_id("ext"), i + 1, t["role"], t["content"], t.get("stage") or "clarify")
            for i, t in enumerate(transcript)
        ]
        if not any(t.get("stage") for t in transcript):
            turns = _assign_stages(turns)
        body = await self.grade(problem_id, level, turns)
        body.transcript = [
            TranscriptLine(message_id=t.id, role=t.role, content=t.content, stage=t.stage)  # type: ignore[arg-type]
            for t in turns
        ]

        def store() -> Report:
            with self.db.write() as db:
                repo.ensure_tenant(db, tenant_id)
                return _add_report(db, tenant_id, None, body)

        data = await to_thread.run_sync(store)
        await self._report_ready(tenant_id, data)
        return data


def _add_report(db: Session, tenant_id: str, session_id: str | None, body: Report) -> Report:
    """Store `body` as the session's next report version (or as a sessionless report) and
    return it as stored: the row's data is the stored form, with its id, version and time."""
    rep = repo.add_report(
        db, tenant_id=tenant_id, session_id=session_id, grader=body.grader, data=body.to_json()
    )
    stored = _stored(body, rep, session_id)
    rep.data = stored.to_json()
    return stored


def _stored(body: Report, row: ReportRow, session_id: str | None) -> Report:
    """The report as stored in `row`: with its id, session, version and time; validated
    again from JSON, exactly what a later read of the row gives."""
    return load_report(
        {
            **body.to_json(),
            "id": row.id,
            "session_id": session_id,
            "version": row.version if session_id else 1,
            "created_at": row.created_at.isoformat(),
        }
    )


def _assign_stages(turns: list[TurnText]) -> list[TurnText]:
    """A transcript without stage tags: spread candidate turns evenly over the seven stages,
    keeping order (only used to decide which stages lack evidence)."""
    from app.knowledge.schema import STAGES

    cand = [t for t in turns if t.role == "candidate"]
    if not cand:
        return turns
    stage_of = {
        t.id: STAGES[min(len(STAGES) - 1, i * len(STAGES) // len(cand))] for i, t in enumerate(cand)
    }
    out, current = [], STAGES[0]
    for t in turns:
        current = stage_of.get(t.id, current)
        out.append(TurnText(t.id, t.seq, t.role, t.content, current))
    return out
