"""Fact choice: which fact of a problem's fact sheet a clarifying question asks for, or none.

A question is answered from the fact sheet when it (nearly) repeats an anticipated phrasing,
else by the best of the top hybrid hits, when that hit can answer what the question asks for
(its head noun, qualifiers, percentiles, a number for a count); a wrong fact is worse than
"state an assumption". Moved out of `offline.py` (the reader calls it through `facts`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from app.knowledge.bank import KnowledgeBank
from app.knowledge.embeddings import embed_texts
from app.knowledge.memo import per_text
from app.knowledge.retrieval import Retriever
from app.knowledge.schema import Fact
from app.knowledge.text import (
    STOPWORDS,
    content_stems,
    content_words,
    light_stem,
    normalize,
    word_set,
    words,
)
from app.understanding.acts import ALTERNATIVES
from app.understanding.choices import offered_options, speaks_of_both
from app.understanding.schema import Question

# A question is answered from the fact sheet when it (nearly) repeats an anticipated phrasing,
# else by the best of the top hybrid hits, re-scored as cosine + FACT_LEXICAL_WEIGHT * BM25,
# when that score reaches FACT_MIN (calibrated on bench/data/retrieval.yaml and the scripted
# candidates: a wrong fact is worse than "state an assumption").
FACT_LEXICAL_WEIGHT = 0.05
# ...where a fact's cosine is its whole document's, moved this far toward its closest single
# anticipated phrasing (or its answer) when that is closer: the document's vector is the mean
# of ever more phrasings, and a question that repeats one of them sat below FACT_MIN
FACT_PHRASING_PULL = 0.5
FACT_HITS = 5  # the hybrid hits re-scored
PULL_WORDS = 2  # ...when the question says this many content words besides "how long"
FACT_MIN = 0.52  # 0.47 before the phrasing pull raised every close fact's score
FACT_NAMED_MARGIN = 0.05  # a fact named by the question wins over a hit at most this much better
FACT_COUNTED_MARGIN = 0.08  # ...and a fact whose answer uses the noun a question counts (0.12
# before the phrasing pull narrowed the gaps between close facts)
FACT_CHOICE_MARGIN = 0.15  # a fact speaking of both options wins over a hit this much better
FACT_SIBLING_MIN = 0.34
# a question whose distinctive words only one fact's own text uses: that fact, this close
FACT_OWN_WORD_MIN = 0.3  # half of a compound question, going on about its sibling's fact
OWN_WORD_WORDS = 5  # ...in a question of at most this many content words (terse, not a sentence)
NAMED_OUTRIGHT_WORDS = 2  # a question this short that is a fact's name asks for that fact
# words that say which side of a topic is wanted, not which topic: "freshness requirement",
# "compute budget", "privacy constraints" name the fact "freshness", "compute", "privacy"
_ASPECT_OF_TOPIC = content_stems(
    "requirement requirements constraint constraints target targets budget budgets "
    "numbers figures situation details info"
)
# "What's the CTR roughly?": a hedge says how exact an answer may be, not which fact is asked;
# as a content word it lowered the overlap with the sheet's phrasing below EXACT_OVERLAP
_HEDGE = re.compile(r"\b(?:roughly|approximately|ballpark|more or less|give or take)\b", re.I)
EXACT_OVERLAP = 0.75  # content-word Jaccard with an anticipated phrasing that counts as exact


class FactChooser:
    """The fact a question asks for, on one knowledge bank, with its own caches."""

    def __init__(self, bank: KnowledgeBank, retriever: Retriever):
        self.bank = bank
        self.retriever = retriever
        # the facts a question text ranks, kept: parts of a question are matched more than once
        self.ranked = per_text(4096)(self._ranked_uncached)
        self._fact_words = lru_cache(maxsize=64)(self._fact_words_uncached)
        self._fact_vectors = lru_cache(maxsize=512)(self._fact_vectors_uncached)
        self._fact_roots = lru_cache(maxsize=512)(self._fact_roots_uncached)
        self._own_stems = lru_cache(maxsize=512)(self._own_stems_uncached)
        self._sheet_texts = lru_cache(maxsize=64)(self._sheet_text_uncached)
        # knowledge only (a problem id, a phrase of a synonym class or of a fact), so kept for
        # the process like the sheet texts: per-message work never lands here
        self._sheet_stems = lru_cache(maxsize=64)(self._sheet_stems_uncached)
        self._anticipated = lru_cache(maxsize=64)(self._anticipated_uncached)
        self._sheet_says = lru_cache(maxsize=4096)(self._sheet_says_uncached)
        # every fact's own words, embedded once (one batch) for the synonym check
        self._fact_terms = {
            (pid, f.id): _fact_terms(f.id, f.answer, f.asked_as)
            for pid, p in bank.problems.items()
            for f in p.facts
        }
        vocab = sorted({w for ws in self._fact_terms.values() for w in ws})
        self._word_index = {w: k for k, w in enumerate(vocab)}
        self._word_vectors = embed_texts(vocab)
        # every anticipated phrasing and the answer of every fact, embedded one by one: a
        # fact's one document grows with its phrasings and its vector drifts to their mean
        self._phrasing_rows: dict[tuple[str, str], Any] = {}
        texts: list[str] = []
        for pid, p in bank.problems.items():
            for f in p.facts:
                own = [expand(t) for t in (*f.asked_as, f.answer)]
                self._phrasing_rows[(pid, f.id)] = slice(len(texts), len(texts) + len(own))
                texts += own
        self._phrasing_vectors = embed_texts(texts)
        self._phrasing_stems = [content_stems(_HOW_MEASURE.sub(" ", t)) for t in texts]

    def match(
        self,
        question: str,
        problem_id: str,
        siblings: set[str] | frozenset[str] = frozenset(),
        prefer: str | None = None,
    ) -> Question:
        """The fact a question asks for: an anticipated phrasing, else the best retrieval hit
        (a fact whose own name the question uses wins a near tie, and so does `prefer`),
        else none. `siblings` are facts the other halves of a compound question asked for:
        this half may go on about one of them even below the usual bar."""
        return self.match_ranked(question, problem_id, siblings, prefer)[0]

    def match_ranked(
        self,
        question: str,
        problem_id: str,
        siblings: set[str] | frozenset[str] = frozenset(),
        prefer: str | None = None,
    ) -> tuple[Question, list[tuple[str, float]]]:
        """`match`, and the facts retrieval ranks, best first, with their scores (an
        anticipated phrasing: that fact alone)."""
        text = question
        question = self._respelled(question)  # "langauges", "reqeusts": the sheet's words
        question = expand(question)  # "DAU", "p99", "DMs": the words the fact sheet uses
        question = " ".join(_HEDGE.sub(" ", question).split())  # ("approx" expanded first)
        question = self._in_sheet_words(question, problem_id)  # "moderators": "reviewers"
        asked = content_stems(question)
        facts = self.bank.problem(problem_id).facts
        if asked:  # asked (almost) exactly as the fact sheet anticipates: no guessing needed
            phrasings, by_stem = self._anticipated(problem_id)
            # only the phrasings sharing a content word with the question: one sharing none
            # overlaps by 0 and is restated by no question (a speed-up only; in sheet order)
            for at in sorted({k for w in asked for k in by_stem.get(w, ())}):
                fact, known, dense = phrasings[at]
                overlap = len(asked & known) / len(asked | known) if known else 0.0
                # ...or all of a phrasing its content words carry and one word more
                # ("what explicit feedback exists" for "is there explicit feedback"; not
                # "results tailored to each user" for "what can a user do with the results")
                restated = dense and known <= asked and len(asked - known) <= 1
                # ...where a word more may be what is asked ("how many posts get reported
                # per day" is "how many posts per day" of another fact and one word more)
                if (overlap >= EXACT_OVERLAP or restated) and (
                    asked <= known or self._covers(fact.id, question, problem_id)
                ):
                    q = Question(text=question, fact_id=fact.id, topic=fact.topic, score=1.0)
                    return q, [(fact.id, 1.0)]
        named_only = self._named_outright(asked, problem_id) if asked else None
        if named_only is not None:  # "Latency?", "Scale?": the one fact of that name or topic
            q = Question(text=text, fact_id=named_only.id, topic=named_only.topic, score=1.0)
            return q, [(named_only.id, 1.0)]
        ranked = self.ranked(_uncased(question), problem_id)
        if not ranked:
            return Question(text=text), ranked
        ref, score = ranked[0]
        near = [(r, x) for r, x in ranked if x >= max(FACT_MIN, score - FACT_NAMED_MARGIN)]
        named = [(r, x) for r, x in near if content_stems(r.replace("-", " ")) <= asked]
        named = named or [(r, x) for r, x in near if r == prefer]
        # "how many friends does a user have": the fact that counts the head noun, over a
        # wider tie than a name gets (the noun is what the question is about)
        wide = [r for r, x in ranked if x >= max(FACT_MIN, score - FACT_COUNTED_MARGIN)]
        counted = self._counted(question, problem_id, wide)
        named = named or [(r, x) for r, x in ranked if r == counted]
        # "do I need to cover shorts as well": whether it is the candidate's to build, when
        # the out-of-scope fact is near the best hit
        scope = self._scope(question, problem_id)
        named = named or [
            (r, x)
            for r, x in ranked
            if r == scope and x >= max(FACT_SIBLING_MIN, score - FACT_COUNTED_MARGIN)
        ]
        if named and ref not in dict(named):
            ref, score = named[0]  # "how many user reports...": the user-reports fact
        own = self._own_word_fact(question, problem_id)
        if own is not None and own != ref and not named:
            hit = dict(ranked).get(own, 0.0)
            if hit >= FACT_OWN_WORD_MIN and (score < FACT_MIN or hit >= score - FACT_NAMED_MARGIN):
                ref, score = own, hit  # "crop queries supported?": the fact that says "crop"
        grounded = None if named else self._terse_grounded(text, question, problem_id, ranked)
        if grounded is not None and grounded != ref:
            ref, score = grounded, dict(ranked).get(grounded, 0.0)  # "Catalog size and growth?"
        both = None if named else self._of_both_options(question, problem_id, ranked)
        if both is not None and both != ref:
            ref, score = both, dict(ranked)[both]  # "the uploaded photo or a crop of it?"
        if (
            score < FACT_MIN
            and not (ref in siblings and score >= FACT_SIBLING_MIN)
            and ref != both
            and not (ref == own and score >= FACT_OWN_WORD_MIN)
            and ref != grounded
        ):
            purpose = self._objective(question, problem_id) or scope
            goal = purpose or self._counted_bare(question, problem_id)
            if goal is None:
                return Question(text=text, score=score), ranked
            ref, score = goal, FACT_MIN  # "what are we optimizing for": the objective
            scope = purpose or scope
        fact = next(f for f in facts if f.id == ref)
        # (what the work is for, whose job a thing is: the objective or out-of-scope fact
        # answers whatever the question's other words)
        if ref != scope and not self._covers(fact.id, question, problem_id):
            # a neighbour of what is asked ("the CTR on desktop", "the average cost per
            # click" when the sheet gives neither): a near-tied fact that covers it, else
            # "no firm answer", which beats a wrong fact
            near_by = [
                r
                for r, x in ranked
                if r != ref
                and x >= max(FACT_MIN, score - FACT_COUNTED_MARGIN)
                and self._covers(r, question, problem_id)
            ]
            if not near_by:
                return Question(text=text, score=score), ranked
            ref, score = near_by[0], dict(ranked)[near_by[0]]
            fact = next(f for f in facts if f.id == ref)
        return Question(text=text, fact_id=fact.id, topic=fact.topic, score=score), ranked

    def _respelled(self, question: str) -> str:
        """The question with its misspellings of fact-sheet words put right: a word no sheet
        uses that is one slip from exactly one word the sheets use (two neighbours swapped;
        in a long word, a letter dropped or doubled). Substitutions are left alone ("rate" is
        no typo for "date"), and so are short words missing a letter ("tiles" is a word)."""

        def fixed(m: re.Match[str]) -> str:
            word = m.group(0)
            low = word.lower()
            if low in self._word_index or low in STOPWORDS or len(low) < TYPO_MIN:
                return word
            if any(low + e in self._word_index for e in _INFLECTIONS) or _DOUBLED_INFLECTION.search(
                low
            ):
                return word  # "contract" of "contracted", "sitting": words, not slips
            near = {
                t
                for t in _slips(low)
                if t in self._word_index and not (t.startswith(low) or low.startswith(t))
            }  # "positives", "compared": inflections, no slips for "positive", "compare"
            if not near and not (
                low.endswith(_INFLECTIONS) and _uninflected(low) & self._word_index.keys()
            ):
                # "coverng": a slip of an inflection ("covering") of a word the sheets use
                # ("hitting" is an inflection itself, of "hit")
                near = {
                    t
                    for t in _slips(low)
                    if t.endswith(_INFLECTIONS)
                    and _uninflected(t) & self._word_index.keys()
                    and not (t.startswith(low) or low.startswith(t))
                }
            return near.pop() if len(near) == 1 else word

        return _WORD_TOKEN.sub(fixed, question)

    def _in_sheet_words(self, question: str, problem_id: str) -> str:
        """The question with a word of a synonym class the sheet does not use put as the
        sheet says it ("moderators" -> "reviewers" where the sheet has reviewers, "logged
        out" -> "signed out"): the first word of the class the sheet uses."""
        for members, pattern in _SYNONYM_PATTERNS:
            if pattern.search(question) is None:
                continue
            said = [m for m in members if self._sheet_says(m, problem_id)]
            if not said:
                continue
            into = said[0]

            def put(m: re.Match[str], into: str = into) -> str:
                word = m.group(0).lower()
                if self._sheet_says(word.removesuffix("s"), problem_id) or self._sheet_says(
                    word, problem_id
                ):
                    return m.group(0)  # the sheet's own word stays
                plural = m.group("s") and not into.endswith("s")
                # "lookups" -> "searches", not "searchs"
                return into + (
                    ("es" if into.endswith(("ch", "sh", "x")) else "s") if plural else ""
                )

            question = pattern.sub(put, question)
        return question

    def sheet_text(self, problem_id: str) -> str:
        """All the sheet's facts (names, answers, anticipated phrasings), normalised."""
        return self._sheet_texts(problem_id)

    def _named_outright(self, asked: set[str] | frozenset[str], problem_id: str) -> Fact | None:
        """For a question of one or two content words, the one fact whose name or topic is
        exactly those words ("latency?" -> latency, "privacy?" -> privacy); none when no fact
        or several facts are so named ("scale?" on a sheet with scale-users and scale-qps)."""
        if len(asked) > NAMED_OUTRIGHT_WORDS:
            return None
        asked = asked - _ASPECT_OF_TOPIC or asked  # "freshness requirement": freshness
        facts = self.bank.problem(problem_id).facts
        named = [
            f
            for f in facts
            if asked == content_stems(f.id.replace("-", " "))
            or asked == content_stems(f.topic.replace("_", " "))
        ]
        return named[0] if len(named) == 1 else None

    def _covers(self, fact_id: str, question: str, problem_id: str) -> bool:
        """The fact can answer what the question asks for: the thing a measure question
        ("how many X", "what's the X of Y", "is there an X") is about is a word of the fact
        (its name, answer or anticipated phrasings; a close synonym counts), and a question
        for a number gets a fact that gives numbers."""
        users = self._fact_words(problem_id)
        fact = self.fact(problem_id, fact_id)
        asked = normalize(question)

        def has(word: str) -> bool:
            if fact_id in users.get(light_stem(word), ()):
                return True
            if "-" in word:
                # a compound means more than its parts and its vector is no guide
                # ("logged-out" sits near "log"): the fact must say it, hyphen or not
                said = normalize(expand(" ".join([fact.answer, *fact.asked_as])))
                return word.replace("-", " ") in said.replace("-", " ")
            return self._synonym_in(word, fact_id, problem_id)

        # a choice put to the interviewer ("what recall..., or is success framed around
        # prevalence?") asks which one holds: its first option's words need not be the fact's
        head = [] if ALTERNATIVES.match(question) else _asked_head(question)
        if any(w in _KINDS_OF_INFO for w in head):
            head = []  # "what signals do we log", "how much traffic": any fact may hold them
        if head and not any(
            has(w)
            or (
                (light_stem(w) in _TIME_UNITS or w in _WAIT_WORDS) and _DURATION.search(fact.answer)
            )
            for w in head  # "how many milliseconds", "the video length", "the delay": a duration
        ):
            return False
        if head and any(not has(w) for w in _modifiers(question, head)):
            return False  # "the dwell time per post": a time of dwelling, not any time
        if not all(has(w) for w in _qualifiers(question)):
            return False  # "the CTR on desktop versus mobile" of a fact without devices
        for of in _MEASURED_OF.finditer(asked):
            measured = " ".join(w for w in words(of.group("q")) if w not in _MEASURE_WORDS)
            if of.group("h") in head and not all(has(w) for w in _phrase(measured)):
                return False  # "the p99 latency of the targeting filters" of the request's
        counting = bool(_COUNTING.search(question) or _SHARE_ASKED.search(question))
        if counting and _MULTIPLE.search(question) and not _MULTIPLE.search(fact.answer):
            return False  # "how many advertisers run more than one campaign": not a count of ads
        if (m := _COMPARED_TO.search(asked)) is not None:
            # "is a typical session closer to five videos or twenty?": a number of what the
            # guess is said of, which a clause of the fact must name beside a number
            said = [w for w in _phrase(m.group("s")) if w not in _MEASURE_WORDS]
            if said and not any(
                _names(c, said[-1]) and _NUMBER_IN_ANSWER.search(c) for c in _clauses(fact.answer)
            ):
                return False
        if _VALUE_ASKED.search(question) and not _NUMBER_IN_ANSWER.search(fact.answer):
            return False  # "what's the demotion threshold" of "posts above a threshold"
        asked_pct = _percentiles(question)
        given_pct = _percentiles(fact.answer)
        if asked_pct and given_pct and not asked_pct & given_pct:
            return False  # "the p50 latency" of a fact that gives the p99
        if (_COUNT_OF.search(question) or _SHARE_ASKED.search(question)) and not all(
            has(v) for v in _counted_verbs(question)
        ):
            return False  # "how many posts does a user create": a count of posts created
        if (m := _THE_SUBJECT_DOES.search(asked)) is not None and not has(words(m.group("s"))[-1]):
            return False  # "how much GPU time does the current text classifier use"
        plural_does = _PLURAL_DOES.search(asked) or _COMPOUND_PLURAL_DOES.search(asked)
        if (m := plural_does) is not None and not has(m.group("v")):
            # "how many reviewers quit each month": the verb, or what it is done to ("how
            # many viewers fill in the monthly survey": the survey), must be the fact's
            after = [
                w
                for w in content_words(asked[m.end() :])
                if w not in _MEASURE_WORDS
                and light_stem(w) not in _TIME_UNITS
                and w not in _ONE_OF_MANY  # "every month": the time's determiner
            ]
            # ("how many graded pairs come in each month": a light verb with nothing after it
            # but a time says no more than the count does; "get it each month" has an object)
            light_alone = (
                m.group("v") in _LIGHT_VERBS
                and not after
                and not set(words(asked[m.end() :])[:1]) & _OBJECT_PRONOUNS
            )
            if (
                (_PLURAL.search(m.group("n")) or m.group("n") in _PEOPLE_WORDS)
                and not any(has(w) for w in after)
                and not light_alone
            ):
                return False
        if _COST_ASKED.search(question) and not any(
            _MONEY.search(c) and _NUMBER_IN_ANSWER.search(c) for c in _clauses(fact.answer)
        ):
            return False  # "how much does a review decision cost", "the average ad price"
        number = bool(_COUNTING.search(question) or _RATE_ASKED.search(question))
        if (number or head) and not all(has(m.group("q")) for m in _PER_UNIT.finditer(asked)):
            return False  # "how many reports per month" of a fact that counts per day
        if number:
            # a part of them from somewhere ("how many of those likes come from subscribers"):
            # a number said where the fact names that source, not only the source named (not a
            # count of all that arrive: "how many flags come in from users daily")
            sources = [
                h
                for m in _SHARE_FROM.finditer(asked)
                if _PARTITIVE.search(m.group(0)) and (h := _phrase_head(m["q"]))
            ]
            if _SHARE_ASKED.search(question):
                # ...and the part a share is of ("what share of ads are carousels"), when the
                # fact names it in its own words: a number said there, not only the part listed
                # among others (a synonym, "phones" for "mobile", is left to `has`)
                sources += [
                    h
                    for m in _SUBSET_ARE.finditer(asked)
                    if (h := _phrase_head(m["q"]))
                    and _PLURAL.search(h)
                    and h not in _THE_WHOLE
                    and any(_names(c, h) for c in _clauses(fact.answer))
                ]
            if sources and not any(
                _names(c, h) and _NUMBER_IN_ANSWER.search(c)
                for c in _clauses(fact.answer)
                for h in sources
            ):
                return False
            # a number; for a count or a rate ("how many X", "the average number of X",
            # "the X rate"), where the fact names X, a number in the same clause: "saves per
            # session" named beside "38% of sessions with a click" gives no rate of saves
            named = [
                clause
                for clause in _clauses(fact.answer)
                if (_COUNT_OF.search(question) or _RATE_ASKED.search(question))
                and any(_names(clause, w) for w in head)
            ]
            # of those, the clauses that name most of what else the question says: "how
            # many GPUs in the serving pool" is not "several hundred GPUs" for training
            # (not what it is set against: "the dislike rate compared to likes")
            said = [
                w for w in content_words(_CONTRAST_TAIL.sub("", asked)) if w not in _MEASURE_WORDS
            ]
            # a noun named only as a field in a parenthesised list ("user profile (age,
            # country, language, device)") is a kind of data there, not a thing counted
            if named and all(_listed_only(c, w) for c in named for w in head):
                return False
            fit = {c: sum(_names(c, w) for w in said) for c in named}
            best = [c for c in named if fit[c] == max(fit.values())]
            if head and not best and _COUNT_OF.search(question) and not self._phrased(fact, head):
                # what is counted or averaged is no word of the answer or its phrasings: a
                # clause saying it in other words, with a number; with a duration for a
                # length of time ("the average video length" is not "10 billion videos with
                # title, ..., duration"); a unit of time ("how many milliseconds") any duration
                if any(light_stem(w) in _TIME_UNITS_SAID for w in head):
                    return bool(_DURATION.search(fact.answer))
                timed = any(light_stem(w) in _TIME_UNITS for w in head)
                said_so = [c for c in _clauses(fact.answer) if self._speaks_of(c, head)]
                return any((_DURATION if timed else _NUMBER_IN_ANSWER).search(c) for c in said_so)
            if (
                _COUNT_OF.search(question)
                and head
                and all(_AGENT_PLURAL.match(w) and not _is_people(w) for w in head)
                and not any(
                    _NUMBER_IN_ANSWER.search(c) and _says_exactly(c, w)
                    for c in _clauses(fact.answer)
                    for w in head
                )
            ):
                # "how many raters does the vendor employ": a headcount, which the answer
                # gives beside the very word ("20,000 pairs" by "a rating vendor" counts pairs)
                return False
            given = best or [fact.answer]
            if head and all(light_stem(w) in _TIME_UNITS for w in head):
                # "the mean duration of a video": a length of time, not "10 billion videos
                # with title, ..., duration"
                return any(_DURATION.search(c) for c in given)
            if _SHARE_ASKED.search(question):
                # a share is a proportion: "1,500 posts per load" is no share of feed loads;
                # of things having something ("videos with no tags", "sessions that end with
                # a save"), the proportion is said where that something is named
                had = [_phrase_head(m.group("q")) for m in _SHARE_HAVING.finditer(asked)]
                if had := [h for h in had if h]:
                    given = [c for c in _clauses(fact.answer) if any(_names(c, h) for h in had)]
                return any(_PROPORTION.search(c) and _NUMBER_IN_ANSWER.search(c) for c in given)
            if _RATE_ASKED.search(question):
                # a rate is a ratio: "5 other reactions" beside "share" is no share rate
                return any(_RATIO.search(c) and _NUMBER_IN_ANSWER.search(c) for c in given)
            return any(_NUMBER_IN_ANSWER.search(c) for c in given)
        if (m := _LASTS_SUBJECT.search(asked)) is not None and not has(words(m.group("s"))[-1]):
            return False  # "how long does a feed session last" of a fact without sessions
        if _HOW_LONG.search(question):  # "how long does a reviewer take": a length of time
            # ("8 times a day" says how often, not how long)
            answer = _TIMES_PER_PERIOD.sub("", fact.answer)
            return bool(_DURATION.search(answer) or _LENGTH.search(answer))
        if _HOW_OFTEN.search(question):  # "how often does the score get updated": a rate
            return bool(_NUMBER_IN_ANSWER.search(fact.answer) or _OFTEN.search(fact.answer))
        return True

    def covers(self, fact_id: str, question: str, problem_id: str) -> bool:
        """`_covers` on the question as the fact sheet words it (typos, shorthand, synonyms)."""
        said = self._in_sheet_words(expand(self._respelled(question)), problem_id)
        return self._covers(fact_id, said, problem_id)

    def fact(self, problem_id: str, fact_id: str) -> Fact:
        """The fact of this id on the problem's sheet."""
        return next(f for f in self.bank.problem(problem_id).facts if f.id == fact_id)

    def _phrased(self, fact: Fact, head: list[str]) -> bool:
        """The fact's answer or anticipated phrasings use one of the words."""
        return any(_names(" ".join([fact.answer, *fact.asked_as]), h) for h in head)

    def _speaks_of(self, clause: str, head: list[str]) -> bool:
        """A clause of an answer uses one of the words, or a word close in meaning."""
        said = [w for w in words(normalize(clause)) if len(w) > 2 and not w.isdigit()]
        return any(
            _names(clause, h)
            or (h in _PEOPLE_WORDS and _PEOPLE_WORDS.intersection(said))
            or any(float(_word_vector(w) @ _word_vector(h)) >= SYNONYM_SIM for w in said)
            for h in head
        )

    def _synonym_in(self, word: str, fact_id: str, problem_id: str) -> bool:
        """A word close in meaning to one of the fact's own words ("kept" for "retained")."""
        own, vectors = self._fact_vectors(problem_id, fact_id)
        if not own:
            return False
        if word in own or word.removesuffix("s") in own:  # "likes" for "a like"
            return True
        if _root(word) in self._fact_roots(problem_id, fact_id):  # "retraining"/"retrained"
            return True
        if _is_people(word) and any(_is_people(w) for w in own):  # "people", "a member": users
            return True
        return float((vectors @ _word_vector(word)).max()) >= SYNONYM_SIM

    def _of_both_options(
        self, question: str, problem_id: str, ranked: list[tuple[str, float]]
    ) -> str | None:
        """For a question offering two options whose best retrieval hit clears the bar, the
        best near hit whose own words speak of both (`choices`); none when the question
        offers no choice or no near hit speaks of both."""
        options = offered_options(question)
        if options is None or not ranked or ranked[0][1] < FACT_MIN:
            return None
        top = ranked[0][1]
        fit = [
            r
            for r, x in ranked
            if x >= max(FACT_SIBLING_MIN, top - FACT_CHOICE_MARGIN)
            and speaks_of_both(self._own_stems(problem_id, r), options)
        ]
        return fit[0] if fit else None

    def _own_stems_uncached(self, problem_id: str, fact_id: str) -> frozenset[str]:
        fact = self.fact(problem_id, fact_id)
        return content_stems(
            expand(" ".join([fact.id.replace("-", " "), fact.answer, *fact.asked_as]))
        )

    def _own_word_fact(self, question: str, problem_id: str) -> str | None:
        """For a terse or yes/no question ("crop queries supported?", "personalized?"),
        which is little more than its nouns, the one fact whose own text (name and answer)
        uses its distinctive words, those no other fact of the sheet uses; none when there
        are no such words or they point to different facts."""
        if _WH_WORD.search(question):
            return None  # "how big is the ranking team": its question word says what it asks
        if len(content_words(question)) > OWN_WORD_WORDS:
            return None  # "does GDPR require consent before using the friendship graph": a
            # sentence, not a few nouns; one of its words being one fact's is no answer
        users = self._fact_words(problem_id)
        owners = {
            next(iter(users[w])) for w in content_stems(question) if len(users.get(w, ())) == 1
        }
        return next(iter(owners)) if len(owners) == 1 else None

    def _terse_grounded(
        self, text: str, question: str, problem_id: str, ranked: list[tuple[str, float]]
    ) -> str | None:
        """For a terse ask of a few nouns ("Languages?", "Catalog size and growth?", "Watch
        time?", "Advertiser count?"), whose embedding says little, the fact whose own text
        (name and answer) uses most of the nouns asked about, measure words aside; of those,
        one named by them, and for a count one that puts a number before the noun ("2
        million advertisers"); ties go to retrieval's order. Taken when retrieval rates it a
        near hit, or when it uses every noun asked about; none when no fact uses any (but for
        a single retrieved fact saying one of them in other words)."""
        said = [w for w in words(normalize(text)) if w not in _NOUN_LINKS]
        if len(said) > OWN_WORD_WORDS or any(w in STOPWORDS or len(w) < 2 for w in said):
            return None  # a sentence ("can people circle a part of the photo?"), not nouns
        asked = content_stems(_HOW_MEASURE.sub(" ", question))
        terms = asked - _TERSE_MEASURE_STEMS
        if not terms or not ranked:
            return None
        users = self._fact_words(problem_id)
        answers = {f.id: f.answer for f in self.bank.problem(problem_id).facts}
        counting = bool(asked & _COUNT_NOUN_STEMS)

        def support(ref: str) -> tuple[int, bool, bool]:
            used = [w for w in terms if any(ref in users.get(f, ()) for f in _verb_forms(w))]
            return (
                len(used),
                any(w in content_stems(ref.replace("-", " ")) for w in used),  # its name
                counting and any(_number_before(answers[ref], w) for w in used),
            )

        # every fact of the sheet, retrieval's order first: a few nouns may miss the one
        # fact whose name they say ("corpus growth?": image-corpus)
        hits = dict(ranked)
        refs = [*hits, *(f.id for f in self.bank.problem(problem_id).facts if f.id not in hits)]
        scored = [(support(r), r) for r in refs]
        best = max(score for score, _ in scored)
        if best[0] == 0:
            # no fact says the noun itself: one that says it in other words, when only one does
            near = [r for r, _ in ranked if any(self._synonym_in(w, r, problem_id) for w in terms)]
            return near[0] if len(near) == 1 else None
        pick = next(r for score, r in scored if score == best)  # the first: retrieval's order
        hit = hits.get(pick, 0.0)
        return pick if hit >= FACT_OWN_WORD_MIN or best[0] == len(terms) else None

    def _counted(self, question: str, problem_id: str, refs: list[str]) -> str | None:
        """Of near-tied facts, the one whose answer uses the head noun of a counting question
        ("how many X", "how much X") when it is the only one that does."""
        m = _HOW_MANY.search(question)
        if m is None:
            return None
        head = light_stem(m.group(1).lower())
        answers = {f.id: f.answer for f in self.bank.problem(problem_id).facts}
        using = [r for r in refs if head in {light_stem(w) for w in words(answers[r])}]
        if len(using) > 1:
            # several answers name the noun ("Posts are text, photos..." and "1,500 unseen
            # eligible posts"): the one that counts it, when only one does
            using = [r for r in using if _number_before(answers[r], head)] or using
        return using[0] if len(using) == 1 else None

    def _counted_bare(self, question: str, problem_id: str) -> str | None:
        """A bare count ("how many languages?", "and how many reviewers"), whose embedding
        says little: the one fact whose answer puts a number before the noun ("more than 60
        languages"); none when no fact or several do."""
        m = _BARE_COUNT.match(question)
        if m is None:
            return None
        stem = light_stem(m.group(1).lower())
        using = [
            f.id for f in self.bank.problem(problem_id).facts if _number_before(f.answer, stem)
        ]
        return using[0] if len(using) == 1 else None

    def _objective(self, question: str, problem_id: str) -> str | None:
        """A short question about what the work is for ("what are we optimizing for", "what
        does leadership track") asks for the problem's business objective, however unlike
        the sheet's phrasings it is worded."""
        said = [w for w in content_words(question) if w not in _OBJECT_PRONOUNS]
        if not _GOAL_QUESTION.search(question) or len(said) > GOAL_WORDS:
            return None  # ("which KPI tells us...": "us" says nothing of what is meant)
        return self._fact_of_topic("business_objective", problem_id)

    def whose_job(self, question: str, problem_id: str) -> str | None:
        """The out-of-scope fact, when the question asks whether something is the
        candidate's to build ("is that us?"); else none."""
        return self._scope(question, problem_id)

    def _scope(self, question: str, problem_id: str) -> str | None:
        """A question whether something is the candidate's to build ("who handles budget
        pacing, is that on me?", "is X part of what I rank?") asks for what is out of scope,
        however unlike the sheet's phrasings it is worded."""
        if not _SCOPE_QUESTION.search(question):
            return None
        return self._fact_of_topic("out_of_scope", problem_id)

    def _fact_of_topic(self, topic: str, problem_id: str) -> str | None:
        """The sheet's one fact on a topic; none when it has none or several."""
        found = [f.id for f in self.bank.problem(problem_id).facts if f.topic == topic]
        return found[0] if len(found) == 1 else None

    def _fact_words_uncached(self, problem_id: str) -> dict[str, set[str]]:
        """Per content word (stemmed), the facts of the sheet whose name or answer uses it."""
        users: dict[str, set[str]] = {}
        for fact in self.bank.problem(problem_id).facts:
            for w in content_stems(f"{fact.id.replace('-', ' ')} {fact.answer}"):
                users.setdefault(w, set()).add(fact.id)
        return users

    def _sheet_text_uncached(self, problem_id: str) -> str:
        return normalize(
            " ".join(
                f"{f.id.replace('-', ' ')} {f.answer} {' '.join(f.asked_as)}"
                for f in self.bank.problem(problem_id).facts
            )
        )

    def _sheet_stems_uncached(self, problem_id: str) -> frozenset[str]:
        return content_stems(self.sheet_text(problem_id))

    def sheet_stems(self, problem_id: str) -> frozenset[str]:
        """The content stems of `sheet_text` (cached: the sheet is knowledge)."""
        return self._sheet_stems(problem_id)

    def _sheet_says_uncached(self, phrase: str, problem_id: str) -> bool:
        return _said_in(phrase, self.sheet_text(problem_id))

    def _anticipated_uncached(
        self, problem_id: str
    ) -> tuple[tuple[tuple[Fact, frozenset[str], bool], ...], dict[str, tuple[int, ...]]]:
        """Every anticipated phrasing of the sheet's facts, in order, as (its fact, its content
        stems, whether it is dense enough to be restated: two content words or more, at least
        half its words), for `match_ranked`'s exact check; with the phrasings (positions in
        that order) by content stem."""
        phrasings = tuple(
            (fact, known, len(known) >= 2 and 2 * len(known) >= len(words(phrasing)))
            for fact in self.bank.problem(problem_id).facts
            for phrasing in fact.asked_as
            for known in (content_stems(phrasing),)
        )
        by_stem: dict[str, list[int]] = {}
        for at, (_, known, _) in enumerate(phrasings):
            for w in known:
                by_stem.setdefault(w, []).append(at)
        return phrasings, {w: tuple(ats) for w, ats in by_stem.items()}

    def _fact_roots_uncached(self, problem_id: str, fact_id: str) -> frozenset[str]:
        return frozenset(_root(w) for w in self._fact_terms[(problem_id, fact_id)])

    def _fact_vectors_uncached(self, problem_id: str, fact_id: str) -> tuple[list[str], Any]:
        """A fact's own words (name, answer, anticipated phrasings) and their vectors."""
        own = self._fact_terms[(problem_id, fact_id)]
        return own, self._word_vectors[[self._word_index[w] for w in own]]

    def _dense(
        self, fact_id: str, problem_id: str, whole: float, vector: Any, asked: frozenset[str]
    ) -> float:
        """A fact's closeness to a question: its whole document's cosine, raised halfway
        toward its closest single phrasing (or its answer) when that is closer. Only phrasings
        sharing a content word with the question count (a short phrasing is close to any
        question of its shape: "what share of X are Y"), and only when the question says two
        things besides its "how long" ("how long is it kept": too little to go on)."""
        if len(asked) < PULL_WORDS:
            return whole
        span = self._phrasing_rows[(problem_id, fact_id)]
        rows = [k for k in range(span.start, span.stop) if self._phrasing_stems[k] & asked]
        if not rows:
            return whole
        best = float((self._phrasing_vectors[rows] @ vector).max())
        return whole + FACT_PHRASING_PULL * max(0.0, best - whole)

    def _ranked_uncached(self, question: str, problem_id: str) -> list[tuple[str, float]]:
        hits = self.retriever.search(question, k=FACT_HITS, kind="fact", problem_id=problem_id)
        vector = _word_vector(question)
        asked = content_stems(_HOW_MEASURE.sub(" ", question))  # what, not "how long"
        scored = [
            (
                h.meta["ref"],
                round(
                    self._dense(h.meta["ref"], problem_id, h.dense or 0.0, vector, asked)
                    + FACT_LEXICAL_WEIGHT * (h.lexical or 0.0),
                    4,
                ),
            )
            for h in hits
        ]
        return sorted(scored, key=lambda rs: -rs[1])  # stable: retrieval order breaks ties


# the measure a question asks for, part of its shape: "how long" shares no subject
_HOW_MEASURE = re.compile(r"\bhow (?:long|many|much|often|big|large|far|fast|soon)\b", re.I)
_WORD_TOKEN = re.compile(r"\b[A-Za-z]+\b")
TYPO_MIN = 4  # shorter words are left as typed
TYPO_LONG = 7  # a dropped or doubled letter is a typo only in a word this long


_INFLECTIONS = ("ing", "ed")
# "sitting", "planned": a consonant doubled before -ing/-ed is spelling, not a slip ("siting")
_DOUBLED_INFLECTION = re.compile(r"([b-df-hj-np-tv-z])\1(?:ing|ed)$")


def _uninflected(word: str) -> set[str]:
    """The bases an -ing or -ed form may come from ("covering" -> cover, covere, cove)."""
    stem = word.removesuffix("ing") if word.endswith("ing") else word.removesuffix("ed")
    doubled = {stem[:-1]} if len(stem) > 2 and stem[-1] == stem[-2] else set()  # "hitting"
    return {stem, stem + "e", *doubled} if len(stem) >= 2 else set()


def _slips(word: str) -> set[str]:
    """The words one typing slip away: two neighbours swapped, or (long words) one letter
    dropped or one letter too many."""
    out = {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    if len(word) >= TYPO_LONG:
        out |= {word[:i] + word[i + 1 :] for i in range(len(word))}  # one letter too many
        out |= {
            word[:i] + c + word[i:]
            for i in range(1, len(word) + 1)
            for c in "abcdefghijklmnopqrstuvwxyz"
        }  # one letter dropped
    out.discard(word)
    return out


_WH_WORD = re.compile(r"\b(?:what|what's|which|how|who|when|where|why)\b", re.I)

# What a measure question asks about: "how many engineers", "what's the average cost per
# click", "what share of images", "is there a frequency cap", "do we know the CTR on...":
# the words after the question's lead, up to a function word, a verb-like word or a comma.
_ASKED_LEAD = re.compile(
    r"^(?:.*?\b)?(?:how (?:many|much)|whats? (?:the|our|a|an|their)"
    r"|how (?:big|large|small)(?: is| are| was)? (?:the|our|their)"
    # a bare noun phrase asked about ("tell me about the CTR on photo posts", unframed)
    r"|^(?:the|our)(?= [a-z0-9'-]+ [a-z0-9'-]+)"
    r"|what(?:'s| is| are| was) (?:the|our|a|an|their)"
    r"|(?:is|are) there (?:an?|any|some)?|do we (?:have|know) (?:an?|any|the)"
    r"|(?:know|have|is there) (?:anything|something|much) (?:about|on)(?: the)?"
    r"|(?:what|which)(?= [a-z0-9'-]+(?: [a-z0-9'-]+)? (?:is|are|was|were|do|does|did|have|has)\b)"
    r"|what (?:share|fraction|percentage|proportion|percent) of)\s+(?P<np>[a-z0-9' -]+)"
)
# words that say how, not what, is measured: "the average X", "the number of X", "a hard cap"
_MEASURE_WORDS = word_set(
    "average typical mean overall current exact rough approximate total expected "
    "usual number count headcount rate ratio share fraction percentage percent proportion part "
    "portion amount level cadence frequency volume size kind type sort breakdown split "
    "distribution max maximum min minimum "
    # ...or that only frame the question: "what's the deal with X", "what are our options"
    "deal story situation status thing things picture setup options choices numbers "
    "figures stats statistics info information estimate estimates "
    # ...or say "a number" or "a part" loosely: "which figure", "what chunk", "what slice"
    "figure chunk chunks slice slices"
)
# what a terse ask measures, not what it is about ("size", "growth", "churn"): the nouns left
# say which fact; a count ("count", "number", "size") wants a number said before its noun
_TERSE_MEASURE_STEMS = frozenset(
    light_stem(w) for w in words("growth churn turnover trend change changes")
) | frozenset(light_stem(w) for w in _MEASURE_WORDS)
_COUNT_NOUN_STEMS = frozenset(light_stem(w) for w in words("count number size headcount"))
_NOUN_LINKS = word_set("and or plus per of the a vs")  # "size and growth", "uploads per day"
NUMBER_BEFORE_WORDS = 3  # "2 million advertisers", "about 15,000 contracted reviewers"
SION_MIN = 7  # "evasion", "division"; not "vision" or "mission" alone


def _verb_forms(stem: str) -> tuple[str, ...]:
    """A word and, for a noun in "-sion", the verb it is made from as a stem ("evasion":
    evade; "exclusion": exclude; "expansion": expand); the verb form a fact says it in."""
    if not stem.endswith("sion") or len(stem) < SION_MIN:
        return (stem,)
    return stem, light_stem(stem[:-4] + "de"), light_stem(stem[:-4] + "d")


_PARENTHESISED = re.compile(r"\([^()]*,[^()]*\)")


def _listed_only(clause: str, word: str) -> bool:
    """Every use of the word in the clause is a bare item of a parenthesised list: an item
    with no number of its own ("language" in "(age, country, language, device)"; not
    "category from a 400-class taxonomy")."""
    if _names(_PARENTHESISED.sub(" ", clause), word):
        return False
    items = [i for m in _PARENTHESISED.finditer(clause) for i in m.group(0).strip("()").split(",")]
    naming = [i for i in items if _names(i, word)]
    return bool(naming) and not any(_NUMBER_IN_ANSWER.search(i) for i in naming)


def _number_before(answer: str, stem: str) -> bool:
    """The answer says a number at most a few words before the word ("2 million advertisers")."""
    toks = words(normalize(answer))
    return any(
        light_stem(t) == stem
        and any(_NUMBER_IN_ANSWER.search(p) for p in toks[max(0, k - NUMBER_BEFORE_WORDS) : k])
        for k, t in enumerate(toks)
    )


# heads that name a kind of information, not one thing: the sheet words it its own way
_KINDS_OF_INFO = word_set(
    "data signal signals metric metrics kpi kpis traffic load scale feature features "
    "constraint constraints requirement requirements limit limits label labels log logs "
    "hardware compute resources numbers info information details queries "
    "requests qps rps items positives negatives stuff"
)
_AMOUNT_LEAD = re.compile(r"\bhow much\s*$")
_COUNTED_LEAD = re.compile(
    r"\bhow many\b|\b(?:share|fraction|percentage|proportion|percent|number) of\s*$"
)
_PLURAL = re.compile(r"[^su]s$")
HEAD_WORDS = 3  # a noun phrase is at most this many words besides measure words
_HEAD_AFTER = ("of", "with", "for", "on", "about")  # "the number of X", "the deal with X": X
# word endings that leave the same thing ("retraining"/"retrained", "violations"/"violate");
# not any shared prefix: "counts" is no "country", "stored" no "storage"
_ENDING = re.compile(r"(?:ions?|ings?|able|ers?|ed|es|e|s|ly|al|ity)$")
ROOT_MIN = 4  # shorter roots only match themselves
# words for the people a product serves: a count of "people" is a count of its "users"
_PEOPLE_WORDS = word_set(
    "people persons folks individuals humans users members viewers customers visitors crowd"
)


# "raters", "engineers", "moderators": those who do something, counted by headcount
_AGENT_PLURAL = re.compile(r"^[a-z]{3,}(?:er|or|ist)s$")


def _says_exactly(clause: str, word: str) -> bool:
    """The clause uses the word itself, singular or plural (not a word derived from its root:
    "rating" is no "raters")."""
    one = word.removesuffix("s")
    return any(w.removesuffix("s") == one for w in words(normalize(clause)))


def _is_people(word: str) -> bool:
    """A word for the people a product serves, singular or plural ("member", "users")."""
    return word in _PEOPLE_WORDS or word + "s" in _PEOPLE_WORDS


SYNONYM_SIM = 0.5  # word vectors this close: the same thing in other words ("kept"/"retained")
# a question for a number: its fact must give one
_COUNTING = re.compile(
    r"\bhow many\b|\bhow (?:big|large|small)(?: is| are| was)? (?:the|our|their)\b"
    r"|\bwhat (?:share|fraction|percentage|proportion|percent) of\b"
    r"|\bwhat(?:'s| is) the (?:\w+ )?(?:number|percentage|share|fraction|rate) of\b"
    r"|\bwhat(?:'s| is) the (?:average|typical|mean|median)\b",
    re.I,
)
_COUNT_OF = re.compile(
    r"\bhow many\b|\bhow (?:big|large|small)(?: is| are| was)? (?:the|our|their)\b"
    r"|\bnumber of\b|\bwhat(?:'s| is) the (?:average|typical|mean|median)\b",
    re.I,
)
_PERCENTILE = re.compile(r"\b(?:p(\d{2,3})|(median))\b", re.I)


def _percentiles(text: str) -> set[str]:
    """The latency percentiles a text names ("p99", "median" as p50)."""
    return {m.group(1) or "50" for m in _PERCENTILE.finditer(text)}


# a rate or share asked for, and the ratio an answer gives it as: "4%", "one in every five
# posts", "per impression", "half of those", "10 views per 10,000"
_RATE_NOUNS = word_set("rate ratio")
_SHARE_ASKED = re.compile(
    r"\bwhat(?:'s| is)? (?:the )?(?:share|fraction|percentage|proportion|percent) of\b"
    # "how many of the posts come from groups": a part of a whole, a share
    r"|\bhow many of (?:the|our|those|these|all(?: the)?)\b",
    re.I,
)
_RATIO = re.compile(
    r"%|\bper(?:cent)?\b|\bin (?:every|each)\b|\bout of\b|\bone in\b|\bhalf\b|\bthirds?\b"
    r"|\bquarters?\b|\bx\b|\btimes\b",
    re.I,
)
# "what share of posts contain a link": what the counted things have is part of the question
_SHARE_HAVING = re.compile(
    r"\b(?:share|fraction|percentage|proportion|percent|%) of (?:[a-z0-9'-]+ ){1,3}?"
    r"(?:(?:contain|contains|have|has|include|includes|carry|carries) "
    r"(?:a |an |any |some |no |at least one )?|end (?:with|in) (?:a |an |any |at least one ))"
    r"(?P<q>[a-z0-9' -]+)"
)
# "how much does X cost", "what did X charge", "the cost per click", "...in dollars": an amount
# of money, which a clause of the fact must give (a number beside a currency or "cost")
_COST_ASKED = re.compile(
    r"\bhow much (?:does|do|did|will|would|should) [a-z0-9' -]{1,60}? "
    r"(?:cost|charge|pay|bid|spend)\b"
    # ...asked inside a statement, the verb after its subject ("do we know how much an
    # average advertiser bids per click")
    r"|\bhow much (?:a|an|the|each|every|one|our) [a-z0-9' -]{1,60}? (?:costs|charges|pays|bids|"
    r"spends)\b"
    # ("what does a click cost the brand"; not "what does a pass cost us in GPU time")
    r"|\bwhat (?:does|do|did|will|would) [a-z0-9' -]{1,60}? "
    r"(?:cost(?!(?: \w+)? in\b)|charge|pay|bid|spend)\b"
    r"|\bwhat(?:'s| is| are) the (?:\w+ ){0,2}(?:cost|price)s?(?: (?:of|per)\b|\W*$)"
    r"|\bin (?:dollars|euros|money)\b"
    # "more like ten cents or a couple of dollars": an amount of money guessed at
    r"|\b(?:\d[\d.,]*|a|one|two|three|five|ten|twenty|fifty|hundred|few|couple of) "
    r"(?:cents?|dollars?|euros?|bucks)\b"
    # a budget or spend over a period of the calendar is money (a latency budget is per request)
    r"|\b(?:annual|yearly|quarterly|monthly|weekly) (?:\w+ )?(?:budget|spend)\b"
    r"|\b(?:budget|spend)\b[^.?!]*\b(?:this|next|last|per|a|each) (?:year|quarter|month)\b",
    re.I,
)
_MONEY = re.compile(r"[$€£]|\b(?:dollars?|euros?|cents?|usd|costs?|price[sd]?|spend)\b", re.I)
_HOW_OFTEN = re.compile(r"\bhow (?:often|frequently)\b", re.I)
# "the save rate", "the click rate per session": a rate asks for a number too
_RATE_ASKED = re.compile(r"\bwhat(?:'s| is) (?:the|our) (?:[a-z-]+ ){1,2}rate\b", re.I)
# "how long does X take", "how long until...": a length of time (or of text: "how long can
# a post be" is answered in characters); not "do we log how long a post is on screen"
# "how long does a typical feed session last": the thing whose length is asked, which the fact
# must name
_LASTS_SUBJECT = re.compile(
    r"\bhow long (?:does|do|did|will|would) (?:a|an|the|each|every|one|our|your)? ?"
    r"(?:typical |average |usual |median )?"
    r"(?P<s>(?:(?!(?:it|take|to|that|this)\b)[a-z0-9'-]+ ){0,2}"
    r"(?!(?:it|take|to|that|this)\b)[a-z0-9'-]+) (?:last|run|stay|go on)\b"
)
# "8 times a day", "twice a week": a frequency, whose "a day" is no length of time
_TIMES_PER_PERIOD = re.compile(
    r"\b(?:times|once|twice) (?:a|an|per|each|every) (?:day|hour|week|month|year|session)\b", re.I
)
_HOW_LONG = re.compile(r"^\W*(?:(?:so|and|also|ok|okay|then|roughly)\W+)*how long\b", re.I)
_LENGTH = re.compile(r"\d[\d,.]*\s?(?:characters?|words?|pixels?|km|kilometers?|miles?)\b", re.I)
# a clause of an answer: cut at ", " ";" ":" and " and " is too fine ("likes, comments and
# shares"), so at a comma or semicolon followed by a word that starts a new clause
_CLAUSE_CUT = re.compile(
    r"[;:]\s+|,\s+(?=(?:and|but|while|whereas|which|ranging|with|each|the|it|they|we|so)\b)"
    r"|\.\s+",
    re.I,
)


def _clauses(text: str) -> list[str]:
    """The clauses of an answer, each with the numbers said in it."""
    return [c for c in _CLAUSE_CUT.split(text) if c.strip()]


def _names(clause: str, word: str) -> bool:
    """The clause uses the word, inflected or derived ("saves" for "save")."""
    stem, root, one = light_stem(word), _root(word), word.removesuffix("s")
    said = [w.removesuffix("'s") for w in words(normalize(clause))]  # "the team's": team
    return any(
        light_stem(w) == stem or _root(w) == root or w.removesuffix("s") == one for w in said
    )


_OFTEN = re.compile(
    r"\b(?:several|daily|hourly|weekly|monthly|yearly|real[- ]time|continuous\w*|per (?:day|"
    r"hour|week|month))\b",
    re.I,
)
# a number said in words; not "one of the objects", which picks one, not counts
_NUMBER_IN_ANSWER = re.compile(
    r"\d|\b(?:one(?! of\b)|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"dozen|hundred|thousand|million|billion|half|once|twice)\b",
    re.I,
)
# a unit of time as what is counted ("how many milliseconds"), or a length of time, asks for
# a duration
_TIME_UNITS = frozenset(
    light_stem(w)
    for w in words(
        "ms milliseconds seconds minutes hours days weeks months years length duration period "
        "span window retention horizon lifetime lifespan"
    )
)
# ...of which the units themselves: any duration gives them
_TIME_UNITS_SAID = frozenset(
    light_stem(w)
    for w in words("ms milliseconds seconds minutes hours days weeks months years lifespan")
)
_DURATION = re.compile(
    r"\b(?:\d[\d,.]*|a|an|a few|few|several|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"thirteen)\s?"
    r"(?:ms|milliseconds?|seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b",
    re.I,
)
# "X versus Y", "X rather than Y", "X compared to Y": a contrast of two things
_CONTRAST = re.compile(
    r"\b(?P<a>[a-z0-9'-]+)\s+(?:versus|vs\.?|rather than|other than|compared (?:to|with))\s+"
    r"(?:the |a |an |our )?(?P<b>[a-z0-9' -]+)"
)
# "a breakdown of violations by country": the dimension a measure is split along
_MEASURE_ASKED = re.compile(r"\b(?:breakdown|broken down|split|distribution|share|rate)\b")
_BROKEN_DOWN = re.compile(r"\bby (?:the |each |a )?(?P<q>[a-z0-9' -]+)")
# The words of a part of a whole, before "of".
_SHARE_WORDS = r"(?:share|fraction|percentage|proportion|percent|%)"
# "what percentage of ad requests come from logged-out users": the part a share is of
_SHARE_FROM = re.compile(
    r"\b(?:how many|" + _SHARE_WORDS + r" of) [a-z0-9' -]+? "
    r"(?:from|among) "
    r"(?:the |a |an |our )?(?P<q>[a-z0-9' -]+)"
)
# ...said as a part of those counted ("how many of those likes come from subscribers"), not a
# count of all that arrive from there ("how many flags come in from users daily")
_PARTITIVE = re.compile(r"\b(?:how many|" + _SHARE_WORDS + r") of\b")
# "how many of them are close friends", "what share of users are in the EU": the part of a
# counted group a share or count is of, said after "are" (things, or a place: not how they
# are, "live at once", "actually violating")
# ...but a place that is the whole product holds all of them ("are in the system")
_THE_WHOLE = word_set(
    "system platform product app service site website catalog catalogue inventory total"
)
_SUBSET_ARE = re.compile(
    r"\b(?:how many|(?:share|fraction|percentage|proportion|percent|%) of) (?:of )?"
    r"[a-z0-9' -]+? (?:are|is|were|was) (?P<at>in |on |from |among )?(?:the |a |an |our )?"
    r"(?P<q>[a-z0-9' -]+)"
)
# "what share of searches happen on desktop": where the part a share is of takes place
_SHARE_WHERE = re.compile(
    r"\b(?:how many|(?:share|fraction|percentage|proportion|percent|%) of) [a-z0-9' -]+? "
    r"(?:happen|happens|occur|occurs|take place|takes place|come in|comes in|are made|is made) "
    r"(?:on|in|at|via|through) (?:the |a |an |our )?(?P<q>[a-z0-9' -]+)"
)
# "what share of daily users watch on a TV": a share of those doing anything on a device or
# through a channel, which the fact must name
_SHARE_ON_DEVICE = re.compile(
    r"\b(?:share|fraction|percentage|proportion|percent|%) of (?:[a-z0-9'-]+ ){1,3}?"
    r"(?!(?:are|is|were|was)\b)[a-z'-]+ (?:on|via|through) (?:the |a |an |our |their )?"
    r"(?P<q>[a-z0-9'-]+(?: [a-z0-9'-]+)?)\W*$"
)
# "the CTR on desktop", "the click-through rate for link posts": what a rate is asked on
_RATE_ON = re.compile(
    r"\b(?:rate|ctr|click-through rate|share|percentage|ratio)\s+(?:on|for|among)\s+"
    r"(?:the |a |an |our )?(?P<q>[a-z0-9' -]+)"
)
# "our competitor's CTR", "Google's ad network": the owner named before a thing asked about;
# not "what's", "it's", "let's" (contractions), nor "someone's" (anyone: no one in particular)
_POSSESSOR = re.compile(
    r"\b(?!(?:what|that|it|there|here|who|how|where|when|why|he|she|let|one|(?:some|any|every|"
    r"no)(?:one|body))'s)(?P<q>[a-z][a-z0-9-]*)'s\b"
)
_ANY_PERSON = word_set(
    "stranger someone somebody anyone anybody everyone everybody person other another"
)
_CONTRAST_TAIL = re.compile(r"\b(?:versus|vs\.?|rather than|compared (?:to|with)|than)\b.*$")
# "per month", "per session": the unit a rate or count is asked in
_PER_UNIT = re.compile(r"\bper (?:the |each |a |an |one )?(?P<q>[a-z-]+)")
# "how many advertisers run more than one campaign", "posts reported by several users": a count
# of those with many of something, which a fact gives only when it speaks of such a multiple
_MULTIPLE = re.compile(
    r"\b(?:more than (?:one|a single|once)|several|multiple|(?:two|2) or more|at least (?:two|2)|"
    r"many different)\b",
    re.I,
)
# a share or fraction is a proportion: a percentage, "half", "one in five", "out of"; "1,500
# posts per load" is a rate, no share of anything
_PROPORTION = re.compile(
    r"%|\bper ?cent\b|\bout of\b|\bone in\b|\bhalf\b|\bthirds?\b|\bquarters?\b|\bmost\b",
    re.I,
)
# "what's the demotion threshold", "the cutoff for auto-removal": a value asked for
_VALUE_ASKED = re.compile(
    r"\bwhat(?:'s| is| are)? (?:the|our) (?:[a-z-]+ ){0,3}(?:threshold|cut-?off)s?\b", re.I
)
# "the p99 latency of the upstream filters", "the latency of the current system": what a
# measure is taken of, after its head noun
_MEASURED_OF = re.compile(
    r"\b(?P<h>[a-z0-9-]+) of (?:the |a |an |our |one |each |a single |that |this )?"
    r"(?P<q>[a-z0-9' -]+)"
)
# what ends a noun phrase: a function word, a preposition, a verb form
_NP_STOP = STOPWORDS | word_set(
    "per versus vs across between via like besides beyond except than into after behind "
    "beside along among toward towards "
    "before within without including end ends get gets go goes come comes turn turns "
    "make makes take takes happen happens show shows appear appears use uses need "
    "needs work works see sees look looks "
    # adverbs end a noun phrase ("how many people actually use it": people)
    "actually really even currently typically usually normally generally ever still already "
    "truly honestly"
)
_NP_END = re.compile(r"(?:ed|ing)$")
_OBJECT_PRONOUNS = word_set("us me you them him her it")


