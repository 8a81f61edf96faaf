"""Leak checks on interviewer replies: hidden facts not asked for, rubric text, the system
prompt, more than one question. Used on every LLM reply (a failing reply is replaced by the
template voice) and by the tests on every reply of both voices."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from app.knowledge.bank import KnowledgeBank
from app.knowledge.schema import Problem
from app.knowledge.text import SHINGLE, shingles

_NUMBER = re.compile(r"\d[\d,.]*\s*(?:%|ms|k|m|b|bn|million|billion|thousand)?")


@lru_cache(maxsize=4096)
def _static_shingles(text: str) -> frozenset[tuple[str, ...]]:
    """Shingles of knowledge texts (facts, rubric, prompts): computed once."""
    return frozenset(shingles(text))


@lru_cache(maxsize=64)
def _rubric_shingles(bank: KnowledgeBank, problem_id: str) -> frozenset[tuple[str, ...]]:
    out: set[tuple[str, ...]] = set()
    for c in bank.criteria_for(problem_id):
        for text in (c.text, *c.phrasings):
            out |= _static_shingles(text)
    return frozenset(out)


def numbers(text: str) -> set[str]:
    return {re.sub(r"[\s,]", "", m.group(0)).rstrip(".") for m in _NUMBER.finditer(text.lower())}


def quotes(text: str, sources: Iterable[str], n: int = SHINGLE) -> bool:
    mine = shingles(text, n)
    return any(mine & shingles(src, n) for src in sources)


def find_leak(
    reply: str,
    *,
    bank: KnowledgeBank,
    problem: Problem,
    allowed_facts: set[str],
    draft: str = "",
    system_prompt: str = "",
    candidate_text: str = "",
) -> str | None:
    """The first reason `reply` must not be shown, or None when it is clean."""
    if reply.count("?") > 1:
        return "more than one question"
    hidden = [f for f in problem.facts if f.id not in allowed_facts]
    # Facts may share wording; what was revealed (or is in the draft) is fair to repeat.
    told = " ".join(  # public or already revealed: fair to repeat
        [
            problem.title,
            problem.statement,
            draft,
            candidate_text,
            *(f.answer for f in problem.facts if f.id in allowed_facts),
        ]
    )
    said = shingles(reply) - shingles(told)
    if any(said & _static_shingles(f.answer) for f in hidden):
        return "quotes a hidden fact"
    told_numbers = numbers(told)
    for fact in hidden:
        new = (numbers(reply) - told_numbers) & numbers(fact.answer)
        if any(len(n) >= 2 for n in new):
            return f"reveals a number from hidden fact {fact.id}"
    if said & _rubric_shingles(bank, problem.id):
        return "quotes the rubric"
    if system_prompt and said & _static_shingles(system_prompt):
        return "quotes the system prompt"
    return None
