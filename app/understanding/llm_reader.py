"""The LLM reader: the same `Reading` as the offline reader, through a model's structured
output (JSON constrained to this problem's fact ids and the stage's criterion ids).

Nothing the model says is taken on trust:
- every question and every claim quote must occur in the message (exact, or equal after
  collapsing whitespace and case); a claim that cannot be verified is dropped, and so is a
  fact id or criterion id that is not in the lists given;
- when the model's output fails to parse, the call fails, or most of its claims are dropped
  (a model that invents quotes is not trusted on the rest), the reading is the offline one
  (`base`) with `fallback` set to the reason, which is logged;
- the fields the model does not fill (counts, normalised text, mentions, specifics,
  reasoning, repetition, move target) come from `base`, and a claim keeps the offline
  reader's reasoning flags for the same criterion when it has them.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from pathlib import Path
from typing import Literal

from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel, Field

from app.knowledge.bank import KnowledgeBank
from app.knowledge.schema import Criterion
from app.llm.client import ChatClient, LLMError, json_purpose
from app.templating import text_env
from app.understanding.quotes import has_quote
from app.understanding.schema import Claim, Intent, Question, Reading

log = logging.getLogger(__name__)

INTENTS = ("ask", "move_on", "finish", "hint", "answer", "off_topic", "non_answer")
MAX_QUESTIONS = 2
MAX_CLAIMS = 3
QUOTE_CHARS = 160
MAX_MESSAGE_CHARS = 2400  # small local models have 2k-token windows
MAX_CRITERIA = 24
# JSON overhead + per item (ids, quote up to ~40 tokens, keys): sized to the schema.
READ_TOKENS = 24 + 8 * 3 + 60 * MAX_QUESTIONS + 70 * MAX_CLAIMS


class _Question(BaseModel):
    text: str
    fact_id: str = "none"


class _Claim(BaseModel):
    criterion_id: str
    quote: str
    polarity: Literal["affirmed", "negated", "hedged"] = "affirmed"


class LLMReadingOut(BaseModel):
    """What the model is asked for (a subset of `Reading`)."""

    intents: list[str] = Field(default_factory=list)
    questions: list[_Question] = Field(default_factory=list)
    claims: list[_Claim] = Field(default_factory=list)


def as_data(text: str) -> str:
    """Candidate text cannot open or close our tags."""
    return text.replace("<", "‹").replace(">", "›")


class LLMReader:
    """Reads one candidate message with a model; falls back to the offline reading."""

    def __init__(self, chat: ChatClient, bank: KnowledgeBank, prompts_dir: Path):
        self.chat = chat
        self.bank = bank
        self.label = f"llm:{chat.model_name}"
        self.env = text_env(prompts_dir)

    # -- prompt and schema -----------------------------------------------------------------

    def criteria(self, problem_id: str, level: str, stages: Collection[str]) -> list[Criterion]:
        """The criteria this message is read against: the level's, for the stage(s) at hand
        (at most MAX_CRITERIA, current stage first, so the prompt fits a 2k window)."""
        found = [c for c in self.bank.criteria_for(problem_id, level or None) if c.stage in stages]
        return found[:MAX_CRITERIA]

    def prompt(
        self,
        text: str,
        *,
        problem_id: str,
        stage: str,
        open_question: str | None,
        criteria: list[Criterion],
    ) -> list:
        problem = self.bank.problem(problem_id)
        system = self.env.get_template("llm/reader_system.j2").render()
        user = self.env.get_template("llm/reader_message.j2").render(
            problem_title=problem.title,
            stage=stage,
            open_question=as_data(open_question) if open_question else "",
            facts=[{"id": f.id, "topic": f.topic} for f in problem.facts],
            criteria=[
                {"id": c.id, "text": _short(c.text), "red_flag": c.points < 0} for c in criteria
            ],
            message=as_data(text[:MAX_MESSAGE_CHARS]),
        )
        return [SystemMessage(system), HumanMessage(user)]

    @staticmethod
    def schema(fact_ids: list[str], criterion_ids: list[str]) -> dict:
        claim_ids = criterion_ids or ["none"]
        return {
            "type": "object",
            "properties": {
                "intents": {
                    "type": "array",
                    "maxItems": 3,
                    "items": {"type": "string", "enum": list(INTENTS)},
                },
                "questions": {
                    "type": "array",
                    "maxItems": MAX_QUESTIONS,
                    "items": {
                        "type": "object",
                        "properties": {
                            "text": {"type": "string", "maxLength": QUOTE_CHARS},
                            "fact_id": {"type": "string", "enum": [*fact_ids, "none"]},
                        },
                        "required": ["text", "fact_id"],
                    },
                },
                "claims": {
                    "type": "array",
                    "maxItems": MAX_CLAIMS,
                    "items": {
                        "type": "object",
                        "properties": {
                            "criterion_id": {"type": "string", "enum": claim_ids},
                            "quote": {"type": "string", "maxLength": QUOTE_CHARS},
                            "polarity": {
                                "type": "string",
                                "enum": ["affirmed", "negated", "hedged"],
                            },
                        },
                        "required": ["criterion_id", "quote", "polarity"],
                    },
                },
            },
            "required": ["intents", "questions", "claims"],
        }

    # -- reading ---------------------------------------------------------------------------

    async def read(
        self,
        text: str,
        *,
        problem_id: str,
        level: str,
        stage: str,
        open_question: str | None,
        base: Reading,
    ) -> Reading:
        """The model's reading of `text`, checked; `base` (the offline reading of the same
        text) fills what the model does not, and is the answer when the model fails."""
        if not text.strip():
            return base
        problem = self.bank.problem(problem_id)
        criteria = self.criteria(problem_id, level, {stage})
        others = {s for s in base.stages if s != stage}
        criteria += self.criteria(problem_id, level, others)[: MAX_CRITERIA - len(criteria)]
        fact_ids = [f.id for f in problem.facts]
        try:
            out, _ = await self.chat.structured(
                self.prompt(
                    text,
                    problem_id=problem_id,
                    stage=stage,
                    open_question=open_question,
                    criteria=criteria,
                ),
                LLMReadingOut,
                json_schema=self.schema(fact_ids, [c.id for c in criteria]),
                purpose=json_purpose("reader", READ_TOKENS),
            )
        except LLMError as exc:
            return self._fallback(base, f"llm error: {exc}")
        return self.merge(out, text, base, criteria, set(fact_ids))

    def merge(
        self,
        out: LLMReadingOut,
        text: str,
        base: Reading,
        criteria: list[Criterion],
        fact_ids: set[str],
    ) -> Reading:
        """Check the model's output against the message and the lists; merge into `base`."""
        by_id = {c.id: c for c in criteria}
        offline = {c.criterion_id: c for c in base.claims}
        claims: list[Claim] = []
        dropped: list[str] = []
        for c in out.claims:
            crit = by_id.get(c.criterion_id)
            if crit is None:
                dropped.append(f"unknown criterion {c.criterion_id!r}")
                continue
            if not has_quote(text, c.quote):
                dropped.append(f"unverifiable quote for {c.criterion_id}: {c.quote[:60]!r}")
                continue
            seen = offline.get(crit.id)
            claims.append(
                Claim(
                    criterion_id=crit.id,
                    quote=c.quote.strip(),
                    polarity=c.polarity,
                    red_flag=crit.points < 0,
                    reasoned=seen.reasoned if seen else False,
                    listy=seen.listy if seen else False,
                    score=seen.score if seen else 0.0,
                    concept=seen.concept if seen else None,
                    why=f"{self.label}: {c.polarity}",
                )
            )
        if dropped:
            log.info("LLM reader dropped %d claim(s): %s", len(dropped), "; ".join(dropped))
        if out.claims and len(dropped) * 2 > len(out.claims):
            return self._fallback(
                base, f"{len(dropped)} of {len(out.claims)} claims failed verification"
            )
        questions: list[Question] = []
        for q in out.questions:
            if not has_quote(text, q.text):
                log.info("LLM reader dropped an unverifiable question: %r", q.text[:60])
                continue
            fact = q.fact_id if q.fact_id in fact_ids else None
            score = 1.0 if fact else 0.0
            questions.append(Question(text=q.text.strip(), fact_id=fact, score=score))
        if not questions and out.questions:
            questions = base.questions  # every question the model gave was unverifiable
        intents: list[Intent] = [i for i in dict.fromkeys(out.intents) if i in INTENTS]  # type: ignore[misc]
        if questions and "ask" not in intents:
            intents.append("ask")
        claimed = [by_id[c.criterion_id].stage for c in claims]
        stages = list(dict.fromkeys([*base.stages, *claimed]))
        return base.model_copy(
            update={
                "reader": self.label,
                "intents": intents or base.intents,
                "questions": questions,
                "claims": claims,
                "stages": stages,
                "fallback": None,
            }
        )

    def _fallback(self, base: Reading, reason: str) -> Reading:
        log.warning("LLM reader fell back to the offline reading: %s", reason)
        return base.model_copy(update={"fallback": reason})


def _short(text: str, n: int = 90) -> str:
    text = text.removeprefix("Candidate ").strip()
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "…"
