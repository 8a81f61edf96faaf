"""Every stage the policy can open, clarify included, has an opening question in the template
voice (a candidate saying "I'd start by clarifying the requirements" in clarify made the
policy reopen clarify, and the voice failed on it with a KeyError: a 500 on the turn)."""

import random

from app import resources
from app.interview import policy as pol
from app.interview.policy import Policy
from app.interview.state import InterviewState
from app.interview.voice import TemplateVoice
from app.knowledge.schema import STAGES
from app.understanding.schema import Reading


def test_every_stage_has_an_opening_question():
    voice = TemplateVoice(resources.prompts_dir())
    for stage in STAGES:
        assert voice.stage_question(stage, random.Random(0)).strip(), stage


def test_asking_for_clarify_in_clarify_opens_clarify(bank, retriever):
    state = InterviewState()
    policy = Policy(bank, retriever, "ad-click-prediction", "senior")
    policy.opening(state, 0.0)
    asked = Reading(text="I'd start by clarifying requirements", intents=["move_on"])
    asked.move_to = "clarify"
    move = pol.move_on_requested(policy, state, asked, 1.0)
    assert move is not None and move.kind == "next_stage" and move.stage == "clarify"
    assert TemplateVoice(resources.prompts_dir()).stage_question(move.stage, random.Random(1))
