"""Scores from verdicts: stage scores, the overall score, level readout and hire signal.

The rules (documented in the README):
- stage score = clip(sum of credited points of met criteria / (FULL_MARKS_SHARE x sum of
  positive points), 0, 1); red flags (negative points) subtract when present and cap the
  stage at RED_FLAG_CAP; credit per criterion comes from the reader (a term only named in a
  list earns a quarter, a hedged claim two thirds unless it gives its reasons);
- the stage score is then scaled by the problem-specificity of its evidence (see
  `specificity_cap`); a stage answered in chat form (several short messages) counts at least
  a share of the specifics said across the interview (see `chat_specifics`); in a live session
  (interviewer turns between the candidate's) every stage does, whatever its messages' length,
  the clarify stage counts its questions the interviewer answered (`answered_specifics`), and
  once the interview said SPECIFICS_NEEDED specifics a stage counts its met criteria
  (`met_specifics`);
- a criterion met only after a hint that targeted it earns reduced credit: 75% after a
  tier-1 hint, 50% after tier 2, 25% after tier 3;
- a stage with fewer than MIN_STAGE_WORDS content words from the candidate and no met
  criterion is `insufficient_evidence` (no score, not a zero), unless the interviewer spoke in
  it and the candidate replied there, or the session is live and the candidate said anything
  in it (a short reply in a conversation is a weak answer);
- overall = weighted mean of stage scores (weights in knowledge/rubric/generic.yaml), where a
  stage with insufficient evidence contributes 0 *and* is flagged; when less than half the
  weight has evidence the readout and hire signal are `insufficient_evidence`; two or more
  distinct affirmed mistakes (one sentence read as two red flags is one) make the hire
  signal at best "no hire";
- topicality: when the candidate's words fit another problem in the bank clearly better than
  the one asked (similarity ratio < 0.95), the overall score is multiplied by 0.25 and the
  report names the problem they seem to have answered.
"""

from __future__ import annotations

from dataclasses import dataclass

HINT_CREDIT = {1: 0.75, 2: 0.5, 3: 0.25}
MIN_STAGE_WORDS = 20
MIN_EVIDENCE_WEIGHT = 0.5

# Thresholds on the overall score, calibrated on whole interviews composed from the
# hand-labelled answers in bench/data/graded (strong / average / weak per problem): strong
# composites score 0.60-0.77, average 0.33-0.47, weak 0.05-0.17 (bench/grading.py).
LEVEL_THRESHOLDS = (("staff", 0.85), ("senior", 0.6), ("mid", 0.4))
HIRE_THRESHOLDS = (("strong hire", 0.75), ("hire", 0.50), ("no hire", 0.25))
LEVEL_OFFSET = {"mid": -0.08, "senior": 0.0, "staff": 0.08}  # the bar moves with the level
# Topicality: when the candidate's words fit another problem of the bank clearly better than
# this one (similarity ratio below this), they answered a different question.
OFF_PROBLEM_RATIO = 0.95
OFF_PROBLEM_FACTOR = 0.25


# Calibrated on the dev split of bench/data/validity (bench/validity.py); the test split is
# scored as is.
# A stage earns full marks at this share of its positive points: a strong answer covers the
# essentials, not every rubric line (a terse expert must not lose to a long checklist).
FULL_MARKS_SHARE = 0.5
# A stage's score is scaled by how specific to the problem its evidence is (entities, numbers,
# constraints of this problem): factor = BASE + (1 - BASE) * min(1, specifics / NEEDED).
# Restated generic practice, a list of terms or another problem's answer scores low.
SPECIFICITY_BASE = 0.2
SPECIFICS_NEEDED = 7
# A stage answered in chat form (at least two messages, each a short typed message of at most
# CHAT_MESSAGE_WORDS content words) is read in the context of the conversation: a candidate who
# set up the problem's entities earlier does not repeat them in every short message, so the
# stage counts at least one specific per CHAT_CONTEXT_SHARE the candidate said across the
# interview. A transcript with nothing specific anywhere gains nothing. Clarify is left out: its
# questions are a run of short asks in a written answer too, where the cap was calibrated.
CHAT_MESSAGE_WORDS = 15
CHAT_CONTEXT_SHARE = 3
# A stage said in the candidate's own words (more than PLAIN_STAGE_SHARE of its met good-practice
# criteria met without naming any of their terms) counts one specific per PLAIN_IDEAS_PER_SPECIFIC
# of this problem's own criteria met that way with full credit: the problem's specific words are
# the exact words of its statement, facts and concepts, which a plain voice does not use, while
# its sentences carry the problem's own ideas (session plain6). A stage that names the terms
# counts the terms themselves and gains nothing here.
PLAIN_STAGE_SHARE = 2 / 3
PLAIN_IDEAS_PER_SPECIFIC = 2
# In a live session (the interviewer speaks between the candidate's messages) the clarify stage
# is judged by the problem's own points asked, each answered from its facts:
# ANSWERED_QUESTION_SPECIFICS specifics apiece. A design stage that meets a point of this
# problem's own in full also counts a share of the specifics said in the design stages (not
# the problem's words recited while clarifying)...
ANSWERED_QUESTION_SPECIFICS = 2
# ...and once the interview holds SPECIFICS_NEEDED specifics, each of the problem's own
# criteria a stage meets in full counts MET_CRITERION_SPECIFICS (a concise chat answer leans on
# the entities set up earlier; generic criteria, lists and hedges count nothing, so a word dump
# followed by buzzwords gains nothing: the review's carrier reached "hire" before).
MET_CRITERION_SPECIFICS = 2
# A stage where the candidate affirmed a red flag (a serious mistake) scores at most this, and
# a transcript with this many red flags is at best "no hire".
RED_FLAG_CAP = 0.15
RED_FLAGS_NO_HIRE = 2


