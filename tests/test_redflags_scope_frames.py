"""A commitment cue counts only where it governs the mistake (session redflags8, tuned on
redflags-dev-35): a mistake in the complement of a frame that suspends it (a condition contrary
to fact about the designer's own act, a report of what was heard elsewhere, the trap named) is
not the design, whatever voice speaks in the frame; a first person that is only an object outside
the mistake's clause is no voice; a past story told with its verb among the mistake's own words
is a story, unless the candidate keeps it; and an option only weighed before the sentence's
choice clears nothing. The mistakes in the same shapes keep their flags. Tested in other words
than the tuning sets'."""

from __future__ import annotations

import pytest

from app.understanding.scope_frames import only_on_offer, suspending_frame
from tests.reading import flag_ids

AD = "ad-click-prediction"
HC = "harmful-content"
NF = "news-feed"
VR = "video-recommendation"
VS = "visual-search"


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        # the designer's act supposed contrary to fact, only its consequences said
        (
            AD,
            "If our team had shuffled the impressions randomly before cutting them into train "
            "and test, the AUC we quoted would have looked far too good.",
        ),
        (
            AD,
            "If I picked accuracy as the headline number, I couldn't tell a good model from one "
            "that never predicts a click.",
        ),
        # a report of what someone else does
        (
            VS,
            "We've heard that a rival photo app computes the exact distance to every stored "
            "image for each query, and it takes seconds per search.",
        ),
        (
            HC,
            "I once heard a small forum removes every post above one score automatically with "
            "no human review.",
        ),
        # the mistake named as the pitfall
        (NF, "A pitfall for new teams is to precompute each user's ranked feed in a daily batch."),
        # an earlier system's story whose past verb is among the mistake's words
        (
            NF,
            "The first release of this ranker was scored once a night for every user and cached, "
            "and that was why friends' posts showed up a day late.",
        ),
        # the first person only as an object, in a heading outside the mistake's clause
        (
            VS,
            "Two numbers that could trick me: taps on the first slot only, and classification "
            "accuracy, which ignores the ranked order.",
        ),
    ],
)
def test_a_mistake_held_outside_the_candidates_scope_is_no_red_flag(reader, problem, text):
    assert flag_ids(reader, problem, text) == []


@pytest.mark.parametrize(
    ("problem", "text", "flag"),
    [
        # an earlier system's practice kept
        (
            AD,
            "The legacy service precomputed every user-ad pair's click chance once a night, it "
            "was cheap, so we keep it.",
            "ad-serve-batch-all-pairs",
        ),
        # the right practice only on offer before the choice of the mistake
        (
            HC,
            "Between reviewer verdicts and raw user reports, we'd pick raw user reports as the "
            "labels, every reported post a positive.",
            "hc-data-reports-as-truth-red-flag",
        ),
        # a condition on the world, or a present one, is a plan: not suspended
        (
            VR,
            "If the user watched the video to the end in this session, we'd feed that watch time "
            "into the ranker as a feature.",
            "gen-data-serving-unavailable-features",
        ),
        (
            HC,
            "If a post gets reported, we'd count the report as a positive label.",
            "hc-data-reports-as-truth-red-flag",
        ),
        # a report the candidate joins
        (
            VS,
            "I've heard a rival app computes the exact distance to every stored image for each "
            "query, and we'd do the same.",
            "vs-serve-exact-knn-red-flag",
        ),
    ],
)
def test_the_mistake_in_the_candidates_scope_keeps_its_flag(reader, problem, text, flag):
    assert flag in flag_ids(reader, problem, text)


def test_the_frame_must_hold_the_mistake_itself():
    norm = "if we had split the logs randomly we would have reported an auc of 0.82"
    at = norm.index("split the logs randomly")
    assert suspending_frame(norm, at, at + len("split the logs randomly"))
    # the main clause is outside the supposition
    at = norm.index("reported")
    assert suspending_frame(norm, at, at + len("reported")) is None
    # a present condition supposes nothing
    norm = "if we use accuracy as the headline, we'd see 99% from a model that does nothing"
    at = norm.index("accuracy")
    assert suspending_frame(norm, at, at + len("accuracy")) is None
    # "read" in the present is the design, not a report
    norm = "we read what the two people write in private chats"
    at = norm.index("private chats")
    assert suspending_frame(norm, at, at + len("private chats")) is None


def test_an_option_on_offer_is_only_the_heading_before_a_choice():
    norm = "between raw reports and reviewer verdicts, we'd pick raw reports as labels"
    at = norm.index("reviewer verdicts")
    assert only_on_offer(norm, at, at + len("reviewer verdicts"))
    at = norm.rindex("raw reports")
    assert not only_on_offer(norm, at, at + len("raw reports"))
    # no choice after it: the heading may be the answer's own ("between A and B, B is ours")
    norm = "between raw reports and reviewer verdicts, verdicts are more reliable"
    at = norm.index("reviewer verdicts")
    assert not only_on_offer(norm, at, at + len("reviewer verdicts"))


def test_a_random_split_named_by_its_shares_is_read_as_one(reader):
    """Recall in plain terse words: "a random 90/10" is a random split (session redflags8's
    recall pass); turned down, or an experiment's assignment of users, it is no flag."""
    said = "For the held-out data I'd use a random 90/10 over all six weeks of watch logs."
    assert "gen-data-random-split-leakage" in flag_ids(reader, VR, said)
    for fine in (
        "Train on weeks one to five, test on week six, never a random 80/20 across the weeks.",
        "Users go into the experiment by a random 50/50 assignment on user id.",
    ):
        assert flag_ids(reader, VR, fine) == []


@pytest.mark.parametrize(
    "text",
    [
        # a present plan: "split" and "cut" say the past only after "had"
        "If we split the logs randomly, we'd get a big enough test set.",
        "If we randomly split the hundred days of logs, we'd have plenty of rows.",
        # a clause of the candidate's own after the report ends the report's frame
        "I've seen the logs are huge, so we split them randomly 80/10/10 across all the days.",
        "We saw that the clicks were noisy, so we split the logs randomly across all the days.",
    ],
)
def test_a_plan_in_a_frames_shape_still_flags(reader, text):
    # (the review of the seventh session: each was flagged before redflags8 and missed after)
    assert "gen-data-random-split-leakage" in flag_ids(reader, "news-feed", text)
