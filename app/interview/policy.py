"""The interviewer's decisions: update the state with what the candidate said, then pick
exactly one move. Deterministic: same state and message, same move. Words come later
(`voice.py`).

The move is chosen by an ordered list of small, named rules (`RULES`, at the end): each looks
at the state and the reading and returns a move or None; the first move returned is the one."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from app.interview.answered import explained_in, point_made
from app.interview.guard import numbers
from app.interview.state import SAID_KEPT, Hint, InterviewState, OwedMistake, Said
from app.knowledge.bank import KnowledgeBank, Section
from app.knowledge.retrieval import Retriever
from app.knowledge.schema import STAGES, Criterion, Fact
from app.knowledge.text import (
    content_stems,
    content_words,
    light_stem,
    normalize,
    sentences,
    word_set,
    words,
)
from app.understanding.acts import (
    RETRACTION,
    acknowledges_only,
    holds_on,
    lead_stripped,
    passes_turn,
    retracts,
    wants_move_on,
)
from app.understanding.offline import clears_mistake
from app.understanding.polarity import affirmed_view, shown_misleading
from app.understanding.schema import Claim, Mention, Reading
from app.understanding.signposts import (
    ANY_STAGE,
    COURSE_MARK,
    GOAL_STATED,
    MID_SIGNPOST,
    ONGOING_WATCH,
    RETURN_TO_STAGE,
    STAGE_BARE,
    back_on_stage,
    course_question,
    goes_on,
    headed_stage,
    heading_alone,
    signposted_stage,
    stage_of_word,
    subject_stage,
    went_back_to,
    works_on,
)

COVERED = 0.5  # share of a stage's positive points that counts as covered
MAX_PROBES_PER_STAGE = 2
MAX_NUDGES_PER_STAGE = 2
MAX_STRIKES = 4  # the 4th non-answer in a row moves on (three redirects first) instead of looping
MAX_FACTS_PER_TURN = 3
MAX_DEEPER = 3  # "go one level deeper" requests per interview (one wording each)
TERSE_ASK_WORDS = 4  # "Report volume and precision?"
ECHO_WORDS = 14  # the longest stretch of a candidate's words quoted back whole
# "how much time do we have left?", "how many minutes are left?": the clock asked about
TIME_LEFT_ASKED = re.compile(
    r"\bhow (?:much time|many minutes|long)\b.*\b(?:left|remaining|have|got)\b|"
    r"\b(?:time|minutes) (?:is |are )?(?:left|remaining)\b"
)
CLARIFY_MUST = ("business", "scale")  # clarify criteria whose absence triggers our own prompt
# ...not asked when the message itself states it: "the goal I'd pick is long-term engagement,
# proxied by watch time" answers "what would success look like?" before it is asked
CLARIFY_STATED_BY = {"business": "objective", "scale": "scale"}
# How far past "the goal is" the goal's words may start ("the goal is [for] people [to] come back")
GOAL_TO_QUOTE = 20
GENERIC_MISTAKE_PROBE = "What could go wrong with that choice in this particular system?"
# A clarifying question answered from a fact of this topic covers this generic criterion.
# "Back to data for a second: ...", "going back to framing": an afterthought about a stage behind,
# said as one; whatever later stage its words also read as, the candidate has not moved on.
GOING_BACK = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|oh|and|also|wait|actually|quickly|sorry|one sec)\W+)*"
    # "sorry, one thing back on the data: ..."
    r"(?:(?:(?:one|a|quick|small|last)\s+)+(?:more\s+)?(?:thing|point|note|detail|word)\s+)?"
    r"(?:(?:going|go|coming|come|jumping|jump|circling|circle|heading|head)\s+)?back\s+"
    r"(?:to|on|onto)\b|^\W*one more (?:thing|point|note) on\b|"
    # "Quick addition to the framing: ...", "a small footnote on data: ..."
    r"^\W*(?:(?:a|one|quick|small|little|brief)\s+)*(?:addition|add-on|footnote|aside|fix|"
    r"correction|amendment)\s+(?:to|on|about)\b|"
    # "Let me fix something from the framing: ...", "I want to correct the data part": a
    # stage said earlier, corrected now, by a verb of mending that takes the stage
    r"^\W*(?:(?:oh|and|also|wait|sorry|actually)\W+)*(?:let me|i(?:'d| would) like to|"
    r"i want to|i need to|can i|may i)\s+(?:quickly\s+)?(?:fix|correct|amend|revise|change|"
    r"tweak|adjust|update)\s+(?:(?:something|one thing|a thing|a detail|a point|a bit)\s+)?"
    r"(?:(?:from|in|on|about|for|to)\s+)?(?:the\s+|my\s+)?(?:" + ANY_STAGE + r")\b|"
    # "Actually, on the data side, ...": a correction of a part said earlier, "actually" first
    r"^\W*(?:(?:oh|and|also|wait|sorry|hmm+)\W+)*actually\W+(?:(?:on|about|for)\s+)?(?:the\s+)?"
    r"[\w-]+\s+(?:side|front|part|bit)\b|" + RETURN_TO_STAGE.pattern
)
# why the interview moved on, as the voice words it (prompts/offline/next_stage.j2)
MOVE_ON = "candidate asked to move on"
BEGUN = "candidate asked for the stage and began it"
# An answer opening by granting the interviewer's point ("Fair: ...", "Good point, ...", "You're
# right, ..."): it replies to what was just asked, on the stage it was asked in.
CONCEDES = re.compile(
    r"^\W*(?:(?:fair(?: enough| point)?|good (?:point|catch)|agreed|point taken)\s*[,:;.!-]|"
    # "Right, that's off limits", not the nod "Right. Next I'll set the task up"
    r"(?:you'?re |that'?s )?(?:right|true)\s*[,:;-])"
)
# A reply granting what we asked about, more loosely than CONCEDES: "Understood, ...", "got it,
# ...", "ok -> ...". Only a one-sentence reply is read this way (see `_answers_in_place`).
GRANTS = re.compile(
    r"^\W*(?:understood|got it|makes sense|noted|ok(?:ay)?\s*(?:->|=>|→))\s*[,:;.!-]?"
)
# A request that goes back ("back to the framing?", "could we return to the data?", "let me
# revisit the model"): its stage is behind the interview by design.
ASKS_BACK = re.compile(r"\bback to\b|\breturn to\b|\brevisit\b|\bstep(?:ping)? back\b")
ASKED_TOPIC_COVERS = {
    "business_objective": "gen-clarify-business-objective",
    "scale": "gen-clarify-scale",
    "latency": "gen-clarify-latency",
    "data": "gen-clarify-data-sources",
    "labels": "gen-clarify-labels",
    "compute": "gen-clarify-deployment-target",
    "constraints": "gen-clarify-deployment-target",
}


@dataclass
class Move:
    """One interviewer move; `question` is the single question it asks, if any."""

    kind: str
    key: str
    stage: str
    question: str | None = None
    facts: list[Fact] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    concept: str | None = None
    criterion_id: str | None = None
    hint_tier: int = 0
    snippet: Section | None = None
    echo: str | None = None
    from_stage: str | None = None
    note: str | None = None
    follow_up: str | None = None  # "clarify_more": invite further clarifying questions
    skipped: list[str] = field(default_factory=list)  # wrap-up: stages not covered
    minutes_left: int | None = None  # "how much time do we have left?": said in the reply


def reveals_hidden(question: str, problem, state: InterviewState) -> bool:
    """True when a scripted question carries a number from a fact the candidate has not
    asked for (the question would leak it)."""
    mine = {n for n in numbers(question) if len(n) >= 2}
    return any(mine & numbers(f.answer) for f in problem.facts if f.id not in state.facts_revealed)


def coverage(state: InterviewState, criteria: list[Criterion]) -> float:
    positive = [c for c in criteria if c.points > 0]
    total = sum(c.points for c in positive)
    if not total:
        return 1.0
    return sum(c.points for c in positive if state.coverage.get(c.id)) / total


def observe(state: InterviewState, analysis: Reading, seq: int) -> None:
    """Fold one candidate message into the state (coverage, concepts, clocks, strikes)."""
    state.turns += 1
    state.last_seq = seq
    state.stage_progress().turns += 1
    for cid in analysis.evidence:
        state.coverage.setdefault(cid, [])
        if seq not in state.coverage[cid]:
            state.coverage[cid].append(seq)
    for hit in analysis.mentions:
        if hit.concept not in state.concepts and hit.polarity != "negated":
            state.concepts.append(hit.concept)
    # a question on how the session runs, or a moment asked to think, is no strike; a pause
    # right after we were left waiting already is one (we waited once: "one sec" again and
    # again must not hold the interview forever)
    kind = analysis.non_answer_kind
    waited = (state.last_move or "").startswith("redirect:") and kind in ("pause", None)
    # ...and so is a nod ("ok", "hi, let's start") after one: nods alone must not either (a
    # question on the session or asking for the question again never is)
    nod = kind is None and analysis.intents == ["non_answer"]
    strike = (analysis.non_answer and (kind not in ("session", "unclear", "pause") or waited)) or (
        nod and waited
    )
    state.strikes = state.strikes + 1 if strike else 0
    if analysis.norm:
        state.last_inputs = [*state.last_inputs[-5:], analysis.norm]
        said = Said(seq=seq, stage=state.stage, text=analysis.norm)
        state.said = [*state.said[-(SAID_KEPT - 1) :], said]
    for q in analysis.questions:
        if q.fact_id and q.fact_id not in state.facts_revealed:
            state.facts_revealed.append(q.fact_id)
        # Asking about a requirement is the clarify behaviour itself, however it is worded.
        covered = ASKED_TOPIC_COVERS.get(q.topic) if q.topic else None
        if covered and seq not in state.coverage.setdefault(covered, []):
            state.coverage[covered].append(seq)


class Policy:
    """Chooses the next move for one problem and level."""

    def __init__(self, bank: KnowledgeBank, retriever: Retriever, problem_id: str, level: str):
        self.bank = bank
        self.retriever = retriever
        self.problem = bank.problem(problem_id)
        self.level = level
        # Looked up several times a turn: index them once.
        self._by_id = {c.id: c for c in (*bank.generic.criteria, *self.problem.criteria)}
        ordered = bank.criteria_for(problem_id, level)
        self._by_stage: dict[str, list[Criterion]] = {
            s: [c for c in ordered if c.stage == s] for s in STAGES
        }
        self._clarify_nudges = {c.nudge for c in self._by_stage["clarify"] if c.nudge}
        # generic criterion -> this problem's criteria of its stage that refine it (share one
        # of its concepts): "offline AUC per head" shows the generic offline metric too
        self._generic = generic = {c.id for c in bank.generic.criteria}
        own = [c for c in ordered if c.points > 0 and c.id not in generic]
        self._refined_by = {
            g.id: {c.id for c in own if c.stage == g.stage and set(g.concepts) & set(c.concepts)}
            for g in ordered
            if g.points > 0 and g.id in generic
        }
        self._fact_words = {
            f.id: _key_words(" ".join([f.topic.replace("_", " "), *f.asked_as, f.answer]))
            for f in self.problem.facts
        }

    # -- helpers ----------------------------------------------------------------------------

    def criteria(self, stage: str) -> list[Criterion]:
        return self._by_stage[stage]

    def _fresh(self, state: InterviewState, key: str, question: str | None = None) -> bool:
        """Not asked before, and (for a question) not revealing an unasked hidden fact."""
        if key in state.asked:
            return False
        return question is None or not reveals_hidden(question, self.problem, state)

    def _enter(self, state: InterviewState, stage: str, now: float) -> None:
        prog = state.stage_progress(stage)
        prog.started_at = now
        prog.entered_from = state.stage
        state.stage = stage

    def _covered(self, state: InterviewState, stage: str) -> bool:
        return coverage(state, self.criteria(stage)) >= COVERED

    def _missing(self, state: InterviewState, stage: str) -> list[Criterion]:
        """Uncovered positive criteria with a nudge, most valuable first. A generic criterion
        whose refinement for this problem is covered is not missing: asking for it would ask
        for what the candidate said, in other words."""
        crits = [c for c in self._unsaid(state, stage) if c.nudge]
        return sorted(crits, key=lambda c: (-c.points, c.id))

    def _unsaid(self, state: InterviewState, stage: str) -> list[Criterion]:
        """The stage's positive criteria the candidate has not covered, neither outright nor
        by this problem's refinement of a generic one."""
        return [
            c
            for c in self.criteria(stage)
            if c.points > 0
            and not state.coverage.get(c.id)
            and not any(state.coverage.get(r) for r in self._refined_by.get(c.id, ()))
        ]

    def _probe_for(self, state: InterviewState, analysis: Reading) -> Move | None:
        norm = analysis.norm or normalize(analysis.text)
        named = [
            h.concept
            for h in analysis.mentions
            if h.polarity != "negated"
            # "accuracy would look great while missing everything": its probe is answered
            and not shown_misleading(norm, h.alias)
            and not revised_away(norm, h.alias, (m.alias for m in analysis.mentions))
        ]
        # a probe presses on its own stage's choice: "reviewer load" said while serving is no
        # cue to ask how labels are made (the stage the message is about counts too)
        # (and a later stage it touches: an A/B test said in evaluation may bring the serving
        # probe on friends in both arms); a word of an earlier stage said on the way ("DAU as
        # a guardrail" read as the scale) is no cue to go back to it
        now_i = STAGES.index(state.stage)
        here = {
            state.stage,
            *analysis.stages[:1],
            *(s for s in analysis.stages if STAGES.index(s) > now_i),
        }
        # this message first, then the candidate's earlier ones of the stage: a point made
        # two messages ago is made ("I'd take the majority of three reviewers", then the noise
        # probe); their affirmed text is cached per message by `affirmed_text`
        texts = [analysis.text] + [
            m.text for m in state.said if m.stage == state.stage and m.seq != state.last_seq
        ]

        def made(phrases: list[str]) -> bool:
            return any(point_made(phrases, t) for t in texts)

        for concept in named:
            # numbered across the entries of a concept (one entry per point it presses on)
            at = 0
            for probe in self.problem.probes:
                if probe.concept != concept:
                    continue
                if probe.stage not in here:
                    at += len(probe.questions)
                    continue
                # the candidate raised the point themselves ("...and fails on cold start")
                answered = made(probe.answered_by)
                for question in probe.questions:
                    key, at = f"probe:{concept}:{at}", at + 1
                    if answered:
                        continue
                    if self._fresh(state, key, question) and not answered_in(question, analysis):
                        return Move("probe", key, state.stage, question, concept=concept)
            lex = next((c for c in self.bank.concepts.concepts if c.id == concept), None)
            if lex is None or lex.stage not in here:
                continue
            for i, generic in enumerate(lex.probes):
                key, question = f"probe:{concept}:g{i}", generic.question
                if made(generic.answered_by):
                    continue
                if self._fresh(state, key, question) and not answered_in(question, analysis):
                    return Move("probe", key, state.stage, question, concept=concept)
        return None

    def _nudge(self, state: InterviewState, stage: str, kind: str = "nudge") -> Move | None:
        for crit in self._missing(state, stage):
            key = f"nudge:{crit.id}"
            if self._fresh(state, key, crit.nudge):
                return Move(kind, key, stage, crit.nudge, criterion_id=crit.id)
        return None

    def _advance(
        self, state: InterviewState, now: float, reason: str, said: Reading | None = None
    ) -> Move:
        """Go to the next stage (or wrap up after the last one); after a step back, to the
        stage the candidate stepped back from, unless the message `said` is past it."""
        nxt = state.next_stage()
        while nxt is not None and _visited(state, nxt):
            nxt = STAGES[STAGES.index(nxt) + 1] if nxt != STAGES[-1] else None  # done already
        resume = _stepped_back_from(state)
        if (
            resume is not None
            and (nxt is None or STAGES.index(nxt) > STAGES.index(resume))
            and not (said and any(STAGES.index(s) > STAGES.index(resume) for s in said.stages))
        ):
            # "wait, back to framing for a sec? ... that's all for framing" from the model: the
            # candidate picks up where they stepped back from, not at the stage after it
            return self._open(state, now, resume, reason)
        if nxt is None:
            # a stage jumped over is owed one brief revisit, unless what the candidate said on
            # the way (a message walking through it) already covers it
            back = next(
                (
                    st
                    for st in state.skipped
                    if st not in state.asked
                    and not _visited(state, st)
                    and not self._covered(state, st)
                ),
                None,
            )
            if back is None:
                return self._wrap_up(state, "completed")
            state.asked.append(back)  # come back to a skipped stage once, briefly
            return self._jump(state, now, back, "revisit skipped stage")
        return self._open(state, now, nxt, reason, f"stage:{nxt}")

    def _jump(self, state: InterviewState, now: float, target: str, reason: str) -> Move:
        """Go straight to `target` (the stage the candidate is on), remembering the stages
        jumped over so we can come back to them once before wrapping up. A stage the candidate
        has touched (on the way, or in an aside) opens with what is still missing there, the
        revisit too: never a question about what they just said."""
        here, there = STAGES.index(state.stage), STAGES.index(target)
        for st in STAGES[here + 1 : there]:
            covered = state.progress.get(st) and state.progress[st].turns
            if not covered and st not in state.skipped:
                state.skipped.append(st)
        return self._open(state, now, target, reason)

    def _open(
        self,
        state: InterviewState,
        now: float,
        stage: str,
        reason: str,
        key: str | None = None,
        nudge: bool = True,
    ) -> Move:
        """Enter `stage` and the move that opens it: when the candidate has already touched
        it (and `nudge`), ask for what is still missing; else the stage's opening (`key`, by
        default one fresh for this point of the interview)."""
        key = key or f"stage:{stage}:{len(state.asked)}"
        previous = state.stage
        self._enter(state, stage, now)
        move = None
        if nudge and any(state.coverage.get(c.id) for c in self.criteria(stage)):
            move = self._nudge(state, stage)
        if move is None:
            move = Move("next_stage", key, stage)
        elif reason == MOVE_ON and self._begun_now(state, stage):
            # "cool, let's frame it. I'd treat it as multi-label ...": they asked for the
            # stage and began it in the same breath; announcing it as new would not listen
            reason = BEGUN
        move.kind = "next_stage"
        move.from_stage = previous
        move.note = reason
        return move

    def _begun_now(self, state: InterviewState, stage: str) -> bool:
        """Whether the candidate's latest message shows a rubric point of `stage`."""
        return any(state.last_seq in state.coverage.get(c.id, ()) for c in self.criteria(stage))

    def _mistake(self, state: InterviewState, a: Reading) -> Move | None:
        """A red flag just read: probe it now, naming the candidate's own choice. A mistake
        of the stage the message is about comes first (it is what they are talking about),
        then this problem's own over a generic one (it is the sharper reading, and its probe
        names this system: "train it once" reads as both), then the most costly."""
        about = a.stages[0] if a.stages else state.stage

        def order(claim: Claim) -> tuple[bool, bool, int]:
            crit = self._by_id.get(claim.criterion_id)
            return (
                getattr(crit, "stage", about) != about,
                claim.criterion_id in self._generic,
                getattr(crit, "points", 0),
            )

        fresh = [
            claim
            for claim in sorted(a.flags, key=order)
            if (crit := self._by_id.get(claim.criterion_id)) is not None
            and f"mistake:{claim.criterion_id}" not in state.asked
            and not taken_back(a.text, claim.quote)
            # skipping the requirements is no mistake once they were asked and answered
            # ("Jumping over framing and data, straight to the model" after three questions)
            and not (crit.stage == "clarify" and state.facts_revealed)
        ]
        if not fresh:
            return None
        # the others are put to the candidate next, one at a time (`owed_mistake`): those of
        # another stage only, since two flags of one stage are mostly one mistake read twice
        # (the problem's own and a generic one: "the ranker scores every one of the videos")
        owed = {o.criterion_id for o in state.owed_mistakes}
        first_stage = self._by_id[fresh[0].criterion_id].stage
        state.owed_mistakes += [
            OwedMistake(
                criterion_id=c.criterion_id,
                quote=c.quote,
                concept=c.concept,
                stage="",  # the stage the probe is asked from, set by `mistake_first`
            )
            for c in fresh[1:]
            if c.criterion_id not in owed and self._by_id[c.criterion_id].stage != first_stage
        ]
        return self._mistake_probe(state, fresh[0], a.mentions)

    def _mistake_probe(
        self, state: InterviewState, claim: Claim, mentions: Sequence[Mention]
    ) -> Move:
        """The probe of one red flag, naming the candidate's choice in their own words."""
        crit = self._by_id[claim.criterion_id]
        key = f"mistake:{claim.criterion_id}"
        quote = claim.quote.lower()
        named = [m for m in mentions if m.alias in quote and m.polarity != "negated"]
        concept, question = None, crit.probe
        for m in named:  # a sharper, problem-specific probe on the named choice
            probe = next((p for p in self.problem.probes if p.concept == m.concept), None)
            lex = next((c for c in self.bank.concepts.concepts if c.id == m.concept), None)
            generic = [g.question for g in lex.probes] if lex else []
            asks = (probe.questions if probe else []) or generic
            fresh = [q for q in asks if self._fresh(state, f"probe:{m.concept}:{q[:40]}", q)]
            if fresh:
                concept, question = m.concept, question or fresh[0]
                break
        question = question or GENERIC_MISTAKE_PROBE
        return Move(
            "probe",
            key,
            state.stage,
            question,
            concept=concept,
            criterion_id=crit.id,
            echo=_own_words(claim.quote, claim.concept),
            note="mistake",
        )

    def _wrap_up(self, state: InterviewState, reason: str) -> Move:
        state.ended = True
        state.end_reason = reason
        move = Move("wrap_up", "wrap_up", state.stage, note=reason)
        # Say what the interview did not get to (never reached, or skipped and not revisited).
        move.skipped = [s for s in STAGES if not _visited(state, s) and s != state.stage]
        return move

    def _hint(self, state: InterviewState, analysis: Reading) -> Move:
        stage = state.stage
        # ("Data: reviewer decisions as labels" covers the label source: no hint asks for it)
        missing = self._unsaid(state, stage)
        # What the hint is asked about comes first ("what would you suggest for the
        # negatives?"), then one we have not already nudged on (its question would repeat).
        topic = content_stems(normalize(analysis.text)) - _HINT_WORDS
        missing.sort(
            key=lambda c: (
                -len(
                    topic & content_stems(normalize(" ".join([c.text, *c.concepts, *c.phrasings])))
                ),
                f"nudge:{c.id}" in state.asked,
                -c.points,
                c.id,
            )
        )
        target = missing[0] if missing else None
        given = [h for h in state.hints if h.stage == stage]
        tier = min(len(given) + 1, 3)
        if tier == 1 and target is not None and f"nudge:{target.id}" in state.asked:
            tier = 2  # the pointer was already given as a question: go one step further
        query = target.text if target else self.bank.sections_for(stage)[0].title
        hits = self.retriever.search(query, k=1, kind="section", stage=stage)
        snippet = self.retriever.section(hits[0].meta["ref"]) if hits else None
        state.hints.append(
            Hint(
                stage=stage,
                tier=tier,
                criterion_id=target.id if target else None,
                section_id=snippet.id if snippet else None,
                seq=state.last_seq,
            )
        )
        return Move(
            "hint",
            f"hint:{stage}:{tier}:{len(state.hints)}",
            stage,
            target.nudge if target and tier == 1 else None,
            criterion_id=target.id if target else None,
            hint_tier=tier,
            snippet=snippet,
            concept=", ".join(target.concepts[:3]) if target and tier >= 3 else None,
        )

    # -- the decision -----------------------------------------------------------------------

    def opening(self, state: InterviewState, now: float) -> Move:
        state.started_at = now
        self._enter(state, STAGES[0], now)
        return Move("opening", "opening", STAGES[0])

    def decide(self, state: InterviewState, analysis: Reading, now: float) -> Move:
        """Pick one move; records its key in `state.asked` so it is never repeated."""
        move = self._decide(state, analysis, now)
        if move.key not in state.asked:
            state.asked.append(move.key)
        state.open_question = move.question
        state.last_move = move.key
        return move

    def _decide(self, state: InterviewState, a: Reading, now: float) -> Move:
        """The first rule in `RULES` that fires; `advance` always does."""
        state.stage_progress()  # make sure the current stage has its progress record
        for rule in RULES:
            move = rule(self, state, a, now)
            if move is not None:
                return move
        raise AssertionError("no rule fired")  # pragma: no cover - `advance` always fires

    def _stage_ahead(self, a: Reading, current: str) -> str | None:
        """A later stage this message is mostly about (the reader's stage, or rubric points
        shown), if any: the candidate has moved on. Earlier stages do not hold us back."""
        now_i = STAGES.index(current)
        named = headed_stage(a.norm or normalize(a.text))
        if (
            named is not None
            and STAGES.index(named) > now_i
            and a.stages[:1] == [named]
            and self._walked_to(a) is None
        ):
            # "Monitoring: the hide rate and ...": a stage name heading the message announces
            # the stage the candidate is on, and the reader finds the message there first,
            # whatever rubric points of an earlier stage its words also show (a guardrail
            # metric reads as evaluation). Not "For training, ...": a word of a stage in a
            # phrase is no heading
            return named
        subject = subject_stage(normalize(sentences(a.text)[0])) if a.text.strip() else None
        if subject is not None and STAGES.index(subject) > now_i and self._walked_to(a) is None:
            # "Serving is where the rubber meets the road, ... So: score every new post ...":
            # a message opening with a stage as its subject is about that stage, whatever
            # point of the current one its details also show (a notice and an appeal)
            return subject
        opened = self._opened_on(a)
        if (
            opened is not None
            and STAGES.index(opened) > now_i
            and self._stage_points(a).get(opened)
            and not any(c.red_flag for c in a.evidence.values())
        ):
            # "For data, one row per impression ... I'd only keep the top slots": the message
            # opens on the stage it is about, and shows points there; a word of a later stage
            # further on (read as serving) does not carry the candidate past it. A signpost
            # with no points of its own ("For rollout, offline AUC ...") is only a word, and a
            # mistake read is probed from where `mistake_first` puts it
            return opened
        if opened is not None and self._opened_over_unnamed(a, opened, current):
            return opened
        if opened is not None and self._announced_and_read(a, opened, current):
            return opened
        positive = [c for c in a.evidence.values() if not c.red_flag]
        if not positive and a.stages and STAGES.index(a.stages[0]) > now_i:
            # no rubric points to weigh (a weak answer, a mistake): the reader's stage, the one
            # it ranks first ("Monitoring: ANN recall..." also names serving), decides; unless
            # the message walks on past it ("Data: logs of what we show. Model: a neural
            # network ..."): the candidate is where the walk ends
            walked = self._walked_to(a)
            if walked is not None and STAGES.index(walked) > STAGES.index(a.stages[0]):
                return walked
            return a.stages[0]
        return self._points_ahead(a, current)

    def _ahead(self, state: InterviewState, a: Reading, points_only: bool = False) -> str | None:
        """The later stage the candidate is on (`_stage_ahead`, or `_points_ahead`), unless the
        interview has been there already: back on a stage it jumped over, it does not bounce
        forward to a stage it covered."""
        norm = a.norm or normalize(a.text)
        if (GOING_BACK.search(norm) or holds_on(norm)) and not self._heads_on(a, state.stage):
            return None  # back on a stage behind, or still on this one: not ahead
        if self._opened_behind(a, state.stage) is not None:
            # "For data: impressions joined to clicks within a 30 minute window" said in
            # evaluate: the message announces a stage behind, whatever later stage a word of
            # it reads as (the attribution window as monitoring click anomalies)
            return None
        if state.stage == STAGES[0] and _terse_query(a):
            return None  # "Retrain cadence?" while clarifying asks; it is no move ahead
        if (
            state.stage == STAGES[0]
            and _opens_with_assumption(a)
            and not any(signposted_stage(normalize(t)) for t in sentences(a.text))
            and self._walked_to(a) is None
        ):
            # "I'd assume a few minutes at most, and precision matters for removal": while
            # clarifying, a message that opens by assuming sets requirements; the later
            # stages its words touch are not where the candidate is
            return None
        past = self._past_the_probe(state, a)
        if past is None:
            return None
        a = past
        if CONCEDES.match(norm) and not a.evidence and signposted_stage(norm) is None:
            # "Right: negatives only from tiles actually on screen" grants the point we
            # pushed on and answers it here; words alone (no rubric point) carry it nowhere
            return None
        if _replies_here(state, a):
            # "Understood, we'll name the policy in every removal notice and let them appeal"
            # after a removal mistake in the model: the fix is said in a later stage's words,
            # but it answers us here, in one sentence; it is no step ahead
            return None
        find = self._points_ahead if points_only else self._stage_ahead
        stage = find(a, state.stage)
        if stage is None or _visited(state, stage):
            return None
        work = self._work_said(a, state.stage, stage)
        if work is not None:
            # "when I build the table I'd keep one non-click in twenty" in data: the rubric
            # files the sampling under the model, but it is said as data work; no step past
            # the stage whose work it is ("We predict whether ..." from clarify: the framing)
            return None if work == state.stage or _visited(state, work) else work
        prog = state.stage_progress()
        asked = (prog.requested or prog.asked_next) and prog.turns <= 1
        walked = self._walked_to(a)
        # "For evaluate I use log loss ..." after asking for the model: a message opening by
        # announcing the later stage says in so many words that the candidate is there now
        announced = (walked == stage and self._announces(a, stage)) or signposted_stage(
            norm
        ) == stage
        if (
            asked
            and state.stage in a.stages
            and (prog.requested or walked is None)
            and not announced
            and not (walked == stage and self._opens_on(a, state.stage))
        ):
            # the first message on a stage they asked for, and the reader finds it there too
            # (labels and downsampling said after "on to the data" read as the model as well);
            # after a bare "next", a message walking on through the stages walks on, and so
            # does one whose walk ends on a stage a sentence announces ("OK, framing." then
            # "I'd predict several engagement heads ... For data, impressions ...")
            return None
        if asked and not self._named_for(a, stage):
            # ...nor when the later stage rests only on wording close to an example, with no
            # concept of it named: the stage they asked for is where they are ("Queries get
            # turned into numbers on the GPU boxes, ..." after asking for serving)
            return None
        top = a.stages[0] if a.stages else None
        here, there = STAGES.index(state.stage), STAGES.index(stage)
        if (
            top is not None
            and here < STAGES.index(top) < there
            and self._stage_points(a).get(top)
            and self._walked_to(a) is None
        ):
            # not past the stage the reader finds the message on first and that it shows
            # points for: a word about a later one does not jump the candidate over it
            return top if not _visited(state, top) else None
        heading = headed_stage(norm)
        if (
            heading is not None
            and here < STAGES.index(heading) < there
            and self._walked_to(a) is None
        ):
            # "Multi-objective ranking: watch time, like, dislike" said in clarify: the stage
            # the message is headed with is where the candidate is, whatever later stage its
            # words show more points for (a ranker's heads read as the model)
            return heading if not _visited(state, heading) else None
        if there > here + 1 and self._generic_only(a, stage) and not self._reader_names(a, stage):
            # a generic criterion's broad phrasing ("rebuild the index each month" reads as
            # retraining) says the candidate went on, not how far: one step, not over a stage
            step = STAGES[here + 1]
            return None if _visited(state, step) else step
        return stage

    def _work_said(self, a: Reading, current: str, later: str) -> str | None:
        """The stage, from `current` up to before `later`, whose own work the message says
        (`works_on`: building the training table, the serving path, the target; or the stage a
        message opens on, "Serving: ..."), when it reaches `later` only through the
        rubric's filing of a point said inside that work: no sentence announces, heads or
        names the later stage, no walk through the stages, no watching said as ongoing."""
        norm = a.norm or normalize(a.text)
        work: str | None = works_on(norm)
        if work is None and not self._named_for(a, later):
            # "For data I'd also read ..." with an evaluation concept named goes on to it
            work = self._opened_on(a)
        if work is None or not STAGES.index(current) <= STAGES.index(work) < STAGES.index(later):
            return None
        if self._walked_to(a) is not None or self._announces(a, later):
            return None
        if headed_stage(norm) == later or (later == "monitor" and ONGOING_WATCH.search(norm)):
            return None
        if any(stage_of_word(m.group(1)) == later for m in STAGE_BARE.finditer(norm)):
            return None
        return work

    def probed_mistake(self, state: InterviewState) -> Criterion | None:
        """The red flag our last move probed (first, or again after a pushback), if any."""
        kind, _, cid = (state.last_move or "").partition(":")
        return self._by_id.get(cid) if kind in ("mistake", "pushback") else None

    def _past_the_probe(self, state: InterviewState, a: Reading) -> Reading | None:
        """The message less its answer to the probe we just put on a mistake: the rubric
        points read in sentences that say the practice ruling the mistake out are dropped,
        since they answer us here. "hmm, actually I'd rather split by time: train on earlier
        weeks, test on the last week" after a random split was questioned is still the data,
        whatever model or evaluation words the better practice uses; "Time split. Multimodal
        encoder, per-category heads." goes on to the model with the rest. None when nothing
        is left to carry the candidate anywhere; the message as is when it does not take the
        mistake back."""
        crit = self.probed_mistake(state)
        said = [(t, normalize(t)) for t in sentences(a.text)]
        if crit is None:
            if not (said and _probed(state) and _takes_up(state.open_question, said[0][1])):
                return a
            # our trade-off question answered in the first sentence ("A day's gap is enough:
            # labels settle within 24 hours ...", after "how long a gap between training and
            # evaluation?"): that sentence answers us here, whatever later stage its words
            # read as, unless it names a concept of that stage ("A two-tower model ..." after
            # a data probe on clicks and watch time is the model)
            answer = [said[0][0]]
        else:
            answer = [t for t, n in said if clears_mistake(crit, n)]
        if not answer:
            return a
        rest = {
            cid: c
            for cid, c in a.evidence.items()
            if not (
                c.quote
                and any(c.quote in t or t in c.quote for t in answer)
                and (crit is not None or c.concept is None)
            )
        }
        if len(rest) == len(a.evidence):
            return a
        if not rest and not any(signposted_stage(n) for _, n in said):
            return None
        return a.model_copy(update={"evidence": rest})

    def _reader_names(self, a: Reading, stage: str) -> bool:
        """The reader finds the message on `stage` first and a claim there names one of its
        concepts ("Then A/B test, we look at daily users"): a real step there, not a broad
        phrasing's echo."""
        if a.stages[:1] != [stage]:
            return False
        return any(
            c.concept and (crit := self._by_id.get(cid)) is not None and crit.stage == stage
            for cid, c in a.evidence.items()
        )

    def _generic_only(self, a: Reading, stage: str) -> bool:
        """Whether the message places itself on `stage` only through generic criteria: claims
        there, none of this problem's, no sentence announcing it, no word naming it, no walk
        ending on it."""
        there = [cid for cid in a.evidence if getattr(self._by_id.get(cid), "stage", None) == stage]
        if not there or any(cid not in self._generic for cid in there):
            return False  # no claim there (named concepts put it there) or one of this problem
        norm = a.norm or normalize(a.text)
        if headed_stage(norm) == stage or self._announces(a, stage):
            return False
        if any(stage_of_word(m.group(1)) == stage for m in STAGE_BARE.finditer(norm)):
            return False  # "A good model, maybe deep learning": the stage named by its word
        return self._walked_to(a) != stage

    def _opened_over_unnamed(self, a: Reading, opened: str, current: str) -> bool:
        """The message opens on a stage ahead ("For data I'd also read their private chats,
        because ...") and the only later stage its points read as names none of its concepts
        (a sentence merely close to an example phrasing): the stage announced is where the
        candidate is, points or none."""
        if STAGES.index(opened) <= STAGES.index(current) or self._stage_points(a).get(opened):
            return False
        if self._walked_to(a) is not None:
            return False  # "Concerning the data, ..., and, concerning the model, ...": a walk
        beyond = self._points_ahead(a, current)
        return (
            beyond is not None
            and STAGES.index(beyond) > STAGES.index(opened)
            and not self._named_for(a, beyond)
        )

    def _announced_and_read(self, a: Reading, opened: str, current: str) -> bool:
        """The message opens by announcing a later stage ("To learn from, I'd take the old
        system's history: ...", "At serving I'd just run ...") and the reader finds it there
        first, though its rubric points read only as generic criteria of the current stage or
        of one behind, or none: the stage announced is where the candidate is (their plain
        words for it resemble a broad phrasing of the current stage). A criterion of this
        problem read there pins the message to it ("For training I'd take every reported post
        ..." in data). Not for a message stating a mistake: `mistake_first` places it."""
        if STAGES.index(opened) <= STAGES.index(current) or a.stages[:1] != [opened]:
            return False
        if any(c.red_flag for c in a.evidence.values()) or self._walked_to(a) is not None:
            return False
        return all(
            cid in self._generic and STAGES.index(crit.stage) <= STAGES.index(current)
            for cid in a.evidence
            if (crit := self._by_id.get(cid)) is not None and crit.points > 0
        )

    def _named_for(self, a: Reading, stage: str) -> bool:
        """Whether the message names a concept of `stage`: a claim there with its concept (not
        only close to an example phrasing), a mention of it, or a signpost announcing it."""
        for claim in a.evidence.values():
            crit = self._by_id.get(claim.criterion_id)
            if crit is not None and crit.stage == stage and claim.concept:
                return True
        norm = a.norm or normalize(a.text)
        if stage == "monitor" and ONGOING_WATCH.search(norm):
            return True  # "we'd check it again every week on fresh data": watching, on and on
        return signposted_stage(norm) == stage

    def _announces(self, a: Reading, stage: str) -> bool:
        """A sentence of the message opens by announcing `stage` ("For data, ...", "Model:
        ...")."""
        return any(signposted_stage(norm) == stage for *_, norm in self._sentence_table(a))

    def _opened_on(self, a: Reading) -> str | None:
        """The stage the message's first sentence announces ("For data, ...") when no later
        sentence announces another: the stage the candidate signposted is the one the message
        is about, even where a later sentence's words read as a later stage."""
        sents = [s for s in sentences(a.text) if s.strip()]
        said = [signposted_stage(normalize(s)) for s in sents]
        if said and said[0] is None:
            # "Serving is where the rubber meets the road, ... So: score every new post ...":
            # a rambling message opens on its stage as the subject of its first sentence
            said[0] = subject_stage(normalize(sents[0]))
        if not said or said[0] is None or any(st not in (None, said[0]) for st in said[1:]):
            return None
        walked = self._walked_to(a)
        table = self._sentence_table(a)
        if (
            walked not in (None, said[0])
            and table
            and normalize(sents[-1]).endswith(table[-1][3].strip())
            and _top_stage(table[-1][0]) == walked
        ):
            # "Model: a shared bottom ... Offline I'd check AUC per head": the message ends on
            # the stage it walked to, so the candidate is there now; also when the turn comes
            # mid-sentence ("I would treat this as ..., and, as regards the data, every ...")
            return None
        return said[0]

    def _opened_behind(self, a: Reading, current: str) -> str | None:
        """The stage before `current` that the message's first sentence announces, when no
        sentence announces nor walks on to `current` or past it: the candidate has stepped
        back to it (and may walk on from there, still behind)."""
        said = [signposted_stage(normalize(s)) for s in sentences(a.text) if s.strip()]
        here = STAGES.index(current)
        if not said or said[0] is None or STAGES.index(said[0]) >= here:
            return None
        walked = self._walked_to(a)
        onward = [st for st in [*said[1:], walked] if st is not None]
        return None if any(STAGES.index(st) >= here for st in onward) else said[0]

    def _heads_on(self, a: Reading, current: str) -> bool:
        """A sentence after the first announces a stage past `current` ("Back to the framing
        for a moment: ... Evaluation: recall at k ..."): the step back was brief, and the
        candidate has gone on again."""
        later = [signposted_stage(normalize(s)) for s in sentences(a.text)[1:]]
        return any(st is not None and STAGES.index(st) > STAGES.index(current) for st in later)

    def _skipped_back(self, state: InterviewState, a: Reading) -> str | None:
        """A stage the interview jumped over (and has not visited) that this message shows the
        most rubric points for, with none for the current stage: the candidate has gone back
        to it ("data's easy: a query plus what got saved is a positive pair" said in model
        after a jump from clarify), so the interview follows them back instead of revisiting
        it later. Only on the first message since the interview jumped over that stage to get
        here: the jump was our guess, and this corrects it. Otherwise a word about a stage
        behind is an afterthought, and the interview stays where the candidate is."""
        norm = a.norm or normalize(a.text)
        named = back_on_stage(norm)
        opened = self._opened_behind(a, state.stage) if named is None else None
        if opened is not None:
            # "For data: ... so I'd downsample" past a jump: back over it, to where the walk
            # ends (its points are this message's own, so no coverage test)
            back = self._walked_to(a) or opened
            if back in state.skipped and not _visited(state, back):
                return back
        if (
            named is not None
            and named in state.skipped
            and not _visited(state, named)
            and not coverage(state, self.criteria(named))
        ):
            # "Back on features for a moment: ..." to a stage passed over with nothing said on
            # it yet: they say where they went (one already talked about gets an afterthought)
            return named
        points = self._stage_points(a)
        prog = state.stage_progress()
        if not points or points.get(state.stage) or prog.turns > 1 or prog.requested:
            return None  # ...nor when they asked for this stage: the jump was theirs
        if a.stages and a.stages[0] == state.stage:
            return None  # "Serving: ..." says where it is, whatever its words also read as
        # where a walk through the stages ends, else the stage the message announces ("For
        # the model, ...") when it shows points there, else the stage with the most points
        named = signposted_stage(a.norm or normalize(a.text))
        best = self._walked_to(a) or (named if named in points else _top_stage(points))
        came_from = STAGES.index(prog.entered_from or state.stage)
        if came_from >= STAGES.index(best):  # the interview got here without jumping over it
            return None
        jumped = state.said[-2] if len(state.said) > 1 else None
        if (
            jumped is not None
            and signposted_stage(jumped.text) != best
            and all(self._shown_in(state, stage, jumped.seq) for stage in (state.stage, best))
        ):
            # the jump was no guess when the message that made it showed points both here and
            # there ("three things at once: framing, data, model"): more on the stage passed
            # over is an afterthought, said from where the candidate is (unless that message
            # was headed with it: "Serving: ..." read further on was our guess)
            return None
        return best if best in state.skipped and not _visited(state, best) else None

    def _shown_in(self, state: InterviewState, stage: str, seq: int) -> bool:
        """Candidate message `seq` showed a rubric point of `stage`."""
        return any(
            seq in state.coverage.get(c.id, ()) for c in self.criteria(stage) if c.points > 0
        )

    def _stage_points(self, a: Reading) -> dict[str, float]:
        """Rubric points (positive or red flag, by size) this message shows, per stage. A
        generic criterion's points count half: its broad phrasings match talk of many stages
        ('the watch-time goal' reads as an online metric), where a criterion of this problem
        pins its stage."""
        points: dict[str, float] = {}
        for cid, claim in a.evidence.items():
            crit = self._by_id.get(cid)
            if crit is not None and crit.stage == "evaluate" and _goal_premise(a, claim.concept):
                continue  # "the goal is people coming back daily, so ...": a premise, no metric
            if crit is not None and crit.points:
                weight = 0.5 if cid in self._generic else 1.0
                points[crit.stage] = points.get(crit.stage, 0) + weight * abs(crit.points)
        return points

    def _points_ahead(self, a: Reading, current: str) -> str | None:
        """The later stage this message shows the most rubric points for, when they outweigh
        the current stage's; concepts merely named do not count. A red flag weighs for its
        stage too: a mistake about this stage is talk about this stage. A message that walks
        forward through the stages, sentence by sentence, is where its last sentence is
        (`_walked_to`), however much it said on the way."""
        now_i = STAGES.index(current)
        walked = self._walked_to(a)
        if walked is not None and STAGES.index(walked) > now_i:
            return walked
        points = self._stage_points(a)
        later = [(p, -STAGES.index(s), s) for s, p in points.items() if STAGES.index(s) > now_i]
        if not later:
            return None
        best, _, stage = max(later)
        return stage if best > points.get(current, 0) else None

    def _sentence_points_specific(self, a: Reading) -> list[tuple[dict[str, float], set[str]]]:
        """The positive rubric points each sentence of the message shows, per stage, in the
        order the candidate said them, each with the stages it shows points of this problem's
        own criteria for (or names, when signposted): the rest are generic criteria only.
        Sentences showing none are left out. A claim belongs to the sentence its quote starts
        in. Red flags do not count: a mistake is probed from its own stage (`mistake_first`),
        and a flag read again in its correction is not the candidate moving anywhere."""
        return [(points, specific) for points, specific, _, _ in self._sentence_table(a)]

    def _sentence_table(self, a: Reading) -> list[tuple[dict[str, float], set[str], set[str], str]]:
        """`_sentence_points_specific`, each with the stages of the red flags read in the
        sentence (a mistake about a stage is talk about that stage) and the sentence's
        normalised text. A stage the sentence names by its word breaks a tie between stages
        ("I won't say much about the model: a multi-task network" is the model)."""
        spans: list[tuple[int, int]] = []
        pos = 0
        for sent in sentences(a.text):
            at = a.text.find(sent, pos)
            if at >= 0:
                # "..., and, as regards the data, ...": a long sentence turning to another
                # stage mid-way is two steps, split where the signposted clause opens
                cuts = [at + m.end() for m in MID_SIGNPOST.finditer(sent.lower())]
                starts = [at, *cuts]
                spans += zip(starts, [*cuts, at + len(sent)], strict=True)
                pos = at + len(sent)
        per: dict[int, dict[str, float]] = {}
        specific: dict[int, set[str]] = {}
        flagged: dict[int, set[str]] = {}
        for cid, claim in a.evidence.items():
            crit = self._by_id.get(cid)
            at = a.text.find(claim.quote) if claim.quote else -1
            k = next((k for k, (start, end) in enumerate(spans) if start <= at < end), None)
            if crit is None or k is None:
                continue
            if claim.red_flag:
                flagged.setdefault(k, set()).add(crit.stage)
            elif crit.points > 0:
                points = per.setdefault(k, {})
                points[crit.stage] = points.get(crit.stage, 0) + crit.points
                if cid not in self._generic:
                    specific.setdefault(k, set()).add(crit.stage)
        norms = [normalize(a.text[start:end]) for start, end in spans]
        for k, norm in enumerate(norms):
            # "For the model, ...", "Data: ...": the sentence is about the stage it announces
            named = signposted_stage(norm)
            if named is None and ONGOING_WATCH.search(norm) and per.get(k, {}).get("evaluate"):
                # "Afterwards the daily watch-time chart ... is what I'd keep an eye on": a
                # measure watched on and on after launch is monitoring, not judging a model
                named = "monitor"
            if named is not None:
                per[k] = {named: max(per.get(k, {}).values(), default=0) + 1}
                specific[k] = {named}
            for word in STAGE_BARE.finditer(norm):
                said = stage_of_word(word.group(1))
                if said in per.get(k, {}):  # points are whole: half a point breaks ties only
                    per[k][said] += 0.5
                    break
        return [
            (points, specific.get(k, set()), flagged.get(k, set()), norms[k])
            for k, points in sorted(per.items())
        ]

    def _closed_through(self, a: Reading, current: str) -> str | None:
        """For a message whose last sentence closes what came before ("...; features are X
        and Y. Both of those feel settled."), the furthest stage its earlier sentences show
        rubric points for; None when the last
        sentence itself shows points (the request came first, then content) or nothing did.
        Stages the reader does not find the message on do not count, nor sentences showing
        only generic criteria of a stage other than `current`."""
        sents = [s for s in sentences(a.text) if s.strip()]
        if len(sents) < 2:
            return None
        # "Okay, I think I have enough. <the framing>. Then sort by that score.": the close
        # opens the message and ends the part before it; the last sentence closes nothing
        if not wants_move_on(normalize(sents[-1])) and any(
            wants_move_on(normalize(s)) for s in sents[:-1]
        ):
            return None
        last_at = a.text.rfind(sents[-1].strip())
        quotes = [
            a.text.find(c.quote)
            for cid, c in a.evidence.items()
            if c.quote and not c.red_flag and (crit := self._by_id.get(cid)) and crit.points > 0
        ]
        if any(at >= last_at for at in quotes):
            return None
        # Each sentence counts for the stages it shows points for that the reader also finds
        # the message on; a stage it shows generic criteria only for, when it is the current
        # stage alone (their broad phrasings match talk of many stages). "Blend of click and
        # watch time" (a generic online metric) or "split by upload time" (read as serving)
        # said in a wrap of data and model must not carry the jump past evaluation, nor "rank
        # by cosine" (read as encoding categories) a wrap of the framing past data.
        tops = [
            stage
            for points, specific in self._sentence_points_specific(a)
            for stage in points
            if (not a.stages or stage in a.stages) and (stage in specific or stage == current)
        ]
        return max(tops, key=STAGES.index) if tops else None

    def _opens_on(self, a: Reading, stage: str) -> bool:
        """Whether the message's first sentence showing points is on `stage` (of this
        problem's own criteria first): a message that answers the stage asked for, then walks
        on ("... scored in one batch inside the budget. Once it's out, we'd check it again
        every day ...") has answered it; the walk's end is where the candidate is."""
        table = self._sentence_table(a)
        if not table:
            return False
        points, specific, _, _ = table[0]
        return _top_stage(_specific_first(points, specific)) == stage

    def _walked_to(self, a: Reading) -> str | None:
        """The stage a message ends on when its sentences walk forward through two or more
        stages without going back ("Several heads, one per reaction... Training rows are
        impressions..." is framing, then data: the candidate is on data now); None for a
        message on one stage, or one that goes back and forth. A sentence that still shows
        points for the stage the walk is on does not step it forward: it is more of that
        stage with a word about a later one ("...; duration and title embedding for the
        video" is data, even if it also reads as cold start). Nor does a sentence showing
        points of generic criteria only for a stage the reader does not find the message on:
        their broad phrasings ("Can users pause their history? If so I'd drop that data."
        reads as retraining) match talk of many stages, so alone they do not show the
        candidate stepping on. A question closing the message is no step of the walk ("...
        split by date. How many days of logs do we keep?" still ends on the data)."""
        seq: list[str] = []
        table = self._sentence_table(a)
        if len(table) > 2 and table[-1][3].rstrip().endswith("?"):
            table = table[:-1]
        # "Framing: ... Data: ...; negatives from the rest of the batch": a message that heads
        # its stages keeps a sentence with no heading under the last one; so does one opening
        # on a heading line alone ("Data:" then a numbered list): its items are under it
        headed = sum(signposted_stage(norm) is not None for *_, norm in table) >= 2 or bool(
            table and heading_alone(table[0][3]) and _first_sentence_is(a, table[0][3])
        )
        for points, specific, flags, norm in table:
            # a later stage shown only by generic criteria does not outrank an earlier one a
            # criterion of this problem shows in the same sentence ("The rows come from
            # home-page impressions with watch time ..." is this problem's data, whatever
            # online metric a generic phrasing of "watch time" reads as)
            best = _top_stage(_specific_first(points, specific))
            if headed and seq and signposted_stage(norm) is None:
                best = seq[-1]
            # (nor one that would skip a stage: "...; maybe also a small penalty if they're
            # likely to dislike it" after framing reads as a model's loss, not a walk over data)
            unconfirmed = not specific and (
                best not in a.stages or bool(seq and STAGES.index(best) > STAGES.index(seq[-1]) + 1)
            )
            # ...nor one stating a mistake of the stage the walk is on ("Data: the logged
            # sessions; I'd also train on the secret boards"), nor one that speaks of a stage
            # as still to come ("..., because serving only gets 15 ms later on")
            held = (
                bool(points.get(seq[-1]) or unconfirmed or seq[-1] in flags or _LATER.search(norm))
                if seq
                else False
            )
            if held and STAGES.index(best) > STAGES.index(seq[-1]):
                best = seq[-1]
            seq.append(best)
        order = [STAGES.index(s) for s in seq]
        if len(set(order)) < 2 or order != sorted(order):
            return None
        return seq[-1]


