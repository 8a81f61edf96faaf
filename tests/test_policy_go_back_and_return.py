"""A candidate who steps back to an earlier stage and then returns (convo11): a bare request
to go back, said as a statement or as a question the reader takes for a fact question, is
honoured; "Back to evaluation: ...", "Picking the model back up: ..." said on the stage they
stepped back to takes the interview back to the later stage already under way. Hand-built
readings and states, like tests/test_policy_rules.py."""

from __future__ import annotations

import pytest

from app.interview import policy as pol
from app.knowledge.text import normalize
from app.understanding.schema import Question, Reading
from tests import test_policy_rules as base

SOON = base.SOON
setup = base.setup  # the ad-click interview opened in clarify
_answer, _claim = base._answer, base._claim


def _walked_to(state, policy, stage: str) -> None:
    """The candidate talked in every stage from framing up to `stage`, the interview there."""
    for s in pol.STAGES[1 : pol.STAGES.index(stage) + 1]:
        base._at(state, policy, s, turns=1)


def _stepped_back(state, policy, back: str, came_from: str) -> None:
    """Walked up to `came_from`, then went back to `back` and talked there."""
    _walked_to(state, policy, came_from)
    policy._enter(state, back, 0.0)
    state.stage_progress().turns = 2


# -- returned_ahead ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "said",
    [
        "OK, back to evaluation: I'd also track hides per session as a guardrail.",
        "Returning to evaluation: a holdout week as well.",
        "Picking the evaluation back up: calibration per segment too.",
        "Where was I, evaluation: the A/B test runs two weeks.",
    ],
)
def test_a_return_to_the_stage_stepped_back_from_goes_back_there(setup, said):
    """In the data after stepping back from evaluation, 'back to evaluation: ...' returns:
    evaluation has turns already, so `_ahead` left it alone and the interview stayed behind."""
    state, policy = setup
    _stepped_back(state, policy, "data", "evaluate")
    reading = _answer(text=said, stages=["evaluate"])
    move = pol.returned_ahead(policy, state, reading, SOON)
    assert move is not None and move.note == "candidate returned"
    assert state.stage == "evaluate" and move.stage == "evaluate"


def test_a_fact_asked_on_the_return_is_answered_there(setup):
    state, policy = setup
    _stepped_back(state, policy, "data", "serve")
    reading = _answer(
        text="Back to serving: what's the latency budget per request?",
        intents=["ask", "answer"],
        questions=[Question(text="what's the latency budget per request?", fact_id="latency")],
    )
    move = pol.returned_ahead(policy, state, reading, SOON)
    assert move is not None and state.stage == "serve"
    assert [f.id for f in move.facts] == ["latency"]


def test_back_to_an_earlier_stage_is_no_return(setup):
    """'Back to the data: ...' said in the model goes back, not ahead: not this rule's."""
    state, policy = setup
    _walked_to(state, policy, "model")
    reading = _answer(text="Back to the data: clicks arrive late, so wait an hour.")
    assert pol.returned_ahead(policy, state, reading, SOON) is None
    assert state.stage == "model"


def test_back_to_a_later_stage_never_visited_is_left_to_the_stage_following(setup):
    """A later stage nobody has talked in is no return: `follow_candidate_ahead` decides."""
    state, policy = setup
    _walked_to(state, policy, "data")
    reading = _answer(text="Back to serving: a feature store for the counts.")
    assert pol.returned_ahead(policy, state, reading, SOON) is None
    assert state.stage == "data"


# -- go_back_asked ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "back"),
    [
        ("Let me go back to the data for a moment.", "data"),
        ("Could I return to the framing briefly?", "frame"),
        ("Wait, I never said where the data comes from, let me go back to that.", "data"),
    ],
)
def test_a_bare_request_to_go_back_is_honoured(setup, said, back):
    """In the model, a message that only asks to go back goes back (it got a question on the
    model, or "no firm answer" for a fact question it is not)."""
    state, policy = setup
    _walked_to(state, policy, "model")
    reading = Reading(text=said, intents=["ask"] if said.endswith("?") else ["answer"])
    move = pol.go_back_asked(policy, state, reading, SOON)
    assert move is not None and move.note == "candidate asked to go back"
    assert state.stage == back and move.stage == back


def test_a_point_said_with_the_request_stays_an_afterthought(setup):
    """'Let me go back to the data: clicks arrive late, ...' with a rubric point shown is an
    afterthought, said from where the interview is (the earlier checks' labels)."""
    state, policy = setup
    _walked_to(state, policy, "model")
    reading = _answer(
        text="Let me go back to the data: clicks can arrive an hour after the impression.",
        claims=[_claim("ad-data-label-definition")],
    )
    assert pol.go_back_asked(policy, state, reading, SOON) is None
    assert state.stage == "model"


