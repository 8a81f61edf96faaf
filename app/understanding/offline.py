"""The offline reader: a deterministic `Reading` of one candidate message, no model needed.

Intents come from request patterns and question shapes (compound questions split, rhetorical
questions and short tentative answers told apart from fact requests); facts from the fact
sheet (`facts.py`: anticipated phrasings, then hybrid retrieval); claims from the matcher's
candidates with clause-level polarity (`polarity.py`), the clarify rule (clarify credit needs
a question or a stated assumption), reasoning and list flags, and explicit leakage detectors.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping

from app.knowledge.bank import KnowledgeBank
from app.knowledge.embeddings import embed_texts
from app.knowledge.matching import (
    EMPTY_BEFORE,
    SIM_WITH_CONCEPT,
    Match,
    Matcher,
    clauses,
    is_sentence,
    long_clauses,
)
from app.knowledge.retrieval import Retriever
from app.knowledge.schema import STAGES, Criterion, Stage
from app.knowledge.text import (
    STOPWORDS,
    content_stems,
    content_words,
    find_phrase,
    light_stem,
    match_head,
    normalize,
    sentences,
    text_heads,
    words,
)
from app.understanding.acts import (
    ALTERNATIVES,
    ANSWERS_ITSELF,
    ANSWERS_STATED,
    ASSUMPTION,
    CONDITIONAL,
    CONFIRM_ASKED,
    CONFIRMATION,
    DONE_WITH,
    EMBEDDED_QUESTION,
    FINISH,
    META,
    OPINION,
    POLAR_REPLY,
    QUESTION_START,
    SOLUTION_ASKED,
    STAGE_BARE,
    STAGE_NAMED,
    STEER,
    SUBORDINATE,
    TAG_QUESTION,
    addressed_to_interviewer,
    declines_more,
    guess_stated,
    is_question,
    lead_stripped,
    moves_on,
    polar_reply,
    progress_talk,
    progress_target,
    question_core,
    recap_of,
    requested_stage,
    rising_statement,
    signposted_stage,
    stage_of_word,
    supports_question,
    tentative,
    unframed,
    wants_finish,
    wants_hint,
    wants_move_on,
)
from app.understanding.facts import FACT_MIN, FactChooser, expand
from app.understanding.framing import RETRACT, avoid_list_lines, foil, foil_in
from app.understanding.leakage import (
    LEAKAGE_CRITERION,
    LeakDetector,
    LeakFinding,
    as_listed,
    aware,
    feeds_model,
    leak_criteria,
    named_as_label,
)
from app.understanding.mistakes import DETECTORS, DISMISSAL_DOUBTED, Detector, cue_span
from app.understanding.polarity import (
    affirmed_view,
    clause_bounds,
    hedged,
    list_items,
    polarity_of_span,
    reasoning_cues,
    self_negating,
    strung_list,
)
from app.understanding.quotes import has_quote, supporting_clauses
from app.understanding.schema import Claim, Intent, Mention, Polarity, Question, Reading

FACT_CONFIRM = 0.6  # a statement checked with a tag question, or a terse piece, asks this clearly
SIM_ALONE = 0.55  # no concept named: this close to an example phrasing counts
SIM_PLAIN = 0.42  # ...or this close when the sentence reasons (plain-words paraphrase)
SIM_FLAG_ALONE = 0.75  # a red flag without its words needs a near copy of an example
NAMED_BONUS = 0.5  # a claim naming a concept ranks above one only close to an example
SIM_VAGUE_CONCEPT = 0.45
SIM_VAGUE_ALONE = 0.65  # ...and with none named, this close (a near copy even by vague standards)
SIM_TOP = 2  # a sentence with no concept named evidences at most its 2 closest criteria
LIST_CONCEPTS = 3  # a sentence naming this many concepts with no reasoning is a list
# Beside a question, a request or chit-chat, a statement with no concept, criterion or problem
# entity is content only when it is this long (else it is the reason for asking, or small talk)
BESIDE_DOMAIN = 3
BESIDE_CONTENT = 6
BARE_TERMS = 3  # a bare list strings together at least this many terms of the bank...
BARE_SHARE = 0.65  # ...which make up this share of its items after the first (the lead-in)
_TERM_WITH_DIGITS = re.compile(r"\b[a-z][a-z@-]*\d[\w@]*")
# What separates the items of a list ("MRR and nDCG", "a store with FAISS, HNSW").
_LIST_ITEM = re.compile(r"[,;:]|\s(?:and|or|plus|with|then|&)\s")


class OfflineReader:
    """Stateless, deterministic reader of candidate messages for one knowledge bank."""

    name = "offline"

    def __init__(self, bank: KnowledgeBank, matcher: Matcher, retriever: Retriever):
        self.bank = bank
        self.matcher = matcher
        self.retriever = retriever
        self.domain_vocab = _domain_vocab(bank)
        self._specific = _specific_vocab(bank)
        self._specific_plain = _specific_plain(bank, self._specific)
        self._concept_stage = {c.id: c.stage for c in bank.concepts.concepts}
        self._generic = frozenset(c.id for c in bank.generic.criteria)
        # per problem: each criterion's own words against the other criteria of its stage
        self._distinct = {
            pid: _distinct_stems([*bank.generic.criteria, *p.criteria])
            for pid, p in bank.problems.items()
        }
        # each criterion's key words: the stems of its text and terms (see `_carries`)
        self._key_stems = {
            c.id: _stems_of(" ".join([c.text, *c.concepts])) - {"candidate"}
            for c in self.matcher.criteria.values()
        }
        self._foils = {
            c.id: stems
            for c in self.matcher.criteria.values()
            if not c.red_flag and (stems := _foil_stems(c.text))
        }
        every = [*bank.generic.criteria, *(c for p in bank.problems.values() for c in p.criteria)]
        self._needs_frequency = _practice_saying(every, _FREQUENT)
        self._needs_cadence = _practice_saying(every, _CADENCE)
        self._not_learned = _practice_saying(every, _NOT_LEARNED)
        self._batch_vs_online = _practice_saying(every, _BATCH_AND_ONLINE)
        self._training_loss = _practice_saying([c for c in every if c.stage == "model"], _LOSS_WORD)
        self.problem_of_criterion = {
            c.id: pid for pid, p in bank.problems.items() for c in p.criteria
        }
        for problem in bank.problems.values():
            for probe in problem.probes:
                self._concept_stage.setdefault(probe.concept, probe.stage)
        # per problem: its labels and post-prediction signals (none: generic detectors only)
        self._leaks = {pid: LeakDetector(p.leakage) for pid, p in bank.problems.items()}
        # which fact of the sheet a question asks for, with its own caches
        self.facts = FactChooser(bank, retriever)
        self._leak_flags = leak_criteria(every)
        # per criterion set (a problem at a level): the detectors that apply, with their targets
        self._targets: dict[tuple[str, ...], list[tuple[Detector, str]]] = {}
        # per problem: the generic criteria each of its criteria is an instance of
        self._parents = {
            pid: generic_parents(bank.generic.criteria, p.criteria)
            for pid, p in bank.problems.items()
        }

    def _passing_shared_term(
        self,
        match: Match,
        norm: str,
        stage: Stage | None,
        problem_id: str,
        listed_by: Mapping[tuple[str, str], frozenset[str]],
    ) -> bool:
        """A problem's criterion is a sharper version of practice its stage shares: a sentence
        naming one term that other criteria of the stage also list ("baseline", "retrain",
        "precision", "ranking problem"), saying none of the criterion's other key words nor
        one of its own (`_shares_own_word`), and not reading like its examples, names the
        shared practice only, not this criterion's sharper one."""
        crit = match.criterion
        terms = {term for term, _, _ in match.spans}
        if len(terms) != 1 or crit.id in self._generic or crit.red_flag or match.sim >= SIM_ALONE:
            return False
        term = next(iter(terms))
        if len(listed_by.get((crit.stage, term), ())) < 2:
            return False
        sharper = self._key_stems.get(crit.id, frozenset()) - _stems_of(term)
        said = _stems_of(norm)
        # the stemmer cuts inflections unevenly ("frames" -> "fram", "frame" -> "frame"):
        # a word counts when one stem starts the other
        if any(a.startswith(b) or b.startswith(a) for a in sharper for b in said if len(b) > 3):
            return False
        distinct = self._distinct.get(problem_id, {})
        return not _shares_own_word(crit, stage or crit.stage, norm, distinct)

    def key_words(self, criterion_id: str, quote: str) -> int:
        """How many of the criterion's key words (the stems of its text and terms) `quote`
        says: how much of the criterion's key element it carries."""
        return len(self._key_stems.get(criterion_id, frozenset()) & _stems_of(quote))

    # -- the reading ------------------------------------------------------------------------

    def read(
        self,
        text: str,
        *,
        problem_id: str,
        level: str,
        recent_inputs: list[str] | None = None,
        open_question: str | None = None,
        criteria: list[Criterion] | None = None,
        vectors: dict | None = None,
        stage: Stage | None = None,
    ) -> Reading:
        """Read one candidate message. `criteria` defaults to the problem's at `level`;
        `vectors` are sentence embeddings computed ahead (see `read_many`); `stage`, when
        known, is the interview stage the message was said in (see `_claims`)."""
        norm = normalize(text)
        toks = words(norm)
        content = content_words(norm)
        reading = Reading(text=text, norm=norm, word_count=len(toks), content_count=len(content))
        if not toks:
            reading.non_answer_kind = "empty"
            reading.intents = ["non_answer"]
            return reading
        sents = sentences(text)
        norms = [normalize(s) for s in sents]
        # each sentence's act: a request (finish, move on, hint), a question, or talk that is
        # not about the problem (the interviewer as a person, steering the grader)
        finish = [wants_finish(n) for n in norms]
        move = [wants_move_on(n) for n in norms]
        hint = [wants_hint(n) for n in norms]
        request = [f or m or h for f, m, h in zip(finish, move, hint, strict=True)]
        asks = [is_question(s, n) for s, n in zip(sents, norms, strict=True)]
        intents: list[Intent] = []
        if FINISH.search(norm) or any(finish):
            intents.append("finish")
        elif moves_on(norm) or any(move) or _declines(norm, toks, open_question):
            intents.append("move_on")
            reading.move_to = _move_target(norm, norms, len(toks))
        if any(hint):
            intents.append("hint")
        reading.repeated = norm in (recent_inputs or []) and len(toks) > 2
        if _looks_like_gibberish(toks, self.domain_vocab):
            reading.non_answer_kind = "gibberish"
            reading.intents = ["non_answer"]
            return reading

        reading.mentions = self._mentions(norm, problem_id)
        crits = criteria if criteria is not None else self.bank.criteria_for(problem_id, level)
        claims = self._claims(
            sents, norms, crits, reading.mentions, vectors, stage, problem_id=problem_id, text=text
        )
        mistakes, practice = self._mistakes(sents, norms, crits, problem_id)
        # a sentence that keeps a post-prediction signal out, or says what would leak, never
        # raises a leakage red flag
        reading.claims = [
            c
            for c in claims
            if not (c.red_flag and c.criterion_id in self._leak_flags and c.quote in practice)
            and not _other_context(c)
            and not self._put_to_no_use(c)
            and not (c.red_flag and c.criterion_id in self._leak_flags and _the_label(c))
        ]
        # a line of a list of things to avoid ("Don't:" then "* rank by clicks alone")
        avoided = {sents[i].strip() for i in avoid_list_lines(sents)}
        reading.claims = [c for c in reading.claims if not (c.red_flag and c.quote in avoided)]
        mistakes = [c for c in mistakes if c.quote not in avoided]
        found = {c.criterion_id for c in reading.claims if c.counts}
        reading.claims += [c for c in mistakes if c.criterion_id not in found]
        # a sentence cut at ";" or ":" goes on in the next piece ("the batch only refreshes the
        # embeddings; pCTR is computed per request")
        goes_on = {
            s.strip(): f"{s.strip()} {sents[i + 1].strip()}"
            for i, s in enumerate(sents[:-1])
            if s.rstrip().endswith((";", ":"))
        }
        # ...and a piece after a ";" goes on from the one before ("ANN with HNSW; brute force
        # only to measure its recall offline")
        for i, s in enumerate(sents[1:], start=1):
            if sents[i - 1].rstrip().endswith(";"):
                piece = goes_on.get(s.strip(), s.strip())
                goes_on[s.strip()] = f"{sents[i - 1].strip()} {piece}"
        reading.claims = [
            c for c in reading.claims if not self._cleared(c, goes_on.get(c.quote, c.quote))
        ]
        reading.claims = self._without_flagged_practice(reading.claims)
        reading.claims += self._generalised(reading.claims, crits, problem_id)
        reading.specifics = self._specifics(norm, problem_id) + self._plain_specifics(
            norm, problem_id
        )
        reading.reasoning = sum(1 for n in norms if reasoning_cues(n))

        # "is it ok to use a GBDT here?" asks the interviewer's opinion (a hint); "is it ok to
        # infer religion for ads?" asks what the fact sheet rules, when it clearly does
        opinion = [
            q
            and bool(OPINION.match(question_core(n)))
            and self._about(n, reading, problem_id)
            and not self._clearly_a_fact(sent, problem_id)
            for sent, n, q in zip(sents, norms, asks, strict=True)
        ]
        for i, asked_opinion in enumerate(opinion):
            if asked_opinion:
                hint[i] = request[i] = True  # "what do you think of a GBDT here?"
        if any(hint) and "hint" not in intents:
            intents.append("hint")
        quoted = {normalize(c.quote) for c in reading.claims}
        off = [
            bool(STEER.search(n))
            or (
                # a request put to the interviewer ("would you mind if we ended here?") is
                # the request, not talk about them
                bool(META.search(n) or (q and not r and addressed_to_interviewer(n)))
                and n not in quoted
                and not any(m.alias in n for m in reading.mentions)
            )
            for n, q, r in zip(norms, asks, request, strict=True)
        ]
        requests = bool(intents)
        statement = [
            not q and not r and not o and len(content_words(n)) >= 2
            for q, r, o, n in zip(asks, request, off, norms, strict=True)
        ]
        confirmed: set[int] = set()  # statements a "right?" after them turns into questions
        for i, (sent, snorm) in enumerate(zip(sents, norms, strict=True)):
            if not asks[i] or off[i] or request[i]:
                continue  # "can we go to serving?" is a request, not a fact question
            if self._answers_itself(i, norms, asks, request, off, statement) or (
                open_question and rising_statement(snorm)
            ):  # ...or the interviewer's question answered with a rising tone
                reading.rhetorical.append(sent)
                continue
            if TAG_QUESTION.search(snorm):  # "..., right?": a fact only when clearly one
                check = self.facts.match(sent.strip(), problem_id)
                # a design argued for and checked with the interviewer is the candidate's
                # own answer ("it's one detector per harm, since..., right?")
                designed = any(
                    c.quote == sent.strip()
                    and c.counts
                    and (crit := self.matcher.criteria.get(c.criterion_id)) is not None
                    and crit.stage != "clarify"
                    for c in reading.claims
                )
                if check.fact_id and check.score >= FACT_CONFIRM and not designed:
                    reading.questions.append(check)
                else:
                    reading.rhetorical.append(sent)
                continue
            if (
                i
                and statement[i - 1]
                and (
                    (tentative(snorm) and CONFIRMATION.match(snorm))
                    or CONFIRM_ASKED.match(question_core(snorm))
                )
            ):
                # "I'll assume 2B users; fair?" / "...; correct me if I'm wrong": asks about
                # what it confirms
                reading.questions += self._questions(sents[i - 1], norms[i - 1], problem_id)
                confirmed.add(i - 1)
                continue
            if tentative(snorm):
                # "millions?" answers with a rising tone; "latency?" asks for a fact
                if _QUANTITY.search(snorm) or (open_question and len(snorm.split()) > 2):
                    continue
                terse = self.facts.match(sent.strip(), problem_id)
                if terse.fact_id is None:
                    continue
                reading.questions.append(terse)
                continue
            asked = self._questions(sent, snorm, problem_id)
            if i and statement[i - 1] and len(asked) == 1 and _PRONOUN_ASKED.match(snorm):
                # "...if the pool is tiny I can skip retrieval. How big does it get for power
                # users?": what "it" is, the statement before says; the two read together
                # decide which fact, when they ask for one
                together = self.facts.match(f"{sents[i - 1].strip()} {sent.strip()}", problem_id)
                if together.fact_id is not None:
                    asked = [together.model_copy(update={"text": sent.strip()})]
            reading.questions += asked
        if not reading.questions and not requests and not open_question and len(sents) == 1:
            # "personalised or the same for everyone": a choice put to the interviewer
            alt = self._alternative_question(sents[0], norms[0], problem_id)
            alt = alt or self._topic_named(sents[0], norms[0], reading, problem_id)
            alt = alt or self._guess_to_check(sents[0], norms[0], reading, problem_id)
            if alt is not None:
                reading.questions.append(alt)
                asks[0] = True
        if reading.questions:
            intents.append("ask")
        if any(off):
            intents.append("off_topic")

        # what the candidate said as content: statements, questions they answer themselves,
        # the non-request clauses of a request sentence; not what only supports a question or
        # a request ("need it for position bias", "I'd like to leave time for it")
        said: list[str] = []
        for i, (sent, n) in enumerate(zip(sents, norms, strict=True)):
            if off[i] or opinion[i] or i in confirmed:
                continue
            if sent in reading.rhetorical:
                said.append(n)
            elif request[i]:
                said += [c for c in clauses(n) if not _is_request(c)]
            elif not asks[i] and not (
                self._beside_ask(i, asks, request)
                and (supports_question(n) or self._recaps_sheet(n, problem_id))
            ):
                said.append(n)
        if not reading.questions:  # "millions?" answers; "time spent? DAU?" after a question asks
            said += [n for n, r in zip(norms, request, strict=True) if tentative(n) and not r]
        said_content = [w for n in said for w in content_words(n)]
        said_domain = [w for w in said_content if w in self.domain_vocab]
        numbers = any(re.search(r"\d", n) for n in said)
        said_text = " ".join(said)
        on_problem = bool(
            any(normalize(c.quote) in said for c in reading.claims)
            or any(m.alias in said_text for m in reading.mentions)
            or self._specifics(said_text, problem_id)
        )
        if (
            reading.questions
            and not on_problem
            and not any(q.fact_id or q.score >= FACT_MIN for q in reading.questions)
        ):  # a question close to a fact the sheet has is about the problem, answered or not
            domain = [w for w in content if w in self.domain_vocab]
            if len(domain) < 2 and not requests:
                reading.questions = []  # "can you recommend a pizza place?": not the problem
                intents = [i for i in intents if i not in ("ask", "off_topic")]
                reading.non_answer_kind = "off_topic"
                reading.intents = [*intents, "off_topic"]
                return reading
        # beside a question or a request, content must be about the problem: domain words
        # alone are the question's own topic or the reason for the request
        beside = bool(reading.questions) or requests or any(off)
        if said_content and (
            on_problem
            and (len(said_domain) >= 1 or numbers)
            or beside
            and len(said_domain) >= BESIDE_DOMAIN
            and len(said_content) >= BESIDE_CONTENT
            or not beside
            and (
                len(said_domain) >= 2
                or (
                    (open_question and (numbers or said_domain) or _QUANTITY.search(said_text))
                    and _short_reply(said_text)
                )
            )
        ):
            intents.append("answer")
        elif not intents and polar_reply(norm, open_question):
            intents.append("answer")  # "yes" to "would you calibrate it?"
        if intents == ["off_topic"]:
            reading.non_answer_kind = "off_topic"
            reading.questions = []
        if not intents:
            if len(content) <= 2:
                reading.non_answer_kind = "empty" if not content else None
                intents.append("non_answer")
            else:
                reading.non_answer_kind = "off_topic"
                intents.append("off_topic")
        reading.intents = intents
        reading.stages = self._stages(reading)
        return reading

    def read_many(
        self,
        texts: list[str],
        *,
        problem_id: str,
        criteria: list[Criterion],
        stages: list[Stage | None] | None = None,
    ) -> list[Reading]:
        """Readings of many messages (a transcript to grade): one embedding batch for all.
        `stages`: the stage each message was said in, when known."""
        views = {affirmed_view(normalize(s)) for t in texts for s in sentences(t)}
        views = {v for v in views if len(v.split()) >= 3}
        views |= {c for v in views for c in long_clauses(v)}  # compared clause by clause too
        vectors = dict(zip(views, embed_texts(list(views)), strict=True)) if views else {}
        said_in = stages or [None] * len(texts)
        return [
            self.read(
                t, problem_id=problem_id, level="", criteria=criteria, vectors=vectors, stage=s
            )
            for t, s in zip(texts, said_in, strict=True)
        ]

    # -- questions --------------------------------------------------------------------------

    def _answers_itself(
        self,
        i: int,
        norms: list[str],
        asks: list[bool],
        request: list[bool],
        off: list[bool],
        statement: list[bool],
    ) -> bool:
        """A question the candidate answers in the next sentence: "Why X? Because Y", "Does
        that hurt? Not if...", "nDCG? only with graded labels", or a question between two
        statements of an answer ("...majority vote. what about ties? send them to..."). A
        condition on the answer ("if not, I'd...") or the reason for asking keeps it open."""
        if i + 1 >= len(norms) or request[i + 1] or off[i + 1]:
            return False
        nxt = lead_stripped(norms[i + 1])
        if ANSWERS_ITSELF.match(nxt):
            return True
        if asks[i + 1]:
            return False
        if ANSWERS_STATED.match(norms[i + 1]) or ANSWERS_STATED.match(nxt):
            return True  # "Right, under-13 accounts stay out", "5B times 256-d is..."
        if norms[i].startswith(("why ", "why?")):
            return True
        if CONDITIONAL.match(nxt) or supports_question(norms[i + 1]):
            return False
        if tentative(norms[i]):
            return True  # "HNSW? better recall but more memory"
        if INFO_REQUEST.match(lead_stripped(norms[i])) and not re.search(r"\d", norms[i + 1]):
            # "How fast must we score a post, roughly? The output feeds three actions.": a
            # request for a requirement, asked mid-paragraph, that the next statement does
            # not answer with a number; the candidate wants it from the interviewer
            return False
        return statement[i + 1] and any(statement[:i])

    def _questions(self, sent: str, snorm: str, problem_id: str) -> list[Question]:
        """The question parts of one question sentence, each with the fact it asks for; a
        part's text is the candidate's own words (the interviewer may quote it back)."""
        parts, context = _question_parts(snorm)
        # matched in the candidate's own case and spelling where the part is theirs verbatim:
        # the retrieval thresholds were calibrated on questions as typed
        parts = [_own_words(p, sent) for p in parts]
        context = _own_words(context, sent) if context else ""
        out: list[Question] = []
        for k, part in enumerate(parts):
            out += self._match_part(part, context if k == 0 else "", problem_id)
        if len(parts) == 1 and not context and not QUESTION_START.match(question_core(snorm)):
            out = self._terse_parts(sent, out, problem_id)
        siblings = {q.fact_id for q in out if q.fact_id}
        for k, q in enumerate(out):
            if q.fact_id is None and siblings and _no_topic(q.text):
                # "...clicks, and how long is it kept?": the half with no topic of its own
                # goes on about its sibling's fact when that is its best match
                out[k] = self.facts.match(q.text, problem_id, siblings=siblings)
        return out

    def _terse_parts(self, sent: str, matched: list[Question], problem_id: str) -> list[Question]:
        """A terse compound ("Candidates per load, peak QPS, p99?") split into its pieces when
        they clearly ask for more facts than the whole does (a piece is a few words: only a
        confident match counts); else the whole, as it was."""
        pieces = [p.strip(" ?.!") for p in _SPLIT_TERSE.split(sent) if words(p)]
        if len(pieces) < 2:
            return matched
        found = [self.facts.match(piece, problem_id) for piece in pieces]
        # a piece's own best fact counts when it is confident, or when the whole sentence
        # also ranks that fact above the usual bar ("Scoring deadline after upload, and GPU
        # budget per post?": the deadline piece alone is weak, the whole confirms latency)
        whole = {r for r, x in self.facts.ranked(expand(sent), problem_id) if x >= FACT_MIN}
        keep = [q for q in found if q.score >= FACT_CONFIRM or (q.fact_id and q.fact_id in whole)]
        if len({q.fact_id for q in keep}) <= len({q.fact_id for q in matched if q.fact_id}):
            return matched
        return keep

    def _match_part(self, part: str, context: str, problem_id: str) -> list[Question]:
        """The fact one question part asks for: its own clause when that is a phrasing the
        sheet anticipates, else the part with its elaboration, then with the lead-in before
        it ("the impression logs, how long are they kept?"). Two options put as one question
        ("are most users logged in, or do many browse anonymously?") ask for the facts
        either names, else for what both together name. A part joining two topics under one
        question word ("the peak qps and p99 target") asks for both when each is a different
        fact."""
        part = unframed(part)
        core = part.split(",")[0].strip()
        options = ALTERNATIVES.match(part)
        if options is not None:
            each = [self.facts.match(options.group(k), problem_id) for k in ("a", "b")]
            if any(o.fact_id for o in each):
                return [o for o in each if o.fact_id]
            q = self.facts.match(part, problem_id)
        elif core == part:
            q = self.facts.match(part, problem_id)
        else:
            q, ranked = self.facts.match_ranked(core, problem_id)
            if q.score < 1.0:  # not a phrasing the sheet anticipates
                # the elaboration often names the topic ("what's the goal, is it watch time?");
                # the clause's own lead decides a near tie
                q = self.facts.match(part, problem_id, prefer=ranked[0][0] if ranked else None)
                if q.fact_id is None:
                    q = self.facts.match(core, problem_id)
        # "categories in scope, can a post hit several?": a part whose quantifier lost its
        # noun asks about the lead-in's topic, whatever it matched on its own
        # ...and so does a part that points back to it ("when an owner deletes a picture,
        # how long can it still appear?": what "it" is, the lead-in says)
        if context and (q.fact_id is None or _ELLIPTICAL.search(part) or _ANAPHOR.search(part)):
            with_context = self.facts.match(f"{context} {part}", problem_id)
            if with_context.fact_id is not None:
                q = with_context
        pair = self._coordinated(core, problem_id)
        if pair is not None and q.fact_id in (None, *(p.fact_id for p in pair)):
            return pair
        return [q]

    def _coordinated(self, core: str, problem_id: str) -> list[Question] | None:
        """'what's the peak qps and p99 target': the question word shared by two topics."""
        if " and " not in core.lower() or len(core.split()) > COORDINATED_WORDS:
            return None
        m = _COORDINATED.match(core)
        if m is None:
            return None
        left = self.facts.match(m.group("head") + m.group("left"), problem_id)
        right = self.facts.match(m.group("head") + m.group("right"), problem_id)
        if left.fact_id and right.fact_id and left.fact_id != right.fact_id:
            return [left, right]
        return None

    def _alternative_question(self, sent: str, norm: str, problem_id: str) -> Question | None:
        """A short verbless choice said unprompted ("personalised or the same for everyone")
        asks the interviewer when it is close to a fact the sheet holds."""
        if " or " not in norm or len(norm.split()) > 8 or re.search(r"[,.;:!]", norm):
            return None
        q = self.facts.match(sent.strip(), problem_id)
        return q if q.fact_id else None

    def _topic_named(
        self, sent: str, norm: str, reading: Reading, problem_id: str
    ) -> Question | None:
        """A bare topic said unprompted, with no claim in it ("retrain cadence", "reviewer
        headcount", "peak qps"): the candidate names what they want to know; it asks for a
        fact when it clearly names one."""
        if len(norm.split()) > TOPIC_WORDS:
            return None
        q = self.facts.match(sent.strip(" .!"), problem_id)
        return q if q.fact_id and q.score >= FACT_MIN else None

    def _guess_to_check(
        self, sent: str, norm: str, reading: Reading, problem_id: str
    ) -> Question | None:
        """A guess said unprompted as a statement ("I'd assume we're at about a billion daily
        users") asks the interviewer to confirm it when it clearly guesses a fact of the
        sheet and argues no design of its own ("I'd assume a two-tower model works": design)."""
        if not guess_stated(norm):
            return None
        designed = any(
            c.counts
            and (crit := self.matcher.criteria.get(c.criterion_id)) is not None
            and crit.stage != "clarify"
            for c in reading.claims
        )
        q = self.facts.match(unframed(lead_stripped(norm)), problem_id)
        if designed or q.fact_id is None or q.score < FACT_MIN:
            return None
        return q.model_copy(update={"text": sent.strip()})

    def _clearly_a_fact(self, sent: str, problem_id: str) -> bool:
        """The sentence asks for a fact of the sheet, clearly (FACT_CONFIRM)."""
        q = self.facts.match(sent.strip(), problem_id)
        return q.fact_id is not None and q.score >= FACT_CONFIRM

    def _about(self, norm: str, reading: Reading, problem_id: str) -> bool:
        """The sentence names a concept of the bank or an entity of the problem."""
        return any(m.alias in norm for m in reading.mentions) or bool(
            self._specifics(norm, problem_id)
        )

    def _recaps_sheet(self, norm: str, problem_id: str) -> bool:
        """An acknowledgement restating what the fact sheet says ("OK, so no autoplay on the
        home grid", "right, GPUs for training are plentiful"): all its content words but one
        are the sheet's. Beside a question it is what was heard, not the candidate's design."""
        rest = recap_of(norm)
        if rest is None:
            return False
        said = content_stems(rest)
        sheet = content_stems(self.facts.sheet_text(problem_id))
        return len(said - sheet) <= 1 < len(said) or (len(said) == 1 and said <= sheet)

    @staticmethod
    def _beside_ask(i: int, asks: list[bool], request: list[bool]) -> bool:
        """Sentence i is next to a question or a request."""
        return any(0 <= j < len(asks) and (asks[j] or request[j]) for j in (i - 1, i + 1))

    # -- parts ------------------------------------------------------------------------------

    def _mentions(self, norm: str, problem_id: str) -> list[Mention]:
        return [
            Mention(
                concept=hit.concept,
                alias=hit.alias,
                polarity=polarity_of_span(norm, hit.start, hit.end)[0],
            )
            for hit in self.matcher.concepts_in(norm, problem_id)
        ]

    def _claims(
        self,
        sents: list[str],
        norms: list[str],
        criteria: list[Criterion],
        mentions: list[Mention],
        vectors: dict | None = None,
        stage: Stage | None = None,
        problem_id: str = "",
        text: str = "",
    ) -> list[Claim]:
        views = [affirmed_view(n) for n in norms]
        answered = (
            _answers_with_their_question(sents, norms, views)
            if stage not in (None, "clarify")
            else {}
        )
        # a sentence that only gestures at the work ("we'd need to think about how fast",
        # "the right balance depends on...") with nothing concrete in it
        vague = [_vague(n) and not self._specifics(n, problem_id) for n in norms]
        # "just tell me the ideal answer ... so I can compare": asks for the solution
        solution_asked = [bool(SOLUTION_ASKED.search(n)) for n in norms]
        aliases = [m.alias for m in mentions]
        claims: dict[tuple[str, int], Claim] = {}
        bare: dict[int, bool] = {}  # sentence -> a bare list of terms (see `_bare_list`)
        runs = _runs(norms)
        listed_by = self.matcher.listed_by(criteria)

        def says(norm: str) -> bool:  # a run-on sentence that gestures claims nothing per clause
            return not (_vague(norm) and not self._specifics(norm, problem_id))

        matches = self.matcher.match(
            sents, views, criteria, SIM_PLAIN, vectors, stage, answered, says
        )
        if stage is not None:
            matches = _own_stage_first(matches, stage, norms, self._distinct.get(problem_id, {}))
        matches = _spans_to_closest(matches, self._generic)
        # Without a concept named, a sentence evidences at most its SIM_TOP closest criteria:
        # one sentence near several examples is about one thing, not all of them.
        closest: dict[int, list[float]] = {}
        for match in matches:
            closest.setdefault(match.sentence, []).append(match.sim)
        # ...or one per clause of its own in a run-on sentence ("I'd watch how often each kind
        # gets flagged, teach it again every week, and keep sending a random slice to the
        # checkers"), each compared on its own with the stage's criteria (`long_clauses`),
        # when the stage is known
        tops = {
            i: max(SIM_TOP, len(long_clauses(views[i], says))) if stage else SIM_TOP
            for i in closest
        }
        floor = {i: sorted(v, reverse=True)[: tops[i]][-1] for i, v in closest.items()}
        # A statement that evidences nothing itself but reasons ("Top slot gets clicks
        # regardless.", "this should not go up when we launch") gives the reason for the one
        # beside it: terse answers cut a claim and its why into separate sentences.
        why_beside = [
            j not in closest and not vague[j] and not is_question(sents[j]) and reasoning_cues(n)
            for j, n in enumerate(norms)
        ]
        # shorthand read only as a terse statement ("nightly batch jobs only compute aggregate
        # features") evidences good practice; a red flag needs a whole sentence (or a mistake
        # detector, which reads everything): a coarse match must never cost a correct answer
        shorthand = [not is_sentence(s) for s in sents]
        for match in matches:
            crit, i = match.criterion, match.sentence
            norm = norms[i]
            if crit.red_flag and shorthand[i]:
                continue
            # "I want to know how imbalanced the labels are": asked, in a statement's shape
            question = is_question(sents[i]) or bool(_WANTS_TO_KNOW.match(norm))
            assumption = bool(ASSUMPTION.search(norm))
            # "X, since Y, right?" argues for a design and checks it: the design counts as
            # said (a bare "X, right?" checks a fact, which is clarifying)
            proposed = question and bool(TAG_QUESTION.search(norm) and _ARGUED.search(norm))
            if (question and not proposed or assumption) and crit.stage != "clarify":
                continue  # asking or assuming is clarifying, not doing the thing
            if solution_asked[i]:
                continue
            clarify = crit.stage == "clarify" and crit.points > 0
            if clarify and not question and _ASK_INSTRUCTED.match(norm):
                question = True  # "Then ask what counts as winning": a recipe's question
            if clarify and not question and not assumption:
                continue  # clarify credit needs a question or a stated assumption
            if not match.spans and match.sim < floor[i]:
                continue
            if not clarify and crit.id in self._foils and _only(norm, self._foils[crit.id]):
                continue  # "rank purely by predicted clicks" for "...rather than raw clicks"
            if crit.id in self._not_learned and _learned_stand_in(norm, match.spans):
                continue  # "Baseline LR with hand crosses" for "a non-ML baseline"
            if crit.id in self._needs_frequency and not _SAYS_HOW_OFTEN.search(norm):
                continue  # "retrains frequently (daily or continually)": how often is the point
            if crit.id in self._needs_cadence and not (
                _SAYS_HOW_OFTEN.search(norm) or _TRIGGER.search(norm)
            ):
                continue  # "retrain periodically" for "a retraining cadence or trigger"
            if not crit.red_flag and _DISMISSES.search(norm):
                continue  # "retraining once in a while is fine": waves the practice away
            weighed = ""  # a precomputed part set beside an online one, in one statement
            if crit.id in self._batch_vs_online and match.spans:
                kept = tuple(sp for sp in match.spans if not _precomputes_a_part(norm, *sp))
                rest = " ".join(norms[i + 1 : runs[i][1]])
                if kept != match.spans and _ONLINE_SIDE.search(rest):
                    # "precomputed video embeddings in an index; user embedding online for
                    # session freshness": the statement weighs the two, and is the quote
                    weighed = " ".join(x.strip() for x in sents[i : runs[i][1]])
                elif kept != match.spans:  # "video embeddings are precomputed": no prediction
                    match = Match(match.sentence, crit, match.sim, kept)
            if (
                crit.stage == "monitor"
                and stage not in (None, "monitor")
                and match.spans
                and not _WATCHING.search(norm)
            ):
                kept = tuple(sp for sp in match.spans if not _term_as_budget(norm, sp[1], sp[2]))
                if kept != match.spans:  # "against 200 ms p99": a budget, not a watch
                    match = Match(match.sentence, crit, match.sim, kept)
                    if not kept and (match.sim < floor[i] or match.sim < SIM_ALONE):
                        continue  # its number makes it look substantive: a near copy only
            if (
                stage == "evaluate"
                and crit.id in self._training_loss
                and _loss_as_measure(norm, match.spans)
            ):
                continue  # "ROC-AUC and log loss on the next day's impressions": a metric
            reasons = reasoning_cues(norm) or int(
                any(why_beside[j] for j in (i - 1, i + 1) if 0 <= j < len(norms))
            )
            # a clarifying question is the behaviour itself: a plain-words one ("how long can
            # they be left waiting for the feed?") passes the plain bar without reasoning
            substantive = reasons > 0 or bool(re.search(r"\d", norm)) or (clarify and question)
            if match.spans and not clarify:
                named = tuple(sp for sp in match.spans if not EMPTY_BEFORE.search(norm[: sp[1]]))
                if named != match.spans:  # "a clear ML objective": the name, not the thing
                    match = Match(match.sentence, crit, match.sim, named)
            if vague[i] and not clarify:
                # its "since" and "so" reason about nothing in particular, a term it names
                # counts only where the sentence reads like the criterion's examples, and
                # with none named it must be a near copy of one
                substantive = False
                if match.sim < SIM_VAGUE_CONCEPT:
                    match = Match(match.sentence, crit, match.sim, ())
                if not match.spans and match.sim < SIM_VAGUE_ALONE:
                    continue
            if self._passing_shared_term(match, norm, stage, problem_id, listed_by):
                # "I'd start with something simple to get a baseline" for "starts from a
                # popularity baseline": the word its generic sibling also lists, nothing of
                # its own; read as plain words, it must then come close to an example
                match = Match(match.sentence, crit, match.sim, ())
            then = norms[i + 1] if i + 1 < len(norms) else ""
            claim = self._claim_from(match, norm, sents[i], substantive, then)
            if claim is None:
                continue
            if weighed:
                claim.quote = weighed
            n_concepts = sum(1 for a in aliases if a in norm)
            # A clarifying question or a stated assumption is the behaviour itself.
            claim.reasoned = substantive or crit.stage == "clarify"
            claim.listy = n_concepts >= LIST_CONCEPTS and list_items(norm) >= 2 and reasons == 0
            if not question and i not in bare:
                whole = norms[runs[i][0] : runs[i][1]]
                said = _TERM_WITH_DIGITS.sub(" ", " ".join(whole))  # "F1", "p99": not numbers
                bare[i] = strung_list(norm) or (
                    not reasoning_cues(said) and self._bare_list(" ".join(whole))
                )
            claim.bare = not question and bare[i]
            key = (crit.id, i)
            if key not in claims or _rank(claim) > _rank(claims[key]):
                claims[key] = claim
        # one claim per criterion and polarity: the best sentence, the one carrying the
        # criterion's key element over a neighbour that only shares its topic
        own = self._distinct.get(problem_id, {})
        best: dict[tuple[str, str], tuple[Claim, int]] = {}
        for (_, i), claim in claims.items():
            k = (claim.criterion_id, claim.polarity)
            if k not in best or _pick(claim, own, self._key_stems) > _pick(
                best[k][0], own, self._key_stems
            ):
                best[k] = (claim, i)
        for claim, i in best.values():
            _with_named_neighbour(claim, i, claims, sents, text)
            _with_referent(claim, i, claims, sents, text, self._key_stems.get(claim.criterion_id))
        return [claim for claim, _ in best.values()]

    def _without_flagged_practice(self, claims: list[Claim]) -> list[Claim]:
        """A sentence that makes a mistake of a stage ("precompute every feed nightly into a
        key-value store") is no evidence of that stage's good practice it touches on: the
        practice it names is used for the mistake."""
        stage_of = self.matcher.criteria
        flagged = {
            (normalize(c.quote), crit.stage)
            for c in claims
            if c.red_flag and c.counts and (crit := stage_of.get(c.criterion_id)) is not None
        }
        if not flagged:
            return claims
        return [
            c
            for c in claims
            if c.red_flag
            or not c.counts  # a negated mention stays: it says why the practice is not met
            or (crit := stage_of.get(c.criterion_id)) is None
            or not any(st == crit.stage and normalize(c.quote) in q for q, st in flagged)
        ]

    def _generalised(
        self, claims: list[Claim], crits: list[Criterion], problem_id: str
    ) -> list[Claim]:
        """A sentence that evidences a problem criterion evidences its generic parent too
        (`generic_parents`): "when it says three in a hundred, about three in a hundred
        click, bucket by bucket" is the problem's calibration check and so checks
        calibration. The parent gets a copy of the claim (same quote, polarity, credit
        marks) unless the message speaks to it itself, and only from a claim that carries
        its criterion's key element (`_carries`): a sentence merely close to the problem
        criterion's examples is weak evidence of it, and weaker still of a broader one; and
        only from the criterion its sentence reads closest to, not from a second one it
        brushes ("log loss over the background rate" is the normalised metric, not a
        calibration check)."""
        parents = self._parents.get(problem_id, {})
        own = self._distinct.get(problem_id, {})
        top: dict[str, float] = {}
        for c in claims:
            if c.counts and not c.red_flag:
                top[c.quote] = max(top.get(c.quote, 0.0), c.score)
        in_play = {c.id for c in crits}
        said = {c.criterion_id for c in claims}
        out: list[Claim] = []
        for claim in claims:
            if claim.red_flag or not claim.counts or claim.score < top[claim.quote]:
                continue
            if _carries(claim, own, self._key_stems) < 2:
                continue
            for gid in parents.get(claim.criterion_id, ()):
                if gid in in_play and gid not in said:
                    said.add(gid)
                    why = f"an instance of {claim.criterion_id}: {claim.why}"
                    out.append(
                        claim.model_copy(update={"criterion_id": gid, "concept": None, "why": why})
                    )
        return out

    def _claim_from(
        self, match, norm: str, sent: str, substantive: bool, then: str = ""
    ) -> Claim | None:
        """The claim one (sentence, criterion) match makes, if any; `then` is the next
        sentence (it may set a named mistake aside: "Some teams ship on AUC alone; I won't")."""
        crit = match.criterion
        affirmed = None
        negated = None
        for concept, start, end in match.spans:
            if _FREQUENCY.match(norm, end) and _QUANTIFIER.search(concept):
                continue  # "labels every week" is how often, not "label every post"
            pol, cue = polarity_of_span(norm, start, end)
            if pol == "negated" and not crit.red_flag:  # said twice, good practice counts by
                # its affirmed use ("a nightly precomputed list can't do that, so I'd only use
                # batch precompute as a fallback"); a red flag keeps its negation
                pol, cue = _later_use(norm, concept, end) or (pol, cue)
            if crit.red_flag and pol == "affirmed" and (why := foil(norm, start, end, then)):
                pol, cue = "hedged", why  # named to be set aside: not the candidate's own
            if pol == "negated":
                negated = negated or (concept, cue)
            elif affirmed is None or pol == "affirmed":
                affirmed = (concept, pol, cue)
        # A concept worded with a negation is the behaviour in its own words, a red flag's
        # ("latency is not a concern") or good practice's ("hide rate must not get worse"):
        # the affirmed view drops those words, so no similarity bar.
        if affirmed and (match.sim >= SIM_WITH_CONCEPT or self_negating(affirmed[0])):
            concept, pol, cue = affirmed
            return Claim(
                criterion_id=crit.id,
                # good practice is quoted by the statement that names it, not the whole
                # sentence it was joined into (a red flag keeps its sentence: the leakage
                # detectors compare it whole)
                quote=sent.strip()
                if crit.red_flag
                else supporting_clauses(
                    sent.strip(),
                    [c for c, a, b in match.spans if polarity_of_span(norm, a, b)[0] != "negated"],
                ),
                polarity=pol,
                red_flag=crit.red_flag,
                score=round(min(match.sim + NAMED_BONUS, 1.5), 4),
                concept=concept,
                why=f"hedged ('{cue}')" if cue else f"names '{concept}'",
            )
        if negated:
            concept, cue = negated
            return Claim(
                criterion_id=crit.id,
                quote=sent.strip(),
                polarity="negated",
                red_flag=crit.red_flag,
                score=round(match.sim, 4),
                concept=concept,
                why=f"'{concept}' negated by '{cue}'",
            )
        # No concept named. A red flag needs its words (or a near copy of an example): a
        # coarse similarity alone must never cost a correct answer points. Good practice
        # said in plain words counts when the sentence is close to an example and carries
        # reasoning or problem specifics.
        if crit.red_flag:
            if match.sim < SIM_FLAG_ALONE or affirmed_view(norm) != norm or foil_in(norm, then):
                return None
        elif match.sim < SIM_ALONE and not (
            match.sim >= SIM_PLAIN and substantive and not hedged(affirmed_view(norm))
        ):
            return None  # plain words count when they reason and commit ("might" does not)
        pol = "hedged" if hedged(affirmed_view(norm)) else "affirmed"
        return Claim(
            criterion_id=crit.id,
            quote=sent.strip(),
            polarity=pol,
            red_flag=crit.red_flag,
            # a near copy of an example ranks with a named concept, by closeness: the quote
            # is then the sentence that does the thing, not the one beside it that names it
            # ("we compare uploads against fingerprints of removed media" over "40% are
            # re-uploads")
            score=round(match.sim + (NAMED_BONUS if match.sim >= SIM_ALONE else 0.0), 4),
            why="close to an example" + (" (hedged)" if pol == "hedged" else ""),
        )

    def _bare_list(self, norm: str) -> bool:
        """A sentence that strings terms together ("evaluation will use ROC-AUC, log loss,
        nDCG, calibration and A/B testing"): most of its items after the lead-in are terms of
        the bank and nothing else. Such a sentence names the terms without showing that the
        candidate knows what they do, so it evidences no criterion."""
        items = [i for i in _LIST_ITEM.split(norm) if content_words(i)]
        if len(items) < BARE_TERMS:
            return False
        terms = [self.matcher.bare_term(i.strip()) for i in items]
        return sum(terms) >= BARE_TERMS and sum(terms[1:]) >= BARE_SHARE * (len(items) - 1)

    def _detector_targets(self, wanted: dict[str, Criterion]) -> list[tuple[Detector, str]]:
        """Each detector that flags a criterion of `wanted`, with that criterion: the same for
        every message of a problem and level, so worked out once (it reads every red flag's
        text per detector)."""
        key = tuple(wanted)
        found = self._targets.get(key)
        if found is None:
            pairs = ((det, _detected_criterion(det, wanted)) for det in DETECTORS)
            found = self._targets[key] = [(det, cid) for det, cid in pairs if cid is not None]
        return found

    def _mistakes(
        self, sents: list[str], norms: list[str], criteria: list[Criterion], problem_id: str
    ) -> tuple[list[Claim], set[str]]:
        """Red flags from the mistake detectors, on affirmed clauses only, and the sentences
        (quotes) that keep a post-prediction signal out on purpose: correct practice, which
        credits the problem's criteria for it and clears the leakage flag."""
        wanted = {c.id: c for c in criteria}
        targets = self._detector_targets(wanted)
        leaks = self._leaks.get(problem_id) or _NO_LEAKS
        out: dict[str, Claim] = {}
        practice: set[str] = set()
        listed = as_listed(norms)
        for i, (sent, norm) in enumerate(zip(sents, norms, strict=True)):
            then = norms[i + 1] if i + 1 < len(norms) else ""
            if is_question(sent):
                continue
            quote = sent.strip()
            finding = leaks.read(listed[i])
            if finding is not None and finding.verdict == "leak":
                if LEAKAGE_CRITERION in wanted:
                    out.setdefault(LEAKAGE_CRITERION, _flag(LEAKAGE_CRITERION, quote, finding))
                continue
            kept_out = (finding is not None and finding.verdict == "practice") or aware(norm)
            if kept_out:
                practice.add(quote)
            if finding is not None and finding.verdict == "practice":
                for cid in leaks.credit:
                    if cid in wanted:
                        out.setdefault(cid, _credit(cid, quote, finding.why))
            for det, cid in targets:
                if cid in out:
                    continue
                if kept_out and cid in self._leak_flags:
                    continue
                if cid == LEAKAGE_CRITERION and not feeds_model(norm):
                    continue  # "it ends up learning from its own choices": no feature named
                m = det.pattern.search(norm)
                if m is None or (det.warned is not None and det.warned.search(norm)):
                    continue
                if det.dismissal:
                    if (det.doubt or DISMISSAL_DOUBTED).search(norm):
                        continue
                elif not _affirmed(norm, *cue_span(m), then):
                    continue
                if det.unless is not None:
                    left, right = clause_bounds(norm, *cue_span(m))
                    if det.unless.search(norm, left, right):
                        continue
                if det.unless_after is not None:
                    piece = _PIECE_END.search(norm, m.end())
                    stop = piece.start() if piece else len(norm)
                    if det.unless_after.search(norm, m.end(), stop):
                        continue
                out[cid] = Claim(
                    criterion_id=cid,
                    quote=quote,
                    polarity="affirmed",
                    red_flag=True,
                    score=1.0,
                    concept=m.group(0)[:60],
                    why=f"{det.why} ('{m.group(0)[:60]}')",
                )
        return list(out.values()), practice

    def _put_to_no_use(self, claim: Claim) -> bool:
        """A red flag for proposing to use some data (its criterion says "proposes using /
        indexing / training on / inferring ...") whose sentence names the data but puts it to no
        use: "users under 13 are on the kids app, which has nothing personalised" names the
        accounts, it does not use them."""
        crit = self.matcher.criteria.get(claim.criterion_id) if claim.red_flag else None
        if crit is None or not claim.concept or not _PROPOSES_USE.search(crit.text):
            return False
        norm = normalize(claim.quote)
        hit = find_phrase(claim.concept, norm, normalized=True)
        return not any(
            not (hit and hit.start() <= m.start() < hit.end())
            and polarity_of_span(norm, m.start(), m.end())[0] != "negated"
            for m in _PUT_TO_USE.finditer(norm)
        )

    def _cleared(self, claim: Claim, said: str) -> bool:
        """A red flag whose sentence (`said`: its quote, with what follows a ";") also says the
        practice that rules the mistake out (the criterion's `cleared_by`), not negated and
        outside the flag's own words: "after the baseline, a state-of-the-art model" skips no
        baseline."""
        crit = self.matcher.criteria.get(claim.criterion_id) if claim.red_flag else None
        if crit is None or not crit.cleared_by:
            return False
        norm = normalize(said)
        own = [m for c in crit.concepts if (m := find_phrase(c, norm, normalized=True))]
        if claim.concept and (hit := find_phrase(claim.concept, norm, normalized=True)):
            own.append(hit)
        flag_at = min((o.start() for o in own), default=None)
        for phrase in crit.cleared_by:
            pos = 0  # every mention, not just the first (which may be the flag's own words)
            while (m := find_phrase(phrase, norm[pos:], normalized=True)) is not None:
                start, end = pos + m.start(), pos + m.end()
                # "calibration as a sanity check, but the number I'd report is accuracy": the
                # turn keeps the flag
                turned = flag_at is not None and bool(_TURN.search(norm, end, flag_at))
                if (
                    not turned
                    and not any(o.start() < end and start < o.end() for o in own)
                    and polarity_of_span(norm, start, end)[0] != "negated"
                ):
                    return True
                pos = end
        return False

    def _specifics(self, norm: str, problem_id: str) -> int:
        vocab = self._specific.get(problem_id, frozenset())
        terms = {w for w in words(norm) if w in vocab}
        numbers = set(re.findall(r"\d+(?:[.,]\d+)?", norm))
        return len(terms) + len(numbers)

    def _plain_specifics(self, norm: str, problem_id: str) -> int:
        """Problem specifics said in everyday words, for the stage score's specificity: the
        plain-word classes of this problem met without their term ("moderators" where the
        bank says "reviewers"), and amounts said in words ("one in a hundred", "a fifth of a
        second"), which a speaker who avoids jargon uses where others write digits."""
        said = set(words(norm))
        runs = text_heads(norm)  # a phrase whose `match_head` is not among them is not said
        found = sum(
            1
            for terms, plain in self._specific_plain.get(problem_id, ())
            if not terms & said
            and any(
                (not (head := match_head(p)) or head in runs)
                and find_phrase(p, norm, normalized=True)
                for p in plain
            )
        )
        return found + len({m.group(0) for m in _SPELLED_AMOUNT.finditer(norm)})

    def _stages(self, reading: Reading) -> list:
        votes: Counter[str] = Counter()
        by_id = self.matcher.criteria
        for claim in reading.claims:
            crit = by_id.get(claim.criterion_id)
            if crit is not None and claim.polarity != "negated":
                votes[crit.stage] += 2
        for m in reading.mentions:
            stage = self._concept_stage.get(m.concept)
            if stage:
                votes[stage] += 1
        if reading.questions and not votes:
            votes["clarify"] += 1
        if named := signposted_stage(reading.norm):
            # what they say they are talking about comes first, whatever else they name; an
            # answer that names nothing the bank knows ("For features I'd mine ...") is still
            # about the stage it announces
            votes[named] = max(votes.values(), default=0) + 1
        # most evidence first; ties in interview order
        ranked = sorted((s for s in STAGES if votes[s]), key=lambda s: (-votes[s], STAGES.index(s)))
        return ranked[:3]


