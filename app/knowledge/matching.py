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
SIM_WITH_CONCEPT = 0.20  # a concept hit counts when the sentence is at least this close
SIM_ALONE = 0.55  # no concept hit: the sentence must be this close to an example phrasing
MIN_SENTENCE_WORDS = 4  # shorter fragments are too thin to evidence a behaviour
KEYWORD_LIST_DENSITY = 0.20  # below this share of function words a sentence is a keyword list


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
        self._problem_ids = list(bank.problems)
        self._profiles = embed_texts([_profile(p) for p in bank.problems.values()])

    # -- topicality -------------------------------------------------------------------------

    def relevance(self, text: str, problem_id: str) -> tuple[float, str]:
        """How well `text` fits `problem_id` relative to the best-fitting problem in the bank:
        (similarity to this problem / best similarity, id of the best problem)."""
        if not text.strip() or problem_id not in self._problem_ids:
            return 1.0, problem_id
        sims = self._profiles @ embed_texts([text])[0]
        best = int(np.argmax(sims))
        mine = float(sims[self._problem_ids.index(problem_id)])
        top = float(sims[best])
        return (round(mine / top, 4) if top > 0 else 1.0), self._problem_ids[best]

    # -- concepts ---------------------------------------------------------------------------

    def concepts_in(self, text: str, problem_id: str | None = None) -> list[ConceptHit]:
        """Problem probe concepts, then lexicon concepts, named in `text`."""
        hits: list[ConceptHit] = []
        seen: set[str] = set()
        pairs: list[tuple[str, list[str]]] = []
        if problem_id:  # the problem's own probes first: they are the sharper questions
            pairs += [(p.concept, p.triggers) for p in self.bank.problem(problem_id).probes]
        pairs += [(c.id, c.aliases) for c in self.bank.concepts.concepts]
        norm = normalize(text)
        for concept, aliases in pairs:
            if concept in seen:
                continue
            for alias in aliases:
                m = find_phrase(alias, norm, normalized=True)
                if m:
                    negated = negated_near(norm, m.start(), end=m.end())
                    hits.append(ConceptHit(concept, alias, negated))
                    seen.add(concept)
                    break
        return hits

    # -- criteria ---------------------------------------------------------------------------

    def evidence(self, text: str, criteria: list[Criterion]) -> dict[str, Evidence]:
        """Criteria (of those given) that `text` shows, each with its best sentence."""
        return self.evidence_many([text], criteria)[0]

    def evidence_many(
        self, texts: list[str], criteria: list[Criterion]
    ) -> list[dict[str, Evidence]]:
        """`evidence` for many texts at once: one embedding call, one matrix product."""
        results: list[dict[str, Evidence]] = [{} for _ in texts]
        owner: list[int] = []
        sents: list[str] = []
        for t_index, text in enumerate(texts):
            for sent in sentences(text):
                if _usable(sent):
                    owner.append(t_index)
                    sents.append(sent)
        crits = [c for c in criteria if c.id in self._rows_of]
        if not sents or not crits:
            return results
        cols = np.concatenate([self._rows_of[c.id] for c in crits])
        starts = np.cumsum([0] + [self._rows_of[c.id].size for c in crits[:-1]])
        # (sentences, criteria): best similarity of each sentence to each criterion's examples
        best = np.maximum.reduceat(embed_texts(sents) @ self._vectors[cols].T, starts, axis=1)
        norms = [normalize(s) for s in sents]
        asks = [s.rstrip().endswith("?") for s in sents]
        for j, crit in enumerate(crits):
            column = best[:, j]
            for i in np.flatnonzero(column >= SIM_WITH_CONCEPT):
                if asks[i] and crit.stage != "clarify":
                    continue  # asking about a thing is not doing it (except when clarifying)
                sim = float(column[i])
                concept = _concept_hit(crit, norms[i])
                if concept is not None:
                    score = sim + 0.5
                elif sim >= SIM_ALONE:
                    score = sim
                else:
                    continue
                prev = results[owner[i]].get(crit.id)
                if prev is None or score > prev.score:
                    results[owner[i]][crit.id] = Evidence(
                        crit.id, round(min(score, 1.5), 4), sents[i], concept
                    )
        return results


def _profile(problem) -> str:  # noqa: ANN001
    """The text that says what a problem is about: statement, questions, rubric examples."""
    parts = [problem.title, problem.statement]
    parts += [a for f in problem.facts for a in f.asked_as]
    parts += [c.text for c in problem.criteria] + [p for c in problem.criteria for p in c.phrasings]
    return " ".join(parts)


def _usable(sentence: str) -> bool:
    """Long enough to show a behaviour, and a sentence rather than a list of buzzwords."""
    n = len(sentence.split())
    if n < MIN_SENTENCE_WORDS or len(content_words(sentence)) < 2:
        return False
    return keyword_density(sentence) >= KEYWORD_LIST_DENSITY


def _concept_hit(crit: Criterion, sentence: str) -> str | None:
    """The first of the criterion's concepts named in the (normalised) sentence, honouring
    negation.

    For a red flag, "we should not use accuracy" is not the bad behaviour; for a good
    behaviour, "I would avoid a random split" still names the concept and counts.
    """
    for concept in crit.concepts:
        m = find_phrase(concept, sentence, normalized=True)
        if m is None:
            continue
        if crit.points < 0 and negated_near(sentence, m.start(), end=m.end()):
            continue
        return concept
    return None
