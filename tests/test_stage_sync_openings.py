"""Stage sync rules tuned on conversations dev-check-13/14 (branch convo2, 2026-12-03): a
generic criterion alone takes the candidate one stage on, not over one; a stage a message opens
on beats a later stage its words only resemble; a stage named as the subject of the first
sentence opens the message; an answer on this stage, or granting our point, is no move on; a
mistake taken back in its own sentence is not probed; the task stated, a test's success
criterion, "what would you like to see about the model?". Hand-built readings and states, like
tests/test_policy_rules.py, plus the offline reader for the reading rules."""

from __future__ import annotations

import pytest

from app.interview import policy as pol
from app.understanding.acts import progress_talk
from app.understanding.signposts import TASK_STATED, TEST_SUCCESS, headed_stage, subject_stage
from tests import test_policy_rules as base

SOON = base.SOON
setup = base.setup  # the ad-click interview opened in clarify
_answer, _claim = base._answer, base._claim
AD = "ad-click-prediction"


def _at(state, policy, stage: str) -> None:
    base._at(state, policy, stage, turns=1)


def _said(text: str, *claims, stages: list[str], **kw):
    return _answer(text=text, norm=text.lower(), claims=list(claims), stages=stages, **kw)


# -- a generic criterion alone moves one stage, not over one ----------------------------------

REBUILD = "New ads go into the index when we rebuild it at the start of each month."


def test_a_generic_criterion_alone_does_not_carry_the_candidate_over_a_stage(setup):
    """'... when we rebuild it each month' said in evaluation reads only as the generic
    retraining criterion (monitoring): the candidate went on, to serving, not past it."""
    state, policy = setup
    _at(state, policy, "evaluate")
    reading = _said(REBUILD, _claim("gen-monitor-retraining", REBUILD), stages=["monitor"])
    move = pol.follow_candidate_ahead(policy, state, reading, SOON)
    assert move is not None and state.stage == "serve"


def test_a_criterion_of_the_problem_still_carries_the_candidate_over_a_stage(setup):
    """The control: this problem's own monitoring criterion pins the stage."""
    state, policy = setup
    _at(state, policy, "evaluate")
    reading = _said(REBUILD, _claim("ad-monitor-freshness", REBUILD), stages=["monitor"])
    move = pol.follow_candidate_ahead(policy, state, reading, SOON)
    assert move is not None and state.stage == "monitor"


def test_a_generic_concept_the_reader_places_the_message_on_is_a_real_step(setup):
    """'Test: AUC per output. Then A/B test, ...' said in data: the generic A/B criterion with
    its concept named, and the reader finds the message on evaluation first: go there."""
    state, policy = setup
    _at(state, policy, "data")
    text = "Test: AUC for each output. Then A/B test, we look at daily users."
    claim = _claim("gen-evaluate-ab-test", "Then A/B test, we look at daily users.", concept="a/b")
    reading = _said(text, claim, stages=["evaluate", "serve"])
    move = pol.follow_candidate_ahead(policy, state, reading, SOON)
    assert move is not None and state.stage == "evaluate"


# -- the stage a message opens on beats a later stage its words only resemble ----------------

PRIVATE = (
    "For data I'd also read the users' private messages, because what friends talk about "
    "tells you which ads they'd click."
)


def test_the_stage_opened_on_beats_a_later_stage_no_concept_of_which_is_named(setup):
    """'For data I'd also read ...' said in framing, read only as close to an evaluation
    example (no concept named): the candidate is on data."""
    state, policy = setup
    _at(state, policy, "frame")
    reading = _said(PRIVATE, _claim("ad-evaluate-online-metrics", PRIVATE), stages=["data"])
    move = pol.follow_candidate_ahead(policy, state, reading, SOON)
    assert move is not None and state.stage == "data"


