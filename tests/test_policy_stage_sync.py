"""The policy keeps in step with a candidate who drives (issue 12): move-on requests are
honoured even with a mistake to probe, the interview follows them to the stage their message
is on, and questions they answer themselves get no "make an assumption". Hand-built readings
and states, like tests/test_policy_rules.py."""

from __future__ import annotations

import pytest

from app.interview import policy as pol
from app.knowledge.text import normalize
from app.understanding.schema import Question, Reading
from app.understanding.signposts import headed_stage
from tests import test_policy_rules as base

SOON = base.SOON
setup = base.setup  # the ad-click interview opened in clarify
_answer, _claim, _claiming = base._answer, base._claim, base._claiming


def _at(state, policy, stage: str) -> None:
    base._at(state, policy, stage, turns=1)


def _mistake_with(quote: str, flag: str, good: str, **kw) -> Reading:
    """An answer showing `good` and, in `quote`, the red flag `flag`."""
    return _answer(text=quote, claims=[_claim(good), _claim(flag, quote, red_flag=True)], **kw)


# -- mistake_first ----------------------------------------------------------------------------


def test_a_mistake_said_while_asking_to_move_on_is_probed_from_the_stage_asked_for(setup):
    """'... labels from reviewer decisions. Shall we move to evaluation?' read with a (data)
    red flag: the probe comes, but from evaluation, not from the stage left behind."""
    state, policy = setup
    reading = _mistake_with(
        "As a feature I'd use whether the user clicked the ad.",
        "gen-data-serving-unavailable-features",
        "ad-frame-binary-pctr",
        intents=["move_on", "answer"],
        move_to="evaluate",
        stages=["frame", "data"],
    )
    move = pol.mistake_first(policy, state, reading, SOON)
    assert move is not None and move.note == "mistake"
    assert move.stage == "evaluate" and state.stage == "evaluate"


def test_a_mistake_under_an_earlier_heading_is_probed_from_the_heading(setup):
    """'model -> precompute pCTR for every pair nightly' (a serving mistake said under the
    model heading): the candidate said where they are, so the probe comes from the model."""
    state, policy = setup
    _at(state, policy, "data")
    reading = _mistake_with(
        "model -> I'd precompute pCTR for all user-ad pairs in a nightly batch.",
        "ad-serve-batch-all-pairs",
        "ad-frame-calibration-need",
        stages=["model", "serve"],
    )
    move = pol.mistake_first(policy, state, reading, SOON)
    assert move is not None and move.criterion_id == "ad-serve-batch-all-pairs"
    assert state.stage == "model" and move.stage == "model"


def test_a_mistake_is_probed_from_its_own_later_stage(setup):
    """'Serving: exact kNN ...' also reads as framing (an embedding space): the mistake is a
    serving one, so the interview follows to serving, not to framing."""
    state, policy = setup
    reading = _mistake_with(
        "Serving: precompute pCTR for all user-ad pairs in a nightly batch.",
        "ad-serve-batch-all-pairs",
        "ad-frame-calibration-need",
        stages=["frame", "serve"],
    )
    move = pol.mistake_first(policy, state, reading, SOON)
    assert move is not None and move.criterion_id == "ad-serve-batch-all-pairs"
    assert state.stage == "serve" and move.stage == "serve"


def test_a_mistake_of_an_earlier_stage_does_not_pull_the_interview_back(setup):
    state, policy = setup
    _at(state, policy, "serve")
    quote = "I'd use the time spent on the landing page as a feature."
    reading = _answer(
        text=quote, claims=[_claim("gen-data-serving-unavailable-features", quote, True)]
    )
    move = pol.mistake_first(policy, state, reading, SOON)
    assert move is not None and state.stage == "serve" and move.stage == "serve"


# -- move_on_requested ------------------------------------------------------------------------


def test_move_on_without_a_stage_named_follows_the_message_past_the_next_stage(setup):
    """'I'm done here; the model would be LR then DeepFM' said in clarify goes to the model,
    not one step to framing."""
    state, policy = setup
    reading = _answer(
        intents=["move_on", "answer"],
        claims=[_claim("ad-model-lr-baseline"), _claim("ad-model-interaction-model")],
    )
    move = pol.move_on_requested(policy, state, reading, SOON)
    assert move is not None and move.note == "candidate asked to move on"
    assert state.stage == "model" and state.skipped == ["frame", "data"]


def test_move_on_without_a_stage_named_still_advances_one_when_nothing_is_further(setup):
    state, policy = setup
    reading = _answer(intents=["move_on", "answer"], claims=[_claim("ad-frame-binary-pctr")])
    move = pol.move_on_requested(policy, state, reading, SOON)
    assert move is not None and state.stage == "frame" and state.skipped == []


def test_a_bare_next_is_a_request_for_the_next_stage(setup):
    """'Next.' then 'Binary. Calibrated pCTR.': the terse answer, read as evaluation (no point
    shown, no concept of it named), is on the framing the candidate asked for."""
    state, policy = setup
    pol.move_on_requested(policy, state, _answer(text="Next.", intents=["move_on"]), SOON)
    assert state.stage == "frame" and state.stage_progress().asked_next
    pol.observe(state, _answer(text="Binary. Calibrated pCTR.", stages=["evaluate"]), 2)
    terse = _answer(text="Binary. Calibrated pCTR.", stages=["evaluate"])
    assert policy._ahead(state, terse) is None