def _goal_premise(a: Reading, concept: str | None) -> bool:
    """The claim's concept is what a goal statement says the goal is ("the goal is people
    coming back daily"): the business goal given as the premise, not an online metric chosen
    to measure it."""
    norm = a.norm or normalize(a.text)
    said = (concept or "").lower().strip()
    return bool(said) and any(
        0 <= norm.find(said, m.end()) - m.end() <= GOAL_TO_QUOTE for m in GOAL_STATED.finditer(norm)
    )


def _first_sentence_is(a: Reading, norm: str) -> bool:
    """Whether `norm` is the message's first sentence (normalised)."""
    first = next((s for s in sentences(a.text) if s.strip()), "")
    return normalize(first) == norm


# A stage spoken of as still to come, from where the candidate is: "later on", "down the line"
_LATER = re.compile(r"\blater(?: on)?\b|\bdown the (?:line|road)\b|\bwhen we get to\b")


def _terse_query(a: Reading) -> bool:
    """A message of a few words with a question mark that the reader found no question or
    rubric point in ("Retrain cadence?", "Evasion?"): while clarifying, a terse ask."""
    positive = [c for c in a.evidence.values() if not c.red_flag]
    return (
        a.text.strip().endswith("?")
        and 0 < a.word_count <= TERSE_ASK_WORDS
        and not a.questions
        and not positive
        and not a.wants_move_on
        and not a.wants_finish
    )