def _asked_head(question: str) -> list[str]:
    """The head of what a measure question asks about ("how many data scientists" ->
    scientists; "the retraining cadence" -> retraining; "the split of ad spend" -> spend),
    with an alternative put beside it ("queries or requests": either); empty when the
    question has no such shape. The head is the phrase's last word that is not a measure
    word, or the phrase after "of" when all of it is."""
    m = _ASKED_LEAD.search(normalize(question))
    if m is None:
        return []
    phrase: list[str] = []
    toks = words(m.group("np"))
    alternative: list[str] = []
    # what a count or share is of is plural: its first plural word ends the phrase ("how
    # many tiles fit on a page": tiles, not "fit"; "how many ad candidates land...")
    counts = _COUNTED_LEAD.search(m.group(0)[: m.start("np")]) is not None
    # an amount ("how much content lands ...") is of a mass noun: a word in -s after it is its
    # verb, not more of the noun
    amount = _AMOUNT_LEAD.search(m.group(0)[: m.start("np")]) is not None
    for k, w in enumerate(toks):
        if counts and phrase and _PLURAL.search(phrase[-1]) and phrase[-1] not in _MEASURE_WORDS:
            break
        if amount and phrase and _PLURAL.search(w) and not _PLURAL.search(phrase[-1]):
            break
        if (
            w in _HEAD_AFTER
            and phrase
            and all(p in _MEASURE_WORDS or p in _COLLECTIVE for p in phrase)
        ):
            phrase = []  # "the number of X", "the deal with X", "a crew of X": X
            continue
        if w == "or" and phrase:
            alternative = [_phrase_head(" ".join(toks[k + 1 :]))]  # "AUC or log loss": loss
        named = [p for p in phrase if p not in _MEASURE_WORDS]
        rest = toks[k + 1 : k + 3]
        # "the ads ranking team": a verb form inside a compound noun, its one noun after it
        compound = (
            len(rest) >= 1
            and rest[0] not in _NP_STOP
            and rest[0] not in _OBJECT_PRONOUNS  # "requests hitting us": a verb and its object
            and not _NP_END.search(rest[0])
            and (len(rest) == 1 or rest[1] in _NP_STOP)
        )
        if (
            w in _NP_STOP
            or (_NP_END.search(w) and phrase and not compound)
            or len(named) >= HEAD_WORDS
        ):
            break
        phrase.append(w)
    named = [w for w in phrase if w not in _MEASURE_WORDS and not w.isdigit()]
    if not named and len(phrase) >= 2 and phrase[-1] in _RATE_NOUNS:
        named = [phrase[-2]]  # "the share rate": a rate of shares, "share" is what is rated
    if not named and toks:  # "anything about how many crops...": the question inside
        return _asked_head(m.group("np"))
    if len(named) >= 2 and named[-1] in _COLLECTIVE - _TEAMS:
        named = named[:-1]  # "the review workforce", "the GPU pool": what it is made of
    return [named[-1], *(a for a in alternative if a)] if named else []


