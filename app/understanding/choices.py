"""A question that offers two options ("the uploaded photo or a crop of it?", "text only or
images and video too?") asks which one holds: the fact that can tell is one that speaks of
both options, not one that speaks of a single option's words only."""

from __future__ import annotations

import re

from app.knowledge.text import content_stems

# "X or Y"; not a hedge that ends a question ("or so", "or not", "or something")
_CHOICE = re.compile(
    r"^(?P<a>.+?)\s+or\s+(?!(?:so|not|something|anything|what|less|more)\b)(?P<b>.+)$", re.I
)

# options after a comma, a colon or a dash spell out the question before them, which decides
_CLAUSE_BREAK = re.compile(r"[,;:]|\s[-–—]\s")


def offered_options(question: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """The content stems only each side of a choice says ("is the query the whole photo or a
    crop of it?" -> ({query, whole, photo}, {crop})); none when the question offers no
    choice or one side says nothing the other does not."""
    m = _CHOICE.match(question.strip(" ?.!"))
    if m is None or _CLAUSE_BREAK.search(m.group("a")):
        return None  # "who are we optimizing for, advertisers or the platform?": the head asks
    a, b = content_stems(m.group("a")), content_stems(m.group("b"))
    a, b = a - b, b - a
    return (a, b) if a and b else None


def speaks_of_both(own: frozenset[str], options: tuple[frozenset[str], frozenset[str]]) -> bool:
    """A fact whose own words (`own`: stems of its name, answer and phrasings) include a word
    of each option."""
    return all(own & side for side in options)