def test_a_move_on_with_content_is_no_bare_request(setup):
    state, policy = setup
    reading = _answer(intents=["move_on", "answer"], claims=[_claim("ad-frame-binary-pctr")])
    pol.move_on_requested(policy, state, reading, SOON)
    assert state.stage == "frame" and not state.stage_progress().asked_next


# -- answer_fact_questions --------------------------------------------------------------------


def test_a_question_the_candidate_answers_gets_no_make_an_assumption(setup):
    """'How long? 5B dot products per query is absurd, so HNSW shards...': no fact asked, an
    answer given; the answer is what the interviewer responds to."""
    state, policy = setup
    _at(state, policy, "serve")
    reading = _answer(
        intents=["ask", "answer"],
        questions=[Question(text="How long?")],
        claims=[_claim("ad-serve-latency-tricks")],
    )
    assert pol.answer_fact_questions(policy, state, reading, SOON) is None
    move = policy.decide(state, reading, SOON)
    assert move.kind != "answer" and not move.unknown


def test_an_off_sheet_question_alone_still_gets_make_an_assumption(setup):
    state, policy = setup
    reading = Reading(
        intents=["ask"], content_count=6, questions=[Question(text="How many engineers?")]
    )
    move = pol.answer_fact_questions(policy, state, reading, SOON)
    assert move is not None and move.unknown == ["How many engineers?"]


def test_a_fact_asked_on_the_way_to_a_later_stage_is_answered_there(setup):
    """'LR with crosses, then DCN. What's the latency budget?' in clarify: the fact, and the
    interview follows to the model instead of staying one stage behind."""
    state, policy = setup
    reading = _answer(
        intents=["ask", "answer"],
        questions=[Question(text="latency budget?", fact_id="latency", topic="latency")],
        claims=[_claim("ad-model-lr-baseline"), _claim("ad-model-interaction-model")],
    )
    move = pol.answer_fact_questions(policy, state, reading, SOON)
    assert move is not None and [f.id for f in move.facts] == ["latency"]
    assert move.kind == "next_stage" and state.stage == "model"


def test_a_concept_named_in_a_question_does_not_move_the_interview(setup):
    """'Base CTR?' names an evaluation concept; no rubric points shown, so no jump."""
    state, policy = setup
    reading = Reading(
        intents=["ask"],
        stages=["evaluate"],
        questions=[Question(text="Base CTR?", fact_id="labels", topic="labels")],
    )
    move = pol.answer_fact_questions(policy, state, reading, SOON)
    assert move is not None and move.kind == "answer" and state.stage == "clarify"


# -- the stage a message is about ---------------------------------------------------------------


def test_the_readers_first_stage_leads_even_when_this_stage_is_also_named(setup):
    """'Monitoring: ANN recall against exact search...' in serving names serving terms too;
    the reader ranks monitoring first, and no rubric points say otherwise."""
    state, policy = setup
    _at(state, policy, "serve")
    reading = _answer(stages=["monitor", "evaluate", "serve"])
    move = pol.follow_candidate_ahead(policy, state, reading, SOON)
    assert move is not None and state.stage == "monitor"


def test_a_red_flag_of_this_stage_holds_against_a_stray_later_claim(setup):
    """'... under-13 accounts stay out of training; filter them upstream' read with a data red
    flag and a 2-point monitoring claim: the message is about data, no jump to monitoring."""
    state, policy = setup
    _at(state, policy, "data")
    reading = _answer(
        claims=[
            _claim("ad-data-sensitive-attributes", "religion", red_flag=True),
            _claim("ad-monitor-feedback-loop", "upstream"),
        ]
    )
    assert pol.follow_candidate_ahead(policy, state, reading, SOON) is None
    assert state.stage == "data"


def test_back_on_a_stage_jumped_over_the_interview_does_not_bounce_forward_again(setup):
    """Revisiting framing after serving and monitoring: serving talk there is not a reason to
    go back to serving (it was covered); the revisit ends by advancing to what is left."""
    state, policy = setup
    for stage in ("clarify", "serve", "monitor"):
        state.stage_progress(stage).turns = 1
    _at(state, policy, "frame")
    reading = _answer(claims=[_claim("ad-serve-feature-store"), _claim("ad-serve-latency-tricks")])
    assert pol.follow_candidate_ahead(policy, state, reading, SOON) is None
    assert state.stage == "frame"


# -- clarify_prompt and the reply to it ---------------------------------------------------------


def test_the_clarify_prompt_is_asked_from_the_stage_the_candidate_jumped_to(setup):
    """A candidate who starts on the model with the business goal unasked hears the goal
    question once, but the interview is in model development with them, not held back."""
    state, policy = setup
    reading = _answer(claims=[_claim("ad-model-lr-baseline"), _claim("ad-model-interaction-model")])
    move = pol.clarify_prompt(policy, state, reading, SOON)
    assert move is not None and move.kind == "clarify_prompt"
    assert move.criterion_id == "gen-clarify-business-objective"
    assert state.stage == "model" and move.stage == "model" and move.from_stage == "clarify"
    assert state.skipped == ["frame", "data"]


