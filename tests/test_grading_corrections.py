"""A mistake taken back later in its stage: the flag stays in the report with the correcting
words, costs half its points and caps nothing; said in another stage, it corrects nothing."""

from __future__ import annotations

from app.grading.corrections import corrections
from app.grading.judges import Finding, TurnText
from app.grading.scoring import RED_FLAG_CAP

PROBLEM = "video-recommendation"
SPLIT = "gen-data-random-split-leakage"
DATA = [
    {
        "role": "candidate",
        "stage": "data",
        "content": "Training data comes from the watch logs: a positive is a video watched past "
        "half its length, a negative an impression with no click. I'd randomly split users "
        "80/20 for train and test.",
    },
    {
        "role": "interviewer",
        "stage": "data",
        "content": "With a random split, which training events happen after the ones you test "
        "on, and does that matter here?",
    },
]
FIX = (
    "ok fair, I'd rather split by time then, train on the first three weeks and test on the fourth"
)


def _grade(client, transcript):
    body = {"problem_id": PROBLEM, "level": "senior", "transcript": transcript}
    res = client.post("/v1/grade", json=body)
    assert res.status_code == 201, res.text
    return res.json()


def _stage(report, stage):
    return next(s for s in report["stages"] if s["stage"] == stage)


def _flag(report):
    items = _stage(report, "data")["criteria"]
    return next(c for c in items if c["id"] == SPLIT)


def test_a_mistake_corrected_in_its_stage_costs_half_and_caps_nothing(client):
    kept = _grade(client, DATA)
    fixed = _grade(client, [*DATA, {"role": "candidate", "stage": "data", "content": FIX}])
    assert _flag(kept)["met"] and _flag(kept)["corrected"] is None
    assert _stage(kept, "data")["score"] <= RED_FLAG_CAP
    flag = _flag(fixed)
    assert flag["met"], "the slip stays in the report"
    assert flag["corrected"]["quote"] == FIX and flag["credit"] == 0.5
    assert _stage(fixed, "data")["score"] > _stage(kept, "data")["score"]


def test_the_right_practice_said_in_another_stage_corrects_nothing(client):
    elsewhere = {"role": "candidate", "stage": "evaluate", "content": FIX}
    report = _grade(client, [*DATA, elsewhere])
    assert _flag(report)["met"] and _flag(report)["corrected"] is None
    assert _stage(report, "data")["score"] <= RED_FLAG_CAP


def test_a_negated_correction_is_no_correction(bank):
    crit = [c for c in bank.criteria_for(PROBLEM, "senior") if c.id == SPLIT]
    said = TurnText("m1", 1, "candidate", "I'd randomly split users 80/20.", "data")
    findings = {SPLIT: Finding(met=True, evidence=[{"message_id": "m1", "quote": said.content}])}
    no = TurnText("m2", 2, "candidate", "I wouldn't split by time here, random is fine.", "data")
    yes = TurnText("m3", 3, "candidate", "Actually, a split by date is safer.", "data")
    assert corrections(crit, findings, [said, no]) == {}
    # read as in the flag's own sentence: a turn back to the mistake, or the practice as an
    # empty heading, takes nothing back
    for text in (
        "We could split by time, but I'd still randomly split users.",
        "Split by time: none.",
    ):
        later = TurnText("m4", 2, "candidate", text, "data")
        assert corrections(crit, findings, [said, later]) == {}, text
    assert corrections(crit, findings, [said, no, yes])[SPLIT]["message_id"] == "m3"


def _leak(bank):
    leak = "gen-data-serving-unavailable-features"
    crit = [c for c in bank.criteria_for(PROBLEM, "senior") if c.id == leak]
    said = TurnText(
        "m1",
        1,
        "candidate",
        "I'd also add whether they finished the video, that's predictive.",
        "data",
    )
    findings = {leak: Finding(met=True, evidence=[{"message_id": "m1", "quote": said.content}])}
    return leak, crit, said, findings


