"""Whose approach a mention is: the candidate's own, or one they name in order to set it aside.

Correct practice often names the mistake without negating it: someone else's approach ("a
junior might report accuracy here, and I'd push back"), a foil ("a state-of-the-art model is
tempting, but..."), the mistake named as such ("the classic trap here is a random split"), a
baseline to beat ("as a baseline I'd rank by clicks alone"), data kept out ("we strip religion
and health from the features"), a concession ("even if offline AUC improves"), an alternative
replaced later in the sentence ("..., so I'd hold out the last weeks instead"), a
counterfactual ("if we shuffled the logs, the model would see the future"), or a condition
whose outcome keeps it out ("if a pin moves to a secret board, we remove it from the index").
Such a mention is affirmed for polarity but is not a red flag. Only red flags consult this (the
reader's claims, its mistake detectors and the leakage detector): good practice keeps its
credit rules.
"""

from __future__ import annotations

import re

from app.understanding.polarity import clause_bounds, clause_ends, polarity_of_span, reach

MAX_CLAUSES = 16  # a "sentence" with more clauses is a list, not a framed mistake

# Kept out on purpose ("excluded", "left out", "drop it", "filter them out").
EXCLUDE = re.compile(
    r"\b(?:exclud\w*|leav\w* (?:[\w'’-]+ ){0,3}?out|left out|stays? out|stay(?:ing|ed) out|"
    r"kept out|keep\w* (?:[\w'’-]+ ){0,3}?out|drop(?:s|ped|ping)?|remov\w*|strip\w*|"
    r"filter\w* (?:[\w'’-]+ ){0,3}?out|mask\w*|discard\w*|throw\w* (?:[\w'’-]+ ){0,2}?away|"
    r"withh[eo]ld\w*|hold\w* back|off[- ]limits|forbid\w*|prohibit\w*|not allowed)\b"
)
# Another practitioner as the subject: other teams, a junior, a common idea...
_PRACTITIONERS = re.compile(
    r"\b(?:(?:some|many|most|a lot of|lots of|plenty of|other|several)\s+(?:\w+\s+)?"
    r"(?:teams|engineers|candidates|companies|advertisers|papers|systems|practitioners|"
    r"startups|shops)|(?:a|the|one)\s+(?:\w+\s+)?(?:junior|newcomer|beginner|intern|novice)s?|"
    r"juniors|in my (?:last|previous|old|first) (?:team|job|company|role)|"
    r"my (?:last|previous|old) team|(?:a|the) (?:common|classic|typical|usual|frequent|standard) "
    r"(?:first )?(?:idea|mistake|approach|trap|pitfall|error|answer|instinct|reflex))\b"
)
# ...or people in general, who may also be the product's users ("people who click"): they
# need the candidate's turn away, not just a modal.
_PEOPLE = re.compile(
    r"\b(?:(?:some|many|most|a lot of|lots of|plenty of)\s+)?(?:people|folks|someone|somebody|"
    r"others)\b"
)
# What such a practitioner might do or used to do ("a junior might", "teams used to").
_REPORTED = re.compile(r"\b(?:might|may|would|could|used to)\b")
# Labels that set something up to be knocked down ("tempting", "the naive objective").
_FOIL = re.compile(
    r"\b(?:tempting|naive(?! bayes)|naively|shortcut|straw ?man|ideally|in theory|"
    r"at first glance|first instinct|would be nice|obvious (?:first )?(?:idea|move|approach))\b"
)
# ...followed by the candidate's own turn: a contrast, a refusal, a replacement.
_TURN = re.compile(
    r"\b(?:but|however|yet|whereas|instead|rather|though|i wouldn't|we wouldn't|i won't|"
    r"we won't|i'd never|refus\w*|reject\w*|push(?:ing)? back|disagree|so now|now i|now we)\b"
)
# Framed as the baseline to beat ("as a baseline", "is a quick baseline", "a baseline to beat").
_BASELINE = re.compile(
    r"\b(?:as (?:a|the|our|my) (?:[\w-]+ ){0,2}?baseline|(?:is|are|makes?|serves? as) "
    r"(?:a|the|our|one|my) (?:[\w-]+ ){0,3}?baselines?|baselines? to beat)\b"
)
# Named as the mistake itself: "the classic trap here is X", "the risk with X is clickbait"
# ("the problem is X" is often the task itself: only "the problem with X" judges X).
_JUDGED = re.compile(
    r"\b(?:trap|mistake|pitfall|anti-pattern|gotcha)s?(?: here| in practice)? (?:with|of|in|is|"
    r"would be|:)|\b(?:risks?|dangers?|downsides?|flaws?) (?:with|of|in)\b|"
    r"\b(?:problems?|issues?|trouble) with\b"
)
# A replacement said after the fact, as the answer to what came before: "..., so I'd hold out
# the last weeks instead" (an "and ... instead" may replace something else).
_INSTEAD = re.compile(r"\binstead\b(?! of)|\b(?:i|we)(?:'d| would) (?:much )?rather\b(?! than)")
_RESPONSE = re.compile(r"\b(?:so|but|therefore|hence|thus|which is why|that's why|that is why)\b")
_CONDITION = re.compile(r"\b(?:if|suppose|imagine|were we to|had we)\b")
# Conceded, not proposed: "hence the A/B test, even if offline AUC improves".
_CONCESSION = re.compile(r"\beven (?:if|when)\b")
# An unreal condition: "if we shuffled ...", "if the only label were clicks".
_COUNTERFACTUAL = re.compile(
    r"\b(?:if|suppose|imagine)\s+(?:we|you|one|they|someone|people)\s+(?:\w+ly\s+)?"
    r"(?:never\s+|only\s+|just\s+|simply\s+|all\s+)?(?:\w+ed|were|had|did|ran|took|put|fed|"
    r"kept|let|made|went|threw|built|chose|split)\b|"
    r"\b(?:if|suppose)\s+(?:[\w'’-]+\s+){1,6}?were\b|\b(?:were we to|had we)\b"
)
# ...whose outcome is something else's doing: "the model would see tomorrow's trends".
_OUTCOME = re.compile(
    r"^\W*(?:then\s+)?(?!(?:i|we)\b|i'd|we'd|i'll|we'll)(?:[\w'’/-]+\W+){0,10}?"
    r"(?:would|could|might)\b"
)
# A short correction at the end: "..., that earns it an a/b test, not a launch." ("rather
# than" or "instead" could point either way: "we ship rather than wait for a test").
_CORRECTION = re.compile(r"[,;:]\s*not (?:a |an |the )?[\w/-]+(?: [\w/-]+)?\W*$")
# What is kept out must be the system's data: "we remove it from the index", "drop the
# feature" ("if a user reported it, we remove it" removes the post, not the mistake).
_ARTEFACT = re.compile(
    r"\b(?:index|training|features?|feature set|inputs?|model|logs?|dataset|data|corpus)\b"
)
# ...and when the exclusion comes first, not the model ("remove everything the model flags" is
# the mistake of auto-removal): "we exclude religion and health from the features".
_DATA = re.compile(r"\b(?:index|training|features?|feature set|inputs?|dataset|data|corpus)\b")


