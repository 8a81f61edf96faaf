"""The closure rules, one table each, pinned as they read today (`closure_shapes`, `closings`):
a part closed, an answer acknowledged, the talk closed bare or with thanks, a finish asked, a
courtesy that closes only at the end, and the entry point that reads them in their message.
Quirks are pinned with a comment, not fixed: a change to any of them should be a decision."""

from __future__ import annotations

import pytest

from app.knowledge.text import normalize, sentences
from app.understanding.acts import is_question, wants_hint, wants_move_on
from app.understanding.closings import (
    REQUESTS_NOTHING,
    closes_answer_only,
    closes_by_courtesy_only,
    closes_part,
    closings,
    wants_finish,
)
from app.understanding.closure_shapes import closed_with_thanks, closes_the_talk


@pytest.mark.parametrize(
    ("sentence", "want"),
    [
        ("got it, that's enough context", True),
        ("i think the model is covered, right?", True),
        ("i have what i need", True),
        ("that's plenty to go on", True),
        ("ok, that's all for the data", True),
        ("i don't need anything more on requirements", True),
        ("both of those feel settled", True),
        ("data is covered, yeah?", True),
        ("framing's in the can", True),  # an idiom read in plain words: "framing's done"
        # "no" is read as an acknowledgement and stripped first: "more questions from me" is
        # left, no closure (a quirk; "no further questions" and "nothing more" do close)
        ("no more questions from me", False),
        ("that's all", True),
        # the closure has to open the sentence: after an answer it closes nothing here
        ("log loss and calibration, that's it", False),
        # more than four words after the closure: design talk goes on
        ("that's enough context for me to pick a loss function now", False),
        # a number after it: "that's all 3" counts things, closes nothing (a quirk: "all")
        ("that's all 3 of them", False),
        ("is that enough?", False),
        ("we need more data for the rare classes", False),
        ("the model is big", False),
    ],
)
def test_closes_part(sentence: str, want: bool) -> None:
    assert closes_part(sentence) is want


@pytest.mark.parametrize(
    ("sentence", "want"),
    [
        ("thanks, that's clear", True),
        ("got it, that's all", True),
        ("ok, i have what i need", True),
        ("perfect, that's enough", True),
        ("ok, that's enough on the data", False),  # a stage named: that part closed
        ("that's all, let's move on", False),  # a move asked for
        ("i have what i need, can we go to serving?", False),
        ("i'm good on the requirements", False),  # progress talk about a part
        ("thanks, the latency budget is tight", False),  # no closure at all
    ],
)
def test_closes_answer_only(sentence: str, want: bool) -> None:
    assert closes_answer_only(sentence) is want


@pytest.mark.parametrize(
    ("sentence", "open_question", "want"),
    [
        ("that is all.", None, True),
        ("i have nothing further to add.", None, True),
        ("i am finished.", None, True),
        ("ok, that's everything, thanks", None, True),
        ("i think that's it", None, True),
        ("nothing more.", None, True),
        ("that is all.", "Anything else you'd add?", False),  # answers "anything else?"
        ("that's it.", "Is that the full list?", False),
        ("nothing else.", "Any other features you'd include?", False),
        ("that is all.", "How would you serve it?", True),  # a question not asking for more
        ("that's all for the data.", None, False),  # a part named
        ("nothing more to add on serving.", None, False),
        ("log loss and auc, that's all.", None, False),  # the closure after an answer
        ("that's all i can think of for features.", None, False),
    ],
)
def test_closes_the_talk(sentence: str, open_question: str | None, want: bool) -> None:
    assert closes_the_talk(sentence, open_question) is want


@pytest.mark.parametrize(
    ("norms", "i", "want"),
    [
        (["i'll leave it there, thanks."], 0, True),
        (["let me stop at that.", "thanks, i learned a lot."], 0, True),
        (["i'd end it here. cheers!"], 0, True),
        (["i'll leave the features there."], 0, False),  # no thanks: a part left
        (["i'll leave the data there, thanks."], 0, False),  # a stage named
        (["let me stop at that.", "thanks. next, serving."], 0, False),  # a stage after it
        (["thanks to the filter, we'll stop here."], 0, False),  # "thanks to": a cause
        (["thanks, that helps."], 0, False),  # thanks, but nothing closed
        (["thanks.", "let me stop at that."], 1, False),  # the thanks came before
    ],
)
def test_closed_with_thanks(norms: list[str], i: int, want: bool) -> None:
    assert closed_with_thanks(norms, i) is want


@pytest.mark.parametrize(
    ("sentence", "want"),
    [
        ("thanks, that's all", True),
        ("that's everything, thank you", True),
        ("we're done here i think", True),
        ("that's a wrap from me", True),
        ("thank you for the interview", True),
        ("can we end here?", True),
        ("grade me", True),
        ("i'm done.", True),
        ("that's it from me.", True),
        ("i'd like to stop here, if that's ok", True),
        ("i'll stop there on the model and go to evaluation", False),  # a part, then a stage
        # a bare closure alone: no finish here; `closings` makes a whole message of it one
        ("that's all", False),
        ("thanks, that's clear", False),
        ("we're done with data", False),
        ("the job stops when the queue is empty", False),
    ],
)
def test_wants_finish(sentence: str, want: bool) -> None:
    assert wants_finish(sentence) is want