def chat_specifics(specifics: int, interview_specifics: int) -> int:
    """A chat-form stage's specifics: its own, or its share of the whole interview's."""
    return max(specifics, interview_specifics // CHAT_CONTEXT_SHARE)


def plain_idea_specifics(own_plain: int, plain: int, met: int) -> int:
    """Specifics for this problem's own ideas said in plain words (`own_plain` of its criteria
    met so): only when more than PLAIN_STAGE_SHARE of the stage's `met` good-practice criteria
    were met in plain words (`plain`)."""
    if not met or plain <= PLAIN_STAGE_SHARE * met:
        return 0
    return own_plain // PLAIN_IDEAS_PER_SPECIFIC


def answered_specifics(asked: int) -> int:
    """A live clarify stage's specifics for `asked` of this problem's own clarify points met
    (each asked, and answered from the problem's facts)."""
    return ANSWERED_QUESTION_SPECIFICS * asked


def met_specifics(met: int) -> int:
    """A live stage's specifics for `met` of this problem's own criteria met in full, once the
    design stages were specific."""
    return MET_CRITERION_SPECIFICS * met


def specificity_factor(specifics: int) -> float:
    """What a stage's score is scaled by for `specifics` problem-specific terms and numbers."""
    return SPECIFICITY_BASE + (1 - SPECIFICITY_BASE) * min(1.0, specifics / SPECIFICS_NEEDED)


def specificity_cap(score: float | None, specifics: int) -> float | None:
    """The stage score scaled by the problem-specificity of its evidence."""
    if score is None:
        return None
    return round(score * specificity_factor(specifics), 4)


@dataclass
class Verdict:
    criterion_id: str
    points: int
    met: bool
    credit: float = 1.0  # share of the points earned (hints reduce it)
    corrected: bool = False  # a red flag taken back later in its stage: it caps nothing


def stage_score(verdicts: list[Verdict]) -> float | None:
    positive = sum(v.points for v in verdicts if v.points > 0)
    if positive <= 0:
        return None
    earned = sum(v.points * v.credit for v in verdicts if v.met)
    score = min(1.0, max(0.0, earned / (FULL_MARKS_SHARE * positive)))
    if any(v.met and v.points < 0 and not v.corrected for v in verdicts):
        score = min(score, RED_FLAG_CAP)
    return round(score, 4)


def bucket(score: float) -> int:
    """1-4 bucket of a 0-1 score (for agreement with human grades)."""
    if score >= 0.70:
        return 4
    if score >= 0.45:
        return 3
    if score >= 0.20:
        return 2
    return 1


def overall(
    stage_scores: dict[str, float | None],
    weights: dict[str, float],
    level: str,
    relevance: float = 1.0,
    red_flags: int = 0,
) -> dict[str, object]:
    total = sum(weights.values())
    evidenced = sum(weights[s] for s, v in stage_scores.items() if v is not None)
    score = sum(weights[s] * (v or 0.0) for s, v in stage_scores.items()) / total
    if relevance < OFF_PROBLEM_RATIO:
        score *= OFF_PROBLEM_FACTOR
    coverage = evidenced / total
    out: dict[str, object] = {
        "score": round(score, 4),
        "evidence_coverage": round(coverage, 4),
        "level_readout": "insufficient_evidence",
        "hire_signal": "insufficient_evidence",
    }
    if coverage < MIN_EVIDENCE_WEIGHT:
        return out
    out["level_readout"] = next((name for name, t in LEVEL_THRESHOLDS if score >= t), "below mid")
    offset = LEVEL_OFFSET.get(level, 0.0)
    signal = next((name for name, t in HIRE_THRESHOLDS if score >= t + offset), "strong no hire")
    if red_flags >= RED_FLAGS_NO_HIRE and signal in ("hire", "strong hire"):
        signal = "no hire"  # several serious mistakes outweigh breadth
    out["hire_signal"] = signal
    out["red_flags"] = red_flags
    return out
