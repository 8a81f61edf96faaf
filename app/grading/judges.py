"""Judges decide, per rubric criterion, met or not met, with evidence (message id + quote).

- `OfflineJudge` (default): concept matching + WordLlama similarity over the candidate's own
  messages (never the interviewer's words). Deterministic.
- `LLMJudge`: one checklist prompt per stage, structured output, temperature 0. Falls back
  to the offline judge for a stage whose call fails.
Both go through `verify`: a quote that is not in the named candidate message does not count.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel, Field

from app.knowledge.matching import Matcher
from app.knowledge.schema import Criterion
from app.llm.client import ChatClient, LLMError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TurnText:
    """One transcript message as the judges see it."""

    id: str
    seq: int
    role: str  # candidate | interviewer
    content: str
    stage: str


@dataclass
class Finding:
    met: bool
    evidence: list[dict[str, str]] = field(default_factory=list)  # [{message_id, quote}]
    reason: str = ""
    score: float = 0.0
    rejected: list[dict[str, str]] = field(default_factory=list)  # quotes that failed checks


class Judge(Protocol):
    name: str
    model: str

    async def judge(
        self, criteria: list[Criterion], messages: list[TurnText]
    ) -> dict[str, Finding]: ...


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def verify(quote: str, message: TurnText | None) -> bool:
    """True when `quote` occurs in the candidate `message` (whitespace/case-insensitive)."""
    if message is None or message.role != "candidate":
        return False
    q = _squash(quote).strip(" .\"'")
    return len(q) >= 3 and q in _squash(message.content)


class OfflineJudge:
    name = "offline"
    model = "wordllama-256+concepts"

    def __init__(self, matcher: Matcher):
        self.matcher = matcher

    def judge_sync(self, criteria: list[Criterion], messages: list[TurnText]) -> dict[str, Finding]:
        findings = {c.id: Finding(met=False, reason="no evidence found") for c in criteria}
        own = [m for m in messages if m.role == "candidate"]
        for msg, found in zip(
            own, self.matcher.evidence_many([m.content for m in own], criteria), strict=True
        ):
            for cid, ev in found.items():
                f = findings[cid]
                if not verify(ev.quote, msg):
                    f.rejected.append({"message_id": msg.id, "quote": ev.quote})
                    continue
                f.met = True
                f.evidence.append({"message_id": msg.id, "quote": ev.quote})
                f.score = max(f.score, ev.score)
                f.reason = f"mentions '{ev.concept}'" if ev.concept else "close to an example"
        for f in findings.values():
            # Keep the two strongest pieces of evidence, in transcript order.
            f.evidence = f.evidence[:2]
        return findings

    async def judge(
        self, criteria: list[Criterion], messages: list[TurnText]
    ) -> dict[str, Finding]:
        return self.judge_sync(criteria, messages)


class CriterionCheck(BaseModel):
    id: str = Field(description="criterion id, exactly as given")
    met: bool = Field(description="true only if the candidate's own words show it")
    message_id: str = Field(default="", description="id of the candidate message quoted")
    quote: str = Field(default="", description="verbatim words from that message")
    reason: str = Field(default="", description="one line")


class StageChecklist(BaseModel):
    criteria: list[CriterionCheck]


class LLMJudge:
    name = "llm"

    def __init__(self, chat: ChatClient, fallback: OfflineJudge, prompts_dir: Path):
        self.chat = chat
        self.fallback = fallback
        self.model = chat.model_name
        self.env = Environment(
            loader=FileSystemLoader(str(prompts_dir)),
            undefined=StrictUndefined,
            auto_reload=False,
            trim_blocks=True,
        )

    def prompt(self, stage: str, criteria: list[Criterion], messages: list[TurnText]) -> list:
        system = self.env.get_template("llm/judge_system.j2").render()
        user = self.env.get_template("llm/judge_stage.j2").render(
            stage=stage,
            criteria=criteria,
            messages=[m for m in messages if m.role == "candidate"],
            as_data=lambda t: t.replace("<", "‹").replace(">", "›"),
        )
        return [SystemMessage(system), HumanMessage(user)]

    async def judge(
        self, criteria: list[Criterion], messages: list[TurnText]
    ) -> dict[str, Finding]:
        by_id = {m.id: m for m in messages}
        out: dict[str, Finding] = {}
        stages = sorted({c.stage for c in criteria}, key=[c.stage for c in criteria].index)
        for stage in stages:
            group = [c for c in criteria if c.stage == stage]
            try:
                checklist, _ = await self.chat.structured(
                    self.prompt(stage, group, messages), StageChecklist
                )
            except LLMError as exc:
                log.warning("LLM judge failed on %s, offline judge used: %s", stage, exc)
                for cid, f in self.fallback.judge_sync(group, messages).items():
                    f.reason = f"{f.reason} (offline fallback)"
                    out[cid] = f
                continue
            answers = {c.id: c for c in checklist.criteria}
            for crit in group:
                ans = answers.get(crit.id)
                if ans is None or not ans.met:
                    out[crit.id] = Finding(False, reason=ans.reason if ans else "not judged")
                    continue
                msg = by_id.get(ans.message_id)
                if verify(ans.quote, msg):
                    out[crit.id] = Finding(
                        True, [{"message_id": msg.id, "quote": ans.quote.strip()}], ans.reason, 1.0
                    )
                else:
                    log.info("unverifiable quote for %s rejected: %r", crit.id, ans.quote[:80])
                    out[crit.id] = Finding(
                        False,
                        reason="claimed, but the quote is not in the candidate's messages",
                        rejected=[{"message_id": ans.message_id, "quote": ans.quote}],
                    )
        return out
