"""Stage sync rules tuned on conversations dev-check-15 (branch convo3, 2026-12-03): a heading
on a line of its own heads the list under it (no request to move, no walk through the items);
the chat nod "k." before a signpost; "I finish here" closes the interview; a stage corrected by
a verb of mending ("let me fix something from the framing") is a step back, not ahead; after
asking for a stage, a message opening by announcing the next one goes there; a later stage
announced beats a reading of the current one through generic criteria alone. The offline reader
and the policy together, on states built by hand as in tests/test_policy_rules.py."""

from __future__ import annotations

import pytest

from app.interview import policy as pol
from app.interview.policy import GOING_BACK, observe
from app.knowledge.text import normalize
from app.understanding.acts import FINISH
from app.understanding.signposts import heading_alone, signposted_stage
from tests import test_policy_rules as base

SOON = base.SOON
setup = base.setup  # the ad-click interview opened in clarify
AD = "ad-click-prediction"


def _turn(state, policy, reader, text: str) -> pol.Move:
    """One candidate message read offline, folded into the state, and answered."""
    reading = reader.read(text, problem_id=AD, level="senior", open_question=state.open_question)
    observe(state, reading, state.turns + 1)
    return policy.decide(state, reading, SOON)


# -- a heading on a line of its own heads the list under it -----------------------------------


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("Data:", "data"),
        ("## Model", "model"),
        ("Next, evaluation:", "evaluate"),
        ("data: impressions joined to clicks", None),  # a heading with its content after it
        ("Serving", None),  # a stage word alone is no heading
    ],
)
def test_a_heading_alone(text, stage):
    assert heading_alone(normalize(text)) == stage


LISTED_DATA = (
    "Data:\n1. Every impression is a row, labelled by whether it was clicked.\n"
    "2. Per-advertiser click counts from earlier days only.\n3. Split by time."
)


def test_a_heading_line_over_a_list_is_no_request_to_move(reader):
    """'Data:' then a numbered list says what the data is, as 'Data: ...' on one line does;
    the same heading sent alone still asks to move on."""
    listed = reader.read(LISTED_DATA, problem_id=AD, level="senior")
    alone = reader.read("Data:", problem_id=AD, level="senior")
    assert not listed.wants_move_on
    assert alone.wants_move_on


def test_the_items_under_a_heading_line_keep_the_candidate_on_its_stage(setup, reader):
    """Said in framing, the list under 'Data:' moves the interview to data and no further,
    whatever later stage an item's words also read as ('split by time')."""
    state, policy = setup
    base._at(state, policy, "frame", turns=1)
    _turn(state, policy, reader, LISTED_DATA)
    assert state.stage == "data"


# -- a nod before a signpost, a finish in plain present, a stage corrected ---------------------


def test_a_chat_nod_before_a_signpost(reader):
    assert signposted_stage(normalize("k. framing: predict a click per ad shown")) == "frame"
    r = reader.read("k. framing: predict a click per ad shown", problem_id=AD, level="senior")
    assert r.stages[:1] == ["frame"]


@pytest.mark.parametrize(
    ("text", "finish"),
    [
        ("I finish here, thank you very much.", True),
        ("We finish here.", True),
        ("I finish the data part and then go to the model.", False),
    ],
)
def test_finishing_in_the_plain_present(text, finish):
    assert bool(FINISH.search(normalize(text))) is finish


@pytest.mark.parametrize(
    ("text", "back"),
    [
        ("Let me fix something from the framing: clicks alone reward clickbait.", True),
        ("I want to correct the data part: counts from earlier days only.", True),
        ("A correction to the data: drop the sensitive fields.", True),
        ("Let me update the index every night.", False),
    ],
)
def test_a_stage_corrected_by_a_verb_of_mending_is_a_step_back(text, back):
    assert bool(GOING_BACK.search(normalize(text))) is back


