"""A mistake turned down or guarded against in the shapes of a chat is no red flag (session
redflags6, tuned on redflags-dev-30, dev-32 and dev-33): a verdict of rejection right after it
("... = nope"), a test or check that fails on or blocks it, the topic of a hazard ("the cost of
...", "Risk: ..."), a denial with a pronoun pointing back at it later in the sentence, the
candidate's voice only turning it down ("we ruled it out") or suffering a gerund subject's
consequence ("... means brigades write our labels"), and a frequency said in words ("labels
every three weeks"). The mistakes said in the same shapes keep their flags. Tested in other words
than the tuning sets'."""

from __future__ import annotations

import pytest

from tests.reading import flag_ids

AD = "ad-click-prediction"
HC = "harmful-content"
NF = "news-feed"
VR = "video-recommendation"
VS = "visual-search"


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        # a verdict of rejection in chat shorthand right after the mistake
        (
            VS,
            "train the encoder once and forget it -> no, the uploads drift in style every season.",
        ),
        # what a check guards against
        (
            VS,
            "An index-time validator rejects any image from secret boards, so private pins "
            "never reach the results.",
        ),
        # the topic of a hazard
        (
            AD,
            "The price of a batch job that scores all user-ad pairs every night is billions of "
            "predictions nobody sees.",
        ),
        # the content of a problem named (plain6's check-16 finding)
        (NF, "There's the problem that posts near the top get more clicks only for being there."),
        (NF, "One catch: posts at the top of the screen get more clicks only for being there."),
        # denied after it, a pronoun pointing back
        (
            NF,
            "Direct messages are the best signal of closeness, but they can't be used for ranking.",
        ),
        # the candidate's voice only turning it down
        (
            VR,
            "The heavy ranker over the whole catalogue on each request is simple, so we gave it up "
            "for retrieval plus ranking.",
        ),
        # the first person only in the consequence of a gerund subject
        (
            HC,
            "Treating every reported post as harmful means any brigade gets to pick our labels.",
        ),
        # a frequency in words, not "label every" post
        (HC, "We refresh the classifier on new reviewer labels every three weeks."),
    ],
)
def test_a_mistake_turned_down_in_a_chat_shape_flags_nothing(reader, problem, text) -> None:
    assert flag_ids(reader, problem, text) == []


@pytest.mark.parametrize(
    ("problem", "text", "part"),
    [
        # "no" that does not turn the mistake down
        (
            AD,
            "We shuffle all impressions randomly for the split, no way around it.",
            "random-split",
        ),
        # a rejection of something else, the candidate's own plan kept
        (
            VR,
            "We run the heavy ranker over the whole catalogue on every request; we'd fix that "
            "only if latency hurts.",
            "serve",
        ),
        # denied after it, but taken up by the candidate before the denial
        (
            NF,
            "We use direct messages as a closeness feature, but they can't leave the ranking "
            "service.",
            "private",
        ),
        # a hazard heading with the candidate's own plan after it
        (
            AD,
            "Risk: none really, we shuffle all impressions and take a random 80/20 split.",
            "random-split",
        ),
        # a problem named, with the candidate's own plan as its content
        (
            NF,
            "The problem is that we rank the feed by clicks only, nothing else.",
            "clicks-only",
        ),
        # a check that is not there
        (
            HC,
            "Every reported post is a positive label in training, and no reviewer looks at them.",
            "reports-as-truth",
        ),
    ],
)
def test_the_mistakes_in_those_shapes_keep_their_flag(reader, problem, text, part) -> None:
    assert any(part in f for f in flag_ids(reader, problem, text)), text


@pytest.mark.parametrize(
    ("problem", "text", "part"),
    [
        # an option taken up "anyway" sentences after the one that names it
        (
            VS,
            "Pros of comparing the query with every stored vector exactly: perfect recall. Cons: "
            "seconds per query. Chosen anyway: it's the simplest thing to launch.",
            "exact-knn",
        ),
    ],
)
def test_an_option_taken_up_anyway_later_keeps_its_flag(reader, problem, text, part) -> None:
    assert any(part in f for f in flag_ids(reader, problem, text)), text


def test_another_option_chosen_later_takes_nothing_up(reader) -> None:
    text = (
        "Pros of a nightly batch over all user-ad pairs: cheap serving. Cons: stale. "
        "Request-time scoring of the retrieved candidates is chosen instead."
    )
    assert flag_ids(reader, AD, text) == []
