"""A criterion's key element (`key_element` in the rubric, session quotes12): a quote that names
a criterion's topic without its key element is no evidence of it; the credit goes to another
sentence of the answer that carries the key element, or to none. Sentences modelled on the
credits the tuning population's audit withdrew (a vague watch credited as drift monitoring, a
calibration check credited as training-serving skew, a latency or funnel sentence credited as
fetching features); a plain-words sentence that says the key element keeps its credit."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from app.grading.judges import OfflineJudge, TurnText
from app.knowledge.schema import Criterion

AD = "ad-click-prediction"
NF = "news-feed"
VR = "video-recommendation"
HC = "harmful-content"
VS = "visual-search"
RETRAIN = "gen-monitor-retraining"


def _quote(reader, bank, problem: str, stage: str, text: str, criterion: str) -> str | None:
    """The quote `criterion` is met by in a senior's one-message answer, or None."""
    turns = [TurnText("m1", 1, "candidate", text, stage)]
    found = OfflineJudge(reader).judge_sync(bank.criteria_for(problem, "senior"), turns, problem)
    f = found.get(criterion)
    return f.evidence[0]["quote"] if f and f.met and f.credit > 0 else None


@pytest.mark.parametrize(
    ("problem", "stage", "text", "criterion"),
    [
        # a watch with nothing compared, no distribution
        (AD, "monitor", "We'd watch how the model is doing over time.", "gen-monitor-data-drift"),
        # features computed as of each impression: leakage guarded, not features computed
        # the same way offline and online
        (
            AD,
            "monitor",
            "If it had gone wrong, the cause could be counters built from end-of-day totals, so "
            "training saw clicks from after each impression; to prevent that, every feature is "
            "computed point-in-time.",
            "gen-monitor-training-serving-skew",
        ),
        # the funnel and its latency: no feature fetched or computed
        (
            NF,
            "serve",
            "So candidates are gathered from friends and groups, the light ranker trims them, "
            "and the heavy model scores the rest within a couple of hundred milliseconds.",
            "gen-serve-realtime-features",
        ),
        (NF, "serve", "We'll need a cache somewhere, whatever.", "gen-serve-realtime-features"),
        # a wish for online metrics that names none
        (
            VR,
            "evaluate",
            "We'd want offline metrics that capture whether the results are relevant, and online "
            "metrics that capture whether users are finding what they need.",
            "gen-evaluate-online-metric",
        ),
        # session quotes13: dashboards with nothing named that they track
        (
            HC,
            "monitor",
            "We'd put up dashboards and alerts on the key numbers so the team can respond fast.",
            "gen-monitor-model-quality",
        ),
        # retraining with no cadence and no trigger
        (
            NF,
            "monitor",
            "Retraining regularly will keep things working, and a review step decides if a new "
            "model is good enough.",
            RETRAIN,
        ),
        # what happens to the index on a retrain: another idea, no cadence or trigger
        (
            VS,
            "monitor",
            "Whenever we retrain the model, all the stored photos need new vectors.",
            RETRAIN,
        ),
    ],
)
def test_topic_without_key_element_earns_no_credit(reader, bank, problem, stage, text, criterion):
    assert _quote(reader, bank, problem, stage, text, criterion) is None


def test_credit_moves_to_the_sentence_with_the_key_element(reader, bank):
    text = (
        "The user embedding is computed when the page is requested, from the recent watch "
        "history. Video embeddings are precomputed and put in an approximate nearest neighbour "
        "index. The ranker then scores about five hundred candidates in under 100 milliseconds. "
        "A last pass adds some diversity."
    )
    quote = _quote(reader, bank, VR, "serve", text, "gen-serve-realtime-features")
    assert quote is not None
    assert quote.startswith("The user embedding is computed when the page is requested")
    assert "ranker" not in quote


@pytest.mark.parametrize(
    ("problem", "stage", "text", "criterion"),
    [
        (
            VR,
            "serve",
            "What the person just watched is kept in a fast store so the page changes during "
            "the visit.",
            "gen-serve-realtime-features",
        ),
        (
            AD,
            "monitor",
            "I'd keep comparing what the incoming inputs look like today against what the model "
            "saw in training, and alert on big changes.",
            "gen-monitor-data-drift",
        ),
        (
            AD,
            "monitor",
            "The same code should compute the inputs for training and for live requests.",
            "gen-monitor-training-serving-skew",
        ),
        (
            HC,
            "monitor",
            "Once the appeal outcomes come in, I'd check how often the model's guesses were right, "
            "week by week.",
            "gen-monitor-model-quality",
        ),
        (NF, "monitor", "I'd retrain it every night on the day's new clicks.", RETRAIN),
        (AD, "monitor", "If the click rate falls, we retrain the model.", RETRAIN),
    ],
)
def test_plain_words_with_the_key_element_keep_their_credit(
    reader, bank, problem, stage, text, criterion
):
    assert _quote(reader, bank, problem, stage, text, criterion) == text


def test_key_element_matches_plurals(reader):
    assert reader.says_key_element("gen-serve-realtime-features", "Corpus embeddings are cached")
    assert not reader.says_key_element("gen-serve-realtime-features", "A cache somewhere")
    assert reader.says_key_element("gen-model-baseline", "anything")  # none set: no test


def _criterion(points: int) -> Criterion:
    return Criterion(
        id="gen-model-thing-x",
        stage="model",
        text="Candidate does a thing.",
        points=points,
        phrasings=["one way", "another way"],
        concepts=["thing"],
        key_element=["word"],
    )


def test_only_good_practice_takes_a_key_element():
    assert _criterion(2).key_element == ["word"]
    with pytest.raises(ValidationError, match="red-flag criterion .* has no key_element"):
        _criterion(-1)
