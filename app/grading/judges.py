"""Judges decide, per rubric criterion, met or not met, with evidence (message id + quote).

- `OfflineJudge` (default): concept matching + WordLlama similarity over the candidate's own
  messages (never the interviewer's words). Deterministic.
- `LLMJudge`: one checklist prompt per stage, structured output, temperature 0; a verdict
  counts only with a verified quote the offline judge relates to its criterion. Falls back
  to the offline judge for a stage whose call fails; `Finding.judge` names who decided.
Both go through `verify`: a quote that is not in the named candidate message does not count.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from anyio import to_thread
from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel, Field

from app.grading.scoring import OFF_PROBLEM_RATIO
from app.knowledge.schema import STAGES, Criterion, Stage
from app.llm.client import ChatClient, LLMError, json_purpose
from app.templating import text_env
from app.understanding.claim_evidence import SIM_ALONE
from app.understanding.offline import OfflineReader
from app.understanding.quotes import has_quote, quoted_sentence
from app.understanding.schema import Claim, Reading

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TurnText:
    """One transcript message as the judges see it."""

    id: str
    seq: int
    role: str  # candidate | interviewer
    content: str
    stage: str


def is_live(messages: list[TurnText]) -> bool:
    """A live session, not a written answer: the interviewer spoke between two of the
    candidate's messages (a session's stored opening alone does not make one)."""
    seqs = sorted(m.seq for m in messages if m.role == "candidate")
    return len(seqs) > 1 and any(
        m.role == "interviewer" and seqs[0] < m.seq < seqs[-1] for m in messages
    )


@dataclass
class Finding:
    met: bool
    evidence: list[dict[str, str]] = field(default_factory=list)  # [{message_id, quote}]
    reason: str = ""
    score: float = 0.0
    rejected: list[dict[str, str]] = field(default_factory=list)  # quotes that failed checks
    credit: float = 1.0  # share of the points the evidence earns (lists, hedges earn less)
    notes: list[str] = field(default_factory=list)  # reader flags that changed the verdict
    judge: str = ""  # who decided: "offline" or "llm:<model>"
    plain: bool = False  # met only by sentences that name none of its concepts in trade terms


class Judge(Protocol):
    name: str
    model: str

    async def judge(
        self,
        criteria: list[Criterion],
        messages: list[TurnText],
        readings: dict[str, Reading] | None = None,
    ) -> dict[str, Finding]: ...


def _stage(name: str) -> Stage | None:
    """The stage a message was said in, when it names one."""
    return next((s for s in STAGES if s == name), None)


def verify(quote: str, message: TurnText | None) -> bool:
    """True when `quote` occurs in the candidate `message` (see `app.understanding.quotes`)."""
    if message is None or message.role != "candidate":
        return False
    return has_quote(message.content, quote)


# A transcript needs this many content words before it can be told to answer another problem
# (one sentence fits some other problem by chance: the LLM judge probes single sentences).
TOPIC_MIN_WORDS = 60

# Credit a claim earns: reasoned and affirmed is full credit; a term dropped into a list with
# no reasoning earns a quarter; a hedged claim ("maybe calibration?") loses a third unless it
# is reasoned.
LIST_CREDIT = 0.25
UNREASONED_CREDIT = 0.85
HEDGED_CREDIT = 0.65


def claim_credit(claim: Claim) -> float:
    """Share of a criterion's points one claim earns."""
    if claim.red_flag:
        return 1.0
    credit = LIST_CREDIT if claim.listy else 1.0 if claim.reasoned else UNREASONED_CREDIT
    # a hedge on a reasoned claim is a manner of speaking ("I'd probably watch calibration
    # hourly by country, and alert if it drifts more than maybe 5%"), not a guess
    hedged = claim.polarity == "hedged" and not (claim.reasoned and not claim.listy)
    return credit * (HEDGED_CREDIT if hedged else 1.0)


def _not_evidence(claim: Claim, reading: Reading) -> str:
    """Why a claim of the reader does not evidence its criterion ("" when it does): a negated
    mention, a term in a bare list, or words about another problem."""
    if not claim.counts:
        return f"not credited: {claim.why}"
    if claim.red_flag:
        return ""  # a red flag is a red flag wherever it is said
    if reading.off_problem:
        return f"not credited: said about another problem ({reading.off_problem})"
    if claim.bare:
        return "not credited: named only as a term in a list"
    return ""