# nouns for a body of people or things, which say what it is made of by a word beside them
# ("a crew of moderators", "the review workforce"); a team is a body of its own ("how big is
# the ranking team": the team, which no sheet counts), named by what it works on
_TEAMS = word_set("team teams group groups")
_COLLECTIVE = _TEAMS | word_set("crew crews workforce staff pool pools army fleet")


# heads that say little alone: what they are of is the noun before them ("dwell time",
# "load time", "quality score")
_GENERIC_HEADS = word_set("time times score scores quality speed")
# ...but a time of getting something done is any time the fact gives ("turnaround time")
_DONE_IN_TIME = word_set("turnaround response wait waiting lead processing round-trip cycle")
# a head that is itself a length of time to wait ("the delay between...", "the lag before...")
_WAIT_WORDS = word_set(
    "delay delays lag lags wait waits gap turnaround response-time turnaround-time wait-time"
)


def _modifiers(question: str, head: list[str]) -> list[str]:
    """The noun before a generic head of what is asked ("the average dwell time" -> dwell),
    which the fact must also say; none for other heads or when a measure word precedes."""
    out = []
    for h in head:
        if h not in _GENERIC_HEADS:
            continue
        m = re.search(r"([a-z][a-z'-]*)\s+" + re.escape(h) + r"\b", normalize(question))
        if m is None:
            continue
        w = m.group(1).removesuffix("'s")
        if w in _DONE_IN_TIME and h.startswith("time"):
            continue
        if w not in _NP_STOP and w not in _MEASURE_WORDS and not _NP_END.search(w):
            out.append(w)
    return out


