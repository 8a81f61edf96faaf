"""The interviewer's policy, one rule at a time, on hand-built readings and states: each rule
fires when it should and returns None when it should not; `RULES` keeps its documented order."""

from __future__ import annotations

import pytest

from app.interview import policy as pol
from app.interview.policy import (
    COVERED,
    MAX_DEEPER,
    MAX_NUDGES_PER_STAGE,
    MAX_PROBES_PER_STAGE,
    MAX_STRIKES,
    RULES,
    Move,
    Policy,
    coverage,
)
from app.interview.state import STAGE_TURNS, InterviewState
from app.interview.voice import TemplateVoice, VoiceContext, _variants
from app.resources import prompts_dir
from app.understanding.polarity import shown_misleading
from app.understanding.schema import Claim, Mention, Question, Reading

AD = "ad-click-prediction"
SOON = 1.0  # seconds into the interview: no budget spent


@pytest.fixture
def setup(bank, retriever):
    """A fresh interview on the ad-click problem, opened in clarify at t=0."""
    state = InterviewState()
    policy = Policy(bank, retriever, AD, "senior")
    policy.opening(state, 0.0)
    return state, policy


def _at(state: InterviewState, policy: Policy, stage: str, turns: int = 0) -> None:
    """Put the interview in `stage` (entered at t=0) with `turns` candidate turns in it."""
    policy._enter(state, stage, 0.0)
    state.stage_progress().turns = turns


def _claim(cid: str, quote: str = "as I said", red_flag: bool = False, **kw) -> Claim:
    return Claim(criterion_id=cid, quote=quote, red_flag=red_flag, **kw)


def _answer(**kw) -> Reading:
    """A plain answer: some content, no intent beyond answering."""
    kw.setdefault("text", "Here is what I would do about it.")
    kw.setdefault("intents", ["answer"])
    kw.setdefault("content_count", 20)
    return Reading(**kw)


def _claiming(cid: str, quote: str, **kw) -> Reading:
    """A plain answer read as showing criterion `cid` with `quote`."""
    return _answer(claims=[_claim(cid, quote)], **kw)


def test_rules_are_in_the_documented_order():
    assert [r.__name__ for r in RULES] == [
        "finish_requested",
        "out_of_time",
        "hint_requested",
        "course_asked",
        "non_answer",
        "mistake_first",
        "move_on_requested",
        "go_back_asked",
        "returned_ahead",
        "answer_fact_questions",
        "repeated",
        "pushed_back",
        "owed_mistake",
        "clarify_prompt",
        "back_to_skipped",
        "follow_candidate_ahead",
        "probe_tradeoff",
        "go_deeper",
        "stage_done",
        "nothing_new",
        "nudge_missing",
        "advance",
    ]


def test_a_second_mistake_of_one_message_is_probed_once_the_first_is_answered(setup):
    """'For evaluation I'd split the data randomly 80/20 and use accuracy' (a hand interview):
    the split was probed, then the interview followed the answer with a trade-off probe and the
    accuracy mistake was never put to the candidate."""
    state, policy = setup
    _at(state, policy, "evaluate", turns=1)
    said = "For evaluation I'd split the data randomly 80/20 and use accuracy."
    both = _answer(
        text=said,
        claims=[
            _claim("gen-data-random-split-leakage", said, red_flag=True),
            _claim("gen-evaluate-accuracy-on-imbalance", said, red_flag=True),
        ],
        stages=["evaluate"],
    )
    first = pol.mistake_first(policy, state, both, SOON)
    assert first is not None and first.note == "mistake"
    state.asked.append(first.key)
    owed = [o.criterion_id for o in state.owed_mistakes]
    assert len(owed) == 1 and f"mistake:{owed[0]}" != first.key
    answer = _answer(text="Right, I'd split by time instead.", stages=["evaluate"])
    second = pol.owed_mistake(policy, state, answer, SOON)
    assert second is not None and second.key == f"mistake:{owed[0]}" and second.echo
    assert not state.owed_mistakes


def test_an_owed_mistake_is_dropped_once_given_up_or_the_stage_is_left(setup):
    state, policy = setup
    _at(state, policy, "evaluate", turns=1)
    said = "For evaluation I'd use accuracy."
    state.owed_mistakes = [
        pol.OwedMistake(
            criterion_id="gen-evaluate-accuracy-on-imbalance", quote=said, stage="evaluate"
        )
    ]
    given_up = _answer(
        claims=[_claim("gen-evaluate-accuracy-on-imbalance", "not accuracy", polarity="negated")]
    )
    assert pol.owed_mistake(policy, state, given_up, SOON) is None
    state.owed_mistakes = [
        pol.OwedMistake(criterion_id="gen-evaluate-accuracy-on-imbalance", quote=said, stage="data")
    ]
    assert pol.owed_mistake(policy, state, _answer(), SOON) is None


def test_a_pushback_on_a_probed_mistake_gets_the_point_once_more(setup):
    """'Hmm, why not? It's a strong signal.' after the leak was probed: the probe's point is
    put again (note 'pushback'), once; not 'You mentioned why not, go deeper'."""
    state, policy = setup
    _at(state, policy, "data")
    state.last_move = "mistake:gen-data-serving-unavailable-features"
    text = "Hmm, why not? It's a strong signal."
    move = pol.pushed_back(policy, state, _answer(text=text, norm=text.lower()), SOON)
    assert move is not None and move.note == "pushback" and move.kind == "probe"
    assert move.question and "prediction" in move.question and state.stage == "data"
    state.asked.append(move.key)
    assert pol.pushed_back(policy, state, _answer(text=text, norm=text.lower()), SOON) is None


@pytest.mark.parametrize(
    ("last", "text"),
    [
        # the question takes the mistake back: an answer
        ("mistake:gen-data-random-split-leakage", "Why not? Fine, I'd split by time then."),
        ("probe:baseline:g0", "Why not? It's simple."),  # no mistake was probed
        ("mistake:gen-data-serving-unavailable-features", "It is known, it's logged first."),
        # a "why" that argues its case is an answer (the review's example)
        (
            "mistake:gen-data-serving-unavailable-features",
            "Why? Because we only log features before the impression.",
        ),
    ],
)
def test_no_pushback_for_an_answer_or_without_a_probed_mistake(setup, last, text):
    state, policy = setup
    _at(state, policy, "data")
    state.last_move = last
    assert pol.pushed_back(policy, state, _answer(text=text, norm=text.lower()), SOON) is None


def test_every_rule_says_when_it_fires():
    for rule in RULES:
        doc = (rule.__doc__ or "").strip()
        assert doc and doc.endswith("."), rule.__name__


def test_decide_takes_the_first_rule_that_fires(setup):
    state, policy = setup
    # finish, hint and a fact question at once: finishing comes first
    reading = Reading(
        intents=["finish", "hint", "ask"],
        questions=[Question(text="latency?", fact_id="latency", topic="latency")],
    )
    move = policy.decide(state, reading, SOON)
    assert move.kind == "wrap_up" and move.note == "candidate asked to finish"
    assert "wrap_up" in state.asked and state.open_question is None


# -- finish_requested ------------------------------------------------------------------------


def test_finish_requested(setup):
    state, policy = setup
    move = pol.finish_requested(policy, state, Reading(intents=["finish"]), SOON)
    assert move is not None and move.kind == "wrap_up"
    assert state.ended and state.end_reason == "candidate asked to finish"


def test_finish_requested_not_without_the_intent(setup):
    state, policy = setup
    assert pol.finish_requested(policy, state, _answer(), SOON) is None
    assert not state.ended


# -- out_of_time -------------------------------------------------------------------------------


def test_out_of_time(setup):
    state, policy = setup
    move = pol.out_of_time(policy, state, _answer(), state.minutes * 60.0)
    assert move is not None and move.kind == "wrap_up" and move.note == "time limit reached"
    assert state.ended


