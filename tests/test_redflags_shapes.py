"""Red flags and sentence shapes met while tuning on redflags-dev-29 (tested here in other
words than that set's): a merit conceded in one sentence and turned from in the next, an item
of a list of options closed by a subjectless "Out.", a metric said to tell nothing, questions
announced after a "before ..." lead-in, and every unclicked item labelled a negative."""

from __future__ import annotations

import pytest

from app.understanding.framing import conceded_lines, rejected_item_lines
from app.understanding.offline import sentences
from app.understanding.questions import WANTS_TO_KNOW
from tests.reading import flag_ids

AD = "ad-click-prediction"
NF = "news-feed"
VS = "visual-search"
VR = "video-recommendation"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Admittedly, a random split is quick. Still, time matters here.", {0}),
        ("True, one number is easy to sell. That said, it hides the positives.", {0}),
        # the candidate's own plan voice: a decision, not a concession
        ("Sure, we shuffle the logs and split them. But we also keep the dates.", set()),
        # no turn in the next sentence
        ("Granted, a live test is more careful. We ship on the offline number.", set()),
        # an additive "but ... also"
        ("Of course, accuracy is simple. But it is also our headline.", set()),
        # no comma after the opener: not a concession heading the sentence
        ("True positives are rare. But we count them.", set()),
    ],
)
def test_conceded_lines(text, want):
    assert conceded_lines(sentences(text)) == want


def test_rejected_item_lines_need_a_list_item_closed_by_a_verdict():
    text = (
        "Options:\n"
        "1. Score every pair overnight: stale by noon. Out.\n"
        "2. Score on request within the budget. Chosen.\n"
        "(c) never refresh it: cheap, but it drifts. Rejected.\n"
        "Score every pair overnight. No."
    )
    sents = sentences(text)
    # (the reader drops a bare "1." piece; here it may stay, as part of its item)
    got = {sents[i].strip() for i in rejected_item_lines(text, sents)} - {"1."}
    assert got == {
        "Score every pair overnight: stale by noon.",
        "(c) never refresh it: cheap, but it drifts.",
    }


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        (
            AD,
            "Admittedly, a random split of the impressions is the quickest thing to code. Still, "
            "test days have to come after training days, so we hold out the final week.",
        ),
        (
            NF,
            "Sure, a feed ranked for everyone at 3 a.m. would cost almost nothing to serve. "
            "However, posts from the morning would be missing until the next run, so we rank "
            "when the app opens.",
        ),
        (
            NF,
            "Choices:\n1. Rank each user's whole feed once a night and cache it: cheap but stale "
            "by breakfast. Out.\n2. Rank on request, within 60 ms. Chosen.",
        ),
        (VS, "Top-1 accuracy tells the team nothing about how the grid below it is ordered."),
        (
            VS,
            "before we go near architectures i'd like to ask a couple of things how big is the "
            "index and are images from secret boards ever shown",
        ),
        (VR, "Every unclicked tile above the last click is a negative."),
        (VR, "We never treat every unclicked video as a negative."),
    ],
)
def test_shapes_of_correct_practice_raise_no_flag(reader, problem, text):
    assert flag_ids(reader, problem, text) == []


@pytest.mark.parametrize(
    ("problem", "text", "flag"),
    [
        (
            AD,
            "Sure, we shuffle all the impressions and split them randomly 80/20. But we also keep "
            "the dates in a column.",
            "gen-data-random-split-leakage",
        ),
        (
            NF,
            "Choices:\n1. Rank each user's whole feed once a night and serve it from a cache all "
            "day. Chosen.\n2. Rank on request. Out.",
            "nf-serve-daily-batch",
        ),
        (VR, "Every thumbnail that the viewer didn't click counts as a negative.", None),
        (VR, "All non-clicked videos on the page are negatives.", None),
    ],
)
def test_the_same_shapes_committing_the_mistake_still_flag(reader, problem, text, flag):
    want = flag or "vr-data-top-positions-red-flag"
    assert want in flag_ids(reader, problem, text)


def test_a_before_lead_in_keeps_the_wish_to_know():
    assert WANTS_TO_KNOW.match("before i say anything about the model i'd like to ask a few things")
    assert WANTS_TO_KNOW.match("before we start, i want to know the latency budget")
    assert not WANTS_TO_KNOW.match("before training we would like to shuffle the rows")


@pytest.mark.parametrize(
    ("problem", "text", "flag"),
    [
        # accuracy named the main number (a qualifier makes it the metric)
        (
            "harmful-content",
            "After weighing a few options, we'd settle on overall accuracy as our headline number.",
            "gen-evaluate-accuracy-on-imbalance",
        ),
        # the reported post as the subject of "is/becomes a positive"
        (
            "harmful-content",
            "Posts that users reported become positives in the training set.",
            "hc-data-reports-as-truth-red-flag",
        ),
        ("harmful-content", "A post someone reported is a positive, full stop.", None),
    ],
)
def test_a_metric_named_the_main_number_and_reports_made_positives_flag(
    reader, problem, text, flag
):
    assert (flag or "hc-data-reports-as-truth-red-flag") in flag_ids(reader, problem, text)


@pytest.mark.parametrize(
    "text",
    [
        "I would never, with harm this rare, pick accuracy as the number that decides.",
        "A reported post is a positive only after a reviewer confirms it.",
        "Reports are a weak positive signal, so they only order the review queue.",
    ],
)
def test_the_same_words_argued_against_or_weighed_raise_no_flag(reader, text):
    assert flag_ids(reader, "harmful-content", text) == []


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("Duration: two days, then we launch to everyone if CTR is higher.", True),
        ("Test length: twenty-four hours, and it ships if clicks rise.", True),
        ("Length: three weeks, and the new model ships only if watch time is up.", False),
        ("Duration: 48 hours for a smoke test, but we ship only after three weeks of A/B.", False),
    ],
)
def test_a_short_test_length_given_as_a_heading_value(reader, text, flag):
    got = "vr-evaluate-short-test-red-flag" in flag_ids(reader, VR, text)
    assert got is flag
