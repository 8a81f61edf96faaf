"""Red flags decided by a default about sentence shape rather than by cue words (session
redflags3, tuned on redflags-dev-30): a mistake that is only the subject of a clause whose modal
says what it would do ("shuffling the rows would put ...") is discussed, not committed, whatever
the subject's shape, unless the candidate's own voice or a verdict of merit is in the sentence.
Tested here in other words than that set's."""

from __future__ import annotations

import pytest

from app.knowledge.text import find_phrase, normalize
from app.understanding.commitment import discussed_mode
from tests.reading import flag_ids

AD = "ad-click-prediction"
HC = "harmful-content"
VS = "visual-search"


def _mode(sentence: str, phrase: str) -> str | None:
    norm = normalize(sentence)
    m = find_phrase(phrase, norm, normalized=True)
    assert m is not None, (sentence, phrase)
    return discussed_mode(norm, m.start(), m.end())


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        # a gerund subject
        ("Splitting the log at random would mix next week into training.", "at random"),
        # a bare noun phrase
        ("Raw accuracy on this data would mostly reward the majority class.", "accuracy"),
        # a definite noun phrase
        ("The exhaustive scan over all vectors would blow the latency budget.", "all vectors"),
    ],
)
def test_a_mistake_as_the_subject_of_a_consequence_is_discussed(sentence, phrase):
    mode = _mode(sentence, phrase)
    assert mode is not None and "consequence" in mode


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        # the candidate's own voice takes it up
        ("Splitting the log at random would mix weeks, but we'd accept that.", "at random"),
        # a verdict of merit, not a consequence
        ("Splitting the log at random would work fine here.", "at random"),
        # the subject has a verb of its own before the modal: the mistake is what it does
        ("The service scans all vectors and would answer in two seconds.", "all vectors"),
        # a pronoun subject: what it stands for is said elsewhere
        ("It scans all vectors, which would take two seconds.", "all vectors"),
    ],
)
def test_a_consequence_keeps_the_flag_when_the_mistake_is_committed(sentence, phrase):
    assert _mode(sentence, phrase) is None


@pytest.mark.parametrize(
    ("problem", "text", "flag"),
    [
        (
            HC,
            "Deleting every post above a fixed score with no human review would silence "
            "legitimate news reporting.",
            "hc-serve-auto-remove-red-flag",
        ),
        (
            VS,
            "Comparing each query against every stored embedding would need seconds per request.",
            "vs-serve-exact-knn-red-flag",
        ),
    ],
)
def test_reader_leaves_a_gerund_consequence_unflagged(reader, problem, text, flag):
    assert flag not in flag_ids(reader, problem, text)


def test_reader_still_flags_the_plain_plan(reader):
    text = "We mix all the days and sample a random 90/10 split for the test set."
    assert "gen-data-random-split-leakage" in flag_ids(reader, AD, text)


@pytest.mark.parametrize(
    ("sentence", "phrase", "mode"),
    [
        # the mistake as what something exists to stop
        (
            "Shipping the ranker to all users on an offline gain is precisely the thing the "
            "launch review is there to prevent.",
            "to all users",
            "exists to stop",
        ),
        # ...not when the candidate does it first
        ("We ship it to all users, which is what the review stops.", "to all users", None),
        # people in general, by habit: others' practice
        ("Folks usually split such logs at random.", "at random", "someone else"),
        ("Most people tend to split such logs at random.", "at random", "someone else"),
        # ...not people as the ones served, in the candidate's design
        ("We split the logs people leave at random.", "at random", None),
    ],
)
def test_prevented_and_habitual_shapes(sentence, phrase, mode):
    got = _mode(sentence, phrase)
    assert (got is None) if mode is None else (got is not None and mode in got)


def test_a_modal_that_places_the_mistake_in_the_design_keeps_the_flag():
    # "would go into / feed / end up in" is the design said in an interview's "would"
    assert _mode("Whether the ad got clicked would go into the features.", "got clicked") is None
    assert _mode("Clicks alone would feed the ranker.", "clicks alone") is None


def test_people_by_habit_joined_by_the_candidate_keep_the_flag():
    assert _mode("Folks usually split such logs at random, and I'd go along.", "at random") is None
