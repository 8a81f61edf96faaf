"""A question about the interview's own course (branch convo4, tuned on conversations
dev-check-16): "is it fine if I go ahead and frame it now?", "would now be a good time to talk
about the training data?", "could we return to the framing for a moment?" name a stage and say
nothing of the system, so they ask to move there (or back), never for a fact, whatever fact a
stage word of theirs resembles. `course_question` on sentences; `course_asked` on hand-built
readings and states as in tests/test_policy_rules.py."""

from __future__ import annotations

import pytest

from app.interview import policy as pol
from app.knowledge.text import normalize
from app.understanding.schema import Claim, Question, Reading
from app.understanding.signposts import course_question
from tests import test_policy_rules as base

SOON = base.SOON
setup = base.setup  # the ad-click interview opened in clarify


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("Is it fine if I go ahead and frame it now?", "frame"),
        ("Would now be a good time to talk about the training data?", "data"),
        ("Could we return to the framing for a moment?", "frame"),
        ("Right, data and model are covered already, so on to evaluation?", "evaluate"),
        ("Is it ok to talk about how we'd check it next?", "evaluate"),  # plain words
        ("What comes after the model?", "evaluate"),  # the stage after the one named
        ("Where to now?", None),  # no stage named: the next one
    ],
)
def test_a_question_about_the_course(text, stage):
    assert course_question(normalize(text)) == (True, stage)


@pytest.mark.parametrize(
    "text",
    [
        "How much training data is there?",
        "How often can we retrain the model?",
        "Is there labelled data?",
        "How much time do we have left?",
        "What's the latency budget for serving?",
    ],
)
def test_a_question_about_the_system_is_no_course_talk(text):
    assert course_question(normalize(text))[0] is False


def _asked(text: str, **kw) -> Reading:
    """A question the reader took for a fact question (here: the compute fact)."""
    kw.setdefault("intents", ["ask"])
    kw.setdefault("questions", [Question(text=text.rstrip("?"), fact_id="existing-system")])
    return Reading(text=text, norm=normalize(text), word_count=len(text.split()), **kw)


def test_a_course_question_moves_to_the_stage_it_names(setup):
    state, policy = setup
    base._at(state, policy, "frame", turns=1)
    move = pol.course_asked(
        policy, state, _asked("Would now be a good time to talk about the training data?"), SOON
    )
    assert move is not None and move.kind == "next_stage" and not move.facts
    assert state.stage == "data"


def test_a_course_question_with_no_stage_moves_to_the_next(setup):
    state, policy = setup
    base._at(state, policy, "model", turns=2)
    move = pol.course_asked(policy, state, _asked("Where to now?"), SOON)
    assert move is not None and state.stage == "evaluate"


def test_a_course_question_going_back_goes_back(setup):
    state, policy = setup
    base._at(state, policy, "frame", turns=1)
    base._at(state, policy, "model", turns=1)
    move = pol.course_asked(
        policy, state, _asked("Could we return to the framing for a moment?"), SOON
    )
    assert move is not None and state.stage == "frame"


def test_read_as_an_answer_with_nothing_in_it(setup):
    """ "..., so on to evaluation?" read as an empty answer is the same request."""
    state, policy = setup
    base._at(state, policy, "model", turns=2)
    text = "Right, data and model are covered already, so on to evaluation?"
    move = pol.course_asked(policy, state, _asked(text, intents=["answer"], questions=[]), SOON)
    assert move is not None and state.stage == "evaluate"


@pytest.mark.parametrize(
    "reading",
    [
        _asked("How much training data is there?"),  # about the system
        _asked("What data do we have?"),  # a stage word, nothing of the course
        # a rubric point said with it: the rules that weigh content decide
        _asked(
            "Shall we move on to the model now?",
            claims=[Claim(criterion_id="ad-model-lr-baseline", quote="model")],
        ),
        _asked("Can we go to serving now", intents=["ask"]),  # no question mark: said, not asked
        _asked("Can we move on to serving?", intents=["move_on"]),  # the reader's request
    ],
)
def test_no_course_question(setup, reading):
    state, policy = setup
    base._at(state, policy, "frame", turns=1)
    assert pol.course_asked(policy, state, reading, SOON) is None
    assert state.stage == "frame"