def test_a_later_stage_whose_concept_is_named_is_not_overruled_by_the_opening(setup):
    """The control: the same message with an evaluation concept named goes on to evaluation."""
    state, policy = setup
    _at(state, policy, "frame")
    claim = _claim("ad-evaluate-online-metrics", PRIVATE, concept="revenue")
    reading = _said(PRIVATE, claim, stages=["data"])
    move = pol.follow_candidate_ahead(policy, state, reading, SOON)
    assert move is not None and state.stage == "evaluate"


# -- a stage named as the subject the message opens on ---------------------------------------


@pytest.mark.parametrize(
    "text, stage",
    [
        ("serving is where the rubber meets the road, as they say", "serve"),
        ("models here get big fast, and i've seen teams reach for the biggest", "model"),
        ("data is always the hard part", "data"),
        ("anyway, the evaluation is usually where people cut corners", "evaluate"),
        ("serving latency is 15 ms at p99", None),  # a stage word modifying another noun
        ("the model's inputs are the user and the ad", None),
        ("i think serving is hard", None),  # not the sentence's opening subject
    ],
)
def test_a_stage_named_as_the_opening_subject(text, stage):
    assert subject_stage(text) == stage


def test_a_message_opening_on_a_stage_as_its_subject_is_opened_on_it(setup):
    _, policy = setup
    text = "Serving is where it gets hard. So: precompute the ad embeddings every hour."
    assert policy._opened_on(_said(text, stages=["serve"])) == "serve"


# -- an answer on this stage, or granting our point, is no move on ---------------------------


def test_an_answer_the_reader_finds_on_this_stage_is_no_move_on(setup):
    """'Split by day: train on three weeks, test on the fourth, since ...' in data shows no
    rubric point but is about data: nothing_new does not advance."""
    state, policy = setup
    _at(state, policy, "data")
    text = "Split by day: train on three weeks and test on the fourth, since tastes drift."
    assert pol.nothing_new(policy, state, _said(text, stages=["data"]), SOON) is None


@pytest.mark.parametrize(
    "text",
    [
        "Fair: new ads get added incrementally so they're findable within the hour.",
        "Good point, I'd add them as they come.",
        "You're right, that would go stale.",
    ],
)
def test_an_answer_granting_our_point_is_no_move_on(setup, text):
    state, policy = setup
    _at(state, policy, "serve")
    assert pol.nothing_new(policy, state, _said(text, stages=[]), SOON) is None


def test_an_answer_showing_nothing_for_this_stage_still_moves_on(setup):
    """The control: the same reply with no stage and no concession is the candidate moving."""
    state, policy = setup
    _at(state, policy, "serve")
    state.stage_progress().turns = 2  # (a first reply placed nowhere moves nothing on)
    text = "New ads get added incrementally so they're findable within the hour."
    move = pol.nothing_new(policy, state, _said(text, stages=[]), SOON)
    assert move is not None and state.stage == "monitor"


# -- a mistake taken back in its own sentence is not probed ----------------------------------

BIG = "A single big model scoring all eight million ads per request"


@pytest.mark.parametrize(
    "text, taken",
    [
        (f"{BIG}, wait, that can't fit; two-tower retrieval first, then the ranker.", True),
        (f"{BIG}, actually no, a light first pass and then the ranker.", True),
        (f"{BIG}. Scratch that: a light first pass.", True),
        (f"{BIG}, since that is simplest.", False),
        (
            f"{BIG}. For the model, logistic regression, wait, that can't fit crosses."
            + " " * 80
            + "Actually no, a DCN.",
            False,
        ),  # a retraction far past the mistake is about another
    ],
)
def test_taken_back(text, taken):
    assert pol.taken_back(text, BIG) is taken