def test_the_reply_to_the_clarify_prompt_is_not_taken_as_moving_on(setup):
    state, policy = setup
    _at(state, policy, "frame")
    state.open_question = "Before we go further, what would success look like for the company here?"
    reply = _answer(claims=[_claim("gen-clarify-business-objective", "grow revenue")])
    assert pol.nothing_new(policy, state, reply, SOON) is None and state.stage == "frame"
    state.open_question = "What would the model predict?"
    # (a reply showing clarify points after another question is an afterthought about an
    # earlier stage, which stays put too: see test_an_afterthought_about_an_earlier_stage_...)
    unrelated = _answer(text="Here is what I would do about it, at length and in detail.")
    state.stage_progress().turns = 2  # (a first reply placed nowhere moves nothing on)
    assert pol.nothing_new(policy, state, unrelated, SOON) is not None


# -- no contradictions in one reply -------------------------------------------------------------


def test_a_part_about_a_fact_given_in_the_same_reply_gets_no_no_specifics(setup):
    """'What's the CTR, and how quickly are clicks logged?' with the second half read as off
    the sheet: the CTR fact says when clicks are logged, so no 'I don't have specifics on how
    quickly clicks are logged' in the same reply. An unrelated part still gets one."""
    state, policy = setup
    reading = Reading(
        intents=["ask"],
        questions=[
            Question(text="What's the CTR", fact_id="labels", topic="labels"),
            Question(text="how quickly are clicks logged after an impression"),
            Question(text="how many engineers work on ads"),
        ],
    )
    move = pol.answer_fact_questions(policy, state, reading, SOON)
    assert move is not None and [f.id for f in move.facts] == ["labels"]
    assert move.unknown == ["how many engineers work on ads"]


# -- the candidate's own words, quoted back -----------------------------------------------


def test_a_mistake_is_quoted_by_the_clause_that_says_it_not_an_opener():
    own = pol._own_words
    said = "cool, so for kids I'd still personalise off their watch history, they watch the most."
    assert own(said, None) == "so for kids I'd still personalise off their watch history"
    said = "oh and a feature I'd love: how long the post stayed on the person's screen, wow."
    assert own(said, "stayed on screen") == "how long the post stayed on the person's screen"
    assert own("The headline metric will be Accuracy.", "accuracy") == "Accuracy"
    long = "I'd use every single signal we log about each user and each post as one feature here"
    assert own(long, None) == " ".join(long.split()[:14]) + "…"


def test_a_detectors_phrase_cut_short_is_quoted_to_its_clauses_end():
    """The mistake detectors keep 60 characters of what they matched; a hand interview's echo
    read 'I want to challenge "For the model, I'd use a CNN on the tabular" a bit'."""
    said = (
        "For the model, I'd use a CNN on the tabular features since deep learning is the most "
        "accurate."
    )
    cut = said.lower()[:60]
    assert pol._own_words(said, cut) == "For the model, I'd use a CNN on the tabular features"


# -- follow_candidate_ahead: back to a skipped stage ---------------------------------------


def test_a_message_about_a_skipped_stage_takes_the_interview_back_there(setup):
    """Jumped from clarify to the model, the candidate then talks data ('a click is a
    positive, ...'): the interview follows them back to data, which is no longer owed a
    revisit; framing still is."""
    state, policy = setup
    pol.follow_candidate_ahead(
        policy, state, _answer(claims=[_claim("ad-model-lr-baseline")]), SOON
    )
    assert state.stage == "model" and state.skipped == ["frame", "data"]
    state.stage_progress().turns = 1
    reading = _answer(claims=[_claim("ad-data-label-definition")])
    move = pol.follow_candidate_ahead(policy, state, reading, SOON)
    assert move is not None and move.kind == "next_stage" and move.from_stage == "model"
    assert state.stage == "data" and state.skipped == ["frame"]


def test_a_message_also_about_the_current_stage_stays_put(setup):
    state, policy = setup
    pol.follow_candidate_ahead(
        policy, state, _answer(claims=[_claim("ad-model-lr-baseline")]), SOON
    )
    state.stage_progress().turns = 1
    reading = _answer(
        claims=[_claim("ad-data-label-definition"), _claim("ad-model-interaction-model")]
    )
    assert pol.follow_candidate_ahead(policy, state, reading, SOON) is None
    assert state.stage == "model"


def test_move_on_to_a_stage_already_visited_goes_to_the_next_unvisited_one(setup):
    """Jumped to serving, back to framing (the candidate went back), on to the model: 'let's
    do serving' does not enter serving twice; evaluation, not yet visited, comes next."""
    state, policy = setup
    _at(state, policy, "serve")
    state.stage_progress().turns = 1
    state.skipped = ["frame", "data", "model", "evaluate"]
    for stage in ("frame", "data", "model"):
        _at(state, policy, stage)
        state.stage_progress().turns = 1
    reading = Reading(intents=["move_on"], move_to="serve")
    move = pol.move_on_requested(policy, state, reading, SOON)
    assert move is not None and state.stage == "evaluate"