def test_out_of_time_not_before_the_limit(setup):
    state, policy = setup
    assert pol.out_of_time(policy, state, _answer(), state.minutes * 60.0 - 1) is None
    assert not state.ended


# -- hint_requested ----------------------------------------------------------------------------


def test_hint_requested(setup):
    state, policy = setup
    move = pol.hint_requested(policy, state, Reading(intents=["hint"]), SOON)
    assert move is not None and move.kind == "hint" and move.hint_tier == 1
    assert len(state.hints) == 1 and state.hints[0].stage == "clarify"


def test_hint_requested_not_when_a_fact_is_asked_or_no_hint(setup):
    state, policy = setup
    asks_too = Reading(
        intents=["hint", "ask"],
        questions=[Question(text="what latency?", fact_id="latency", topic="latency")],
    )
    assert pol.hint_requested(policy, state, asks_too, SOON) is None
    assert pol.hint_requested(policy, state, _answer(), SOON) is None
    assert state.hints == []


# -- non_answer --------------------------------------------------------------------------------


def test_non_answer_redirects(setup):
    state, policy = setup
    state.stage_progress().turns = 2
    state.strikes = 1
    move = pol.non_answer(policy, state, Reading(non_answer_kind="gibberish"), SOON)
    assert move is not None and move.kind == "redirect" and move.note == "gibberish"
    assert move.key == "redirect:clarify:2" and state.stage == "clarify"


def test_words_with_nothing_in_them_are_a_pause_not_an_empty_message(setup):
    state, policy = setup
    empty = pol.non_answer(policy, state, Reading(non_answer_kind="empty"), SOON)
    assert empty is not None and empty.note == "empty"
    thinking = Reading(text="Got it, let me think.", word_count=5, non_answer_kind="empty")
    move = pol.non_answer(policy, state, thinking, SOON)
    assert move is not None and move.kind == "redirect" and move.note == "pause"


def test_non_answer_moves_on_after_max_strikes(setup):
    state, policy = setup
    state.strikes = MAX_STRIKES
    move = pol.non_answer(policy, state, Reading(non_answer_kind="empty"), SOON)
    assert move is not None and move.kind == "next_stage" and move.note == "no usable answer"
    assert state.strikes == 0 and state.stage == "frame"


def test_non_answer_not_for_an_answer(setup):
    state, policy = setup
    state.strikes = MAX_STRIKES
    assert pol.non_answer(policy, state, _answer(), SOON) is None
    assert state.strikes == MAX_STRIKES


# -- move_on_requested -------------------------------------------------------------------------


def test_move_on_requested_advances_one_stage(setup):
    state, policy = setup
    move = pol.move_on_requested(policy, state, Reading(intents=["move_on"]), SOON)
    assert move is not None and move.kind == "next_stage"
    assert move.from_stage == "clarify" and state.stage == "frame"
    assert move.note == "candidate asked to move on"


def test_a_move_on_that_begins_the_stage_is_not_announced_as_new(setup):
    """'cool, let's frame it. I'd treat it as multi-label ...': the stage asked for is begun in
    the same message, so the move asks what is missing there without announcing the stage."""
    state, policy = setup
    quote = "I'd treat it as binary classification of a click on each impression."
    reading = Reading(intents=["move_on"], claims=[_claim("gen-frame-ml-category", quote)])
    pol.observe(state, reading, 4)
    move = pol.move_on_requested(policy, state, reading, SOON)
    assert move is not None and state.stage == "frame" and move.kind == "next_stage"
    assert move.note == pol.BEGUN and move.criterion_id  # a nudge on what is missing
    bare = Reading(intents=["move_on"])
    pol.observe(state, bare, 6)  # the control: a bare request on, out of framing
    move = pol.move_on_requested(policy, state, bare, SOON)
    assert move is not None and move.note == pol.MOVE_ON


def test_move_on_requested_jumps_to_a_named_later_stage(setup):
    state, policy = setup
    reading = Reading(intents=["move_on"], move_to="data")
    move = pol.move_on_requested(policy, state, reading, SOON)
    assert move is not None and move.kind == "next_stage" and state.stage == "data"
    assert state.skipped == ["frame"]


def test_move_on_requested_to_an_earlier_stage_just_advances(setup):
    state, policy = setup
    _at(state, policy, "evaluate", turns=1)
    reading = Reading(intents=["move_on"], move_to="frame")
    move = pol.move_on_requested(policy, state, reading, SOON)
    assert move is not None and state.stage == "serve" and state.skipped == []


def test_move_on_requested_not_without_the_intent(setup):
    state, policy = setup
    assert pol.move_on_requested(policy, state, _answer(move_to="serve"), SOON) is None
    assert state.stage == "clarify"


# -- answer_fact_questions ---------------------------------------------------------------------


def test_answer_fact_questions_in_clarify_invites_more(setup):
    state, policy = setup
    reading = Reading(
        intents=["ask"],
        questions=[
            Question(text="what latency budget?", fact_id="latency", topic="latency"),
            Question(text="how fast again?", fact_id="latency", topic="latency"),
            Question(text="what colour are the ads?"),
        ],
    )
    move = pol.answer_fact_questions(policy, state, reading, SOON)
    assert move is not None and move.kind == "answer"
    assert [f.id for f in move.facts] == ["latency"]
    assert move.unknown == ["what colour are the ads?"]
    assert move.follow_up == "clarify_more" and move.key == "clarify-more:0"


def test_answer_fact_questions_stops_inviting_after_three(setup):
    state, policy = setup
    state.asked += ["clarify-more:0", "clarify-more:1", "clarify-more:2"]
    state.turns = 4
    reading = Reading(intents=["ask"], questions=[Question(text="users?", fact_id="scale-users")])
    move = pol.answer_fact_questions(policy, state, reading, SOON)
    assert move is not None and move.follow_up is None and move.key == "answer:4"


def test_answer_fact_questions_outside_clarify_answers_only(setup):
    state, policy = setup
    _at(state, policy, "model", turns=1)
    reading = Reading(intents=["ask"], questions=[Question(text="users?", fact_id="scale-users")])
    move = pol.answer_fact_questions(policy, state, reading, SOON)
    assert move is not None and move.kind == "answer" and move.stage == "model"
    assert move.follow_up is None


def test_answer_fact_questions_then_moves_on_when_the_stage_is_spent(setup):
    state, policy = setup
    state.stage_progress().turns = STAGE_TURNS["clarify"]
    reading = Reading(intents=["ask"], questions=[Question(text="users?", fact_id="scale-users")])
    move = pol.answer_fact_questions(policy, state, reading, SOON)
    assert move is not None and move.kind == "next_stage" and move.note == "stage budget spent"
    assert [f.id for f in move.facts] == ["scale-users"] and state.stage == "frame"


def test_answer_fact_questions_not_without_questions(setup):
    state, policy = setup
    assert pol.answer_fact_questions(policy, state, _answer(), SOON) is None


# -- mistake_first -----------------------------------------------------------------------------


def _accuracy_mistake(stages=("evaluate",)) -> Reading:
    quote = "The headline metric will be Accuracy on the test set."
    return _answer(
        text=quote,
        stages=list(stages),
        content_count=9,
        claims=[_claim("ad-evaluate-accuracy", quote, red_flag=True, concept="accuracy")],
        mentions=[Mention(concept="accuracy", alias="accuracy")],
    )


def test_mistake_first_probes_the_red_flag_in_the_candidates_words(setup):
    state, policy = setup
    _at(state, policy, "evaluate", turns=1)
    move = pol.mistake_first(policy, state, _accuracy_mistake(), SOON)
    assert move is not None and move.kind == "probe" and move.note == "mistake"
    assert move.key == "mistake:ad-evaluate-accuracy"
    assert move.criterion_id == "ad-evaluate-accuracy"
    assert move.echo == "Accuracy" and move.question and move.stage == "evaluate"