def test_a_mistake_taken_back_is_not_probed(setup):
    state, policy = setup
    _at(state, policy, "model")
    text = f"{BIG}, wait, that can't fit; two-tower retrieval first, then the ranker."
    quote = f"{BIG}, wait, that can't fit;"
    flag = _claim("ad-serve-batch-all-pairs", quote, red_flag=True)
    assert pol.mistake_first(policy, state, _said(text, flag, stages=["model"]), SOON) is None
    kept = f"{BIG}, since that is simplest."
    flag = _claim("ad-serve-batch-all-pairs", kept, red_flag=True)
    move = pol.mistake_first(policy, state, _said(kept, flag, stages=["model"]), SOON)
    assert move is not None and move.note == "mistake"  # the control


# -- reading: the task stated, a test's success criterion, a wish asked for ------------------


@pytest.mark.parametrize(
    "text, hit",
    [
        ("the task: rank the home-page videos by how long the user will watch each.", True),
        ("our job is to score each post for each viewer.", True),
        ("the ml problem is to predict whether the user clicks.", True),
        ("the task is hard.", False),
        ("the problem: labels are noisy.", False),
    ],
)
def test_the_task_stated(text, hit):
    assert bool(TASK_STATED.match(text)) is hit


@pytest.mark.parametrize(
    "text, hit",
    [
        ("i'd call the test a success if people like more posts in the test week", True),
        ("success is more clicks on the tiles during the test", True),
        ("the experiment is a win when revenue per impression goes up", True),
        ("success for the business is more revenue", False),
        ("split by time; the test set is the last week", False),
    ],
)
def test_a_tests_success_criterion(text, hit):
    assert bool(TEST_SUCCESS.search(text)) is hit


def test_the_task_stated_reads_as_framing(reader):
    r = reader.read(
        "The task: rank the ads by how likely the user is to click each.",
        problem_id=AD,
        level="senior",
    )
    assert r.stages[:1] == ["frame"]


def test_a_tests_success_criterion_reads_as_evaluation(reader):
    r = reader.read(
        "I'd call the test a success if people click more ads in the test week.",
        problem_id=AD,
        level="senior",
    )
    assert r.stages[:1] == ["evaluate"]


def test_asking_what_the_interviewer_would_like_to_see_about_a_stage_moves_there(reader):
    talk = progress_talk("what would you like to see about the model?")
    assert talk == ("onward", "to the model")
    r = reader.read(
        "I'm comfortable with the inputs now; what would you like to see about the model?",
        problem_id=AD,
        level="senior",
    )
    assert r.wants_move_on and r.move_to == "model"


def test_a_generic_criterion_of_a_stage_named_by_its_word_carries_the_candidate_there(setup):
    """'A good model, maybe deep learning.' said in clarify, read only as a generic model
    criterion: the stage's own word says where the candidate is."""
    state, policy = setup
    text = "A good model, maybe deep learning."
    reading = _said(text, _claim("gen-model-baseline", text), stages=["model"])
    move = pol.follow_candidate_ahead(policy, state, reading, SOON)
    assert move is not None and state.stage == "model"


# -- a heading naming the kind of ML task; a reply granting our point ------------------------


@pytest.mark.parametrize(
    "text, stage",
    [
        ("multi-objective ranking: watch time, like, dislike.", "frame"),
        ("binary classification: click or no click.", "frame"),
        ("ranking: a dcn over the candidates.", None),  # may be the ranker of the model
        ("model: a dcn.", "model"),
    ],
)
def test_a_heading_naming_the_kind_of_ml_task_heads_the_framing(text, stage):
    assert headed_stage(text) == stage


def test_a_task_heading_keeps_the_candidate_on_framing_over_model_points(setup):
    """'Multi-objective ranking: watch time, like, dislike.' said in clarify and read as the
    model's ranker criterion: the heading says the candidate is framing."""
    state, policy = setup
    text = "Multi-objective ranking: watch time, like, dislike."
    reading = _said(text, _claim("ad-model-interaction-model", text), stages=["frame", "model"])
    assert policy._ahead(state, reading, points_only=True) == "frame"


