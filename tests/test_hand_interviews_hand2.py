"""Hand interviews of branch hand2 (ad-click-prediction, harmful-content): what a candidate
met that was wrong, each pinned by a sentence modelled on the interview.

A message that opens by announcing a stage behind the current one ("For data: ...", said in
evaluate after the interview jumped there from the framing) is about that stage: a word in it
that reads as a later stage (an attribution window read as monitoring click anomalies) does
not carry the interview further ahead; the candidate is followed back to the stage they
announced when the interview jumped over it."""

from __future__ import annotations

import pytest

from app.interview import policy as pol
from app.interview.policy import Policy
from app.interview.state import InterviewState
from tests import test_policy_rules as base

SOON = base.SOON
setup = base.setup
AC = "ad-click-prediction"

FOR_DATA = (
    "For data: impressions joined to clicks within a 30 minute attribution window; labels are "
    "click or no click. Clicks are about 1%, so I'd downsample negatives and recalibrate."
)


def _jumped_to_evaluate(state, policy) -> None:
    """The interview went from the framing straight to evaluation (data and model skipped)."""
    base._at(state, policy, "frame", turns=1)
    policy._jump(state, SOON, "evaluate", "candidate moved ahead")
    state.stage_progress().turns = 1


def test_an_announced_earlier_stage_is_not_a_step_ahead(setup, reader):
    state, policy = setup
    _jumped_to_evaluate(state, policy)
    assert "data" in state.skipped
    reading = reader.read(FOR_DATA, problem_id=AC, level="senior", stage="evaluate")
    pol.observe(state, reading, 3)
    move = policy.decide(state, reading, SOON)
    # back over the jump, to where the message's walk ends (data, then the downsampling)
    assert state.stage == "model", (move.kind, move.stage)


def test_an_announced_later_stage_still_moves_on(setup, reader):
    # a control (passes before and after): announcing a stage ahead goes there
    state, policy = setup
    _jumped_to_evaluate(state, policy)
    text = "Serving: the ranker scores a few hundred candidates in 15 ms from an online store."
    reading = reader.read(text, problem_id=AC, level="senior", stage="evaluate")
    pol.observe(state, reading, 3)
    policy.decide(state, reading, SOON)
    assert state.stage == "serve"


@pytest.mark.parametrize(
    ("last", "text"),
    [
        ("mistake:hc-serve-auto-remove-red-flag", "I think 0.5 is fine, the model is calibrated."),
        (
            "mistake:ad-evaluate-accuracy",
            "Accuracy is fine here, it's easy to explain to stakeholders.",
        ),
    ],
)
def test_insisting_a_probed_mistake_is_fine_is_a_pushback(bank, retriever, last, text):
    # after "What happens to a creator whose harmless post scores just above that threshold?"
    # the candidate insists; the interview went on to another stage ("Good idea to close the
    # gap we left at evaluation"), praising the insistence; the point is put once more instead
    problem = last.split(":")[1].split("-")[0]
    pid = {"hc": "harmful-content", "ad": AC}[problem]
    state = InterviewState()
    policy = Policy(bank, retriever, pid, "senior")
    policy.opening(state, 0.0)
    base._at(state, policy, "serve")
    state.last_move = last
    move = pol.pushed_back(policy, state, base._answer(text=text, norm=text.lower()), SOON)
    assert move is not None and move.note == "pushback" and state.stage == "serve"


def test_a_fine_said_of_something_else_is_no_pushback(setup):
    # a control: without a probed mistake, "X is fine" is just an answer
    state, policy = setup
    base._at(state, policy, "serve")
    state.last_move = "probe:baseline:g0"
    text = "I think batch scoring is fine here."
    assert pol.pushed_back(policy, state, base._answer(text=text, norm=text.lower()), SOON) is None


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("What's the click-through rate roughly?", "labels"),
        ("What's the CTR roughly?", "labels"),
        ("How many ad requests per second, approximately?", "traffic"),
    ],
)
def test_a_hedged_fact_question_gets_its_fact(reader, text, fact):
    # "What's the click-through rate roughly?" was told "I don't have specifics": the hedge
    # word counted against the sheet's own phrasing "what is the click-through rate"
    reading = reader.read(text, problem_id=AC, level="senior", stage="data")
    assert [q.fact_id for q in reading.questions] == [fact]


def test_a_hint_does_not_ask_for_what_a_refinement_covered(bank, retriever, reader):
    # "Data: reviewer decisions as labels, ..." then "Could you give me a hint?" was answered
    # "Where does the right answer for each training example come from?": the generic label
    # source, whose harmful-content refinement the message had just covered
    state = InterviewState()
    policy = Policy(bank, retriever, "harmful-content", "senior")
    policy.opening(state, 0.0)
    base._at(state, policy, "data", turns=1)
    text = (
        "Data: reviewer decisions as labels, with reports to pick which posts get reviewed. "
        "That creates selection bias, so I'd also sample random posts for labeling."
    )
    said = reader.read(text, problem_id="harmful-content", level="senior", stage="data")
    assert "hc-data-label-sources" in said.evidence
    pol.observe(state, said, 3)
    ask = reader.read("Could you give me a hint?", problem_id="harmful-content", level="senior")
    pol.observe(state, ask, 4)
    move = policy.decide(state, ask, SOON)
    assert move.kind == "hint" and move.criterion_id != "gen-data-label-source"
