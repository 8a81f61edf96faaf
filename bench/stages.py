"""Which stage the offline reader puts a single candidate answer in (issue #11/#12), dev only.

    python -m bench.stages [-v] [--part tune|held]

bench/data/stages-dev/ holds, per dev problem, 24 candidate answers of 1-3 sentences labelled
by reading with the one stage their content belongs to, mostly in plain words, some with a
misleading word of another stage; 12 are the `tune` part, 12 the `held` part (scored before a
change and once after it), frozen with LABELS.sha256 before any run (see its README.txt).

Each message is read as the interviewer reads it (no stage given, `stage=None`), and again as
said one stage early, the candidate driving ahead (`stage` = the stage before its label; a
clarify row is said in clarify, where the interview starts). The interviewer follows
`Reading.stages[0]`, so the row that matters is "first stage = label"; "label among stages"
is the looser one. Prints both per part and a per-stage table of first-stage hits. `-v` lists
the misses of the tune part only: the held part's are never printed.

Scores, first stage = label (no stage / one stage early): tune before 44/60 / 42/60, after the
framing-verb, possessive, data-source, request-moment, ongoing-watch and measured-judging rules
54/60 / 53/60; held before 45/60 / 42/60, after (scored once) 47/60 / 43/60. Label among stages:
tune 51 / 50 -> 57 / 56, held 51 / 50 -> 51 / 50. Most misses left are statements read as
questions (a wh-word opening a statement: "What comes out has to be ...", "When fitting, I'd
...") and so as clarify, which is the intents reading, not the stage vote.
"""

from __future__ import annotations

import sys
from collections import Counter
from typing import Any

import yaml

from app.config import Settings
from app.knowledge.bank import load_bank
from app.knowledge.matching import Matcher
from app.knowledge.retrieval import Retriever
from app.knowledge.schema import STAGES, Stage
from app.understanding.offline import OfflineReader
from bench.common import DATA, main_by_part, table
from bench.validity import labels_frozen

STAGES_DEV = DATA / "stages-dev"
PARTS = ("tune", "held")
# the two ways a message is read: as the interviewer does, and said one stage early
MODES = ("no stage", "one stage early")


def said_in(label: Stage, mode: str) -> Stage | None:
    """The stage the message is read as said in: none, or the one before its label."""
    if mode == "no stage":
        return None
    return STAGES[max(STAGES.index(label) - 1, 0)]


def load_messages(part: str) -> list[dict[str, Any]]:
    """The labelled messages of `part`, each with its problem id."""
    out: list[dict[str, Any]] = []
    for path in sorted(STAGES_DEV.glob("*.yaml")):
        data = yaml.safe_load(path.read_text())
        out += [
            {**m, "problem_id": data["problem_id"]} for m in data["messages"] if m["part"] == part
        ]
    return out


def score(reader: OfflineReader, messages: list[dict[str, Any]]) -> dict[str, Any]:
    """Per reading mode: first stage = label, label among stages, per-stage first hits, misses."""
    res: dict[str, Any] = {"messages": len(messages)}
    for mode in MODES:
        first = among = 0
        per_stage: Counter[str] = Counter()
        misses: list[str] = []
        for m in messages:
            reading = reader.read(
                m["text"],
                problem_id=m["problem_id"],
                level="senior",
                stage=said_in(m["stage"], mode),
            )
            got = list(reading.stages)
            hit = bool(got) and got[0] == m["stage"]
            first += hit
            among += m["stage"] in got
            per_stage[m["stage"]] += hit
            if not hit:
                misses.append(f"{m['id']} ({m['stage']}, read {got}): {m['text']}")
        res[mode] = {
            "first": first,
            "among": among,
            "per_stage": dict(per_stage),
            "misses": misses,
        }
    res["labelled"] = dict(Counter(m["stage"] for m in messages))
    return res


def run(parts: tuple[str, ...] = PARTS) -> dict[str, Any]:
    """Score each of `parts` (all dev problems) with the offline reader."""
    settings = Settings()
    bank = load_bank(settings.knowledge_dir)
    reader = OfflineReader(bank, Matcher(bank), Retriever(bank, settings))
    out: dict[str, Any] = {"frozen": labels_frozen(STAGES_DEV)}
    for part in parts:
        out[part] = score(reader, load_messages(part))
    return out


def render(res: dict[str, Any], verbose: bool = False) -> str:
    """Accuracy tables per part; with `verbose`, the tune part's misses (never the held's)."""
    lines = [
        f"Labels match the hashes frozen before scoring (stages-dev/LABELS.sha256): "
        f"{res['frozen']}",
    ]
    for part in (p for p in PARTS if p in res):
        r = res[part]
        n = r["messages"]
        rows: list[list[object]] = [
            [mode, f"{r[mode]['first']}/{n}", f"{r[mode]['among']}/{n}"] for mode in MODES
        ]
        per = [
            [st, r["labelled"].get(st, 0)] + [r[mode]["per_stage"].get(st, 0) for mode in MODES]
            for st in STAGES
        ]
        lines += [
            "",
            table(
                [f"{part} part (dev), read with", "first stage = label", "label among stages"], rows
            ),
            "",
            table([f"{part}: labelled stage", "messages", *(f"first, {m}" for m in MODES)], per),
        ]
        if verbose and part == "tune":
            for mode in MODES:
                lines += ["", f"### tune misses, {mode}"] + [f"- {x}" for x in r[mode]["misses"]]
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    main_by_part(argv, PARTS, run, render)


if __name__ == "__main__":
    main(sys.argv[1:])