def _qualifiers(question: str) -> list[str]:
    """What a measure is asked of beyond its head: both sides of a contrast
    ("desktop versus mobile", "images rather than text"), what it is broken down by ("by
    country"), the part a share is of ("...come from logged-out users") and what a rate or
    share is asked on ("the CTR on desktop"). Each must be in the fact for it to answer."""
    norm = normalize(question)
    out: list[str] = []
    for m in _CONTRAST.finditer(norm):
        out += [m.group("a"), _phrase_head(m.group("b"))]
    if _MEASURE_ASKED.search(norm):
        for m in _BROKEN_DOWN.finditer(norm):
            out.append(_phrase_head(m.group("q")))
    for m in _SHARE_FROM.finditer(norm):  # "what percentage of requests come from X"
        out += _phrase(m.group("q"))  # all of it: "logged-out users", not any users
    for m in _SUBSET_ARE.finditer(norm):  # "...of them are close friends": close friends
        part = _phrase(m.group("q"))
        if part and part[-1] in _THE_WHOLE:
            continue  # "how many ads are in the system": all of them, no part
        if part and (m.group("at") or _PLURAL.search(part[-1])) and not _NP_END.search(part[0]):
            out += part
    for m in _RATE_ON.finditer(norm):
        out += [w for w in words(m.group("q")) if w not in _NP_STOP][:HEAD_WORDS]
    for m in _SHARE_WHERE.finditer(norm):  # "...of searches happen on desktop": desktop
        out += _phrase(m.group("q"))
    for m in _SHARE_HAVING.finditer(norm):  # "what share of posts contain a link": a link
        out.append(_phrase_head(m.group("q")))
    for m in _SHARE_ON_DEVICE.finditer(norm.rstrip(" ?.!")):  # "...watch on a TV": a TV
        if (head := _phrase_head(m.group("q"))) and head not in _THE_WHOLE:
            out.append(head)
    # "a competitor's click-through rate", "Netflix's watch time": whose measure it is
    # (not anyone at all: "a stranger's search", "someone's feed")
    out += [
        m.group("q")
        for m in _POSSESSOR.finditer(norm)
        if m.group("q") not in STOPWORDS and m.group("q") not in _ANY_PERSON
    ]
    return [w for w in out if w and w not in _NP_STOP and w not in _MEASURE_WORDS]