def test_mistake_first_follows_the_candidate_to_a_later_stage(setup):
    state, policy = setup
    move = pol.mistake_first(policy, state, _accuracy_mistake(), SOON)
    assert move is not None and move.note == "mistake"
    assert move.stage == "evaluate" and state.stage == "evaluate"
    assert state.skipped == ["frame", "data", "model"]


def test_mistake_first_not_without_a_flag_or_when_already_probed(setup):
    state, policy = setup
    _at(state, policy, "evaluate", turns=1)
    assert pol.mistake_first(policy, state, _answer(), SOON) is None
    state.asked.append("mistake:ad-evaluate-accuracy")
    assert pol.mistake_first(policy, state, _accuracy_mistake(), SOON) is None


def test_mistake_first_ignores_a_negated_flag(setup):
    state, policy = setup
    _at(state, policy, "evaluate", turns=1)
    reading = _answer(
        claims=[_claim("ad-evaluate-accuracy", "not accuracy", red_flag=True, polarity="negated")]
    )
    assert pol.mistake_first(policy, state, reading, SOON) is None


# -- repeated ----------------------------------------------------------------------------------


def test_repeated(setup):
    state, policy = setup
    move = pol.repeated(policy, state, _answer(repeated=True), SOON)
    assert move is not None and move.kind == "next_stage"
    assert move.note == "candidate repeated themselves" and state.stage == "frame"


def test_repeated_not_for_a_new_message(setup):
    state, policy = setup
    assert pol.repeated(policy, state, _answer(), SOON) is None
    assert state.stage == "clarify"


# -- clarify_prompt ----------------------------------------------------------------------------


def _jumps_to_model() -> Reading:
    return _claiming("gen-model-baseline", "a logistic regression baseline")


def test_clarify_prompt_asks_for_the_business_goal_first(setup):
    state, policy = setup
    move = pol.clarify_prompt(policy, state, _jumps_to_model(), SOON)
    assert move is not None and move.kind == "clarify_prompt"
    assert move.criterion_id == "gen-clarify-business-objective"
    assert move.key == "nudge:gen-clarify-business-objective" and move.question
    assert "clarify-prompt" in state.asked


def test_clarify_prompt_asks_for_scale_when_the_goal_is_known(setup):
    state, policy = setup
    state.coverage["gen-clarify-business-objective"] = [1]
    move = pol.clarify_prompt(policy, state, _jumps_to_model(), SOON)
    assert move is not None and move.criterion_id == "gen-clarify-scale"


def test_clarify_prompt_not_for_a_goal_the_message_states(setup):
    # "the goal I'd pick is long-term engagement, proxied by watch time" answers "what would
    # success look like?" before it is asked: scale is asked for instead
    state, policy = setup
    stated = _answer(
        claims=[
            _claim("gen-model-baseline", "a logistic regression baseline"),
            _claim("gen-frame-ml-objective", "the goal i'd pick is engagement"),
        ]
    )
    move = pol.clarify_prompt(policy, state, stated, SOON)
    assert move is not None and move.criterion_id == "gen-clarify-scale"


def test_clarify_prompt_not_for_a_goal_its_refinement_covers(setup):
    # the problem's own objective question ("watch time or clicks?") asks for the goal too
    state, policy = setup
    policy._refined_by["gen-clarify-business-objective"] = {"ad-clarify-own-goal"}
    state.coverage["ad-clarify-own-goal"] = [1]
    move = pol.clarify_prompt(policy, state, _jumps_to_model(), SOON)
    assert move is not None and move.criterion_id == "gen-clarify-scale"


def test_clarify_prompt_only_once(setup):
    state, policy = setup
    state.asked.append("clarify-prompt")
    assert pol.clarify_prompt(policy, state, _jumps_to_model(), SOON) is None


def test_clarify_prompt_marks_itself_tried_even_with_nothing_fresh_to_ask(setup):
    state, policy = setup
    state.asked += ["nudge:gen-clarify-business-objective", "nudge:gen-clarify-scale"]
    assert pol.clarify_prompt(policy, state, _jumps_to_model(), SOON) is None
    assert "clarify-prompt" in state.asked  # side effect kept: it is not tried again


def test_clarify_prompt_not_when_on_clarify_or_essentials_covered_or_after_clarify(setup):
    state, policy = setup
    on_clarify = _claiming("gen-clarify-latency", "what latency?")
    assert pol.clarify_prompt(policy, state, on_clarify, SOON) is None
    state.coverage["gen-clarify-business-objective"] = [1]
    state.coverage["gen-clarify-scale"] = [1]
    assert pol.clarify_prompt(policy, state, _jumps_to_model(), SOON) is None
    state.coverage.clear()
    _at(state, policy, "frame", turns=1)
    assert pol.clarify_prompt(policy, state, _jumps_to_model(), SOON) is None
    assert "clarify-prompt" not in state.asked


# -- follow_candidate_ahead --------------------------------------------------------------------


def test_follow_candidate_ahead_jumps_to_the_stage_shown(setup):
    state, policy = setup
    _at(state, policy, "frame", turns=1)
    reading = _answer(
        claims=[
            _claim("gen-serve-batch-vs-online", "online scoring per request"),
            _claim("ad-serve-feature-store", "a feature store"),
        ]
    )
    move = pol.follow_candidate_ahead(policy, state, reading, SOON)
    assert move is not None and move.kind == "next_stage"
    assert move.note == "candidate moved ahead" and move.from_stage == "frame"
    assert state.stage == "serve" and state.skipped == ["data", "model", "evaluate"]


def test_follow_candidate_ahead_by_the_readers_stage_without_points(setup):
    state, policy = setup
    move = pol.follow_candidate_ahead(policy, state, _answer(stages=["data"]), SOON)
    assert move is not None and state.stage == "data"


def test_follow_candidate_ahead_not_when_the_message_is_about_this_or_an_earlier_stage(setup):
    state, policy = setup
    _at(state, policy, "model", turns=1)
    here = _claiming("gen-model-baseline", "a baseline", stages=["model"])
    earlier = _claiming("gen-data-label-source", "clicks", stages=["data"])
    assert pol.follow_candidate_ahead(policy, state, here, SOON) is None
    assert pol.follow_candidate_ahead(policy, state, earlier, SOON) is None
    assert state.stage == "model"


def test_follow_candidate_ahead_not_when_the_message_holds_on_to_this_stage(setup):
    """'Hang on, I'm not finished with the data - ...' is more of this stage, whatever later
    stage the rest of its words read as."""
    state, policy = setup
    _at(state, policy, "data", turns=1)
    text = "Hang on, I'm not finished with the data - online scoring per request, a feature store."
    claims = [
        _claim("gen-serve-batch-vs-online", "online scoring per request"),
        _claim("ad-serve-feature-store", "a feature store"),
    ]
    held = _answer(text=text, norm=text.lower(), claims=claims)
    assert pol.follow_candidate_ahead(policy, state, held, SOON) is None
    assert state.stage == "data"
    plain = _answer(text="Online scoring per request, a feature store.", claims=claims)
    assert pol.follow_candidate_ahead(policy, state, plain, SOON) is not None  # the control


def test_follow_candidate_ahead_not_when_this_stage_outweighs_the_later_one(setup):
    state, policy = setup
    _at(state, policy, "model", turns=1)
    reading = _answer(
        claims=[
            _claim("gen-model-baseline", "a baseline"),  # 3 points here
            _claim("ad-serve-feature-store", "a feature store"),  # 1 point later
        ]
    )
    assert pol.follow_candidate_ahead(policy, state, reading, SOON) is None


def test_follow_candidate_ahead_to_a_stage_named_as_a_heading(setup):
    """'Monitoring: the hide rate and ...' said in serving is on monitoring, though its words
    show points of evaluation (a guardrail metric); 'For training, ...' is no heading."""
    state, policy = setup
    _at(state, policy, "serve", turns=1)
    text = "Monitoring: calibration per segment and the hide rate, with alerts."
    claims = [_claim("ad-evaluate-online-metrics", text)]
    headed = _answer(text=text, norm=text.lower(), claims=claims, stages=["monitor", "evaluate"])
    move = pol.follow_candidate_ahead(policy, state, headed, SOON)
    assert move is not None and state.stage == "monitor"
    _at(state, policy, "serve", turns=1)
    plain = text.removeprefix("Monitoring: ")
    unheaded = _answer(text=plain, norm=plain.lower(), claims=claims, stages=["monitor"])
    assert pol.follow_candidate_ahead(policy, state, unheaded, SOON) is None  # the control


