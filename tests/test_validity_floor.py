"""Floors on the dev split of the held-out validity set (the split the constants were tuned
on): a change that breaks understanding falls through them. The test split is never used in
tests; it is scored by the bench (`python -m bench.validity`)."""

from __future__ import annotations

import pytest

from bench.validity import (
    INTENTS,
    VALIDITY,
    Grader,
    evaluate_grading,
    evaluate_intents,
    labels_frozen,
    load_sets,
)


@pytest.fixture(scope="module")
def dev(bank, base_settings, reader):
    # the process's shared reader (built over these settings): the grading path is the same
    grader = Grader(bank, base_settings, reader)
    return grader, evaluate_grading(grader, load_sets(VALIDITY, "dev"))


def test_labels_are_the_frozen_ones():
    assert labels_frozen(VALIDITY) and labels_frozen(INTENTS)


def test_stage_scores_follow_the_labels(dev):
    _, res = dev
    assert res["stages"] == 280
    assert res["spearman"] >= 0.75, res["spearman"]
    assert res["qwk"] >= 0.70, res["qwk"]


def test_orderings_stuffing_and_false_flags(dev):
    _, res = dev
    ok, n = (int(x) for x in res["pairs_whole"].split("/"))
    assert ok == n, res["pair_failures"]
    assert res["pairs_stage_rate"] >= 0.9, res["pair_failures"]
    assert res["carrier_above_no_hire"] == 0, res["carrier_signals"]
    assert not res["red_flags_on_correct"], res["red_flags_on_correct"]
    assert res["paraphrase_retention_mean"] >= 0.8, res["paraphrase_retention_mean"]
    # issue #11: every plain-words rewrite keeps at least 75% of its textbook score
    assert res["paraphrase_retention_min"] >= 0.75, res["paraphrase_retention_min"]


def test_intents_and_facts(dev):
    grader, _ = dev
    res = evaluate_intents(grader.reader, load_sets(INTENTS, "dev"))
    assert res["messages"] >= 130
    assert res["intent_accuracy"] >= 0.95, res["errors"]
    assert res["fact_choice"] >= 0.95, res["errors"]


def test_a_mistake_said_in_a_stage_caps_that_stage(dev):
    """A random split said in the evaluation answer caps the evaluation (the flag's criterion
    belongs to the data stage), while the same answer without it is not capped."""
    from app.grading.scoring import RED_FLAG_CAP
    from bench.validity import turns_of

    grader, _ = dev
    good = (
        "Offline I'd compare log loss and ROC-AUC on the next day's impressions, and check "
        "calibration per ad format because the auction multiplies pCTR by the bid. Online, "
        "an A/B test on revenue per thousand impressions with hide rate as a guardrail."
    )
    bad = good + "\n\nFor the test set I'd shuffle all impressions and hold out a random 10%."

    def evaluate_score(text: str) -> float:
        rep = grader.grade("ad-click-prediction", "senior", turns_of({"evaluate": {"text": text}}))
        return next(st["score"] for st in rep["stages"] if st["stage"] == "evaluate")

    assert evaluate_score(good) > RED_FLAG_CAP
    assert evaluate_score(bad) <= RED_FLAG_CAP