# what happens to the things a count is of: "how many X does S VERB", "the number of X
# VERBed", "how many X are VERBed": the verb, up to a preposition, "per" or the end
_DOES_VERB = re.compile(
    r"\b(?:how many|number of) [a-z0-9' -]+? (?:do|does|did|can|will|would) "
    # (up to the verb's object too: "does a typical person open the app": open; not "one of
    # the reviewers")
    # (or up to a clause of time: "does a violating post collect before it comes down")
    r"(?:the )?(?P<s>[a-z0-9' -]+?)(?= (?:per|in|on|at|from|to|for|with|by|each|every|a|an|before|"
    r"after|until|once|while)\b|"
    r"(?<!\bof) (?:the|its|their|our|this|that|my|your)\b|$)"
)
# "is the average bid more like...", "is a typical session closer to...": a guess at a number
# put as a choice, said of its subject (not "are we talking more like...", "are there...")
_COMPARED_TO = re.compile(
    r"^(?:\w+\W+){0,4}?(?:is|are|was|were) (?:the |a |an |our |each |every )?(?:average |typical |"
    r"usual |median )?(?P<s>(?!we\b|there\b|you\b|it\b|that\b|this\b)[a-z'-]+(?: [a-z'-]+)?) "
    r"(?:more like|closer to|nearer to|nearer)\b"
)
# "(do we know) how many ads a typical user hides per week": the same count asked inside a
# statement, the verb after its subject
_EMBEDDED_DOES = re.compile(
    r"\bhow many [a-z0-9'-]+(?: [a-z0-9'-]+)? (?:a|an|each|every|one) (?:[a-z'-]+ ){0,2}?"
    r"(?P<v>[a-z'-]{3,}[^s\W]s)\b(?= (?:per|in|on|at|a|an|each|every)\b|\W*$)"
)
# "how much GPU time does the current text classifier use": the one thing the amount is
# of, named as the subject, must be the fact's (not "we", "a user": any one of many)
_THE_SUBJECT_DOES = re.compile(
    r"\bhow (?:much|many) [a-z0-9' -]+? (?:does|do|did|will|would|can) the (?P<s>[a-z0-9' -]+?) "
    r"(?:use|take|need|cost|consume|spend|get|have|process|handle|score|see)\b"
)
_VERBED = re.compile(
    # (the counted noun's words do not run over its verb "to be": in "how many languages are
    # posts written in" the posts are written, in those languages)
    r"\b(?:how many|(?:number|share|fraction|percentage|proportion) of) "
    r"(?:(?!(?:are|is|were|was)\b)[a-z0-9'-]+ ){1,3}?"
    r"(?:(?:are|is|were|was|get|gets|got) )?"
    r"(?P<v>[a-z'-]{3,}(?:ed|en))\b"
)
# "how many reviewers quit each month", "how many people work on it": the counted things as the
# subject of a verb of their own (plural: no -s; not "how many posts daily")
_PLURAL_DOES = re.compile(r"\bhow many (?P<n>[a-z'-]+) (?P<v>[a-z'-]{3,}(?<![sy]))(?= |$)")
# ...the plural named with a word before it ("how many visual searches end in a purchase")
_COMPOUND_PLURAL_DOES = re.compile(
    r"\bhow many [a-z'-]+ (?P<n>[a-z'-]+[^su]s) (?P<v>[a-z'-]{3,}(?<![sy]))(?= |$)"
)
# a subject that stands for any one of many ("a user", "the average user", "each reviewer");
# not "we" (our own workload: "how many posts do we score") nor one actor ("the vendor")
_ONE_OF_MANY = word_set("a an each every one any average typical median usual")
# verbs that say nothing of their own: a count "users have" is a count of users
_LIGHT_VERBS = word_set(
    "have has had get gets got make makes do does see sees use uses need needs take takes "
    "go goes come comes be been exist exists there expected given seen "
    # "how many searches happen each day": occurring says no more than the count does
    "happen happens happened occur occurs occurred "
    # "how many requests hit us at peak", "...arrive per second": arriving, no more than counted
    "hit hits hitting arrive arrives arriving"
)