def test_follow_candidate_ahead_to_the_stage_a_message_opens_on(setup):
    """'For the data side, ...' said while framing, with a sentence in the middle whose words
    read as serving: the candidate signposted data, so the interview goes there, not past
    it."""
    state, policy = setup
    _at(state, policy, "frame", turns=1)
    text = (
        "For the data side, every shown ad is a row and a click is its label. "
        "Features live in an in-memory store so lookups are fast. The split is by day."
    )
    claims = [
        _claim("ad-data-label-definition", "every shown ad is a row and a click is its label"),
        _claim("ad-serve-feature-store", "Features live in an in-memory store"),
        _claim("ad-serve-latency-tricks", "lookups are fast"),
    ]
    read = _answer(text=text, norm=text.lower(), claims=claims, stages=["serve", "data"])
    move = pol.follow_candidate_ahead(policy, state, read, SOON)
    assert move is not None and state.stage == "data"
    _at(state, policy, "frame", turns=1)
    unsigned = text.removeprefix("For the data side, ")  # the control
    read = _answer(text=unsigned, norm=unsigned.lower(), claims=claims, stages=["serve", "data"])
    assert pol.follow_candidate_ahead(policy, state, read, SOON) is not None
    assert state.stage == "serve"


def test_follow_candidate_ahead_probes_a_choice_named_on_a_stage_already_touched(setup):
    """Evaluation touched before (calibration said in passing), then a message on it naming
    accuracy as the way to compare models: following them, the choice they named is probed,
    not the stage's missing points asked for as if they had said nothing there."""
    state, policy = setup
    _at(state, policy, "model", turns=1)
    state.coverage["ad-evaluate-calibration-check"] = 1.0
    text = "To compare models I'd look at accuracy on the held-out day, and calibration."
    read = _answer(
        text=text,
        norm=text.lower(),
        claims=[_claim("ad-evaluate-calibration-check", "calibration")],
        mentions=[Mention(concept="accuracy", alias="accuracy")],
        stages=["evaluate"],
    )
    move = pol.follow_candidate_ahead(policy, state, read, SOON)
    assert move is not None and state.stage == "evaluate"
    assert move.kind == "probe" and move.concept == "accuracy"


def test_skipped_back_not_to_leave_a_stage_the_candidate_asked_for(setup):
    """'Let's talk about serving' jumps over evaluation; the next message, read as evaluation
    (thresholds, appeals), is still serving: the candidate chose the jump."""
    state, policy = setup
    _at(state, policy, "model", turns=1)
    asked = _answer(text="let's talk about serving", intents=["move_on"], move_to="serve")
    assert pol.move_on_requested(policy, state, asked, SOON) is not None
    assert state.stage == "serve" and "evaluate" in state.skipped
    state.stage_progress().turns = 1
    said = _claiming("ad-evaluate-calibration-check", "calibration per segment")
    assert pol.follow_candidate_ahead(policy, state, said, SOON) is None
    assert state.stage == "serve"
    state.stage_progress().requested = False  # the control: a jump of the interview's own
    move = pol.follow_candidate_ahead(policy, state, said, SOON)
    assert move is not None and state.stage == "evaluate"


def test_follow_candidate_ahead_not_past_the_readers_first_stage_with_points(setup):
    """Labels and downsampling said while framing: the reader finds the message on data
    first, and it shows data points; the model points of 'downsampled' do not jump it over
    data."""
    state, policy = setup
    _at(state, policy, "frame", turns=1)
    claims = [
        _claim("ad-data-label-definition", "a click within the session is the label"),
        _claim("ad-model-downsampling-correction", "negatives downsampled, corrected later"),
        _claim("ad-model-loss", "log loss"),
    ]
    read = _answer(claims=claims, stages=["data", "model"])
    move = pol.follow_candidate_ahead(policy, state, read, SOON)
    assert move is not None and state.stage == "data"
    _at(state, policy, "frame", turns=1)
    model_first = _answer(claims=claims, stages=["model", "data"])  # the control
    assert pol.follow_candidate_ahead(policy, state, model_first, SOON) is not None
    assert state.stage == "model"


def test_follow_candidate_ahead_not_on_the_first_message_on_a_stage_asked_for(setup):
    state, policy = setup
    _at(state, policy, "frame", turns=1)
    asked = _answer(text="moving on to the data", intents=["move_on"], move_to="data")
    assert pol.move_on_requested(policy, state, asked, SOON) is not None
    state.stage_progress().turns = 1
    claims = [
        _claim("ad-model-downsampling-correction", "negatives downsampled ten to one"),
        _claim("ad-model-loss", "log loss"),
    ]
    read = _answer(claims=claims, stages=["model", "data"])
    assert pol.follow_candidate_ahead(policy, state, read, SOON) is None
    state.stage_progress().turns = 2  # later messages on it may move on
    assert pol.follow_candidate_ahead(policy, state, read, SOON) is not None


def test_nothing_new_not_for_a_choice_taken_back(setup):
    state, policy = setup
    _at(state, policy, "data", turns=1)
    text = "I'd use their private messages, actually no, that's off limits; public posts only."
    taken_back = _answer(text=text, norm=text.lower())
    assert pol.nothing_new(policy, state, taken_back, SOON) is None
    plain = "I'd use the posts they are allowed to see."
    state.stage_progress().turns = 2  # (a first reply placed nowhere moves nothing on)
    assert pol.nothing_new(policy, state, _answer(text=plain, norm=plain.lower()), SOON)


def test_nothing_new_not_for_a_first_reply_placed_nowhere(setup):
    state, policy = setup
    _at(state, policy, "evaluate", turns=1)
    aside = "Sharing almost never happens, so it counts a bit more."
    assert pol.nothing_new(policy, state, _answer(text=aside, norm=aside.lower()), SOON) is None
    placed = _answer(text=aside, norm=aside.lower(), stages=["model"])
    assert pol.nothing_new(policy, state, placed, SOON) is not None


@pytest.mark.parametrize(
    "text",
    [
        "One more thing on the clarifying side: budgets are owned by another team.",
        # "actually, on the X side": a correction of a part said earlier
        "Oh, actually, about the requirements part: budgets belong to another team.",
    ],
)
def test_stage_done_not_on_an_afterthought_about_a_stage_behind(setup, text):
    state, policy = setup
    _at(state, policy, "frame", turns=1)
    for crit in policy.criteria("frame"):
        if crit.points > 0:
            state.coverage[crit.id] = [1]
    aside = _answer(text=text, norm=text.lower())
    assert pol.stage_done(policy, state, aside, SOON) is None
    assert pol.stage_done(policy, state, _answer(), SOON) is not None  # the control


# -- probe_tradeoff ----------------------------------------------------------------------------


def _names_lr() -> Reading:
    return _answer(mentions=[Mention(concept="logistic regression", alias="logistic regression")])


def test_probe_tradeoff_on_a_named_concept(setup):
    state, policy = setup
    _at(state, policy, "model", turns=1)
    move = pol.probe_tradeoff(policy, state, _names_lr(), SOON)
    assert move is not None and move.kind == "probe" and move.concept == "logistic regression"
    assert move.key == "probe:logistic regression:0" and move.question
    assert state.stage_progress().probes == 1


def test_probe_tradeoff_not_past_the_stage_limit(setup):
    state, policy = setup
    _at(state, policy, "model", turns=1)
    state.stage_progress().probes = MAX_PROBES_PER_STAGE
    assert pol.probe_tradeoff(policy, state, _names_lr(), SOON) is None
    assert state.stage_progress().probes == MAX_PROBES_PER_STAGE


