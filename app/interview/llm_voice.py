"""The LLM voice: a model phrases the move the policy chose, from a draft the template voice
wrote. Prompts stay small (persona, stage, move, draft, a snippet, a rolling summary and the
last few turns), so tokens per turn stay flat. Any provider failure, a reply past the turn's
deadline, or a reply that leaks or is not faithful to the draft (a number dropped or added,
a second question, markup, little of the draft's content) falls back to the template text,
marked as a fallback; the candidate always gets a turn. A weak model's junk never reaches
the candidate: a streamed reply is checked whole before its first piece is shown."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from langchain_core.messages import HumanMessage, SystemMessage

from app.interview.guard import find_leak, numbers
from app.interview.voice import STAGE_NAMES, TemplateVoice, VoiceContext, _summary
from app.knowledge.bank import KnowledgeBank
from app.knowledge.text import content_words, words
from app.llm.client import ChatClient, LLMError, Usage, current_deadline, voice_purpose
from app.templating import text_env

log = logging.getLogger(__name__)


def as_data(text: str) -> str:
    """Candidate text goes into the prompt as data: it cannot open or close our tags."""
    return text.replace("<", "‹").replace(">", "›")


def faithful(reply: str, draft: str) -> str | None:
    """Why `reply` is not a faithful rewording of `draft` (None when it is)."""
    if not reply.strip():
        return "empty"
    if len(reply) > max(600, 3 * len(draft)):
        return "too long"
    if re.search(r"[<>{}\[\]`|#*]", reply):
        return "markup"
    if reply.count("?") > max(1, draft.count("?")):
        return "more than one question"
    want, got = numbers(draft), numbers(reply)
    if want - got:
        return f"drops a number: {sorted(want - got)[0]}"
    if got - want:
        return f"adds a number: {sorted(got - want)[0]}"
    content = {w for w in content_words(draft) if len(w) > 2}
    if content:
        kept = len(content & set(words(reply))) / len(content)
        if kept < 0.4:
            return f"keeps {kept:.0%} of the draft's content words"
    if "?" in draft and "?" not in reply:
        return "drops the question"
    return None


class LLMVoice:
    name = "llm"

    def __init__(
        self, client: ChatClient, template: TemplateVoice, bank: KnowledgeBank, prompts_dir: Path
    ):
        self.client = client
        self.template = template
        self.bank = bank
        self.env = text_env(prompts_dir)

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

    def _deadline(self) -> float:
        """The turn's deadline: the caller's (`turn_deadline`), else one of our own."""
        return current_deadline() or time.monotonic() + self.client.settings.llm_turn_deadline_s

    def _check(self, ctx: VoiceContext, reply: str, draft: str, system: str) -> str | None:
        unfaithful = faithful(reply, draft)
        if unfaithful:
            return f"unfaithful: {unfaithful}"
        return find_leak(
            reply,
            bank=self.bank,
            problem=ctx.problem,
            allowed_facts=self._allowed(ctx),
            draft=draft,
            system_prompt=system,
        )

    async def stream(self, ctx: VoiceContext) -> AsyncIterator[Any]:
        """Text pieces; on failure a reset event (if anything was shown), then the template.

        Faithfulness can only be judged on the whole reply, so the model's reply is read to
        its end (capped at the voice's token budget) and checked before it is shown."""
        draft = self.template.render(ctx)
        messages, system = self.build(ctx, draft)
        usage = Usage()
        pieces: list[str] = []
        try:
            purpose = voice_purpose(draft)
            async for piece in self.client.stream(messages, purpose, deadline=self._deadline()):
                if isinstance(piece, Usage):
                    usage = piece
                else:
                    pieces.append(piece)
            reply = "".join(pieces).strip()
            problem = self._check(ctx, reply, draft, system)
            if problem:
                raise LLMError(f"guard: {problem}")
        except LLMError as exc:
            log.warning("LLM stream fell back to templates: %s", exc)
            yield {"meta": {"voice": self.template.name, "fallback": True, "error": str(exc)}}
            async for piece in self.template.stream(ctx):
                yield piece
            return
        for piece in re.findall(r"\S+\s*", reply):
            yield piece
        yield {
            "meta": {"voice": self.name, "model": self.client.model_name, "usage": usage.as_dict()}
        }