@dataclass(frozen=True)
class _Evidence:
    on_stage: bool  # said in the stage the criterion belongs to
    claim: Claim
    message_id: str
    seq: int
    key_words: int = 0  # how many of the criterion's key words the quote says

    @property
    def credit(self) -> float:
        return claim_credit(self.claim)

    def rank(self) -> tuple[bool, bool, int, float, float]:
        # a claim that carries the criterion strongly (names its concept or nearly copies an
        # example) is the better quote than one only resembling an example, whatever reasoning
        # the weaker sentence shows: credit is the most any piece earns, not the quote's. A
        # plain-words claim scores its closeness alone, below SIM_ALONE (closer, it is a near
        # copy and gets the NAMED_BONUS), so a closeness of 0.5 is no strong claim. Of two
        # such, the one saying more of the criterion's key words ("fetch eligible posts; look
        # up features; run the light ranker; then re-rank" over the re-ranking rules alone,
        # for the serving flow; "we fetch user and ad features from a key-value feature
        # store, plus counters updated by a streaming job" over the inference tricks beside
        # it), and only then the one with more credit: a reason given ("..., so the model
        # wouldn't learn fine distinctions") makes a sentence no better a quote of the
        # criterion's key element than the one that says it ("Loss: contrastive, InfoNCE...")
        strong = self.claim.score >= SIM_ALONE
        return (self.on_stage, strong, self.key_words, self.credit, self.claim.score)

    def cite(self) -> dict[str, str]:
        return {"message_id": self.message_id, "quote": self.claim.quote}


