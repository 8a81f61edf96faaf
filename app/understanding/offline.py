"""The offline reader: a deterministic `Reading` of one candidate message, no model needed.

Intents come from request patterns and question shapes (compound questions split, rhetorical
questions and short tentative answers told apart from fact requests); facts from the fact
sheet's anticipated phrasings, then hybrid retrieval; claims from the matcher's candidates
with clause-level polarity (`polarity.py`), the clarify rule (clarify credit needs a question
or a stated assumption), reasoning and list flags, and explicit leakage detectors.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from app.knowledge.bank import KnowledgeBank
from app.knowledge.embeddings import embed_texts
from app.knowledge.matching import SIM_WITH_CONCEPT, Matcher
from app.knowledge.retrieval import Retriever
from app.knowledge.schema import STAGES, Criterion, Stage
from app.knowledge.text import (
    STOPWORDS,
    content_words,
    find_phrase,
    light_stem,
    normalize,
    sentences,
    words,
)
from app.understanding.leakage import (
    LEAKAGE_CRITERION,
    LeakDetector,
    LeakFinding,
    aware,
    feeds_model,
    leak_criteria,
)
from app.understanding.mistakes import DETECTORS, cue_span
from app.understanding.polarity import (
    affirmed_view,
    clause_bounds,
    hedged,
    list_items,
    polarity_of_span,
    reasoning_cues,
)
from app.understanding.schema import Claim, Intent, Mention, Question, Reading

# A question is answered from the fact sheet when it (nearly) repeats an anticipated phrasing,
# else by the best of the top hybrid hits, re-scored as cosine + FACT_LEXICAL_WEIGHT * BM25,
# when that score reaches FACT_MIN (calibrated on bench/data/retrieval.yaml and the scripted
# candidates: a wrong fact is worse than "state an assumption").
FACT_LEXICAL_WEIGHT = 0.05
FACT_MIN = 0.45
FACT_NAMED_MARGIN = 0.05  # a fact named by the question wins over a hit at most this much better
FACT_SIBLING_MIN = 0.3  # half of a compound question, going on about its sibling's fact
EXACT_OVERLAP = 0.75  # content-word Jaccard with an anticipated phrasing that counts as exact
SIM_ALONE = 0.55  # no concept named: this close to an example phrasing counts
SIM_PLAIN = 0.42  # ...or this close when the sentence reasons (plain-words paraphrase)
SIM_FLAG_ALONE = 0.75  # a red flag without its words needs a near copy of an example
SIM_TOP = 2  # a sentence with no concept named evidences at most its 2 closest criteria
LIST_CONCEPTS = 3  # a sentence naming this many concepts with no reasoning is a list

_HINT = re.compile(
    r"\b(hint|clue|i'?m stuck|stuck here|not sure (what|how|where)|no idea (what|how|where)|"
    r"help me|point me|nudge me|give me a (pointer|tip)|any pointers)\b"
)
_STAGE_WORDS: dict[Stage, str] = {
    "clarify": r"requirements|clarif\w*|questions",
    "frame": r"fram\w*|problem formulation|formulat\w*|the ml (task|objective)",
    "data": r"data( prep\w*)?|features?( engineering)?|labels",
    "model": r"(the )?model\w*|architecture|training",
    "evaluate": r"eval\w*|metrics|offline metrics|testing",
    "serve": r"serv\w*|deploy\w*|production|inference|rollout",
    "monitor": r"monitor\w*|observability|drift",
}
_STAGE_NAMED = re.compile(
    r"\b(?:to|on to|onto|into|about|discuss|cover|talk(?: about)?|start (?:on|with))\s+(?:the\s+)?"
    r"(" + "|".join(f"(?:{v})" for v in _STAGE_WORDS.values()) + r")\b"
)
# "For evaluation I'd...", "As a feature...", "To evaluate it...": the message names its stage.
_SIGNPOST = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|now|and|then|next|also),?\s+)?(?:for|to|as|in|on)\s+"
    r"(?:the\s+|my\s+|our\s+|a\s+)?(" + "|".join(f"(?:{v})" for v in _STAGE_WORDS.values()) + r")\b"
)
# "Monitoring: ANN recall, ...": a stage name and a colon heading the message.
_SIGNPOST_HEAD = re.compile(
    r"^\W*(" + "|".join(f"(?:{v})" for v in _STAGE_WORDS.values()) + r")\s*:"
)
# "I've covered data", "done with evaluation": the stage after the one named comes next.
_DONE_WITH = re.compile(
    r"\b(?:covered|done with|finished(?: with)?|good on|enough on)\s+(?:the\s+|my\s+)?("
    + "|".join(f"(?:{v})" for v in _STAGE_WORDS.values())
    + r")\b"
)
_STAGE_BARE = re.compile(r"\b(" + "|".join(f"(?:{v})" for v in _STAGE_WORDS.values()) + r")\b")
_MOVE_ON = re.compile(
    r"\b(move on|moving on|next (stage|step|section|part|topic)|let'?s go (on|ahead|to)|"
    r"go to the next|skip (this|ahead|to)|proceed to|i'?m done (with )?(this|the|clarify\w*|"
    r"here|asking)|done with (this|that) (part|stage|section)|that'?s all for (this|the)|"
    r"nothing else to (ask|add|clarify)|no more questions|that covers (it|this|that|everything)|"
    r"(i think )?that'?s (enough|all) (for|on) (this|now|clarif\w*)|enough (questions|clarif\w*)|"
    r"(can|could|shall|should) we (go|move|jump|switch|get) (on |over )?(to|into)|"
    r"let'?s (talk|move|switch|jump|get) (about|to|into|on to)|ready to (move|go) on|"
    r"i'?ve covered (it|this|everything|(the |my )?(" + "|".join(_STAGE_WORDS.values()) + r"))|"
    r"(can|could|shall|should) we (talk|discuss|do|cover) "
    r"(about )?(the )?(" + "|".join(_STAGE_WORDS.values()) + r")|let'?s (frame|talk|discuss|do|"
    r"cover|get into|look at) (it|the|about|" + "|".join(_STAGE_WORDS.values()) + r")|"
    r"done with ("
    + "|".join(_STAGE_WORDS.values())
    + r")|(good|enough|done) on (the )?("
    + "|".join(_STAGE_WORDS.values())
    + r")|covers what i need|(^|[,.] ?)next\W*$|"
    r"\b(jump|skip|go|move|get) (on |over |ahead |straight )?(to|into) (the )?("
    + "|".join(_STAGE_WORDS.values())
    + r")|^(next,? )?("
    + "|".join(_STAGE_WORDS.values())
    + r")( next)?\W*$)"
)
# Questions about the interviewer or the session, and attempts to steer it: not the problem.
_META = re.compile(
    r"\b(ignore (all |any |your |the )?(previous|prior|above|earlier) instructions|system prompt|"
    r"(paste|show|give|reveal|print)( me)? (the |your )?(full )?(grading )?(rubric|instructions|"
    r"prompt|answer key|hidden facts)|what (llm|model|ai) are you|are you (an ai|a bot|gpt|"
    r"claude|human|a person)|do you have (weekends|kids|a family)|weather|pizza|football|"
    r"champions league|did you (catch|see|watch) the|"
    r"pretend (you are|to be))\b"
)
_FINISH = re.compile(
    r"\b(end the interview|finish the interview|wrap (it |this )?up|let'?s stop here|stop the "
    r"interview|i'?m done with the interview|that'?s (all|it) for (today|the interview)|"
    r"end (this|the) (session|interview)|grade me|i'?m done,? (grade|please grade)|"
    r"(can|could|shall) we (just )?(end|finish|stop)( it)?( here| now| the interview| there)?\W*$|"
    r"(are|can) we (be )?done( here| now| then)?\W*$|call it (a day|there|here|quits)\b|"
    r"that'?s (it|all|everything) (from|for) me\s*($|[,.!?])|"
    r"let'?s (end|finish|stop) (it|here|now|there|the interview)|i'?d like to (finish|stop|end)"
    r"( now| here| the interview)?\W*$|let'?s finish\W*$|i'?m (all )?done\W*$)"
)
_QUESTION_START = re.compile(
    r"^(what|what's|whats|how|how's|who|whom|which|when|where|why|is|are|do|does|did|can|could|"
    r"should|would|will|may|might|have|has|any|tell me|i'?d like to know|i wonder|wondering|"
    r"roughly how|approximately how|(and|or) (what|how|which|is|are|do|does|can|if))\b"
)
_SPLIT_COMPOUND = re.compile(
    r"(?:,|;)?\s+(?:and|also|plus|or)\s+(?=(?:what|what's|whats|how|how's|which|who|when|where|"
    r"is|are|do|does|can|could|will|would|should|if|roughly)\b)"
)
# "Base CTR, and candidates per request?": pieces of a terse compound (no question word).
_SPLIT_TERSE = re.compile(r"\s*[,;]\s*(?:and\s+|plus\s+)?|\s+(?:and|plus)\s+")
_ANSWERS_ITSELF = re.compile(
    r"^((because|since|well,|simple|the answer|it'?s because|that'?s because|mainly because|"
    r"to (avoid|keep|make|catch|get)|yes|yeah|yep|nope|no(?! idea)|not(?! sure)|only|right|"
    r"fair|exactly|correct|true)\b|\d)"
)
# "..., right?" / "..., yeah?": the candidate checks their own statement.
_TAG_QUESTION = re.compile(r",\s*(right|yeah|yes|correct|no|ok|okay|isn'?t it|agreed)\s*\?+$")
FACT_CONFIRM = 0.6  # a statement checked with a tag question asks for a fact this clearly
_ASSUMPTION = re.compile(
    r"\b(assum\w*|let'?s say|presumably|i'?d guess|my guess|i suppose|suppose|i'?ll take|"
    r"i'?m going to take|we'?ll take|i'?ll treat)\b"
)
_EMBEDDED_QUESTION = re.compile(
    r"^(?:\w+\W+){0,6}?(what (are|is|fraction|share|percent\w*|kind|happens)|how (many|much|"
    r"often|long|fast|big)|which)\b"
)


def is_question(sentence: str) -> bool:
    """A sentence shaped like a question: a question mark, a question word first, or a short
    lead-in before one ("roughly what fraction ...", "once we flag it what are ...")."""
    s = normalize(sentence)
    if s.endswith("?"):
        return True
    if len(s.split()) < 3 or s.endswith("."):
        return bool(_QUESTION_START.match(s)) and len(s.split()) >= 3
    return bool(_QUESTION_START.match(s) or _EMBEDDED_QUESTION.match(s))


class OfflineReader:
    """Stateless, deterministic reader of candidate messages for one knowledge bank."""

    name = "offline"

    def __init__(self, bank: KnowledgeBank, matcher: Matcher, retriever: Retriever):
        self.bank = bank
        self.matcher = matcher
        self.retriever = retriever
        self.domain_vocab = _domain_vocab(bank)
        self._specific = _specific_vocab(bank)
        self._concept_stage = {c.id: c.stage for c in bank.concepts.concepts}
        self.problem_of_criterion = {
            c.id: pid for pid, p in bank.problems.items() for c in p.criteria
        }
        for problem in bank.problems.values():
            for probe in problem.probes:
                self._concept_stage.setdefault(probe.concept, probe.stage)
        # per problem: its labels and post-prediction signals (none: generic detectors only)
        self._leaks = {pid: LeakDetector(p.leakage) for pid, p in bank.problems.items()}
        self._leak_flags = leak_criteria(
            [*bank.generic.criteria, *(c for p in bank.problems.values() for c in p.criteria)]
        )

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
    ) -> Reading:
        """Read one candidate message. `criteria` defaults to the problem's at `level`;
        `vectors` are sentence embeddings computed ahead (see `read_many`)."""
        norm = normalize(text)
        toks = words(norm)
        content = content_words(norm)
        reading = Reading(text=text, norm=norm, word_count=len(toks), content_count=len(content))
        if not toks:
            reading.non_answer_kind = "empty"
            reading.intents = ["non_answer"]
            return reading
        intents: list[Intent] = []
        if _FINISH.search(norm):
            intents.append("finish")
        elif _MOVE_ON.search(norm):
            intents.append("move_on")
            named = _STAGE_NAMED.search(norm)
            if named is None and len(toks) <= 4:  # "data next?", "next, evaluation"
                named = _STAGE_BARE.search(norm)
            reading.move_to = _stage_of_word(named.group(1)) if named else None
            done = _DONE_WITH.search(norm) if reading.move_to is None else None
            if done and (left := _stage_of_word(done.group(1))) and left != STAGES[-1]:
                reading.move_to = STAGES[STAGES.index(left) + 1]
        if _HINT.search(norm):
            intents.append("hint")
        reading.repeated = norm in (recent_inputs or []) and len(toks) > 2
        if _looks_like_gibberish(toks, self.domain_vocab):
            reading.non_answer_kind = "gibberish"
            reading.intents = ["non_answer"]
            return reading

        sents = sentences(text)
        norms = [normalize(s) for s in sents]
        reading.mentions = self._mentions(norm, problem_id)
        crits = criteria if criteria is not None else self.bank.criteria_for(problem_id, level)
        claims = self._claims(sents, norms, crits, reading.mentions, vectors)
        mistakes, practice = self._mistakes(sents, norms, crits, problem_id)
        # a sentence that keeps a post-prediction signal out, or says what would leak, never
        # raises a leakage red flag
        reading.claims = [
            c
            for c in claims
            if not (c.red_flag and c.criterion_id in self._leak_flags and c.quote in practice)
            and not _other_context(c)
        ]
        found = {c.criterion_id for c in reading.claims if c.counts}
        reading.claims += [c for c in mistakes if c.criterion_id not in found]
        reading.specifics = self._specifics(norm, problem_id)
        reading.reasoning = sum(1 for n in norms if reasoning_cues(n))

        requests = bool(intents)
        for i, (sent, snorm) in enumerate(zip(sents, norms, strict=True)):
            if not is_question(sent):
                continue
            nxt = norms[i + 1] if i + 1 < len(norms) else ""
            rhetorical = snorm.startswith(("why ", "why?")) and nxt and not nxt.endswith("?")
            if _ANSWERS_ITSELF.match(nxt) or rhetorical:
                reading.rhetorical.append(sent)
                continue
            if _TAG_QUESTION.search(snorm):  # "..., right?": a fact only when clearly one
                check = self._match_fact(sent.strip(), problem_id)
                if check.fact_id and check.score >= FACT_CONFIRM:
                    reading.questions.append(check)
                else:
                    reading.rhetorical.append(sent)
                continue
            if _tentative_answer(snorm):
                # "millions?" answers with a rising tone; "latency?" asks for a fact
                if _QUANTITY.search(snorm) or (open_question and len(snorm.split()) > 2):
                    continue
                terse = self._match_fact(sent.strip(), problem_id)
                if terse.fact_id is None:
                    continue
                reading.questions.append(terse)
                continue
            if requests and _is_request(snorm):
                continue  # "can we go to serving?" is a request, not a fact question
            parts = [p.strip() for p in _SPLIT_COMPOUND.split(sent) if len(words(p)) >= 2]
            matched = [self._match_fact(part, problem_id) for part in parts]
            if len(parts) == 1 and not _QUESTION_START.match(snorm):
                parts, matched = self._terse_parts(sent, parts, matched, problem_id)
            siblings = {q.fact_id for q in matched if q.fact_id}
            for part, q in zip(parts, matched, strict=True):
                if q.fact_id is None and siblings:
                    # "...clicks, and how long is it kept?": the half with no topic of its
                    # own goes on about its sibling's fact when that is its best match
                    q = self._match_fact(part, problem_id, siblings=siblings)
                reading.questions.append(q)
        if reading.questions:
            intents.append("ask")

        if _META.search(norm) and not reading.claims:
            reading.non_answer_kind = "off_topic"
            reading.questions = []
            kept: list[Intent] = [i for i in intents if i != "ask"]
            reading.intents = [*kept, "off_topic"]
            return reading
        asked = {normalize(q.text) for q in reading.questions}
        said = [
            n
            for s, n in zip(sents, norms, strict=True)
            if (s in reading.rhetorical or (n not in asked and not is_question(s)))
            and not (requests and _is_request(n))
        ]
        if not reading.questions:  # "millions?" answers; "time spent? DAU?" after a question asks
            said += [n for n in norms if _tentative_answer(n) and not (requests and _is_request(n))]
        said_content = [w for n in said for w in content_words(n)]
        said_domain = [w for w in said_content if w in self.domain_vocab]
        numbers = any(re.search(r"\d", n) for n in said)
        said_text = " ".join(said)
        on_problem = bool(
            any(normalize(c.quote) in said for c in reading.claims)
            or any(m.alias in said_text for m in reading.mentions)
            or self._specifics(said_text, problem_id)
        )
        if reading.questions and not on_problem and not any(q.fact_id for q in reading.questions):
            domain = [w for w in content if w in self.domain_vocab]
            if len(domain) < 2 and not requests:
                reading.questions = []  # "can you recommend a pizza place?": not the problem
                intents = [i for i in intents if i != "ask"]
                reading.non_answer_kind = "off_topic"
                reading.intents = [*intents, "off_topic"]
                return reading
        if said_content and (
            on_problem
            and (len(said_domain) >= 1 or numbers)
            or len(said_domain) >= 2
            or (
                (open_question and (numbers or said_domain) or _QUANTITY.search(said_text))
                and _short_reply(said_text)
            )
        ):
            intents.append("answer")
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
        self, texts: list[str], *, problem_id: str, criteria: list[Criterion]
    ) -> list[Reading]:
        """Readings of many messages (a transcript to grade): one embedding batch for all."""
        views = {affirmed_view(normalize(s)) for t in texts for s in sentences(t)}
        views = {v for v in views if len(v.split()) >= 3}
        vectors = dict(zip(views, embed_texts(list(views)), strict=True)) if views else {}
        return [
            self.read(t, problem_id=problem_id, level="", criteria=criteria, vectors=vectors)
            for t in texts
        ]

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
    ) -> list[Claim]:
        views = [affirmed_view(n) for n in norms]
        aliases = [m.alias for m in mentions]
        claims: dict[tuple[str, int], Claim] = {}
        matches = self.matcher.match(sents, views, criteria, SIM_PLAIN, vectors)
        # Without a concept named, a sentence evidences at most its SIM_TOP closest criteria:
        # one sentence near several examples is about one thing, not all of them.
        closest: dict[int, list[float]] = {}
        for match in matches:
            closest.setdefault(match.sentence, []).append(match.sim)
        floor = {i: sorted(v, reverse=True)[:SIM_TOP][-1] for i, v in closest.items()}
        for match in matches:
            crit, i = match.criterion, match.sentence
            norm = norms[i]
            question = is_question(sents[i])
            assumption = bool(_ASSUMPTION.search(norm))
            if (question or assumption) and crit.stage != "clarify":
                continue  # asking or assuming is clarifying, not doing the thing
            clarify = crit.stage == "clarify" and crit.points > 0
            if clarify and not question and not assumption:
                continue  # clarify credit needs a question or a stated assumption
            if not match.spans and match.sim < floor[i]:
                continue
            reasons = reasoning_cues(norm)
            substantive = reasons > 0 or bool(re.search(r"\d", norm))
            claim = self._claim_from(match, norm, sents[i], substantive)
            if claim is None:
                continue
            n_concepts = sum(1 for a in aliases if a in norm)
            # A clarifying question or a stated assumption is the behaviour itself.
            claim.reasoned = substantive or crit.stage == "clarify"
            claim.listy = n_concepts >= LIST_CONCEPTS and list_items(norm) >= 2 and reasons == 0
            key = (crit.id, i)
            if key not in claims or _rank(claim) > _rank(claims[key]):
                claims[key] = claim
        # one claim per criterion and polarity: the best sentence
        best: dict[tuple[str, str], Claim] = {}
        for claim in claims.values():
            k = (claim.criterion_id, claim.polarity)
            if k not in best or _rank(claim) > _rank(best[k]):
                best[k] = claim
        return list(best.values())

    def _claim_from(self, match, norm: str, sent: str, substantive: bool) -> Claim | None:
        crit = match.criterion
        affirmed = None
        negated = None
        for concept, start, end in match.spans:
            pol, cue = polarity_of_span(norm, start, end)
            if pol == "negated":
                negated = negated or (concept, cue)
            elif affirmed is None or pol == "affirmed":
                affirmed = (concept, pol, cue)
        if affirmed and match.sim >= SIM_WITH_CONCEPT:
            concept, pol, cue = affirmed
            return Claim(
                criterion_id=crit.id,
                quote=sent.strip(),
                polarity=pol,
                red_flag=crit.red_flag,
                score=round(min(match.sim + 0.5, 1.5), 4),
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
            if match.sim < SIM_FLAG_ALONE or affirmed_view(norm) != norm:
                return None
        elif match.sim < SIM_ALONE and not (match.sim >= SIM_PLAIN and substantive):
            return None
        pol = "hedged" if hedged(affirmed_view(norm)) else "affirmed"
        return Claim(
            criterion_id=crit.id,
            quote=sent.strip(),
            polarity=pol,
            red_flag=crit.red_flag,
            score=round(match.sim, 4),
            why="close to an example" + (" (hedged)" if pol == "hedged" else ""),
        )

    def _mistakes(
        self, sents: list[str], norms: list[str], criteria: list[Criterion], problem_id: str
    ) -> tuple[list[Claim], set[str]]:
        """Red flags from the mistake detectors, on affirmed clauses only, and the sentences
        (quotes) that keep a post-prediction signal out on purpose: correct practice, which
        credits the problem's criteria for it and clears the leakage flag."""
        wanted = {c.id: c for c in criteria}
        leaks = self._leaks.get(problem_id) or _NO_LEAKS
        out: dict[str, Claim] = {}
        practice: set[str] = set()
        for sent, norm in zip(sents, norms, strict=True):
            if is_question(sent):
                continue
            quote = sent.strip()
            finding = leaks.read(norm)
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
            for det in DETECTORS:
                if det.criterion_id not in wanted or det.criterion_id in out:
                    continue
                if kept_out and det.criterion_id in self._leak_flags:
                    continue
                if det.criterion_id == LEAKAGE_CRITERION and not feeds_model(norm):
                    continue  # "it ends up learning from its own choices": no feature named
                m = det.pattern.search(norm)
                if m is None or not _affirmed(norm, *cue_span(m)):
                    continue
                if det.unless is not None:
                    left, right = clause_bounds(norm, *cue_span(m))
                    if det.unless.search(norm, left, right):
                        continue
                out[det.criterion_id] = Claim(
                    criterion_id=det.criterion_id,
                    quote=quote,
                    polarity="affirmed",
                    red_flag=True,
                    score=1.0,
                    concept=m.group(0)[:60],
                    why=f"{det.why} ('{m.group(0)[:60]}')",
                )
        return list(out.values()), practice

    def _specifics(self, norm: str, problem_id: str) -> int:
        vocab = self._specific.get(problem_id, frozenset())
        terms = {w for w in words(norm) if w in vocab}
        numbers = set(re.findall(r"\d+(?:[.,]\d+)?", norm))
        return len(terms) + len(numbers)

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
        signpost = _SIGNPOST.match(reading.norm) or _SIGNPOST_HEAD.match(reading.norm)
        if signpost and votes and (named := _stage_of_word(signpost.group(1))):
            # what they say they are talking about comes first, whatever else they name
            votes[named] = max(votes.values()) + 1
        # most evidence first; ties in interview order
        ranked = sorted((s for s in STAGES if votes[s]), key=lambda s: (-votes[s], STAGES.index(s)))
        return ranked[:3]

    def _terse_parts(
        self, sent: str, parts: list[str], matched: list[Question], problem_id: str
    ) -> tuple[list[str], list[Question]]:
        """A terse compound ("Candidates per load, peak QPS, p99?") split into its pieces when
        they clearly ask for more facts than the whole does (a piece is a few words: only a
        confident match counts); else the whole, as it was."""
        pieces = [p.strip(" ?.!") for p in _SPLIT_TERSE.split(sent) if words(p)]
        if len(pieces) < 2:
            return parts, matched
        found = [self._match_fact(piece, problem_id) for piece in pieces]
        keep = [(p, q) for p, q in zip(pieces, found, strict=True) if q.score >= FACT_CONFIRM]
        if len({q.fact_id for _, q in keep}) <= len({q.fact_id for q in matched if q.fact_id}):
            return parts, matched
        return [p for p, _ in keep], [q for _, q in keep]

    def _match_fact(
        self, question: str, problem_id: str, siblings: set[str] | frozenset[str] = frozenset()
    ) -> Question:
        """The fact a question asks for: an anticipated phrasing, else the best retrieval hit
        (a fact whose own name the question uses wins a near tie), else none. `siblings` are
        facts the other halves of a compound question asked for: this half may go on about
        one of them even below the usual bar."""
        text = question
        question = _expand(question)  # "DAU", "p99", "DMs": the words the fact sheet uses
        asked = _stems(question)
        facts = self.bank.problem(problem_id).facts
        if asked:  # asked (almost) exactly as the fact sheet anticipates: no guessing needed
            for fact in facts:
                for phrasing in fact.asked_as:
                    known = _stems(phrasing)
                    overlap = len(asked & known) / len(asked | known) if known else 0.0
                    # ...or all of a two-word phrasing and one word more ("what explicit
                    # feedback exists" for "is there explicit feedback")
                    restated = len(known) >= 2 and known <= asked and len(asked - known) <= 1
                    if overlap >= EXACT_OVERLAP or restated:
                        return Question(text=question, fact_id=fact.id, topic=fact.topic, score=1.0)
        hits = self.retriever.search(question, k=5, kind="fact", problem_id=problem_id)
        if not hits:
            return Question(text=text)

        def score_of(h) -> float:
            return round((h.dense or 0.0) + FACT_LEXICAL_WEIGHT * (h.lexical or 0.0), 4)

        best = max(hits, key=score_of)
        score = score_of(best)
        named = [
            h
            for h in hits
            if score_of(h) >= max(FACT_MIN, score - FACT_NAMED_MARGIN)
            and _stems(h.meta["ref"].replace("-", " ")) <= asked
        ]
        if named and best not in named:
            best = max(named, key=score_of)  # "how many user reports...": the user-reports fact
            score = score_of(best)
        if score < FACT_MIN and not (best.meta["ref"] in siblings and score >= FACT_SIBLING_MIN):
            return Question(text=text, score=score)
        fact = next(f for f in facts if f.id == best.meta["ref"])
        return Question(text=text, fact_id=fact.id, topic=fact.topic, score=score)


