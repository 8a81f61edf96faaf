"""Readings found wrong in a mock interview taken by hand (harmful-content, 2026-12-04): an
article inside a rubric phrase, a verdict inside a "that" clause, the ML objective said as
"predict whether", and a story of the past whose place is told after the mistake."""

from __future__ import annotations

import pytest

from app.knowledge.text import find_phrase
from tests.reading import flag_ids


def _claims(reader, problem: str, text: str, stage: str) -> dict[str, str]:
    read = reader.read(text, problem_id=problem, level="senior", stage=stage)
    return {c.criterion_id: c.polarity for c in read.claims}


@pytest.mark.parametrize(
    ("phrase", "text", "found"),
    [
        ("predict the probability", "predict a probability per policy category", True),
        ("predict the probability", "we predict probability of a click", True),
        ("predict the probability", "predict the probability", True),
        # the first and last words stay as written
        ("a/b test", "a b test", True),
        ("things about the", "things about a post", False),
    ],
)
def test_an_article_inside_a_phrase_is_any_article_or_none(phrase, text, found):
    assert (find_phrase(phrase, text) is not None) is found


def test_the_objective_with_another_article_is_the_objective(reader):
    said = "For each post, predict a probability per policy category."
    assert _claims(reader, "harmful-content", said, "frame").get("gen-frame-ml-objective") == (
        "affirmed"
    )


@pytest.mark.parametrize(
    "said",
    [
        "The model predicts the probability that a post is harmful.",
        "We predict whether the ad is clicked.",
        "Predicting the chance that the post is offensive is our objective.",
    ],
)
def test_the_objective_said_with_what_it_predicts_is_affirmed(reader, said):
    """A verdict inside the clause that says what is predicted ("that a post is harmful")
    judges the post, not the prediction."""
    assert _claims(reader, "harmful-content", said, "frame").get("gen-frame-ml-objective") == (
        "affirmed"
    )


def test_a_verdict_on_the_practice_itself_still_negates_it(reader):
    said = "A model that predicts the probability is wasteful."
    assert _claims(reader, "harmful-content", said, "frame").get("gen-frame-ml-objective") == (
        "negated"
    )


_STORY = (
    "We tried a nightly precomputed feed at a startup I worked for. It was cheap, but a "
    "friend's wedding photos posted at nine in the morning didn't show until the next day, and "
    "users noticed. For this design, candidates are gathered when the feed is requested."
)


def test_a_story_told_after_the_mistake_it_tells_raises_no_flag(reader):
    assert "nf-serve-daily-batch" not in flag_ids(reader, "news-feed", _STORY)


def test_a_story_endorsed_for_this_design_is_still_the_mistake(reader):
    said = (
        "We tried a nightly precomputed feed at a startup I worked for, and it worked great, "
        "so we'll do the same here."
    )
    assert "nf-serve-daily-batch" in flag_ids(reader, "news-feed", said)


def test_selection_bias_said_as_what_the_current_model_flagged(reader):
    """The hand interview's data answer named the bias of review labels and its remedy without
    the rubric's words; it earned nothing."""
    said = (
        "Those are biased though: reviewers only see posts that were reported or flagged by the "
        "current model, so I'd add a random sample of posts sent to review to get unbiased "
        "negatives."
    )
    assert _claims(reader, "harmful-content", said, "data").get("gen-data-selection-bias") == (
        "affirmed"
    )


def test_ranking_videos_by_click_probability_alone_is_the_clicks_only_mistake(reader):
    """A mid-level candidate's framing in a hand interview, close to the rubric's own example,
    raised no flag and got no probe."""
    said = (
        "I will predict if the user clicks the video, binary classification. Then we show the "
        "top videos by click probability."
    )
    assert "vr-frame-ctr-only-red-flag" in flag_ids(reader, "video-recommendation", said)
    weighed = (
        "We predict the click probability and then re-weight by expected watch time, showing "
        "the top videos by that."
    )
    assert "vr-frame-ctr-only-red-flag" not in flag_ids(reader, "video-recommendation", weighed)


def test_a_metric_said_as_a_past_quantity_fed_to_the_model_is_an_input(reader):
    """A hand interview's data answer ("use their average watch time on past videos instead")
    read as an online metric: the interview ran ahead to evaluation and probed watch time."""
    said = "I'd drop it and use their average watch time on past videos instead."
    read = reader.read(said, problem_id="video-recommendation", level="mid", stage="data")
    assert "gen-evaluate-online-metric" not in {c.criterion_id for c in read.claims}
    assert "evaluate" not in read.stages and "data" in read.stages
    online = "Online, we track average watch time per user in an A/B test."
    read = reader.read(online, problem_id="video-recommendation", level="mid", stage="evaluate")
    assert "gen-evaluate-online-metric" in {c.criterion_id for c in read.claims}


_EARLY_ENGAGEMENT = (
    "For features: post text tokens, image embeddings, author account age, past violations, and "
    "early engagement like report rate in the first minutes. "
)


def test_a_signal_placed_after_prediction_by_the_next_sentence_is_no_leak(reader):
    """The hand interview's data answer lost its stage to the leakage flag (0.15), though its
    next sentence put those signals in a later pass itself."""
    placed = _EARLY_ENGAGEMENT + (
        "Careful with the engagement features though: at scoring time within 500 ms of upload "
        "there are no comments or reactions yet, so those can only be used in a second-pass "
        "model that re-scores posts later."
    )
    assert "gen-data-serving-unavailable-features" not in flag_ids(
        reader, "harmful-content", placed
    )


def test_a_next_sentence_about_another_signal_leaves_the_leak(reader):
    other = _EARLY_ENGAGEMENT + (
        "Careful with image features though: at scoring time there are no embeddings yet, so "
        "those can only be used later."
    )
    assert "gen-data-serving-unavailable-features" in flag_ids(reader, "harmful-content", other)
