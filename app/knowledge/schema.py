"""Pydantic models for everything under `knowledge/`: problems, rubric criteria, concepts.

These models are the single validation point of one file: a file that does not fit them is
rejected with its path and the line of the offending key, and the bank is never half-loaded.
Rules that span entries or files (unique ids, every red flag has a probe) are checked in
`app/knowledge/checks.py`, which can point at the line of the second use.

The rules the knowledge files state in their header comments are enforced here, each with
a message that says the rule: aliases, triggers and criterion concepts are lower case; a
criterion's text starts with "Candidate"; red flags never carry a nudge; a nudge never
contains one of its own criterion's concepts nor quotes six words in a row of its text or
phrasings; an alias is not everyday English alone.
"""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from app.knowledge.text import STOPWORDS, find_phrase, shingles, words

Stage = Literal["clarify", "frame", "data", "model", "evaluate", "serve", "monitor"]
STAGES: tuple[Stage, ...] = get_args(Stage)
# How a stage is named in a sentence ("Next up: data preparation") and as a heading.
STAGE_NAMES: dict[str, str] = {
    "clarify": "clarifying the requirements",
    "frame": "framing the problem as an ML task",
    "data": "data preparation",
    "model": "model development",
    "evaluate": "evaluation",
    "serve": "deployment and serving",
    "monitor": "monitoring",
}
STAGE_TITLES: dict[str, str] = {k: v[0].upper() + v[1:] for k, v in STAGE_NAMES.items()}
Level = Literal["mid", "senior", "staff"]
LEVELS: tuple[Level, ...] = get_args(Level)

FactTopic = Literal[
    "business_objective",
    "features",
    "data",
    "labels",
    "scale",
    "latency",
    "compute",
    "constraints",
    "privacy",
    "out_of_scope",
    "other",
]

_ID_PATTERN = r"^[a-z0-9][a-z0-9-]{1,79}$"
# Problem ids name their file and URL: kebab-case words (what `mlsd kb new` accepts).
PROBLEM_ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


def _lower_case(value: str) -> str:
    # Candidate text is lower-cased before matching: a capital letter here never matches.
    if value != value.lower():
        raise ValueError(f"must be lower case: {value!r}")
    if not value.strip():
        raise ValueError("must not be blank")
    return value


# Lower-case phrase; the pattern only tells editors (via the JSON Schema) what the validator
# says with a clearer message.
LowerPhrase = Annotated[
    str, AfterValidator(_lower_case), Field(json_schema_extra={"pattern": "^[^A-Z]+$"})
]


def _not_everyday_words(value: str) -> str:
    # concepts.yaml: "avoid aliases that are everyday English words". An alias made only of
    # stopwords ("the", "it all") would fire on nearly any sentence; rarer common words are
    # left to review.
    if all(w in STOPWORDS for w in words(value)):
        raise ValueError(f"alias {value!r} is only everyday English words (stopwords)")
    return value


