"""Voices turn a chosen move into words. `TemplateVoice` is offline and deterministic; the
LLM voice (`app.llm.voice`) phrases the same move with a model and falls back to this one."""

from __future__ import annotations

import random
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import yaml
from jinja2 import Template

from app.interview.policy import Move
from app.knowledge.schema import STAGE_NAMES, Problem
from app.templating import text_env

VARIANT_SEP = re.compile(r"^---\s*$", re.M)


@dataclass
class VoiceContext:
    """Everything a voice may use to phrase one move (and nothing it may not)."""

    problem: Problem
    move: Move
    session_id: str
    seed: int
    minutes: int
    candidate_text: str = ""
    recent: list[tuple[str, str]] = field(default_factory=list)  # (role, content), last few
    notes: list[str] = field(default_factory=list)  # rolling summary
    revealed: list[str] = field(default_factory=list)  # fact ids the candidate has been told


@dataclass
class Utterance:
    text: str
    meta: dict = field(default_factory=dict)


class Voice(Protocol):
    name: str

    def stream(self, ctx: VoiceContext) -> AsyncIterator[str]: ...


@lru_cache(maxsize=4)
def _stage_questions(prompts_dir: str) -> dict[str, list[str]]:
    return yaml.safe_load((Path(prompts_dir) / "offline" / "stage_questions.yaml").read_text())


@lru_cache(maxsize=64)
def _variants(prompts_dir: str, template: str) -> list[Template]:
    """The compiled wordings of one template file (variants separated by `---` lines)."""
    env = text_env(prompts_dir)
    assert env.loader is not None  # text_env always gives it a FileSystemLoader
    source = env.loader.get_source(env, template)[0]
    return [env.from_string(v.strip()) for v in VARIANT_SEP.split(source) if v.strip()]


def _summary(text: str, max_words: int = 60) -> str:
    """First sentences of a section, up to `max_words`, as plain prose."""
    flat = re.sub(r"\s+", " ", re.sub(r"^[-*]\s+", "", text, flags=re.M)).strip()
    out: list[str] = []
    for sent in re.split(r"(?<=[.!])\s+", flat):
        if out and len(" ".join(out).split()) + len(sent.split()) > max_words:
            break
        out.append(sent)
    return " ".join(out).replace("?", ".")


def _clean(fragment: str | None) -> str | None:
    """Candidate words quoted back must not add a second question to our turn."""
    if fragment is None:
        return None
    return re.sub(r"\s+", " ", fragment.replace("?", "")).strip(" .") or None


class TemplateVoice:
    """Offline voice: Jinja2 templates with several wordings, chosen by a seeded RNG."""

    name = "template"

    def __init__(self, prompts_dir: Path):
        self.prompts_dir = str(prompts_dir)

    def _pick(self, template: str, rng: random.Random, index: int | None = None, **ctx: Any) -> str:
        variants = _variants(self.prompts_dir, template)
        chosen = variants[index % len(variants)] if index is not None else rng.choice(variants)
        return chosen.render(**ctx).strip()

    def stage_question(self, stage: str, rng: random.Random) -> str:
        return rng.choice(_stage_questions(self.prompts_dir)[stage])

    def render(self, ctx: VoiceContext) -> str:
        """The reply text for `ctx.move` (synchronous: templates need no I/O)."""
        move = ctx.move
        rng = random.Random(f"{ctx.seed}:{ctx.session_id}:{move.key}")
        base: dict[str, Any] = {
            "problem_title": ctx.problem.title,
            "statement": ctx.problem.statement.strip(),
            "minutes": ctx.minutes,
            "stage_name": STAGE_NAMES[move.stage],
            "from_stage_name": STAGE_NAMES.get(move.from_stage or "", ""),
            "note": move.note or "",
            "echo": _clean(move.echo),
            "question": move.question,
            "tier": move.hint_tier,
            "concept": move.concept,
            "snippet_title": move.snippet.title if move.snippet else "",
            "snippet_summary": _summary(move.snippet.text) if move.snippet else "",
            "skipped": [STAGE_NAMES[st] for st in move.skipped],
            "minutes_left": move.minutes_left,
        }
        parts: list[str] = []
        if move.facts:
            parts.append(self._pick("offline/answer_lead.j2", rng, **base))
            parts.extend(f.answer.strip() for f in move.facts)
        for question in move.unknown:
            parts.append(
                self._pick("offline/unknown.j2", rng, **{**base, "question": _clean(question)})
            )
        kind = move.kind
        if kind == "answer":
            if move.follow_up == "clarify_more":
                index = int(move.key.split(":")[1])
                parts.append(self._pick("offline/clarify_more.j2", rng, index=index, **base))
        elif kind == "next_stage":
            question = move.question or self.stage_question(move.stage, rng)
            parts.append(self._pick("offline/next_stage.j2", rng, **{**base, "question": question}))
        elif kind == "go_deeper":
            index = int(move.key.rsplit(":", 1)[1])
            parts.append(self._pick("offline/go_deeper.j2", rng, index=index, **base))
        elif kind == "redirect":
            index = int(move.key.rsplit(":", 1)[1])
            parts.append(self._pick("offline/redirect.j2", rng, index=index, **base))
        else:
            parts.append(self._pick(f"offline/{kind}.j2", rng, **base))
        # an echo cut short ends in "…": the template's full stop after it would double it
        return " ".join(p for p in parts if p).replace("….", "…")

    async def stream(self, ctx: VoiceContext) -> AsyncIterator[str]:
        text = self.render(ctx)
        for piece in re.findall(r"\S+\s*", text):
            yield piece
