"""Evidence matching: which concepts a text names, and which rubric criteria it shows.

Shared by the interviewer (coverage while the interview runs) and the offline judge (grading),
so both read a candidate's words the same way. Evidence = a curated concept hit, confirmed or
replaced by WordLlama similarity to the criterion's example phrasings; measured in
`bench/grading.py`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from app.knowledge.bank import KnowledgeBank
from app.knowledge.embeddings import embed_texts
from app.knowledge.schema import Criterion
from app.knowledge.text import (
    content_words,
    find_phrase,
    keyword_density,
    negated_near,
    normalize,
    sentences,
)

# Calibrated on bench/data/graded (see bench/grading.py); documented in the README.
SIM_WITH_CONCEPT = 0.30  # a concept hit counts when the sentence is at least this close
SIM_ALONE = 0.62  # no concept hit: the sentence must be this close to an example phrasing
MIN_SENTENCE_WORDS = 4  # shorter fragments are too thin to evidence a behaviour
KEYWORD_LIST_DENSITY = 0.08  # below this share of function words a sentence is a keyword list


@dataclass(frozen=True)
class Evidence:
    criterion_id: str
    score: float
    quote: str  # the sentence, verbatim from the candidate's text
    concept: str | None


@dataclass(frozen=True)
class ConceptHit:
    concept: str
    alias: str
    negated: bool


class Matcher:
    """Precomputed phrasing vectors and alias patterns for one knowledge bank."""

    def __init__(self, bank: KnowledgeBank):
        self.bank = bank
        criteria: dict[str, Criterion] = {c.id: c for c in bank.generic.criteria}
        for problem in bank.problems.values():
            criteria.update({c.id: c for c in problem.criteria})
        self.criteria = criteria
        rows: list[str] = []
        owners: list[str] = []
        for cid, crit in criteria.items():
            for phrase in (crit.text, *crit.phrasings):
                rows.append(phrase)
                owners.append(cid)
        self._owners = np.array(owners)
        self._vectors = embed_texts(rows)
        self._rows_of: dict[str, np.ndarray] = {
            cid: np.flatnonzero(self._owners == cid) for cid in criteria
        }

    # -- concepts ---------------------------------------------------------------------------

    def concepts_in(self, text: str, problem_id: str | None = None) -> list[ConceptHit]:
        """Lexicon concepts and problem probe concepts named in `text`, in lexicon order."""
        hits: list[ConceptHit] = []
        seen: set[str] = set()
        pairs: list[tuple[str, list[str]]] = [
            (c.id, c.aliases) for c in self.bank.concepts.concepts
        ]
        if problem_id:
            pairs += [(p.concept, p.triggers) for p in self.bank.problem(problem_id).probes]
        for concept, aliases in pairs:
            if concept in seen:
                continue
            for alias in aliases:
                m = find_phrase(alias, text)
                if m:
                    hits.append(ConceptHit(concept, alias, negated_near(text, m.start())))
                    seen.add(concept)
                    break
        return hits

    # -- criteria ---------------------------------------------------------------------------

    def evidence(self, text: str, criteria: list[Criterion]) -> dict[str, Evidence]:
        """Criteria (of those given) that `text` shows, each with its best sentence."""
        sents = [s for s in sentences(text) if len(content_words(s)) >= 2]
        if not sents or not criteria:
            return {}
        vecs = embed_texts(sents)
        found: dict[str, Evidence] = {}
        for crit in criteria:
            rows = self._rows_of.get(crit.id)
            if rows is None or rows.size == 0:
                continue
            sims = vecs @ self._vectors[rows].T  # (sentences, phrasings)
            best_per_sentence = sims.max(axis=1)
            candidates: list[tuple[float, int, str | None]] = []
            for i, sent in enumerate(sents):
                if len(sent.split()) < MIN_SENTENCE_WORDS:
                    continue
                if keyword_density(sent) < KEYWORD_LIST_DENSITY:
                    continue  # a bare list of buzzwords shows no behaviour
                concept = _concept_hit(crit, sent)
                sim = float(best_per_sentence[i])
                if concept is not None and sim >= SIM_WITH_CONCEPT:
                    candidates.append((sim + 0.5, i, concept))
                elif sim >= SIM_ALONE:
                    candidates.append((sim, i, None))
            if candidates:
                score, i, concept = max(candidates)
                found[crit.id] = Evidence(crit.id, round(min(score, 1.5), 4), sents[i], concept)
        return found


def _concept_hit(crit: Criterion, sentence: str) -> str | None:
    """The first of the criterion's concepts named in the sentence, honouring negation.

    For a red flag, "we should not use accuracy" is not the bad behaviour; for a good
    behaviour, "I would avoid a random split" still names the concept and counts.
    """
    norm = normalize(sentence)
    for concept in crit.concepts:
        m = find_phrase(concept, norm)
        if m is None:
            continue
        if crit.points < 0 and negated_near(norm, m.start()):
            continue
        return concept
    return None