def test_a_correction_of_an_earlier_stage_keeps_the_interview_where_it_is(setup, reader):
    """'Let me fix something from the framing: ...' said in the model, with words that also
    read as an online metric: the candidate stepped back for a moment, not on."""
    state, policy = setup
    base._at(state, policy, "model", turns=1)
    text = (
        "Let me fix something from the framing: clicks alone reward clickbait, so I'd weigh "
        "in hides and revenue per impression too."
    )
    _turn(state, policy, reader, text)
    assert state.stage == "model"


# -- after asking for a stage, an announced later stage is where the candidate is -------------


def test_announcing_the_next_stage_after_asking_for_this_one_goes_there(setup, reader):
    """'Now the model: logistic regression first, ...' then 'For evaluation I use log loss
    ...': the second message announces evaluation, so the interview follows."""
    state, policy = setup
    base._at(state, policy, "data", turns=2)
    _turn(state, policy, reader, "Now I go to the model: logistic regression as a baseline.")
    assert state.stage == "model"
    _turn(state, policy, reader, "For evaluation I use log loss and AUC on the last day held out.")
    assert state.stage == "evaluate"


# -- a later stage announced, the current one read only through broad phrasings ---------------

LEARN_FROM = "To learn from, I'd take every ad shown, counting the ones clicked as the yes cases."


def _said(text: str, cid: str, stages: list[str]):
    claim = base._claim(cid, text)
    return base._answer(text=text, norm=normalize(text), claims=[claim], stages=stages)


def test_an_announced_stage_beats_a_generic_reading_of_the_current_one(setup):
    """'To learn from, I'd take ...' said in framing, read only as the generic label-definition
    criterion of framing: the candidate announced the data and is there."""
    state, policy = setup
    base._at(state, policy, "frame", turns=1)
    reading = _said(LEARN_FROM, "gen-frame-label-definition", ["data", "frame"])
    move = pol.follow_candidate_ahead(policy, state, reading, SOON)
    assert move is not None and state.stage == "data"


def test_a_criterion_of_the_problem_on_the_current_stage_keeps_the_candidate_there(setup):
    """The control: the same message read as this problem's own framing criterion stays."""
    state, policy = setup
    base._at(state, policy, "frame", turns=1)
    reading = _said(LEARN_FROM, "ad-frame-binary-pctr", ["data", "frame"])
    assert pol.follow_candidate_ahead(policy, state, reading, SOON) is None
    assert state.stage == "frame"


# -- headings walking on, with no rubric point read -------------------------------------------


@pytest.mark.parametrize(
    ("text", "stages", "lands"),
    [
        (
            "Data: logs of what we show and what people do after. Model: a neural network "
            "with one output per action.",
            ["data", "model"],
            "model",
        ),
        ("Data: logs of what we show and what people do after.", ["data"], "data"),
    ],
)
def test_headings_walking_on_with_no_point_read_end_where_the_walk_ends(setup, text, stages, lands):
    """Said in framing, read as no rubric point at all: the reader's first stage decides,
    unless the message's headings walk on past it."""
    state, policy = setup
    base._at(state, policy, "frame", turns=1)
    reading = base._answer(text=text, norm=normalize(text), stages=stages)
    move = pol.follow_candidate_ahead(policy, state, reading, SOON)
    assert move is not None and state.stage == lands


# -- a walk turning mid-sentence ---------------------------------------------------------------

FORMAL = (
    "I would treat this as predicting a click probability for each user and ad, and, as "
    "regards the data, every logged impression becomes one example labelled by its click."
)


def test_a_walk_turning_mid_sentence_ends_where_it_turned(setup):
    """One long sentence opening on the framing and turning to the data mid-way: the message
    ends on the data, so it is not held on the framing it opened on."""
    state, policy = setup
    base._at(state, policy, "clarify", turns=2)
    frame, data = FORMAL.split(", and, as regards the data, ")
    claims = [
        base._claim("ad-frame-binary-pctr", frame),
        base._claim("ad-data-label-definition", data),
    ]
    reading = base._answer(
        text=FORMAL, norm=normalize(FORMAL), claims=claims, stages=["frame", "data"]
    )
    assert policy._opened_on(reading) is None
    move = pol.follow_candidate_ahead(policy, state, reading, SOON)
    assert move is not None and state.stage == "data"