# A reason given for what the sentence says: the candidate argues rather than asks.
_ARGUED = re.compile(r"\b(?:because|since|so that|given that|which means|that way)\b")


# A concept ending in a quantifier ("label every", "each user and each") followed by a time
# unit is a frequency ("we retrain on fresh labels every week"), not the quantified items.
_QUANTIFIER = re.compile(r"\b(?:every|each|all|once)$")
_FREQUENCY = re.compile(
    r"\s+(?:(?:a|an|per|every|each)\s+)?(?:other\s+|single\s+|few\s+|couple of\s+|\d+\s+)?"
    r"(?:second|minute|hour|day|night|week|month|quarter|year|time|morning|evening|weekend|"
    r"release|sprint|cycle|run)s?\b"
)
# Between a clearing practice and the flag after it, a turn ("but") or a consequence ("so":
# "request time costs too much, so I'd precompute") makes the flag the choice that stands.
_TURN = re.compile(
    r"\b(?:but|however|yet|though|although|so|therefore|hence|thus|instead)\b|" + RETRACT.pattern
)
_PIECE_END = re.compile(r"[;:!?]|\.(?!\d)")  # the end of a sentence piece
_NO_LEAKS = LeakDetector(None)  # a problem without a `leakage` field: generic detectors only
_UNLESS = {d.criterion_id: d.unless for d in DETECTORS if d.unless is not None}


