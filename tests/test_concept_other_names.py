"""A criterion's term is met by another name the lexicon gives the same thing ("mean
reciprocal rank" for "mrr"), by a ranking metric's cut-off said as a number ("recall at 20"
for "recall@k"); names of kinds (`kinds: true`: "random negatives" beside "hard
negatives") meet nothing of each other's."""

import pytest

from app.knowledge.text import find_phrase

VS = "visual-search"


def _met(reader, text: str, stage: str, problem: str = VS) -> set[str]:
    r = reader.read(text, problem_id=problem, level="senior", stage=stage, acts=False)
    return {c.criterion_id for c in r.claims if c.counts and not c.red_flag}


@pytest.mark.parametrize(
    ("phrase", "text"),
    [
        ("recall@k", "we report recall@k"),
        ("recall@k", "recall at 20 on held-out queries"),
        ("ndcg@k", "nDCG@5 for the first screen"),
        ("precision at k", "precision@10"),
        ("recall at k", "recall at 10 is what we watch"),
    ],
)
def test_a_cut_off_is_said_as_k_or_a_number(phrase, text):
    assert find_phrase(phrase, text)


@pytest.mark.parametrize(
    ("phrase", "text"),
    [
        ("map@k", "a map at a glance"),
        ("precision at k", "precision at kafka scale"),
        ("recall@k", "recall of the old model"),
        ("recall at k", "recall at one point was fine"),
        ("map@k", "map at 1 million images"),
    ],
)
def test_a_cut_off_is_not_any_word_after_at(phrase, text):
    assert not find_phrase(phrase, text)


def test_another_name_of_the_same_metric_meets_the_criterion(reader):
    text = "Offline I'd report the mean reciprocal rank of the tapped result, per market."
    assert "vs-evaluate-ranking-metrics" in _met(reader, text, "evaluate")


def test_a_metric_cut_off_said_as_a_number_meets_the_criterion(reader):
    text = "Offline I'd report recall at 20 of the tapped result, per market."
    assert "vs-evaluate-ranking-metrics" in _met(reader, text, "evaluate")


def test_a_kind_is_not_another_kind(reader):
    # "random negatives" and "hard negatives" share a lexicon concept marked `kinds: true`
    text = "We'd pair each query with random negatives drawn from the whole catalogue."
    assert "vs-model-hard-negatives" not in _met(reader, text, "model")


def test_splitting_the_test_set_is_no_ab_test(reader):
    # "split test" was an alias of A/B testing, lent to every criterion listing "a/b test", and
    # found with a gap word in "split the test set" (the review of the seventh session)
    text = "Offline I'd split the test set by time, with the last week held out, and report MRR."
    met = _met(reader, text, "evaluate")
    assert "gen-evaluate-ab-test" not in met and "vs-evaluate-online-metrics" not in met