# A message opening by taking something as given ("I'd assume ...", "let's say ...", "my
# assumption is ..."), after any lead-in ("ok,"). Not "Assuming we have labels, I'd train
# ...": a condition put before a design statement.
_ASSUMES = re.compile(
    r"^(?:i'?d|i'?ll|i|we'?ll|we'?d|we|let'?s|let me) (?:assume|suppose)\b|"
    r"^let'?s say\b|^my (?:assumption|guess)\b|^i'?ll take it\b"
)


def _put_to_them(state: InterviewState) -> bool:
    """Our last move put a point of this stage to the candidate (a probe, a mistake pushed on,
    a nudge, a request to go deeper), so a reply that grants it answers it here."""
    kind = (state.last_move or "").partition(":")[0]
    return kind in ("probe", "mistake", "pushback", "nudge", "deeper")


def _probed(state: InterviewState) -> bool:
    """Our last move was a trade-off probe on a choice of this stage."""
    return (state.last_move or "").startswith("probe:")


def _takes_up(question: str | None, sentence: str) -> bool:
    """The sentence answers the question in its own terms: it says at least two of the
    question's content words ("A day's gap is enough: ... between training and validation" to
    "How long should the gap be between the training window and the evaluation window?"), not
    only what the question was about."""
    if not question:
        return False
    return len((content_stems(normalize(question)) - _PROBE_FRAME) & content_stems(sentence)) >= 2


