"""The `Reading` of one candidate message: the single thing the interviewer's policy and the
grader know about what a candidate said. Both readers (offline, LLM) produce it; nothing
downstream re-reads raw text.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from app.knowledge.schema import Stage

Polarity = Literal["affirmed", "negated", "hedged"]
Intent = Literal["ask", "move_on", "finish", "hint", "answer", "off_topic", "non_answer"]
# "unclear": the candidate asks what the interviewer's question means ("what do you mean?")
NonAnswer = Literal["empty", "gibberish", "off_topic", "session", "unclear", "pause"]


class Question(BaseModel):
    """One question part asking the interviewer for information."""

    text: str = Field(description="the question part, verbatim")
    fact_id: str | None = Field(default=None, description="fact it asks for; None = not on sheet")
    topic: str | None = None  # the fact's topic (scale, latency, ...)
    score: float = 0.0


class Claim(BaseModel):
    """A rubric criterion (or red flag) the message speaks to, with its verbatim quote."""

    criterion_id: str
    quote: str = Field(description="verbatim span of the message")
    polarity: Polarity = "affirmed"
    red_flag: bool = False
    reasoned: bool = Field(
        default=False, description="comes with a why, a number, a trade-off or a specific"
    )
    listy: bool = Field(default=False, description="named only as one term of a list")
    bare: bool = Field(
        default=False, description="the sentence only strings together terms: not evidence"
    )
    score: float = 0.0
    concept: str | None = None
    everyday: bool = Field(
        default=False,
        description="the concept was said in everyday words, not in a term of the trade",
    )
    why: str = Field(default="", description="what the reader saw (cue words), for reports")

    @property
    def counts(self) -> bool:
        """Whether the claim evidences its criterion: red flags only when affirmed; good
        practice when affirmed or hedged (a negated mention is not the behaviour)."""
        if self.red_flag:
            return self.polarity == "affirmed"
        return self.polarity != "negated"


class Mention(BaseModel):
    """A concept named in the message."""

    concept: str
    alias: str
    polarity: Polarity = "affirmed"
    reasoned: bool = False


class Reading(BaseModel):
    """What one candidate message means."""

    reader: str = "offline"
    text: str = ""
    norm: str = ""
    word_count: int = 0
    content_count: int = 0
    intents: list[Intent] = Field(default_factory=list)
    non_answer_kind: NonAnswer | None = None
    repeated: bool = False
    questions: list[Question] = Field(default_factory=list)
    rhetorical: list[str] = Field(default_factory=list)  # questions the candidate answers
    move_to: Stage | None = None  # the stage a move-on request names, if any
    stages: list[Stage] = Field(default_factory=list)  # stages the content belongs to
    claims: list[Claim] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    specifics: int = 0  # problem-specific entities and numbers used
    reasoning: int = 0  # clauses carrying a why / trade-off / number
    fallback: str | None = None  # why an LLM reading fell back to the offline one
    # The other problem of the bank this message answers, when the whole transcript answers
    # one (set by the grader, which sees the transcript): its claims evidence nothing here.
    off_problem: str | None = None

    # -- conveniences for the policy --------------------------------------------------------

    @property
    def wants_finish(self) -> bool:
        return "finish" in self.intents

    @property
    def wants_move_on(self) -> bool:
        return "move_on" in self.intents

    @property
    def wants_hint(self) -> bool:
        return "hint" in self.intents

    @property
    def non_answer(self) -> bool:
        return self.non_answer_kind is not None

    @property
    def evidence(self) -> dict[str, Claim]:
        """Criteria this message evidences (claims that count), best claim each."""
        out: dict[str, Claim] = {}
        for c in self.claims:
            if c.counts and (c.criterion_id not in out or c.score > out[c.criterion_id].score):
                out[c.criterion_id] = c
        return out

    @property
    def flags(self) -> list[Claim]:
        return [c for c in self.claims if c.red_flag and c.counts]

    @property
    def thin(self) -> bool:
        return self.content_count < 12 and not self.evidence
