"""The chat-interview set (bench/data/chat-dev) is frozen, loads and is well formed, and the
bench's agreement figures come out of a graded record as they should."""

from collections import Counter

from app.knowledge.schema import STAGES
from bench.chat import CHAT_DEV, KINDS, load_interviews, score
from bench.validity import HIRE_ORDER, labels_frozen

DEV = {
    "ad-click-prediction",
    "harmful-content",
    "news-feed",
    "video-recommendation",
    "visual-search",
}


def test_chat_set_is_frozen_and_dev_only():
    assert labels_frozen(CHAT_DEV)
    interviews = load_interviews()
    assert {iv["problem_id"] for iv in interviews} == DEV
    per_problem = Counter((iv["problem_id"], iv["kind"]) for iv in interviews)
    assert set(per_problem) == {(p, k) for p in DEV for k in KINDS}
    assert set(per_problem.values()) == {1}


def test_chat_interviews_are_well_formed():
    interviews = load_interviews()
    for iv in interviews:
        assert set(iv["labels"]) == set(STAGES), iv["id"]
        assert all(1 <= v <= 4 for v in iv["labels"].values()), iv["id"]
        assert iv["hire"] in HIRE_ORDER, iv["id"]
        assert {m["stage"] for m in iv["messages"]} <= set(STAGES), iv["id"]
        if iv["kind"] not in ("weak", "generic-parrot"):  # those only gesture at clarifying
            assert any("?" in m["text"] for m in iv["messages"] if m["stage"] == "clarify")
    parts = Counter((iv["problem_id"], iv["part"]) for iv in interviews)
    assert set(parts.values()) == {3}  # 3 tune and 3 held per problem
    for part in ("tune", "held"):
        kinds = {iv["kind"] for iv in load_interviews(part)}
        assert {"strong", "weak"} <= kinds


def _graded(kind: str, labels: dict, want: str, scores: dict, signal: str) -> dict:
    iv = {"id": kind, "kind": kind, "labels": labels, "hire": want}
    stages = [{"stage": s, "score": scores[s], "specifics": 0} for s in STAGES]
    report = {"stages": stages, "overall": {"hire_signal": signal, "score": 0.5}}
    return {"interview": iv, "report": report, "tagged": [("frame", "frame")], "ended_early": False}


def test_score_agreement_figures():
    good = _graded(
        "strong", dict.fromkeys(STAGES, 4), "hire", dict.fromkeys(STAGES, 0.8), "strong hire"
    )
    low = _graded(
        "generic-parrot",
        dict.fromkeys(STAGES, 1),
        "strong no hire",
        dict.fromkeys(STAGES, 0.05),
        "hire",
    )
    res = score([good, low])
    assert res["qwk"] == 1.0 and res["spearman"] > 0.9
    assert res["hire_exact"] == "0/2" and res["hire_within_one"] == "1/2"
    assert res["parrot_worst"] == "hire"
    assert res["stage_tagged_as_meant"] == "2/2"


def test_held_back_chat_set_is_frozen_all_held_and_not_run_by_default():
    import inspect

    from bench.chat import CHAT_SETS, HELD_BACK, run

    assert {"chat-dev-2"} == HELD_BACK
    held = CHAT_SETS["chat-dev-2"]
    assert labels_frozen(held)
    interviews = load_interviews(directory=held)
    assert {iv["part"] for iv in interviews} == {"held"}
    per_problem = Counter((iv["problem_id"], iv["kind"]) for iv in interviews)
    assert set(per_problem) == {(p, k) for p in DEV for k in KINDS}
    assert set(per_problem.values()) == {1}
    # the default run scores chat-dev only
    assert inspect.signature(run).parameters["directory"].default == CHAT_DEV
