"""The LLM voice: a model phrases the move the policy chose, from a draft the template voice
wrote. Prompts stay small (persona, stage, move, draft, a snippet, a rolling summary and the
last few turns), so tokens per turn stay flat. Any provider failure or leaky reply falls
back to the template text, marked as a fallback; the candidate always gets a turn."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from langchain_core.messages import HumanMessage, SystemMessage

from app.interview.guard import find_leak
from app.interview.voice import STAGE_NAMES, TemplateVoice, Utterance, VoiceContext, _summary
from app.knowledge.bank import KnowledgeBank
from app.llm.client import ChatClient, LLMError, Usage

log = logging.getLogger(__name__)


def as_data(text: str) -> str:
    """Candidate text goes into the prompt as data: it cannot open or close our tags."""
    return text.replace("<", "‹").replace(">", "›")


class LLMVoice:
    name = "llm"

    def __init__(
        self, client: ChatClient, template: TemplateVoice, bank: KnowledgeBank, prompts_dir: Path
    ):
        self.client = client
        self.template = template
        self.bank = bank
        self.env = Environment(
            loader=FileSystemLoader(str(prompts_dir)),
            undefined=StrictUndefined,
            auto_reload=False,
            autoescape=False,
            trim_blocks=True,
        )

    def build(self, ctx: VoiceContext, draft: str) -> tuple[list[Any], str]:
        """The chat messages for one turn, and the system prompt (for the leak check)."""
        system = self.env.get_template("llm/interviewer_system.j2").render(
            problem_title=ctx.problem.title
        )
        move = ctx.move
        user = self.env.get_template("llm/interviewer_turn.j2").render(
            stage_name=STAGE_NAMES[move.stage],
            move_kind=move.kind.replace("_", " "),
            notes=ctx.notes,
            recent=[(role, as_data(content)) for role, content in ctx.recent],
            snippet=_summary(move.snippet.text, 80) if move.snippet else "",
            draft=as_data(draft),
        )
        return [SystemMessage(system), HumanMessage(user)], system

    def _allowed(self, ctx: VoiceContext) -> set[str]:
        return {f.id for f in ctx.move.facts} | set(ctx.revealed)

    def _check(self, ctx: VoiceContext, reply: str, draft: str, system: str) -> str | None:
        return find_leak(
            reply,
            bank=self.bank,
            problem=ctx.problem,
            allowed_facts=self._allowed(ctx),
            draft=draft,
            system_prompt=system,
        )

    def _fallback(self, draft: str, error: str) -> Utterance:
        log.warning("LLM voice fell back to templates: %s", error)
        return Utterance(draft, {"voice": self.template.name, "fallback": True, "error": error})

    async def speak(self, ctx: VoiceContext) -> Utterance:
        draft = self.template.render(ctx)
        messages, system = self.build(ctx, draft)
        try:
            text, usage = await self.client.complete(messages)
        except LLMError as exc:
            return self._fallback(draft, str(exc))
        leak = self._check(ctx, text, draft, system)
        if leak:
            return self._fallback(draft, f"guard: {leak}")
        return Utterance(
            text, {"voice": self.name, "model": self.client.model_name, "usage": usage.as_dict()}
        )

    async def stream(self, ctx: VoiceContext) -> AsyncIterator[Any]:
        """Text pieces; on failure mid-way a reset event, then the template text.

        A leak can only be judged on the whole reply, so the model's pieces are buffered
        per sentence and checked before they are shown."""
        draft = self.template.render(ctx)
        messages, system = self.build(ctx, draft)
        shown: list[str] = []
        usage = Usage()
        try:
            buffer = ""
            async for piece in self.client.stream(messages):
                if isinstance(piece, Usage):
                    usage = piece
                    continue
                buffer += piece
                if buffer.rstrip().endswith((".", "?", "!")):
                    if self._check(ctx, "".join(shown) + buffer, draft, system):
                        raise LLMError("guard: leak in streamed reply")
                    shown.append(buffer)
                    yield buffer
                    buffer = ""
            if buffer:
                if self._check(ctx, "".join(shown) + buffer, draft, system):
                    raise LLMError("guard: leak in streamed reply")
                shown.append(buffer)
                yield buffer
        except LLMError as exc:
            log.warning("LLM stream fell back to templates: %s", exc)
            if shown:
                yield {"event": "reset"}
            yield {"meta": {"voice": self.template.name, "fallback": True, "error": str(exc)}}
            async for piece in self.template.stream(ctx):
                yield piece
            return
        yield {
            "meta": {"voice": self.name, "model": self.client.model_name, "usage": usage.as_dict()}
        }
