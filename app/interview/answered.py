"""Whether a probe's plain question ("How do you correct the probabilities?", "How many
buckets would you use?") is already explained by the message it would follow: asking it
again tells the candidate we did not listen. Questions that offer an alternative ("Why not X
instead?") are read in `policy.answered_in`."""

from __future__ import annotations

import re
from functools import lru_cache

from app.knowledge.text import content_stems, find_phrase, light_stem, normalize, sentences
from app.understanding.polarity import affirmed_view

# "How do you correct ...", "How would you pick ...": a question asking the means of a step
_HOW_DO = re.compile(r"^how (?:do|would|will|could|should|can) (?:you|we)\b")
# "How many buckets would you use", "how much history would you keep": an amount asked for
_HOW_MANY = re.compile(r"^(?:how (?:many|much)|what (?:number of|size of|share of)) ([a-z-]+)")
# The means or the reason said with the step ("correct them by dividing by the rate", "...,
# using the sampling rate", "since ..."): the step explained, not only named
_EXPLAINED = re.compile(
    r"\b(?:by|with|using|via|through|because|since|so that|so the|which means)\b"
)
_QUESTION_FRAME = frozenset(
    {"how", "do", "would", "will", "could", "should", "can", "you", "we", "use", "exactly"}
)
_NUMBER_NEAR = 3  # words between an amount and the noun it counts


def _explained_step(asked: str, said: list[str]) -> bool:
    """A sentence of the message affirms every content word of the asked step and says how
    or why, after the step's first word."""
    stems = {s for s in content_stems(asked) if s not in _QUESTION_FRAME}
    if not stems:
        return False
    for sent in said:
        words = sent.split()
        have = {light_stem(w.strip(",.;:!?()")) for w in words}
        if not stems <= have:
            continue
        first = min(i for i, w in enumerate(words) if light_stem(w.strip(",.;:!?()")) in stems)
        if _EXPLAINED.search(" ".join(words[first:])):
            return True
    return False


def _amount_given(noun: str, said: list[str]) -> bool:
    """A number stands within `_NUMBER_NEAR` words before the noun the question counts."""
    stem = light_stem(noun)
    for sent in said:
        words = sent.split()
        for i, w in enumerate(words):
            if light_stem(w.strip(",.;:!?()")) != stem:
                continue
            if any(re.search(r"\d", x) for x in words[max(0, i - _NUMBER_NEAR) : i]):
                return True
    return False


def explained_in(question: str, text: str) -> bool:
    """The message `text` already explains what the plain question asks: the means of a step
    it names with its means or reason, or the amount of the thing it counts. Parts of a
    question joined by "and" must all be explained."""
    said = [affirmed_view(normalize(s)) for s in sentences(text)]
    parts = [p.strip(" ?") for p in re.split(r",? and (?=how|what|which|why)", normalize(question))]
    verdicts = []
    for part in parts:
        if m := _HOW_MANY.match(part):
            verdicts.append(_amount_given(m.group(1), said))
        elif _HOW_DO.match(part):
            verdicts.append(_explained_step(part, said))
        else:
            return False  # any other question is left to be asked
    return bool(verdicts) and all(verdicts)


# a phrase that states its own negation ("not as labels", "can't handle new users"): it is
# the point made in the negative, so it is looked for in the whole message
_STATES_NEGATION = re.compile(r"n't\b|\b(?:not|no|never|without|cannot)\b")


@lru_cache(maxsize=256)
def affirmed_text(text: str) -> str:
    """The message without its negated or waved-away stretches, sentence by sentence
    (cached: a message is read again for each later probe of its stage)."""
    return " ".join(affirmed_view(normalize(s)) for s in sentences(text))


def point_made(phrases: list[str], text: str) -> bool:
    """One of a probe's `answered_by` phrases is said in the message: looked for in what the
    message affirms ("I won't worry about the noise" does not raise the noise), except a
    phrase carrying its own negation, looked for in the whole message."""
    if not phrases:
        return False
    norm = normalize(text)
    said = affirmed_text(text)
    return any(
        find_phrase(p, norm if _STATES_NEGATION.search(p) else said, normalized=True)
        for p in phrases
    )
