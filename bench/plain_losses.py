"""Why a plain-words paraphrase loses the criteria its textbook meets (tuning sets only).

    python -m bench.plain_losses [-v]

For every paraphrase of the tuning validity sets (the dev part of bench/data/validity and the
validity checks, never a `HELD_BACK` one) and the textbook it paraphrases, each good-practice
criterion the textbook meets and the paraphrase misses is put in one category (`category`),
counted with the stage points it carries; `-v` prints each miss with its closest sentence.
Also counted: criteria met by both with less credit in the paraphrase, and stages whose
problem-specificity factor is lower in the paraphrase. Written in session plain5, whose
finding it measures (docs/validity-history.md).
"""

from __future__ import annotations

import logging
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from app.config import Settings
from app.grading.scoring import FULL_MARKS_SHARE, specificity_factor
from app.knowledge.bank import load_bank
from app.knowledge.embeddings import embed_texts
from app.knowledge.text import normalize, sentences
from app.understanding.offline import SIM_ALONE, SIM_PLAIN
from app.understanding.polarity import affirmed_view, reasoning_cues
from bench.validity import HELD_BACK, VALIDITY, VALIDITY_CHECKS, Grader, load_sets, turns_of

NEAR = 0.35  # below the plain bar, but within reach of a looser one


def category(notes: str, named: bool, best: float, pair: float, other: float, reasons: bool) -> str:
    """Why a criterion was missed. `notes`: the judge's notes on it; `named`: a concept of it
    is named in the stage; `best` / `pair` / `other`: the closest similarity of a sentence of
    the stage, of two adjacent ones, of a sentence of another stage to its examples;
    `reasons`: the closest sentence carries a reasoning cue or a number."""
    if "negated" in notes or "hedged" in notes:
        return "polarity or hedge"
    if "list" in notes:
        return "read as a list"
    if notes:
        return "other judge note"
    if named:
        return "concept named, a rule set it aside"
    if best >= SIM_ALONE:
        return "near copy, capped or set aside"
    if best >= SIM_PLAIN:
        return "close, with a reason" if reasons else "close, no reason cue"
    if pair >= SIM_PLAIN:
        return "spread over two sentences"
    if other >= SIM_PLAIN:
        return "said in another stage"
    return "words differ, near" if best >= NEAR else "words differ, far"


def tuning_sets() -> list[tuple[str, Path]]:
    """The validity sets tuned on: the dev part of the main set and every check not held back."""
    return [("validity", VALIDITY)] + [(k, d) for k, d in VALIDITY_CHECKS if k not in HELD_BACK]


def _sentences(text: str) -> list[str]:
    return [s for para in re.split(r"\n\s*\n", text) for s in sentences(para)]


def run(verbose: bool = False) -> tuple[Counter, Counter, list[str]]:
    settings = Settings()
    grader = Grader(load_bank(settings.knowledge_dir), settings)
    m = grader.matcher

    def closest(cid: str, texts: list[str]) -> tuple[float, int]:
        views = [affirmed_view(normalize(t)) for t in texts]
        if not views:
            return 0.0, -1
        sims = (embed_texts(views) @ m._vectors[m._rows_of[cid]].T).max(axis=1)
        return float(np.nan_to_num(sims).max()), int(np.nan_to_num(sims).argmax())

    counts: Counter = Counter()
    points: Counter = Counter()
    lines: list[str] = []
    for key, directory in tuning_sets():
        for s in load_sets(directory, "dev"):
            pid, transcripts = s["problem_id"], s["transcripts"]
            by_id = {t["id"]: t for t in transcripts}
            textbooks = [t for t in transcripts if t["kind"] == "textbook"]
            for para in (t for t in transcripts if t["kind"] == "paraphrase"):
                base = by_id.get(para.get("paraphrase_of")) or next(iter(textbooks), None)
                if base is None:
                    continue
                rep_t = grader.grade(pid, "senior", turns_of(base["stages"]))
                rep_p = grader.grade(pid, "senior", turns_of(para["stages"]))
                for st_t, st_p in zip(rep_t["stages"], rep_p["stages"], strict=True):
                    stage = st_t["stage"]
                    mine_f = specificity_factor(st_p.get("specifics", 0))
                    if mine_f < specificity_factor(st_t.get("specifics", 0)):
                        counts["specificity factor lower (stages)"] += 1
                    positive = sum(c["points"] for c in st_t["criteria"] if c["points"] > 0)
                    said = _sentences((para["stages"].get(stage) or {}).get("text", ""))
                    elsewhere = [
                        x
                        for other, v in para["stages"].items()
                        if other != stage
                        for x in _sentences(v.get("text", ""))
                    ]
                    mine = {c["id"]: c for c in st_p["criteria"]}
                    for c in st_t["criteria"]:
                        if c["points"] <= 0 or not c["met"]:
                            continue
                        p = mine[c["id"]]
                        share = c["points"] / (FULL_MARKS_SHARE * positive)
                        if p["met"]:
                            if p["credit"] < c["credit"]:
                                counts["met with less credit"] += 1
                                points["met with less credit"] += share * (
                                    c["credit"] - p["credit"]
                                )
                            continue
                        crit = m.criteria[c["id"]]
                        plan = m._plan([crit])
                        named = any(m.named(plan, normalize(x)) for x in said)
                        best, at = closest(c["id"], said)
                        pairs = [f"{a} {b}" for a, b in zip(said, said[1:], strict=False)]
                        pair, _ = closest(c["id"], pairs)
                        other, _ = closest(c["id"], elsewhere)
                        near = said[at] if at >= 0 else ""
                        why = category(
                            " ".join(p["notes"]),
                            named,
                            best,
                            pair,
                            other,
                            bool(reasoning_cues(normalize(near)) or re.search(r"\d", near)),
                        )
                        counts[why] += 1
                        points[why] += share * c["credit"]
                        if verbose:
                            lines.append(
                                f"{key} {para['id']} {stage} {c['id']} [{why}] "
                                f"{best:.2f}/{pair:.2f}/{other:.2f} :: {near[:120]}"
                            )
    return counts, points, lines


def main(argv: list[str]) -> None:
    logging.disable(logging.WARNING)
    counts, points, lines = run("-v" in argv)
    if lines:
        print("\n".join(lines), "\n", sep="")
    print("| why the paraphrase misses it | criteria | stage points |")
    print("|---|---|---|")
    for why, n in counts.most_common():
        print(f"| {why} | {n} | {points[why]:.1f} |")


if __name__ == "__main__":
    main(sys.argv[1:])