def _counted_verbs(question: str) -> list[str]:
    """The verb a count is qualified by ("how many posts does a user create" -> create,
    "the number of posts created per day" -> created); none for a plain count."""
    norm = normalize(question).rstrip(" ?.!")
    out: list[str] = []
    if (m := _DOES_VERB.search(norm)) is not None:
        said = words(m.group("s"))
        if said[0] in _ONE_OF_MANY:  # a count per user: "does the average user create"
            out.append(said[-1])
            if len(said) >= 3:
                # ...and per whom: "how many videos does a signed-in user watch" is no count
                # of videos in a fact that never says users (most watch time goes to videos)
                out.append(said[-2])
    elif (m := _EMBEDDED_DOES.search(norm) or _VERBED.search(norm)) is not None:
        out.append(m.group("v"))
    return [
        v for v in out if v not in _LIGHT_VERBS and v not in STOPWORDS and v not in _MEASURE_WORDS
    ]


def _phrase(text: str) -> list[str]:
    """The words of the noun phrase a text starts with ("plain text is..." -> plain, text)."""
    phrase: list[str] = []
    for w in words(text):
        if w in _NP_STOP or (_NP_END.search(w) and phrase) or len(phrase) >= HEAD_WORDS:
            break
        phrase.append(w)
    return phrase


