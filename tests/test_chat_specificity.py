"""The specificity cap in chat form (app/grading/report.py, scoring.py): a stage answered in
several short chat messages counts a share of the specifics said across the interview; a
written answer and a transcript with nothing specific anywhere gain nothing; one sentence read
as two red flags is one mistake."""

from app.grading.judges import Finding, TurnText
from app.grading.report import _chat_form, _mistakes, _paid_by_another
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


# Live sessions (the interviewer speaks between the candidate's messages): every stage is read
# in the context of the conversation whatever its length, clarify is judged by the questions
# the interviewer answered, and a stage the candidate spoke in is a (weak) answer.

_LIVE = [
    ("clarify", "Which harm categories are in scope, can one post break several?"),
    ("clarify", "How rare are violating posts?"),
    ("frame", "Multi-label classification with a sigmoid head per harm category."),
    ("data", "Reviewer decisions as labels, user reports only as a weak signal."),
    ("model", "Logistic regression baseline, then XLM-R and a ViT with weighted BCE per head."),
    ("serve", "Score at upload within 500 ms; the 150 ms video model only on borderline posts."),
    (
        "monitor",
        "Monitor the removal share and the appeals that get overturned, the precision of a "
        "sample reviewed every day, and retrain weekly because adversaries keep changing.",
    ),
]


def _interleaved(said: list[tuple[str, str]]) -> list[dict]:
    """A live transcript: each (stage, text) said by the candidate, the interviewer after it."""
    return [
        turn
        for stage, text in said
        for turn in (
            {"role": "candidate", "content": text, "stage": stage},
            {"role": "interviewer", "content": "Go on.", "stage": stage},
        )
    ]


def _transcript(live: bool) -> list[dict]:
    out = []
    for stage, text in _LIVE:
        out.append({"role": "candidate", "content": text, "stage": stage})
        if live:
            out.append({"role": "interviewer", "content": "Noted, go on.", "stage": stage})
    return out


def _stages(client, live: bool) -> dict:
    r = client.post(
        "/v1/grade", json={"problem_id": "harmful-content", "transcript": _transcript(live)}
    )
    assert r.status_code == 201, r.text
    return {s["stage"]: s for s in r.json()["stages"]}


def test_live_session_reads_every_stage_in_context_and_clarify_by_questions_answered(client):
    live, written = _stages(client, True), _stages(client, False)
    # one message per stage (no chat form when written): written, a stage counts only its own
    # specifics; live, a share of the interview's, or its met criteria's
    # (a stage meeting a point of this problem's own leans on the design said elsewhere)
    assert live["frame"]["specifics"] > written["frame"]["specifics"]
    assert live["frame"]["score"] > written["frame"]["score"]
    for stage in ("model", "monitor"):
        assert live[stage]["specifics"] >= written[stage]["specifics"], stage
    # two of the problem's own clarifying points asked (and answered): 2 specifics each
    assert live["clarify"]["specifics"] >= 4
    assert live["clarify"]["specifics"] > written["clarify"]["specifics"]


def test_a_live_carrier_leans_on_no_word_dump(client):
    """The review's carrier: the problem's words dumped while clarifying, then generic
    buzzwords in every stage. Reached 'hire' when every live stage shared the interview's
    specifics and every criterion met counted; now its generic stages gain nothing."""
    said = [
        (
            "clarify",
            "Which categories: violence, nudity, hate speech, harassment, self-harm? Text, "
            "images and video? How many posts a day, and how many reviewers? Appeals? Reports?",
        ),
        (
            "clarify",
            "So 500 million posts a day, 15,000 reviewers, 60 languages, 40% with images, "
            "reports, appeals, demotion, removal, EU rules.",
        ),
        ("frame", "We define the objective, the input and the output, and a label, then train."),
        ("data", "We collect the data, clean it, engineer features and split train and test."),
        ("evaluate", "Offline metrics like AUC, precision and recall, then an online A/B test."),
        ("serve", "Deploy behind an API with low latency, batch or online, and a canary."),
        ("monitor", "Monitor data drift and model performance, alerts, dashboards, retraining."),
    ]
    turns = _interleaved(said)
    r = client.post("/v1/grade", json={"problem_id": "harmful-content", "transcript": turns})
    rep = r.json()
    assert rep["overall"]["hire_signal"] not in ("hire", "strong hire"), rep["overall"]
    by = {s["stage"]: s for s in rep["stages"]}
    for stage in ("frame", "data", "serve", "monitor"):
        assert (by[stage]["specifics"] or 0) <= 1, (stage, by[stage]["specifics"])