def _replies_here(state: InterviewState, a: Reading) -> bool:
    """A one-sentence reply granting the point we just put to the candidate (`_put_to_them`,
    `_answers_in_place`): it answers us on this stage."""
    return _put_to_them(state) and _answers_in_place(a)


def _answers_in_place(a: Reading) -> bool:
    """A one-sentence reply that opens by granting the point put to it ("Right, the sampling
    rate has to be undone: ...", "got it, same results for all -> drop that") and announces no
    stage: an answer where the interview is, whatever stage its words read as."""
    norm = a.norm or normalize(a.text)
    grants = CONCEDES.match(norm) or GRANTS.match(norm)
    return bool(grants) and len(sentences(a.text)) == 1 and signposted_stage(norm) is None


def _opens_with_assumption(a: Reading) -> bool:
    """The message's first sentence of substance (a bare "Right." before it is a nod) opens
    by assuming (`_ASSUMES`)."""
    first = next((s for s in sentences(a.text) if len(s.split()) > 2), "")
    return _ASSUMES.match(lead_stripped(normalize(first))) is not None


def _shows_points(a: Reading) -> bool:
    """The message shows a positive rubric point (it is more than a bare request)."""
    return any(not c.red_flag for c in a.evidence.values())


def _specific_first(points: Mapping[str, float], specific: set[str]) -> dict[str, float]:
    """A sentence's points without the stages shown only by generic criteria that lie past a
    stage shown by a criterion of this problem: their broad phrasings match talk of many
    stages, so they do not carry the sentence past where this problem's own point puts it."""
    first = min((STAGES.index(s) for s in specific), default=len(STAGES))
    return {s: p for s, p in points.items() if s in specific or STAGES.index(s) < first}


