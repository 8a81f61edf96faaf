"""A bare "no" ends at an "and" that opens the speaker's own next act: "check there's no
drift and retrain daily" retrains (it had read as not retraining); "no review and no appeal",
"no drift and bias" stay under the "no"."""

import pytest

from app.knowledge.text import normalize
from app.understanding.polarity import polarity_of_span


def _polarity(text: str, phrase: str) -> str:
    norm = normalize(text)
    at = norm.find(phrase)
    assert at >= 0, (phrase, norm)
    return polarity_of_span(norm, at, at + len(phrase))[0]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        (
            "Once it's live I'd flag fresh uploads that get no views, and retrain nightly.",
            "retrain",
        ),
        (
            "Confirm there's no skew between the logs and serving and recompute the features.",
            "recompute",
        ),
        ("No baseline needed and train the big network straight away.", "train"),
    ],
)
def test_an_act_after_and_is_not_under_a_no_before_it(text, phrase):
    assert _polarity(text, phrase) == "affirmed"


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("There is no human check and no appeal.", "appeal"),
        ("We'd see no drift and bias.", "bias"),
        ("No baseline and no retraining.", "retraining"),
    ],
)
def test_a_thing_after_and_stays_under_the_no(text, phrase):
    assert _polarity(text, phrase) == "negated"


def test_the_retraining_of_a_monitoring_answer_is_credited(reader):
    said = (
        "After launch I'd watch the model going stale, like fresh uploads getting no exposure, "
        "and retrain every day."
    )
    reading = reader.read(said, problem_id="video-recommendation", level="senior", stage="monitor")
    got = {c.criterion_id: c.polarity for c in reading.claims}
    assert got.get("vr-monitor-retraining") == "affirmed", got


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        (
            "Strip out the duplicate pins and then rank what is left by recency.",
            "recency",
        ),
        (
            "Filter out the banned sellers and later re-rank the rest by popularity.",
            "popularity",
        ),
        ("Keep every region excluding the test market, and track the calibration.", "calibration"),
    ],
)
def test_a_noun_cue_does_not_reach_past_a_new_act(text, phrase):
    # "filter out", "excluding" take a noun: a verb of the design work after "and" begins
    # an act of its own, and what it says is the speaker's
    assert _polarity(text, phrase) == "affirmed"


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Filter out the spam and the duplicate listings.", "duplicate listings"),
        ("No retraining and no calibration for now.", "calibration"),
        ("Excluding the bots and their sessions.", "sessions"),
    ],
)
def test_a_noun_cue_still_reaches_its_own_list(text, phrase):
    assert _polarity(text, phrase) == "negated"


@pytest.mark.parametrize(
    ("text", "phrase", "want"),
    [
        (
            "The off-the-shelf encoder with no extra training serves as the baseline.",
            "baseline",
            "affirmed",
        ),
        (
            "I'd keep the raw image model, no fine-tuning, as a first baseline.",
            "baseline",
            "affirmed",
        ),
        ("There is no model as good as the human reviewers.", "good", "negated"),
        (
            "There's no heuristic as a baseline, we go straight to the big model.",
            "baseline",
            "negated",
        ),
        ("We'd ship it with no rules as a fallback.", "fallback", "negated"),
        ("We need no baseline here.", "baseline", "negated"),
    ],
)
def test_a_no_with_its_own_noun_does_not_reach_the_role_after_as(text, phrase, want):
    assert _polarity(text, phrase) == want