def test_probe_tradeoff_not_on_another_stages_choice(setup):
    """A model choice named in passing while serving is not probed there (a hand interview got
    the labelling probe in serving and monitoring for "reviewer load"); the stage the message
    is about counts as its own."""
    state, policy = setup
    _at(state, policy, "serve", turns=1)
    assert pol.probe_tradeoff(policy, state, _names_lr(), SOON) is None
    about_model = _names_lr().model_copy(update={"stages": ["model"]})
    move = pol.probe_tradeoff(policy, state, about_model, SOON)
    assert move is not None and move.concept == "logistic regression"


def test_probe_tradeoff_not_without_a_fresh_probe(setup):
    state, policy = setup
    _at(state, policy, "model", turns=1)
    negated = _answer(
        mentions=[Mention(concept="logistic regression", alias="lr", polarity="negated")]
    )
    assert pol.probe_tradeoff(policy, state, _answer(), SOON) is None
    assert pol.probe_tradeoff(policy, state, negated, SOON) is None
    state.asked += ["probe:logistic regression:0", "probe:logistic regression:1"]
    assert pol.probe_tradeoff(policy, state, _names_lr(), SOON) is None
    assert state.stage_progress().probes == 0


# -- go_deeper ---------------------------------------------------------------------------------


def _thin() -> Reading:
    return Reading(text="Some user features, probably.", intents=["answer"], content_count=3)


def test_go_deeper_on_a_thin_answer(setup):
    state, policy = setup
    _at(state, policy, "data", turns=1)
    move = pol.go_deeper(policy, state, _thin(), SOON)
    assert move is not None and move.kind == "go_deeper" and move.key == "deeper:data:0"
    assert move.echo == "Some user features" and state.stage_progress().deeper == 1


def test_go_deeper_once_a_stage_and_never_in_clarify(setup):
    state, policy = setup
    assert pol.go_deeper(policy, state, _thin(), SOON) is None  # clarify
    _at(state, policy, "data", turns=1)
    state.stage_progress().deeper = 1
    assert pol.go_deeper(policy, state, _thin(), SOON) is None


def test_go_deeper_at_most_max_deeper_per_interview(setup):
    state, policy = setup
    _at(state, policy, "data", turns=1)
    state.asked += [f"deeper:x:{i}" for i in range(MAX_DEEPER)]
    assert pol.go_deeper(policy, state, _thin(), SOON) is None
    assert state.stage_progress().deeper == 0


def test_go_deeper_not_for_a_substantive_answer(setup):
    state, policy = setup
    _at(state, policy, "data", turns=1)
    assert pol.go_deeper(policy, state, _answer(), SOON) is None
    evidenced = _thin().model_copy(update={"claims": [_claim("gen-data-label-source", "clicks")]})
    assert pol.go_deeper(policy, state, evidenced, SOON) is None


# -- stage_done --------------------------------------------------------------------------------


def test_stage_done_when_covered(setup):
    state, policy = setup
    _at(state, policy, "frame", turns=1)
    for crit in policy.criteria("frame"):  # just enough to reach the COVERED share
        if crit.points > 0 and coverage(state, policy.criteria("frame")) < COVERED:
            state.coverage[crit.id] = [1]
    assert COVERED <= coverage(state, policy.criteria("frame")) < 0.75
    move = pol.stage_done(policy, state, _answer(), SOON)
    assert move is not None and move.kind == "next_stage" and move.note == "stage covered"
    assert state.stage == "data"


def test_stage_done_when_the_budget_is_spent(setup):
    state, policy = setup
    _at(state, policy, "frame", turns=STAGE_TURNS["frame"])
    move = pol.stage_done(policy, state, _answer(), SOON)
    assert move is not None and move.note == "stage budget spent" and state.stage == "data"
    _at(state, policy, "model", turns=1)
    later = state.budget_minutes("model") * 60.0
    move = pol.stage_done(policy, state, _answer(), later)
    assert move is not None and move.note == "stage budget spent" and state.stage == "evaluate"


def test_stage_done_not_while_uncovered_and_in_budget(setup):
    state, policy = setup
    _at(state, policy, "frame", turns=1)
    state.coverage["gen-frame-ml-objective"] = [1]  # 3 points of many: under half
    assert pol.stage_done(policy, state, _answer(), SOON) is None
    assert state.stage == "frame"


# -- nothing_new -------------------------------------------------------------------------------


def _about_monitoring() -> Reading:
    return _claiming("gen-monitor-data-drift", "watch the feature drift")


def test_nothing_new_for_this_stage(setup):
    state, policy = setup
    _at(state, policy, "data", turns=1)
    move = pol.nothing_new(policy, state, _about_monitoring(), SOON)
    assert move is not None and move.kind == "next_stage"
    assert move.note == "nothing new for this stage" and state.stage == "model"


def test_nothing_new_not_when_the_answer_shows_this_stage(setup):
    state, policy = setup
    _at(state, policy, "data", turns=1)
    reading = _claiming("gen-data-label-source", "clicks are the labels")
    assert pol.nothing_new(policy, state, reading, SOON) is None


def test_nothing_new_not_when_the_message_holds_on_to_this_stage(setup):
    state, policy = setup
    _at(state, policy, "data", turns=1)
    text = "Before we leave data - watch the feature drift."
    held = _claiming(
        "gen-monitor-data-drift", "watch the feature drift", text=text, norm=text.lower()
    )
    assert pol.nothing_new(policy, state, held, SOON) is None
    assert state.stage == "data"


def test_nothing_new_not_for_thin_or_first_or_clarify_answers(setup):
    state, policy = setup
    assert pol.nothing_new(policy, state, _answer(), SOON) is None  # clarify
    _at(state, policy, "data", turns=0)
    assert pol.nothing_new(policy, state, _answer(), SOON) is None  # no turn in the stage yet
    state.stage_progress().turns = 1
    assert pol.nothing_new(policy, state, _thin(), SOON) is None
    assert state.stage == "data"


# -- nudge_missing -----------------------------------------------------------------------------


def test_nudge_missing_asks_for_the_most_valuable_missing_criterion(setup):
    state, policy = setup
    _at(state, policy, "data", turns=1)
    move = pol.nudge_missing(policy, state, _answer(), SOON)
    assert move is not None and move.kind == "nudge"
    assert move.criterion_id == "gen-data-label-source" and move.question
    assert state.stage_progress().nudges == 1


def test_nudge_missing_skips_what_was_asked_or_covered(setup):
    state, policy = setup
    _at(state, policy, "data", turns=1)
    state.asked.append("nudge:gen-data-label-source")
    state.coverage["ad-data-historical-counts"] = [1]
    move = pol.nudge_missing(policy, state, _answer(), SOON)
    assert move is not None
    assert move.criterion_id not in ("gen-data-label-source", "ad-data-historical-counts")


def test_nudge_missing_not_past_the_stage_limit_or_with_nothing_to_ask(setup):
    state, policy = setup
    _at(state, policy, "data", turns=1)
    state.stage_progress().nudges = MAX_NUDGES_PER_STAGE
    assert pol.nudge_missing(policy, state, _answer(), SOON) is None
    assert state.stage_progress().nudges == MAX_NUDGES_PER_STAGE
    state.stage_progress().nudges = 0
    state.asked += [f"nudge:{c.id}" for c in policy.criteria("data")]
    assert pol.nudge_missing(policy, state, _answer(), SOON) is None
    assert state.stage_progress().nudges == 0


# -- advance -----------------------------------------------------------------------------------


def test_advance_always_fires(setup):
    state, policy = setup
    _at(state, policy, "data", turns=1)
    move = pol.advance(policy, state, _answer(), SOON)
    assert move is not None and move.kind == "next_stage"
    assert move.note == "nothing left to ask in this stage" and state.stage == "model"


