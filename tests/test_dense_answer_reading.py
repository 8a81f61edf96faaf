"""Reading a dense, competent answer (the visual-search hand interview of 2026-12-03,
seventh session): a longer term of the stage that opens with a criterion's term still says it
("contrastive loss" says "contrastive"), a purpose after "so" is a reason, and "the kind of
images" is no hedge wherever the hedge window starts."""

import pytest

VS = "visual-search"


def _met(reader, text: str, stage: str, problem: str = VS) -> set[str]:
    r = reader.read(text, problem_id=problem, level="senior", stage=stage, acts=False)
    return {c.criterion_id for c in r.claims if c.counts and not c.red_flag}


def test_a_longer_term_of_the_stage_still_says_the_shorter_one(reader):
    text = (
        "The encoder is trained with a contrastive loss so pictures of the same product end "
        "up close and the rest of the batch far away."
    )
    met = _met(reader, text, "model")
    assert {"vs-model-contrastive-training", "gen-model-loss-function"} <= met


@pytest.mark.parametrize(
    "text",
    [
        "Fine-tune the backbone with a triplet loss so look-alike products end up close.",
        "We retrain on the fresh week so the ranker learns the new catalogue.",
    ],
)
def test_a_purpose_after_so_is_a_reason(text):
    from app.knowledge.text import normalize
    from app.understanding.polarity import reasoning_cues

    assert reasoning_cues(normalize(text)) >= 1


def test_so_as_a_degree_is_no_reason():
    from app.knowledge.text import normalize
    from app.understanding.polarity import reasoning_cues

    assert reasoning_cues(normalize("There are so many encoders out there.")) == 0
    assert reasoning_cues(normalize("A ResNet encoder, not so sure it will be enough.")) == 0


def test_the_kind_of_things_is_no_hedge_wherever_the_window_starts():
    # the hedge is looked for in the 40 characters before a mention: "the" fell outside that
    # window and "kind of" read as a hedge ("whether the kind of images coming in shifts")
    from app.knowledge.text import normalize
    from app.understanding.polarity import polarity_of_span

    for gap in range(20, 45):
        filler = "x" * (gap - len("kind of images ") - len("like a "))
        text = normalize(f"We'd watch whether the kind of images {filler} like a seasonal change.")
        at = text.find("seasonal")
        assert polarity_of_span(text, at, at + len("seasonal"))[0] == "affirmed", gap


def test_watching_click_through_after_launch_is_online_health(reader):
    # the criterion's own text names it ("click and save rates"); its concept list did not,
    # and "keep an eye on" had made the whole sentence a gesture at the work
    text = (
        "Once it ships I'd keep an eye on click-through from the results page, and on whether "
        "the uploads start to look different."
    )
    assert "vs-monitor-online-health" in _met(reader, text, "monitor")


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("we'll keep an eye on it after launch", True),
        ("keep an eye on things and react", True),
        ("i'd keep an eye on the hide rate and the empty-result share", False),
        ("keep an eye on how long the lookups take", False),
    ],
)
def test_keeping_an_eye_on_something_named_is_no_gesture(text, vague):
    from app.understanding.vocabulary import is_vague

    assert is_vague(text) is vague


def test_an_everyday_phrase_opening_a_longer_term_is_not_said_by_it(reader):
    # "how far" (where the event is) opens "how far back" (how old the history is): only a
    # one-word term of the trade is said by the longer term it opens
    r = reader.read(
        "How far back does the interaction history go?",
        problem_id="event-recommendation",
        level="senior",
        stage="clarify",
        acts=False,
    )
    assert "er-clarify-location" not in {c.criterion_id for c in r.claims}