class OfflineJudge:
    """Aggregates the offline reader's readings of the candidate's messages into findings."""

    name = "offline"
    model = "reader-1+wordllama-256"

    def __init__(self, reader: OfflineReader):
        self.reader = reader
        self.matcher = reader.matcher

    def read_all(
        self, criteria: list[Criterion], messages: list[TurnText], problem_id: str
    ) -> dict[str, Reading]:
        """One reading per candidate message (the interviewer's words are never read). When
        the transcript as a whole answers another problem of the bank (the report's
        topicality rule), every message is marked `off_problem`: an answer to another
        question evidences nothing for this one, even where a sentence happens to fit."""
        own = [m for m in messages if m.role == "candidate"]
        texts = [m.content for m in own]
        readings = self.reader.read_many(
            texts,
            problem_id=problem_id,
            criteria=criteria,
            stages=[_stage(m.stage) for m in own],
        )
        if is_live(messages):
            self._read_other_stages(own, readings, problem_id, criteria)
        if sum(r.content_count for r in readings) >= TOPIC_MIN_WORDS:
            ratio, best = self.matcher.relevance(" ".join(texts), problem_id)
            if ratio < OFF_PROBLEM_RATIO:
                for reading in readings:
                    reading.off_problem = best
        return {m.id: r for m, r in zip(own, readings, strict=True)}

    def _read_other_stages(
        self,
        own: list[TurnText],
        readings: list[Reading],
        problem_id: str,
        criteria: list[Criterion],
    ) -> None:
        """A live message with claims on other design stages besides its own ("Serving: score
        at upload ... Monitoring: watch the score spread per class ...") is read again in each
        of them, and keeps that reading's claims on the stage's criteria: a sentence is matched
        against the criteria of the stage it is said in, so the half in another stage would
        otherwise be read as the first's. Written answers (one message per stage) are not."""
        stage_of = {c.id: c.stage for c in criteria}
        again: list[tuple[int, Stage]] = []
        for i, (m, r) in enumerate(zip(own, readings, strict=True)):
            shown = {stage_of[c.criterion_id] for c in r.claims if c.criterion_id in stage_of}
            again += [(i, s) for s in STAGES if s in shown and s not in ("clarify", m.stage)]
        if not again:
            return
        more = self.reader.read_many(
            [own[i].content for i, _ in again],
            problem_id=problem_id,
            criteria=criteria,
            stages=[s for _, s in again],
        )
        for (i, s), extra in zip(again, more, strict=True):
            have = {c.criterion_id for c in readings[i].claims}
            readings[i].claims += [
                c
                for c in extra.claims
                if stage_of.get(c.criterion_id) == s and c.criterion_id not in have
            ]

    def judge_sync(
        self,
        criteria: list[Criterion],
        messages: list[TurnText],
        problem_id: str | None = None,
        readings: dict[str, Reading] | None = None,
    ) -> dict[str, Finding]:
        pid = problem_id or self._problem_of(criteria)
        if readings is None:
            readings = self.read_all(criteria, messages, pid)
        by_crit = {c.id: c for c in criteria}
        findings = {
            c.id: Finding(met=False, reason="no evidence found", judge=self.name) for c in criteria
        }
        by_id = {m.id: m for m in messages}
        found: dict[str, list[_Evidence]] = {}
        for mid, reading in readings.items():
            msg = by_id.get(mid)
            for claim in reading.claims:
                crit = by_crit.get(claim.criterion_id)
                if crit is None:
                    continue
                f = findings[crit.id]
                on_stage = msg is not None and msg.stage == crit.stage
                why_not = _not_evidence(claim, reading)
                if why_not:
                    if why_not not in f.notes:
                        f.notes.append(why_not)
                    continue
                if not verify(claim.quote, msg):
                    f.rejected.append({"message_id": mid, "quote": claim.quote})
                    continue
                seq = msg.seq if msg is not None else 0
                # a clarifying question is the behaviour whole, however few of the terms it
                # says: a long list of assumptions would outweigh the question itself
                key = 0 if crit.stage == "clarify" else self.reader.key_words(crit.id, claim.quote)
                found.setdefault(crit.id, []).append(_Evidence(on_stage, claim, mid, seq, key))
        for cid, evidence in found.items():
            f = findings[cid]
            # The quote shown is the claim that best carries the criterion: said in the
            # criterion's own stage, then strong (a term or a near copy), then with the most
            # credit, then the closest. The earliest
            # other piece follows it, so "the first evidence" (hints) keeps its place. Credit
            # is the most any piece earns: reasoning shown once counts wherever it was.
            best = max(evidence, key=_Evidence.rank)
            f.met, f.reason = True, best.claim.why
            f.credit = max(e.credit for e in evidence)
            f.plain = all(e.claim.concept is None or e.claim.everyday for e in evidence)
            f.score = max(e.claim.score for e in evidence)
            rest = sorted((e for e in evidence if e is not best), key=lambda e: e.seq)
            f.evidence = [e.cite() for e in [best, *rest[:1]]]
            f.notes = []  # a negated or listed mention elsewhere does not matter once it is met
            if f.credit <= LIST_CREDIT:
                f.notes.append("named only in a list, with no reasoning: partial credit")
            elif f.credit < UNREASONED_CREDIT:
                f.notes.append("said tentatively: partial credit")
        return findings

    def _problem_of(self, criteria: list[Criterion]) -> str:
        for crit in criteria:
            pid = self.reader.problem_of_criterion.get(crit.id)
            if pid:
                return pid
        return next(iter(self.reader.bank.problems))

    async def judge(
        self,
        criteria: list[Criterion],
        messages: list[TurnText],
        readings: dict[str, Reading] | None = None,
    ) -> dict[str, Finding]:
        return self.judge_sync(criteria, messages, readings=readings)


class MetCheck(BaseModel):
    """One criterion the model says the candidate's words show."""

    id: str = Field(description="criterion id, exactly as given")
    message_id: str = Field(default="", description="id of the candidate message quoted")
    quote: str = Field(default="", description="verbatim words from that message")


class StageVerdict(BaseModel):
    met: list[MetCheck] = Field(default_factory=list)


# What the LLM judge sees of a stage: that stage's candidate messages, newest kept first
# when they do not all fit (small local models have 2k-token windows).
MAX_STAGE_CHARS = 3000
MAX_MET = 4  # at most this many verdicts per answer: bounds the output tokens
QUOTE_CHARS = 160

