"""A stage said in plain words counts the problem's own ideas it carries as specifics (session
plain6, app/grading/report.py `_plain_ideas`, scoring.py `plain_idea_specifics`): a plain voice
does not use the exact words of the problem's statement, facts and concepts that the specificity
factor counts, though its sentences carry the problem's ideas. One specific per two of the
problem's own criteria met without naming their terms, only when more than two thirds of the
stage's met criteria were met so; lists, hedges and a stage that names the terms gain nothing.
Hand-written here, not taken from the frozen validity sets."""

from __future__ import annotations

from app.grading.judges import Finding, TurnText
from app.grading.report import _plain_ideas
from app.grading.scoring import PLAIN_IDEAS_PER_SPECIFIC, plain_idea_specifics
from bench.validity import Grader

NF = "news-feed"


def test_plain_idea_specifics_needs_a_plain_stage():
    assert plain_idea_specifics(4, 4, 4) == 4 // PLAIN_IDEAS_PER_SPECIFIC
    assert plain_idea_specifics(3, 3, 4) == 1  # three of four met in plain words
    assert plain_idea_specifics(2, 2, 3) == 0  # two thirds is not more than two thirds
    assert plain_idea_specifics(1, 1, 1) == 0  # one idea alone is no specific
    assert plain_idea_specifics(0, 0, 0) == 0


def _stage(bank, stage="data"):
    own = {c.id for c in bank.problems[NF].criteria}
    group = [c for c in bank.criteria_for(NF, "senior") if c.stage == stage and c.points > 0]
    mine = [c for c in group if c.id in own]
    return group, mine, own


def test_plain_ideas_counts_the_problems_own_criteria_met_in_plain_words(bank):
    group, mine, own = _stage(bank)
    assert len(mine) >= 2
    findings = {c.id: Finding(True, plain=True) for c in mine[:2]}
    assert _plain_ideas(group, findings, own) == 1
    # named by its terms: the terms count already (in the reading), the stage is no plain one
    findings[mine[0].id] = Finding(True, plain=False)
    assert _plain_ideas(group, findings, own) == 0


def test_plain_ideas_skips_lists_and_hedges_and_generic_criteria(bank):
    group, mine, own = _stage(bank)
    generic = [c for c in group if c.id not in own]
    findings = {c.id: Finding(True, plain=True, credit=0.25) for c in mine[:2]}  # a list
    assert _plain_ideas(group, findings, own) == 0
    findings = {c.id: Finding(True, plain=True) for c in generic[:4]}
    assert _plain_ideas(group, findings, own) == 0  # generic practice is not this problem's


def test_a_plain_stage_of_the_problems_ideas_counts_more_specifics(bank, base_settings, reader):
    grader = Grader(bank, base_settings, reader)
    turns = [
        TurnText(
            "m1",
            1,
            "candidate",
            "The main one is a single network with a lower half every action shares and a small "
            "top part per action; if the actions pull against each other, each action picks which "
            "shared parts to lean on. Rare actions like hiding get more weight while it learns, "
            "because otherwise it never sees them. And a quick light scorer looks at about "
            "fifteen hundred posts and keeps a few hundred, so the heavy one only sees the real "
            "contenders.",
            "model",
        )
    ]
    readings = grader.judge.read_all(bank.criteria_for(NF, "senior"), turns, NF)
    said = sum(r.specifics for r in readings.values())
    report = grader.grade(NF, "senior", turns)
    model = next(s for s in report["stages"] if s["stage"] == "model")
    # the shared lower half and the light scorer first: two of the problem's own ideas, said
    # without their terms (shared bottom, cascade), one more specific than its words carry
    assert model["specifics"] == said + 1