def test_move_on_to_the_stage_the_interview_is_in_stays_there(setup):
    """'I've covered serving' (the stage after it: monitoring) said once the interview has
    moved on to monitoring by itself: it stays, asking what is missing there, instead of
    advancing past the end (a revisit, or the wrap-up)."""
    state, policy = setup
    for stage in ("clarify", "frame", "data", "model", "evaluate", "serve"):
        state.stage_progress(stage).turns = 1
    state.skipped = []
    base._at(state, policy, "monitor", turns=1)
    reading = Reading(intents=["move_on"], move_to="monitor")
    move = pol.move_on_requested(policy, state, reading, SOON)
    assert move is not None and move.kind == "next_stage" and not state.ended
    assert state.stage == "monitor" and move.stage == "monitor"
    assert move.criterion_id is None or policy._by_id[move.criterion_id].stage == "monitor"


def test_a_message_going_back_over_a_jump_is_followed_to_where_its_walk_ends(setup):
    """Jumped from clarify to evaluation by mistake; the next message walks data then model:
    the interview goes back to the model (where the candidate ended), not to data (most
    points)."""
    state, policy = setup
    policy._jump(state, SOON, "evaluate", "candidate moved ahead")
    state.stage_progress().turns = 1
    text = "Data: bounced clicks are not positives, and CTR counters per ad. Model: LR, then DCN."
    reading = _answer(
        text=text,
        claims=[
            _claim("ad-data-label-definition", "Data: bounced clicks are not positives"),
            _claim("ad-data-historical-counts", "and CTR counters per ad"),
            _claim("ad-model-interaction-model", "Model: LR, then DCN."),
        ],
    )
    assert policy._skipped_back(state, reading) == "model"


# -- a message that walks forward through the stages (issue 12, round 3) ---------------------


def _walk(text: str, *claims: tuple[str, str], **kw) -> Reading:
    """An answer with `text`, read as showing each (criterion, quote) pair."""
    return _answer(text=text, claims=[_claim(cid, quote) for cid, quote in claims], **kw)


FRAME_THEN_DATA = (
    "It's a calibrated click probability per impression, multiplied by the bid. "
    "Clicks that bounce within two seconds I'd drop as positives."
)


def test_a_message_walking_through_two_stages_is_followed_to_the_last(setup):
    """Framing (5 points) then data (2 points), a sentence each, said in clarify: the
    candidate is on data now, not on the stage with the most points."""
    state, policy = setup
    fresh = state.model_copy(deep=True)
    reading = _walk(
        FRAME_THEN_DATA,
        ("ad-frame-calibration-need", "It's a calibrated click probability per impression"),
        ("ad-frame-binary-pctr", "It's a calibrated click probability"),
        ("ad-data-label-definition", "Clicks that bounce within two seconds"),
    )
    move = pol.follow_candidate_ahead(policy, state, reading, SOON)
    assert move is not None and state.stage == "data"
    # the same claims with no order to read (quotes not in the text): the most points lead
    unordered = reading.model_copy(update={"text": "Here is what I would do."})
    assert pol.follow_candidate_ahead(policy, fresh, unordered, SOON) is not None
    assert fresh.stage == "frame"


def test_a_message_going_back_and_forth_is_not_a_walk(setup):
    """Data, then framing: no walk; the stage with the most points (framing) leads."""
    state, policy = setup
    text = "Clicks that bounce within two seconds I'd drop. It's a calibrated click probability."
    reading = _walk(
        text,
        ("ad-data-label-definition", "Clicks that bounce within two seconds"),
        ("ad-frame-calibration-need", "It's a calibrated click probability"),
    )
    assert policy._walked_to(reading) is None
    assert pol.follow_candidate_ahead(policy, state, reading, SOON) is not None
    assert state.stage == "frame"


def test_a_sentence_still_on_the_walks_stage_does_not_step_it_forward(setup):
    """Framing, then data, then a clause with more data and a word about the model: the
    last clause is still data (it shows data points), so the walk ends on data, where
    most of the points are, not on the model."""
    state, policy = setup
    text = (
        "It's a calibrated click probability per impression. "
        "Clicks that bounce within two seconds I'd drop as positives; "
        "smoothed CTR counters per advertiser, and a wide-and-deep model over them."
    )
    reading = _walk(
        text,
        ("ad-frame-calibration-need", "It's a calibrated click probability per impression"),
        ("ad-data-label-definition", "Clicks that bounce within two seconds"),
        ("ad-data-feature-crosses", "smoothed CTR counters per advertiser"),
        ("ad-model-interaction-model", "smoothed CTR counters per advertiser"),
    )
    assert policy._walked_to(reading) == "data"
    assert pol.follow_candidate_ahead(policy, state, reading, SOON) is not None
    assert state.stage == "data"