def test_a_reply_granting_our_point_with_no_rubric_point_stays(setup):
    """'Right: negatives only from tiles actually on screen; ...' after a data probe, read
    (from a concept word) as the model: it answers the probe here."""
    state, policy = setup
    _at(state, policy, "data")
    text = "Right: negatives only from ads actually on screen; position as a feature."
    assert policy._ahead(state, _said(text, stages=["model"])) is None
    plain = text.removeprefix("Right: ")
    assert policy._ahead(state, _said(plain, stages=["model"])) == "model"  # the control


@pytest.mark.parametrize(
    "text, grants",
    [
        ("right, that's off limits.", True),
        ("fair enough, i'd ramp it up slowly.", True),
        ("good point: two weeks then.", True),
        ("right. next i'll set the task up: a probability per policy.", False),  # a nod
        ("rightly or wrongly, i'd use clicks.", False),
    ],
)
def test_granting_our_point(text, grants):
    assert bool(pol.CONCEDES.match(text)) is grants


def test_a_message_with_a_later_stage_as_its_opening_subject_goes_there(setup):
    """'Serving is where the rubber meets the road, ... So: ...' said in evaluation, its
    details read as an evaluation point: the message is about serving."""
    state, policy = setup
    _at(state, policy, "evaluate")
    text = (
        "Serving is where the rubber meets the road, as they say. So: score every ad in the "
        "request path and track revenue per thousand impressions."
    )
    claim = _claim("ad-evaluate-online-metrics", text.split(". ", 1)[1], concept="revenue")
    move = pol.follow_candidate_ahead(policy, state, _said(text, claim, stages=["evaluate"]), SOON)
    assert move is not None and state.stage == "serve"
    _at(state, policy, "evaluate")
    plain = "I think it gets hard. So: score every ad and track revenue per thousand impressions."
    claim = _claim("ad-evaluate-online-metrics", plain, concept="revenue")
    assert policy._ahead(state, _said(plain, claim, stages=["evaluate"])) is None  # the control


# -- the answer to a mistake probe stays where the mistake was said ---------------------------

TIME_SPLIT = (
    "hmm, actually I'd rather split by time: train on earlier weeks, test on the last week."
)


def _after_random_split_probe(state, policy) -> None:
    _at(state, policy, "data")
    state.last_move = "mistake:gen-data-random-split-leakage"


def test_taking_a_mistake_back_after_its_probe_stays_on_its_stage(setup):
    """A random split was probed in data; the reply takes it back in words the reader also
    finds model points in ('train on earlier weeks'): that answers us here, not a move on."""
    state, policy = setup
    _after_random_split_probe(state, policy)
    reading = _said(TIME_SPLIT, _claim("gen-model-loss-function", TIME_SPLIT), stages=["model"])
    assert pol.follow_candidate_ahead(policy, state, reading, SOON) is None
    assert state.stage == "data"


def test_the_same_words_without_a_probe_still_move_on(setup):
    """The control: with no probe on the mistake open, the model points carry the candidate."""
    state, policy = setup
    _at(state, policy, "data")
    reading = _said(TIME_SPLIT, _claim("gen-model-loss-function", TIME_SPLIT), stages=["model"])
    assert pol.follow_candidate_ahead(policy, state, reading, SOON) is not None
    assert state.stage == "model"


def test_an_answer_to_the_probe_that_goes_on_to_the_model_moves_on(setup):
    """'Time split. Multimodal encoder, per-category heads.': the probe answered, then the model:
    the points beyond the answer carry the candidate on."""
    state, policy = setup
    _after_random_split_probe(state, policy)
    model = "Multimodal encoder, per-category heads, focal loss."
    text = f"Time split. {model}"
    reading = _said(text, _claim("gen-model-loss-function", model), stages=["model"])
    assert pol.follow_candidate_ahead(policy, state, reading, SOON) is not None
    assert state.stage == "model"
