"""A problem criterion's generic parents (derived from the knowledge text) and the credit a
sentence that evidences the problem criterion passes on to them."""

from __future__ import annotations

from app.knowledge.bank import KnowledgeBank
from app.understanding.criterion_stems import generic_parents
from app.understanding.offline import OfflineReader

AD = "ad-click-prediction"


def test_parents_are_good_practice_of_the_same_stage(bank: KnowledgeBank) -> None:
    generic = {c.id: c for c in bank.generic.criteria}
    for problem in bank.problems.values():
        own = {c.id: c for c in problem.criteria}
        for child, parents in generic_parents(bank.generic.criteria, problem.criteria).items():
            assert not own[child].red_flag
            for gid in parents:
                assert not generic[gid].red_flag
                assert generic[gid].stage == own[child].stage, (child, gid)


def test_parents_follow_the_knowledge_text(bank: KnowledgeBank) -> None:
    links = generic_parents(bank.generic.criteria, bank.problems[AD].criteria)
    assert links["ad-evaluate-calibration-check"] == ("gen-evaluate-calibration",)
    assert links["ad-model-loss"] == ("gen-model-loss-function",)
    # "online" names several generic criteria: too broad to link by
    assert "ad-evaluate-online-metrics" not in links
    # a logistic-regression baseline is no instance of a non-ML baseline
    assert "gen-model-baseline" not in links.get("ad-model-lr-baseline", ())


def _met(reader: OfflineReader, text: str, stage: str) -> set[str]:
    reading = reader.read(text, problem_id=AD, level="staff", stage=stage)  # type: ignore[arg-type]
    return {c.criterion_id for c in reading.claims if c.counts and not c.red_flag}


def test_instance_evidences_its_parent(reader: OfflineReader) -> None:
    met = _met(
        reader,
        "I'd divide the mean predicted CTR by the observed CTR for every segment; it should sit "
        "near one because the bid multiplies it.",
        "evaluate",
    )
    assert {"ad-evaluate-calibration-check", "gen-evaluate-calibration"} <= met
    reading = reader.read(
        "I'd divide the mean predicted CTR by the observed CTR for every segment; it should sit "
        "near one because the bid multiplies it.",
        problem_id=AD,
        level="staff",
        stage="evaluate",
    )
    copy = next(c for c in reading.claims if c.criterion_id == "gen-evaluate-calibration")
    assert copy.why.startswith("an instance of ad-evaluate-calibration-check")


def test_a_brushed_sibling_passes_nothing_on(reader: OfflineReader) -> None:
    met = _met(
        reader,
        "Offline I'd use the log penalty divided by what you'd get by always guessing the "
        "average click rate.",
        "evaluate",
    )
    assert "gen-evaluate-calibration" not in met


def test_instance_quotes_its_parent_when_it_says_more(reader: OfflineReader) -> None:
    # the parent's own claim only names its term; the instance is the check itself
    text = (
        "Offline: log loss on a later week; ROC-AUC secondary since it ignores calibration. "
        "Slices by format. "
        "Calibration ratio predicted/observed and reliability curves per country and device."
    )
    reading = reader.read(text, problem_id=AD, level="staff", stage="evaluate")
    parent = [c for c in reading.claims if c.criterion_id == "gen-evaluate-calibration"]
    assert len(parent) == 1
    assert parent[0].quote.startswith("Calibration ratio predicted/observed")
    assert parent[0].why.startswith("an instance of ad-evaluate-calibration-check")
    # right beside it, the parent's own claim is quoted with the check (`with_near_neighbour`)
    beside = text.replace("Slices by format. ", "")
    reading = reader.read(beside, problem_id=AD, level="staff", stage="evaluate")
    parent = [c for c in reading.claims if c.criterion_id == "gen-evaluate-calibration"]
    assert len(parent) == 1
    assert "Calibration ratio predicted/observed" in parent[0].quote