def test_advance_after_the_last_stage_wraps_up(setup):
    state, policy = setup
    for stage in ("clarify", "frame", "data", "model", "evaluate", "serve"):
        state.stage_progress(stage).turns = 1
    _at(state, policy, "monitor", turns=1)
    move = pol.advance(policy, state, _answer(), SOON)
    assert move is not None and move.kind == "wrap_up" and state.end_reason == "completed"


def test_mistake_first_probes_the_stage_the_message_is_about(setup):
    """Two mistakes in one message: the one of the stage the candidate is talking about is
    probed first, whichever costs more."""
    state, policy = setup
    _at(state, policy, "evaluate", turns=1)
    quote = "To evaluate it I'd use accuracy on a random split of the week of logs."
    claims = [
        _claim("gen-data-random-split-leakage", quote, red_flag=True),
        _claim("gen-evaluate-accuracy-on-imbalance", quote, red_flag=True),
    ]
    picked = {}
    for about in ("evaluate", "data"):
        fresh = InterviewState.model_validate(state.model_dump())
        reading = _answer(
            text=quote, stages=[about, "evaluate" if about == "data" else "data"], claims=claims
        )
        move = pol.mistake_first(policy, fresh, reading, SOON)
        assert move is not None and move.note == "mistake"
        picked[about] = move.criterion_id
    assert picked == {
        "evaluate": "gen-evaluate-accuracy-on-imbalance",
        "data": "gen-data-random-split-leakage",
    }


def test_nudge_missing_skips_a_generic_criterion_refined_by_a_covered_one(setup):
    """'Log loss per impression' covers the ad problem's own loss criterion, which shares
    'log loss' with the generic loss criterion: its nudge ('what loss would you train with?')
    would ask for what was just said in other words. The reverse does not hold: the generic
    one covered, the problem's refinement ('which loss matches the output?') is still asked."""
    state, policy = setup
    assert "ad-model-loss" in policy._refined_by["gen-model-loss-function"]
    _at(state, policy, "model")
    state.coverage["ad-model-loss"] = [1]
    assert "gen-model-loss-function" not in {c.id for c in policy._missing(state, "model")}
    del state.coverage["ad-model-loss"]
    state.coverage["gen-model-loss-function"] = [1]
    assert "ad-model-loss" in {c.id for c in policy._missing(state, "model")}


def test_mistake_first_prefers_the_problems_own_flag_on_the_same_stage(setup):
    """One sentence read as a generic mistake and this problem's own, same stage: the
    problem's flag is probed (its question names this system), whatever the generic costs."""
    state, policy = setup
    _at(state, policy, "data", turns=1)
    quote = "Features include the user's inferred religion, which converts well."
    claims = [
        _claim("gen-data-serving-unavailable-features", quote, red_flag=True),
        _claim("ad-data-sensitive-attributes", quote, red_flag=True),
    ]
    move = pol.mistake_first(
        policy, state, _answer(text=quote, stages=["data"], claims=claims), SOON
    )
    assert move is not None and move.criterion_id == "ad-data-sensitive-attributes"


def test_back_to_skipped_opens_the_stage_named_as_skipped(setup):
    state, policy = setup
    policy._jump(state, SOON, "serve", "candidate moved ahead")
    assert "model" in state.skipped
    text = "Right, score per request. I realise I skipped the model: a deep and cross network."
    move = pol.back_to_skipped(policy, state, _answer(text=text), SOON)
    assert move is not None and state.stage == "model" and "model" not in state.skipped
    assert move.note == "candidate went back"


def test_back_to_skipped_not_for_a_stage_not_skipped(setup):
    state, policy = setup
    _at(state, policy, "data", turns=1)
    text = "Back to the framing I skipped: clicks and hides."
    assert pol.back_to_skipped(policy, state, _answer(text=text), SOON) is None
    assert state.stage == "data"


def test_back_to_skipped_not_without_saying_it_was_skipped(setup):
    state, policy = setup
    policy._jump(state, SOON, "serve", "candidate moved ahead")
    text = "Back to the model for a second: a deep and cross network."
    assert pol.back_to_skipped(policy, state, _answer(text=text), SOON) is None
    assert state.stage == "serve"


@pytest.mark.parametrize("nod", ["ok", "Yep.", "sure, got it", "🙂", "👍🏽👍🏽"])
def test_go_deeper_not_on_a_nod(setup, nod):
    """A bare acknowledgement has nothing to go deeper on ('You mentioned yep...')."""
    state, policy = setup
    _at(state, policy, "data", turns=1)
    nodding = Reading(text=nod, intents=["non_answer"], content_count=1)
    assert pol.go_deeper(policy, state, nodding, SOON) is None
    assert state.stage_progress().deeper == 0


@pytest.mark.parametrize("said", ["Pass.", "i'll pass on that one", "ok, pass for now"])
def test_a_pass_on_the_question_moves_on(setup, said):
    state, policy = setup
    _at(state, policy, "model", turns=1)
    passed = Reading(text=said, norm=said.lower(), intents=["non_answer"], content_count=1)
    move = pol.move_on_requested(policy, state, passed, SOON)
    assert move is not None and move.kind == "next_stage" and state.stage == "evaluate"


def test_a_question_on_the_session_is_no_strike(setup):
    state, policy = setup
    state.strikes = 1
    pol.observe(state, Reading(text="how am I doing?", non_answer_kind="session"), 2)
    assert state.strikes == 0
    move = pol.non_answer(policy, state, Reading(non_answer_kind="session"), SOON)
    assert move is not None and move.kind == "redirect" and move.note == "session"


def test_what_do_you_mean_keeps_the_question_open_and_is_no_strike(setup):
    """Asking "what do you mean?" asks for the last question again, in plainer words: it is put
    again (kept open), and asking it costs the candidate nothing."""
    state, policy = setup
    state.strikes = 1
    asked = "How long should the gap be between the training and the evaluation window?"
    state.open_question = asked
    unclear = Reading(text="what do you mean?", non_answer_kind="unclear")
    pol.observe(state, unclear, 2)
    assert state.strikes == 0
    move = policy.decide(state, unclear, SOON)
    assert move.kind == "redirect" and move.note == "unclear" and move.question == asked
    assert state.open_question == asked


def test_a_nod_gets_the_stage_question_again_and_no_strike(setup):
    state, policy = setup
    _at(state, policy, "model", turns=1)
    state.strikes = 1
    move = pol.non_answer(policy, state, Reading(text="👌", intents=["non_answer"]), SOON)
    assert move is not None and move.kind == "redirect" and move.note == "nod"
    assert state.stage == "model" and state.strikes == 1


@pytest.mark.parametrize("reply", ["yes", "Yep, definitely."])
def test_a_yes_that_answers_a_yes_no_question_is_no_nod(setup, reply):
    # "Would you calibrate the scores?" "yes": the reader reads an answer; no nod redirect
    state, policy = setup
    _at(state, policy, "model", turns=1)
    said = Reading(text=reply, intents=["answer"])
    assert pol.non_answer(policy, state, said, SOON) is None


# -- a probe offering what was just said (smoke test, issue 12) -------------------------------


def test_probe_tradeoff_skips_a_question_offering_what_the_message_says(setup):
    """ad-click-prediction's accuracy probe asks "Why not precision and recall, or log loss,
    instead?": after a message choosing log loss because accuracy misleads, that question
    asks for what was just said."""
    state, policy = setup
    _at(state, policy, "evaluate", turns=1)
    text = "accuracy would look fine even if we never predicted a click, so i'd use log loss."
    said = _answer(
        text=text,
        norm=text,
        mentions=[Mention(concept="accuracy on imbalanced data", alias="accuracy")],
    )
    state.asked.append("probe:accuracy on imbalanced data:0")
    assert pol.probe_tradeoff(policy, state, said, SOON) is None
    # the same probe still follows a message that offers none of its alternatives
    bare = "i'd compare models by accuracy on last week's data."
    plain = _answer(
        text=bare,
        norm=bare,
        mentions=[Mention(concept="accuracy on imbalanced data", alias="accuracy")],
    )
    move = pol.probe_tradeoff(policy, state, plain, SOON)
    assert move is not None and move.key == "probe:accuracy on imbalanced data:1"


