"""Request and response bodies of the v1 API (what OpenAPI documents)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from app.security import LINE_PATTERN, TEXT_PATTERN, forbidden_char
from app.store.models import InterviewSession, Message


def _clean(multiline: bool):
    def check(value: Any) -> Any:
        bad = forbidden_char(value, multiline) if isinstance(value, str) else None
        if bad:
            allowed = (
                " (of the control characters only tab, LF and CR are)"
                if multiline and "control" in bad
                else ""
            )
            raise PydanticCustomError(
                "control_character",
                "{bad} is not allowed{allowed}",
                {"bad": bad, "allowed": allowed},
            )
        return value

    return check


# Text that enters the system: no NUL or other C0 control characters (422 at the boundary,
# on every database), no lone surrogates. `Text` keeps tab, LF and CR; `Line` allows none.
# Checked before length and pattern constraints, so the message names the character.
# (A field with a pattern of its own uses `NoControls` and excludes them in its pattern.)
NoControls = BeforeValidator(_clean(False))
Text = Annotated[
    str, BeforeValidator(_clean(True)), Field(json_schema_extra={"pattern": TEXT_PATTERN})
]
Line = Annotated[str, NoControls, Field(json_schema_extra={"pattern": LINE_PATTERN})]

Level = Literal["mid", "senior", "staff"]
Status = Literal["active", "ended", "finished"]
StageId = Literal["clarify", "frame", "data", "model", "evaluate", "serve", "monitor"]
# How a transcript or a report answers (`?format=`).
ExportFormat = Literal["json", "markdown", "html"]


class ProblemSummary(BaseModel):
    id: str
    title: str
    difficulty: str
    tags: list[str]


class ProblemOut(ProblemSummary):
    statement: str
    stages: list[StageId]


class CreateSession(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"problem_id": "video-recommendation", "level": "senior", "candidate_ref": "u-42"}
            ]
        },
    )

    problem_id: Line = Field(min_length=1, max_length=80)
    level: Level = "senior"
    candidate_ref: Line | None = Field(
        default=None,
        min_length=1,
        max_length=200,
        description="The platform's own id for the learner; lets it list their sessions.",
    )


class PostMessage(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"content": "Who are the users, and how many are there?"}]},
    )

    content: Text = Field(
        max_length=100_000, description="The candidate's message (limit applies)."
    )


class MessageOut(BaseModel):
    id: str
    seq: int
    role: Literal["candidate", "interviewer"]
    content: str
    stage: StageId
    move: str | None = None
    facts_answered: list[str] = Field(
        default_factory=list, description="Ids of the hidden facts this reply revealed."
    )
    concept: str | None = Field(default=None, description="Concept a probe or hint is about.")
    fallback: bool = False
    usage: dict[str, int] | None = None
    created_at: datetime

    @classmethod
    def of(cls, m: Message) -> MessageOut:
        meta = m.meta or {}
        return cls(
            id=m.id,
            seq=m.seq,
            role=m.role,  # type: ignore[arg-type]
            content=m.content,
            stage=m.stage,  # type: ignore[arg-type]
            move=m.move,
            facts_answered=list(meta.get("facts") or []),
            concept=meta.get("concept"),
            fallback=bool(meta.get("fallback")),
            usage=meta.get("usage"),
            created_at=m.created_at,
        )


class StagePlan(BaseModel):
    stage: StageId
    budget_minutes: float
    spent_minutes: float
    status: Literal["done", "current", "upcoming"]


class SessionOut(BaseModel):
    id: str
    problem_id: str
    level: Level
    candidate_ref: str | None
    status: Status
    stage: StageId
    message_count: int
    created_at: datetime
    updated_at: datetime
    finished_at: datetime | None
    time_plan: list[StagePlan] = Field(default_factory=list)
    hints_used: int = 0

    @classmethod
    def of(cls, s: InterviewSession, time_plan: list[dict[str, Any]] | None = None) -> SessionOut:
        return cls(
            id=s.id,
            problem_id=s.problem_id,
            level=s.level,  # type: ignore[arg-type]
            candidate_ref=s.candidate_ref,
            status=s.status,  # type: ignore[arg-type]
            stage=s.stage,  # type: ignore[arg-type]
            message_count=s.message_count,
            created_at=s.created_at,
            updated_at=s.updated_at,
            finished_at=s.finished_at,
            time_plan=[StagePlan(**p) for p in (time_plan or [])],
            hints_used=len((s.state or {}).get("hints", [])),
        )


class SessionCreated(BaseModel):
    session: SessionOut
    message: MessageOut


class SessionPage(BaseModel):
    items: list[SessionOut]
    total: int
    limit: int
    offset: int


class TurnOut(BaseModel):
    message: MessageOut
    reply: MessageOut
    stage: StageId
    status: Status


class Transcript(BaseModel):
    session: SessionOut
    messages: list[MessageOut]


class Health(BaseModel):
    status: Literal["ok", "unavailable"]
    checks: dict[str, str] = Field(default_factory=dict)
    instance: str = Field(default="", description="host:pid of the worker that answered")