def test_a_request_naming_no_earlier_stage_is_not_a_go_back(setup):
    state, policy = setup
    _walked_to(state, policy, "data")
    reading = Reading(text="Could I return to the model later?", intents=["ask"])
    assert pol.go_back_asked(policy, state, reading, SOON) is None
    assert state.stage == "data"


# -- through the whole rule list ------------------------------------------------------------


def test_the_interview_follows_a_return_through_its_rules(setup):
    """The whole decision, not one rule: before this rule the interview stayed in the data,
    nudging for more of the stage the candidate had finished."""
    state, policy = setup
    _stepped_back(state, policy, "data", "evaluate")
    reading = _answer(
        text="OK, back to evaluation: I'd also watch hides per session as a guardrail.",
        stages=["evaluate"],
    )
    policy.decide(state, reading, SOON)
    assert state.stage == "evaluate"


def test_the_interview_follows_a_bare_go_back_through_its_rules(setup):
    state, policy = setup
    _walked_to(state, policy, "model")
    reading = Reading(text="Let me go back to the data for a moment.", intents=["answer"])
    policy.decide(state, reading, SOON)
    assert state.stage == "data"


# -- _skipped_back: more on a stage the jumping message covered --------------------------------

THREE_AT_ONCE = (
    "Three things at once: a calibrated click probability, rows from the impression log "
    "labelled by clicks, and a deep and cross network."
)


def _jumped_to_model(state, policy, jump_claims: list[str], text: str = THREE_AT_ONCE) -> None:
    """While clarifying, one message showing `jump_claims`; the interview jumped to the model
    over framing and data."""
    jump = _answer(text=text, claims=[_claim(c) for c in jump_claims])
    jump.norm = normalize(text)
    pol.observe(state, jump, 1)
    policy._enter(state, "model", 0.0)
    state.skipped = ["frame", "data"]


def _more_on_the_data(state) -> Reading:
    text = "To pick the split point I'd keep the last week of the logs aside."
    after = _answer(text=text, claims=[_claim("ad-data-label-definition", text)])
    after.norm = normalize(text)
    pol.observe(state, after, 2)
    return after


def test_more_on_a_stage_the_jumping_message_covered_is_an_afterthought(setup):
    """'Three things at once: framing, data, model' took the interview to the model; a point
    on the data next is said from the model (dev-check-10), not a step back to the data."""
    state, policy = setup
    covered = [
        "ad-frame-calibration-need",
        "ad-data-label-definition",
        "ad-model-interaction-model",
    ]
    _jumped_to_model(state, policy, covered)
    assert policy._skipped_back(state, _more_on_the_data(state)) is None


def test_a_stage_the_jumping_message_left_out_is_still_gone_back_to(setup):
    """The message that jumped said nothing on the data: the jump over it was our guess, and
    the data said next corrects it."""
    state, policy = setup
    _jumped_to_model(state, policy, ["ad-frame-calibration-need", "ad-model-interaction-model"])
    assert policy._skipped_back(state, _more_on_the_data(state)) == "data"


def test_a_jump_past_the_stage_the_message_was_headed_with_is_still_ours(setup):
    """'Data: ...' read further on (points of the model too): the candidate said where they
    were, so the data said next goes back there."""
    state, policy = setup
    covered = ["ad-data-label-definition", "ad-model-interaction-model"]
    _jumped_to_model(state, policy, covered, "Data: impressions labelled by clicks, for a DCN.")
    assert policy._skipped_back(state, _more_on_the_data(state)) == "data"


# -- finish_requested / move_on_requested: a stage named --------------------------------------


def test_an_ending_said_of_one_stage_closes_that_stage_not_the_interview(setup):
    """'I'll stop there on the framing.' (read as a finish) ended the whole interview two
    turns in; it closes the framing, as 'that's the framing done' does."""
    state, policy = setup
    base._at(state, policy, "frame", turns=1)
    reading = Reading(text="I'll stop there on the framing.", intents=["finish"])
    move = pol.finish_requested(policy, state, reading, SOON)
    assert move is not None and move.kind != "wrap_up" and not state.ended
    assert state.stage == "data"


def test_a_plain_finish_still_wraps_up(setup):
    state, policy = setup
    base._at(state, policy, "frame", turns=1)
    reading = Reading(text="I'll stop there.", intents=["finish"])
    move = pol.finish_requested(policy, state, reading, SOON)
    assert move is not None and move.kind == "wrap_up"


def test_a_move_read_as_to_an_earlier_stage_goes_back_not_forward(setup):
    """'Sorry, one thing about the framing I skipped: ...' said in the data, read as a move to
    the framing: the interview went on to the model, two stages from where they were."""
    state, policy = setup
    _walked_to(state, policy, "data")
    text = "Sorry, one thing about the framing I skipped: hides get a negative weight."
    reading = Reading(text=text, norm=normalize(text), intents=["answer", "move_on"])
    reading.move_to = "frame"
    move = pol.move_on_requested(policy, state, reading, SOON)
    assert move is not None and state.stage == "frame"