@pytest.mark.parametrize(
    ("sentence", "want"),
    [
        ("thank you for the interview", True),
        ("thanks for listening", True),
        ("it's been a useful hour", True),
        ("i enjoyed this", True),
        # progress talk reads "today" and "end" as an ending: a firm finish, so not courtesy
        # only, and it finishes even with more said after it (a quirk)
        ("thanks a lot for your time today", False),
        ("that brings me to the end of what i wanted to present", False),
        ("thanks, that's all", False),  # a firm finish, not only a courtesy
        ("thank you for the interview, that's a wrap from me", False),
        ("that's been helpful, thanks", False),  # one answer found helpful
        ("thanks for the clarification", False),
    ],
)
def test_closes_by_courtesy_only(sentence: str, want: bool) -> None:
    assert closes_by_courtesy_only(sentence) is want


def _closings(text: str, open_question: str | None = None, muted: list[bool] | None = None):
    """`closings` of a message, its sentences' moves, hints and questions read as the reader
    reads them (no sentence muted unless told)."""
    sents = sentences(text)
    norms = [normalize(s) for s in sents]
    return closings(
        norms,
        open_question,
        move=[wants_move_on(n) for n in norms],
        hint=[wants_hint(n) for n in norms],
        asks=[is_question(s, n) for s, n in zip(sents, norms, strict=True)],
        muted=muted or [False] * len(norms),
    )


@pytest.mark.parametrize(
    ("text", "open_question", "finish", "move"),
    [
        # a closure alone as the whole message ends the talk; it also closes the part
        ("That's all.", None, [True], [True]),
        ("That is all.", "Anything else you'd add?", [False], [True]),  # closes the part only
        ("Log loss and AUC. That's all.", None, [False, False], [False, True]),
        ("Thanks for listening.", None, [True], [False]),
        ("Thanks for listening. Next I'd cover serving.", None, [False, False], [False, True]),
        # a courtesy after the design: nothing of the candidate's own after it, it finishes
        (
            "Serving is a two-tower model. Thanks for listening.",
            None,
            [False, True],
            [False, False],
        ),
        # closing with thanks, no part named: the interview ends, the move goes
        (
            "I'll leave things there for the design. Thanks a lot.",
            None,
            [True, False],
            [False, False],
        ),
        (
            "I'll park my design there. Thanks, I learned a lot.",
            None,
            [True, False],
            [False, False],
        ),
        # a finish of its own ("I'll leave it there") keeps its move: the thanks rule is not
        # reached (a quirk; the reader's intents take the finish first)
        ("I'll leave it there. Thanks, I learned a lot.", None, [True, False], [True, False]),
        ("I'll leave the features there.", None, [False], [True]),  # a part left, no thanks
        (
            "Thanks, that's clear. Another thing: how much GPU time do we have?",
            None,
            [False, False],
            [False, False],
        ),
        # a stage named: that part closed, the move kept before the next question
        (
            "OK, that's enough on the data. How much GPU time do we have?",
            None,
            [False, False],
            [True, False],
        ),
        ("That's a wrap from me.", None, [True], [False]),
        ("Thanks, that's all.", None, [True], [True]),
        ("We're done here.", None, [True], [True]),
    ],
)
def test_closings_reads_each_closure_in_its_message(
    text: str, open_question: str | None, finish: list[bool], move: list[bool]
) -> None:
    assert _closings(text, open_question) == (finish, move)


def test_a_muted_sentence_finishes_nothing() -> None:
    assert _closings("That's all.") == ([True], [True])
    # a muted sentence (steering, a question about the bot): the bare closure does not count;
    # its move is the caller's to void, as the reader does
    assert _closings("That's all.", muted=[True]) == ([False], [True])
    assert _closings("Thank you for the interview.", muted=[True])[0] == [False]


def test_closings_returns_new_lists() -> None:
    norms = ["thanks, that's clear.", "how much gpu time do we have?"]
    move = [True, False]
    finish, moved = closings(
        norms, None, move=move, hint=[False, False], asks=[False, True], muted=[False, False]
    )
    assert (finish, moved) == ([False, False], [False, False])
    assert move == [True, False]  # the caller's list is left as it was


@pytest.mark.parametrize(("shape", "text", "at"), REQUESTS_NOTHING)
def test_message_shapes_that_request_nothing(shape: str, text: str, at: int) -> None:
    norm = normalize(sentences(text)[at])
    # alone, the closing sentence finishes or moves on ...
    assert wants_finish(norm) or wants_move_on(norm), shape
    # ... in its message it requests nothing
    finish, move = _closings(text)
    assert not finish[at] and not move[at], shape
