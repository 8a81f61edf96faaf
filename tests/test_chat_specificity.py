"""The specificity cap in chat form (app/grading/report.py, scoring.py): a stage answered in
several short chat messages counts a share of the specifics said across the interview; a
written answer and a transcript with nothing specific anywhere gain nothing; one sentence read
as two red flags is one mistake."""

from app.grading.judges import TurnText
from app.grading.report import _chat_form, _mistakes
from app.grading.scoring import CHAT_CONTEXT_SHARE, CHAT_MESSAGE_WORDS, chat_specifics


def _said(*texts: str) -> list[TurnText]:
    return [TurnText(f"m{i}", i, "candidate", t, "model") for i, t in enumerate(texts)]


def test_chat_form_is_several_short_messages():
    short = ["Contrastive loss, InfoNCE with in-batch negatives.", "Pretrained ViT backbone."]
    assert _chat_form(_said(*short))
    assert not _chat_form(_said(short[0]))  # one message: a written answer's shape
    long = " ".join(["embedding"] * (CHAT_MESSAGE_WORDS + 1))
    assert not _chat_form(_said(short[0], long))


def test_chat_specifics_share_of_the_interview():
    assert chat_specifics(1, 3 * CHAT_CONTEXT_SHARE) == 3
    assert chat_specifics(5, 3 * CHAT_CONTEXT_SHARE) == 5  # its own when it has more
    assert chat_specifics(0, 0) == 0  # nothing specific anywhere: nothing gained


def _flag(cid: str, mid: str, quote: str) -> dict:
    ev = [{"message_id": mid, "quote": quote}]
    return {"id": cid, "met": True, "red_flag": True, "evidence": ev}


def test_one_sentence_read_as_two_red_flags_is_one_mistake():
    quote = "a strong feature is how long the user watched this candidate video"
    stages = [
        {"criteria": [_flag("gen-leak", "m5", quote), _flag("vr-leak", "m5", quote[2:])]},
        {"criteria": [_flag("vr-accuracy", "m9", "accuracy is the metric")]},
    ]
    assert _mistakes(stages) == 2
    # the same words in another message are another mistake
    stages[1]["criteria"].append(_flag("gen-leak-2", "m7", quote))
    assert _mistakes(stages) == 3
