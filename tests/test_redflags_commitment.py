"""Red flags need a sentence that commits to the mistake (session redflags5, the flip of the
default, tuned on redflags-dev-27 to dev-32): the candidate's own voice, an imperative, a design
slot, care for the right practice waved away, or a design statement (a part of the system as the
subject of a present, future or "would" verb or of a copula, the passive, or a part of the
system as what the mistake is made). A mistake named in a sentence with none of these is only
discussed. Tested in other words than the tuning sets'."""

from __future__ import annotations

import pytest

from app.knowledge.text import normalize
from app.understanding.commitment import commits

AD = "ad-click-prediction"
HC = "harmful-content"
NF = "news-feed"
VS = "visual-search"


def _commits(sentence: str) -> str | None:
    norm = normalize(sentence)
    return commits(norm, 0, len(norm))


@pytest.mark.parametrize(
    "sentence",
    [
        # the candidate's voice, an imperative, a design slot
        "We'll hold out a random fifth of all the impressions.",
        "Just shuffle every row and cut at 80%.",
        "Eval metric: plain accuracy on the last week.",
        # care for the right practice waved away
        "An online experiment is unnecessary once the offline numbers look good.",
        # ...in a contraction too (its "n't" has no word boundary before it)
        "Straight to a billion-parameter vision transformer trained from nothing; a smaller "
        "model or the current colour descriptors aren't worth comparing to.",
        # a part of the system as subject: present, future, "would", or a copula
        "A batch job at 1 a.m. scores each user against every campaign.",
        "The retrieval service would compare the query with all stored vectors.",
        "The main metric is accuracy over every impression.",
        # the passive, present or past
        "Each upload is scored and deleted above 0.9.",
        "The logs were shuffled and split randomly.",
        # a part of the system as what the mistake is made
        "Whatever users report goes into training as harmful.",
    ],
)
def test_a_sentence_that_commits(sentence: str) -> None:
    assert _commits(sentence) is not None


@pytest.mark.parametrize(
    "sentence",
    [
        # a gerund practice as subject with a verdict, not a part of the system
        "Picking rows at random leaks tomorrow into training.",
        # a definition of what the metric does
        "Accuracy treats a missed harmful post like a correct safe one.",
        # a verdict on a kind of search, its adjective no verb
        "Brute-force search is exact and hopeless at this scale.",
        # the passive inside a relative clause that says what the mistake does
        "The trap is a random split, which means the model is tested on its own past.",
        # a passive denied
        "Private photos must never be used for the index.",
    ],
)
def test_a_sentence_with_nothing_that_commits(sentence: str) -> None:
    assert _commits(sentence) is None


@pytest.mark.parametrize(
    ("problem", "text", "flag"),
    [
        (
            VS,
            "Each query vector is compared against every one of the stored embeddings.",
            "vs-serve-exact-knn-red-flag",
        ),
        (NF, "A cron job ranks each user's feed once a day and caches it.", "nf-serve-daily-batch"),
        (
            HC,
            "Labels: any post that users reported is a positive.",
            "hc-data-reports-as-truth-red-flag",
        ),
    ],
)
def test_design_statements_keep_their_flag(reader, problem: str, text: str, flag: str) -> None:
    assert flag in [
        c.criterion_id for c in reader.read(text, problem_id=problem, level="senior").flags
    ]


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        (AD, "Splitting the impressions at random is the classic failure mode here."),
        (VS, "Exact nearest-neighbour search over every stored vector: correct, and far too slow."),
    ],
)
def test_a_mistake_only_named_flags_nothing(reader, problem: str, text: str) -> None:
    assert not reader.read(text, problem_id=problem, level="senior").flags
