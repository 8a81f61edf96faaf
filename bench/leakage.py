"""The per-problem leakage detector on hand-written dev sentences (dev problems only).

    python -m bench.leakage [-v] [--set check|check2|...|check9]

bench/data/leakage-dev.yaml holds 40 sentences written for the five dev problems, labelled
when written: half use a label or a post-prediction signal as a model input (must raise the
red flag gen-data-serving-unavailable-features), half are correct practice naming the same
signals (must not). Prints precision and recall of the flag as the offline reader raises it
(per-problem detector and the generic ones together), with the misses listed.

`--set check` scores bench/data/leakage-dev-check.yaml instead: 40 more dev-problem sentences in
other words (the label named indirectly, post-prediction signals named by time), frozen before
the detector was tuned against them, to see whether it generalises past the first set's wording.
`--set check2` scores bench/data/leakage-dev-check-2.yaml: 40 more, frozen before anything was run
against them, in other words again (the label in passing inside a feature list, later outcomes
described by the process that makes them, correct practice as point-in-time joins).
`--set check3` scores bench/data/leakage-dev-check-3.yaml: 40 more, frozen before anything was run
against them: leakage said through time words, windows taking in the label period, target
encoding without out-of-fold, counts including the predicted event; correct practice as labels or
with point-in-time cut-offs.
`--set check4` scores bench/data/leakage-dev-check-4.yaml: 50, frozen before anything was run
against them: the leak inside a longer feature-list paragraph, said indirectly ("how the ad ended
up doing", "the final count") or by time words ("over the post's lifetime", "in the 7 days after
we show it"), the label in everyday words; correct practice as labels, for monitoring, or counted
up to the request.
`--set check5` scores bench/data/leakage-dev-check-5.yaml: 40, frozen before anything was run
against them: the leak as one item of a long feature list, as an aggregate ("the post's total
likes at the end of the day"), with time words far from the feature, the label renamed as an
input, in non-native English; correct practice naming the future only to exclude it ("as of the
request", "point-in-time join").
`--set check6` scores bench/data/leakage-dev-check-6.yaml: 40, frozen before anything was run
against them: everyday words without the bench vocabulary, signals named by the process that
makes them ("what the billing system charged", "a ping from the player"), timing in clock words
("once the day closed out", "after the reviewer has looked"), long feature lists where one item
is late; correct practice naming the same signals as the target, as of the request, from earlier
windows, or set aside as arriving too late.
`--set check7` scores bench/data/leakage-dev-check-7.yaml: 50, frozen before anything was run
against them: the outcome being predicted used as an input in the problem's own words ("whether
the post was eventually taken down", "whether the user finished the video"), outcomes counted
over a window that takes in the moment of prediction ("in the 24 hours around the impression"),
products of a later pipeline stage (the moderator's decision, the final feed position, a
refund); correct practice in the same words, counted up to the request or used only to train.
`--set check8` scores bench/data/leakage-dev-check-8.yaml: 50 (30 correct, 20 leaking), frozen
before anything was run against them, aimed at flags on correct answers: plain everyday feature
lists with time words used correctly ("how often she clicked ads last month"), aggregates cut at
request time in varied words ("as of the moment we score", "up to but not including this
impression"), the outcome named in passing as what is evaluated, a harmless "after" ("after
dedup"), an alert for the leak, a later stage's product described as not used; leaks in the
problem's words, windows past the prediction, later-stage products, counts with the current event.
`--set check9` scores bench/data/leakage-dev-check-9.yaml: 60 (45 correct, 15 leaking), frozen
before anything was run against them, aimed at flags on correct answers: historical rates of the
label in many grammatical forms ("click rates of ad over last 30 days", with or without articles,
non-native phrasing), note form ("ad_ctr_30d (as of impression)"), aggregates ending before the
event, the label as target, "future"/"next" in an unrelated sense, post-event signals used only
for evaluation or monitoring; leaks as this event's own outcome, windows past it, later products.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

import yaml

from app.config import Settings
from app.knowledge.bank import load_bank
from app.knowledge.matching import Matcher
from app.knowledge.retrieval import Retriever
from app.understanding.leakage import LEAKAGE_CRITERION
from app.understanding.offline import OfflineReader
from bench.common import DATA, table

SENTENCES = DATA / "leakage-dev.yaml"
SETS = {
    "dev": SENTENCES,
    "check": DATA / "leakage-dev-check.yaml",
    "check2": DATA / "leakage-dev-check-2.yaml",
    "check3": DATA / "leakage-dev-check-3.yaml",
    "check4": DATA / "leakage-dev-check-4.yaml",
    "check5": DATA / "leakage-dev-check-5.yaml",
    "check6": DATA / "leakage-dev-check-6.yaml",
    "check7": DATA / "leakage-dev-check-7.yaml",
    "check8": DATA / "leakage-dev-check-8.yaml",
    "check9": DATA / "leakage-dev-check-9.yaml",
}


def score(reader: OfflineReader, items: list[dict]) -> dict[str, Any]:
    """Precision and recall of the leakage flag on labelled sentences."""
    tp = fp = fn = tn = 0
    errors: list[str] = []
    for it in items:
        r = reader.read(it["text"], problem_id=it["problem_id"], level="senior")
        flagged = any(c.criterion_id == LEAKAGE_CRITERION for c in r.flags)
        if it["leaks"]:
            tp += flagged
            fn += not flagged
        else:
            fp += flagged
            tn += not flagged
        if flagged != bool(it["leaks"]):
            kind = "missed" if it["leaks"] else "false flag"
            errors.append(f"{kind} ({it['problem_id']}): {it['text']}")
    return {
        "sentences": len(items),
        "leaking": tp + fn,
        "precision": round(tp / (tp + fp), 3) if tp + fp else float("nan"),
        "recall": round(tp / (tp + fn), 3) if tp + fn else float("nan"),
        "false_flags": fp,
        "errors": errors,
    }


def run(which: str = "dev") -> dict[str, Any]:
    settings = Settings()
    bank = load_bank(settings.knowledge_dir)
    reader = OfflineReader(bank, Matcher(bank), Retriever(bank, settings))
    data = yaml.safe_load(SETS[which].read_text())
    return score(reader, data["items"])


def render(res: dict[str, Any], which: str = "dev") -> str:
    rows = [
        [
            "sentences (leaking / correct practice)",
            f"{res['leaking']} / {res['sentences'] - res['leaking']}",
        ],
        ["precision of the leakage flag", res["precision"]],
        ["recall of the leakage flag", res["recall"]],
        ["flags on correct practice", res["false_flags"]],
    ]
    return table([f"leakage detector ({which} sentences, dev problems only)", "value"], rows)


def main(argv: list[str]) -> None:
    logging.disable(logging.WARNING)
    which = argv[argv.index("--set") + 1] if "--set" in argv else "dev"
    if which not in SETS:
        raise SystemExit(f"--set is one of {', '.join(SETS)}")
    res = run(which)
    print(render(res, which))
    if "-v" in argv:
        print("\n".join(["", *res["errors"]]))


if __name__ == "__main__":
    main(sys.argv[1:])
