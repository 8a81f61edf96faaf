"""A point the rubric files under a later stage, said inside the current stage's own work
(thinning the negatives while the training table is built, rebuilding the index as part of how
requests are served, the target named while framing), does not by itself move the interview on
(branch convo8, tuned on conversations dev-check-20 and earlier). A message that announces or
walks on to the later stage still moves on."""

from __future__ import annotations

import pytest

from app.interview import policy as pol
from tests import test_policy_rules as base

SOON = base.SOON
setup = base.setup
AC = "ad-click-prediction"


def _decide(state, policy, reader, stage: str, text: str) -> str:
    base._at(state, policy, stage, turns=1)
    reading = reader.read(text, problem_id=AC, level="senior", stage=stage)
    pol.observe(state, reading, 3)
    policy.decide(state, reading, SOON)
    return state.stage


@pytest.mark.parametrize(
    ("stage", "text"),
    [
        (
            "data",
            "While assembling the examples I'd subsample the negatives heavily, one in fifty.",
        ),
        (
            "data",
            "Non-clicks swamp everything, so when making the training set I'd downsample them "
            "to a tenth and remember that rate.",
        ),
        (
            "serve",
            "The prediction service reloads a freshly retrained model every morning.",
        ),
    ],
)
def test_a_later_point_inside_the_current_stage_keeps_it(setup, reader, stage, text):
    state, policy = setup
    assert _decide(state, policy, reader, stage, text) == stage


def test_the_target_said_while_clarifying_goes_to_the_framing(setup, reader):
    # a control (passes before and after): the stage whose work is said is where they went
    state, policy = setup
    text = "We predict whether the visitor clicks on the ad after seeing it."
    assert _decide(state, policy, reader, "clarify", text) == "frame"


@pytest.mark.parametrize(
    ("stage", "text", "want"),
    [
        ("data", "Model: gradient-boosted trees with a logistic output.", "model"),
        (
            "model",
            "To evaluate it, log loss and calibration on the last week, then an A/B test.",
            "evaluate",
        ),
    ],
)
def test_a_message_that_walks_on_still_moves_on(  # controls
    setup, reader, stage, text, want
):
    state, policy = setup
    assert _decide(state, policy, reader, stage, text) == want
