"""Bugs a read-only review found in the second session of 2026-12-04, each mended: a refusal
that only limits a use ("we don't use them for anything else") overruled the flag before it;
"when the app opens" cleared a nightly batch; "During ..." was read as a gerund judging an
option; "let's wrap up, I'm happy with the model" closed one stage instead of the interview;
"let me come back to the data later" went back at once; questions on the session counted as
strikes after a redirect; bare "watch"/"time"/"like" stood for an online metric; and "why X
rather than Y" was answered by naming both with no reason."""

from __future__ import annotations

import pytest

from app.interview.policy import Policy, _ended_part, _go_back_named, answered_in, observe
from app.interview.state import InterviewState
from app.understanding.schema import Reading
from tests.reading import flag_ids


@pytest.mark.parametrize(
    ("problem", "text", "flag"),
    [
        (
            "harmful-content",
            "Reported posts are the positives and everything else is negative. We don't use "
            "them for anything else.",
            "hc-data-reports-as-truth-red-flag",
        ),
        (
            "video-recommendation",
            "Evaluation is a random 20% split of all the logs, shuffled. We don't rely on it "
            "alone, though.",
            "gen-data-random-split-leakage",
        ),
        (
            "news-feed",
            "Each member's feed is ranked once a night and stored. So when the app opens, the "
            "stored list loads instantly.",
            "nf-serve-daily-batch",
        ),
        (
            "visual-search",
            "Shadow mode is something teams use. During launch the new encoder would go to every "
            "user at once on the offline recall numbers.",
            "vs-evaluate-offline-only-red-flag",
        ),
    ],
)
def test_a_limited_use_or_a_kept_plan_still_flags(reader, problem, text, flag):
    assert flag in flag_ids(reader, problem, text)


@pytest.mark.parametrize(
    ("said", "stage"),
    [
        ("I'll stop there on the framing.", "frame"),
        ("Let's wrap up, I'm happy with the model.", None),
        ("I'd like to finish here, thanks for the questions.", None),
        ("I'm finished with the model, let's end the interview here.", None),
    ],
)
def test_only_an_ending_of_a_stage_closes_that_stage(said, stage):
    assert _ended_part(Reading(text=said)) == stage


@pytest.mark.parametrize(
    ("said", "back"),
    [
        ("Let me go back to the data for a moment.", "data"),
        ("Let me come back to the data later.", None),
        ("Could we return to the framing if there's time?", None),
        ("Let me step back and think about the framing for a second.", None),
    ],
)
def test_a_go_back_put_off_is_no_go_back_now(said, back):
    assert _go_back_named(Reading(text=said)) == back


def test_questions_on_the_session_after_a_redirect_are_no_strikes(reader, bank, retriever):
    state = InterviewState()
    policy = Policy(bank, retriever, "news-feed", "senior")
    policy.opening(state, 0.0)
    said = ["ok", "How much time do we have left?", "Sorry, can you repeat the question?"]
    for seq, text in enumerate(said * 2, 1):
        read = reader.read(text, problem_id="news-feed", level="senior", stage=state.stage)
        observe(state, read, seq)
        state.last_move = policy.decide(state, read, float(seq)).key
        assert state.strikes <= 1, text


@pytest.mark.parametrize(
    ("said", "credited"),
    [
        ("We'd watch the online metrics closely after launch.", False),
        ("Online metrics should show whether people like the videos.", False),
        ("Online: daily watch time per user and the share of sessions with a like.", True),
    ],
)
def test_an_online_metric_needs_a_measured_quantity(reader, said, credited):
    read = reader.read(said, problem_id="video-recommendation", level="senior", stage="evaluate")
    assert ("gen-evaluate-online-metric" in {c.criterion_id for c in read.claims}) is credited


@pytest.mark.parametrize(
    ("question", "said", "answered"),
    [
        (
            "Why a random forest over boosted trees here, given the usual accuracy gap?",
            "A random forest, and boosted trees later.",
            False,
        ),
        (
            "Why PR-AUC over ROC-AUC here, and how does the positive rate affect its value?",
            "I'd report PR-AUC rather than ROC-AUC.",
            False,
        ),
        (
            "Why a random forest over boosted trees here, given the usual accuracy gap?",
            "A random forest: boosted trees would need more tuning than we have time for.",
            True,
        ),
    ],
)
def test_why_x_over_y_needs_y_weighed(question, said, answered):
    assert answered_in(question, Reading(text=said)) is answered
