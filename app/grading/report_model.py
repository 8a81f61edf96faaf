"""The graded report as one typed, versioned model: what the grader builds, what the store
keeps (as JSON), what the API answers and the exports render.

Every key is always present in what the API sends (null when it does not apply), so the
OpenAPI document marks them all required. Stored rows of earlier schema versions load too:
missing fields take their defaults, fields a later version dropped are ignored.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

REPORT_SCHEMA = 2  # 2: misses named by study topic; reader notes; specificity per stage

StageName = Literal["clarify", "frame", "data", "model", "evaluate", "serve", "monitor"]
LevelName = Literal["mid", "senior", "staff"]
LevelReadout = Literal["staff", "senior", "mid", "below mid", "insufficient_evidence"]
HireSignal = Literal["strong hire", "hire", "no hire", "strong no hire", "insufficient_evidence"]


class _Part(BaseModel):
    # Fields with defaults are still always serialised: the output schema says so, which
    # is what lets a generated client type them as present.
    model_config = ConfigDict(
        extra="ignore",
        json_schema_serialization_defaults_required=True,
    )


class Evidence(_Part):
    """A verbatim quote of the candidate that a verdict rests on."""

    message_id: str = Field(description="Id of the candidate message the quote is from.")
    quote: str = Field(description="The candidate's own words (verified to occur in it).")


class StudyRef(_Part):
    """A section of the framework notes to read."""

    section_id: str
    title: str


class CriterionResult(_Part):
    """One rubric line of a stage, with its verdict. A miss is named by its study topic
    (never the rubric's wording); pitfalls the candidate avoided are not listed."""

    id: str
    text: str = Field(description="What was shown (met) or the topic to study (missed).")
    study: StudyRef | None = None
    points: int = Field(description="Rubric points; negative for a red flag.")
    red_flag: bool
    met: bool
    credit: float = Field(ge=0, le=1, description="Share of the points earned (hints, hedges).")
    evidence: list[Evidence] = Field(default_factory=list)
    reason: str = ""
    notes: list[str] = Field(
        default_factory=list, description="Reader flags that changed the verdict."
    )
    judge: str = Field(default="", description="Who decided: `offline` or `llm:<model>`.")
    corrected: Evidence | None = Field(
        default=None,
        description="For a red flag: the candidate's later words in the same stage that take "
        "the mistake back (the flag then costs half its points and caps nothing).",
    )


class StageReport(_Part):
    """One of the seven framework stages."""

    stage: StageName
    score: float | None = Field(description="0-1; null when the evidence is insufficient.")
    status: Literal["scored", "insufficient_evidence"]
    candidate_words: int = 0
    specifics: int | None = Field(
        default=None, description="Problem-specific terms and numbers in the stage's evidence."
    )
    criteria: list[CriterionResult] = Field(default_factory=list)


class Topicality(_Part):
    relevance: float = Field(description="Fit to this problem relative to the best-fitting one.")
    best_match: str = Field(description="Problem id the candidate's words fit best.")


class Overall(_Part):
    """The overall readout: score, level readout and hire signal."""

    score: float
    evidence_coverage: float = Field(description="Share of stage weight with enough evidence.")
    level_readout: LevelReadout
    hire_signal: HireSignal
    # No defaults here (filled in below instead): webhooks send this model too, and without
    # defaults its request and response schemas are one and the same component.
    red_flags: int | None = Field(
        description="Affirmed red flags (null when evidence is insufficient)."
    )
    topicality: Topicality | None

    @model_validator(mode="before")
    @classmethod
    def _absent_is_null(cls, data: Any) -> Any:
        if isinstance(data, dict):  # an insufficient-evidence readout has no red-flag count
            data = {"red_flags": None, "topicality": None, **data}
        return data


class Strength(_Part):
    stage: StageName
    criterion_id: str
    text: str
    quote: str
    message_id: str


class RedFlagImprovement(_Part):
    """A serious mistake the candidate made, with what to read."""

    kind: Literal["red_flag"]
    stage: StageName
    criterion_id: str
    text: str
    quote: str = ""
    study: StudyRef | None = None


class MissedImprovement(_Part):
    """A weak stage: the topics a strong answer would have covered."""

    kind: Literal["missed"]
    stage: StageName
    criterion_id: str
    text: str
    topics: list[str] = Field(default_factory=list)
    study: StudyRef | None = None


Improvement = Annotated[RedFlagImprovement | MissedImprovement, Field(discriminator="kind")]


class Versions(_Part):
    """What produced the report: re-grading with other versions gives a new report."""

    rubric: str
    knowledge: str
    prompts: str
    judge: str
    model: str


class TranscriptLine(_Part):
    """A message of a transcript graded by POST /v1/grade (ids assigned by the server)."""

    message_id: str
    role: Literal["candidate", "interviewer"]
    content: str
    stage: StageName


class Report(_Part):
    """A graded interview. `id`, `session_id`, `version` and `created_at` are set once
    stored; `transcript` only for reports of POST /v1/grade."""

    model_config = ConfigDict(
        extra="ignore",
        json_schema_serialization_defaults_required=True,
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
    )

    schema_version: int = Field(
        default=REPORT_SCHEMA,
        alias="schema",
        description="Report schema version (this document describes version 2).",
    )
    id: str | None = None
    session_id: str | None = Field(default=None, description="Null for POST /v1/grade reports.")
    version: int | None = Field(default=None, description="Report version of the session.")
    created_at: datetime | None = None
    problem_id: str
    level: LevelName
    overall: Overall
    stages: list[StageReport]
    strengths: list[Strength] = Field(default_factory=list)
    improvements: list[Improvement] = Field(default_factory=list)
    hints_used: int = 0
    versions: Versions
    grader: str = Field(description="`offline` or `llm:<model>`.")
    grading_ms: float | None = None
    transcript: list[TranscriptLine] | None = None

    def to_json(self) -> dict[str, Any]:
        """The JSON-ready dict the store keeps, the exports render and webhooks quote."""
        return self.model_dump(mode="json", by_alias=True)


def load_report(data: dict[str, Any]) -> Report:
    """A stored report (any schema version so far) as the typed model."""
    return Report.model_validate(data)
