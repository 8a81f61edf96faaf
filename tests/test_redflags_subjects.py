"""Red flags and the commitment of the clause that holds the mistake (session redflags4, tuned on
redflags-dev-31 and dev-30): a mistake that is only the subject of a clause whose verb says what
the practice gets wrong or costs, one side of a comparison that chooses nothing, a gerund topic a
colon hands to a verdict, a first thought the candidate gives up, or someone else's proposal
reported is discussed, not committed. The candidate's own voice, a verb of benefit or a design
verb keeps the flag. Tested in other words than the tuning sets'."""

from __future__ import annotations

import pytest

from tests.test_redflags_defaults import _mode

HC = "harmful-content"


@pytest.mark.parametrize(
    ("sentence", "phrase", "mode"),
    [
        (
            "Treating every flagged post as abusive hands the training set to brigades.",
            "every flagged post as abusive",
            "kind of practice",
        ),
        (
            "Scoring the entire catalogue per page view costs a GPU-second per user.",
            "entire catalogue",
            "kind of practice",
        ),
        (
            "Building all feeds at midnight: stale by breakfast, and half never opened.",
            "all feeds at midnight",
            "kind of practice",
        ),
        (
            "Raw classification accuracy on a ranked grid tells you nothing about its order.",
            "classification accuracy",
            "kind of practice",
        ),
        (
            "An objective of clicks alone rewards bait and gets worse the longer it runs.",
            "clicks alone",
            "kind of practice",
        ),
        (
            "A shuffled split vs a split by date: the trade-off is honesty against convenience.",
            "a shuffled split",
            "comparison",
        ),
        (
            "My gut reaction is plain accuracy, but at a one percent base rate it flatters a "
            "model that predicts nothing.",
            "accuracy",
            "first thought",
        ),
        (
            "We were about to feed the final watch time in as an input, but it only exists "
            "after the view.",
            "final watch time",
            "first thought",
        ),
        (
            "The analytics lead keeps asking to launch on the offline AUC gain alone.",
            "offline auc gain alone",
            "proposal",
        ),
    ],
)
def test_a_mistake_with_no_commitment_in_its_clause_is_discussed(sentence, phrase, mode):
    got = _mode(sentence, phrase)
    assert got is not None and mode in got


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        # the candidate's own voice
        (
            "Treating every flagged post as abusive gives us labels for free, so we do that.",
            "every flagged post as abusive",
        ),
        # a verdict of merit
        ("Scoring the entire catalogue per page view keeps the system simple.", "entire catalogue"),
        # a part of the design does it (an indefinite subject, not a gerund)
        ("A cron job scores the entire catalogue for each user at midnight.", "entire catalogue"),
        # a verb of benefit argues for it
        (
            "Treating every flagged post as abusive turns the flag queue into free labels.",
            "every flagged post as abusive",
        ),
        # someone else's proposal the candidate joins
        (
            "The analytics lead wants to launch on the offline AUC gain alone, and I agree.",
            "offline auc gain alone",
        ),
        # a verdict verb's word used as a noun after a modal (validity check 1's fluent-wrong)
        (
            "The key metric would be the accuracy of the hide head, which should exceed 99.9%.",
            "accuracy",
        ),
        # "versus" inside the candidate's own design (validity check 8's fluent-wrong)
        ("We judge the ranker by its accuracy on click versus no click.", "accuracy"),
        # a noun phrase subject with a design verb, not a verdict
        ("Exact search compares the query against the entire catalogue.", "entire catalogue"),
        # an -ing modifier, not a gerund
        ("Ranking model scores the entire catalogue per page view.", "entire catalogue"),
        # a colon whose verdict takes the topic up
        ("Building all feeds at midnight: yes, it is the cheapest path.", "all feeds at midnight"),
        # a comparison whose sentence chooses
        (
            "A shuffled split versus a split by date: we go with the shuffled split.",
            "a shuffled split",
        ),
        # a first thought kept
        ("My gut reaction is plain accuracy, and I'll stick with it.", "accuracy"),
        # "compared with" as the design's own verb
        (
            "Each query vector is compared with every stored vector in the catalogue.",
            "every stored vector",
        ),
    ],
)
def test_a_committed_mistake_keeps_its_flag(sentence, phrase):
    assert _mode(sentence, phrase) is None


def test_reader_leaves_a_practice_described_unflagged_and_flags_the_plan(reader):
    said = "Treating user reports as labels hands the training set to whoever reports the most."
    plan = "We treat user reports as labels and train on them."
    flags = {c.criterion_id for c in reader.read(said, problem_id=HC, level="senior").flags}
    assert "hc-data-reports-as-truth-red-flag" not in flags
    flags = {c.criterion_id for c in reader.read(plan, problem_id=HC, level="senior").flags}
    assert "hc-data-reports-as-truth-red-flag" in flags
