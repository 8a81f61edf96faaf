"""Mistakes the candidate took back: a red flag said in a stage, then corrected by a later
message of the same stage ("I'd randomly split users 80/20", the interviewer probes, "ok,
I'd rather split by time then").

An interviewer credits the recovery but remembers the slip: the flag stays in the report with
the correcting words beside it, it costs half its points, and it no longer caps the stage or
counts toward the red flags that make a transcript "no hire". Only a later message of the
flag's own stage can correct it: a whole answer that is wrong in its data section and names a
time-based holdout in its evaluation keeps its flag (the validity sets' fluent-wrong answers
are written that way).
"""

from __future__ import annotations

from app.grading.judges import Finding, TurnText
from app.knowledge.schema import Criterion
from app.knowledge.text import normalize, sentences
from app.understanding.offline import clears_mistake

CORRECTED_CREDIT = 0.5  # share of a corrected red flag's (negative) points still counted


def corrections(
    criteria: list[Criterion], findings: dict[str, Finding], messages: list[TurnText]
) -> dict[str, dict[str, str]]:
    """Per red flag that was met and later taken back, the evidence of the correction
    (`message_id`, `quote`): the first sentence of a later candidate message in the stage of
    the flag's message that says the practice ruling the mistake out (the criterion's
    `cleared_by`, read as the reader reads it in the flag's own sentence)."""
    said = {m.id: m for m in messages if m.role == "candidate"}
    out: dict[str, dict[str, str]] = {}
    for crit in criteria:
        f = findings.get(crit.id)
        if crit.points >= 0 or not crit.cleared_by or f is None or not f.met:
            continue
        flagged = [said[e["message_id"]] for e in f.evidence if e.get("message_id") in said]
        if not flagged:
            continue
        last = max(flagged, key=lambda m: m.seq)
        later = [m for m in said.values() if m.stage == last.stage and m.seq > last.seq]
        for msg in sorted(later, key=lambda m: m.seq):
            quote = _clearing_sentence(crit, msg.content)
            if quote:
                out[crit.id] = {"message_id": msg.id, "quote": quote}
                break
    return out


def _clearing_sentence(crit: Criterion, text: str) -> str | None:
    """The first sentence of `text` that says the practice clearing `crit` (the reader's
    `clears_mistake`, the same test a flag's own sentence passes)."""
    return next((s for s in sentences(text) if clears_mistake(crit, normalize(s))), None)
