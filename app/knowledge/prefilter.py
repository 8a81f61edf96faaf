"""Literal pre-tests for large regexes: a speed-up only.

A detector's pattern is an alternation of hundreds of wordings, tried at every position of
every sentence, and on most sentences it finds nothing. Every match of it contains one of a
few plain strings (its cue words), which `required_keys` reads off the pattern itself; when a
text holds none of them, the search cannot succeed and is skipped. Derived from the pattern,
the test can never fall out of step with it as wordings are added."""

from __future__ import annotations

import re
from collections.abc import Iterable
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

# shorter strings are in nearly every sentence: a test on them would pass anyway
MIN_KEY = 3


def required_keys(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Strings of which every match of `pattern` holds one in the searched text, or None
    when none can be read off (a case-blind pattern, one that can match without a literal of
    MIN_KEY letters). The text around a match counts too (lookarounds), so test the whole
    text the pattern searches."""
    if pattern.flags & re.IGNORECASE:
        return None
    try:
        keys = _keys(sre_parse.parse(pattern.pattern, pattern.flags))
    except Exception:  # a parser of another Python: no pre-test, never a wrong one
        return None
    return tuple(sorted(keys)) if keys else None


def may_match(keys: tuple[str, ...] | None, text: str) -> bool:
    """False only when `text` holds none of `keys` (see `required_keys`): no match possible."""
    if keys is None:
        return True
    for key in keys:  # noqa: SIM110 (a loop: `any` over a generator costs more here)
        if key in text:
            return True
    return False


def _keys(items: Iterable[tuple[Any, Any]]) -> set[str] | None:
    """One set of strings per element of the sequence that every match must pass through
    (each is a necessary test on its own), and of those the most selective: the fewest
    strings, then the longest shortest one."""
    found: list[set[str]] = []
    run: list[str] = []

    def end_run() -> None:
        if len(run) >= MIN_KEY:
            found.append({"".join(run)})
        run.clear()

    for op, arg in items:
        if op is sre.LITERAL:
            run.append(chr(arg))
            continue
        end_run()
        keys = _element_keys(op, arg)
        if keys and all(len(k) >= MIN_KEY for k in keys):
            found.append(keys)
    end_run()
    return min(found, key=lambda s: (len(s), -min(map(len, s)))) if found else None


def _element_keys(op: Any, arg: Any) -> set[str] | None:
    if op is sre.SUBPATTERN:
        _, added, _, body = arg
        return None if added & re.IGNORECASE else _keys(body)
    if op is sre.BRANCH:
        alternatives = [_keys(a) for a in arg[1]]
        if any(a is None for a in alternatives):
            return None  # one way through needs no literal
        return set().union(*(a for a in alternatives if a is not None))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
        low, _, body = arg
        return _keys(body) if low >= 1 else None
    if op is sre.ASSERT:  # a lookahead or lookbehind: what it sees is in the text
        return _keys(arg[1])
    if op is getattr(sre, "ATOMIC_GROUP", None):
        return _keys(arg)
    return None