def test_a_red_flag_does_not_walk_the_interview_forward(setup):
    """A data red flag read again in its correction, then a stray monitoring claim: the
    candidate is still on data, no walk to monitoring."""
    state, policy = setup
    _at(state, policy, "data")
    text = "Right, sensitive attributes stay out. I'd filter them upstream in the pipeline."
    reading = _answer(
        text=text,
        claims=[
            _claim("ad-data-sensitive-attributes", "Right, sensitive attributes stay out", True),
            _claim("ad-monitor-feedback-loop", "I'd filter them upstream"),
        ],
    )
    assert policy._walked_to(reading) is None
    assert pol.follow_candidate_ahead(policy, state, reading, SOON) is None
    assert state.stage == "data"


# -- going back to a stage behind (issue 12, round 3) ---------------------------------------


def test_an_afterthought_about_an_earlier_stage_does_not_advance(setup):
    """'Wait, back to features for a second: hide counts too' said in the model stage shows
    only data points: the interview neither goes back nor takes it as moving on."""
    state, policy = setup
    _at(state, policy, "data")
    pol.advance(policy, state, _answer(), SOON)
    assert state.stage == "model"
    state.stage_progress().turns = 1
    reading = _claiming("ad-data-historical-counts", "hide and report counts")
    assert pol.follow_candidate_ahead(policy, state, reading, SOON) is None
    assert pol.nothing_new(policy, state, reading, SOON) is None
    move = pol.nudge_missing(policy, state, reading, SOON)
    assert move is not None and move.stage == "model" and state.stage == "model"


def test_a_skipped_stage_is_followed_back_to_only_right_after_the_jump_over_it(setup):
    """Jumped from framing to serving (data, model, evaluation skipped): data talk on the
    first message in serving corrects the jump; on a later message it is an afterthought.
    Nor does a stage reached without jumping over it (monitoring after serving) go back."""
    state, policy = setup
    _at(state, policy, "frame")
    policy._jump(state, SOON, "serve", "candidate moved ahead")
    data_talk = _claiming("ad-data-label-definition", "bounced clicks are not positives")
    later = state.model_copy(deep=True)
    state.stage_progress().turns = 1
    assert policy._skipped_back(state, data_talk) == "data"
    later.stage_progress().turns = 2
    assert policy._skipped_back(later, data_talk) is None
    policy._enter(later, "monitor", SOON)
    later.stage_progress().turns = 1
    assert "data" in later.skipped and policy._skipped_back(later, data_talk) is None


# -- the revisit of a stage jumped over ------------------------------------------------------


def _at_the_end_with_frame_skipped(state, policy) -> None:
    """Everything visited but framing, which was jumped over; now in monitoring."""
    for stage in ("clarify", "data", "model", "evaluate", "serve"):
        state.stage_progress(stage).turns = 1
    state.skipped = ["frame"]
    base._at(state, policy, "monitor", turns=1)


def test_the_revisit_of_a_touched_stage_asks_what_is_missing_there(setup):
    """Framing was touched on the way ('a calibrated click probability'): coming back to it
    asks for a missing framing criterion, not the stage's opening question about what the
    model should predict."""
    state, policy = setup
    _at_the_end_with_frame_skipped(state, policy)
    state.coverage["ad-frame-calibration-need"] = [3]
    move = pol.advance(policy, state, _answer(), SOON)
    assert move.kind == "next_stage" and move.note == "revisit skipped stage"
    assert state.stage == "frame" and move.criterion_id is not None
    assert move.criterion_id != "ad-frame-calibration-need"
    assert move.key.startswith("nudge:")


def test_a_stage_covered_on_the_way_is_not_revisited(setup):
    state, policy = setup
    _at_the_end_with_frame_skipped(state, policy)
    for crit in policy.criteria("frame"):
        if crit.points > 0:
            state.coverage[crit.id] = [3]
    move = pol.advance(policy, state, _answer(), SOON)
    assert move.kind == "wrap_up" and state.end_reason == "completed"


def test_a_problem_criterion_pins_the_stage_against_a_generic_one(setup):
    """'I'd predict a calibrated click probability so the auction gets the revenue goal right'
    said in clarify, read as this problem's framing criterion (2 points) and the generic
    online-metric one (3 points, from 'revenue goal'): the problem's own criterion says where
    the candidate is (framing), not the broad generic match (evaluation)."""
    state, policy = setup
    reading = _answer(
        claims=[_claim("ad-frame-binary-pctr"), _claim("gen-evaluate-online-metric")],
    )
    move = pol.follow_candidate_ahead(policy, state, reading, SOON)
    assert move is not None and state.stage == "frame"


# -- a wrap-up of several stages closed with "those are settled" (issue 12, round 9) -----------

WRAP = (
    "Online I'd watch revenue per impression. Clicks that bounce within two seconds are not "
    "positives. Model: LR with crosses, then DCN. I'm happy with those."
)


def _wrap(*claims: tuple[str, str], stages: list[str]) -> Reading:
    return _answer(
        text=WRAP,
        claims=[_claim(cid, quote) for cid, quote in claims],
        intents=["move_on", "answer"],
        stages=stages,
    )


