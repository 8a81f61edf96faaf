"""A criterion met through a concept said in everyday words still counts as said in plain words
(session plain9): the plain-words share of a stage (report.py `_plain_ideas`, plain6) asks
whether the candidate avoided the trade's terms, and "a final pass" or "learns again" is no
term of the trade, though the rubric lists it as a concept. Terms of the lexicon ("re-rank",
"concept drift") keep a stage out of the plain count. Hand-written wordings, not taken from
the validity sets."""

from __future__ import annotations

import pytest

from app.grading.judges import TurnText
from bench.validity import Grader

NF = "news-feed"


@pytest.mark.parametrize(
    ("said", "everyday"),
    [
        ("final pass", True),
        ("learns again", True),
        ("newest first", True),
        ("re-rank", False),
        ("concept drift", False),
        ("two-tower model", False),
        ("feature store", False),
        ("", False),
    ],
)
def test_words_are_everyday_unless_they_hold_a_term_of_the_trade(matcher, said, everyday):
    assert matcher.in_everyday_words(said) is everyday


def _claim(reader, text, criterion, stage="serve"):
    reading = reader.read(text, problem_id=NF, level="senior", stage=stage)
    return next(c for c in reading.claims if c.criterion_id == criterion)


def test_a_concept_said_in_everyday_words_is_marked_so_and_a_term_is_not(reader):
    plain = _claim(
        reader,
        "Once each post has its score, a final pass pushes shaky posts down and splits up "
        "long runs from one author.",
        "nf-serve-pipeline",
    )
    assert plain.concept is not None and plain.everyday
    term = _claim(
        reader,
        "After scoring, a re-rank step demotes low-integrity posts and enforces author diversity.",
        "nf-serve-pipeline",
    )
    assert term.concept is not None and not term.everyday


def _said_and_counted(bank, base_settings, reader, text):
    """The serve stage's specifics as read, and as the report counts them."""
    grader = Grader(bank, base_settings, reader)
    turns = [TurnText("m1", 1, "candidate", text, "serve")]
    readings = grader.judge.read_all(bank.criteria_for(NF, "senior"), turns, NF)
    report = grader.grade(NF, "senior", turns)
    serve = next(s for s in report["stages"] if s["stage"] == "serve")
    return sum(r.specifics for r in readings.values()), serve["specifics"]


def test_a_stage_met_through_everyday_concepts_keeps_its_plain_words_specifics(
    bank, base_settings, reader
):
    said, counted = _said_and_counted(
        bank,
        base_settings,
        reader,
        "The order is worked out the moment someone opens the app, since posts go stale "
        "within hours. Numbers about how close two people are get refreshed overnight, while "
        "reaction counts are updated as they come in. Once every post has its score, a final "
        "pass pushes shaky posts down and splits up long runs from one author, so the feed "
        "doesn't feel samey.",
    )
    # the final pass and the counts updated as they come in are concepts of the rubric said in
    # everyday words: the stage is still a plain one and counts the problem's ideas it carries
    assert counted == said + 1


def test_a_list_of_everyday_concept_words_gains_no_plain_specifics(bank, base_settings, reader):
    said, counted = _said_and_counted(
        bank,
        base_settings,
        reader,
        "Serving: the moment someone opens, refreshed overnight, updated as they come in, "
        "final pass, pushes down, one author, samey.",
    )
    assert counted == said