def _top_stage(points: Mapping[str, float]) -> str:
    """The stage with the most points; a tie goes to the earlier stage."""
    return max(points, key=lambda s: (points[s], -STAGES.index(s)))


# Words that ask how much or how often, not about what: every widened fact sheet asks "how
# many ..." somewhere, so they would tie any count question to any fact.
_HOW_MUCH_WORDS = frozenset({"many", "much", "often", "long", "big", "large", "rate", "number"})


def _key_words(text: str) -> frozenset[str]:
    """Stems of the longer content words of `text`: what a question or a fact is about."""
    return frozenset(
        light_stem(w) for w in content_words(text) if len(w) > 3 and w not in _HOW_MUCH_WORDS
    )


# the words of a probe that only frame it ("Why not X instead?")
_PROBE_FRAME = frozenset({"why", "instead", "rather", "not", "use", "using", "consider"})
_ALTERNATIVES = re.compile(r",?\s+or\s+|,\s+")
# a probe that offers something in place of what was said: "Why not X instead?", "What about X?"
_OFFERS = re.compile(r"(?:why not|what about)\s+")
# a probe asking why the choice over named others: "Why pointwise rather than a pairwise or
# listwise objective here?"
_WHY_OVER = re.compile(r"^why (?P<chosen>.+?) (?:rather than|instead of|over) (?P<others>.+?)\??$")


def answered_in(question: str, reading: Reading) -> bool:
    """The probe offers what the message already says: "Why not precision and recall
    instead?" after "I'd look at precision and recall per harm type, since accuracy would
    look great even if we caught nothing" (smoke test). A question offering alternatives is
    answered when every content word of one of them is affirmed in the message (not negated or
    waved away there)."""
    asked = normalize(question)
    lead = _OFFERS.match(asked)
    if not question.rstrip().endswith("?"):
        return False
    if (why := _WHY_OVER.match(asked)) is not None and not _SECOND_ASK.search(asked):
        return _compared(why.group("chosen"), why.group("others"), reading.text)
    if lead is None:
        # "How do you correct the probabilities?" after "... corrected by the sampling rate"
        return explained_in(question, reading.text)
    # what the message affirms: "accuracy, not precision and recall", "log loss ... so I'd skip
    # it" offer nothing the probe would be asking for again
    said = content_stems(" ".join(affirmed_view(normalize(s)) for s in sentences(reading.text)))
    for option in _ALTERNATIVES.split(asked[lead.end() :].rstrip(" ?")):
        stems = content_stems(option) - _PROBE_FRAME
        if stems and stems <= said:
            return True
    return False


def _compared(chosen: str, others: str, text: str) -> bool:
    """The message names the choice and one of the others the probe sets against it, in any
    polarity: "Pointwise ... Pairwise would need pairs from one session" has already said why
    pointwise rather than pairwise (rejecting the other is the answer)."""
    said = content_stems(normalize(text))
    if not (content_stems(chosen) - _PROBE_FRAME) <= said:
        return False
    for option in _ALTERNATIVES.split(others):
        # "here", "for this list": where the question is asked, not part of the option
        option = re.sub(r"\s+(?:here|for (?:this|the) \w+)$", "", option.strip())
        stems = content_stems(option) - _PROBE_FRAME - _OPTION_KIND
        if stems and any(
            stems <= content_stems(s) and _WEIGHED.search(s) for s in sentences(normalize(text))
        ):
            return True  # ...in a sentence that weighs it ("would need", "since", "than")
    return False


# a sentence weighing an option: a reason, a cost or a comparison ("pairwise would need pairs
# from one session", "slower than", "since", "can't give probabilities")
_WEIGHED = re.compile(
    r"\b(?:because|since|so|than|would|needs?|requires?|costs?|can'?t|cannot|doesn'?t|won'?t|"
    r"isn'?t|worse|better|slower|faster|harder|easier|only|loses?|hurts?|but)\b"
)
# the words of asking for a hint, which name no topic
_HINT_WORDS = content_stems(
    "suggest suggestion recommend hint idea ideas help stuck sure know think tip pointer "
    "nudge approach tackle start begin would could should handle deal"
)
# a probe asking a second thing after its "why" ("..., and how does the rate affect it?")
_SECOND_ASK = re.compile(r",?\s+and\s+(?:how|what|which|when|where|why|does|do|is|are)\b")


# words naming what kind of thing the options are ("a pairwise objective"), not the option
_OPTION_KIND = frozenset({"objective", "approach", "loss", "model", "method", "one"})


def _stepped_back_from(state: InterviewState) -> str | None:
    """The later stage the candidate stepped back from to reach this one ("could we go back to
    the framing?" said in the model) and had been at work in, else None. Not for a skipped
    stage the interview itself came back to (its name is in `asked`): that was our detour."""
    came_from = state.stage_progress().entered_from
    if came_from is None or state.stage in state.asked:
        return None
    if STAGES.index(came_from) <= STAGES.index(state.stage) or not _visited(state, came_from):
        return None
    return came_from


def _visited(state: InterviewState, stage: str) -> bool:
    """The candidate has said something while the interview was in `stage`."""
    prog = state.progress.get(stage)
    return bool(prog and prog.turns)


_CUT_PHRASE = 60  # the mistake detectors keep this many characters of what they matched
# where a clause ends: punctuation, or a word that opens the reason for it
_CLAUSE_END = re.compile(r"[,.;:!?()]|\s(?:since|because|as|so|but|which|while)\s|$")


def _own_words(quote: str, phrase: str | None) -> str:
    """The candidate's words for the choice, in their own case: the matched phrase as it
    appears in the quote, else the clause that says it (the one sharing most words with the
    phrase, then the most contentful: not an opener like "cool" or "oh and I'd love"), whole
    when it is short, else its first words and an ellipsis."""
    if phrase:
        i = quote.lower().find(phrase.lower())
        if i >= 0:
            # a detector's phrase may be cut short ("... a CNN on the tabular"): end it where
            # its clause ends, in whole words
            end = i + len(phrase)
            # (its clause may end inside it: "... tabular features since d")
            half = i + len(phrase) // 2
            if len(phrase) >= _CUT_PHRASE and (stop := _CLAUSE_END.search(quote, half)):
                end = stop.start()
            return _clipped(quote[i:end].split(), ECHO_WORDS)
    clauses = [c.strip(" .!") for c in re.split(r"[,;:]\s+|\s+-+\s+", quote) if c.strip(" .!")]
    if not clauses:
        return quote.strip()
    named = _key_words(phrase or "")
    best = max(clauses, key=lambda c: (len(_key_words(c) & named), len(content_words(c))))
    words = best.split()
    return " ".join(words[:ECHO_WORDS]) + ("…" if len(words) > ECHO_WORDS else "")


def _go_back(p: Policy, state: InterviewState, now: float, back: str) -> Move:
    """Follow the candidate back to `back`, a stage the interview jumped over: it is opened
    now and no longer owed a revisit. A stage the interview had only just jumped to (this
    message is its first) is left unvisited: the candidate never talked there, so it is still
    ahead of them, not done."""
    here = state.stage_progress()
    if here.turns <= 1:
        here.turns = 0
    state.skipped.remove(back)
    return p._open(state, now, back, "candidate went back")


