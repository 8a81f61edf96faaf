"""A red flag met in one sentence is overruled by a later sentence of the same answer (session
redflags9, issue #11): the sentence naming the mistake has no commitment of the candidate's own
(a possibility, a description of the option), and one of the next few opens as a conclusion or a
replacement ("So ...", "Instead ...", "That is why ...") and says the practice that rules the
mistake out. A sentence in the candidate's own plan voice stays a flag whatever follows, and so
does a description not replaced, or followed by a conclusion that keeps it."""

from __future__ import annotations

import pytest

from app.understanding.overruled import commits_in_own_voice, replacement_opens
from tests.reading import flag_ids

HC = "harmful-content"
VS = "visual-search"
AD = "ad-click-prediction"


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        (
            VS,
            "We could compute exact distances from the query to every stored image. That is why "
            "we use an ANN index instead: HNSW returns the top 100 in 12 ms.",
        ),
        (
            HC,
            "A single softmax gives each post exactly one category. A post can break two "
            "policies at once. So we use one sigmoid per category.",
        ),
        (
            HC,
            "Automatically removing everything above one threshold with no human review is "
            "cheap. It also takes down satire and news footage with no appeal. Instead, the "
            "middle band goes to a review queue and every removal can be appealed.",
        ),
        (
            VS,
            "We could train a classifier over every product category and show images from the "
            "predicted one. It can't rank within a class. So we learn an embedding space and "
            "return the nearest neighbours.",
        ),
    ],
)
def test_a_mistake_replaced_by_a_later_sentence_raises_no_flag(reader, problem, text):
    assert flag_ids(reader, problem, text) == []


@pytest.mark.parametrize(
    ("problem", "text", "flag"),
    [
        # the candidate's own plan voice: a contradiction later is still a commitment
        (
            HC,
            "We'll use a single softmax so each post gets exactly one category. So the head is "
            "simple, one sigmoid per policy for the dashboards.",
            "hc-frame-softmax-red-flag",
        ),
        # a design statement followed by a conclusion that says no replacing practice
        (
            VS,
            "The search service computes the exact distance to every one of the billions of "
            "stored images per query. So results are always exact.",
            "vs-serve-exact-knn-red-flag",
        ),
    ],
)
def test_a_mistake_not_replaced_still_flags(reader, problem, text, flag):
    assert flag in flag_ids(reader, problem, text)


@pytest.mark.parametrize(
    ("sentence", "own"),
    [
        ("we could compute exact distances.", False),
        ("things that could bite us: one cut-off.", False),
        ("say we pushed it to everyone the same day.", False),
        ("if we shuffle the rows, the test set leaks.", False),
        ("if we need speed, we precompute every pair.", True),
        ("we'd precompute every pair.", True),
        ("our pipeline shuffles the rows.", True),
        ("we can reuse the nightly table.", True),
    ],
)
def test_own_voice_is_the_candidate_doing_it_not_a_possibility(sentence, own):
    assert commits_in_own_voice(sentence) is own


@pytest.mark.parametrize(
    ("sentence", "opens"),
    [
        ("so we use ann.", True),
        ("instead, reviewers decide.", True),
        ("that's why the index is approximate.", True),
        ("but we keep the table small.", False),
        # (these replace the option they name themselves)
        ("rather than one cut-off, a review band.", False),
        ("instead of a table, a per-request call.", False),
        ("the index is approximate.", False),
    ],
)
def test_a_replacement_opens_the_sentence(sentence, opens):
    assert replacement_opens(sentence) is opens
