"""CPU cost of reading, for comparing two versions of the reader side by side.

    python -m bench.read_cost [--passes 3]

Reads every dev message (the dev validity transcripts, turn by turn, and the dev intents sets)
with every per-text memory emptied first, as a restarted process would, and grades the same
60-message transcript as `bench.validity`'s unseen-grading row. Prints process CPU time, not
wall time, and the fastest of a few passes: on a shared machine the fastest pass is the one
least disturbed by other work, so two versions measured this way compare fairly. Dev data only.
"""

from __future__ import annotations

import argparse
import statistics
import time

from app.config import Settings
from app.knowledge.bank import load_bank
from app.knowledge.memo import forget_per_text
from bench.validity import (
    INTENTS,
    INTENTS_DEV2,
    INTENTS_DEV_MORE,
    VALIDITY,
    Grader,
    TurnText,
    load_sets,
    turns_of,
)


def dev_messages() -> list[tuple[str, str, str | None]]:
    """(problem id, text, the interviewer's open question) for every dev message."""
    out: list[tuple[str, str, str | None]] = []
    for s in load_sets(VALIDITY, "dev"):
        for tr in s["transcripts"]:
            out += [(s["problem_id"], t.content, None) for t in turns_of(tr["stages"])]
    for directory in (INTENTS, INTENTS_DEV2, *(d for _, d in INTENTS_DEV_MORE)):
        for s in load_sets(directory, "dev"):
            pid = s["problem_id"]
            out += [(pid, m["text"], m.get("interviewer") or None) for m in s["messages"]]
    return out


def main() -> None:
    """Print cold reading CPU per message and unseen grading CPU of a 60-message transcript."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--passes", type=int, default=3)
    args = ap.parse_args()
    settings = Settings()
    grader = Grader(load_bank(settings.knowledge_dir), settings)
    reader = grader.reader
    msgs = dev_messages()
    reading: list[float] = []
    for _ in range(args.passes):
        forget_per_text()
        t0 = time.process_time()
        for pid, text, asked in msgs:
            reader.read(text, problem_id=pid, level="senior", open_question=asked)
        reading.append((time.process_time() - t0) * 1000 / len(msgs))
    sets = load_sets(VALIDITY, "dev")
    paras = [t for s in sets for tr in s["transcripts"] for t in turns_of(tr["stages"])]
    turns = [
        TurnText(f"m{i}", i, "candidate", p.content, p.stage) for i, p in enumerate(paras[:60])
    ]
    grading: list[float] = []
    for _ in range(args.passes * 3):
        forget_per_text()
        t0 = time.process_time()
        grader.grade(sets[0]["problem_id"], "senior", turns)
        grading.append((time.process_time() - t0) * 1000)
    print(f"dev messages read cold: {len(msgs)}")
    print(f"read CPU ms/message (fastest of {args.passes}): {min(reading):.2f}")
    fastest, median = min(grading), statistics.median(grading)
    print(f"unseen grade-60 CPU ms: fastest {fastest:.0f}, median {median:.0f}")


if __name__ == "__main__":
    main()