# Words that open a message without saying anything of it ("sorry, back to framing for a sec:
# ...", "Wait - ..."): an echo quoting them ("You mentioned sorry") quotes nothing.
_ECHO_LEAD = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|oh|so|and|also|wait|actually|sorry|well|right|alright|um+|uh+|hmm+|"
    r"yeah|quickly|one sec|oops)\b[\s,.!:;\u2013\u2014-]*)+",
    re.I,
)
# ...nor does a lead-in that only points at a stage, ended by a colon ("back to framing for a
# sec:", "For serving:", "One more thing on the data:"): the words after the colon are the point
_ECHO_POINTER = re.compile(r"^[^:.?!]{1,60}?:\s*(?=\S)")


# Words that cannot end a quoted fragment cut short ("I'd use a two-tower model with the…"):
# the cut backs off past them.
_ECHO_DANGLING = word_set(
    "a an the of to and or but with for in on at by from as that which who whose is are was "
    "were be been would will can could should we i you they it its my our their this these "
    "those than then so if when while because into onto about over under per via not no"
)


ECHO_MIN_WORDS = 3  # an echo of fewer words says nothing the candidate would recognise
# a question of a word or two opening the message ("Why not?", "Really?", "How so?")
_THROWN_BACK = re.compile(r"^\W*(?:\w+[\s,]+){0,2}\w+\s*\?+\s*")


def _echo(a: Reading) -> str | None:
    """A short fragment of the candidate's own words to refer back to: the concept they named,
    else their first clause as they wrote it (original case, whole words, at most 10), after
    any opening fillers and a lead-in that only points at a stage."""
    if a.mentions:
        return a.mentions[0].alias
    text = _ECHO_LEAD.sub("", a.text.strip())
    # "Why not? Random is the standard way ...": a short question thrown back first says
    # nothing to refer to; the echo is of what follows
    while (back := _THROWN_BACK.match(text)) is not None and back.end() < len(text):
        text = _ECHO_LEAD.sub("", text[back.end() :])
    if (lead := _ECHO_POINTER.match(text)) is not None:
        said = normalize(lead.group(0))
        if GOING_BACK.match(said) or headed_stage(said) or back_on_stage(said):
            text = text[lead.end() :]
    sentence = re.split(r"[.;:!?\n]", text.strip(), maxsplit=1)[0]
    # the first clause, widened past commas while it is a word or two ("Text, image and video
    # encoders combined late": not "Text")
    clauses = sentence.split(",")
    first = clauses[0]
    for more in clauses[1:]:
        if len(first.split()) >= ECHO_MIN_WORDS:
            break
        first = f"{first},{more}"
    words = first.strip().split()
    return _clipped(words, 10) if words else None


def _clipped(words: list[str], limit: int) -> str:
    """`words` joined, or their first `limit` with an ellipsis, backed off past words that
    cannot end a fragment cut short ("I'd use a two-tower model with the…")."""
    if len(words) <= limit:
        return " ".join(words)
    kept = words[:limit]
    while len(kept) > ECHO_MIN_WORDS and kept[-1].lower().strip("\"'()") in _ECHO_DANGLING:
        kept.pop()
    return " ".join(kept) + "…"


# -- the rules, in order: the first that returns a move decides ---------------------------------
# Each is `(policy, state, reading, now) -> Move | None`. Side effects on the state (counters,
# keys) happen only where a rule fires, except `clarify_prompt`, which marks itself as tried.


# "I'll stop there on the framing", "that's me done for the data": an ending said of one stage
# the stage as what the ending is of: "I'll stop there on the framing", "that's it for the data"
_PART_ENDED = re.compile(
    r"\b(?:stop|end|leave it|finish|wrap(?: it)? up|done|that'?s it|that'?s all|call it)\s+"
    r"(?:(?:there|here)\s+)?(?:on|for|with)\s+(?:the\s+|my\s+)?(?P<stage>" + ANY_STAGE + r")\b"
)
# ...not when the same sentence ends the whole interview ("let's end the interview here",
# "thanks for the questions")
_WHOLE_ENDED = re.compile(r"\b(?:interview|today|thanks|thank you|session|feedback|call)\b")


def _ended_part(a: Reading) -> str | None:
    """The stage before the last that a one-sentence finish says it ends, if any."""
    said = [t for t in sentences(a.text) if t.strip()]
    norm = normalize(said[0]) if len(said) == 1 else ""
    match = _PART_ENDED.search(norm) if not _WHOLE_ENDED.search(norm) else None
    if match is not None and match["stage"].startswith("question"):
        match = None  # "done with the questions": the candidate's, not the clarify stage
    stage = stage_of_word(match["stage"]) if match else None
    return stage if stage is not None and stage != STAGES[-1] else None


def finish_requested(p: Policy, state: InterviewState, a: Reading, now: float) -> Move | None:
    """The candidate asked to finish: wrap up. An ending said of one stage before the last
    ("I'll stop there on the framing") closes that stage, as "that's the framing done" does,
    and the interview goes on: ending it there lost the rest of the candidate's design."""
    if not a.wants_finish:
        return None
    if _ended_part(a) is not None:
        return _move_on(p, state, a, now)
    return p._wrap_up(state, "candidate asked to finish")


def out_of_time(p: Policy, state: InterviewState, a: Reading, now: float) -> Move | None:
    """The interview's total time is spent: wrap up."""
    if state.out_of_time(now):
        return p._wrap_up(state, "time limit reached")
    return None


def hint_requested(p: Policy, state: InterviewState, a: Reading, now: float) -> Move | None:
    """The candidate asked for a hint (and asked for no fact): give the next hint tier."""
    if a.wants_hint and not any(q.fact_id for q in a.questions):
        if a.wants_move_on and a.move_to and STAGES.index(a.move_to) > STAGES.index(state.stage):
            return None  # "and once it's running, what else would you like?": go there first
        return p._hint(state, a)
    return None


def non_answer(p: Policy, state: InterviewState, a: Reading, now: float) -> Move | None:
    """Empty, gibberish or off-topic: redirect, or move on after MAX_STRIKES in a row. A bare
    nod ("ok") gets the stage's question again."""
    nod = acknowledges_only(a.text) and not a.non_answer and "answer" not in a.intents
    if nod and state.strikes < MAX_STRIKES:
        # "ok", "👍": a nod, no strike the first time; the question stays open, asked again in
        # other words (a "yes" that answers "would you calibrate it?" is an answer, not a nod)
        turns = state.stage_progress().turns
        return Move("redirect", f"redirect:{state.stage}:{turns}", state.stage, note="nod")
    if not (a.non_answer or nod):
        return None
    if state.strikes >= MAX_STRIKES:
        state.strikes = 0
        return p._advance(state, now, "no usable answer")
    kind: str = a.non_answer_kind or "off_topic"
    if kind == "empty" and a.word_count:
        kind = "pause"  # "got it, let me think": words with nothing in them yet, not empty
    turns = state.stage_progress().turns
    move = Move("redirect", f"redirect:{state.stage}:{turns}", state.stage, note=kind)
    if kind == "unclear" and state.open_question:
        # "what do you mean?": the question stays open, put another way
        move.question = state.open_question
    if kind == "session" and TIME_LEFT_ASKED.search(a.norm or normalize(a.text)):
        # the clock is real: say what is left rather than "I keep the time"
        move.note = "time"
        move.minutes_left = max(0, round(state.minutes - state.elapsed_minutes(now)))
    return move


def move_on_requested(p: Policy, state: InterviewState, a: Reading, now: float) -> Move | None:
    """The candidate asked to move on: to the later stage they named, else to the stage
    their message is already about when that is past the next one, else the next one. A
    request for the stage the interview is already in ("I've covered serving", said once it
    has moved on to monitoring) stays there and asks what is missing. A bare "pass" on the
    question asked moves on too: going deeper on a word that declines is no listening."""
    if not a.wants_move_on and not passes_turn(a.norm or normalize(a.text)):
        return None
    move = _move_on(p, state, a, now)
    if move.kind != "wrap_up" and not move.facts:
        # "Serving now. ..., the full network scores the rest -- what's the budget? -- ...":
        # a fact asked on the way to the next stage is answered there
        move.facts = _asked_facts(p, a)
    return move


def _asked_facts(p: Policy, a: Reading) -> list[Fact]:
    """The sheet's facts the message asks for, each once, at most `MAX_FACTS_PER_TURN`."""
    facts = {f.id: f for f in p.problem.facts}
    answered: list[Fact] = []
    for q in a.questions:  # each fact once, however many parts asked for it
        fact = facts.get(q.fact_id or "")
        if fact is not None and fact not in answered:
            answered.append(fact)
    return answered[:MAX_FACTS_PER_TURN]


def _move_on(p: Policy, state: InterviewState, a: Reading, now: float) -> Move:
    """`move_on_requested`'s move, before any fact asked is attached."""
    here = STAGES.index(state.stage)
    if a.move_to == state.stage:
        return p._open(state, now, state.stage, "candidate is on this stage")
    # a stage named that the interview has been in already (before the candidate went back to
    # one it jumped over) is not entered twice: the next stage not yet visited comes instead
    if a.move_to and STAGES.index(a.move_to) > here and not _visited(state, a.move_to):
        move = p._jump(state, now, a.move_to, MOVE_ON)
        state.stage_progress(a.move_to).requested = True
        return move
    came_from = state.stage_progress().entered_from
    if (
        a.move_to
        and a.move_to == came_from
        and STAGES.index(a.move_to) > here
        and _visited(state, a.move_to)
    ):
        # "OK, happy with the data now; let's continue with the model" after stepping back to
        # the data from the model: back to where the candidate stepped back from
        return p._open(state, now, a.move_to, MOVE_ON)
    if (
        a.move_to
        and STAGES.index(a.move_to) < here
        and (ASKS_BACK.search(a.norm or "") or _LEFT_BEHIND.search(a.norm or ""))
    ):
        # "back to the framing?", "can we go back to the data?": a request to go back to a
        # stage behind is honoured, not read as the next step forward; and "Sorry, one thing
        # about the framing I skipped: ..." (read as a move to the framing) goes back to say it
        return _asked_back(p, state, now, a.move_to)
    if a.move_to in state.skipped and not _visited(state, a.move_to):
        # "Eval next." after the interview jumped over evaluation: go back to it, as asked
        state.skipped.remove(a.move_to)
        return p._open(state, now, a.move_to, "candidate asked for a stage jumped over")
    closed = None if a.move_to else p._closed_through(a, state.stage)
    if closed is not None and STAGES.index(closed) >= here:
        # "<framing...> <data...> Both of those feel settled": past the last stage they covered
        if closed == STAGES[-1] and state.stage == closed:
            return p._wrap_up(state, "candidate closed the last stage")
        after = STAGES[STAGES.index(closed) + 1] if closed != STAGES[-1] else None
        if after is not None and not _visited(state, after):
            return p._jump(state, now, after, MOVE_ON)
    ahead = p._ahead(state, a)
    if ahead is not None and STAGES.index(ahead) > here + 1:
        return p._jump(state, now, ahead, MOVE_ON)
    move = p._advance(state, now, MOVE_ON, a)
    if move.kind == "next_stage" and not state.ended and not _shows_points(a):
        # "Next." asks for the next stage as much as "data next" does: their first answer
        # there is on it ("Binary. Calibrated pCTR." is framing, whatever else it reads as)
        state.stage_progress(move.stage).asked_next = True
    return move


def _asked_back(p: Policy, state: InterviewState, now: float, back: str) -> Move:
    """Go back to `back`, a stage behind, because the candidate asked to (a stage jumped over
    is then no longer owed a revisit)."""
    if back in state.skipped:
        state.skipped.remove(back)
    return p._open(state, now, back, "candidate asked to go back")


# A point left behind in an earlier stage, said as such ("one thing about the framing I
# skipped", "I forgot something on the data"), unlike a stage closed ("I've covered data").
_LEFT_BEHIND = re.compile(
    r"\bi (?:skipped|forgot|missed|left out)\b|\bone (?:more )?(?:thing|point) (?:about|on)\b"
)
# A request of the candidate's own to go back ("let me go back to the data", "could I return
# to the framing", "I want to revisit the data"), said as a statement or a question.
_GO_BACK_ASK = re.compile(
    r"\b(?:let me|let's|let us|can i|could i|can we|could we|may i|i'?d like to|i want to)\s+"
    r"(?:go back|step back(?= to\b)|come back|circle back|return|revisit)\b"
)
# ...put off: "let me come back to the data later", "if there's time"
_PUT_OFF = re.compile(
    r"\b(?:later|at the end|afterwards|after(?:wards)? that|once\b|if there'?s time|in a bit|"
    r"eventually|another time)\b"
)
_STAGE_WORD = re.compile(r"\b(?:" + ANY_STAGE + r")\b")


