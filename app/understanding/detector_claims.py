"""Detector and leakage claims: the criterion a mistake detector flags for a problem, the
red-flag and credit claims it makes, and the checks that clear or confirm a flag (said of
something else, named as the label, negated, put to no use).
"""

from __future__ import annotations

import re

from app.knowledge.schema import Criterion
from app.knowledge.text import find_phrase, normalize
from app.understanding.framing import RETRACT, foil
from app.understanding.leakage import LeakDetector, LeakFinding, named_as_label
from app.understanding.mistakes import DETECTORS, Detector
from app.understanding.polarity import clause_bounds, polarity_of_span
from app.understanding.schema import Claim, Polarity

# Between a clearing practice and the flag after it, a turn ("but") or a consequence ("so":
# "request time costs too much, so I'd precompute") makes the flag the choice that stands.
TURN = re.compile(
    r"\b(?:but|however|yet|though|although|so|therefore|hence|thus|instead)\b|" + RETRACT.pattern
)
NO_LEAKS = LeakDetector(None)  # a problem without a `leakage` field: generic detectors only
_UNLESS = {d.criterion_id: d.unless for d in DETECTORS if d.unless is not None}


def detected_criterion(det: Detector, wanted: dict[str, Criterion]) -> str | None:
    """The criterion a detector flags for this problem: its own id, or (for a mistake the bank
    words per problem) the problem's red flag whose text describes it."""
    own = det.criterion_id if det.criterion_id in wanted else None
    if det.criterion_text is None:
        return own
    # the problem's own wording of the mistake first, else the generic criterion it names
    return next(
        (
            cid
            for cid, crit in wanted.items()
            if crit.red_flag and det.criterion_text.search(crit.text)
        ),
        own,
    )


# A criterion about proposing to use some data, and the words that put data to use.
PROPOSES_USE = re.compile(r"\bpropos\w* (?:using|indexing|training on|inferring)\b")
PUT_TO_USE = re.compile(
    # (a use word with a negative prefix is no use: "a non-personalised feed")
    r"\b(?<!non-)(?:use|uses|used|using|add\w*|includ\w*|feed\w*|fed|train\w*|index\w*|infer\w*|"
    r"personali[sz]\w*|mine|mining|extract\w*|log|logs|logged|logging|keep|keeps|kept|collect\w*|"
    r"target\w*|rely|relies|leverag\w*|incorporat\w*|takes? in|read|reads|reading|signals?|"
    r"features?|inputs?|join\w*|combin\w*|enrich\w*|exploit\w*|learn\w* from|guess\w*|"
    r"predict\w*|estimat\w*|scor\w*|tailor\w*|recommend\w*|rank\w*|"
    # proposed by the value claimed for it: "messenger chats would tell us who is close"
    r"tells? us|would (?:tell|show|help|reveal|give)|helps?|helpful|useful|valuable|predictive|"
    r"informative|good (?:signal|feature|source|proxy))\b"
)
# A use word that is where the data is taken out of: "removes it from the training tables",
# "purged from what we index" (ends right before the use word).
REMOVED_FROM_USE = re.compile(
    r"\b(?:remov|delet|drop|exclud|purg|strip|eras|wip|scrub|withh[eo]ld|withdr[ae]w)\w*\s+"
    r"(?:[\w'’-]+\s+){0,3}?(?:from|out of)\s+(?:(?:the|our|all|any|both|what|every)\s+)?"
    r"(?:[\w-]+\s+)?$"
)


def other_context(claim: Claim) -> bool:
    """A red flag whose words are said about something else, by its detector's `unless`
    ("randomly split users between the old and new model" is an experiment, not a split)."""
    unless = _UNLESS.get(claim.criterion_id) if claim.red_flag else None
    if unless is None:
        return False
    norm = normalize(claim.quote)
    hit = find_phrase(claim.concept, norm, normalized=True) if claim.concept else None
    left, right = clause_bounds(norm, hit.start(), hit.end()) if hit else (0, len(norm))
    return unless.search(norm, left, right) is not None


def the_label(claim: Claim) -> bool:
    """A leakage red flag whose signal the sentence names as the label, not an input."""
    norm = normalize(claim.quote)
    hit = find_phrase(claim.concept, norm, normalized=True) if claim.concept else None
    return hit is not None and named_as_label(norm, hit.start(), hit.end())


def cue_affirmed(norm: str, start: int, end: int, then: str = "") -> bool:
    """Both ends of a detector's cue are affirmed ("the label ..., never as a feature" is not)
    and it is not named to be set aside (`framing.foil`)."""
    last = norm.rfind(" ", start, end) + 1 or start
    return (
        polarity_of_span(norm, start, end)[0] == "affirmed"
        and polarity_of_span(norm, max(last, start), end)[0] == "affirmed"
        and foil(norm, start, end, then) is None
    )


def later_use(norm: str, concept: str, after: int) -> tuple[Polarity, str] | None:
    """The polarity of the first later use of `concept` in the sentence (after `after`) that
    is not negated, if there is one."""
    pos = after
    while (hit := find_phrase(concept, norm[pos:], normalized=True)) is not None:
        start, end = pos + hit.start(), pos + hit.end()
        pol, cue = polarity_of_span(norm, start, end)
        if pol != "negated":
            return pol, cue
        pos = end
    return None


def flag_claim(criterion_id: str, quote: str, finding: LeakFinding) -> Claim:
    return Claim(
        criterion_id=criterion_id,
        quote=quote,
        polarity="affirmed",
        red_flag=True,
        score=1.0,
        concept=finding.alias,
        why=finding.why,
    )


def credit_claim(criterion_id: str, quote: str, why: str) -> Claim:
    return Claim(
        criterion_id=criterion_id,
        quote=quote,
        polarity="affirmed",
        score=1.0,
        reasoned=True,
        why=why,
    )