def foil(text: str, start: int, end: int, then: str = "") -> str | None:
    """Why the affirmed mention at [start, end) of a normalised sentence is named as something
    the candidate sets aside (see the module's docstring), or None when it is their own.
    `then` is the next sentence, whose opening clause may turn away from it ("Some teams ship
    on AUC alone; I wouldn't")."""
    left, right = clause_bounds(text, start, end)
    turn = _TURN.search(text, end) is not None or _opens_with_turn(then)
    # the other agent, the foil label or the baseline frame is in the mention's own clause
    agent = _PRACTITIONERS.search(text, left, start)
    if agent and (turn or _REPORTED.search(text, agent.end(), right)):
        return f"someone else's approach ('{agent.group(0)}')"
    if turn and (agent := _PEOPLE.search(text, left, start)):
        return f"someone else's approach ('{agent.group(0)}')"
    label = _FOIL.search(text, left, right)
    if label and not _inside(label, start, end) and (_TURN.search(text, label.end()) or turn):
        return f"named as a foil ('{label.group(0)}')"
    if judged := _JUDGED.search(text, left, start):
        return f"named as the mistake ('{judged.group(0)}')"
    frame = _BASELINE.search(text, left, right)
    if frame and not _inside(frame, start, end) and _affirmed(text, frame):
        return f"named as a baseline ('{frame.group(0)}')"
    first = reach(text, start, end, EXCLUDE)[0]  # "exclude religion, ethnicity and health"
    kept_out = EXCLUDE.search(text, first, start)
    if kept_out and _affirmed(text, kept_out) and _DATA.search(text, kept_out.end()):
        return f"kept out of the data ('{kept_out.group(0)}')"
    concession = _CONCESSION.search(text, left, end)
    if concession and concession.start() < start:  # "even if" may open the mistake's words
        return f"conceded, not proposed ('{concession.group(0)}')"
    instead = _INSTEAD.search(text, right)
    if instead and _RESPONSE.search(text, right, instead.start()) and _affirmed(text, instead):
        return f"replaced later ('{instead.group(0)}')"
    condition = _CONDITION.search(text, left, end)
    if condition is None:
        return None
    outcome = text[right:]
    if _COUNTERFACTUAL.search(text, condition.start(), right) and _OUTCOME.match(outcome):
        return f"a counterfactual ('{condition.group(0)}')"
    kept_out = EXCLUDE.search(text, right)
    if kept_out and _affirmed(text, kept_out) and _ARTEFACT.search(outcome):
        return f"a condition under which it is kept out ('{condition.group(0)}')"
    if _CORRECTION.search(outcome):
        return f"a condition under which it is set aside ('{condition.group(0)}')"
    return None


def foil_in(text: str, then: str = "") -> str | None:
    """`foil` for a sentence as a whole (a red flag matched by similarity, with no span): an
    empty span at the end of each clause sees that clause as what was named. Only the first
    `MAX_CLAUSES` clauses are looked at: each look scans the rest of the sentence."""
    for end in clause_ends(text)[:MAX_CLAUSES]:
        if why := foil(text, end, end, then):
            return why
    return None


def _opens_with_turn(sentence: str) -> bool:
    """The sentence's first clause turns away ("I wouldn't", "we'd rather ...")."""
    first = clause_bounds(sentence, 0, 0)[1]
    return bool(sentence) and _TURN.search(sentence, 0, first) is not None


def _inside(m: re.Match[str], start: int, end: int) -> bool:
    # a cue within the red flag's own words is part of the mistake ("no point in a baseline")
    return m.start() < end and m.end() > start


def _affirmed(text: str, m: re.Match[str]) -> bool:
    return polarity_of_span(text, m.start(), m.end())[0] != "negated"