@pytest.mark.parametrize(
    ("question", "text", "answered"),
    [
        ("Why not precision and recall instead?", "precision and recall per harm type", True),
        ("Why not precision and recall instead?", "recall per harm type", False),
        ("Why not precision and recall, or log loss, instead?", "log loss per day", True),
        ("What about users with zero connections?", "users with zero connections get", True),
        ("What about users with zero connections?", "users with many friends", False),
        # a plain question naming a step is skipped only when the message says how or why
        ("How does late fusion handle memes?", "late fusion handles memes", False),
        (
            "How do you correct the probabilities?",
            "I keep 10% of negatives and correct the probabilities by the sampling rate.",
            True,
        ),
        ("How do you correct the probabilities?", "I'd correct the probabilities.", False),
        # ...and an amount asked for is answered by a number beside what it counts
        ("How many buckets would you use?", "ids hashed into 4 million buckets", True),
        ("How many buckets would you use?", "ids hashed into buckets", False),
        # every part of a two-part question must be answered
        ("How many buckets would you use, and what do collisions cost you?", "4 buckets", False),
    ],
)
def test_answered_in(question, text, answered):
    assert pol.answered_in(question, _answer(text=text, norm=text)) is answered


@pytest.mark.parametrize(
    ("question", "text"),
    [
        # the alternative named only to be turned down leaves the probe's question open
        (
            "Why not precision and recall instead?",
            "I'd just report accuracy, not precision and recall; accuracy is easier.",
        ),
        (
            "Why not precision and recall instead?",
            "Precision and recall feel like overkill here, so accuracy it is.",
        ),
        (
            "Why not precision and recall, or log loss, instead?",
            "AUC only. Log loss is hard to explain to advertisers so I'd skip it.",
        ),
    ],
)
def test_answered_in_not_by_an_alternative_turned_down(question, text):
    assert not pol.answered_in(question, _answer(text=text, norm=text.lower()))


@pytest.mark.parametrize(
    "note", ["candidate moved ahead", "revisit skipped stage", "candidate went back"]
)
def test_a_stage_change_that_names_the_stage_names_it_once(note):
    # "You're already into serving, so let's go there. Next up: serving." said it twice
    voice = TemplateVoice(prompts_dir())
    for i in range(len(_variants(str(prompts_dir()), "offline/next_stage.j2"))):
        text = voice._pick(
            "offline/next_stage.j2",
            None,  # type: ignore[arg-type]
            index=i,
            note=note,
            stage_name="deployment and serving",
            from_stage_name="evaluation",
            question="Where does the model run?",
        )
        assert text.count("deployment and serving") == 1, text
        assert text.endswith("Where does the model run?"), text


def test_a_stage_asked_for_and_begun_is_not_announced():
    # "Okay, moving on. Now for framing ..." after "let's frame it. I'd treat it as
    # multi-label ...": the candidate is in it already
    voice = TemplateVoice(prompts_dir())
    for i in range(len(_variants(str(prompts_dir()), "offline/next_stage.j2"))):
        text = voice._pick(
            "offline/next_stage.j2",
            None,  # type: ignore[arg-type]
            index=i,
            note=pol.BEGUN,
            stage_name="framing",
            from_stage_name="clarifying",
            question="What would you ask it to learn?",
        )
        assert text.count("framing") <= 1, text
        assert not any(w in text for w in ("Next up", "Now for", "Turning to", "moving on")), text
        assert text.endswith("What would you ask it to learn?"), text


@pytest.mark.parametrize(
    ("sentence", "alias", "want"),
    [
        ("accuracy would look great while missing every harmful post.", "accuracy", True),
        ("accuracy alone can look excellent even though the queue is junk.", "accuracy", True),
        ("auc looks fine even when the top slots are wrong.", "auc", True),
        (
            "the classes are imbalanced and accuracy looks great while we miss posts.",
            "imbalanced",
            False,
        ),
        ("pr-auc looks good and we use it.", "pr-auc", False),
        ("precision looks great, so we ship it.", "precision", False),
    ],
)
def test_a_measure_shown_to_look_good_while_failing(sentence, alias, want):
    assert shown_misleading(sentence, alias) is want


def test_no_probe_on_what_a_measure_tells_when_the_message_says_it(reader):
    # "With positives this rare, what would accuracy tell you?" after the candidate said
    # accuracy would look great while missing everything asks what was just explained
    text = (
        "Per-class PR-AUC and recall at a fixed precision, because the classes are "
        "imbalanced and accuracy would look great while missing everything."
    )
    a = reader.read(text, problem_id="harmful-content", level="senior")
    assert "accuracy" in [m.concept for m in a.mentions]
    policy = pol.Policy(reader.bank, reader.retriever, "harmful-content", "senior")
    state = InterviewState(stage="evaluate")
    probe = policy._probe_for(state, a)
    assert probe is None or probe.concept != "accuracy", probe


@pytest.mark.parametrize(
    ("text", "echo"),
    [
        # fillers and a lead-in that only points at a stage are not what was said
        (
            "sorry, back to framing for a sec: hides and reports should count against a post.",
            "hides and reports should count against a post",
        ),
        ("Wait - I'd also log dwell time.", "I'd also log dwell time"),
        ("For serving: precompute embeddings nightly.", "precompute embeddings nightly"),
        ("Honestly the labels are noisy.", "Honestly the labels are noisy"),
        # a stage word heading the message is a pointer too
        ("Labels: reviewer verdicts.", "reviewer verdicts"),
        # a clause of a word or two is widened past its commas
        (
            "Text, image and video encoders combined late, shared trunk.",
            "Text, image and video encoders combined late",
        ),
        # cut at ten words, it backs off past the function words the cut left dangling
        (
            "I would start with a two tower model trained on the watch logs of last month",
            "I would start with a two tower model trained…",
        ),
    ],
)
def test_the_echo_quotes_what_was_said_not_the_lead_in(text, echo):
    assert pol._echo(Reading(text=text)) == echo


def test_a_question_about_the_time_left_is_answered_with_the_minutes(setup):
    state, policy = setup
    asked = _answer(
        text="how much time do we have left?",
        intents=["off_topic"],
        non_answer_kind="session",
    )
    move = pol.non_answer(policy, state, asked, 10 * 60.0)
    assert move is not None and move.note == "time"
    assert move.minutes_left == state.minutes - 10
    voice = TemplateVoice(prompts_dir())
    for i in range(3):
        text = voice._pick(
            "offline/redirect.j2",
            None,  # type: ignore[arg-type]
            index=i,
            note="time",
            minutes_left=move.minutes_left,
            stage_name="clarifying the requirements",
        )
        assert f"{move.minutes_left} minutes" in text, text


def test_an_echo_cut_short_is_not_followed_by_a_second_full_stop(bank):
    long_echo = "I would start with a two tower model trained…"
    move = Move("go_deeper", "go_deeper:model:0", "model", echo=long_echo)
    ctx = VoiceContext(problem=bank.problems[AD], move=move, session_id="s", seed=1, minutes=45)
    text = TemplateVoice(prompts_dir()).render(ctx)
    assert "trained…" in text and "…." not in text


@pytest.mark.parametrize(
    ("problem", "stage", "said", "point_made", "asked"),
    [
        (
            "video-recommendation",
            "model",
            "I'd use matrix factorization as a start",
            ", though it fails on cold start",
            "signed up an hour ago",
        ),
        (
            "news-feed",
            "data",
            "I'd add the slot as a feature to handle position bias",
            ", and at serving time it is set to the top slot",
            "serving time",
        ),
    ],
)
def test_a_probe_whose_point_the_candidate_made_is_not_asked(
    bank, retriever, reader, problem, stage, said, point_made, asked
):
    policy = Policy(bank, retriever, problem, "senior")
    state = InterviewState()
    policy.opening(state, 0.0)
    _at(state, policy, stage)
    plain = reader.read(f"{said}.", problem_id=problem, level="senior")
    made = reader.read(f"{said}{point_made}.", problem_id=problem, level="senior")
    move = policy._probe_for(state, plain)
    assert move is not None and asked in (move.question or "")
    again = policy._probe_for(state, made)
    assert again is None or asked not in (again.question or "")