def test_a_generic_sentence_in_a_closed_wrap_does_not_carry_the_jump(setup):
    """Data then model, closed with "I'm happy with those", led by a sentence read only as a
    generic criterion of a later stage (an online metric): the interview goes on to
    evaluation, after the model, not past it to serving."""
    state, policy = setup
    _at(state, policy, "frame")
    reading = _wrap(
        ("gen-evaluate-online-metric", "Online I'd watch revenue per impression."),
        ("ad-data-label-definition", "Clicks that bounce within two seconds"),
        ("ad-model-interaction-model", "Model: LR with crosses, then DCN."),
        stages=["model", "evaluate", "data"],
    )
    assert policy._closed_through(reading, "frame") == "model"
    pol.move_on_requested(policy, state, reading, SOON)
    assert state.stage == "evaluate"


def test_a_closed_wrap_counts_only_stages_the_reader_finds_it_on(setup):
    """A specific serving criterion read in a sentence of a wrap the reader finds on data and
    model only does not count; a specific evaluation criterion the reader agrees with does."""
    state, policy = setup
    _at(state, policy, "frame")
    serve = ("ad-serve-feature-store", "Online I'd watch revenue per impression.")
    data = ("ad-data-label-definition", "Clicks that bounce within two seconds")
    model = ("ad-model-interaction-model", "Model: LR with crosses, then DCN.")
    alone = _wrap(serve, data, model, stages=["data", "model"])
    assert policy._closed_through(alone, "frame") == "model"
    agreed = _wrap(serve, data, model, stages=["data", "model", "serve"])
    assert policy._closed_through(agreed, "frame") == "serve"


def test_a_generic_sentence_of_the_current_stage_closes_it(setup):
    """'Ok, monthly refresh with drift checks. That's all.' said in monitoring, read as a
    generic monitoring criterion only: it closes the stage the interview is on (the last one,
    so the interview wraps up), where the same sentence said from framing would not count."""
    state, policy = setup
    _at(state, policy, "monitor")
    reading = _answer(
        text="Ok, monthly refresh with drift checks. That's all.",
        claims=[_claim("gen-monitor-data-drift", "Ok, monthly refresh with drift checks.")],
        intents=["move_on"],
        stages=["monitor"],
    )
    assert policy._closed_through(reading, "frame") is None
    assert policy._closed_through(reading, "monitor") == "monitor"
    move = pol.move_on_requested(policy, state, reading, SOON)
    assert move is not None and move.kind == "wrap_up"


def test_closing_a_stage_after_content_counts_only_stages_shown_by_its_own_criteria(setup):
    """'Binary pCTR with calibrated outputs. I'd file the framing as complete.' in framing,
    where the first sentence also reads as a generic data criterion: the framing is closed,
    so data comes next, not the stage after data."""
    state, policy = setup
    _at(state, policy, "frame")
    said = "Binary pCTR with calibrated outputs, one row per impression."
    reading = _answer(
        text=f"{said} I'd file the framing as complete.",
        claims=[_claim("ad-frame-binary-pctr", said), _claim("gen-data-feature-groups", said)],
        intents=["move_on", "answer"],
        stages=["frame", "data"],
    )
    move = pol.move_on_requested(policy, state, reading, SOON)
    assert move is not None and state.stage == "data"


# -- walks through the stages -----------------------------------------------------------------


def _two_sentences(first: str, second: str, *second_shows: str) -> Reading:
    """A data sentence (the label defined), then `second` showing the criteria `second_shows`."""
    return _answer(
        text=f"{first} {second}",
        claims=[
            _claim("ad-data-label-definition", first),
            *(_claim(cid, second) for cid in second_shows),
        ],
        stages=["data", "model", "frame", "serve"],
    )


LABELS = "Rows are impressions labelled by a click within the hour."


def test_a_stage_spoken_of_as_still_to_come_does_not_step_the_walk_on(setup):
    """'Rows are impressions labelled by a click within the hour. I'd keep the features cheap,
    because serving only gets 15 ms later on.': the candidate is on the data, looking ahead."""
    _, policy = setup
    later = "I'd keep the features cheap to look up, because serving only gets 15 ms later on."
    reading = _two_sentences(LABELS, later, "ad-serve-feature-store")
    assert policy._walked_to(reading) is None
    now = later.replace(" later on", "")
    assert policy._walked_to(_two_sentences(LABELS, now, "ad-serve-feature-store")) == "serve"


def test_a_stage_named_in_a_sentence_breaks_a_tie_of_points(setup):
    """'... I won't say much about the model: a calibrated click probability from a DCN.'
    showing as many framing as model points is the model: the walk goes data -> model."""
    _, policy = setup
    named = "I won't say much about the model: a calibrated click probability from a DCN."
    shows = ("ad-frame-binary-pctr", "ad-model-interaction-model")
    assert policy._walked_to(_two_sentences(LABELS, named, *shows)) == "model"
    unnamed = named.replace("about the model", "about it")
    # a tie goes to the earlier stage: back to the framing, no walk
    assert policy._walked_to(_two_sentences(LABELS, unnamed, *shows)) is None