def test_live_session_a_short_reply_in_a_stage_is_scored(client):
    turns = _interleaved(
        [
            ("clarify", "No questions, let us build it."),
            ("frame", "Find bad posts."),
            ("data", "Lots of data."),
            ("model", "A network."),
            ("evaluate", "Check it."),
            ("serve", "Run it."),
            ("monitor", "Watch it."),
        ]
    )
    r = client.post("/v1/grade", json={"problem_id": "harmful-content", "transcript": turns})
    rep = r.json()
    assert all(s["status"] == "scored" for s in rep["stages"]), rep["stages"]
    assert rep["overall"]["hire_signal"] == "strong no hire"


def test_live_generic_parrot_gains_nothing(client):
    parrot = [
        ("clarify", "I'd clarify the business objective and the constraints first."),
        ("frame", "Define the ML task, its inputs and outputs, and the objective."),
        ("data", "Collect and clean the data and engineer features."),
        ("model", "Start from a baseline and iterate toward a complex model."),
        ("evaluate", "Offline metrics aligned with the goal, then an A/B test."),
        ("serve", "Deploy so it meets the latency budget and scales."),
        ("monitor", "Monitor drift and performance with alerts and retraining."),
    ]
    turns = _interleaved(parrot)
    r = client.post("/v1/grade", json={"problem_id": "harmful-content", "transcript": turns})
    rep = r.json()
    assert all((s["specifics"] or 0) == 0 for s in rep["stages"]), rep["stages"]
    assert rep["overall"]["hire_signal"] == "strong no hire"


def test_one_sentence_read_as_two_red_flags_costs_its_stage_once(bank):
    """The generic leak and this problem's leak on the same words: the heavier is paid, the
    other costs nothing more (both still shown, and either caps the stage)."""
    group = [c for c in bank.criteria_for("video-recommendation", "senior") if c.stage == "data"]
    flags = sorted((c for c in group if c.points < 0), key=lambda c: (c.points, c.id))
    assert len(flags) >= 2
    heavy, light = flags[0], flags[1]
    quote = "a feature: how long the user watched this video in total"
    findings = {
        heavy.id: Finding(True, evidence=[{"message_id": "m4", "quote": quote}]),
        light.id: Finding(True, evidence=[{"message_id": "m4", "quote": quote + "."}]),
    }
    paid = _paid_by_another(group, findings)
    assert heavy.id not in paid and light.id in paid
    # the same words in another message are another mistake, paid again
    findings[light.id] = Finding(True, evidence=[{"message_id": "m6", "quote": quote}])
    assert light.id not in _paid_by_another(group, findings)


def test_a_flag_taken_back_pays_for_no_other_on_its_words(bank):
    group = [c for c in bank.criteria_for("video-recommendation", "senior") if c.stage == "data"]
    flags = sorted((c for c in group if c.points < 0), key=lambda c: (c.points, c.id))
    heavy, light = flags[0], flags[1]
    quote = "a feature: how long the user watched this video in total"
    findings = {
        c.id: Finding(True, evidence=[{"message_id": "m4", "quote": quote}]) for c in (heavy, light)
    }
    # the heavier taken back: the other, not taken back, costs in full
    assert light.id not in _paid_by_another(group, findings, {heavy.id})