def _phrase_head(text: str) -> str:
    """The last word of the noun phrase a text starts with ("plain text is..." -> text)."""
    phrase = _phrase(text)
    return phrase[-1] if phrase else ""


def _root(word: str) -> str:
    """A word without its inflection or common derivation ending, when enough is left."""
    stem = light_stem(word)
    root = _ENDING.sub("", stem)
    return root if len(root) >= ROOT_MIN else stem


def _fact_terms(fact_id: str, answer: str, asked_as: list[str]) -> list[str]:
    text = " ".join([fact_id, answer, *asked_as]).replace("-", " ")
    return sorted({w for w in words(normalize(text)) if len(w) > 2 and not w.isdigit()})


@lru_cache(maxsize=4096)
def _word_vector(word: str) -> Any:
    return embed_texts([word])[0]


# Words and phrases candidates use for one thing, which a sheet words one way: a question
# using a member the sheet does not use is matched with the first member the sheet does use.
# Members are written singular where a plural "s" may follow.
_SYNONYM_CLASSES: tuple[tuple[str, ...], ...] = (
    ("reviewer", "moderator", "rater", "annotator", "labeler", "labeller", "grader"),
    ("mobile", "phone", "smartphone", "cellphone", "cell phone"),
    ("image", "picture", "photo", "pic"),
    ("video", "clip"),
    ("author", "creator", "uploader"),
    ("delete", "wipe", "erase", "purge"),
    ("deleted", "wiped", "erased", "purged"),
    ("remove", "take down", "pull down"),
    ("removed", "taken down", "taken-down", "took down", "pulled down"),
    ("re-upload", "reupload", "repost", "re-post"),
    ("re-uploaded", "reuploaded", "reposted", "re-posted"),
    (
        "signed out",
        "logged out",
        "signed-out",
        "logged-out",
        "logged off",
        "without an account",
        "with no account",
    ),
    ("signed in", "logged in", "signed-in", "logged-in"),
    ("private message", "messenger", "inbox", "direct message", "chat message"),
    ("demote", "downrank", "down-rank", "push down", "deprioritize", "deprioritise", "bury"),
    ("children", "child", "kid", "kids", "minors", "under 13", "underage", "under-age"),
    ("survey", "questionnaire", "poll"),
    ("charged", "billed", "invoiced"),
    ("charge", "bill", "invoice"),
    # coming to the product: "opens the feed 8 times a day"
    ("open", "pop in", "pop back in", "pop into", "drop in", "drop by", "visit"),
    ("disappear", "vanish", "go away"),
    ("ad request", "ad call"),
    ("keep", "hold on to", "hang on to", "hold onto", "hang onto"),
    (
        "peak",
        "busiest time",
        "busiest moment",
        "busiest hour",
        "rush hour",
        "worst moment",
        "worst time",
        "worst hour",
    ),
    # everyday words for the sheets' nouns and verbs ("a brand's promos", "taps", "a thumbs
    # down", "the grading firm", "graphics-card time", "the European crowd")
    ("advertiser", "brand"),
    ("ad", "promo", "advert", "advertisement", "promotion"),
    ("click", "tap"),
    ("clicked", "tapped"),
    ("clicking", "tapping"),
    ("like", "thumbs up", "thumbs-up"),
    ("dislike", "thumbs down", "thumbs-down"),
    ("friend", "connection"),
    ("vendor", "firm", "agency", "supplier"),
    ("uploaded", "added"),
    ("budget", "allowance", "allotment"),
    ("gpu", "graphics card", "graphics-card", "graphics processor", "accelerator"),
    ("hardware", "machines", "servers"),
    ("bad actor", "violator", "rule-breaker", "rule breaker", "offender", "wrongdoer", "abuser"),
    ("search", "lookup", "look-up"),
    ("fast", "snappy", "speedy", "zippy"),
    ("eu", "european", "europe"),
    ("report", "complaint"),
    ("borderline", "sketchy", "dodgy", "iffy"),
    # "slip past the filters"
    (
        "evade",
        "get around",
        "get past",
        "slip past",
        "slip through",
        "sneak past",
        "sneak through",
        "dodge",
        "bypass",
        "circumvent",
    ),
)
_SYNONYM_PATTERNS = tuple(
    (
        members,
        re.compile(
            r"(?<![\w-])(?:" + "|".join(re.escape(m) for m in members) + r")(?P<s>s)?(?![\w-])",
            re.I,
        ),
    )
    for members in _SYNONYM_CLASSES
)


def _said_in(phrase: str, text: str) -> bool:
    """The phrase stands in the (normalised) text as a whole word or words, maybe plural."""
    return re.search(r"(?<![\w-])" + re.escape(phrase) + r"s?(?![\w-])", text) is not None


