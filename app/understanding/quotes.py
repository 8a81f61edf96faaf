"""Where a quote occurs in a message: the one rule the judges verify evidence with and the
review page highlights it by. A quote matches when its words occur in the text in order,
ignoring case and how much whitespace separates them; quotation marks, dots and spaces
around the quote do not count, and it must keep at least `MIN_CHARS` characters."""

from __future__ import annotations

import re

from app.knowledge.memo import per_text
from app.knowledge.text import find_phrase

MIN_CHARS = 3
_SPACES = re.compile(r"\s+")
# Where a sentence (or a line) ends, for `quoted_sentence`.
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+")


def _squash_map(text: str) -> tuple[str, list[int]]:
    """`text` lower-cased with each whitespace run made one space, and for every character
    of that the index in `text` it comes from."""
    out: list[str] = []
    index: list[int] = []
    pos = 0
    for gap in [*_SPACES.finditer(text), None]:
        end = gap.start() if gap else len(text)
        word = text[pos:end]
        low = word.lower()
        if len(low) == len(word):
            out.append(low)
            index.extend(range(pos, end))
        else:  # a letter lower-cases to several ("İ" -> "i̇"): each maps back to its source
            for i, ch in enumerate(word, pos):
                for part in ch.lower():
                    out.append(part)
                    index.append(i)
        if gap:
            out.append(" ")
            index.append(gap.start())
            pos = gap.end()
    return "".join(out), index


@per_text(4096)  # a message is squashed again for each quote checked against it
def squash(text: str) -> str:
    """`text` lower-cased with each whitespace run made one space (what `_squash_map`
    gives, without the index: the common case costs two C-level passes)."""
    flat = _SPACES.sub(" ", text)
    low = flat.lower()
    return low if len(low) == len(flat) else _squash_map(text)[0]


def _needle(quote: str) -> str:
    return squash(quote).strip(" .\"'")


def has_quote(text: str, quote: str) -> bool:
    """True when `quote` occurs in `text` (`find_quote` without the position)."""
    needle = _needle(quote)
    return len(needle) >= MIN_CHARS and needle in squash(text)


def find_quote(text: str, quote: str) -> tuple[int, int] | None:
    """Where `quote` occurs in `text`: (start, end) in `text`, or None."""
    needle = _needle(quote)
    if len(needle) < MIN_CHARS:
        return None
    hay, index = _squash_map(text)
    at = hay.find(needle)
    if at < 0:
        return None
    return index[at], index[at + len(needle) - 1] + 1


def quoted_sentence(quote: str, text: str) -> str:
    """The sentence(s) of `text` that hold `quote`, as written, or "" when it is not there."""
    span = find_quote(text, quote)
    if span is None:
        return ""
    start, end = span
    bounds = _pieces(_SENTENCE_END, text)
    return " ".join(text[a:b] for a, b in bounds if a < end and b > start and text[a:b].strip())


def _pieces(
    seam: re.Pattern[str], text: str, *, outside_brackets: bool = False
) -> list[tuple[int, int]]:
    """(start, end) of the stretches of `text` between the matches of `seam`; with
    `outside_brackets`, a match inside an open bracket is no seam."""
    bounds, pos = [], 0
    for sep in seam.finditer(text):
        if outside_brackets and _bracket_depth(text[: sep.start()]) > 0:
            continue
        bounds.append((pos, sep.start()))
        pos = sep.end()
    bounds.append((pos, len(text)))
    return bounds


def _bracket_depth(text: str) -> int:
    """How many brackets are open at the end of `text`."""
    return text.count("(") - text.count(")")


# Where one statement of a sentence ends and the next begins: a dash, or a comma before "then"
# or before "and" with the candidate as a new subject ("..., and we retrain ..."): a new
# decision. "..., and it's ..." or "..., and the EU requires ..." goes on about the same one;
# a reason or a contrast ("..., so", "..., because", "..., but") stays with what it qualifies,
# and commas in lists are no seam.
_CLAUSE_SEAM = re.compile(
    r"\s+[-\u2013\u2014]\s+|,\s+(?=(?:and )?then\b|and (?:i|we|i'd|we'd|i'll|we'll|i'm|we're)\s)",
    re.I,
)
_JOINER = re.compile(r"^(?:and then|and|then)\s+", re.I)  # the seam's word, not the statement's
MIN_CLAUSE_WORDS = 5  # a shorter stretch is too thin to stand as the quote


def supporting_clauses(sentence: str, phrases: list[str]) -> str:
    """The statement of `sentence` that carries `phrases` (the terms a criterion was matched
    on): the clauses naming them with the reasons and contrasts attached, without the other
    statements the sentence joins to them ("..., and we'd also ..."); the whole sentence when
    it makes one statement or names none of them in one."""
    # a dash in brackets is a minus or an aside ("(1 - p)"), not a new statement
    bounds = _pieces(_CLAUSE_SEAM, sentence, outside_brackets=True)
    if len(bounds) == 1:
        return sentence
    hits = [
        i for i, (a, b) in enumerate(bounds) if any(find_phrase(p, sentence[a:b]) for p in phrases)
    ]
    if not hits:
        return sentence
    quote = sentence[bounds[hits[0]][0] : bounds[hits[-1]][1]].strip()
    quote = _JOINER.sub("", quote) if hits[0] > 0 else quote
    return quote if len(quote.split()) >= MIN_CLAUSE_WORDS else sentence
