"""Criteria's own words: the stems each criterion alone uses in its stage, the generic
parents of a problem's criteria, and which criterion a shared term or a sentence said in one
stage evidences.
"""

from __future__ import annotations

import re
from collections import Counter

from app.knowledge.matching import Match
from app.knowledge.schema import Criterion, Stage
from app.knowledge.text import content_stems
from app.understanding.claim_evidence import SIM_ALONE, stems_of
from app.understanding.restrictions import RESTRICTS


def own_stage_first(
    matches: list[Match], stage: Stage, norms: list[str], distinct: dict[str, frozenset[str]]
) -> list[Match]:
    """The matches of a message said in `stage`, without those where a sentence only
    resembles an example of another stage's criterion while it reads at least as much like
    one of this stage's: said here, it is about this stage's work ("training examples come
    from the display log" in the data stage is not a simple first model). A concept named
    counts wherever it is said; so does a near copy of an example that shares one of the
    criterion's own words (`distinct_stems`): a near copy of one example on a neighbouring
    topic ("retrain daily on recent data" said about monitoring, against "I'd pick the smaller
    model because training time matters if we retrain daily") is not."""
    own: dict[int, float] = {}
    for m in matches:
        if m.criterion.stage == stage:
            own[m.sentence] = max(own.get(m.sentence, 0.0), m.sim)
    return [
        m
        for m in matches
        if m.spans
        or m.criterion.stage == stage
        or (
            m.sim >= SIM_ALONE
            and (
                m.criterion.red_flag
                or shares_own_word(m.criterion, stage, norms[m.sentence], distinct)
            )
        )
        or (m.sim < SIM_ALONE and m.sim > own.get(m.sentence, 0.0))
    ]


def distinct_stems(criteria: list[Criterion]) -> dict[str, frozenset[str]]:
    """Each good-practice criterion's own words: the stems of its text and concepts that no
    other criterion of its stage uses ("interpretab", "alternative" for the model trade-off;
    not "model", "data" or "train"), and the stems of its examples that no other criterion
    of its stage uses in any way (marked with a leading "~": they count only when no criterion
    of the stage the sentence is said in uses them either, see `shares_own_word`)."""
    core = {
        c.id: content_stems(re.sub(r"[/-]", " ", " ".join([c.text, *c.concepts]))) for c in criteria
    }
    said = {
        c.id: core[c.id] | content_stems(re.sub(r"[/-]", " ", " ".join(c.phrasings)))
        for c in criteria
    }
    by_stage: dict[str, Counter[str]] = {}
    for c in criteria:
        by_stage.setdefault(c.stage, Counter()).update(said[c.id])
    out: dict[str, frozenset[str]] = {}
    for c in criteria:
        if c.red_flag:
            continue
        own = {w for w in said[c.id] if by_stage[c.stage][w] == 1}
        out[c.id] = frozenset(own & core[c.id]) | frozenset("~" + w for w in own - core[c.id])
    for stage, used in by_stage.items():
        out["@" + stage] = frozenset(used)
    return out


def _id_words(criterion_id: str) -> frozenset[str]:
    """The stems of a criterion id after its prefix and stage ("ad-evaluate-calibration-check"
    -> calibration, check); "vs" and other short tokens are no words."""
    tail = criterion_id.split("-")[2:]
    return _same_stems(frozenset(w for w in content_stems(" ".join(tail)) if len(w) > 2))


def _same_stems(stems: frozenset[str]) -> frozenset[str]:
    """Light stems with their loose ends cut, so one word's forms meet ("feature" and
    "featur" of "features", "cross" and "cros" of "crosses")."""
    return frozenset(re.sub(r"(?<=s)s$|e$", "", w) for w in stems)


def generic_parents(
    generic: list[Criterion], problem: list[Criterion]
) -> dict[str, tuple[str, ...]]:
    """Each good-practice problem criterion's generic parents: the good-practice generic
    criteria of its stage it is an instance of, decided from the knowledge text alone. A
    generic criterion is a parent when its id names a word no other generic criterion names
    ("metric", "online", "feature" are in several: too broad) and the problem criterion's id
    and text name it too ("hc-evaluate-fairness" checks for bias across languages...,
    "gen-evaluate-fairness"; "ad-evaluate-calibration-check", "gen-evaluate-calibration").
    Shared words of the texts alone link too loosely (continual training's "warm start" is
    no choice between fine-tuning and training from scratch). A generic criterion that
    restricts its practice (a non-ML baseline, a frequent retraining) is no parent of one
    whose text lacks the restriction (a logistic-regression baseline)."""
    good = [g for g in generic if not g.red_flag]
    id_count: Counter[str] = Counter()
    for g in good:
        id_count.update(_id_words(g.id))
    out: dict[str, tuple[str, ...]] = {}
    for p in problem:
        if p.red_flag:
            continue
        named = _id_words(p.id) & _same_stems(stems_of(" ".join([p.text, *p.concepts])))
        parents = tuple(
            g.id
            for g in good
            if g.stage == p.stage
            and named & {w for w in _id_words(g.id) if id_count[w] == 1}
            and not any(rx.search(g.text) and not rx.search(p.text) for rx in RESTRICTS)
        )
        if parents:
            out[p.id] = parents
    return out