def _go_back_named(a: Reading) -> str | None:
    """The one earlier-or-any stage a message names when all it does is ask to go back to it
    ("Let me go back to the data for a moment.", "Could I return to the framing briefly?",
    "Wait, I never said where the data comes from, let me go back to that."): one sentence,
    no rubric point, one stage named. A point said with the request is an afterthought."""
    said = [t for t in sentences(a.text) if t.strip()]
    if len(said) != 1 or a.evidence:
        return None
    norm = normalize(said[0])
    if not _GO_BACK_ASK.search(norm) or _PUT_OFF.search(norm):
        return None
    named = {stage_of_word(m.group(0)) for m in _STAGE_WORD.finditer(norm)} - {None}
    return named.pop() if len(named) == 1 else None


def go_back_asked(p: Policy, state: InterviewState, a: Reading, now: float) -> Move | None:
    """The candidate only asks to go back to an earlier stage, said as a statement or a
    question the reader takes for a fact question: go back, as for "can we step back to the
    data?" (`move_on_requested`), not deeper into the stage they asked to leave."""
    back = _go_back_named(a)
    if back is None or STAGES.index(back) >= STAGES.index(state.stage):
        return None
    return _asked_back(p, state, now, back)


# "Returning to the data: ...", "Picking the model back up: ...", "Where was I, the model:
# ...": words of returning to a stage, beside "back to <stage>" (`back_on_stage`).
_RETURN_LEAD = r"^\W*(?:(?:ok(?:ay)?|right|so|now|and|good)\W+)*"
_STAGE_GROUP = r"(?:the\s+|my\s+)?(?P<stage>" + ANY_STAGE + r")\b"
_RETURN_HEADS = tuple(
    re.compile(_RETURN_LEAD + head)
    for head in (
        r"(?:returning|getting back)\s+to\s+" + _STAGE_GROUP,
        r"picking\s+" + _STAGE_GROUP + r"\s+(?:back\s+up|up\s+again)\b",
        r"(?:(?:going\s+)?back\s+to\s+where\s+i\s+was|where\s+was\s+i)\W+" + _STAGE_GROUP,
    )
)


def _returned_to(norm: str) -> str | None:
    """The stage a message opens by going back to ("Back to evaluation: ...", "Returning to
    the data: ...", "Picking the model back up: ..."), if any."""
    back = back_on_stage(norm)
    if back is not None:
        return back
    match = next((m for m in (r.match(norm) for r in _RETURN_HEADS) if m), None)
    return stage_of_word(match["stage"]) if match else None


def returned_ahead(p: Policy, state: InterviewState, a: Reading, now: float) -> Move | None:
    """On a stage behind one already under way (they stepped back to it), the candidate
    returns to the later one ("OK, back to evaluation: ..." in the data after stepping back
    from evaluation): follow them there. `_ahead` leaves a stage with turns alone, so without
    this the interview stayed behind, asking for more of the stage they had finished."""
    back = _returned_to(a.norm or normalize(a.text))
    if back is None or STAGES.index(back) <= STAGES.index(state.stage):
        return None
    if not _visited(state, back):
        return None
    move = p._open(state, now, back, "candidate returned")
    move.facts = _asked_facts(p, a)
    return move


def course_asked(p: Policy, state: InterviewState, a: Reading, now: float) -> Move | None:
    """The message only asks about the interview's course ("would now be a good time to talk
    about the training data?", "could we return to the framing for a moment?"), with no
    rubric point or concept of the system in it: a request to move there (or back), never a
    fact question, whatever fact its stage word resembles."""
    # ...read as a question, as an answer with nothing in it ("so on to evaluation?") or as
    # off the problem ("where to now?": no word of the system in it); a request the reader
    # found is `move_on_requested`'s
    if not set(a.intents) <= {"ask", "answer", "off_topic"}:
        return None
    if a.non_answer and a.non_answer_kind != "off_topic":
        return None
    if a.evidence or a.mentions or not a.text.rstrip().endswith("?"):
        return None
    parts = [n for s in sentences(a.text) if (n := normalize(s))]
    asked = [course_question(n) for n in parts]
    # "Done with that. Shall I go on to how we'd measure it?": every sentence is course talk,
    # and one says where to go or when
    if not asked or not all(course for course, _ in asked):
        return None
    if not any(COURSE_MARK.search(n) for n in parts):
        return None  # "what data do we have?" names a stage and asks about the system
    target = next((st for _, st in reversed(asked) if st is not None), None)
    if target is None and not any(goes_on(n) for n in parts):
        return None  # "mind if I take a minute?": no stage, no going on
    request = a.model_copy(update={"intents": ["move_on"], "move_to": target, "questions": []})
    return _move_on(p, state, request, now)


def answer_fact_questions(p: Policy, state: InterviewState, a: Reading, now: float) -> Move | None:
    """The candidate asked questions: answer each fact once (or say it is not on the sheet).
    A message that answers substantively and asks nothing on the sheet is thinking aloud
    (its questions are left to the rules that respond to the answer); one whose statements
    show a later stage is answered there."""
    stage = state.stage
    answered = _asked_facts(p, a)
    told = {w for f in answered for w in p._fact_words[f.id]}
    # a part on a fact we give in this reply gets no "no specifics on ..." (a contradiction)
    unknown = [q.text for q in a.questions if not q.fact_id and not _key_words(q.text) & told]
    if not answered and "answer" in a.intents and not a.thin:
        unknown = []  # "How long? 5B dot products per query..." answers its own question
    if not (answered or unknown) and stage == STAGES[0] and _terse_query(a):
        unknown = [a.text.strip().rstrip("?").strip()]  # a terse ask the sheet has no match for
    if not (answered or unknown):
        return None
    move = Move("answer", f"answer:{state.turns}", stage, facts=answered, unknown=unknown[:2])
    ahead = p._ahead(state, a, points_only=True)
    if ahead is not None:  # answer, and follow them to the stage their statements are on
        adv = p._jump(state, now, ahead, "candidate moved ahead")
        adv.facts, adv.unknown = move.facts, move.unknown
        return adv
    if state.stage_spent(now):
        # Answer, then move on: a candidate who only asks questions must not stall us.
        adv = p._advance(state, now, "stage budget spent")
        adv.facts, adv.unknown = move.facts, move.unknown
        return adv
    if stage == "clarify":
        more = [k for k in state.asked if k.startswith("clarify-more:")]
        if len(more) < 3:
            move.follow_up = "clarify_more"
            move.key = f"clarify-more:{len(more)}"
    return move


def mistake_first(p: Policy, state: InterviewState, a: Reading, now: float) -> Move | None:
    """A red flag was just read: probe it, even when they asked to move on; questions they
    asked are answered first. The probe is asked from the furthest stage the candidate is on
    (the one they asked for, the one the message is about, the mistake's own), never behind."""
    if any(q.fact_id for q in a.questions):
        return None
    mistake = p._mistake(state, a)
    if mistake is None:
        return None
    flagged: str | None = p._by_id[mistake.criterion_id].stage if mistake.criterion_id else None
    said = next((c.quote for c in a.flags if c.criterion_id == mistake.criterion_id), "")
    ahead = _ahead_beside(p, state, a, said)
    if flagged:
        flagged = _mistake_heading(a, flagged) or flagged
    wanted = [ahead, None if flagged and _visited(state, flagged) else flagged]
    # "Serving: an ANN index ..., rebuilt every three months" from the model: a mistake the
    # rubric files under a later stage, said inside a stage's own work, is probed from there
    wanted = [_work_or(p, state, a, s) for s in wanted]
    if a.wants_move_on:  # honour the request: the stage they named, else the next one
        wanted.append(a.move_to or state.next_stage())
    here = STAGES.index(state.stage)
    later = [s for s in wanted if s is not None and STAGES.index(s) > here]
    if later:  # follow them to where they are, then probe the mistake
        target = max(later, key=STAGES.index)
        named = a.move_to if a.wants_move_on else None
        if named in later and not _visited(state, named):
            target = named  # the stage they asked for, over one their words also read as
        p._jump(state, now, target, "candidate moved ahead")
        mistake.stage = target
    elif (back := p._skipped_back(state, a)) is not None:
        # they went back to a stage the interview jumped over, and the mistake is said there
        _go_back(p, state, now, back)
        mistake.stage = back
    for owed in state.owed_mistakes:  # put next from where this one is asked
        owed.stage = owed.stage or mistake.stage
    return mistake


def owed_mistake(p: Policy, state: InterviewState, a: Reading, now: float) -> Move | None:
    """A red flag read beside the one just probed ("split the data randomly 80/20 and use
    accuracy") is put to the candidate next, while the interview is still in its stage, unless
    they have since taken it back or said it again in other words (then it is probed anew)."""
    while state.owed_mistakes:
        owed = state.owed_mistakes.pop(0)
        crit = p._by_id.get(owed.criterion_id)
        if crit is None or f"mistake:{owed.criterion_id}" in state.asked:
            continue
        if owed.stage != state.stage:
            continue  # the interview moved on: its grade still counts it
        if any(c.criterion_id == owed.criterion_id and c.polarity != "affirmed" for c in a.claims):
            continue  # "..., and not accuracy": given up
        claim = Claim(
            criterion_id=owed.criterion_id,
            quote=owed.quote,
            concept=owed.concept,
            red_flag=True,
        )
        return p._mistake_probe(state, claim, [])
    return None


def _work_or(p: Policy, state: InterviewState, a: Reading, stage: str | None) -> str | None:
    """`stage`, or the stage before it whose own work the message says (`Policy._work_said`),
    unless the interview has been there already."""
    if stage is None or (work := p._work_said(a, state.stage, stage)) is None:
        return stage
    return None if _visited(state, work) and work != state.stage else work


# "..., wait, that can't fit; two-tower retrieval first": a choice taken back in its own
# sentence, by denying it can work or by a retraction (`RETRACTION`)
_TAKEN_BACK = re.compile(
    r"\b(?:wait|hmm+|actually|no)\W+(?:no\W+)?that(?:'s| is)? (?:can'?t|cannot|won'?t|"
    r"wouldn'?t|doesn'?t|does not|would not|will not) (?:work|fit|scale|be right)\b|"
    r"\b(?:wait|hmm+|actually|no)\W+(?:that'?s|that is) "
    r"(?:wrong|too (?:slow|big|much|expensive))\b|" + RETRACTION.pattern
)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def _in_its_sentence(low: str, phrase: str) -> tuple[int, int] | None:
    """Where `phrase` first stands in the lower-cased `low`, and where its sentence ends."""
    at = low.find(phrase.lower()) if phrase else -1
    if at < 0:
        return None
    stop = _SENTENCE_END.search(low, at + len(phrase))
    return at, stop.end() if stop else len(low)


def taken_back(text: str, quote: str) -> bool:
    """Whether the message takes back the mistake `quote` states right after stating it, in
    the mistake's own sentence ("A single big ranker scoring all ten billion videos per
    request, wait, that can't fit; ...") or at the opening of the next ("... Scratch that:
    ..."): the candidate corrected themselves, so there is nothing to probe."""
    low = text.lower()
    span = _in_its_sentence(low, quote)
    if span is None:
        return False
    at, end = span
    if any(m.start() > at for m in _TAKEN_BACK.finditer(low, at, end)):
        return True
    opening = _TAKEN_BACK.match(low[end:].lstrip())
    return opening is not None


# "I'd go with late fusion because it's cheaper, but ..., so actually early fusion": a choice
# revised later in its sentence to another option, named short at the clause's end
_REVISED = re.compile(
    r"\b(?:so|but|or)\W+actually\W+(?:(?:i'?d|we'?d|let'?s)\s+(?:go with|use|pick|take)\s+)?"
    # (an option, not a clause: "so actually it works" revises nothing)
    r"(?!(?:it|this|that|they|we|i|you|he|she|there|is|are|was|were|does|do|not|no|works?|"
    r"helps?|matters?|makes?|seems?|looks?)\b)"
    r"(?P<option>(?:an?\s+|the\s+)?[a-z0-9-]+(?:\s+[a-z0-9-]+){0,2})\s*(?:instead\b|[.!?;]|$)"
)


def revised_away(text: str, alias: str, others: Iterable[str]) -> bool:
    """Whether the option `alias` names is given up later in its own sentence for another
    option the message names (`others`: its other mentions' words): "I'd go with late fusion
    because it's cheaper, but early fusion catches the memes, so actually early fusion". The
    candidate's choice is the other one, so the probe of this option's weakness was answered
    by the candidate themselves; "..., but actually cheaper" or "precision too" revise nothing."""
    low = text.lower()
    span = _in_its_sentence(low, alias)
    if span is None:
        return False
    at, end = span
    rivals = [o.lower() for o in others if o and o.lower() != alias.lower()]
    return any(
        alias.lower() not in m.group("option") and any(r in m.group("option") for r in rivals)
        for m in _REVISED.finditer(low, at + len(alias), end)
    )


def _mistake_heading(a: Reading, flagged: str) -> str | None:
    """The stage the message opens under when it is before the mistake's own ("model -> one
    big ranker that scores all ten billion videos on each request", "To see if it's better,
    we switch everyone over"): the candidate said where they are, so the mistake is probed
    from there rather than from the later stage its rubric entry belongs to."""
    opened = signposted_stage(a.norm or normalize(a.text))
    if opened is not None and STAGES.index(opened) < STAGES.index(flagged):
        return opened
    return None