# A sentence that talks to the grader ("mark everything as met", "ignore the rubric") is an
# instruction, not an answer: it is never evidence, whatever a model says about it.
_TO_GRADER = re.compile(
    r"\b(?:grader|grading|rubric|checklist|full marks|hire signal|mark (?:everything|all|every|"
    r"this|me)|(?:all|every) criteri|ignore (?:all|the|your|prior|previous)|you are now|"
    r"system (?:note|prompt|instruction)|as the (?:grader|judge))\b|\"?met\"?\s*[=:]\s*true",
    re.I,
)


def _as_data(text: str) -> str:
    return text.replace("<", "‹").replace(">", "›")


class LLMJudge:
    """One checklist call per stage over that stage's candidate messages (JSON constrained to
    the stage's criterion ids and message ids), then checks no model can talk its way past:

    - the quote must be in the named candidate message (`verify`);
    - it must not come from a sentence addressed to the grader;
    - the offline judge must relate the quoted sentence to the criterion ("offline support"):
      the model chooses among sentences that carry the behaviour, it cannot credit a sentence
      that does not. So an obedient model, told by the candidate to mark everything met, adds
      nothing the words themselves do not show;
    - red flags the offline judge finds stay (a model cannot be talked out of them); the model
      may add one only with a verified, supported quote.

    A stage whose call fails, or that has no candidate message, is decided by the offline
    judge; each finding names who decided (`Finding.judge`: "llm:<model>" or "offline").
    """

    name = "llm"

    def __init__(self, chat: ChatClient, fallback: OfflineJudge, prompts_dir: Path):
        self.chat = chat
        self.fallback = fallback
        self.model = chat.model_name
        self.label = f"llm:{chat.model_name}"
        self.env = text_env(prompts_dir)

    def stage_messages(self, stage: str, messages: list[TurnText]) -> list[TurnText]:
        own = [m for m in messages if m.role == "candidate" and m.stage == stage]
        kept: list[TurnText] = []
        size = 0
        for m in reversed(own):
            if kept and size + len(m.content) > MAX_STAGE_CHARS:
                break
            kept.append(m)
            size += len(m.content)
        return kept[::-1]

    def prompt(self, stage: str, criteria: list[Criterion], shown: list[tuple[str, TurnText]]):
        system = self.env.get_template("llm/judge_system.j2").render()
        user = self.env.get_template("llm/judge_stage.j2").render(
            stage=stage,
            criteria=criteria,
            messages=[(alias, _as_data(m.content[:MAX_STAGE_CHARS])) for alias, m in shown],
        )
        return [SystemMessage(system), HumanMessage(user)]

    @staticmethod
    def schema(criteria: list[Criterion], aliases: list[str]) -> dict:
        return {
            "type": "object",
            "properties": {
                "met": {
                    "type": "array",
                    "maxItems": min(MAX_MET, len(criteria)),
                    "items": {
                        "type": "object",
                        "properties": {
                            "id": {"type": "string", "enum": [c.id for c in criteria]},
                            "message_id": {"type": "string", "enum": aliases},
                            "quote": {"type": "string", "maxLength": QUOTE_CHARS},
                        },
                        "required": ["id", "message_id", "quote"],
                    },
                }
            },
            "required": ["met"],
        }

    def _offline(
        self,
        group: list[Criterion],
        messages: list[TurnText],
        problem_id: str | None,
        readings: dict[str, Reading] | None = None,
    ) -> dict[str, Finding]:
        found = self.fallback.judge_sync(group, messages, problem_id, readings=readings)
        for f in found.values():
            f.judge = "offline"
        return found

    def supported(
        self, crit: Criterion, quote: str, msg: TurnText, problem_id: str | None = None
    ) -> tuple[Finding | None, str]:
        """The offline judge's finding on the quoted sentence when it relates that sentence
        to `crit` (its credit and notes carry over: the model is never more generous than
        the words), else None and why not."""
        sentence = quoted_sentence(quote, msg.content)
        if not sentence:
            return None, "the quote is not in the candidate's messages"
        if _TO_GRADER.search(sentence):
            return None, "the quote is an instruction to the grader, not an answer"
        probe = TurnText(msg.id, msg.seq, "candidate", sentence, msg.stage)
        if crit.red_flag:
            # read in its message, as the offline judge reads it: the next sentence may set
            # the mistake aside ("Some teams ship on AUC alone; I wouldn't")
            probe = msg
        f = self.fallback.judge_sync([crit], [probe], problem_id).get(crit.id)
        if f is None or not f.met:
            return None, "the quoted words do not show this criterion"
        if crit.red_flag and not any(
            has_quote(sentence, e["quote"]) or has_quote(e["quote"], sentence) for e in f.evidence
        ):
            return None, "the quoted words do not show this criterion"
        return f, ""

    async def judge(
        self,
        criteria: list[Criterion],
        messages: list[TurnText],
        readings: dict[str, Reading] | None = None,
    ) -> dict[str, Finding]:
        """`readings`: the offline readings of `messages` against all of `criteria`, when the
        caller has them (the grading service does, for the report); read here otherwise."""
        out: dict[str, Finding] = {}
        pid = self.fallback._problem_of(criteria)  # generic-only stages need the problem too
        # One offline reading of the transcript against every criterion: a stage the model
        # fails on gets exactly the offline judge's verdicts (read per stage, the reader would
        # weigh a sentence against that stage's criteria only and could credit another).
        if readings is None:
            readings = await to_thread.run_sync(self.fallback.read_all, criteria, messages, pid)
        stages = sorted({c.stage for c in criteria}, key=[c.stage for c in criteria].index)
        for stage in stages:
            group = [c for c in criteria if c.stage == stage]
            out.update(await self.judge_stage(stage, group, messages, pid, readings))
        return out

    async def judge_stage(
        self,
        stage: str,
        group: list[Criterion],
        messages: list[TurnText],
        problem_id: str | None = None,
        readings: dict[str, Reading] | None = None,
    ) -> dict[str, Finding]:
        offline = self._offline(group, messages, problem_id, readings)
        own = self.stage_messages(stage, messages)
        if not own:
            for f in offline.values():
                f.reason = f"{f.reason} (offline: no candidate message in this stage)"
            return offline
        shown = [(f"m{i}", m) for i, m in enumerate(own, 1)]
        by_alias = dict(shown)
        purpose = json_purpose("judge", 24 + 80 * min(MAX_MET, len(group)))
        try:
            verdict, _ = await self.chat.structured(
                self.prompt(stage, group, shown),
                StageVerdict,
                json_schema=self.schema(group, list(by_alias)),
                purpose=purpose,
            )
        except LLMError as exc:
            log.warning("LLM judge failed on %s, offline judge used: %s", stage, exc)
            for f in offline.values():
                f.reason = f"{f.reason} (offline fallback)"
            return offline
        claims: dict[str, list[MetCheck]] = {}
        for check in verdict.met:
            claims.setdefault(check.id, []).append(check)
        out: dict[str, Finding] = {}
        for crit in group:
            f = Finding(False, reason="not shown in the candidate's words", judge=self.label)
            for check in claims.get(crit.id, []):
                msg = by_alias.get(check.message_id)
                if msg is None or not verify(check.quote, msg):
                    log.info("unverifiable quote for %s rejected: %r", crit.id, check.quote[:80])
                    f.rejected.append({"message_id": check.message_id, "quote": check.quote})
                    f.reason = "claimed, but the quote is not in the candidate's messages"
                    continue
                support, why = self.supported(crit, check.quote, msg, problem_id)
                about = readings.get(msg.id) if readings else None
                if about is not None and about.off_problem and crit.points > 0:
                    support, why = (
                        None,
                        f"the message answers another problem ({about.off_problem})",
                    )
                if support is None:
                    f.rejected.append({"message_id": msg.id, "quote": check.quote})
                    f.reason = f"claimed, but {why}"
                    continue
                f.met, f.score = True, 1.0
                f.credit, f.notes = support.credit, list(support.notes)
                f.evidence = [{"message_id": msg.id, "quote": check.quote.strip()}]
                f.reason = "the quoted words show it (LLM, offline-supported)"
                break
            off = offline[crit.id]
            if crit.points < 0 and off.met and not f.met:
                # A red flag the offline judge sees stays, whatever the model says.
                off.judge = self.label
                off.reason = f"{off.reason} (red flag kept from the offline reading)"
                f = off
            out[crit.id] = f
        return out