Alias = Annotated[LowerPhrase, AfterValidator(_not_everyday_words)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Fact(_Strict):
    """One hidden fact the interviewer reveals only when the candidate asks for it."""

    id: str = Field(pattern=_ID_PATTERN)
    topic: FactTopic
    answer: str = Field(min_length=10, description="What the interviewer says when asked.")
    asked_as: list[str] = Field(
        min_length=3, description="Ways a candidate might ask for this fact (paraphrases)."
    )


class Criterion(_Strict):
    """One atomic rubric item: a single behaviour, judged met or not met."""

    id: str = Field(pattern=_ID_PATTERN)
    stage: Stage
    text: str = Field(
        min_length=10,
        description="The behaviour, phrased as 'Candidate ...'.",
        json_schema_extra={"pattern": "^Candidate "},
    )
    points: int = Field(
        description="Positive for good behaviour, negative for a red flag.",
        json_schema_extra={"minimum": -5, "maximum": 5, "not": {"const": 0}},
    )
    levels: list[Level] = Field(default_factory=lambda: list(LEVELS), min_length=1)
    phrasings: list[str] = Field(
        min_length=2, description="Example sentences a candidate meeting it might say."
    )
    concepts: list[LowerPhrase] = Field(
        min_length=1, description="Key terms whose mention is evidence (lower case)."
    )
    nudge: str | None = Field(
        default=None,
        description="A question that steers toward the criterion without giving the answer.",
    )
    probe: str | None = Field(
        default=None,
        description="Red flags only: the question that makes a candidate re-examine this "
        "mistake when they make it (asked right after, naming their choice).",
    )
    for_tags: list[str] = Field(
        default_factory=list,
        description="Generic criteria only: the problem tags it applies to (any one of them); "
        "empty applies to every problem. Exploration is a ranking concern, not a classifier's.",
    )
    key_element: list[LowerPhrase] = Field(
        default_factory=list,
        description="Good practice only, optional: the words of which a quote crediting it "
        "must say one (any form: plurals, hyphens), the criterion's key element rather than "
        "its topic: an online metric is a measured quantity ('rate', 'per user', 'watch "
        "time'), not 'online metrics that capture success'. A sentence that names none is "
        "no evidence; the credit goes to another sentence of the answer that does, or none.",
    )
    cleared_by: list[LowerPhrase] = Field(
        default_factory=list,
        description="Red flags only: the practice that rules the mistake out. Said (not "
        "negated) in the same sentence, outside the flag's own words, it shows the candidate "
        "is not making it: 'after the baseline, a state-of-the-art model' skips no baseline.",
    )

    @field_validator("text")
    @classmethod
    def _phrased_as_candidate(cls, v: str) -> str:
        # The judge and the report read the text as a sentence about the candidate.
        if not v.startswith("Candidate "):
            raise ValueError("text must be phrased as 'Candidate ...' (start with 'Candidate ')")
        return v

    @field_validator("nudge")
    @classmethod
    def _nudge_keeps_the_answer(cls, v: str | None, info: ValidationInfo) -> str | None:
        # generic.yaml: "`nudge` must never contain one of its own criterion's concepts":
        # a nudge naming the evidence term would hand the candidate the answer. Matched the
        # way a candidate's mention is (plurals, hyphens, spacing).
        if v:
            named = [c for c in info.data.get("concepts", []) if find_phrase(c, v)]
            if named:
                raise ValueError(f"nudge must not contain its own criterion's concepts {named}")
            # The leak guard blocks a reply that quotes the rubric: a nudge sharing a run of
            # words with its criterion's text or examples would be blocked, or hand them out.
            rubric = [info.data.get("text", ""), *info.data.get("phrasings", [])]
            if quoted := [t for t in rubric if shingles(v) & shingles(t)]:
                raise ValueError(f"nudge quotes its own criterion's text or phrasing {quoted[0]!r}")
        return v

    @field_validator("points")
    @classmethod
    def _nonzero(cls, v: int) -> int:
        if v == 0 or abs(v) > 5:
            raise ValueError("points must be non-zero and within -5..5")
        return v

    @model_validator(mode="after")
    def _red_flags_need_no_nudge(self) -> Criterion:
        if self.points < 0 and self.nudge:
            raise ValueError("a red-flag criterion (negative points) must not carry a nudge")
        if self.points > 0 and self.probe:
            raise ValueError("only a red-flag criterion (negative points) carries a probe")
        if self.points > 0 and self.cleared_by:
            raise ValueError("only a red-flag criterion (negative points) is cleared_by")
        if self.points < 0 and self.key_element:
            raise ValueError("a red-flag criterion (negative points) has no key_element")
        return self

    @property
    def red_flag(self) -> bool:
        return self.points < 0


class Probe(_Strict):
    """A trade-off question keyed to a concept the candidate chose."""

    concept: str = Field(min_length=2)
    triggers: list[LowerPhrase] = Field(
        min_length=1, description="Lower-case phrases that fire it."
    )
    stage: Stage
    questions: list[str] = Field(min_length=1)
    answered_by: list[LowerPhrase] = Field(
        default_factory=list,
        description=(
            "Phrases that, affirmed in the same message, already make the questions' point "
            "('fails on cold start' for a probe on new users): the probe is then not asked. "
            "A phrase carrying its own negation ('not as labels') is looked for in the whole "
            "message. Entries may share a concept, one point each: a concept's questions that "
            "press on different points are separate entries."
        ),
    )


class LeakSignal(_Strict):
    """One signal of a problem's example, with the phrases a candidate names it by."""

    signal: str = Field(min_length=10, description="What the signal is, in a sentence.")
    aliases: list[Alias] = Field(
        min_length=1,
        description="Lower-case phrases naming it, as specific as the problem allows: the "
        "reader matches them loosely (word forms, a few words between).",
    )


class Leakage(_Strict):
    """What a model of this problem must never take as input for the example it scores:
    read by the leakage detector (a red flag when one is used as a feature)."""

    labels: list[LeakSignal] = Field(
        min_length=1, description="The label(s): what the model predicts for the example."
    )
    after_prediction: list[LeakSignal] = Field(
        min_length=1,
        description="Facts about the example that only exist once the prediction was served "
        "(what the user did next, outcomes decided later).",
    )
    prediction_time: list[Alias] = Field(
        default_factory=list,
        description="Phrases naming the moment the prediction is made, beyond the generic "
        "ones (shown, served, request, query...): a count 'in the day after' one of them is "
        "counted past prediction time.",
    )
    counters: list[LeakSignal] = Field(
        default_factory=list,
        description="Counts that keep growing after prediction time: a fine feature when "
        "counted up to it, leakage when counted past it ('final', 'in the day after').",
    )
    credit: list[str] = Field(
        default_factory=list,
        description="Ids of this problem's positive criteria that keeping these signals out "
        "of the features evidences (optional).",
    )


class Problem(_Strict):
    """A problem in the bank: public statement plus hidden facts, rubric and probes."""

    id: str = Field(
        pattern=PROBLEM_ID_PATTERN,
        min_length=2,
        max_length=80,
        description="kebab-case; the file's name.",
    )
    title: str = Field(min_length=5)
    difficulty: Literal["easy", "medium", "hard"]
    statement: str = Field(min_length=20, description="The public prompt the candidate sees.")
    tags: list[str] = Field(default_factory=list)
    facts: list[Fact] = Field(min_length=5)
    criteria: list[Criterion] = Field(min_length=7)
    probes: list[Probe] = Field(default_factory=list)
    leakage: Leakage | None = Field(
        default=None,
        description="Signals only known after prediction time, and the labels: the reader "
        "flags any of them used as a feature.",
    )

    @model_validator(mode="after")
    def _check(self) -> Problem:
        topics = {f.topic for f in self.facts}
        required = {"business_objective", "scale", "data", "latency", "out_of_scope"}
        missing = required - topics
        if missing:
            raise ValueError(f"facts must cover topics {sorted(missing)}")
        stages = {c.stage for c in self.criteria}
        if set(STAGES) - stages:
            raise ValueError(f"criteria missing for stages {sorted(set(STAGES) - stages)}")
        return self


class GenericRubric(_Strict):
    """Framework-derived criteria that apply to every problem, plus stage weights."""

    version: str
    weights: dict[Stage, float]
    criteria: list[Criterion] = Field(min_length=14)

    @model_validator(mode="after")
    def _check(self) -> GenericRubric:
        if set(self.weights) != set(STAGES):
            raise ValueError("weights must name every stage exactly once")
        if any(w <= 0 for w in self.weights.values()):
            raise ValueError("weights must be positive")
        return self


FrameworkStage = Literal[
    "overview", "clarify", "frame", "data", "model", "evaluate", "serve", "monitor", "infra"
]


class FrameworkFrontMatter(_Strict):
    """Front matter of a `knowledge/framework/*.md` file."""

    stage: FrameworkStage
    title: str = Field(min_length=3)
    keywords: list[str] = Field(min_length=3)


class GenericProbe(_Strict):
    """A lexicon probe: a plain question, with the phrases that show its point was made."""

    question: str = Field(min_length=10)
    answered_by: list[LowerPhrase] = Field(
        default_factory=list,
        description="As a problem probe's `answered_by`: phrases that, affirmed in the "
        "candidate's message (or an earlier one of the same stage), already make the "
        "question's point, so it is not asked.",
    )


class Concept(_Strict):
    """A named ML concept: its aliases (for detection), stage and optional generic probes."""

    id: str = Field(pattern=_ID_PATTERN)
    stage: Stage
    aliases: list[Alias] = Field(
        min_length=1, description="Lower-case surface forms; each belongs to one concept."
    )
    probes: list[GenericProbe] = Field(
        default_factory=list,
        description="A plain question, or {question, answered_by}.",
    )
    kinds: bool = Field(
        default=False,
        description=(
            "The aliases name kinds or parts of the concept (xgboost, lightgbm), not one thing "
            "(mrr, mean reciprocal rank): a criterion listing one of them is not met by another."
        ),
    )

    @field_validator("probes", mode="before")
    @classmethod
    def _plain_questions(cls, v: object) -> object:
        # most probes are authored as a bare question: read it as one without phrases
        if isinstance(v, list):
            return [{"question": p} if isinstance(p, str) else p for p in v]
        return v


class PlainWords(_Strict):
    """A term of the trade and the everyday words a speaker who avoids jargon says for the
    same thing ("reviewer" / "moderator", "reverse chronological" / "newest first")."""

    terms: list[LowerPhrase] = Field(min_length=1, description="The words the bank uses.")
    plain: list[LowerPhrase] = Field(min_length=1, description="Everyday words for them.")


class ConceptLexicon(_Strict):
    concepts: list[Concept] = Field(min_length=20)
    # shared by every problem: which problems a class speaks for follows from their own words
    plain_words: list[PlainWords] = Field(default_factory=list)
