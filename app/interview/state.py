"""Explicit interview state, stored as JSON with the session.

Everything the policy needs to decide the next move lives here, so a session reloaded after a
restart (or a crash mid-turn) continues exactly where it was.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from app.knowledge.schema import STAGES

# Share of the interview clock per stage (sums to 1); scaled to MLSD_INTERVIEW_MINUTES.
STAGE_SHARE: dict[str, float] = {
    "clarify": 0.12,
    "frame": 0.11,
    "data": 0.17,
    "model": 0.22,
    "evaluate": 0.15,
    "serve": 0.13,
    "monitor": 0.10,
}
# Candidate turns after which a stage is spent even if the clock says otherwise; keeps a
# fast typist (or a script) from being stuck in one stage.
STAGE_TURNS: dict[str, int] = {
    "clarify": 8,
    "frame": 5,
    "data": 6,
    "model": 7,
    "evaluate": 5,
    "serve": 5,
    "monitor": 4,
}


class Hint(BaseModel):
    stage: str
    tier: int
    criterion_id: str | None = None
    section_id: str | None = None
    seq: int = 0  # the candidate message that asked for it


class OwedMistake(BaseModel):
    """A red flag read beside the one probed: put to the candidate next, in its stage."""

    criterion_id: str
    quote: str
    concept: str | None = None
    stage: str = ""  # the stage it is probed from ("" until `mistake_first` sets it)


class StageProgress(BaseModel):
    started_at: float = 0.0
    turns: int = 0
    probes: int = 0
    nudges: int = 0
    deeper: int = 0
    entered_from: str | None = None  # the stage the interview was in before this one
    requested: bool = False  # entered because the candidate asked for it by name
    asked_next: bool = False  # entered on a bare request to move on ("Next.")


class Said(BaseModel):
    """One candidate message, normalised, with the stage it was said in."""

    seq: int
    stage: str
    text: str


# candidate messages kept for "was this point made earlier in the stage": a stage's turn cap
SAID_KEPT = max(STAGE_TURNS.values())


class InterviewState(BaseModel):
    """The interview's memory between turns (JSON-serialisable)."""

    stage: str = "clarify"
    started_at: float = 0.0
    minutes: int = 45
    seed: int = 7
    progress: dict[str, StageProgress] = Field(default_factory=dict)
    # criterion id -> seq numbers of candidate messages that showed it
    coverage: dict[str, list[int]] = Field(default_factory=dict)
    concepts: list[str] = Field(default_factory=list)
    asked: list[str] = Field(default_factory=list)  # move keys, never repeated
    facts_revealed: list[str] = Field(default_factory=list)
    hints: list[Hint] = Field(default_factory=list)
    open_question: str | None = None  # the last question the interviewer asked
    last_move: str | None = None  # the key of the interviewer's last move ("mistake:<id>", ...)
    strikes: int = 0  # consecutive empty / gibberish / off-topic inputs
    last_inputs: list[str] = Field(default_factory=list)  # normalised, for repeat detection
    # the latest candidate messages (a probe whose point one of them made is not asked)
    said: list[Said] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)  # rolling summary for the LLM voice
    turns: int = 0
    last_seq: int = 0  # seq of the latest candidate message
    skipped: list[str] = Field(default_factory=list)  # stages jumped over, to revisit once
    owed_mistakes: list[OwedMistake] = Field(default_factory=list)  # read, not yet probed
    ended: bool = False
    end_reason: str | None = None

    def stage_progress(self, stage: str | None = None) -> StageProgress:
        stage = stage or self.stage
        if stage not in self.progress:
            self.progress[stage] = StageProgress()
        return self.progress[stage]

    def budget_minutes(self, stage: str) -> float:
        return STAGE_SHARE[stage] * self.minutes

    def elapsed_minutes(self, now: float) -> float:
        return max(0.0, now - self.started_at) / 60.0

    def stage_spent(self, now: float) -> bool:
        prog = self.stage_progress()
        over_time = (now - prog.started_at) / 60.0 >= self.budget_minutes(self.stage)
        return over_time or prog.turns >= STAGE_TURNS[self.stage]

    def out_of_time(self, now: float) -> bool:
        return self.elapsed_minutes(now) >= self.minutes

    def next_stage(self) -> str | None:
        i = STAGES.index(self.stage)
        return STAGES[i + 1] if i + 1 < len(STAGES) else None

    def time_plan(self, now: float) -> list[dict]:
        """Per-stage budget, time spent and status, for the UI and the API."""
        plan = []
        current = STAGES.index(self.stage)
        for i, stage in enumerate(STAGES):
            prog = self.progress.get(stage)
            if i < current:
                nxt = self.progress.get(STAGES[i + 1])
                spent = ((nxt.started_at if nxt else now) - (prog.started_at if prog else now)) / 60
                status = "done"
            elif i == current and not self.ended:
                spent = (now - (prog.started_at if prog else now)) / 60
                status = "current"
            else:
                spent, status = 0.0, "done" if self.ended and i <= current else "upcoming"
            plan.append(
                {
                    "stage": stage,
                    "budget_minutes": round(self.budget_minutes(stage), 1),
                    "spent_minutes": round(max(spent, 0.0), 1),
                    "status": status,
                }
            )
        return plan
