"""Stage sync (issue 12): a goal said as the premise of a framing is no online metric, no
daily batch and no unasked requirement; holding out a split or listing each row's features is
data work. Hand-built readings and states, like tests/test_policy_stage_sync.py."""

from __future__ import annotations

import pytest

from app.interview import policy as pol
from app.knowledge.text import normalize
from app.understanding.mistakes import DETECTORS
from app.understanding.signposts import works_on
from tests import test_policy_rules as base

setup = base.setup  # the ad-click interview opened in clarify
_answer, _claim = base._answer, base._claim

GOAL_FRAMING = (
    "The goal is people coming back daily, so the ML objective is to rank each viewer's "
    "candidate posts by how likely they are to engage with them."
)


def _goal_reading(text: str, concept: str):
    """A framing message whose online-metric claim was read from `concept`."""
    return _answer(
        text=text,
        claims=[
            _claim("ad-frame-binary-pctr", text),
            _claim("ad-evaluate-online-metrics", text, concept=concept),
        ],
    )


def test_a_goal_said_as_the_premise_shows_no_evaluation_points(setup):
    _, policy = setup
    reading = _goal_reading(
        "Since the goal is more revenue per user, I'd predict the probability of a click.",
        "revenue per user",
    )
    assert "evaluate" not in policy._stage_points(reading)
    assert "frame" in policy._stage_points(reading)


def test_an_online_metric_said_as_one_still_shows_evaluation_points(setup):
    _, policy = setup
    reading = _goal_reading(
        "Online I'd track revenue per user in an A/B test against the current model.",
        "revenue per user",
    )
    assert "evaluate" in policy._stage_points(reading)


def test_no_business_prompt_after_the_goal_was_stated(setup):
    """'Since the goal is ..., I'd frame ...' said in clarify: asking 'what would success look
    like?' next asks for what they just said."""
    state, policy = setup
    reading = _goal_reading(
        "Since the goal is more revenue per user, I'd predict the probability of a click.",
        "revenue per user",
    )
    move = pol.clarify_prompt(policy, state, reading, base.SOON)
    assert move is None or "business" not in (move.criterion_id or "")


def test_a_business_prompt_still_comes_when_no_goal_is_stated(setup):
    state, policy = setup
    reading = _answer(
        text="I'd predict the probability of a click.",
        claims=[_claim("ad-frame-binary-pctr", "I'd predict the probability of a click.")],
    )
    move = pol.clarify_prompt(policy, state, reading, base.SOON)
    assert move is not None and "business" in (move.criterion_id or "")


_DAILY_BATCH = next(d for d in DETECTORS if d.criterion_id == "problem-daily-batch-output")


@pytest.mark.parametrize(
    "text", [GOAL_FRAMING, "We want users to return daily, so we rank each user's posts."]
)
def test_users_coming_back_daily_is_no_daily_batch(text):
    assert _DAILY_BATCH.pattern.search(normalize(text)) is None


def test_a_feed_ranked_nightly_is_still_a_daily_batch():
    text = "We precompute each user's ranked feed nightly and serve it all day."
    assert _DAILY_BATCH.pattern.search(normalize(text)) is not None


@pytest.mark.parametrize(
    "text",
    [
        "Then I'd hold out the last three days as the validation split.",
        "I'd keep the last few days as validation, strictly after the training days.",
        "Features for each row: user history counts, the ad's category, the slot, the hour.",
    ],
)
def test_a_split_or_each_rows_features_is_data_work(text):
    assert works_on(normalize(text)) == "data"


@pytest.mark.parametrize(
    "text",
    [
        "Offline I'd compare AUC on the test set against the baseline.",
        "The model keeps the last hidden state as the user vector.",
    ],
)
def test_testing_and_keeping_alone_are_not_data_work(text):
    assert works_on(normalize(text)) != "data"