# Shorthand candidates type, spelled out as fact sheets word them.
_ABBREVIATIONS = {
    "dau": "daily active users",
    "daus": "daily active users",
    "mau": "monthly active users",
    "maus": "monthly active users",
    "qps": "queries per second",
    "rps": "requests per second",
    "p99": "p99 latency",
    "p95": "p95 latency",
    "p50": "median latency",
    "dm": "private direct messages",
    "dms": "private direct messages",
    "ctr": "click-through rate",
    "sla": "latency budget",
}
_ABBREVIATION = re.compile(r"\b(" + "|".join(_ABBREVIATIONS) + r")\b", re.I)


def _expand(question: str) -> str:
    return _ABBREVIATION.sub(lambda m: _ABBREVIATIONS[m.group(1).lower()], question)


_NO_LEAKS = LeakDetector(None)  # a problem without a `leakage` field: generic detectors only
_UNLESS = {d.criterion_id: d.unless for d in DETECTORS if d.unless is not None}


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


def _affirmed(norm: str, start: int, end: int) -> bool:
    """Both ends of a detector's cue are affirmed: "the label ..., never as a feature" is not."""
    last = norm.rfind(" ", start, end) + 1 or start
    return (
        polarity_of_span(norm, start, end)[0] == "affirmed"
        and polarity_of_span(norm, max(last, start), end)[0] == "affirmed"
    )


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


