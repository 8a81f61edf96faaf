"""Audit of the rubric's example phrasings (knowledge only, all 10 problems and the generic
rubric; no bench data is read).

    python -m bench.phrasing_audit [--short N] [--margin M]

For every good-practice criterion, each phrasing is checked for what makes loose matches
likely: fewer than N words (too short to be distinctive), or read closer to another
criterion in play for the same problem (its text or one of its phrasings) than to the rest of
its own criterion by more than M and close enough to count for it alone (a phrasing closer
to a sibling than to its own). Prints
one line per finding.
"""

from __future__ import annotations

import logging
import sys

import numpy as np

from app.config import Settings
from app.knowledge.bank import load_bank
from app.knowledge.embeddings import embed_texts

SHORT_WORDS = 6
SIBLING_MARGIN = 0.05
# ...and it would evidence that other criterion by itself (a near copy, `SIM_ALONE`)
SIM_COLLIDE = 0.55


def audit(short: int = SHORT_WORDS, margin: float = SIBLING_MARGIN) -> list[str]:
    bank = load_bank(Settings().knowledge_dir)
    out: list[str] = []
    scopes = {"generic": list(bank.generic.criteria)}
    scopes |= {pid: [*bank.generic.criteria, *p.criteria] for pid, p in bank.problems.items()}
    seen: set[tuple[str, str]] = set()
    for scope, criteria in scopes.items():
        rows = [(c.id, t) for c in criteria if not c.red_flag for t in (c.text, *c.phrasings)]
        vecs = embed_texts([t for _, t in rows])
        sims = vecs @ vecs.T
        owners = np.array([cid for cid, _ in rows])
        for k, (cid, text) in enumerate(rows):
            if (cid, text) in seen or text.startswith("Candidate "):
                continue
            generic_row = cid.startswith("gen-")
            if scope != "generic" and generic_row:
                continue  # a generic phrasing is audited once, against the generic rubric
            seen.add((cid, text))
            if len(text.split()) < short:
                out.append(f"short  {cid}: {text}")
            own = (owners == cid) & (np.arange(len(rows)) != k)
            other = owners != cid
            best_own = float(sims[k][own].max()) if own.any() else 0.0
            j = int(np.flatnonzero(other)[sims[k][other].argmax()])
            if float(sims[k][j]) > max(best_own + margin, SIM_COLLIDE):
                out.append(
                    f"closer {cid}: {text}  -> {owners[j]} {sims[k][j]:.2f} > own {best_own:.2f}"
                )
    return out


def main(argv: list[str]) -> None:
    logging.disable(logging.WARNING)
    short = int(argv[argv.index("--short") + 1]) if "--short" in argv else SHORT_WORDS
    margin = float(argv[argv.index("--margin") + 1]) if "--margin" in argv else SIBLING_MARGIN
    found = audit(short, margin)
    print("\n".join(found))
    print(f"{len(found)} findings")


if __name__ == "__main__":
    main(sys.argv[1:])
