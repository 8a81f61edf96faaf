"""Met-quote audits as a dev check: do the verdicts judged by reading still come out as judged?

    python -m bench.quote_audits [--all]

Parses the dev audit tables (bench/results/met-quotes-dev*.md: criterion id, quote, verdict
supports / does not support, judged by reading) into labelled (criterion, quote) pairs,
finds the dev transcript each quote was said in, grades every dev transcript with the
offline path of `bench.validity` (the same verdicts `bench.quotes` samples) and reports:

- unsupported pairs still credited with that quote (the criterion is met and the quote the
  report shows is the audited one): credit to remove;
- supported pairs no longer credited: the criterion is not met any more, or it is met with
  another quote (shown, to read whether it is as good).

`--all` also lists the pairs that come out as judged. Only dev audits are read: the test
audits are never opened, tuning happens on dev only.
"""

from __future__ import annotations

import logging
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from app.config import Settings
from app.knowledge.bank import load_bank
from app.understanding.quotes import has_quote, squash
from bench.common import ROOT
from bench.quotes import met_quotes
from bench.validity import VALIDITY, Grader, load_sets, turns_of

AUDITS = sorted((ROOT / "bench" / "results").glob("met-quotes-dev*.md"))
_ROW = re.compile(
    r"^\|\s*\d+\s*\|\s*(?P<cid>[a-z0-9-]+)\s*\|\s*(?P<quote>.*?)\s*\|\s*"
    r"(?P<verdict>supports|does not support)\s*\|\s*(?P<reason>.*?)\s*\|\s*$"
)
_CUT = re.compile(r"\s*(?:\.\.\.|\u2026)\s*$")


@dataclass(frozen=True)
class Audit:
    source: str  # the audit file
    criterion_id: str
    quote: str  # as the table gives it, without the "..." of a cut
    supports: bool
    reason: str


def parse_audits(paths: list[Path]) -> list[Audit]:
    """Every judged row of the audit tables, one per distinct (criterion, quote)."""
    out: dict[tuple[str, str], Audit] = {}
    for path in paths:
        for line in path.read_text().splitlines():
            m = _ROW.match(line)
            if m is None:
                continue
            quote = _CUT.sub("", m.group("quote"))
            key = (m.group("cid"), squash(quote))
            out.setdefault(
                key,
                Audit(
                    path.name,
                    m.group("cid"),
                    quote,
                    m.group("verdict") == "supports",
                    m.group("reason"),
                ),
            )
    return list(out.values())


def same_quote(audited: str, shown: str) -> bool:
    """The quote shown now is the audited one: one holds the other (a cut audit quote is a
    prefix; a quote narrowed to its clause is inside the audited sentence)."""
    return has_quote(shown, audited) or has_quote(audited, shown)


def where_said(audit: Audit, sets: list[dict], criteria_of: dict[str, set[str]]) -> list[str]:
    """Ids of the dev transcripts whose candidate text holds the quote, for a problem that
    has the criterion."""
    out = []
    for s in sets:
        if audit.criterion_id not in criteria_of[s["problem_id"]]:
            continue
        for tr in s["transcripts"]:
            if any(has_quote(t.content, audit.quote) for t in turns_of(tr["stages"])):
                out.append(tr["id"])
    return out


def main() -> None:
    logging.disable(logging.WARNING)
    settings = Settings()
    bank = load_bank(settings.knowledge_dir)
    grader = Grader(bank, settings)
    sets = load_sets(VALIDITY, "dev")
    criteria_of = {
        s["problem_id"]: {c.id for c in bank.criteria_for(s["problem_id"])} for s in sets
    }
    audits = parse_audits(AUDITS)
    shown = {
        (q.transcript, q.criterion_id): q.quote for q in met_quotes(grader, labelled_only=False)
    }
    wrong: list[str] = []
    lost: list[str] = []
    moved: list[str] = []
    right: list[str] = []
    unplaced = 0
    for a in audits:
        places = where_said(a, sets, criteria_of)
        if not places:
            unplaced += 1
            continue
        now = [(t, shown.get((t, a.criterion_id))) for t in places]
        same = [t for t, q in now if q and same_quote(a.quote, q)]
        line = f"{a.criterion_id} [{', '.join(places)}] ({a.source}): {a.quote[:110]}"
        if not a.supports:
            (wrong if same else right).append(f"{line}\n    why not: {a.reason}")
        elif same:
            right.append(line)
        elif any(q for _, q in now):
            other = next(q for _, q in now if q)
            moved.append(f"{line}\n    now: {other[:160]}")
        else:
            lost.append(line)
    n_bad = sum(1 for a in audits if not a.supports)
    print(f"dev audit pairs: {len(audits)} ({n_bad} judged unsupported); not found: {unplaced}")
    print(f"unsupported still credited with that quote: {len(wrong)}")
    print(f"supported no longer met: {len(lost)}; supported met with another quote: {len(moved)}")
    for title, rows in (
        ("UNSUPPORTED, STILL CREDITED", wrong),
        ("SUPPORTED, NO LONGER MET", lost),
        ("SUPPORTED, OTHER QUOTE", moved),
    ):
        print(f"\n== {title} ({len(rows)})")
        for r in rows:
            print(f"- {r}")
    if "--all" in sys.argv:
        print(f"\n== AS JUDGED ({len(right)})")
        for r in right:
            print(f"- {r}")


if __name__ == "__main__":
    main()
