"""Whether a sentence commits to the mistake it names, by the mood, tense and person of the clause
that holds it rather than by what the sentence is about.

A red flag is the candidate's own design choice: a plan ("we'd split randomly"), an imperative
("shuffle the rows and split"), a plan item ("Split: random 80/20") or the design described in the
present tense ("the model uses next week's bookings"). A mistake named in a past story ("the
original pipeline shuffled all impressions"), as a mere possibility with no one of ours doing it
("a shuffled split might look better offline"), or in a likeness ("reporting accuracy is like
praising a goalkeeper for the shots nobody took") is discussed, not committed. These are small
closed word classes (modals, past forms, the first person), so any topic said in those moods is
read the same way.
"""

from __future__ import annotations

import re

from app.understanding.framing import PRACTITIONERS
from app.understanding.polarity import clause_bounds

# A possibility only, "could/might" with no "i/we/our" anywhere in the sentence (then it is
# their plan: "a random split could be optimistic, but it's simpler, so that's what I'd use").
# In an interview "would" is the voice of the design itself ("a strong feature would be ...").
_IRREALIS, _OWN_VOICE = (
    re.compile(r"\b(?:could|might)\b"),
    re.compile(r"\b(?:i|we|i'd|we'd|i'll|we'll|let's|let us|our|us|my|me)\b"),
)
# A finished past: "used to", a verb after "once" ("a ranking team once pulled ..."), or an
# earlier system's past verb ("the old search service compared ..."). Not "was/were" alone
# ("views made while history was paused", "that was the design we kept"), nor the candidate's
# own past verb ("we moved to a random split" is a decision).
_PAST_VERB = r"(?:[a-z]{3,12}ed|had|ran|built|made|got|went|took|found|saw|blew|broke)\b"
_EARLIER_SYSTEM = (
    r"\b(?:previous|old|legacy|original|former|earlier|prior)\s+(?:[\w'-]+\s+){0,2}?(?:system|"
    r"ranker|model|feed|version|pipeline|setup|design|service|search|index|recommender|"
    r"classifier|detector|tool|team|company)s?\s+(?:\w+\s+)?"
)
_FINISHED_PAST = re.compile(
    rf"\bused to\b|(?<=[a-z] )once\s+{_PAST_VERB}|{_EARLIER_SYSTEM}{_PAST_VERB}"
)
# Unless the candidate carries the story into this design ("it worked fine, so I'd do the same"),
# their own plan voice; and the mistake held up as a likeness, as its object ("..., like reading
# the whole phone book to call one friend") or its subject ("treating every reported post as
# harmful is like ..."). Not "means": "success means 99% accuracy" is a plan.
_OWN_PLAN, _LIKENESS, _IS_LIKE = (
    re.compile(
        r"\b(?:i'd|we'd|i'll|we'll|let's|(?:i|we) (?:will|would|shall)|(?:i|we)(?:'m| am|'re| are) "
        r"going to)\b"
    ),
    re.compile(r"(?:^|[,;:]\s*)like\s+(?:\w+ing)\b"),
    re.compile(r"\b(?:is|are|feels|would be) (?:a bit |rather |just |much )?like\b"),
)


# Others' practice told in the present ("some teams feed in counts that include later views",
# "many shops split randomly"): the subject of the mistake's clause is other practitioners, so
# the clause describes what they do, not this design, unless the candidate joins in ("and so do
# we", "we do the same", "we'll do that too") or speaks in their own voice within the clause.
_JOINS_IN = re.compile(
    r"\b(?:(?:so|as) (?:do|did|will|would) (?:we|i)|(?:we|i)(?:'ll|'d| will| would)? do "
    r"(?:the same|that|it|this)(?: too| as well)?|(?:we|i) (?:too|as well)|same here|like them)\b"
)


def _others_practice(norm: str, left: int, start: int, end: int, right: int) -> str | None:
    """The practitioners ("some teams") who are the subject of the clause at [left, right)
    holding the mistake at [start, end), when nothing of the candidate's own follows them."""
    # the nearest practitioners before the mistake; a flag with no span of its own is its whole
    # sentence, whose subject opens its first clause
    stop = start or clause_bounds(norm, 0, 0)[1]
    agent = max(PRACTITIONERS.finditer(norm, left, stop), key=lambda m: m.start(), default=None)
    if agent is None or _OWN_VOICE.search(norm, agent.end(), right) or _JOINS_IN.search(norm):
        return None
    return agent.group(0)


def discussed_mode(norm: str, start: int, end: int) -> str | None:
    """Why the mistake at [start, end) of a normalised sentence is discussed rather than
    committed to (a possibility, a past story, others' practice, a likeness), or None
    when its clause is the candidate's plan or the present design."""
    left, right = clause_bounds(norm, start, end)
    if (m := _IRREALIS.search(norm, left, right)) and not _OWN_VOICE.search(norm):
        return f"a possibility ('{m.group(0)}')"
    if (m := _FINISHED_PAST.search(norm, left, right)) and not _OWN_PLAN.search(norm):
        return f"a past story ('{m.group(0)}')"
    if who := _others_practice(norm, left, start, end, right):
        return f"someone else's practice ('{who}')"
    # (a flag with no span of its own is its whole sentence)
    if (m := _LIKENESS.search(norm, 0, start or len(norm))) or (m := _IS_LIKE.search(norm)):
        return f"a likeness ('{m.group(0).strip(' ,;:')}')"
    return None