def same_named_generics(
    generic: list[Criterion], problem: list[Criterion]
) -> dict[str, tuple[str, ...]]:
    """Each good-practice problem criterion's same-named generic criteria: those of its stage
    whose id words are all among its own ("vr-frame-ml-objective", "gen-frame-ml-objective"):
    the problem criterion says what that generic practice must be for this problem."""
    out: dict[str, tuple[str, ...]] = {}
    for p in problem:
        if p.red_flag:
            continue
        mine = _id_words(p.id)
        named = tuple(
            g.id
            for g in generic
            if not g.red_flag and g.stage == p.stage and (w := _id_words(g.id)) and w <= mine
        )
        if named:
            out[p.id] = named
    return out


def shares_own_word(
    crit: Criterion, stage: Stage, norm: str, distinct: dict[str, frozenset[str]]
) -> bool:
    """The sentence, said in `stage`, uses one of `crit`'s own words (`distinct_stems`): an
    example's word counts only if the stage it is said in has no use for it ("retrain" is
    the model trade-off example's own, and monitoring's)."""
    own = distinct.get(crit.id, frozenset())
    here = distinct.get("@" + stage, frozenset())
    return any(
        w in own or ("~" + w in own and w not in here)
        for w in content_stems(re.sub(r"[/-]", " ", norm))
    )


SPAN_MARGIN = 0.10  # a shared term evidences the criteria whose examples read this close to best


# a term of the trade said by a longer one it opens: one word of five letters or more
# ("contrastive" in "contrastive loss"); not an everyday phrase ("how far" in "how far back")
_ONE_WORD_TERM = re.compile(r"[a-z][a-z-]{4,}")


def spans_to_closest(matches: list[Match], generic: frozenset[str]) -> list[Match]:
    """A term that several criteria list ("retrain", "embedding", "precision", "drift") is
    evidence for the ones the sentence reads most like, not for every criterion that lists
    it: a span of a match is dropped when another criterion's match of an overlapping span
    in the same sentence is clearly closer to its examples, or names a longer term around it
    ("shrink its number precision" is compression, not an offline metric; "product
    quantization" of an index is not a smaller model). A problem's criterion and a generic
    one of the same stage share terms (one is a sharper version of the other); red flags and
    good practice, and questions (clarify) and design, never take terms from each other. A
    match whose spans all go is read as a sentence with no concept named."""
    rivals: dict[int, list[Match]] = {}
    for m in matches:
        if m.spans:
            rivals.setdefault(m.sentence, []).append(m)

    def beaten(m: Match, term: str, a: int, b: int) -> bool:
        for r in rivals.get(m.sentence, []):
            if (
                r.criterion.id == m.criterion.id
                or r.criterion.red_flag != m.criterion.red_flag
                or (r.criterion.stage == "clarify") != (m.criterion.stage == "clarify")
            ):
                continue  # asking is not doing; a red flag's polarity decides for itself
            # a term that opens a longer one of the same stage is still said by it:
            # "contrastive loss" says "contrastive", where "product quantization" is no
            # "quantization" and "number precision" no "precision"
            same_stage = r.criterion.stage == m.criterion.stage
            for _, x, y in r.spans:
                if not (x < b and a < y):
                    continue
                opens = a == x and same_stage and _ONE_WORD_TERM.fullmatch(term) is not None
                if x <= a and b <= y and y - x > b - a and not opens:
                    return True  # a longer term holds this one
                if a <= x and y <= b and b - a > y - x:
                    continue  # ...and this one holds the rival's: the longer term owns it
                siblings = same_stage and (
                    (m.criterion.id in generic) != (r.criterion.id in generic)
                )
                if r.sim > m.sim + SPAN_MARGIN and not siblings:
                    return True
        return False

    out: list[Match] = []
    for m in matches:
        spans = tuple((c, a, b) for c, a, b in m.spans if not beaten(m, c, a, b))
        out.append(m if spans == m.spans else Match(m.sentence, m.criterion, m.sim, spans))
    return out