def _rank(claim: Claim) -> tuple[int, float]:
    return (claim.polarity == "affirmed", claim.score)


def _stage_of_word(word: str) -> Stage | None:
    for stage, pattern in _STAGE_WORDS.items():
        if re.fullmatch(pattern, word):
            return stage
    return None


_QUANTITY = re.compile(
    r"\b(hundreds?|thousands?|millions?|billions?|huge|big|small|tiny|lots|few|many|rare|"
    r"under|over|about|around|roughly|most|half|percent)\b|\b\d"  # not "p99?": it asks
)


def _is_request(snorm: str) -> bool:
    """A move-on, finish or hint request (however phrased)."""
    return bool(_MOVE_ON.search(snorm) or _FINISH.search(snorm) or _HINT.search(snorm))


def _tentative_answer(snorm: str) -> bool:
    """A short fragment said with a question mark but no question shape ("millions?")."""
    return snorm.endswith("?") and len(snorm.split()) <= 4 and not _QUESTION_START.match(snorm)


def _short_reply(norm: str) -> bool:
    return len(norm.split()) <= 12


@lru_cache(maxsize=16384)
def _stems(text: str) -> frozenset[str]:
    return frozenset(light_stem(w) for w in content_words(text))


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
    return frozenset(w for w in vocab if len(w) > 2)


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


_VOWELS = set("aeiouy")


def _looks_like_gibberish(toks: list[str], vocab: frozenset[str]) -> bool:
    """Keyboard mashing: few known words and many unpronounceable ones."""
    alpha = [t for t in toks if t.isalpha()]
    if not alpha:
        return not any(t.isdigit() for t in toks)
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
