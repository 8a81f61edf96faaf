"""Red flags and the way a mistake is framed (written while tuning on redflags-dev-27/28, in other
words than those sets): a mistake held up as a myth, as what someone fears, or as a possibility
conceded before it is dismissed is discussed, not committed; data said to leave what is built,
or the object of a removal verb, is kept out. And mistakes said as plain design descriptions or
heading values (a feed assembled overnight and cached, a model shipped once and left as it is,
"Retraining: none", a launch decided offline "with no live test", one softmax picking the
single policy, paused history left in the tables) still flag."""

from __future__ import annotations

import pytest

from app.knowledge.text import find_phrase, normalize
from app.understanding.commitment import discussed_mode
from tests.reading import flag_ids

AD = "ad-click-prediction"
NF = "news-feed"
VS = "visual-search"
VR = "video-recommendation"
HC = "harmful-content"


def _mode(sentence: str, phrase: str) -> str | None:
    norm = normalize(sentence)
    hit = find_phrase(phrase, norm, normalized=True)
    assert hit is not None, phrase
    return discussed_mode(norm, *hit.span())


@pytest.mark.parametrize(
    ("sentence", "phrase", "discussed"),
    [
        # a myth or misconception: the piece after the cue is the false belief
        ("Myth: shuffling the rows before splitting is harmless.", "shuffling", True),
        ("A widespread misconception is that accuracy tells you enough here.", "accuracy", True),
        ("It's a myth that calibration matters; accuracy is our metric.", "accuracy", False),
        # what someone fears, in the clause that says what the fear is
        ("The worry parents raise most is that the app trains on kids' viewing.", "trains", True),
        ("Sellers are afraid that we index their private boards.", "private boards", True),
        ("Nobody worries about it, and we index their private boards.", "private boards", False),
        # a possibility conceded before it is dismissed, unless taken up after all
        ("Sure, we could rank every video per request and watch the p99 explode.", "every", True),
        ("Of course we could report accuracy, and that's what we'll do.", "accuracy", False),
        ("We could report accuracy as the main number.", "accuracy", False),
    ],
)
def test_a_mistake_framed_as_a_belief_a_fear_or_a_concession(sentence, phrase, discussed):
    assert (_mode(sentence, phrase) is not None) == discussed


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        (
            AD,
            "Myth: a model with high accuracy is a good click model. With one click per hundred "
            "impressions, predicting no click at all scores the same, so we compare models on "
            "log loss and calibration.",
        ),
        (
            NF,
            "In interviews the fear people named most was that the feed reads their private "
            "messages. So message text never reaches a feature or the training data.",
        ),
        (
            VS,
            "Granted, we could feed the raw pixel values into a random forest and hope it learns "
            "what a chair is. The encoder is a pretrained vision network fine-tuned on saved "
            "pairs.",
        ),
        (
            VS,
            "Only public images are indexed; an image whose board turns secret disappears from "
            "the index within ten minutes.",
        ),
        (
            VR,
            "First, drop every account whose history is paused, and every account under 13, "
            "from the training rows.",
        ),
        (VS, "Retraining: every quarter, and the index is re-embedded after each run."),
        (
            NF,
            "We never launch a ranker on offline AUC with no online experiment; the A/B test "
            "decides.",
        ),
    ],
)
def test_correct_practice_in_these_framings_raises_no_flag(reader, problem, text):
    assert flag_ids(reader, problem, text) == []


@pytest.mark.parametrize(
    ("problem", "text", "flag"),
    [
        # the same words, committed
        (AD, "We report accuracy as the main metric for comparing models.", "ad-evaluate-accuracy"),
        (
            NF,
            "Users worry about privacy, but we read their private messages for topics.",
            "nf-data-private-content",
        ),
        (
            VS,
            "We give a random forest the raw pixel values of each image.",
            "vs-model-raw-pixels-red-flag",
        ),
        # plain design descriptions and heading values
        (
            NF,
            "Each user's feed is assembled overnight and served from a cache the next day.",
            "nf-serve-daily-batch",
        ),
        (
            VS,
            "The encoder ships once and remains as it is.",
            "vs-monitor-never-retrain-red-flag",
        ),
        (VS, "Retraining: none.", "vs-monitor-never-retrain-red-flag"),
        (
            NF,
            "Ship rule: offline AUC on last week's logs, with no online test.",
            "nf-evaluate-offline-only",
        ),
        (
            HC,
            "One softmax across the harm types is the last layer, and a post is given the single "
            "type that wins.",
            "hc-frame-softmax-red-flag",
        ),
        (
            VR,
            "Views recorded while a user's history is paused stay in those tables, because they "
            "still show real taste.",
            "vr-data-paused-history-red-flag",
        ),
    ],
)
def test_mistakes_in_these_shapes_still_flag(reader, problem, text, flag):
    got = flag_ids(reader, problem, text)
    assert flag in got, got


def test_a_removal_verb_before_a_while_clause_sets_the_data_aside(reader):
    # (the removal verb's short object is narrowed by the "while" clause holding the mention)
    text = "Step one: remove every watch made while the history is paused from the training rows."
    assert flag_ids(reader, VR, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "We keep every watch made while the history is paused in the training rows.",
        "Nothing is removed: every watch made while history is paused goes into the training data.",
    ],
)
def test_paused_history_kept_in_beside_a_while_clause_stillflag_ids(reader, text):
    assert "vr-data-paused-history-red-flag" in flag_ids(reader, VR, text)
