"""A sample of "met" verdicts on the dev validity set, to audit quotes by reading.

    python -m bench.quotes [--n 60] [--seed 11] [--full] [--markdown] [--sets NAME,NAME]

Grades every dev transcript (bench/data/validity, split: dev) with the offline grading path of
`bench.validity` and draws `--n` of the met, non-red-flag verdicts of labelled stages (the
population `make bench` samples from) with a fixed seed. Each line gives the problem, the
transcript kind, the criterion id and text, and the first quote, the one the report shows;
`--full` adds the whole message the quote came from, so a better sentence can be spotted.
`--markdown` prints an audit table to fill in (verdict and reason by reading). `--sets
validity-check-1,validity-check-2` draws from those check sets (directories of bench/data,
dev problems only; `--sets tuning` and `--sets held-back` name the two audit populations)
instead of bench/data/validity; the population is their verdicts in the
order named, so a draw is fixed by the sets, the seed and the grader. The test split is never
graded here: audits are for tuning, and tuning happens on dev only.
"""

from __future__ import annotations

import logging
import random
import sys
from dataclasses import dataclass
from pathlib import Path

from app.config import Settings
from app.knowledge.bank import load_bank
from bench.common import DATA
from bench.validity import VALIDITY, Grader, load_sets, turns_of

# the met-quote audit sets drawn from validity check sets (`--sets`): the tuning population
# (checks 1-19, 22 and 23; 8-12 were the held-back set of session quotes4,
# met-quotes-heldback-1.md, 13-15 that of quotes5, met-quotes-heldback-2.md, 16 that of quotes6,
# met-quotes-heldback-3.md, 17 that of quotes7, met-quotes-heldback-4.md, 19 that of quotes8,
# met-quotes-heldback-5.md, 22 that of quotes9, met-quotes-heldback-6.md, 23 that of quotes10,
# met-quotes-heldback-7.md) and the held-back one (check 24, written for session quotes11),
# whose sample (`--n 60 --seed 2411`) was judged and frozen in
# bench/results/met-quotes-heldback-8.md before any change was run against it; scored before
# and after, its misses never read for tuning
QUOTES_TUNING = (
    *(f"validity-check-{k}" for k in range(1, 20)),
    "validity-check-22",
    "validity-check-23",
)
QUOTES_HELD_BACK = ("validity-check-24",)


@dataclass(frozen=True)
class MetQuote:
    problem_id: str
    kind: str
    transcript: str  # the transcript's id in bench/data/validity
    stage: str
    criterion_id: str
    criterion: str
    quote: str
    message: str  # the whole candidate message the quote is from


# `--sets tuning` and `--sets held-back` name those two lists
_SET_ALIASES = {"tuning": QUOTES_TUNING, "held-back": QUOTES_HELD_BACK}


def set_dirs(names: str) -> list[Path]:
    """The directories of bench/data named in a comma-separated `--sets` value, in order
    (`tuning` or `held-back` for the audit populations above)."""
    picked = _SET_ALIASES.get(names.strip()) or [n.strip() for n in names.split(",")]
    dirs = [DATA / n for n in picked if n]
    missing = [d.name for d in dirs if not d.is_dir()]
    if missing:
        raise SystemExit(f"no such set in bench/data: {', '.join(missing)}")
    return dirs


def met_quotes(
    grader: Grader, *, labelled_only: bool = True, dirs: list[Path] | None = None
) -> list[MetQuote]:
    """Every met, non-red-flag verdict with evidence on a labelled dev stage (any stage when
    not `labelled_only`), in set order; from `dirs` (default: bench/data/validity)."""
    out: list[MetQuote] = []
    sets = [s for d in dirs or [VALIDITY] for s in load_sets(d, "dev")]
    for s in sets:
        pid, level = s["problem_id"], s.get("level", "senior")
        for tr in s["transcripts"]:
            turns = turns_of(tr["stages"])
            text_of = {t.id: t.content for t in turns}
            report = grader.grade(pid, level, turns)
            for st in report["stages"]:
                labelled = (tr["stages"].get(st["stage"]) or {}).get("label") is not None
                if labelled_only and not labelled:
                    continue
                for c in st["criteria"]:
                    if c["met"] and not c["red_flag"] and c["evidence"]:
                        e = c["evidence"][0]
                        out.append(
                            MetQuote(
                                pid,
                                tr["kind"],
                                tr["id"],
                                st["stage"],
                                c["id"],
                                c["text"],
                                e["quote"],
                                text_of.get(e["message_id"], ""),
                            )
                        )
    return out


def sample(quotes: list[MetQuote], n: int, seed: int) -> list[MetQuote]:
    """`n` verdicts drawn with `seed` (the same draw for the same population)."""
    return random.Random(seed).sample(quotes, min(n, len(quotes)))


def _option(name: str, default: int) -> int:
    argv = sys.argv
    return int(argv[argv.index(name) + 1]) if name in argv else default


def _sets_option() -> list[Path] | None:
    argv = sys.argv
    return set_dirs(argv[argv.index("--sets") + 1]) if "--sets" in argv else None


def main() -> None:
    logging.disable(logging.WARNING)
    n, seed = _option("--n", 60), _option("--seed", 11)
    settings = Settings()
    grader = Grader(load_bank(settings.knowledge_dir), settings)
    dirs = _sets_option()
    population = met_quotes(grader, dirs=dirs)
    picked = sample(population, n, seed)
    where = f" ({', '.join(d.name for d in dirs)})" if dirs else ""  # the default line as it was
    print(f"dev met verdicts{where}: {len(population)}; sample of {len(picked)}, seed {seed}\n")
    if "--markdown" in sys.argv:
        print("| # | criterion id | quote | verdict | reason |\n|---|---|---|---|---|")
    for i, q in enumerate(picked, 1):
        if "--markdown" in sys.argv:
            print(f"| {i} | {q.criterion_id} | {q.quote.replace('|', '/')} |  |  |")
            continue
        print(f"{i}. [{q.problem_id} / {q.kind} / {q.stage}] {q.criterion_id}: {q.criterion}")
        print(f"   > {q.quote}")
        if "--full" in sys.argv:
            print(f"   message: {q.message}")


if __name__ == "__main__":
    main()
