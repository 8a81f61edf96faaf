"""Which stage a candidate message is stored and graded in: the one it is about
(`app.interview.service.said_stage`), and a live message that speaks to two design stages is
judged on each (`OfflineJudge._read_other_stages`)."""

import pytest

from app.grading.judges import OfflineJudge, TurnText
from app.interview.service import said_stage


def test_a_message_is_stored_in_the_stage_it_is_about():
    # it took the interview to the stage it is about
    assert said_stage(["frame"], "clarify", "frame") == "frame"
    # the candidate finishes the model after the interviewer moved on to serving
    assert said_stage(["model"], "serve", "serve") == "model"
    # two stages at once, the interview still on the one before: the first it is about
    assert said_stage(["serve", "monitor"], "evaluate", "monitor") == "serve"
    # the interview's stage is among what it shows: kept
    assert said_stage(["evaluate", "monitor"], "monitor", "monitor") == "monitor"
    # nothing shown, or only a question (asked in any stage): kept
    assert said_stage([], "data", "data") == "data"
    assert said_stage(["clarify"], "model", "model") == "model"
    # a bare "next" moves the interview but is about nothing: it stays where it was said
    assert said_stage([], "frame", "data") == "frame"


@pytest.mark.postgres
def test_a_model_answer_given_after_the_interview_moved_is_stored_under_the_model(client):
    sid = client.post("/v1/sessions", json={"problem_id": "news-feed"}).json()["session"]["id"]
    for said in ("next", "next", "next", "next"):  # clarify, frame, data, model -> evaluate
        turn = client.post(f"/v1/sessions/{sid}/messages", json={"content": said}).json()
    assert turn["stage"] == "evaluate", turn
    late = (
        "For the model itself I'd start from a logistic regression baseline over "
        "hand-made features, then a multi-task network with one head per reaction."
    )
    turn = client.post(f"/v1/sessions/{sid}/messages", json={"content": late}).json()
    assert turn["message"]["stage"] == "model", turn["reply"]["content"]
    transcript = client.get(f"/v1/sessions/{sid}/transcript").json()["messages"]
    assert [m["stage"] for m in transcript if m["content"] == late] == ["model"]


_SERVE_AND_MONITOR = (
    "Serving: every new post is checked when it is uploaded. Monitoring: I'd watch the "
    "distribution of scores per class and the report rate, and retrain when new kinds of "
    "abuse appear."
)


def _transcript(last_stage: str, *, live: bool) -> list[TurnText]:
    turns = [
        TurnText("c1", 1, "candidate", "How fast must a post be scored?", "clarify"),
        TurnText("c2", 3, "candidate", _SERVE_AND_MONITOR, last_stage),
    ]
    if live:
        turns.insert(1, TurnText("i1", 2, "interviewer", "Within 500 ms of upload.", "clarify"))
    return turns


def test_a_live_message_on_two_stages_is_judged_in_each(reader, bank):
    judge = OfflineJudge(reader)
    criteria = bank.criteria_for("harmful-content", "senior")
    live = judge.judge_sync(criteria, _transcript("serve", live=True), "harmful-content")
    assert live["hc-monitor-per-category"].met, live["hc-monitor-per-category"]
    # the same message read in the serving stage alone does not reach that monitoring point
    # (what the second reading adds), and a written answer is read in its own stage only
    written = judge.judge_sync(criteria, _transcript("serve", live=False), "harmful-content")
    assert not written["hc-monitor-per-category"].met