def test_back_to_the_stage_a_message_announces_and_the_guess_left_unvisited(setup):
    """Jumped from clarify to evaluation on a guess, the first message there opens 'For the
    model, ...' and shows framing and model points alike: the interview follows them back to
    the model, and evaluation, where nobody talked, is still ahead (not done)."""
    state, policy = setup
    policy._jump(state, SOON, "evaluate", "candidate moved ahead")
    assert state.stage == "evaluate" and state.skipped == ["frame", "data", "model"]
    text = "For the model, a calibrated click probability from a DCN."
    reading = _answer(
        text=text,
        claims=[_claim("ad-frame-binary-pctr", text), _claim("ad-model-interaction-model", text)],
        stages=["model", "frame"],
    )
    pol.observe(state, reading, 3)
    move = pol.follow_candidate_ahead(policy, state, reading, SOON)
    assert move is not None and move.note == "candidate went back" and state.stage == "model"
    assert not pol._visited(state, "evaluate")


def test_a_question_closing_a_walk_is_no_step_back(setup):
    """Framing, then data, then a clarifying question about the logs: the walk ends on the
    data, where the candidate is, not back in clarify; a question mid-message still breaks it."""
    _, policy = setup
    ask = "How many days of logs do we keep?"
    claims = (
        ("ad-frame-calibration-need", "It's a calibrated click probability per impression"),
        ("ad-data-label-definition", "Clicks that bounce within two seconds"),
        ("ad-clarify-base-rate", ask),
    )
    reading = _walk(f"{FRAME_THEN_DATA} {ask}", *claims)
    assert policy._walked_to(reading) == "data"
    middle = "It's a calibrated click probability per impression, multiplied by the bid."
    rest = "Clicks that bounce within two seconds I'd drop as positives."
    assert policy._walked_to(_walk(f"{middle} {ask} {rest}", *claims)) is None


def test_back_on_a_stage_jumped_over_with_nothing_said_on_it(setup):
    """'Let me skip framing and data and talk model', then 'Back on features for a moment:
    ...': the candidate went back to the data they passed over (the jump was theirs, but they
    name where they went); once the data has been talked about, the same words are an
    afterthought and the interview stays."""
    state, policy = setup
    asked = _answer(text="let me skip framing and data and talk model", intents=["move_on"])
    asked.move_to = "model"
    assert pol.move_on_requested(policy, state, asked, SOON) is not None
    assert state.stage == "model" and "data" in state.skipped
    state.stage_progress().turns = 1
    text = "Back on features for a moment: the user's recent click rate per hour of day."
    back = _claiming("ad-data-label-definition", text)
    back.norm = text.lower()
    assert policy._skipped_back(state, back) == "data"
    state.coverage["ad-data-label-definition"] = ["m1"]  # the data was talked about after all
    assert policy._skipped_back(state, back) is None


def test_jumping_to_the_model_after_asking_requirements_is_no_mistake(setup):
    """'Straight to the model: ...' before any requirement question is probed; after the
    candidate asked and got answers, it is a move on, not a skipped clarification."""
    state, policy = setup
    quote = "Jumping over framing and data for now, straight to the model: a transformer."
    reading = _mistake_with(quote, "gen-clarify-jumps-to-model", "gen-model-tradeoffs")
    first = policy._mistake(state, reading)
    assert first is not None and first.criterion_id == "gen-clarify-jumps-to-model"
    state.facts_revealed.append("scale")
    assert policy._mistake(state, reading) is None


def test_a_message_that_heads_its_stages_keeps_a_sentence_under_the_last_heading(setup):
    """'Framing: ... Data: ...; negatives from the rest of the batch.' (a model criterion read
    in the last piece): the candidate headed each stage, so the walk ends on the data."""
    _, policy = setup
    frame = "Framing: a calibrated click probability per impression."
    data = "Data: clicks that bounce within two seconds are dropped as positives;"
    tail = "a logistic regression baseline next to it."
    reading = _walk(
        f"{frame} {data} {tail}",
        ("ad-frame-calibration-need", "a calibrated click probability per impression"),
        ("ad-data-label-definition", "clicks that bounce within two seconds"),
        ("ad-model-lr-baseline", tail),
    )
    assert policy._walked_to(reading) == "data"


def test_a_fact_asked_on_the_way_to_the_next_stage_is_answered_there(setup):
    """'Serving now. ... -- what's the budget? -- ...': the move on is honoured and the fact
    asked on the way is given in the same reply."""
    state, policy = setup
    _at(state, policy, "evaluate")
    reading = _answer(
        text="Serving now. A light ranker first -- what's the latency budget? -- then the DNN.",
        intents=["move_on", "ask", "answer"],
        move_to="serve",
        questions=[Question(text="what's the latency budget?", fact_id="latency", score=0.8)],
    )
    move = pol.move_on_requested(policy, state, reading, SOON)
    assert move is not None and state.stage == "serve"
    assert [f.id for f in move.facts] == ["latency"]


# -- a long sentence that turns to a second stage mid-way (issue 12, check 12) ----------------


def test_a_clause_signposting_a_stage_mid_sentence_is_a_step_of_the_walk(setup):
    """'..., and, as regards the data, every impression becomes one example ...': a formal
    speaker's one long sentence that frames and then turns to the data ends on the data."""
    state, policy = setup
    text = (
        "I would treat this as a calibrated click probability per impression, and, as regards "
        "the data, every logged impression becomes one example labelled by its click."
    )
    reading = _walk(
        text,
        ("ad-frame-binary-pctr", "I would treat this as a calibrated click probability"),
        ("ad-frame-calibration-need", "a calibrated click probability per impression"),
    )
    assert policy._walked_to(reading) == "data"
    # a comma after a stage word in passing is no turn to that stage
    passing = reading.model_copy(
        update={"text": text.replace("as regards the data,", "with data in mind, then,")}
    )
    assert policy._walked_to(passing) is None


