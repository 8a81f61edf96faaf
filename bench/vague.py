"""Long vague answers on dev problems: what "met" verdicts they earn (quote audit, issue #11).

    python -m bench.vague --set 1|2 [-v]

bench/data/vague-dev-check/ (set 1, tuned on) and vague-dev-check-2/ (set 2, held back: scored
before the fix and once after it) hold, per dev problem, two long transcripts that talk around
every stage with no concrete choice, number, named entity, mechanism or reason (voices: a
consultant and an unsure junior; an academic hedger and a casual talker), each stage labelled
by reading (all 1) and frozen with LABELS.sha256 before any run. Each met verdict of the untuned
run was read against its quote: set 1, 20 met, 18 unsupported (vague, another stage's idea,
topic word only) and 2 borderline generic ones ("mix things up a bit so people don't see the
same kind of thing over and over" for diversity, "dashboards and alerting ... so quality doesn't
quietly slip" for model quality); set 2, 17 met, 16 unsupported, 1 borderline ("somebody gives
you a picture and you find stuff that looks kinda like it" for input and output). So "all met
verdicts are unsupported" holds for all but those three.

Scores (met verdicts, mean stage score, pooled Spearman / QWK): set 1 untuned 20, 0.014,
0.886 / 0.947; after the hedged-proposal rule and the wider vagueness class (8814ccc), 8 (6
unsupported, the 2 borderline), 0.006, 0.896 / 0.947. Set 2 before 17, 0.017, 0.893 / 0.946;
after, scored once, 16, 0.016, 0.893 / 0.946: the rule barely carries to the academic and casual
voices, whose markers ("kinda", "now and then", "keep watching") were left out because set 2 was
looked at while tuning (their quotes were seen; markers drawn from them were removed).

Prints per transcript the met good-practice verdicts, the overall score and the hire signal;
per set the stage scores against the labels: the mean stage score, how many stages bucket
above their label, and Spearman and QWK pooled with the dev validity rows
(bench/data/validity, dev split), since labels that are all 1 give no rank correlation alone.
`-v` lists each met verdict with its quote.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

import numpy as np

from app.config import Settings
from app.grading.scoring import bucket
from app.knowledge.bank import load_bank
from bench.common import DATA, table
from bench.validity import VALIDITY, Grader, evaluate_grading, labels_frozen, load_sets, turns_of

VAGUE_SETS = {"1": DATA / "vague-dev-check", "2": DATA / "vague-dev-check-2"}


def met_verdicts(report: dict[str, Any]) -> list[tuple[str, str]]:
    """(criterion id, first quote) of each good-practice criterion the report marks met."""
    return [
        (c["id"], c["evidence"][0]["quote"] if c["evidence"] else "")
        for st in report["stages"]
        for c in st["criteria"]
        if c["met"] and not c["red_flag"]
    ]


def run(which: str) -> dict[str, Any]:
    """Grade set `which` ("1" or "2") and its stages pooled with the dev validity rows."""
    settings = Settings()
    grader = Grader(load_bank(settings.knowledge_dir), settings)
    directory = VAGUE_SETS[which]
    sets = load_sets(directory, "dev")
    rows: list[dict[str, Any]] = []
    scores: list[float] = []
    over = 0
    for s in sets:
        for tr in s["transcripts"]:
            report = grader.grade(s["problem_id"], s.get("level", "senior"), turns_of(tr["stages"]))
            for st in report["stages"]:
                lab = (tr["stages"].get(st["stage"]) or {}).get("label")
                if lab is not None:
                    scores.append(st["score"] or 0.0)
                    over += bucket(st["score"] or 0.0) > int(lab)
            rows.append(
                {
                    "id": tr["id"],
                    "overall": report["overall"]["score"],
                    "hire": report["overall"]["hire_signal"],
                    "met": met_verdicts(report),
                }
            )
    pooled = evaluate_grading(grader, [*load_sets(VALIDITY, "dev"), *sets])
    return {
        "set": directory.name,
        "frozen": labels_frozen(directory),
        "rows": rows,
        "met_total": sum(len(r["met"]) for r in rows),
        "stages": len(scores),
        "mean_stage_score": round(float(np.mean(scores)), 3) if scores else float("nan"),
        "stages_above_label": over,
        "pooled_spearman": pooled["spearman"],
        "pooled_qwk": pooled["qwk"],
    }


def render(res: dict[str, Any], verbose: bool = False) -> str:
    """The set's scores as tables (and each met verdict's quote with `verbose`)."""
    rows = [[r["id"], len(r["met"]), r["overall"], r["hire"]] for r in res["rows"]]
    summary = [
        ["met verdicts, all transcripts", res["met_total"]],
        ["stages / mean stage score", f"{res['stages']} / {res['mean_stage_score']}"],
        ["stages bucketed above their label", res["stages_above_label"]],
        ["Spearman, pooled with dev validity", res["pooled_spearman"]],
        ["QWK, pooled with dev validity", res["pooled_qwk"]],
    ]
    lines = [
        f"Labels match the hashes frozen before scoring ({res['set']}/LABELS.sha256): "
        f"{res['frozen']}",
        "",
        table(["vague transcript (dev)", "met verdicts", "overall", "hire signal"], rows),
        "",
        table([f"{res['set']}", "value"], summary),
    ]
    if verbose:
        for r in res["rows"]:
            lines += ["", f"## {r['id']}"] + [f"- {cid}: {quote}" for cid, quote in r["met"]]
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    logging.disable(logging.WARNING)
    which = argv[argv.index("--set") + 1] if "--set" in argv else "1"
    if which not in VAGUE_SETS:
        raise SystemExit(f"--set: one of {sorted(VAGUE_SETS)}")
    print(render(run(which), "-v" in argv))


if __name__ == "__main__":
    main(sys.argv[1:])
