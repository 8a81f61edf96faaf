"""Evidence matching: which concepts a text names, and which rubric criteria it shows.

Shared by the interviewer (coverage while the interview runs) and the offline judge (grading),
so both read a candidate's words the same way. Evidence = a curated concept hit, confirmed or
replaced by WordLlama similarity to the criterion's example phrasings; measured in
`bench/grading.py`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from app.knowledge.bank import KnowledgeBank
from app.knowledge.embeddings import embed_kept, embed_texts
from app.knowledge.memo import per_text
from app.knowledge.schema import Criterion
from app.knowledge.text import (
    STOPWORDS,
    content_stems,
    content_words,
    find_phrase,
    keyword_density,
    light_stem,
    match_head,
    normalize,
    phrase_head,
    text_heads,
    words,
)

# Calibrated on bench/data/graded (see bench/grading.py); documented in the README.
SIM_WITH_CONCEPT = 0.20  # a concept hit counts when the sentence is at least this close
SIM_ALONE = 0.55  # no concept hit: the sentence must be this close to an example phrasing
MIN_SENTENCE_WORDS = 4  # shorter fragments are too thin to evidence a behaviour
KEYWORD_LIST_DENSITY = 0.20  # below this share of function words a sentence is a keyword list
# An auxiliary or a copula: a stretch of text that has one says something about its terms.
_VERB = re.compile(
    r"\b(?:is|are|was|were|be|been|being|has|have|had|does|do|did|get|gets|got|can|will|"
    r"would|should|could|must|may|might)\b|n't\b"
)
# A verb with its complement ("features come from a store", "decode to RGB"): the item says
# how something works, not which term it is. The word before is no gerund ("learning to
# rank") and no amount or cause ("up to", "due to"); the caller checks the rest.
_VERB_COMPLEMENT = re.compile(
    r"\b(?P<v>(?!(?:up|due|next|close|similar|relative|compared|according|prior|equal)\b)"
    r"[a-z][a-z'-]*(?<!ing)) (?P<p>from|into|onto|to|by) (?!be\b)[a-z0-9]"
)
_RANGE_FROM = re.compile(r"\bfrom\b")
# "decode to RGB", "map into buckets", "rank by a weighted sum"
_IMPERATIVE_PREP = frozenset({"to", "into", "onto", "by"})
_SHORTHAND = re.compile(r"\s(?:vs\.?|versus|=|->|\u2192)\s|\bper (?!cent\b)", re.I)
# What separates the pieces of shorthand ("labels lag a day, appeals weeks").
_ITEM_SPLIT = re.compile(r"[,;:()]|\s(?:and|or|plus|with)\s")
# A "that" inside everyday words for a term opens a clause of its own: "check that every one
# comes from a public board" is no "check every" (brute force)
_CLAUSE_THAT = re.compile(r"\bthat\b", re.I)
# Shorthand that gives its terms a role, as a verb would: a short lead naming what the items
# are ("Guardrails: hide rate, report rate"), a preposition tying a term to its use ("two-tower
# for retrieval", "position feature in training, constant at serving"), or a number.
_ROLE_LEAD = re.compile(r"^[^:,;]{2,40}:\s*\S")
_ROLE_LINK = re.compile(r"[a-z0-9)]\s(?:for|on|over|via|at|in|from|per|within|with)\s[a-z0-9~]")
_ROLE_NUMBER = re.compile(r"\d")
RELEVANCE_CACHE = 32  # transcripts whose topicality is kept (oldest dropped first)
PLAN_CACHE = 512  # criteria lists whose matching plan is kept (all dropped when full)
PLAIN_VIEW_CACHE = 4096  # sentences whose plain view is kept (oldest dropped first)
NAMED_CACHE = 4096  # (criteria list, sentence) pairs whose named concepts are kept
CONCEPTS_CACHE = 4096  # (text, problem) pairs whose concept hits are kept
TERM_WORD_TERMS = 8  # a word in this many terms of the bank is term vocabulary ("model", "loss")


@dataclass(frozen=True)
class ConceptHit:
    concept: str
    alias: str
    start: int  # the alias's span in the normalised text (its polarity is the reader's call)
    end: int


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
        self._fit_cached = per_text(RELEVANCE_CACHE)(self._fit)
        # a sentence read live in the interview is read again when the transcript is graded
        self.plain_view = per_text(PLAIN_VIEW_CACHE)(self._plain_view)
        # ...and so are the concepts it names (with the same criteria: the problem's at the level)
        self.named = per_text(NAMED_CACHE)(self._named)
        self._plans: dict[tuple[str, ...], _Plan | None] = {}
        self._concept_indexes: dict[
            str | None,
            tuple[list[tuple[str, tuple[tuple[str, str], ...]]], dict[str, list[int]], list[int]],
        ] = {}
        # a sentence read live is read again when the transcript is graded
        self._concepts_in = per_text(CONCEPTS_CACHE)(self._concepts_uncached)
        # Every term of the bank (concept aliases, probe triggers, rubric concepts), by the
        # first four letters of its first word, longest first: what `bare_term` looks for.
        terms = {a for c in bank.concepts.concepts for a in c.aliases}
        # each alias of a concept whose aliases name one thing, with that concept's other names
        self._names_of = {
            a: tuple(b for b in c.aliases if b != a)
            for c in bank.concepts.concepts
            if not c.kinds
            for a in c.aliases
        }
        terms |= {t for p in bank.problems.values() for probe in p.probes for t in probe.triggers}
        terms |= {c for crit in criteria.values() for c in crit.concepts}
        self._terms: dict[str, list[str]] = {}
        # longest first, ties by text: the order must not depend on the process's hash seed
        for term in sorted(terms, key=lambda t: (-len(t), t)):
            if head := phrase_head(term):
                self._terms.setdefault(head, []).append(term)
        # Words that make terms rather than say something: "learning", "features", "loss".
        made_of = Counter(light_stem(w) for t in terms for w in set(content_words(t)))
        self._term_words = frozenset(w for w, n in made_of.items() if n >= TERM_WORD_TERMS)
        # Everyday words for a term (knowledge/concepts.yaml `plain_words`), longest first: a
        # criterion's concept said in them is found too ("newest first" for "chronological").
        self._plain = sorted(
            (
                (p, cls.terms[0], match_head(p))
                for cls in bank.concepts.plain_words
                for p in cls.plain
            ),
            key=lambda pt: (-len(pt[0]), pt[0]),
        )
        # The trade's words: those of the lexicon's terms (its concepts' names, the terms its
        # everyday words stand for) that none of its everyday words use ("retrain", "drift";
        # not "model" or "learn", which "teach the model again" says too).
        everyday = {
            s for cls in bank.concepts.plain_words for p in cls.plain for s in content_stems(p)
        }
        self._trade_words = frozenset(
            s
            for name in (
                *(a for c in bank.concepts.concepts for a in c.aliases),
                *(t for cls in bank.concepts.plain_words for t in cls.terms),
            )
            for s in content_stems(name)
            if s not in everyday
        )
        # their positions in that order by `match_head`, and those without one (tried on any
        # text): `plain_view` looks up only the phrases a sentence can hold (a speed-up only)
        self._plain_by_head: dict[str, list[int]] = {}
        self._plain_any: list[int] = []
        for at, (_, _, head) in enumerate(self._plain):
            (self._plain_by_head.setdefault(head, []) if head else self._plain_any).append(at)

    def in_everyday_words(self, said: str) -> bool:
        """`said` (the words a sentence names a concept in) holds no word of the trade's terms
        (the lexicon's): "taught again", "after scoring", "newest first" do; "retrained",
        "concept drift", "hnsw" do not."""
        said_stems = content_stems(said)
        return bool(said_stems) and not said_stems & self._trade_words

    # -- topicality -------------------------------------------------------------------------

    def relevance(self, text: str, problem_id: str) -> tuple[float, str]:
        """How well `text` fits `problem_id` relative to the best-fitting problem in the bank:
        (similarity to this problem / best similarity, id of the best problem)."""
        if not text.strip() or problem_id not in self._problem_ids:
            return 1.0, problem_id
        # the judge and the report both ask about the same transcript: embed it once
        return self._fit_cached(text, problem_id)

    def _fit(self, text: str, problem_id: str) -> tuple[float, str]:
        sims = self._profiles @ embed_texts([text])[0]
        best = int(np.argmax(sims))
        mine = float(sims[self._problem_ids.index(problem_id)])
        top = float(sims[best])
        return (round(mine / top, 4) if top > 0 else 1.0), self._problem_ids[best]

    # -- concepts ---------------------------------------------------------------------------

    def concepts_in(self, text: str, problem_id: str | None = None) -> list[ConceptHit]:
        """Problem probe concepts, then lexicon concepts, named in `text`."""
        return list(self._concepts_in(normalize(text), problem_id))

    def _concepts_uncached(self, norm: str, problem_id: str | None) -> tuple[ConceptHit, ...]:
        """`concepts_in` of normalised text (cached as `_concepts_in`)."""
        hits: list[ConceptHit] = []
        seen: set[str] = set()
        pairs, by_head, short = self._concept_index(problem_id)
        heads = text_heads(norm)
        # only the (concept, aliases) pairs with an alias that can be found in this text (see
        # `match_head`: a speed-up only), in order
        tried = sorted({*short, *(i for h in heads for i in by_head.get(h, ()))})
        for concept, aliases in (pairs[i] for i in tried):
            if concept in seen:
                continue
            for alias, head in aliases:
                if head and head not in heads:
                    continue
                m = find_phrase(alias, norm, normalized=True)
                if m:
                    hits.append(ConceptHit(concept, alias, m.start(), m.end()))
                    seen.add(concept)
                    break
        return tuple(hits)

    def _concept_index(
        self, problem_id: str | None
    ) -> tuple[list[tuple[str, tuple[tuple[str, str], ...]]], dict[str, list[int]], list[int]]:
        """The (concept, aliases) pairs `concepts_in` looks for, in order (the problem's own
        probes first: they are the sharper questions), each alias with its `match_head`; with
        the pairs by the `match_head` of their aliases, and the pairs with an alias tried on
        any text. Built once a problem."""
        index = self._concept_indexes.get(problem_id)
        if index is None:
            named: list[tuple[str, list[str]]] = []
            if problem_id:
                named += [(p.concept, p.triggers) for p in self.bank.problem(problem_id).probes]
            named += [(c.id, c.aliases) for c in self.bank.concepts.concepts]
            pairs = [(c, tuple((a, match_head(a)) for a in aliases)) for c, aliases in named]
            by_head: dict[str, list[int]] = {}
            short: list[int] = []
            for i, (_, headed) in enumerate(pairs):
                for head in {h for _, h in headed}:
                    (by_head.setdefault(head, []) if head else short).append(i)
            index = self._concept_indexes[problem_id] = (pairs, by_head, short)
        return index

    def bare_term(self, text: str) -> bool:
        """`text` (normalised) is made of terms of the bank: once the terms it names are taken
        out, only words that terms are made of are left ("feature crosses", "online
        engagement metrics", "a deep multi-task network"; not "crosses such as age x
        category", "comments high"). Everyday words for a term count as that term: "bots,
        fake clicks" strings terms as much as "invalid traffic, click fraud" does."""
        said = content_words(text)
        if not said or _VERB.search(text):
            return False  # "positive is a click": a statement, not a term
        rest = text
        # everyday words first: "click farms" is one of them, not the term "click" and a word
        for at in sorted(
            {
                *self._plain_any,
                *(at for h in text_heads(text) for at in self._plain_by_head.get(h, ())),
            }
        ):
            if m := find_phrase(self._plain[at][0], rest, normalized=True):
                rest = rest[: m.start()] + " " * (m.end() - m.start()) + rest[m.end() :]
        for head in dict.fromkeys(w[:4] for w in words(text)):  # in text order, every run
            for term in self._terms.get(head, ()):
                if m := find_phrase(term, rest, normalized=True):
                    rest = rest[: m.start()] + " " * (m.end() - m.start()) + rest[m.end() :]
        if any(self._verb_complement(text, rest, m) for m in _VERB_COMPLEMENT.finditer(text)):
            return False  # "features come from a feature store": a statement of how
        left = content_words(rest)
        return len(left) < len(said) and all(light_stem(w) in self._term_words for w in left)

    @staticmethod
    def _verb_complement(text: str, rest: str, m: re.Match[str]) -> bool:
        """`m` is a verb and its complement in `text` (`rest`: `text` with its terms blanked):
        the preposition is no part of a term, and the verb is a word of its own after its
        subject ("features come from a store", not "user features from a store") or, leading
        the item, an instruction ("decode to RGB"; not "all from a feature store"). The "to"
        of a range ("from simpler models to deep learning") is none."""
        verb, prep = m.group("v"), m.group("p")
        if verb in STOPWORDS or rest[m.start("p") : m.end("p")] != prep:
            return False
        if prep == "to" and _RANGE_FROM.search(text, 0, m.start("v")):
            return False  # "from simpler models to deep learning": a range, no complement
        if not text[: m.start("v")].strip():
            return prep in _IMPERATIVE_PREP
        return rest[m.start("v") : m.end("v")] == verb

    def _terse_statement(self, sentence: str) -> bool:
        """Expert shorthand with few function words that still says something of its own
        ("Labels lag a day, appeals weeks.", "Adversarial evasion: report spikes on low-scored
        posts"): most of its items are not bare terms of the bank. A string of terms ("AUC,
        log loss, nDCG") is not; whether a statement reasons is the reader's call."""
        if len(sentence.split()) < MIN_SENTENCE_WORDS or len(content_words(sentence)) < 2:
            return False
        norm = normalize(sentence)
        if _ROLE_LEAD.search(norm) or _ROLE_LINK.search(norm) or _ROLE_NUMBER.search(norm):
            # the terms are put to a use, as "we use X for Y" would say: whether that is a
            # list of buzzwords is the reader's call, as for a full sentence
            return True
        items = [i.strip() for i in _ITEM_SPLIT.split(norm) if content_words(i)]
        terms = sum(1 for i in items if self.bare_term(i))
        return terms * 2 < len(items)

    # -- criteria ---------------------------------------------------------------------------

    def _plan(self, criteria: list[Criterion]) -> _Plan | None:
        """The matching plan of `criteria` (cached: a session asks with the same few lists
        again and again; building it per message was a third of grading time)."""
        key = tuple(c.id for c in criteria)
        plan = self._plans.get(key)
        if plan is None and key not in self._plans:
            crits = [c for c in criteria if c.id in self._rows_of]
            if crits:
                cols = np.concatenate([self._rows_of[c.id] for c in crits])
                heads: dict[str, list[str]] = {}
                for concept in sorted({c for crit in crits for c in crit.concepts}):
                    heads.setdefault(phrase_head(concept), []).append(concept)
                listed_by: dict[tuple[str, str], set[str]] = {}
                for c in criteria:
                    if not c.red_flag:
                        for term in c.concepts:
                            listed_by.setdefault((c.stage, term), set()).add(c.id)
                plan = _Plan(
                    crits,
                    np.ascontiguousarray(self._vectors[cols].T),
                    np.cumsum([0] + [self._rows_of[c.id].size for c in crits[:-1]]),
                    {
                        h: tuple((c, match_head(c)) for c in cs)
                        for h, cs in heads.items()
                        if len(h) >= 4
                    },
                    tuple((c, match_head(c)) for h, cs in heads.items() if len(h) < 4 for c in cs),
                    {k: frozenset(v) for k, v in listed_by.items()},
                    _positions_by_concept(crits),
                    self._other_names(crits),
                )
            if len(self._plans) >= PLAN_CACHE:
                self._plans.clear()
            self._plans[key] = plan
        return plan

    def _other_names(self, crits: list[Criterion]) -> tuple[tuple[str, str, str], ...]:
        """For each concept the good-practice criteria of `crits` list, the other names the
        lexicon gives the same thing ("mean reciprocal rank" for "mrr"), each with its
        `match_head`. Not for a red flag's concepts: a mistake is found in its own words."""
        flagged = {c for crit in crits if crit.red_flag for c in crit.concepts}
        listed = {c for crit in crits if not crit.red_flag for c in crit.concepts} - flagged
        return tuple(
            (concept, name, match_head(name))
            for concept in sorted(listed)
            for name in self._names_of.get(concept, ())
            if name not in listed
        )

    def listed_by(self, criteria: list[Criterion]) -> dict[tuple[str, str], frozenset[str]]:
        """Which good-practice criteria of `criteria` list each (stage, term): a term
        several of them list is shared (from the cached plan, so once per list)."""
        plan = self._plan(criteria)
        return plan.listed_by if plan is not None else {}

    def match(
        self,
        sents: list[str],
        views: list[str],
        criteria: list[Criterion],
        min_sim: float = SIM_ALONE,
        vectors: dict[str, np.ndarray] | None = None,
        stage: str | None = None,
        also: Mapping[int, str] | None = None,
        says: Callable[[str], bool] | None = None,
    ) -> list[Match]:
        """Candidate (sentence, criterion) matches: similarity of each sentence's affirmed
        view to the criterion's example phrasings, plus every concept of the criterion named
        in the sentence (with its span in the normalised sentence). Polarity and the rules
        that turn a match into a claim belong to the reader. `vectors` may hold embeddings
        of views computed ahead (one batch for a whole transcript); `stage`, when known, is the
        stage the sentences were said in (see `long_clauses`); `also` holds, by sentence, one
        more text to read it as (a sentence with the question it answers); `says`, when given,
        tells which clauses say something of their own (see `long_clauses`)."""
        keep = [i for i, s in enumerate(sents) if is_sentence(s) or self._terse_statement(s)]
        plan = self._plan(criteria)
        if not keep or plan is None:
            return []
        crits = plan.crits
        texts = [views[i] if len(views[i].split()) >= 3 else "" for i in keep]
        known = vectors or {}
        missing = [t or "-" for t in texts if (t or "-") not in known]
        if missing:
            known = {**known, **dict(zip(missing, embed_kept(missing), strict=True))}
        vecs = np.stack([known[t or "-"] for t in texts])
        # (sentences, criteria): best similarity of each sentence to each criterion's examples
        best = np.maximum.reduceat(vecs @ plan.example_columns, plan.starts, axis=1)
        # a run-on sentence of several clauses of its own is also compared clause by clause
        # with the criteria of `stage` (the one it was said in, when known): its whole blends
        # the clauses' topics, where each clause says one of them; so is its `also` text
        # (with the stage unknown, as in a live turn, clauses are not compared: each would
        # reach for every stage's criteria, and what stage the candidate is in reads wrong)
        extra = also or {}
        parts = [
            (row, c)
            for row, t in enumerate(texts)
            for c in (
                *(long_clauses(t, says) if stage is not None else ()),
                *([extra[keep[row]]] if keep[row] in extra else []),
            )
        ]
        if parts:
            missing = list({c for _, c in parts if c not in known})
            if missing:
                known = {**known, **dict(zip(missing, embed_kept(missing), strict=True))}
            pvecs = np.stack([known[c] for _, c in parts])
            pbest = np.maximum.reduceat(pvecs @ plan.example_columns, plan.starts, axis=1)
            # good practice only: a red flag needs its own words or a near copy of the whole
            own = np.array([c.stage == stage and not c.red_flag for c in crits])
            for (row, _), sims in zip(parts, pbest, strict=True):
                best[row, own] = np.maximum(best[row, own], sims[own])
        wide = best.astype(np.float64)  # each value as `float` reads it, to compare alike
        out: list[Match] = []
        for row, i in enumerate(keep):
            found = self.named(plan, normalize(sents[i]))
            # only the criteria the sentence can match: close enough, or naming a concept
            if texts[row]:
                close = np.flatnonzero(wide[row] >= min_sim).tolist()
            else:
                close = list(range(len(crits))) if min_sim <= 0.0 else []
            named = {j for c in found for j in plan.by_concept.get(c, ())}
            for j in sorted(named.union(close)):
                crit = crits[j]
                sim = float(best[row, j]) if texts[row] else 0.0
                spans = tuple((c, *found[c]) for c in crit.concepts if c in found)
                if spans or sim >= min_sim:
                    out.append(Match(i, crit, round(sim, 4), spans))
        return out

    def _named(self, plan: _Plan, norm: str) -> Mapping[str, tuple[int, int]]:
        """The concepts of `plan` that `norm` (a normalised sentence) names, each with its
        span in `norm`: in its words, its "X only" worded "only X" (`focus_view`), or its
        everyday words (`plain_view`). Cached as `named` (a pure function of the plan and
        `norm`; the result is shared, never changed)."""
        focus = focus_view(norm)
        both = norm if focus == norm else f"{norm} {focus}"
        heads, runs = {w[:4] for w in words(both)}, text_heads(both)
        # each distinct concept looked up once per sentence, shared by its criteria, and
        # only when the sentence has a word starting like the concept's first word (a
        # short first word, "a/b test", may match inside a longer word) and the text
        # holds its `match_head` (without which it cannot be found: a speed-up only)
        found = {
            c: (m.start(), m.end())
            for c, head in (*plan.short_heads, *(c for h in heads for c in plan.by_head.get(h, ())))
            if (not head or head in runs)
            and (
                (m := find_phrase(c, norm, normalized=True))
                or (focus != norm and (m := find_phrase(c, focus, normalized=True)))
            )
        }
        # ...or by another of its names ("mean reciprocal rank" for "mrr"; first name found)
        for c, name, head in plan.other_names:
            if (
                c not in found
                and (not head or head in runs)
                and (m := find_phrase(name, norm, normalized=True))
            ):
                found[c] = (m.start(), m.end())
        if plain := self.plain_view(norm):
            view, back = plain
            vheads, vruns = {w[:4] for w in words(view)}, text_heads(view)
            for c, head in (
                *plan.short_heads,
                *(c for h in vheads for c in plan.by_head.get(h, ())),
            ):
                if c in found or (head and head not in vruns):
                    continue
                if m := find_phrase(c, view, normalized=True):
                    found[c] = (back[m.start()], back[m.end()])
        return found

    def _plain_view(self, norm: str) -> tuple[str, tuple[int, ...]] | None:
        """`norm` (normalised) with the everyday words of a term replaced by the term ("the
        newest-first feed" -> "the chronological feed"), and for each position of the view
        (and its end) the position of `norm` it comes from; None when it has none. Cached
        as `plain_view` (a pure function of `norm` for this bank)."""
        spans: list[tuple[int, int, str]] = []
        runs = text_heads(norm)
        # only the phrases whose `match_head` the text holds (the others cannot be found), in
        # the order of `_plain`
        tried = sorted(
            {*self._plain_any, *(at for h in runs for at in self._plain_by_head.get(h, ()))}
        )
        for phrase, term, _ in (self._plain[at] for at in tried):
            m = find_phrase(phrase, norm, normalized=True)
            if (
                m
                and _CLAUSE_THAT.search(norm[m.start() : m.end()])
                and not _CLAUSE_THAT.search(phrase)
            ):
                continue  # "check that every one comes from ...": a clause opens, not the phrase
            if m and not any(a < m.end() and m.start() < b for a, b, _ in spans):
                spans.append((m.start(), m.end(), term))
        if not spans:
            return None
        view: list[str] = []
        back: list[int] = []
        at = 0
        for start, end, term in sorted(spans):
            view.append(norm[at:start])
            back.extend(range(at, start))
            view.append(term)
            back.extend([start] * len(term))
            at = end
        view.append(norm[at:])
        back.extend(range(at, len(norm) + 1))  # a term's end maps to its words' end
        return "".join(view), tuple(back)


@dataclass(frozen=True, eq=False)  # hashed by identity: a key of `Matcher.named`'s cache
class _Plan:
    """What matching against one list of criteria needs, worked out once per list: their
    example vectors side by side, where each criterion's rows start, their concepts (each
    with its `match_head`) by the first four letters of their first word, and which of them
    list each term."""

    crits: list[Criterion]
    # the examples' vectors as columns, (256, examples), laid out in memory that way: a product
    # with a transposed view of rows ran ~4x slower on one BLAS thread
    example_columns: np.ndarray
    starts: np.ndarray
    by_head: dict[str, tuple[tuple[str, str], ...]]  # (concept, its `match_head`)
    short_heads: tuple[tuple[str, str], ...]
    listed_by: dict[tuple[str, str], frozenset[str]]  # (stage, term) -> good-practice criteria
    by_concept: dict[str, tuple[int, ...]]  # concept -> positions in `crits` that list it
    # (concept, another name of it in the lexicon, that name's `match_head`)
    other_names: tuple[tuple[str, str, str], ...]


# "a clear ML objective", "with proper inputs": a thing promised by an empty adjective, named
# but not said
EMPTY_BEFORE = re.compile(
    r"\b(?:clear|proper|well-defined|appropriate|suitable|right|good|sensible)\s+$"
)
_EMPTY_NAMED = re.compile(EMPTY_BEFORE.pattern.removesuffix("$") + r"\w")
CLAUSE_WORDS = 5  # a clause this long says a thing of its own in a run-on sentence
_CLAUSE_SEP = re.compile(r"[,;:]|\s[-–—]\s")


def clauses(text: str) -> list[str]:
    """The pieces of a sentence between commas, semicolons, colons and dashes."""
    return [c.strip() for c in _CLAUSE_SEP.split(text) if c.strip()]


def long_clauses(text: str, says: Callable[[str], bool] | None = None) -> list[str]:
    """The clauses of CLAUSE_WORDS words or more a sentence strings together, when it has
    two or more (else none: the sentence is its own clause). A list of short items ("hides,
    reports, two in a row") has none. With `says`, only when it accepts the text (a
    whole sentence that only gestures claims nothing clause by clause), and a clause that
    promises with an empty adjective ("with clear inputs and outputs") is not compared."""
    out = [c for c in clauses(text) if len(c.split()) >= CLAUSE_WORDS]
    if len(out) < 2 or (says is not None and not says(text)):
        return []
    return [c for c in out if not _EMPTY_NAMED.search(c)]


def _positions_by_concept(crits: list[Criterion]) -> dict[str, tuple[int, ...]]:
    """Each concept of `crits`, with the positions of the criteria listing it."""
    out: dict[str, list[int]] = {}
    for j, crit in enumerate(crits):
        for concept in crit.concepts:
            out.setdefault(concept, []).append(j)
    return {c: tuple(js) for c, js in out.items()}


@dataclass(frozen=True)
class Match:
    sentence: int  # index into the sentences given to `Matcher.match`
    criterion: Criterion
    sim: float  # similarity of the sentence's affirmed view to the criterion's examples
    spans: tuple[tuple[str, int, int], ...]  # (concept, start, end) in the normalised sentence


def _profile(problem) -> str:
    """The text that says what a problem is about: statement, questions, rubric examples."""
    parts = [problem.title, problem.statement]
    parts += [a for f in problem.facts for a in f.asked_as]
    parts += [c.text for c in problem.criteria] + [p for c in problem.criteria for p in c.phrasings]
    return " ".join(parts)


# A restriction said after its term ("AUC only", "clicks and nothing else") or as "nothing but
# X": English puts "only" on either side, the bank's phrases on one. ("X alone" is left out: it
# is mostly the judged option, "relying on AUC alone falls short", and the bank words it.)
_FOCUS_AFTER = re.compile(
    r"(?<!\bnot )(?<![a-z0-9'-])(?P<term>[a-z][a-z0-9-]*)"
    r"(?P<tail> only\b| and nothing (?:else|more)\b)"
)
_NOTHING_BUT = re.compile(r"\bnothing but (?=[a-z])")


def focus_view(norm: str) -> str:
    """`norm` with each such restriction worded "only X", at the same length and offsets
    (padded with spaces, which phrases match as word gaps), so a concept "only clicks" is
    found and its span still points into `norm`. A function word before "only" ("we only") is
    left as it is."""

    def swap(m: re.Match[str]) -> str:
        term = m.group("term")
        if term in STOPWORDS:
            return m.group(0)
        said = f"only {term}"
        return said + " " * (len(m.group(0)) - len(said))

    view = _FOCUS_AFTER.sub(swap, norm)
    # "only" over "nothing", the rest blank: a concept found there spans the words said
    return _NOTHING_BUT.sub(lambda m: "only" + " " * (len(m.group(0)) - 4), view)


def is_sentence(sentence: str) -> bool:
    """Long enough to show a behaviour, and a sentence rather than a list of buzzwords (what
    `Matcher.match` reads besides terse statements)."""
    n = len(sentence.split())
    if n < MIN_SENTENCE_WORDS or len(content_words(sentence)) < 2:
        return False
    # shorthand that relates its terms ("predicted vs actual rate, per bucket", "reports =
    # cheap, noisy") is a terse statement, not a list of buzzwords
    return keyword_density(sentence) >= KEYWORD_LIST_DENSITY or bool(_SHORTHAND.search(sentence))
