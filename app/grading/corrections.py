"""Mistakes the candidate took back: a red flag said in a stage, then corrected by a later
message of the same stage ("I'd randomly split users 80/20", the interviewer probes, "ok,
I'd rather split by time then").

An interviewer credits the recovery but remembers the slip: the flag stays in the report with
the correcting words beside it, it costs half its points, and it no longer caps the stage or
counts toward the red flags that make a transcript "no hire". Only a later message of the
flag's own stage can correct it by saying the practice that rules the mistake out: a whole
answer that is wrong in its data section and names a time-based holdout in its evaluation keeps
its flag (the validity sets' fluent-wrong answers are written that way). The very next message
may also give the mistake up in so many words ("right, that leaks, I'd drop it"): in its stage,
or in any stage when it replies to an interviewer who put the mistake back to the candidate.
"""

from __future__ import annotations

import re

from app.grading.judges import Finding, TurnText
from app.knowledge.schema import Criterion
from app.knowledge.text import normalize, sentences
from app.understanding.acts import retracts
from app.understanding.offline import clears_mistake

CORRECTED_CREDIT = 0.5  # share of a corrected red flag's (negative) points still counted


def corrections(
    criteria: list[Criterion], findings: dict[str, Finding], messages: list[TurnText]
) -> dict[str, dict[str, str]]:
    """Per red flag that was met and later taken back, the evidence of the correction
    (`message_id`, `quote`): the very next candidate message giving the mistake up in so many
    words (`_giving_up_sentence`; in another stage only as the reply to the interviewer's
    probe of it), else the first sentence of a later candidate message in the stage of the
    flag's message that says the practice ruling the mistake out (the criterion's
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
        later = sorted(
            (m for m in said.values() if m.stage == last.stage and m.seq > last.seq),
            key=lambda m: m.seq,
        )
        # the very next message may give it up in so many words instead: in its stage, or
        # in any as the reply to the interviewer (an interviewer who ran ahead stores the
        # reply to its probe of the mistake in the next stage)
        nxt = min((m for m in said.values() if m.seq > last.seq), key=lambda m: m.seq, default=None)
        # (...a reply to the probe of this mistake: the interviewer's words between name it)
        replied = nxt is not None and any(
            m.role == "interviewer"
            and last.seq < m.seq < nxt.seq
            and _probes(crit, f.evidence, m.content)
            for m in messages
        )
        if (
            nxt is not None
            and (nxt.stage == last.stage or replied)
            and (quote := _giving_up_sentence(nxt.content))
        ):
            out[crit.id] = {"message_id": nxt.id, "quote": quote}
            continue
        for msg in later:
            if quote := _clearing_sentence(crit, msg.content):
                out[crit.id] = {"message_id": msg.id, "quote": quote}
                break
    return out


# The reply right after a mistake gives it up in so many words: it opens by conceding or
# retracting, and drops the mistake or names it as one ("ok no, conversions come after the
# click so that's leakage, I'd drop it", "you're right, scratch that").
_CONCEDING = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|fine|hmm+|oh|ah|ugh)\W+)*"
    r"(?:no\b|nope\b|you'?re right\b|fair(?: enough| point)?\b|good (?:point|catch)\b|"
    r"agreed\b|point taken\b|my bad\b|oops\b|(?:right|true|yes|yeah)\W)"
)
_DROPPED = re.compile(
    r"\b(?:i'?d|i will|i'?ll|we'?d|we'?ll|let'?s)\s+(?:just\s+)?(?:(?:drop|remove|exclude|cut|"
    r"skip)\s+(?:it|that|them|this)\b(?!\s+(?:down|back|short|to|into|in half)\b)|"
    r"leave\s+(?:it|that|them|this)\s+out\b)|"
    r"\b(?:that|it)'?s (?:leakage|a leak|leaking|wrong|a mistake|cheating)\b|"
    r"\b(?:that|it) (?:leaks|would leak)\b(?!\s+(?:nothing|no\b|nowhere))"
)
# the words of a mistake an interviewer quotes back: any run of this many of its words
_QUOTED_RUN = 3


def _giving_up_sentence(text: str) -> str | None:
    """The sentence that gives the mistake up when the message concedes or retracts
    (`_CONCEDING`, `retracts`) and drops the mistake or names it as one (`_DROPPED`, or a
    retraction): the first sentence that drops or retracts."""
    norm = normalize(text)
    if not (_CONCEDING.match(norm) or retracts(norm)):
        return None
    return next(
        (s for s in sentences(text) if _DROPPED.search(n := normalize(s)) or retracts(n)), None
    )


def _probes(crit: Criterion, evidence: list[dict[str, str]], said: str) -> bool:
    """Whether the interviewer's words `said` put the mistake back to the candidate: its probe
    question, or a run of `_QUOTED_RUN` words of the flagged quote."""
    norm = normalize(said)
    if crit.probe and normalize(crit.probe) in norm:
        return True
    for e in evidence:
        words = normalize(e.get("quote", "")).split()
        runs = (" ".join(words[k : k + _QUOTED_RUN]) for k in range(len(words) - _QUOTED_RUN + 1))
        if any(run in norm for run in runs):
            return True
    return False


def _clearing_sentence(crit: Criterion, text: str) -> str | None:
    """The first sentence of `text` that says the practice clearing `crit` (the reader's
    `clears_mistake`, the same test a flag's own sentence passes)."""
    return next((s for s in sentences(text) if clears_mistake(crit, normalize(s))), None)