def _detected_criterion(det: Detector, wanted: dict[str, Criterion]) -> str | None:
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
_PROPOSES_USE = re.compile(r"\bpropos\w* (?:using|indexing|training on|inferring)\b")
_PUT_TO_USE = re.compile(
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


def _other_context(claim: Claim) -> bool:
    """A red flag whose words are said about something else, by its detector's `unless`
    ("randomly split users between the old and new model" is an experiment, not a split)."""
    unless = _UNLESS.get(claim.criterion_id) if claim.red_flag else None
    if unless is None:
        return False
    norm = normalize(claim.quote)
    hit = find_phrase(claim.concept, norm, normalized=True) if claim.concept else None
    left, right = clause_bounds(norm, hit.start(), hit.end()) if hit else (0, len(norm))
    return unless.search(norm, left, right) is not None


def _the_label(claim: Claim) -> bool:
    """A leakage red flag whose signal the sentence names as the label, not an input."""
    norm = normalize(claim.quote)
    hit = find_phrase(claim.concept, norm, normalized=True) if claim.concept else None
    return hit is not None and named_as_label(norm, hit.start(), hit.end())


def _affirmed(norm: str, start: int, end: int, then: str = "") -> bool:
    """Both ends of a detector's cue are affirmed ("the label ..., never as a feature" is not)
    and it is not named to be set aside (`framing.foil`)."""
    last = norm.rfind(" ", start, end) + 1 or start
    return (
        polarity_of_span(norm, start, end)[0] == "affirmed"
        and polarity_of_span(norm, max(last, start), end)[0] == "affirmed"
        and foil(norm, start, end, then) is None
    )


def _later_use(norm: str, concept: str, after: int) -> tuple[Polarity, str] | None:
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


def _flag(criterion_id: str, quote: str, finding: LeakFinding) -> Claim:
    return Claim(
        criterion_id=criterion_id,
        quote=quote,
        polarity="affirmed",
        red_flag=True,
        score=1.0,
        concept=finding.alias,
        why=finding.why,
    )


def _credit(criterion_id: str, quote: str, why: str) -> Claim:
    return Claim(
        criterion_id=criterion_id,
        quote=quote,
        polarity="affirmed",
        score=1.0,
        reasoned=True,
        why=why,
    )


def _own_stage_first(
    matches: list[Match], stage: Stage, norms: list[str], distinct: dict[str, frozenset[str]]
) -> list[Match]:
    """The matches of a message said in `stage`, without those where a sentence only
    resembles an example of another stage's criterion while it reads at least as much like
    one of this stage's: said here, it is about this stage's work ("training examples come
    from the display log" in the data stage is not a simple first model). A concept named
    counts wherever it is said; so does a near copy of an example that shares one of the
    criterion's own words (`_distinct_stems`): a near copy of one example on a neighbouring
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
                or _shares_own_word(m.criterion, stage, norms[m.sentence], distinct)
            )
        )
        or (m.sim < SIM_ALONE and m.sim > own.get(m.sentence, 0.0))
    ]


def _distinct_stems(criteria: list[Criterion]) -> dict[str, frozenset[str]]:
    """Each good-practice criterion's own words: the stems of its text and concepts that no
    other criterion of its stage uses ("interpretab", "alternative" for the model trade-off;
    not "model", "data" or "train"), and the stems of its examples that no other criterion
    of its stage uses in any way (marked with a leading "~": they count only when no criterion
    of the stage the sentence is said in uses them either, see `_shares_own_word`)."""
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
        named = _id_words(p.id) & _same_stems(_stems_of(" ".join([p.text, *p.concepts])))
        parents = tuple(
            g.id
            for g in good
            if g.stage == p.stage
            and named & {w for w in _id_words(g.id) if id_count[w] == 1}
            and not any(rx.search(g.text) and not rx.search(p.text) for rx in _RESTRICTS)
        )
        if parents:
            out[p.id] = parents
    return out


def _shares_own_word(
    crit: Criterion, stage: Stage, norm: str, distinct: dict[str, frozenset[str]]
) -> bool:
    """The sentence, said in `stage`, uses one of `crit`'s own words (`_distinct_stems`): an
    example's word counts only if the stage it is said in has no use for it ("retrain" is
    the model trade-off example's own, and monitoring's)."""
    own = distinct.get(crit.id, frozenset())
    here = distinct.get("@" + stage, frozenset())
    return any(
        w in own or ("~" + w in own and w not in here)
        for w in content_stems(re.sub(r"[/-]", " ", norm))
    )


SPAN_MARGIN = 0.10  # a shared term evidences the criteria whose examples read this close to best


def _spans_to_closest(matches: list[Match], generic: frozenset[str]) -> list[Match]:
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

    def beaten(m: Match, a: int, b: int) -> bool:
        for r in rivals.get(m.sentence, []):
            if (
                r.criterion.id == m.criterion.id
                or r.criterion.red_flag != m.criterion.red_flag
                or (r.criterion.stage == "clarify") != (m.criterion.stage == "clarify")
            ):
                continue  # asking is not doing; a red flag's polarity decides for itself
            for _, x, y in r.spans:
                if not (x < b and a < y):
                    continue
                if x <= a and b <= y and y - x > b - a:
                    return True  # a longer term holds this one
                if a <= x and y <= b and b - a > y - x:
                    continue  # ...and this one holds the rival's: the longer term owns it
                siblings = r.criterion.stage == m.criterion.stage and (
                    (m.criterion.id in generic) != (r.criterion.id in generic)
                )
                if r.sim > m.sim + SPAN_MARGIN and not siblings:
                    return True
        return False

    out: list[Match] = []
    for m in matches:
        spans = tuple((c, a, b) for c, a, b in m.spans if not beaten(m, a, b))
        out.append(m if spans == m.spans else Match(m.sentence, m.criterion, m.sim, spans))
    return out


# What a sentence says when it gestures at the work instead of doing it: deferring the choice
# ("depends on", "we'd need to decide"), promising care ("make sure", "closely"), unnamed
# plurals ("various ways", "a few approaches", "other metrics") and generalities.
_VAGUE = re.compile(
    r"\b(?:depends? on|depending on|it depends|(?:need|needs|want|have) to (?:think about|"
    r"consider|decide|figure out|look into|understand)|decide how|make sure|look at|"
    r"keep an eye|try (?:a few|some|several|different|various)|a few (?:different )?"
    r"(?:approaches|options|things|ways)|(?:different|many|several) (?:approaches|options|ways)|"
    r"(?:i|we)(?:'d| would|'ll| will) think about|how (?:they|these|those|it all) relates?|"
    r"various|some kind of|reasonable|sensible|suitable|"
    r"appropriate|as needed|if needed|some (?:way|sort|form) (?:of|to)|worth (?:considering|"
    r"exploring|looking at)|these days|where (?:it|they) makes? sense|in general|"
    r"unexpected ways|the right (?:balance|split|"
    r"one|choice|approach)|best (?:balance|trade-?off)|(?:other|main|key|relevant) "
    r"(?:business )?metrics|the business metrics|stuff|carefully|closely|usually|a lot|lots of|"
    # unnamed methods and results: "one of the standard techniques", "return good results"
    r"appropriately|(?:the|one of the) (?:standard|usual|common|typical) (?:techniques|methods|"
    r"approaches|ways|tricks)|(?:good|better|great|decent) results|"
    # options left open, troubles unnamed, care promised, learning deferred to later
    r"pros and cons|(?:several|many|multiple|different) ways|somehow|anything that seems|"
    r"when something changes|(?:notice|catch|react to) problems|"
    r"making sure|keep(?:s)? improving|(?:what|as) we (?:learn|observe)|what matters|"
    r"(?:important|right) (?:metrics|signals|things)|general checks|extra logic|"
    r"other useful information|could help)\b"
)
_NUMBER_WORD = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|twelve|hundreds?|thousands?|"
    r"millions?|billions?|half|daily|hourly|weekly|monthly|nightly)\b"
)


# A criterion about how often the model learns ("retrains frequently", "continual training")
# is met only by a sentence that says how often: a period, a rate, or continual updates.
_FREQUENT = re.compile(r"\b(?:frequent(?:ly)?|continual(?:ly)?|continuous(?:ly)?)\b", re.I)
_SAYS_HOW_OFTEN = re.compile(
    r"\b(?:hourly|daily|nightly|weekly|every (?:\w+ )?(?:minutes?|hours?|days?|nights?|weeks?)|"
    r"(?:once|twice|\w+ times) (?:a|an|per) (?:day|hour|week)|(?:a|per|each) (?:day|hour)|"
    r"continual(?:ly)?|continuous(?:ly)?|incremental(?:ly)?|streaming|online learning|"
    r"real[- ]time|within (?:\w+ )?(?:minutes?|hours?)|as soon as|intraday)\b"
)

# A criterion that asks when something is done ("a retraining cadence or trigger") is met only
# by a sentence that says how often (`_SAYS_HOW_OFTEN`) or upon what: "retrain periodically"
# or "regularly" promises a schedule without giving one.
_CADENCE = re.compile(r"\bcadence\b", re.I)
_TRIGGER = re.compile(
    r"\b(?:when|whenever|if|after|as soon as|sooner|on (?:drift|a drop|decay))\b|"
    r"\b(?:every|each|per) (?:\w+ )?(?:months?|releases?|quarters?)\b|\b(?:monthly|quarterly)\b"
)


# A statement that waves a practice away instead of doing it: doing it rarely is declared
# enough ("retraining once in a while is fine"), the outcome is left to time ("new ads will be
# picked up eventually"), or asking is called a waste ("scope questions just slow things down").
_DISMISSES = re.compile(
    r"\b(?:(?:once in a while|now and then|every so often|from time to time|occasionally|"
    r"rarely|at some point)\s+(?:is|are|would be|will be|should be|seems)\s+(?:\w+\s+)?"
    r"(?:fine|enough|ok|okay|sufficient|plenty)|(?:will|would|'ll) (?:\w+ )?(?:be )?"
    r"(?:picked up|caught|handled|sorted out|fixed|fine) eventually|"
    r"(?:just|only) (?:slows?|slowing) (?:us|things|everything|it) down|"
    r"(?:is|are|'s) (?:no|not a) big deal|"
    # handed off as not the design's concern ("click fraud and bots are someone else's problem")
    r"(?:is|are|'s|'re) (?:someone|somebody) else's (?:problem|job|concern)|"
    r"(?:is|are|'s|'re) not (?:our|my) (?:problem|job|concern))\b"
)


# A criterion about serving predictions in batch or online ("chooses between batch and online
# prediction") is about the model's outputs: precomputing a part the model reads or searches
# ("video embeddings are precomputed and held in an ANN index", "precomputed user features")
# is not that choice, so "precompute" naming such a part is read as no term named.
_BATCH_AND_ONLINE = re.compile(r"\bbatch\b.*\bonline\b|\bonline\b.*\bbatch\b", re.I)
_PRECOMPUTE = re.compile(r"^pre-?comput")
_MODEL_PART = re.compile(
    r"\b(?:embeddings?|vectors?|index(?:es)?|features?|counters?|encodings?|towers?)\b"
)
_ONLINE_SIDE = re.compile(
    r"\b(?:online|at request time|per request|in real time|real-time|on the spot)\b"
)
PART_REACH = 3  # words either side of "precomputed" within which the part it names stands


def _precomputes_a_part(norm: str, concept: str, start: int, end: int) -> bool:
    """`concept` is a "precompute" term whose object, within `PART_REACH` words, is a part
    of the model (embeddings, features, an index) rather than its predictions."""
    if not _PRECOMPUTE.match(concept):
        return False
    before = " ".join(norm[:start].split()[-PART_REACH:])
    after = " ".join(norm[end:].split()[:PART_REACH])
    return bool(_MODEL_PART.search(before) or _MODEL_PART.search(after))


# A model-stage criterion about the loss the model trains with is not met by a sentence of the
# evaluation stage that names the loss only as a measure of the trained model, beside a metric
# ("ROC-AUC and log loss on the next day's impressions"), with no word of training around it.
# (Monitoring's "roll back if the update worsens log loss" is the same use, but terse answers
# often state their loss in a fragment too short to read, "BCE loss.", and such a sentence is
# then the only trace of it: left as it is until fragments are read.)
_LOSS_WORD = re.compile(r"\bloss(?:es)?\b", re.I)
_MEASURE_CUE = re.compile(
    r"\b(?:metrics?|offline|online|evaluat\w*|auc|ndcg|recall|precision|worsens?|worse|"
    r"improves?|roll(?:s|ed)? ?back|rollback|alerts?|dashboards?|measur\w*|holdout|held-out)\b"
)
_TRAINING_CUE = re.compile(
    r"\b(?:train\w*|optimi[sz]\w*|minimi[sz]\w*|objective|fit|fits|fitted|learn\w*|"
    r"gradients?|loss(?:es)?)\b"
)


def _loss_as_measure(norm: str, spans: tuple[tuple[str, int, int], ...]) -> bool:
    """The sentence names the loss only as a measure (see `_MEASURE_CUE`): a metric or check
    word beside it and no training word outside the named terms."""
    if not spans or not _MEASURE_CUE.search(norm):
        return False
    rest = norm
    for _, start, end in sorted(spans, key=lambda sp: -sp[1]):
        rest = rest[:start] + " " + rest[end:]
    return not _TRAINING_CUE.search(rest)


# A monitoring term bound to a number ("200 ms p99", "p99 under 15 ms", "error rate below
# 0.1%") states a requirement or a budget the design must meet, not a watch kept on the live
# service: said outside the monitoring stage with no watching word in the sentence, the term
# is no evidence of monitoring ("Funnel sizing against 200 ms p99 at 120,000 QPS peak: ...",
# "To fit 15 ms p99 on CPUs, I'd compute ..."). "Alert if p99 passes 200 ms" still watches.
_WATCHING = re.compile(
    r"\b(?:monitor\w*|watch\w*|track\w*|alert\w*|alarm\w*|dashboards?|pag(?:e|es|ed|ing)|"
    r"on-call|observ\w*|log(?:s|ged|ging)?|chart\w*|notic\w*|detect\w*|measur\w*|report\w*)\b"
)
_NUMBER_TOKEN = re.compile(r"\d")
BUDGET_REACH = 3  # words either side of the term within which its number stands


def _term_as_budget(norm: str, start: int, end: int) -> bool:
    """The named term at norm[start:end] has a number within BUDGET_REACH words of it."""
    before = norm[:start].split()[-BUDGET_REACH:]
    after = norm[end:].split()[:BUDGET_REACH]
    return any(_NUMBER_TOKEN.search(w) for w in before + after)


# What a criterion sets its behaviour against ("...relevance rather than raw clicks",
# "...instead of a single engagement label"), and the words that say a sentence does only that.
_FOIL = re.compile(r"\b(?:rather than|instead of) ([^,.;:()]+)", re.I)
_EXCLUSIVE = frozenset({"purely", "only", "solely", "just", "exclusively", "alone"})
# A criterion that asks for something without machine learning ("a simple non-ML baseline"),
# and the learned models a sentence may name in its place.
_NOT_LEARNED = re.compile(r"\bnon-(?:ml|machine[- ]learning|learned)\b", re.I)
_RESTRICTS = (_NOT_LEARNED, _FREQUENT)  # a generic practice narrowed (see `generic_parents`)
_LEARNED_MODEL = re.compile(
    r"\b(?:lr|logistic regression|linear (?:model|regression)|gbdt|gradient[- ]boosted|xgboost|"
    r"lightgbm|(?:boosted |decision )trees?|random forests?|neural (?:net|network)s?|dnn|mlp|"
    r"deep (?:model|network)s?|transformers?|two[- ]towers?|matrix factori[sz]ation|naive bayes|"
    r"svms?|classifiers?)\b"
)
STAND_IN_REACH = 4  # words after the named term within which the learned model stands
# What a clause sets up as the term that follows ("<logistic regression on hashed features> as
# a baseline"): the clause's words before "as", back to its start.
_AS_THE = re.compile(r"([^,;:()]*)\bas (?:a |an |the |our |my )?$")


def _practice_saying(criteria: list[Criterion], pattern: re.Pattern[str]) -> frozenset[str]:
    """Ids of the good-practice criteria whose text says `pattern`."""
    return frozenset(c.id for c in criteria if not c.red_flag and pattern.search(c.text))


def _learned_stand_in(norm: str, spans: tuple[tuple[str, int, int], ...]) -> bool:
    """Every term the sentence names for a non-ML criterion is filled by a learned model:
    one that follows it closely ("baseline is logistic regression on TF-IDF", "baseline LR")
    or that its clause sets up as it ("logistic regression on hashed features as a
    baseline"): the sentence offers an ML model where the criterion asks for none."""
    return bool(spans) and all(
        _LEARNED_MODEL.search(" ".join(norm[end:].split()[:STAND_IN_REACH]))
        or bool((m := _AS_THE.search(norm[:start])) and _LEARNED_MODEL.search(m.group(1)))
        for _, start, end in spans
    )


EXCLUSIVE_REACH = 4  # words between "purely"/"only" and the foil it restricts to


def _foil_stems(text: str) -> frozenset[str]:
    """Stems of the content words a criterion's text sets its behaviour against."""
    return frozenset(
        light_stem(w)
        for m in _FOIL.finditer(text)
        for w in content_words(m.group(1))
        if w not in _EXCLUSIVE
    )


def _only(norm: str, foil: frozenset[str]) -> bool:
    """The sentence commits to the criterion's foil and nothing else ("rank purely by
    predicted click-through rate", "clicks alone"): it contradicts the criterion."""
    toks = words(norm)
    for i, tok in enumerate(toks):
        if tok not in _EXCLUSIVE or (
            i and (toks[i - 1] in ("not", "never") or toks[i - 1].endswith("n't"))
        ):
            continue  # "not just clicks" sets the foil beside the behaviour
        near = toks[max(0, i - 2) : i] if tok == "alone" else toks[i + 1 : i + 1 + EXCLUSIVE_REACH]
        if any(light_stem(part) in foil for w in near for part in w.split("-")):
            return True
    return False


# A statement that asks: the candidate says what they want to know ("I'd like to understand
# how...", "we need to find out whether...").
_WANTS_TO_KNOW = re.compile(
    r"^(?:so |and |also |first,? )?(?:i|we)(?:'d| would| will|'ll)? (?:really |also |first )?"
    r"(?:want|like|need|wish) to (?:know|understand|find out|learn|hear|confirm|ask)\b"
)
# An instruction to ask ("Before you build anything, find out which screen this is.", "Then
# ask what counts as winning", "you should ask whether..."): a clarifying question told as a
# step of a recipe. It asks for clarify criteria only; elsewhere it is read as it stands.
_ASK_INSTRUCTED = re.compile(
    r"^(?:(?:so|and|then|next|also|first(?:ly)?|second(?:ly)?|finally|before (?:you|we|anything)"
    r"[^,]{0,40})[,\s]+)*(?:(?:you|we)(?:'d| should| need to| want to| have to|'ll want to| must)?"
    r" )?(?:ask|find out|clarify|confirm|check with (?:the |your )?\w+)(?: (?:them|the \w+|"
    r"your \w+))?(?: about)? (?:whether|if|what|which|how|who|when|where|why)\b"
)


# An empty adjective right before a term: it promises the thing without saying it ("with a
# clear ML objective, inputs and outputs", "the right metrics", "proper monitoring").


# "No, I keep every click", "nope", "not really": a reply that denies its question; the
# question's words must then not be read into the answer
_DENYING_REPLY = re.compile(r"^(?:no|nope|nah|not|never|none|neither)\b")
SELF_QUESTION_WORDS = 14  # a question the candidate puts to themself is short


def _answers_with_their_question(
    sents: list[str], norms: list[str], views: list[str]
) -> dict[int, str]:
    """A candidate who interviews themself ("What do I start with? A simple weighted sum of
    the bucketed inputs.", "How do I keep up? Start from yesterday's version every hour.")
    leaves the topic in the question and says only the answer: by sentence, the answer with
    its question before it, read for similarity beside the answer alone. Only a short
    question before an affirmed statement that does not deny it ("No, ..."); the caller
    asks for a design stage (asked of the interviewer, in clarify, a question stands alone)."""
    out: dict[int, str] = {}
    for i in range(1, len(norms)):
        prev, norm = norms[i - 1], norms[i]
        if (
            views[i] == norm
            and len(prev.split()) <= SELF_QUESTION_WORDS
            and not _DENYING_REPLY.match(norm)
            and is_question(sents[i - 1], prev)
            and not is_question(sents[i], norm)
        ):
            out[i] = f"{affirmed_view(lead_stripped(prev)).rstrip('?')} {norm}"
    return out


def _vague(norm: str) -> bool:
    """A sentence with a vagueness marker and no number in it (see `_VAGUE`); the caller
    also asks for no word specific to the problem."""
    concrete = re.search(r"\d", norm) or _NUMBER_WORD.search(norm)
    return bool(_VAGUE.search(norm)) and not concrete


def _runs(norms: list[str]) -> list[tuple[int, int]]:
    """For each sentence, the slice of sentences that make up the whole it belongs to: parts
    cut at semicolons ("fetch 48h candidates; feature store with ...; light ranker in 60 ms")
    are read together, so a terse answer is not taken for a bare list piece by piece."""
    out: list[tuple[int, int]] = []
    start = 0
    for i, norm in enumerate(norms):
        if not norm.endswith(";") or i == len(norms) - 1:
            out += [(start, i + 1)] * (i + 1 - start)
            start = i + 1
    return out


def _rank(claim: Claim) -> tuple[bool, bool, bool, float]:
    # affirmed first, then a sentence that is more than a bare list of terms, then one where
    # the candidate proposes ("I'd watch calibration hourly by country") over one that
    # states a fact or a judgement beside it ("miscalibration costs money", "the budget is
    # 20 ms") when both show the criterion strongly (a named term or a near copy)
    strong = claim.score >= NAMED_BONUS
    return (
        claim.polarity == "affirmed",
        not claim.bare,
        strong and bool(_PROPOSES.search(normalize(claim.quote))),
        claim.score,
    )


def _stems_of(text: str) -> frozenset[str]:
    """Content stems of `text` with hyphens and slashes read as spaces ("two-tower")."""
    return content_stems(re.sub(r"[/-]", " ", normalize(text)))


def _carries(claim: Claim, own: dict[str, frozenset[str]], key: dict[str, frozenset[str]]) -> int:
    """How much of its criterion's key element the quote carries: 2 for a term of the
    criterion named or a near copy of one of its examples (a strong claim), or one of the
    criterion's own words (its text's or terms' words no other criterion of its stage uses,
    see `_distinct_stems`); 1 for a word of the criterion's text or terms its neighbours may
    share ("weight" for "class weighting"); 0 for the topic only."""
    said = _stems_of(claim.quote)
    named = claim.concept is not None or claim.score >= NAMED_BONUS + SIM_ALONE  # a near copy
    if named or not own.get(claim.criterion_id, frozenset()).isdisjoint(said):
        return 2
    return int(not key.get(claim.criterion_id, frozenset()).isdisjoint(said))


def _pick(
    claim: Claim, own: dict[str, frozenset[str]], key: dict[str, frozenset[str]]
) -> tuple[bool, bool, int, bool, float]:
    """`_rank` with the key element weighed before closeness: of two sentences that both
    evidence a criterion, the quote is the one that says its key thing ("I'd drop most of the
    good posts and give rare kinds more weight" over "only 0.3% of posts are bad" for handling
    the imbalance)."""
    affirmed, not_bare, proposes, score = _rank(claim)
    return (affirmed, not_bare, _carries(claim, own, key), proposes, score)


# A sentence that leans on the one before it for what it is about ("It is fast, roughly
# calibrated...", "This keeps the index small"): quoted alone it names nothing.
_REFERS_BACK = re.compile(r"^(?:it|it's|its|this|that|that's|these|those|they|such)\b", re.I)
# A sentence that goes on with the same decision: its condition or consequence ("If
# fine-tuning doesn't clearly beat it, it isn't worth the re-indexing cost").
_GOES_ON = re.compile(r"^(?:if|otherwise|so|then|that way|this way|which)\b", re.I)
MAX_JOINED_WORDS = 80  # a longer pair is a passage, not a quote
# A quote this short is often a lead-in or an afterthought whose key words sit beside it
# ("Offline, two evaluation sets.", "So live precision is only known with lag.").
SHORT_LEAD_WORDS = 8


def _with_referent(
    claim: Claim,
    i: int,
    by_sentence: dict[tuple[str, int], Claim],
    sents: list[str],
    text: str,
    key: frozenset[str] | None = None,
) -> None:
    """A quote that opens by pointing back ("It is fast...") is quoted with the sentence it
    points to; a quote whose next sentence goes on with the same criterion's decision (its
    condition or consequence, or a sentence pointing back at it: "That makes the model think
    clicks are ten times more common, so I'd correct...", itself a claim of the criterion) is
    quoted with that sentence:
    the key element of a decision is often in the second half ("...an off-the-shelf
    pretrained embedding as a baseline. If fine-tuning doesn't clearly beat it, it isn't worth
    the re-indexing cost."). A short quote (`SHORT_LEAD_WORDS`) is quoted with the sentence
    before or after it that completes the criterion's key element (`_completes`): "Labels
    arrive with a delay: reviewer decisions within a day, appeals weeks later. So live
    precision is only known with lag." Kept only when the pair is the message's own words."""
    if claim.red_flag or not claim.counts or not text or is_question(sents[i]):
        return  # a question is quoted as asked (a design checked with "right?" included)
    span = ""
    short = len(claim.quote.split()) <= SHORT_LEAD_WORDS
    if i > 0 and _REFERS_BACK.match(claim.quote.strip()):
        span = f"{sents[i - 1].strip()} {claim.quote.strip()}"
    elif (
        i + 1 < len(sents)
        and (nxt := by_sentence.get((claim.criterion_id, i + 1))) is not None
        and (
            _GOES_ON.match(sents[i + 1].strip())
            or _REFERS_BACK.match(sents[i + 1].strip())
            or ((claim.quote.rstrip().endswith(";") or short) and _completes(claim.quote, nxt, key))
        )
    ):
        span = f"{claim.quote.strip()} {sents[i + 1].strip()}"
    elif (
        short
        and i > 0
        and (prev := by_sentence.get((claim.criterion_id, i - 1))) is not None
        and _completes(claim.quote, prev, key)
    ):
        span = f"{sents[i - 1].strip()} {claim.quote.strip()}"
    if span and len(span.split()) <= MAX_JOINED_WORDS and has_quote(text, span):
        claim.quote = span


def _completes(quote: str, nxt: Claim, key: frozenset[str] | None) -> bool:
    """The next piece, an affirmed claim of the same criterion, says key words of the
    criterion the quote lacks: the halves of one key element that a semicolon cuts apart
    ("Positive is a click on the impression; negative is an impression with no click",
    "Input: query image or crop; output: 50 ranked public images")."""
    if not key or nxt.polarity != "affirmed" or nxt.bare:
        return False
    return bool((key & _stems_of(nxt.quote)) - _stems_of(quote))


def _with_named_neighbour(
    claim: Claim, i: int, by_sentence: dict[tuple[str, int], Claim], sents: list[str], text: str
) -> None:
    """A plain-words claim (no term named) is quoted together with the statement right before
    or after it when that statement names the same criterion's term: "So I'd use a two-tower
    model: ... Trained with sampled softmax over in-batch negatives ..." shows the criterion
    where either alone holds only half of it (a sentence where the candidate proposes is the
    behaviour on its own and stays alone). A statement is its parts cut at semicolons (see
    `_runs`); the span is the message's own words, kept only when found verbatim in it."""
    if claim.concept or claim.red_flag or not claim.counts or not text:
        return
    if _PROPOSES_ITSELF.search(normalize(claim.quote)):
        return  # "I'd match each upload against fingerprints ...": the proposal stands alone
    runs = _runs([s.strip() for s in sents])
    own = runs[i]
    before = range(runs[own[0] - 1][0], own[0]) if own[0] > 0 else range(0)
    after = range(own[1], runs[own[1]][1]) if own[1] < len(sents) else range(0)
    for side, lo, hi in ((before, before.start, i + 1), (after, i, after.stop)):
        if not any(
            (o := by_sentence.get((claim.criterion_id, j))) is not None
            and o.concept
            and o.polarity == "affirmed"
            and not o.bare
            for j in side
        ):
            continue
        span = " ".join(x.strip() for x in sents[lo:hi])
        if has_quote(text, span):
            claim.quote = span
            return


# The candidate proposing: first person with a modal, or "let's".
_PROPOSES = re.compile(r"\b(?:i|we)(?:'d|'ll| would| will| should| can| could)\b|\blet's\b")
# ...committing to do it ("we can search with ANN" states what a part allows, not a proposal).
_PROPOSES_ITSELF = re.compile(r"\b(?:i|we)(?:'d|'ll| would| will| should)\b|\blet's\b")


# Where one question sentence holds several questions: before a question word after a comma,
# a colon, a dash or "and"/"also"/"plus" ("how many users, what's the p99?"); before an
# auxiliary only after "and"/"also"/"plus" (", is it like 10 ms?" guesses at the same one).
# Not "or": "GPUs or is it all CPU?" is one question with two options.
_WH = r"what|what's|whats|how|how's|hows|which|who|when|where|roughly|if"
_NEXT_WH = rf"(?=(?:{_WH})\b)"
_NEXT_QUESTION = rf"(?=(?:{_WH}|is|are|do|does|can|could|will|would|should)\b)"
# "..., and if a user deletes their history can we still train on it?": a condition, then
# the question proper
_CONDITIONAL_QUESTION = re.compile(
    r"^(?:if|when|once)\b.*\b(?:can|could|do|does|is|are|will|would|should|may) (?:we|i|you|"
    r"they|it|users?)\b"
)
_SPLIT_QUESTIONS = re.compile(
    r"\s*(?:[,;:]|\s[-–—])\s*(?:and|also|plus)\s+"
    + _NEXT_QUESTION
    + r"|\s*(?:[,;:]|\s[-–—])\s*"
    + _NEXT_WH
    + r"|\s+(?:and|also|plus)\s+"
    + _NEXT_QUESTION
    # "how many tiles per page, do thumbnails autoplay, and...": an inverted question of its
    # own after a comma or a dash (not a check on the last: ", do you think", ", is that right")
    + r"|\s*(?:[,;]|\s[-–—])\s*(?=(?:do|does|is|are|can|could|will|would|should)\s+"
    r"(?!(?:you|that|this|it|there|i)\b)[\w'-]+\s+[\w'-]+)"
)
# "Base CTR, and candidates per request?": pieces of a terse compound (no question word).
_SPLIT_TERSE = re.compile(r"\s*[,;]\s*(?:and\s+|plus\s+)?|\s+(?:and|plus)\s+")
_JOINED = re.compile(r"\b(?:and|also|plus)\b")
_COORDINATED = re.compile(
    r"^(?P<head>(?:what(?:'s|s| is| are)|which are)\s+(?:the\s+|our\s+)?)"
    r"(?P<left>[\w'-]+(?:\s[\w'-]+){0,2})\s+and\s+(?:the\s+|our\s+)?"
    r"(?P<right>[\w'-]+(?:\s[\w'-]+){0,3})$",
    re.I,
)
TOPIC_WORDS = 6  # a bare topic said unprompted is at most this long ("months of logs we keep")
COORDINATED_WORDS = 10  # longer parts are sentences, not two topics under one question word
_CONFIRM_WORDS = 8


def _question_parts(snorm: str) -> tuple[list[str], str]:
    """One question sentence as its question parts and the lead-in before the first ("the
    impression logs, how long..."). "I'd guess 1B users, is that right?" asks about what it
    confirms. A piece "and" joins to the question after it is a question of its own, however
    terse ("Home page or up-next, and what feedback exists?")."""
    core = question_core(snorm).rstrip("?.! ")
    joins = [bool(_JOINED.search(m.group(0))) for m in _SPLIT_QUESTIONS.finditer(core)]
    split = zip(_SPLIT_QUESTIONS.split(core), [*joins, False], strict=True)
    joined_pieces = [(lead_stripped(p.strip(" ,;:-")), j) for p, j in split]
    pieces = [p for p, _ in joined_pieces if p]
    joined = [j for p, j in joined_pieces if p]
    confirm = [bool(CONFIRMATION.match(p)) and len(p.split()) <= _CONFIRM_WORDS for p in pieces]
    shaped = [
        bool(
            (QUESTION_START.match(p) or EMBEDDED_QUESTION.match(p))
            and not SUBORDINATE.match(p)
            or _CONDITIONAL_QUESTION.match(p)
        )
        and not c
        for p, c in zip(pieces, confirm, strict=True)
    ]
    parts: list[str] = []
    context = ""
    for piece, is_confirm, is_shaped, is_joined in zip(
        pieces, confirm, shaped, joined, strict=True
    ):
        if is_confirm:
            if context:  # the question is the statement it confirms
                parts.append(context)
                context = ""
            elif not parts:
                parts.append(piece)
        elif is_shaped or not any(shaped) or is_joined:
            parts.append(piece)
        elif not parts:
            context = f"{context} {piece}".strip()
        else:
            parts[-1] = f"{parts[-1]}, {piece}"
    if not parts and context:
        parts, context = [context], ""
    return parts, context


# a quantifier that ends a question with its noun left out ("can a post hit several?")
_ELLIPTICAL = re.compile(
    r"\b(?:several|both|multiple|more than one|many|each|either|neither)\s*[?.!]*$", re.I
)
_ANAPHOR = re.compile(r"\b(?:it|its|they|them|their|that|this|those|these|ones?)\b", re.I)


def _no_topic(part: str) -> bool:
    """A question part that refers back ("how long is it kept") or names next to nothing."""
    return bool(_ANAPHOR.search(part)) or len(content_words(part)) <= 2


def _own_words(part: str, sent: str) -> str:
    """A question part as the candidate wrote it (their case, and the question mark that
    ends it), when it is in the sentence."""
    folded = " ".join(sent.split())
    i = folded.lower().find(part)
    if i < 0:
        return part
    end = i + len(part)
    return folded[i : end + 1] if folded[end : end + 1] == "?" else folded[i:end]


def _declines(norm: str, toks: list[str], open_question: str | None) -> bool:
    """A bare 'no' to the interviewer's 'anything else?'."""
    return len(toks) <= 3 and declines_more(norm, open_question)


# A question asking for a requirement or a number of the setting (not a design deliberation
# like "what about ties?" or "what would I minimize?").
INFO_REQUEST = re.compile(
    r"^(?:(?:and|so|also|quick one|by the way)\W+)*(?:how (?:many|much|fast|often|long|big|"
    r"quickly|soon)\b|what(?:'s| is| are) the (?:\w+ ){0,3}?(?:budget|rate|size|number|volume|"
    r"latency|qps|peak|share|scale|ratio|limit|cap)\b|(?:is|are) there\b|do (?:we|users|they|"
    r"people) (?:have|keep|get|store|log|know|track|retain)\b|does (?:a|the|each|every) \w+ "
    r"(?:also )?(?:have|get|come with)\b|can (?:users|people)\b)"
)


SHORT_REQUEST_WORDS = 12


def _move_target(norm: str, norms: list[str], n_words: int) -> Stage | None:
    """The stage a move-on request names: the stage of a request sentence ("how about we look
    at evaluation", first: "I feel good about the model; how about evaluation next?" asks for
    evaluation), "to/about <stage>" anywhere, a bare stage word in a short message, or the one
    after a stage said to be done ("I've covered evaluation")."""
    for n in norms:
        word = requested_stage(n)
        if word is not None:
            return stage_of_word(word)
    for n in norms:  # "does serving come after this?", "the data's nailed down"
        target = progress_target(n)
        # a part said done, in a message that goes on with content ("Enough clarifying.
        # Input is the crop, ..."): where the content is decides, not the part closed
        closed = ((progress_talk(n) or ("", ""))[1] or "").startswith("done ")
        # ...unless the part is closed last, after its content ("<framing>. Consider the
        # framing nailed down."): the stage after the part they closed
        if target is not None and (
            n_words <= SHORT_REQUEST_WORDS or not closed or (len(norms) > 1 and n is norms[-1])
        ):
            return target
    named = STAGE_NAMED.search(norm)
    if named is None and n_words <= 4 and not DONE_WITH.search(norm):
        named = STAGE_BARE.search(norm)  # "data next?", "next, evaluation"; not "covered data"
    if named is not None:
        return stage_of_word(named.group(1))
    done = DONE_WITH.search(norm)  # "I've covered evaluation": the stage after it
    if done is not None and len(words(norm[done.end() :])) > CLOSED_THEN_CONTENT_WORDS:
        # "I'm done with framing; evaluation would be recall at k...": content follows the
        # part closed, and where the content is decides (the policy reads it), not the part
        return None
    # "that's the framing and the data side": the stage after the last one said done
    said = re.split(r"[.;!?]", norm[done.start(1) :])[0] if done else ""
    stages = [stage_of_word(w.group(1)) for w in STAGE_BARE.finditer(said)]
    left = max((st for st in stages if st), key=STAGES.index, default=None)
    return STAGES[STAGES.index(left) + 1] if left and left != STAGES[-1] else None


# words after "done with <stage>" that make the rest of the message content, not a tail
CLOSED_THEN_CONTENT_WORDS = 6


# a question whose subject is a pronoun with nothing before it in the sentence to stand for
_PRONOUN_ASKED = re.compile(
    r"^\W*(?:(?:so|and|ok|okay|then)\W+)?(?:how \w+|what|when|where|which)\s+"
    r"(?:does|do|is|are|can|will|would|did|should)\s+(?:it|they|that|this|those|these)\b",
    re.I,
)
_QUANTITY = re.compile(
    r"\b(hundreds?|thousands?|millions?|billions?|huge|big|small|tiny|lots|few|many|rare|"
    r"under|over|about|around|roughly|most|half|percent)\b|\b\d"  # not "p99?": it asks
)


def _is_request(snorm: str) -> bool:
    """A move-on, finish or hint request (however phrased)."""
    return wants_move_on(snorm) or wants_finish(snorm) or wants_hint(snorm)


def _short_reply(norm: str) -> bool:
    return len(norm.split()) <= 12


def _domain_vocab(bank: KnowledgeBank) -> frozenset[str]:
    """Words that mark a message as being about ML system design or a problem of the bank:
    curated terms (concepts, rubric concepts, section titles and keywords) plus the problems'
    statements and anticipated questions; not the prose of the framework notes."""
    vocab: set[str] = set()
    for sec in bank.sections:
        vocab.update(words(sec.title))
        vocab.update(w for k in sec.keywords for w in words(k))
    for problem in bank.problems.values():
        vocab.update(words(problem.statement))
        for fact in problem.facts:
            vocab.update(words(" ".join(fact.asked_as)))
        for crit in problem.criteria:
            vocab.update(w for c in crit.concepts for w in words(c))
    for crit in bank.generic.criteria:
        vocab.update(w for c in crit.concepts for w in words(c))
    for concept in bank.concepts.concepts:
        vocab.update(words(" ".join(concept.aliases)))
    # a word that is also a bare yes/no reply ("how sure it says" is a concept alias) does not
    # make "sure" an answer about the design
    return frozenset(w for w in vocab if len(w) > 2 and not POLAR_REPLY.fullmatch(w))


def _specific_vocab(bank: KnowledgeBank) -> dict[str, frozenset[str]]:
    """Per problem, the words that only its own statement, facts and rubric use: the
    entities and constraints that show an answer is about this problem, not a generic one."""
    generic: set[str] = set()
    for crit in bank.generic.criteria:
        generic.update(words(crit.text))
        generic.update(w for p in crit.phrasings for w in words(p))
        generic.update(w for c in crit.concepts for w in words(c))
    for sec in bank.sections:  # the framework's prose: generic ML English
        generic.update(words(sec.title))
        generic.update(words(sec.text))
    per: dict[str, set[str]] = {}
    for pid, problem in bank.problems.items():
        text = [problem.title, problem.statement, *(f.answer for f in problem.facts)]
        text += [c for crit in problem.criteria for c in crit.concepts]
        per[pid] = {w for t in text for w in content_words(t) if len(w) > 3 and not w.isdigit()}
    df = Counter(w for ws in per.values() for w in ws)
    return {
        pid: frozenset(w for w in ws if df[w] <= 2 and w not in generic and w not in STOPWORDS)
        for pid, ws in per.items()
    }


def _specific_plain(
    bank: KnowledgeBank, vocab: dict[str, frozenset[str]]
) -> dict[str, tuple[tuple[frozenset[str], tuple[str, ...]], ...]]:
    """Per problem, the plain-word classes of the lexicon that speak for it: those with a term
    among its specific words (see `_specific_vocab`), as (the terms' words, plain phrases).
    Derived the same way for every problem from its own words."""
    out: dict[str, tuple[tuple[frozenset[str], tuple[str, ...]], ...]] = {}
    for pid, mine in vocab.items():
        rows = []
        for cls in bank.concepts.plain_words:
            term_words = frozenset(w for t in cls.terms for w in words(t))
            if term_words & mine:
                rows.append((term_words, tuple(cls.plain)))
        out[pid] = tuple(rows)
    return out


# An amount said in words: "one in a hundred", "two percent", "fifteen hundred", "half an
# hour", "a fifth of a second", "ten seconds" (digits are counted apart). An order of magnitude
# ("a few hundred", "thousands") is no number of the problem.
_NUMBER_NAMES = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    "forty|fifty|sixty|a hundred|a thousand"
)
_SPELLED_AMOUNT = re.compile(
    rf"\b(?:{_NUMBER_NAMES}|a)\s+(?:hundred|thousand|million|billion|dozen)\b"
    rf"|\b(?:{_NUMBER_NAMES})\s+(?:[a-z]+\s+)?(?:in|out of)\s+(?=(?:a|an|every|ten|twenty|fifty)\b)"
    rf"|\b(?:{_NUMBER_NAMES})\s+(?:percent|per cent|times (?:a|an|per)\b|milliseconds?|"
    r"seconds?|minutes?|hours?|days?|weeks?|months?)"
    r"|\b(?:half an?|a (?:third|quarter|fifth|tenth|twentieth|hundredth) of)\b"
)


_VOWELS = set("aeiouy")


def _looks_like_gibberish(toks: list[str], vocab: frozenset[str]) -> bool:
    """Keyboard mashing: few known words and many unpronounceable ones."""
    alpha = [t for t in toks if t.replace("-", "").isalpha()]  # "re-uploads" is a word
    if not alpha:  # "p99?", "2b": a term with digits is no mashing
        return not any(ch.isdigit() for t in toks for ch in t)
    known = sum(1 for t in alpha if t in vocab or t in STOPWORDS)
    weird = sum(1 for t in alpha if _unpronounceable(t))
    return known / len(alpha) < 0.34 and weird / len(alpha) >= 0.34


def _unpronounceable(token: str) -> bool:
    if len(token) <= 3:
        return False
    if not any(ch in _VOWELS for ch in token):
        return True
    run = 0
    for ch in token:
        run = 0 if ch in _VOWELS else run + 1
        if run >= 4:
            return True
    return len(set(token)) <= 2
