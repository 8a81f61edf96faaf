"""The interviewer does not run ahead of a candidate still answering the stage (branch convo7,
tuned on conversations dev-check-19 and earlier): a pause that says more is coming keeps the
stage ("still typing, bear with me" had been called off-topic); a stage half covered by an
answer that adds to it asks for what is missing before moving on; a one-sentence reply granting
the point just put to the candidate answers it here, whatever later stage its words read as."""

from __future__ import annotations

import pytest

from app.interview import policy as pol
from app.interview.policy import COVERED, MAX_NUDGES_PER_STAGE, coverage
from app.knowledge.text import normalize
from app.understanding.acts import still_at_work
from tests import test_policy_rules as base

SOON = base.SOON
setup = base.setup
AC = "ad-click-prediction"


@pytest.mark.parametrize(
    "text",
    [
        "Hang on, I'm not through with the labels yet.",
        "More about the features in a second.",
        "Let me reflect on the ranking loss for a minute.",
        "Still writing, one moment please.",
        "Oh, there's a little more to add on the split.",
        "Still typing, bear with me.",
    ],
)
def test_a_message_that_says_more_is_coming_is_a_pause(reader, text):
    assert still_at_work(normalize(text))
    r = reader.read(text, problem_id=AC, level="senior", stage="data")
    assert r.non_answer_kind == "pause" and "move_on" not in r.intents


@pytest.mark.parametrize(
    "text",
    [
        "Hang on, I'm not through with the labels: a click within the hour is a positive.",
        "There's more traffic at night, so I'd batch the scoring.",
        "Let me reflect on the ranking loss: log loss, since the bid needs probabilities.",
        "I'm not through with my questions: what's the latency budget?",
        "More clicks come from mobile, so device is a feature.",
    ],
)
def test_content_after_the_same_openings_is_no_pause(text):
    assert not still_at_work(normalize(text))


def test_the_pause_keeps_the_stage_with_no_strike(setup, reader):
    state, policy = setup
    base._at(state, policy, "data", turns=1)
    reading = reader.read("Still typing, bear with me.", problem_id=AC, level="senior")
    pol.observe(state, reading, 3)
    move = policy.decide(state, reading, SOON)
    assert move.kind == "redirect" and move.note == "pause"
    assert state.stage == "data" and state.strikes == 0


def _half_covered(state, policy, stage: str) -> list[str]:
    """Cover `stage` just past the COVERED share; the ids covered."""
    done = []
    for crit in policy.criteria(stage):
        if crit.points > 0 and coverage(state, policy.criteria(stage)) < COVERED:
            state.coverage[crit.id] = [1]
            done.append(crit.id)
    return done


def test_a_half_covered_stage_asks_for_what_is_missing_while_they_add_to_it(setup):
    state, policy = setup
    base._at(state, policy, "frame", turns=1)
    said = _half_covered(state, policy, "frame")
    adding = base._claiming(said[0], "a calibrated click probability per impression")
    assert pol.stage_done(policy, state, adding, SOON) is None
    move = policy.decide(state, adding, SOON)
    assert move.kind == "nudge" and state.stage == "frame"


def test_a_half_covered_stage_moves_on_when_the_message_adds_nothing_or_nudges_are_used(setup):
    state, policy = setup
    base._at(state, policy, "frame", turns=1)
    said = _half_covered(state, policy, "frame")
    through = base._answer(text="Alright, I think the task is clear enough now.")
    assert pol.stage_done(policy, state, through, SOON) is not None
    assert state.stage == "data"
    base._at(state, policy, "frame", turns=2)
    state.stage_progress().nudges = MAX_NUDGES_PER_STAGE
    adding = base._claiming(said[0], "a calibrated click probability per impression")
    assert pol.stage_done(policy, state, adding, SOON) is not None


SERVE_CLAIMS = [
    base._claim("gen-serve-batch-vs-online", "scores are computed online per request"),
    base._claim("ad-serve-feature-store", "a feature store"),
]


@pytest.mark.parametrize(
    "text",
    [
        "Got it, scores are computed online per request from a feature store.",
        "True, so scores are computed online per request from a feature store.",
    ],
)
def test_a_one_sentence_reply_granting_our_point_answers_it_here(setup, text):
    state, policy = setup
    base._at(state, policy, "model", turns=2)
    state.last_move = "probe:gbdt:0"
    reply = base._answer(text=text, norm=normalize(text), claims=SERVE_CLAIMS)
    assert pol.follow_candidate_ahead(policy, state, reply, SOON) is None
    assert pol.nothing_new(policy, state, reply, SOON) is None
    assert state.stage == "model"


def test_a_granting_reply_walks_on_when_nothing_was_put_to_them_or_it_says_more(setup):
    state, policy = setup
    base._at(state, policy, "model", turns=2)
    state.last_move = "stage:model"  # we opened the stage: no point of ours to grant
    text = "Got it, scores are computed online per request from a feature store."
    reply = base._answer(text=text, norm=normalize(text), claims=SERVE_CLAIMS)
    assert pol.follow_candidate_ahead(policy, state, reply, SOON) is not None
    assert state.stage == "serve"
    base._at(state, policy, "model", turns=2)
    state.progress.pop("serve", None)
    state.last_move = "probe:gbdt:0"
    two = "Got it, trees then. Scores are computed online per request from a feature store."
    reply = base._answer(text=two, norm=normalize(two), claims=SERVE_CLAIMS)
    assert pol.follow_candidate_ahead(policy, state, reply, SOON) is not None


def test_a_second_pause_in_a_row_is_a_strike(setup, reader):
    """We wait once; "one moment" again right after "Take your time" counts as no answer, so a
    candidate who only ever pauses is moved on (MAX_STRIKES) instead of held forever."""
    state, policy = setup
    base._at(state, policy, "data", turns=1)
    state.last_move = "nudge:gen-data-label-source"
    reading = reader.read("One moment please.", problem_id=AC, level="senior")
    pol.observe(state, reading, 3)
    assert state.strikes == 0
    assert policy.decide(state, reading, SOON).note == "pause"  # "Take your time"
    pol.observe(state, reading, 4)
    assert state.strikes == 1


@pytest.mark.parametrize(
    "text", ["I haven't done much with images.", "I haven't done this kind of system before."]
)
def test_an_admission_of_inexperience_is_no_pause(text):
    assert not still_at_work(normalize(text))