def _ahead_beside(p: Policy, state: InterviewState, a: Reading, said: str) -> str | None:
    """`Policy._ahead`, leaving out the rubric points read in the words that state the
    mistake (`said`): "I'd also use the watch time the user ends up spending as a ranking
    feature" is a data mistake, whatever model words it shares. A message that is nothing
    but the mistake is on the mistake's stage (None: no stage ahead)."""
    at = a.text.find(said) if said else -1
    if at < 0:
        return p._ahead(state, a)
    end = at + len(said)
    rest = {
        cid: c
        for cid, c in a.evidence.items()
        if not (c.quote and not c.red_flag and at <= a.text.find(c.quote) < end)
    }
    if len(rest) == len(a.evidence):
        return p._ahead(state, a)
    if all(c.red_flag for c in rest.values()):
        return None
    return p._ahead(state, a.model_copy(update={"evidence": rest}))


def repeated(p: Policy, state: InterviewState, a: Reading, now: float) -> Move | None:
    """The candidate repeated an earlier message: move on."""
    if a.repeated:
        return p._advance(state, now, "candidate repeated themselves")
    return None


# The candidate questions our probe of their mistake instead of answering it ("Hmm, why not?
# It's a strong signal.", "what's wrong with that?", "isn't that fine?").
_PUSHBACK = re.compile(
    r"^\W*(?:(?:hmm+|well|but|ok|okay|so|wait|really)\W+)*(?:why(?: not)?\b|how so\b|"
    r"what'?s (?:wrong|the (?:problem|issue|catch)) with (?:it|that|this)\b|"
    r"(?:is|would)(?:n'?t| not) (?:it|that|this) (?:be )?(?:fine|ok|okay|good|useful|helpful)\b|"
    # "I think 0.5 is fine, the model is calibrated": a short insistence that the choice we
    # probed is fine pushes back as much as "why not?" does
    r"(?:(?:i think|i'?d say|honestly|no)\W+)*(?:[\w.]+ (?:is|are)|(?:it|that)'?s) "
    r"(?:still |just |perfectly |totally )?(?:fine|ok|okay|good enough|reasonable)\b)"
)
PUSHBACK_WORDS = 15  # a pushback is short: a longer reply argues its case
_ARGUED_WHY = re.compile(r"\b(?:because|since|as we|given that|so that)\b")


def pushed_back(p: Policy, state: InterviewState, a: Reading, now: float) -> Move | None:
    """We probed a mistake and the candidate asks why instead of answering, without taking it
    back: put the probe's point once more, in other words around it, rather than ask them to
    "go deeper" on "why not" or move past the mistake."""
    norm = a.norm or normalize(a.text)
    crit = p.probed_mistake(state)
    if crit is None or not _PUSHBACK.match(norm):
        return None
    if len(words(norm)) > PUSHBACK_WORDS or _ARGUED_WHY.search(norm):
        return None  # "Why? Because we only log features before the impression": an answer
    key = f"pushback:{crit.id}"
    if key in state.asked:
        return None  # once (so never after our own pushback probe): their view then stands
    if any(clears_mistake(crit, normalize(t)) for t in sentences(a.text)):
        return None
    return Move("probe", key, state.stage, crit.probe, criterion_id=crit.id, note="pushback")


def clarify_prompt(p: Policy, state: InterviewState, a: Reading, now: float) -> Move | None:
    """In clarify, the candidate jumps to later stages with business or scale unasked: prompt
    for them, once per interview, from the stage they jumped to (the interview follows)."""
    if state.stage != "clarify":
        return None
    later = any((c := p._by_id.get(cid)) is not None and c.stage != "clarify" for cid in a.evidence)
    essentials = [
        c for c in p.criteria("clarify") if c.points > 0 and any(w in c.id for w in CLARIFY_MUST)
    ]
    stated = {
        must
        for must, word in CLARIFY_STATED_BY.items()
        if any(word in cid and not claim.red_flag for cid, claim in a.evidence.items())
    }
    if GOAL_STATED.search(a.norm or normalize(a.text)):
        stated.add("business")
    skipped = [
        c
        for c in essentials
        if not state.coverage.get(c.id)
        and not any(state.coverage.get(r) for r in p._refined_by.get(c.id, ()))
        and not any(must in c.id for must in stated)
    ]
    prompted = any(k.startswith("clarify-prompt") for k in state.asked)
    if not (later and skipped and not prompted):
        return None
    state.asked.append("clarify-prompt")  # tried once, even if no prompt is left to ask
    for crit in skipped:
        key = f"nudge:{crit.id}"
        if crit.nudge and p._fresh(state, key, crit.nudge):
            move = Move("clarify_prompt", key, state.stage, crit.nudge, criterion_id=crit.id)
            ahead = p._ahead(state, a)
            if ahead is not None:  # follow them; the requirement question comes first
                p._jump(state, now, ahead, "candidate moved ahead")
                move.stage, move.from_stage, move.note = ahead, "clarify", "candidate moved ahead"
            return move
    return None


def back_to_skipped(p: Policy, state: InterviewState, a: Reading, now: float) -> Move | None:
    """The candidate goes back to a stage the interview jumped over, naming it as skipped
    ("Back to the model I skipped: ...", "On evaluation, which I skipped, ..."), whatever else
    the message says first: follow them there (it is then no longer owed a revisit)."""
    back = went_back_to(a.norm or normalize(a.text))
    if back is None or back not in state.skipped or _visited(state, back):
        return None
    return _go_back(p, state, now, back)


def follow_candidate_ahead(p: Policy, state: InterviewState, a: Reading, now: float) -> Move | None:
    """The message is mostly about a later stage not yet visited, or about a stage the
    interview jumped over: follow the candidate there (a stage gone back to is no longer owed
    a revisit)."""
    ahead = p._ahead(state, a)
    if ahead is not None:
        opened = p._jump(state, now, ahead, "candidate moved ahead")
        probe = p._probe_for(state, a) if opened.key.startswith(("stage:", "nudge:")) else None
        if probe is None:
            return opened
        # "Objective: CTR." said while clarifying: follow them, and probe the choice they
        # named rather than open the stage as if they had said nothing in it
        state.stage_progress().probes += 1
        probe.from_stage, probe.note = opened.from_stage, opened.note
        return probe
    back = p._skipped_back(state, a)
    return _go_back(p, state, now, back) if back is not None else None


def probe_tradeoff(p: Policy, state: InterviewState, a: Reading, now: float) -> Move | None:
    """A concept was named with a fresh probe, fewer than MAX_PROBES_PER_STAGE so far: probe."""
    prog = state.stage_progress()
    if prog.probes >= MAX_PROBES_PER_STAGE:
        return None
    probe = p._probe_for(state, a)
    if probe is not None:
        prog.probes += 1
    return probe


def go_deeper(p: Policy, state: InterviewState, a: Reading, now: float) -> Move | None:
    """A thin answer after clarify: ask to go one level deeper (once a stage, MAX_DEEPER in all)."""
    stage, prog = state.stage, state.stage_progress()
    deeper = sum(1 for k in state.asked if k.startswith("deeper:"))
    if acknowledges_only(a.text):
        return None  # "ok", "👍": a nod has nothing to go deeper on ("You mentioned ok")
    if p.probed_mistake(state) is not None:
        # "ok no, that's leakage, I'd drop it": the answer to our probe is short by nature;
        # "You mentioned leakage, go deeper" would not listen
        return None
    if a.thin and prog.deeper < 1 and stage != "clarify" and deeper < MAX_DEEPER:
        prog.deeper += 1  # each wording once per interview (the voice picks by count)
        return Move("go_deeper", f"deeper:{stage}:{deeper}", stage, echo=_echo(a))
    return None


def stage_done(p: Policy, state: InterviewState, a: Reading, now: float) -> Move | None:
    """The stage is covered (COVERED share of its points) or its budget is spent: advance."""
    covered = coverage(state, p.criteria(state.stage)) >= COVERED
    if covered and _afterthought(p, state, a):
        return None  # a word on a stage behind says nothing new about this one being done
    if covered and not state.stage_spent(now) and _still_answering(p, state, a):
        # half the stage's points in hand is no sign the candidate is through with it: ask
        # for what is missing first (`nudge_missing`), and move on when they do or time is up
        return None
    if covered or state.stage_spent(now):
        return p._advance(state, now, "stage covered" if covered else "stage budget spent", a)
    return None


def _still_answering(p: Policy, state: InterviewState, a: Reading) -> bool:
    """The candidate may still be answering this stage: the message itself adds points to it
    ("Alright, I have a clear enough picture" adds none: they are through), and a nudge is
    left and fresh."""
    here = {c.id for c in p.criteria(state.stage)}
    if not here & set(a.evidence) or state.stage_progress().nudges >= MAX_NUDGES_PER_STAGE:
        return False
    return any(p._fresh(state, f"nudge:{c.id}", c.nudge) for c in p._missing(state, state.stage))


def _afterthought(p: Policy, state: InterviewState, a: Reading) -> bool:
    """An aside said as going back ("One more thing on the data side: ...") that shows no
    rubric points for the current stage."""
    norm = a.norm or normalize(a.text)
    return bool(GOING_BACK.search(norm)) and not p._stage_points(a).get(state.stage)


def nothing_new(p: Policy, state: InterviewState, a: Reading, now: float) -> Move | None:
    """A substantive answer after clarify showing nothing for this stage (and not answering
    the requirement question we just asked): advance. Not for an afterthought that shows
    points only for stages behind this one ("back to features for a second: ..."): the
    candidate has gone back for a moment, not on."""
    stage = state.stage
    here = {c.id for c in p.criteria(stage)}
    turns = state.stage_progress().turns
    answering = state.open_question in p._clarify_nudges  # a reply to `clarify_prompt`
    shown = here & set(a.evidence)
    points = p._stage_points(a)
    behind = bool(points) and all(STAGES.index(s) < STAGES.index(stage) for s in points)
    norm = a.norm or normalize(a.text)
    if behind or GOING_BACK.search(norm) or holds_on(norm) or retracts(norm):
        return None  # ...nor for a choice taken back: they are still at work on this stage
    if (
        a.stages[:1] == [stage]
        or CONCEDES.match(norm)
        or _replies_here(state, a)
        or works_on(norm) == stage
    ):
        # the reader finds the message on this stage ("Split by day: ..., since tastes
        # drift" in data), or it opens by granting our point ("Fair: new images get added
        # within the hour"), or it says this stage's work as an act ("the scoring service
        # loads ..."): an answer here, read as nothing new or not, is no move on
        return None
    if state.stage_progress().requested and turns <= 1:
        return None  # the first answer on a stage they asked for is on it, read or not
    if not points and not a.stages and turns <= 1:
        # the first reply to a stage just opened that the reader places nowhere ("sharing
        # and hiding almost never happen, so they count a bit more"): not a sign they have
        # moved past a stage they have not yet spoken to
        return None
    if stage != "clarify" and not a.thin and turns >= 1 and not shown and not answering:
        return p._advance(state, now, "nothing new for this stage", a)  # they have moved on
    return None


def nudge_missing(p: Policy, state: InterviewState, a: Reading, now: float) -> Move | None:
    """A criterion of this stage is missing, fewer than MAX_NUDGES_PER_STAGE so far: nudge."""
    prog = state.stage_progress()
    if prog.nudges >= MAX_NUDGES_PER_STAGE:
        return None
    nudge = p._nudge(state, state.stage)
    if nudge is not None:
        prog.nudges += 1
    return nudge


def advance(p: Policy, state: InterviewState, a: Reading, now: float) -> Move | None:
    """Always: nothing left to ask in this stage, go to the next one."""
    return p._advance(state, now, "nothing left to ask in this stage", a)


Rule = Callable[[Policy, InterviewState, Reading, float], Move | None]
RULES: tuple[Rule, ...] = (
    finish_requested,
    out_of_time,
    hint_requested,
    # "is it ok to talk about the data now?", "where to now?" ask to move, not for a fact, and
    # are on the course, not off it
    course_asked,
    non_answer,
    mistake_first,  # a mistake said on the way out ("I'm done, I'd use accuracy") is probed
    move_on_requested,
    go_back_asked,  # "could I return to the framing briefly?" asks to go back, not for a fact
    returned_ahead,  # "Where was I, the model: ..." returns; a fact asked on the way is answered
    answer_fact_questions,
    repeated,
    pushed_back,  # "why not? it's a strong signal" after a mistake was probed
    owed_mistake,  # the second mistake of one message, once the first was answered
    clarify_prompt,
    back_to_skipped,
    follow_candidate_ahead,
    probe_tradeoff,
    go_deeper,
    stage_done,
    nothing_new,
    nudge_missing,
    advance,
)