def test_a_formal_return_to_an_earlier_stage_is_an_afterthought(setup):
    """'Allow me to revisit the framing for a moment: ...', 'If I may return for a moment to
    the data: ...': the formal register's going back; the interview stays where it is."""
    for text in (
        "allow me to revisit the framing for a moment: the weights follow return visits.",
        "if i may return for a moment to the data: near-duplicates go.",
        "permit me to return briefly to the data: negatives are downsampled.",
    ):
        assert pol.GOING_BACK.search(text), text
    for text in (
        "return the model's top fifty results to the client.",
        "revisit rates per user are a feature.",
    ):
        assert not pol.GOING_BACK.search(text), text


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("For serving: when someone opens the app, grab recent posts and score them.", "serve"),
        ("On evaluation: per-task AUC on a held-out week.", "evaluate"),
        ("As for monitoring: alert when the click rate drops.", "monitor"),
    ],
)
def test_a_topic_word_before_a_stage_heading_still_heads_the_message(text, stage):
    assert headed_stage(normalize(text)) == stage


# -- going back on request, and returning --------------------------------------------------------


def _walked(state, policy, *stages: str) -> None:
    """The candidate has talked in each of `stages`, in order; the interview is in the last."""
    for stage in stages:
        _at(state, policy, stage)


def test_a_bare_request_to_go_back_goes_back(setup):
    """'back to the framing?' said in the model stage: the interview goes back to framing,
    not on to evaluation."""
    state, policy = setup
    _walked(state, policy, "frame", "data", "model")
    ask = _answer(text="back to the framing?", norm="back to the framing?", intents=["move_on"])
    ask.move_to = "frame"
    move = pol.move_on_requested(policy, state, ask, SOON)
    assert move is not None and move.stage == "frame" and state.stage == "frame"


def test_a_stage_behind_named_without_going_back_moves_forward(setup):
    """'I've covered data' (read as a move to a stage behind, with no 'back to'): onward."""
    state, policy = setup
    _walked(state, policy, "frame", "data", "model")
    done = _answer(text="I've covered data.", norm="i've covered data.", intents=["move_on"])
    done.move_to = "data"
    pol.move_on_requested(policy, state, done, SOON)
    assert state.stage == "evaluate"


def _stepped_back(state, policy, to: str, text: str) -> None:
    """Framing, data and the model walked; then `text` asks to go back `to` an earlier
    stage, and one message is said there."""
    _walked(state, policy, "frame", "data", "model")
    back = _answer(text=text, norm=text)
    back.intents, back.move_to = ["move_on"], to
    pol.move_on_requested(policy, state, back, SOON)
    assert state.stage == to
    state.stage_progress().turns = 1


def test_after_stepping_back_the_stage_left_is_returned_to(setup):
    """Model, then back to the data, then 'let's continue with the model': back to the
    model, not on to evaluation because the model was visited."""
    state, policy = setup
    _stepped_back(state, policy, "data", "could we go back to the data?")
    on = _answer(text="let's continue with the model.", norm="let's continue with the model.")
    on.intents, on.move_to = ["move_on"], "model"
    pol.move_on_requested(policy, state, on, SOON)
    assert state.stage == "model"


def test_a_stage_stepped_back_to_ends_where_the_candidate_left_off(setup):
    """'... that's all for framing' after stepping back from the model: the interview goes
    back to the model, not on to evaluation (the stage after the furthest one visited)."""
    state, policy = setup
    _stepped_back(state, policy, "frame", "wait, back to framing for a sec?")
    move = policy._advance(state, SOON, pol.MOVE_ON)
    assert move.stage == "model" and state.stage == "model"


def test_a_skipped_stage_we_came_back_to_does_not_return_to_the_stage_we_left(setup):
    """A stage the interview itself came back to (a skipped one, revisited after the last
    stage) is our detour: once done, the interview goes on or ends, not back to monitoring."""
    state, policy = setup
    _walked(state, policy, "frame", "data", "serve", "monitor")
    state.skipped = ["model", "evaluate"]
    move = policy._advance(state, SOON, "stage covered")  # revisits the model
    assert move.stage == "model"
    state.stage_progress().turns = 1
    move = policy._advance(state, SOON, "stage covered")
    assert move.stage == "evaluate"


def test_after_a_step_back_a_message_past_the_stage_left_walks_on(setup):
    """'Right, evaluation is done already, so serving: ...' after stepping back to the data
    from evaluation: the candidate is past the stage they left; the interview follows."""
    state, policy = setup
    _walked(state, policy, "frame", "data", "model", "evaluate")
    policy._enter(state, "data", 0.0)
    state.stage_progress().turns = 1
    on = _answer(text="Right, evaluation is done already, so serving: an ANN index.")
    on.stages = ["serve", "model"]
    move = policy._advance(state, SOON, pol.MOVE_ON, on)
    assert move.stage == "serve"