def test_the_next_message_giving_the_mistake_up_in_so_many_words_corrects_it(bank):
    """'ok no, ... so that's leakage, I'd drop it' (a hand interview) names no practice of the
    flag's `cleared_by`, yet gives the mistake up right after the probe."""
    leak, crit, said, findings = _leak(bank)
    for text in (
        "ok no, finishing comes after the recommendation so that's leakage, I'd drop it.",
        "You're right, scratch that.",
        "Good catch, I'll remove it.",
    ):
        reply = TurnText("m2", 2, "candidate", text, "data")
        assert corrections(crit, findings, [said, reply])[leak]["message_id"] == "m2", text


def test_giving_up_needs_a_concession_and_the_mistake_dropped_and_the_very_next_message(bank):
    leak, crit, said, findings = _leak(bank)
    for text in (
        "No, it is known by then, so it stays.",  # a "no" that keeps it
        "I'd drop the dislikes feature, it's noisy.",  # dropped, nothing conceded
    ):
        reply = TurnText("m2", 2, "candidate", text, "data")
        assert corrections(crit, findings, [said, reply]) == {}, text
    between = TurnText("m2", 2, "candidate", "Labels come from the watch logs.", "data")
    late = TurnText("m3", 3, "candidate", "ok no, that's leakage, I'd drop it.", "data")
    assert corrections(crit, findings, [said, between, late]) == {}


def test_a_split_by_time_said_shortly_corrects_the_random_split(bank):
    crit = [c for c in bank.criteria_for(PROBLEM, "senior") if c.id == SPLIT]
    said = TurnText("m1", 1, "candidate", "I'd split randomly 80/20 over all impressions.", "data")
    findings = {SPLIT: Finding(met=True, evidence=[{"message_id": "m1", "quote": said.content}])}
    reply = TurnText("m2", 2, "candidate", "fine, by time then, last day as test.", "data")
    assert corrections(crit, findings, [said, reply])[SPLIT]["message_id"] == "m2"


def test_the_reply_to_the_probe_gives_it_up_whatever_stage_it_was_stored_in(bank):
    """An interviewer who ran ahead to evaluation stores the reply to its leak probe there
    (a hand interview): giving the mistake up in the very next message still takes it back;
    "right, ..." and "... it leaks" concede and name it as "that's leakage" does."""
    leak, crit, said, findings = _leak(bank)
    probe = TurnText(
        "i1", 2, "interviewer", 'About "whether they finished the video": known then?', "evaluate"
    )
    for text in (
        "hmm, right, finishing is only known once it's watched, so it leaks. I'd drop it.",
        "True, it's leakage, I'll remove it.",
    ):
        reply = TurnText("m2", 3, "candidate", text, "evaluate")
        assert corrections(crit, findings, [said, probe, reply])[leak]["message_id"] == "m2"
        # a written answer's next stage (no interviewer between) takes back nothing of this one
        assert corrections(crit, findings, [said, reply]) == {}, text
    # "right" that keeps it is no concession of the mistake
    keeps = TurnText("m2", 2, "candidate", "Right, and it's known by then, so it stays.", "data")
    assert corrections(crit, findings, [said, keeps]) == {}


def test_a_reply_that_keeps_the_mistake_or_is_about_something_else_takes_nothing_back(bank):
    leak, crit, said, findings = _leak(bank)
    probe = TurnText(
        "i1", 2, "interviewer", 'About "whether they finished the video": known then?', "data"
    )
    for text in (
        "Yes, I'd leave it in, it's the strongest signal.",
        "Right, it leaks nothing: finishing is logged before the next request.",
        "True. I'll cut it down to 200 candidates with two towers, then a GBDT ranker.",
    ):
        reply = TurnText("m2", 3, "candidate", text, "data")
        assert corrections(crit, findings, [said, probe, reply]) == {}, text
    # in another stage, a reply gives the mistake up only when the interviewer put it back
    other = TurnText("i1", 2, "interviewer", "How would you serve it?", "serve")
    reply = TurnText("m2", 3, "candidate", "Right, that leaks, I'd drop it.", "serve")
    assert corrections(crit, findings, [said, other, reply]) == {}
    # the quote is the sentence that gives it up, not a bare opener
    reply = TurnText("m2", 3, "candidate", "True. It leaks, I'll remove it.", "data")
    got = corrections(crit, findings, [said, probe, reply])[leak]
    assert got["quote"] == "It leaks, I'll remove it."
