"""The closure rules read with the requests of `acts`: a sentence that asks to finish
(`wants_finish`), closes only by a courtesy (`closes_by_courtesy_only`), closes the current
part (`closes_part`) or only the answer just heard (`closes_answer_only`); and `closings`, the
one entry point the offline reader calls to settle, per sentence of a message, what its
closings finish or move on. What the sentences look like is in `closure_shapes`.
"""

from __future__ import annotations

from app.knowledge.memo import per_text
from app.knowledge.text import content_words
from app.understanding.acts import (
    FINISH,
    FINISH_REQUEST,
    MOVE_REQUEST,
    moves_on,
    plain_progress,
    progress_talk,
    requested_doing,
)
from app.understanding.closure_shapes import (
    COURTESY_CLOSE,
    ENDING_IDIOM,
    TAIL_HEDGE,
    THANKED_AND_DONE,
    WE_ARE_DONE,
    closed_with_thanks,
    closes_plain,
    closes_the_talk,
)
from app.understanding.signposts import STAGE_BARE

# -- one sentence ----------------------------------------------------------------------------


@per_text(8192)  # asked of each sentence by the acts and by the claims
def wants_finish(snorm: str) -> bool:
    """The sentence asks to end the interview or to be graded; not when it ends a part and
    goes on to a stage ("I'll stop there on the model and go to evaluation")."""
    s = TAIL_HEDGE.sub("", snorm)
    return _firm_finish(s, snorm) or bool(COURTESY_CLOSE.search(s))


def _firm_finish(s: str, snorm: str) -> bool:
    """`wants_finish` but for the courtesies (`s`: the sentence without its tail hedge)."""
    if ENDING_IDIOM.search(s):
        return True
    progress = progress_talk(s)
    if progress is not None and progress[0] == "end":
        return True
    if progress is not None and (progress[1] or "").startswith("to "):
        return False
    return bool(
        FINISH.search(s)
        or FINISH_REQUEST.search(s)
        or WE_ARE_DONE.search(s)
        or THANKED_AND_DONE.search(snorm)
    )


def closes_by_courtesy_only(snorm: str) -> bool:
    """The sentence ends the talk only by a courtesy (`COURTESY_CLOSE`): it closes the message
    only when nothing of the candidate's own comes after it."""
    s = TAIL_HEDGE.sub("", snorm)
    return bool(COURTESY_CLOSE.search(s)) and not _firm_finish(s, snorm)


def closes_part(snorm: str) -> bool:
    """The sentence says the current part is done ("that's plenty to go on", "I have what I
    need", "data is covered, yeah?")."""
    return closes_plain(plain_progress(snorm))


def closes_answer_only(snorm: str) -> bool:
    """An acknowledgement that closes what was just answered and nothing more ("thanks,
    that's clear", "got it, that's all"): it names no stage, asks for none, talks of no move."""
    plain = plain_progress(snorm)
    return (
        closes_plain(plain)
        and STAGE_BARE.search(plain) is None
        and MOVE_REQUEST.search(plain) is None
        and requested_doing(plain) is None
        and progress_talk(snorm) is None
        and not moves_on(plain)
    )


# -- a message -------------------------------------------------------------------------------

# Message shapes whose closing sentence requests nothing of the interviewer, as `closings` reads
# it in its message: (shape, an example message, the index of its closing sentence). The
# closing alone would finish or move on; what comes after it in the message undoes that.
REQUESTS_NOTHING: tuple[tuple[str, str, int], ...] = (
    (
        "the last answer acknowledged before another question",
        "Thanks, that's clear. Another thing: how much GPU time do we have?",
        0,
    ),
    (
        "a courtesy with more of the candidate's own after it",
        "Thanks for listening. Next I'd cover serving.",
        0,
    ),
)


def closings(
    norms: list[str],
    open_question: str | None,
    *,
    move: list[bool],
    hint: list[bool],
    asks: list[bool],
    muted: list[bool],
) -> tuple[list[bool], list[bool]]:
    """Per sentence of a message (`norms`, normalised): whether it finishes the interview, and
    whether it still moves on, once its closing is read in the message. `move`, `hint`, `asks`:
    each sentence's move-on, hint and question as read so far; `muted`: sentences whose requests
    are void (steering, a question about the bot or the session), which finish nothing.

    A closure alone as the whole message ends the talk (`closes_the_talk`); a courtesy closes it
    only with nothing of the candidate's own after it; closing with thanks, no part named, ends
    the interview rather than a part; an acknowledgement of the last answer before another
    question moves nowhere (`REQUESTS_NOTHING`). Returns (finish, move), new lists."""
    finish = [not m and wants_finish(n) for n, m in zip(norms, muted, strict=True)]
    move = list(move)
    if len(norms) == 1 and not muted[0] and closes_the_talk(norms[0], open_question):
        finish[0] = True  # a closure alone as the whole message: the talk, not one answer
    for i, n in enumerate(norms):
        # "Thanks for listening. Next I'd cover serving": a courtesy closes the message only
        # when nothing of the candidate's own follows it
        if (
            finish[i]
            and closes_by_courtesy_only(n)
            and any(not finish[j] and content_words(norms[j]) for j in range(i + 1, len(norms)))
        ):
            finish[i] = False
    for i, n in enumerate(norms):
        # "I'll leave my design there; thanks, ...": closing with thanks, no part named,
        # ends the interview rather than a part of it
        if not finish[i] and closed_with_thanks(norms, i):
            finish[i], move[i] = True, False
        # "Thanks, that's clear. Another thing: how much GPU time...?": an acknowledgement
        # of the last answer before another question of the message keeps asking
        if move[i] and any(
            asks[j] and not (finish[j] or move[j] or hint[j]) for j in range(i + 1, len(norms))
        ):
            move[i] = not closes_answer_only(n)
    return finish, move