@pytest.mark.parametrize(
    ("text", "ahead"),
    [
        # requirements set while clarifying: the later stages its words touch (precision
        # reads as evaluation and thresholds) are not where the candidate is
        (
            "right. I'd assume we have to catch things before many people see them, so maybe "
            "a few minutes after posting at most. And precision matters for removal since "
            "wrongly removing a post is bad for trust",
            False,
        ),
        # an assumption, then a stage announced: followed
        (
            "Let's say a few minutes after posting at most. For evaluation, precision matters "
            "for removal since wrongly removing a post is bad for trust.",
            True,
        ),
    ],
)
def test_assumptions_stated_while_clarifying_stay_in_clarify(bank, retriever, reader, text, ahead):
    state = InterviewState()
    policy = Policy(bank, retriever, "harmful-content", "senior")
    policy.opening(state, 0.0)
    state.stage_progress().turns = 2
    a = reader.read(text, problem_id="harmful-content", level="senior")
    pol.follow_candidate_ahead(policy, state, a, SOON)
    assert (state.stage != "clarify") is ahead, (a.stages, state.stage)


def test_taking_the_mistake_back_after_the_pushback_probe_still_stays(setup):
    """After 'why not?' got the probe again (key 'pushback:<id>'), the candidate's taking the
    mistake back is still an answer here, not a move on (the review: only 'mistake:' was read)."""
    state, policy = setup
    _at(state, policy, "data")
    state.last_move = "pushback:gen-data-random-split-leakage"
    assert policy.probed_mistake(state) is not None
    text = "ok, I'd rather split by time: train on earlier weeks, test on the last week."
    reading = _answer(
        text=text,
        norm=text.lower(),
        claims=[_claim("gen-model-loss-function", text)],
        stages=["model"],
    )
    assert pol.follow_candidate_ahead(policy, state, reading, SOON) is None
    assert state.stage == "data"


def test_no_go_deeper_on_the_short_answer_to_a_mistake_probe(setup):
    """'ok no, conversions come after the click so that's leakage, I'd drop it' answered the
    probe; it got 'You mentioned leakage. Can you go one level deeper ...' (a hand interview)."""
    state, policy = setup
    _at(state, policy, "data", turns=1)
    text = "ok no, conversions come after the click so that's leakage, I'd drop it."
    reading = _answer(text=text, norm=text.lower(), content_count=8)
    state.last_move = "mistake:gen-data-serving-unavailable-features"
    assert pol.go_deeper(policy, state, reading, SOON) is None
    state.last_move = "nudge:gen-data-feature-groups"  # the control: no mistake was probed
    assert pol.go_deeper(policy, state, reading, SOON) is not None


# -- a probe whose point the same message already made (issue 12, the hand interview) ----------


def _probe_after(bank, retriever, reader, problem: str, stage: str, text: str):
    """The probe the policy would ask right after `text`, at `stage` of a fresh interview."""
    policy = Policy(bank, retriever, problem, "senior")
    state = InterviewState()
    policy.opening(state, 0.0)
    _at(state, policy, stage)
    return policy._probe_for(state, reader.read(text, problem_id=problem, level="senior"))


@pytest.mark.parametrize(
    ("problem", "stage", "said", "point_made", "asked"),
    [
        (
            "harmful-content",
            "data",
            "We get user reports on posts",
            ". User reports alone are noisy, so I wouldn't use them as labels directly, only "
            "as a feature and a signal for what to review",
            "one report in ten",
        ),
        (
            "harmful-content",
            "frame",
            "I'd start with late fusion of a text and an image model",
            ", then try early fusion if we see cross-modal cases like memes",
            "meme where the image and the caption",
        ),
        # a lexicon probe (concepts.yaml), the dev conversation's recalibration question
        (
            "news-feed",
            "data",
            "Positives are rare, so I'd downsample the negatives",
            ", with the probabilities corrected for the sampling rate afterwards",
            "correct the predicted probabilities",
        ),
    ],
)
def test_a_bank_probe_whose_point_the_message_made_is_not_asked(
    bank, retriever, reader, problem, stage, said, point_made, asked
):
    plain = _probe_after(bank, retriever, reader, problem, stage, f"{said}.")
    assert plain is not None and asked in (plain.question or "").lower()
    made = _probe_after(bank, retriever, reader, problem, stage, f"{said}{point_made}.")
    assert made is None or asked not in (made.question or "").lower()


def test_a_point_denied_in_the_message_is_not_a_point_made(bank, retriever, reader):
    """answered_by reads what the message affirms: waving the noise away is not raising it."""
    said = "I'd train on user reports as labels. I won't worry about the reports being noisy."
    move = _probe_after(bank, retriever, reader, "harmful-content", "data", said)
    assert move is not None and "one report in ten" in (move.question or "").lower()


def test_a_point_made_skips_only_its_own_question_of_the_concept(bank, retriever, reader):
    """The reports' noise made, the other point of the concept (abuse of the button) is still
    the probe to ask."""
    said = (
        "We get user reports on posts. They are noisy, so I wouldn't use them as labels "
        "directly, only as a feature."
    )
    move = _probe_after(bank, retriever, reader, "harmful-content", "data", said)
    assert move is not None and "abuse the report button" in (move.question or "")


# -- a point made earlier in the stage (issue 12, the hand interview) -------------------------


def _probe_after_messages(bank, retriever, reader, problem: str, stage: str, texts: list[str]):
    """The probe the policy would ask after the last of `texts`, all said at `stage`."""
    policy = Policy(bank, retriever, problem, "senior")
    state = InterviewState()
    policy.opening(state, 0.0)
    _at(state, policy, stage)
    state.facts_revealed.append("reviewer-labels")  # the 85% was asked for while clarifying
    for seq, text in enumerate(texts, start=1):
        reading = reader.read(text, problem_id=problem, level="senior")
        pol.observe(state, reading, seq)
    return policy._probe_for(state, reading)


EARLIER_POINT = (
    "For hate speech where agreement is only 85%, I'd get two or three reviewers per item "
    "and take the majority."
)
NOISE_PROBE = "agree on only 85%"


def test_a_point_made_earlier_in_the_stage_is_not_asked(bank, retriever, reader):
    """The hand interview: the reviewers' noise handled in one message, then the noise probe
    two messages later, on the next mention of reviewers."""
    later = [
        "Policy categories would be the label classes.",
        "The labels come from human reviewers on a sample of posts.",
    ]
    fresh = _probe_after_messages(bank, retriever, reader, "harmful-content", "data", later)
    assert fresh is not None and NOISE_PROBE in (fresh.question or ""), fresh
    move = _probe_after_messages(
        bank, retriever, reader, "harmful-content", "data", [EARLIER_POINT, *later]
    )
    assert move is None or NOISE_PROBE not in (move.question or ""), move


def test_a_point_made_in_another_stage_does_not_skip_the_probe(bank, retriever, reader):
    """Only the stage's own messages count: said while clarifying, the point is asked again
    once the labels are designed."""
    policy = Policy(bank, retriever, "harmful-content", "senior")
    state = InterviewState()
    policy.opening(state, 0.0)
    state.facts_revealed.append("reviewer-labels")
    said = reader.read(EARLIER_POINT, problem_id="harmful-content", level="senior")
    pol.observe(state, said, 1)
    _at(state, policy, "data")
    text = "The labels come from human reviewers on a sample of posts."
    reading = reader.read(text, problem_id="harmful-content", level="senior")
    pol.observe(state, reading, 2)
    move = policy._probe_for(state, reading)
    assert move is not None and NOISE_PROBE in (move.question or ""), move