def test_decide_never_answers_a_course_question_as_a_fact(setup):
    """Through the whole rule list: the move goes to the data, with no fact attached (before,
    the compute fact was given for "training")."""
    state, policy = setup
    base._at(state, policy, "frame", turns=1)
    text = "Would now be a good time to talk about the training data?"
    move = policy.decide(state, _asked(text), SOON)
    assert move.kind == "next_stage" and move.stage == "data" and not move.facts


# -- convo5 (tuned on conversations dev-check-17): a course question the reader decided first --


def test_a_course_question_read_as_off_topic_moves(setup):
    """ "Where to now?" has no word of the system in it, so the reader calls it off-topic; it
    is on the interview's course, and asks for the next stage (it was redirected)."""
    state, policy = setup
    base._at(state, policy, "evaluate", turns=2)
    reading = _asked(
        "Where to now?", intents=["off_topic"], questions=[], non_answer_kind="off_topic"
    )
    move = next(m for rule in pol.RULES if (m := rule(policy, state, reading, SOON)) is not None)
    assert move.kind == "next_stage" and state.stage == "serve"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Where is a good pizza place near here now?", "off_topic"),  # off the problem
        ("How am I doing so far, am I going too slow?", "session"),  # about the session
    ],
)
def test_off_the_problem_is_still_redirected(setup, text, kind):
    state, policy = setup
    base._at(state, policy, "evaluate", turns=2)
    reading = _asked(text, intents=["off_topic"], questions=[], non_answer_kind=kind)
    move = next(m for rule in pol.RULES if (m := rule(policy, state, reading, SOON)) is not None)
    assert move.kind == "redirect" and state.stage == "evaluate"


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("What comes after the model?", "evaluate"),  # the stage named is the one to go past
        ("And past the framing, where do we go?", "data"),
        ("Let's move on to serving after the model.", "serve"),  # the destination is named
    ],
)
def test_the_reader_moves_past_the_stage_named(text, stage):
    from app.understanding.questions import move_target

    norm = normalize(text)
    assert move_target(norm, [norm], len(norm.split())) == stage


def test_a_generic_phrasing_does_not_walk_past_this_problems_point(setup):
    """ "Binary pCTR. The rows are impressions with revenue per thousand attached.": the second
    sentence shows this problem's data point and, in a broad phrasing, a generic online metric
    worth more points; the walk ends on the data, not on evaluation (it jumped two stages)."""
    state, policy = setup
    first = "Binary click prediction, calibrated."
    second = "The rows are impressions, ad ids hashed, with revenue per thousand attached."
    reading = base._answer(
        text=f"{first} {second}",
        claims=[
            base._claim("ad-frame-binary-pctr", first),
            base._claim("ad-data-high-cardinality", second),
            base._claim("gen-evaluate-online-metric", second),
        ],
        stages=["frame", "data", "evaluate"],
    )
    assert policy._walked_to(reading) == "data"


def test_a_later_stage_of_this_problem_still_leads(setup):
    """The filter drops only generic-only stages past a specific one: a sentence whose later
    stage is this problem's own point still walks on to it."""
    state, policy = setup
    first = "Binary click prediction, calibrated."
    second = "An alert fires when clicks spike from bots, and we retrain on the fresh days."
    reading = base._answer(
        text=f"{first} {second}",
        claims=[
            base._claim("ad-frame-binary-pctr", first),
            base._claim("ad-monitor-click-anomalies", second),
        ],
        stages=["frame", "monitor"],
    )
    assert policy._walked_to(reading) == "monitor"


def test_a_measure_watched_after_launch_is_monitoring(setup):
    """ "..., scored on CPU in one batch. Afterwards revenue per thousand ads is what I'd keep an
    eye on.": the measure is an online metric's (evaluation), but watched on and on after
    launch it is monitoring, so the message walks from serving on to monitoring."""
    state, policy = setup
    first = "Features come from an in-memory store and the ads are scored in one batch on CPU."
    second = "Afterwards revenue per thousand ads is what I'd keep an eye on."
    reading = base._answer(
        text=f"{first} {second}",
        claims=[
            base._claim("ad-serve-feature-store", first),
            base._claim("gen-evaluate-online-metric", second),
        ],
        stages=["serve", "evaluate"],
    )
    assert policy._walked_to(reading) == "monitor"
