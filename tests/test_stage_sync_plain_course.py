"""A question about the interview's course that names a stage by a course verb or in plain
words (branch convo6, tuned on conversations dev-check-18): "time for the bit that predicts
things?", "shall we get to how we'd know it works?". One word class (`PLAIN_STAGE_NAMES`,
`course_question`, `asks_course` in app/understanding/signposts.py) is read by the reader's
move-on request detector and by the policy's `course_question`."""

from __future__ import annotations

import pytest

from app.knowledge.text import normalize
from app.understanding.schema import Reading
from app.understanding.signposts import asks_course, course_question
from tests import test_policy_rules as base

SOON = base.SOON
setup = base.setup
AC = "ad-click-prediction"


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("Okay to move on to the bit that predicts things?", "model"),
        ("Shall we get to how we'd know it works?", "evaluate"),
        ("Time for getting it out to users?", "serve"),
        ("Should we cover keeping an eye on it once it's live?", "monitor"),
        ("Mind if I frame the task now?", "frame"),
        ("Can I say where the rows come from?", "data"),
        ("Where to from here?", None),
    ],
)
def test_a_stage_in_plain_words_is_asked_for(text, stage):
    assert asks_course(normalize(text)) == (True, stage)
    assert course_question(normalize(text)) == (True, stage)


@pytest.mark.parametrize(
    "text",
    [
        "How would you test it?",  # asks the interviewer, goes nowhere
        "What metrics should I use?",
        "What are the labels?",
        "What should I check first?",
        "Can we test it on a holdout week?",  # a word of the system
        "Getting it to users takes how long?",
    ],
)
def test_no_course_question_in_plain_words(text):
    assert asks_course(normalize(text))[0] is False


@pytest.mark.parametrize(
    ("text", "stage", "target"),
    [
        ("Okay to move on to the bit that predicts things?", "data", "model"),
        ("Shall we get to how we'd know it works?", "model", "evaluate"),
        ("Right. Time for getting it out to users?", "evaluate", "serve"),
    ],
)
def test_the_reader_hears_a_request_to_move(reader, text, stage, target):
    r = reader.read(text, problem_id=AC, level="senior", stage=stage)
    assert "move_on" in r.intents and r.move_to == target
    assert not r.non_answer


def test_a_hint_asked_with_a_later_stage_goes_there_first(setup):
    """ "And once it's live, what would you want from me?" asks for the stage after this one
    and what the interviewer would like there: the move, not a hint on the stage left."""
    state, policy = setup
    base._at(state, policy, "serve", turns=2)
    text = "And once it's live, what would you want from me?"
    reading = Reading(
        text=text,
        norm=normalize(text),
        word_count=len(text.split()),
        intents=["move_on", "hint"],
        move_to="monitor",
    )
    move = policy.decide(state, reading, SOON)
    assert move.kind == "next_stage" and state.stage == "monitor"


# -- a stage asked for, answered, and the next one begun in the same message --


def test_watching_again_and_again_is_ongoing():
    from app.understanding.signposts import ONGOING_WATCH

    assert ONGOING_WATCH.search(normalize("We would measure the errors again each month."))
    assert ONGOING_WATCH.search(normalize("I'd look again every week at the drift."))
    assert not ONGOING_WATCH.search(normalize("We check it again before the launch."))


def test_an_answer_to_the_stage_asked_for_then_the_next_moves_on(setup, reader):
    """Serving was asked for; the message answers it and then says what is watched after
    launch in plain words: the candidate is on monitoring (it had stayed on serving, since the
    first message on a requested stage was held there whatever came after)."""
    state, policy = setup
    base._at(state, policy, "serve", turns=0)
    state.stage_progress().requested = True
    text = (
        "Each request reads the features from an in-memory store and all the candidate ads "
        "are scored in one batch on CPUs inside the budget. After launch we'd compare "
        "predicted and real click rates again every week and retrain when they drift apart."
    )
    reading = reader.read(text, problem_id=AC, level="senior", stage="serve")
    policy.decide(state, reading, SOON)
    assert state.stage == "monitor"


def test_a_course_question_answered_at_once_is_no_request(reader):
    """A course question the candidate answers at once puts it to themselves."""
    text = "Time for the part that learns? No, one more thing first: the labels come from clicks."
    r = reader.read(text, problem_id=AC, level="senior", stage="data")
    assert "move_on" not in r.intents