# "how many friends": the noun a counting question is about
_HOW_MANY = re.compile(r"\bhow (?:many|much) ([a-z]+)", re.I)
# ...said with nothing else ("and how many languages?", "how many reviewers are there")
_BARE_COUNT = re.compile(
    r"^\W*(?:(?:and|also|so|plus)\s+)?how (?:many|much) ([a-z]+)"
    r"(?:\s+(?:are there|is there|do we have|do you have))?\W*$",
    re.I,
)
# what the work is for, asked without the sheet's words
_GOAL_QUESTION = re.compile(
    r"\b(?:optimi[sz]ing for|optimi[sz]e for|(?:leadership|management|the business|the company)"
    r" (?:\w+ )?(?:track|tracking|measur\w*|car\w+ about)|north[- ]star|success look|"
    # "what the bosses count as a win": what those in charge call success
    r"(?:counts?|sees?|calls?|considers?|treats?) as (?:a )?(?:win|success)\b|win looks? like|"
    # "which KPI tells us it's a hit", "the headline metric": the measure of success itself
    r"\bkpis?\b|headline (?:number|metric|figure)|"
    # "what are we trying to grow?", "what is the company hoping to move?": the aim itself
    r"\bwhat (?:are|is) (?:we|the (?:company|business|team))(?: really| actually)? (?:trying|"
    r"hoping|aiming|looking|here) to (?:grow|increase|improve|move|raise|boost|maximi[sz]e|"
    r"achieve|drive|optimi[sz]e)\b)",
    re.I,
)
# whether something is the candidate's to build
_SCOPE_QUESTION = re.compile(
    r"\b(?:in scope|out of scope|on (?:me|us)|mine|on the hook|"
    r"(?:my|our) (?:job|problem|responsibility|concern|remit|call)|"
    r"part of (?:what i|my|this)|(?:something|anything) (?:i|we) (?:need|have|should) to "
    r"(?:handle|catch|cover|build|own|do)|"
    r"who (?:handles|owns|does|takes care of)|handled (?:by|elsewhere)|another team|"
    r"(?:do|should|must) (?:i|we) (?:need to |have to )?(?:cover|handle|build|support|include|"
    r"design|worry about|deal with)|"
    # "I take it we don't have to build the bidding ourselves", "somebody else's problem"
    r"(?:don'?t|do not|won'?t|will not) (?:have|need) to (?:build|handle|cover|design|own|"
    r"support|worry about|deal with)|"
    r"(?:someone|somebody) else|"
    # "who draws the outlines, is that us?", "- me or someone upstream?", "mixed in by us?"
    r"(?:is|are) (?:that|this|it|those|they|these) (?:on )?(?:us|me|ours|mine)|"
    r"(?:me|us) or (?:someone|somebody|another|other|a different|the \w+ team)|by us)\b",
    re.I,
)
GOAL_WORDS = 4  # longer: the goal of something in particular ("optimizing for recall in stage 1")


# Shorthand candidates type, spelled out as fact sheets word them.
_ABBREVIATIONS = {
    "dau": "daily active users",
    "daus": "daily active users",
    "mau": "monthly active users",
    "maus": "monthly active users",
    "qps": "queries or requests per second",
    "rps": "requests per second",
    "p99": "p99 latency",
    "p95": "p95 latency",
    "p50": "median latency",
    "dm": "private direct messages",
    "dms": "private direct messages",
    "ctr": "click-through rate",
    "sla": "latency budget",
    # chat shorthand for ordinary words ("avg ctr", "vids", "r we dealing w/")
    "avg": "average",
    "approx": "approximately",
    "vid": "video",
    "vids": "videos",
    "pic": "picture",
    "pics": "pictures",
    "img": "image",
    "imgs": "images",
    "msg": "message",
    "msgs": "messages",
    "r": "are",
    "u": "you",
    "ur": "your",
    "w/": "with",
    "w/o": "without",
    "#": "number",
    "ppl": "people",
    "advs": "advertisers",
    "clickthru": "click-through",
    "thru": "through",
}
_ABBREVIATION = re.compile(
    r"(?<![\w/#])(" + "|".join(re.escape(a) for a in _ABBREVIATIONS) + r")(?![\w/#])", re.I
)


# "within 15ms": a duration in milliseconds is a latency
_MILLISECONDS = re.compile(r"(\d)\s?(?:ms|milliseconds?)\b")


# "2b users", "500k qps": magnitudes as the fact sheets write them
_MAGNITUDE = re.compile(r"(\d)\s?([kmb])\b", re.I)
_MAGNITUDES = {"k": "thousand", "m": "million", "b": "billion"}


# nouns that name a measure, as the fact sheets ask for it: "retrain cadence" asks how often
_MEASURE_NOUNS = {
    "cadence": "cadence how often",
    "headcount": "headcount how many",
    "size": "size how big how many",
    "retention": "retention how long kept",
    "volume": "volume how much how many",
    # age of what is shown, as the sheets ask it ("how stale can a post get": how fresh)
    "stale": "stale how fresh",
    "staleness": "staleness how fresh",
    # the balance of the labels, as the sheets ask it ("how imbalanced is the data")
    "positives": "positives how imbalanced",
    "negatives": "negatives imbalanced",
}
# ...not a rate of people ("the retention rate of new users": users who stay, not logs kept)
_MEASURE_NOUN = re.compile(r"\b(" + "|".join(_MEASURE_NOUNS) + r")\b(?!\s+rates?\b)", re.I)


# "uploads/day", "friends/user": a rate per unit said with a slash, as the sheets say it
_PER_SLASH = re.compile(
    r"(?<=[a-z])\s?/\s?(?=(?:day|hour|minute|week|month|year|user|session|request|query|post|"
    r"video|image|page|impression)s?\b)",
    re.I,
)
# "posts/sec", "req per sec": a rate per second as the fact sheets write it
_PER_SECOND = re.compile(r"\s?(?:/|\bper\s)\s?(?:s|sec|secs)\b", re.I)
# A capitalised ordinary word in a terse question ("Latency?", "Index size?"): the embedding
# model is case-sensitive and the fact sheets write these words in lower case, so in a question
# of a few words the capital outweighs the meaning; acronyms (QPS, CTR) keep their case.
_TITLE_WORD = re.compile(r"\b[A-Z][a-z]+\b")
TERSE_QUESTION_WORDS = 4


def _uncased(question: str) -> str:
    if len(question.split()) > TERSE_QUESTION_WORDS:
        return question
    return _TITLE_WORD.sub(lambda m: m.group(0).lower(), question)


# "what's the CTR looking like", "how's the traffic lookin like": a frame around the thing asked
_LIKE_TAIL = re.compile(
    r"^(?P<q>(?:what|how)\S*\s.+?)\s+(?:look(?:s|ing|in'?)?\s+)?like\s*(?P<end>\?*)\s*$", re.I
)


# Everyday idioms for what the sheets ask in their own words: a time allowed ("how long have
# we got to score", "how long can one search take"), who the goal is set by or what is paid
# ("what do the bosses look at", "the main number the team cares about", "what does an
# advertiser pay for"), what is not the candidate's to do ("which aren't ours to worry
# about"), and human judgements ("does any human rate videos", "any data saying which
# pictures look alike").
_EVERYDAY: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"\bhow long (?:have we got|do we have|do we get|(?:can|may|could|should) (?:one|a|an|"
            r"the|each|it)(?: [\w'-]+)? take)\b",
            re.I,
        ),
        r"\g<0> latency time budget",
    ),
    # the time allowed named as a limit ("would the scoring deadline rule out a deep model?",
    # "the response time limit"): the latency budget
    (
        re.compile(r"\b(?:deadline|time ?limit|response time|turnaround time)s?\b", re.I),
        r"\g<0> latency time budget",
    ),
    (
        re.compile(
            r"\b(?:the (?:bosses|boss|leadership|management|execs|executives|higher[- ]ups|"
            r"money people|suits)|(?:main|key|headline|north[- ]star) (?:number|metric|measure|"
            r"yardstick)|yardstick|(?:judged|measured|graded|assessed) on|"
            r"(?:pays?|paying|charged) for)\b",
            re.I,
        ),
        r"\g<0> business goal metric",
    ),
    (
        re.compile(r"\b(?:aren'?t|isn'?t|not) (?:ours|mine|our (?:job|problem|concern))\b", re.I),
        r"\g<0> out of scope",
    ),
    (
        re.compile(
            r"\b(?:any ?(?:one|body)|any humans?|people|humans?) (?:rates?|rating|judges?|"
            r"label\w*)\b|"
            r"\b(?:data|anything|labels?) (?:saying|telling (?:us )?|that says) (?:which|what|"
            r"whether)\b",
            re.I,
        ),
        r"\g<0> human labelled judgments labels",
    ),
    # people named by their role: "the folks who check flagged posts" are the reviewers, "the
    # people who write the rulebook" the policy team that owns the definitions
    (
        re.compile(
            r"\b(?:folks|people|those|ones|staff|humans?|contractors?|team) (?:who|that) "
            r"(?:check|review|vet|go through|look (?:at|over)|judge)\b",
            re.I,
        ),
        r"reviewers: \g<0>",
    ),
    (
        re.compile(r"\b(?:rule ?book|write the rules|writes the rules|sets the rules)\b", re.I),
        r"\g<0> policy team definitions",
    ),
    # a click made by accident ("fat fingers", "tapped by mistake"); "fat-finger taps" are
    # accidental taps (a compound no fact would say, which a fact must say to answer it)
    (re.compile(r"\bfat[- ]finger(?:ed|s)?\b", re.I), "accidental"),
    (
        re.compile(r"\b(?:by accident|by mistake|mis-?clicks?|mis-?taps?)\b", re.I),
        r"\g<0> accidental",
    ),
    # a collection of pictures or videos called a library ("the photo library")
    (
        re.compile(r"\b(photo|image|picture|video|clip|media)s? (?:library|libraries)\b", re.I),
        r"\1 catalogue",
    ),
    # an ordering by time ("newest first")
    (
        re.compile(r"\b(?:newest|latest|most recent)[- ]first\b", re.I),
        r"\g<0> chronological",
    ),
    # vague quantity words say nothing of what is asked ("ballpark, how many...")
    (re.compile(r"\bball ?park(?:ing)?\b,?", re.I), ""),
    # a wait asked by the time it takes ("after how much time can a new video appear", "in how
    # long"): how soon
    (re.compile(r"\b(?:after|in|within) how (?:much time|long)\b", re.I), "how soon"),
)


def expand(question: str) -> str:
    """The question in the fact sheets' words: shorthand spelled out ("DAU", "p99", "avg",
    "vids"), measure nouns as the sheets ask for them, rates and magnitudes as written."""
    for pattern, said in _EVERYDAY:
        question = pattern.sub(said, question)
    question = _LIKE_TAIL.sub(r"\g<q>\g<end>", question)
    question = _MEASURE_NOUN.sub(lambda m: _MEASURE_NOUNS[m.group(1).lower()], question)
    question = _PER_SECOND.sub(" per second", question)
    question = _PER_SLASH.sub(" per ", question)
    question = _MILLISECONDS.sub(r"\1 ms latency", question)
    question = _MAGNITUDE.sub(lambda m: f"{m.group(1)} {_MAGNITUDES[m.group(2).lower()]}", question)
    return _ABBREVIATION.sub(lambda m: _ABBREVIATIONS[m.group(1).lower()], question)
