"""A review of the session's diff (2026-12-04) found these readings wrong after its changes;
each case was checked on the code before them too (where it read right)."""

from __future__ import annotations

import pytest

from tests.reading import flag_ids


@pytest.mark.parametrize(
    ("problem", "said", "flag"),
    [
        # a design told in the past tense is not a story ("we used", not "we once tried")
        (
            "news-feed",
            "We used a random split of the impressions, as at my previous company. For this "
            "problem that is the simplest.",
            "gen-data-random-split-leakage",
        ),
        # "no X yet" excuses no leak in its own sentence
        (
            "harmful-content",
            "I'd use the number of reports the post eventually gets as a feature, because new "
            "accounts have no violations yet.",
            "gen-data-serving-unavailable-features",
        ),
        # a note headed by its topic is the candidate's plan; "So the app ..." goes on with it
        (
            "news-feed",
            "Serving: precompute everyone's feed overnight and serve it during the day. So the "
            "app just reads the list, and only the ads slot is ranked at request time.",
            "nf-serve-daily-batch",
        ),
        # a next sentence about another number does not place this one
        (
            "harmful-content",
            "Features: the number of reports the post eventually gets, and the author's account "
            "age. Brand-new authors have no past posts yet, so the number of past violations can "
            "only be used later.",
            "gen-data-serving-unavailable-features",
        ),
    ],
)
def test_the_mistake_still_raises_its_flag(reader, problem, said, flag):
    assert flag in flag_ids(reader, problem, said)


def test_only_one_signal_is_not_the_only_signal(reader):
    said = "Clicks are only one signal, so the label combines clicks, comments and shares."
    assert flag_ids(reader, "news-feed", said) == []


def test_a_metric_over_a_window_of_the_experiment_is_still_a_metric(reader):
    said = "Online, we track click-through rate in the last week of the experiment against control."
    read = reader.read(said, problem_id="video-recommendation", level="senior", stage="evaluate")
    assert "gen-evaluate-online-metric" in {c.criterion_id for c in read.claims}
