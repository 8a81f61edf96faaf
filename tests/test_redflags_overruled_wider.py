"""The overrule of session redflags9 widened (session redflags10): a replacement said in words a
flag's `cleared_by` now lists (complete for the practice: "score online", "when the app opens",
"a two-tower retrieval", "5% of traffic first", "a monthly refresh"), a "So" conclusion whatever
its subject, a first person only inside a relative clause about someone else ("the system we
replaced"), an option judged as a hypothetical after the practice was already said, and the very
next sentence refusing the option ("We never read them"). Mistakes said in the candidate's own
voice, or followed by a refusal of something else, still flag."""

from __future__ import annotations

import pytest

from app.understanding.overruled import commits_in_own_voice, judged_option, refuses_it
from tests.reading import flag_ids

AD = "ad-click-prediction"
HC = "harmful-content"
NF = "news-feed"
VR = "video-recommendation"
VS = "visual-search"


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        # replacements in words the flags' cleared_by did not list before, after a "So"
        # whose subject is not the candidate
        (
            VR,
            "The heavy ranker over the full catalogue for each request is the thorough option. "
            "It would never come back in time. So a two-tower retrieval picks 500 candidates "
            "first.",
        ),
        (
            NF,
            "A nightly job that writes each member's ordered feed would be cheap to serve. A "
            "friend's news from this morning would wait a day. So we rank when the app opens, "
            "from about 500 candidates.",
        ),
        (
            VS,
            "Say we released the new encoder to every user once recall improved offline. We "
            "would not see how people react. That's why it goes to 5% of traffic first.",
        ),
        # the first person only inside a relative clause about someone else's system
        (
            NF,
            "The ranker our team inherited had been trained once and never again. That's why "
            "we now retrain it every week.",
        ),
        # the option judged as a hypothetical after the practice was already said
        (
            VS,
            "The new encoder runs in shadow mode for a week first. Launching to everyone on the "
            "offline numbers alone would skip exactly the effects we care about.",
        ),
        # the very next sentence refuses it, with no practice word
        (
            NF,
            "Private messages would tell us a lot about what people like. We never read them. "
            "Topics come from public posts and follows.",
        ),
    ],
)
def test_a_mistake_replaced_or_refused_raises_no_flag(reader, problem, text):
    assert flag_ids(reader, problem, text) == []


@pytest.mark.parametrize(
    ("problem", "text", "flag"),
    [
        # a refusal of something else is no refusal of the mistake
        (
            HC,
            "Reported posts are the positives and everything else is negative. We don't use "
            "anything else.",
            "hc-data-reports-as-truth-red-flag",
        ),
        # the candidate's own plan, followed by a "So" that keeps it
        (
            NF,
            "We rank every user's feed once a night and store it. So the app opens instantly.",
            "nf-serve-daily-batch",
        ),
    ],
)
def test_a_mistake_kept_still_flags(reader, problem, text, flag):
    assert flag in flag_ids(reader, problem, text)


@pytest.mark.parametrize(
    ("sentence", "own"),
    [
        ("the vendor we replaced used to fill a table.", False),
        ("launching it would skip the effects we care about.", False),
        ("the plan is that we precompute every pair.", True),
        ("the table we'd build holds every pair.", True),
        ("we precompute every pair.", True),
    ],
)
def test_a_relative_clause_about_something_else_is_not_the_candidates_voice(sentence, own):
    assert commits_in_own_voice(sentence) is own


@pytest.mark.parametrize(
    ("sentence", "judged"),
    [
        ("shipping on offline numbers alone would skip the online effects.", True),
        ("removing every post above one score would be cheap.", True),
        ("shipping is weekly and would not change.", False),
        ("posts above 0.8 would be removed automatically.", False),
    ],
)
def test_an_option_judged_as_a_hypothetical(sentence, judged):
    assert judged_option(sentence) is judged


@pytest.mark.parametrize(
    ("sentence", "refuses"),
    [
        ("we never read them.", True),
        ("i wouldn't do that.", True),
        ("we don't use anything else.", False),
        ("we never store them in plain text.", False),
    ],
)
def test_a_refusal_points_back_to_what_was_said(sentence, refuses):
    assert refuses_it(sentence) is refuses
