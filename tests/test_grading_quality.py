"""Quality floors for the offline judge on a fixed labelled subset (bench/data/graded).
Floors sit below the benchmark numbers; a judge that marks everything met, nothing met, or
at random falls through them."""

from __future__ import annotations

import random

from app.grading.judges import Finding, OfflineJudge
from bench.grading import evaluate, load_labelled


def _subset():
    return [s for s in load_labelled() if s["problem_id"] in {"news-feed", "visual-search"}]


def test_offline_judge_quality_floor(bank, reader):
    res = evaluate(bank, OfflineJudge(reader), _subset())
    assert res["decisions"] >= 500
    assert res["macro_f1"] >= 0.72, res["macro_f1"]
    assert res["qwk"] >= 0.65, res["qwk"]
    assert res["precision"] >= 0.75


class _Constant(OfflineJudge):
    def __init__(self, reader, mode):
        super().__init__(reader)
        self.mode = mode
        self.rng = random.Random(0)

    def judge_sync(self, criteria, messages, problem_id=None, readings=None):
        met = {"all": lambda: True, "none": lambda: False, "coin": lambda: self.rng.random() < 0.4}
        return {c.id: Finding(met[self.mode]()) for c in criteria}


def test_floor_rejects_broken_judges(bank, reader):
    for mode in ("all", "none", "coin"):
        res = evaluate(bank, _Constant(reader, mode), _subset())
        assert res["macro_f1"] < 0.72 or res["qwk"] < 0.65, mode
