"""Scores from verdicts: stage scores, the overall score, level readout and hire signal.

The rules (documented in the README):
- stage score = clip(sum of credited points of met criteria / sum of positive points, 0, 1);
  red flags (negative points) subtract when present;
- a criterion met only after a hint that targeted it earns reduced credit: 75% after a
  tier-1 hint, 50% after tier 2, 25% after tier 3;
- a stage with fewer than MIN_STAGE_WORDS content words from the candidate and no met
  criterion is `insufficient_evidence` (no score, not a zero);
- overall = weighted mean of stage scores (weights in knowledge/rubric/generic.yaml), where a
  stage with insufficient evidence contributes 0 *and* is flagged; when less than half the
  weight has evidence the readout and hire signal are `insufficient_evidence`;
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
LEVEL_THRESHOLDS = (("staff", 0.75), ("senior", 0.55), ("mid", 0.35))
HIRE_THRESHOLDS = (("strong hire", 0.68), ("hire", 0.50), ("no hire", 0.25))
LEVEL_OFFSET = {"mid": -0.08, "senior": 0.0, "staff": 0.08}  # the bar moves with the level
# Topicality: when the candidate's words fit another problem of the bank clearly better than
# this one (similarity ratio below this), they answered a different question.
OFF_PROBLEM_RATIO = 0.95
OFF_PROBLEM_FACTOR = 0.25


@dataclass
class Verdict:
    criterion_id: str
    points: int
    met: bool
    credit: float = 1.0  # share of the points earned (hints reduce it)


def stage_score(verdicts: list[Verdict]) -> float | None:
    positive = sum(v.points for v in verdicts if v.points > 0)
    if positive <= 0:
        return None
    earned = sum(v.points * v.credit for v in verdicts if v.met)
    return round(min(1.0, max(0.0, earned / positive)), 4)


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
    out["hire_signal"] = next(
        (name for name, t in HIRE_THRESHOLDS if score >= t + offset), "strong no hire"
    )
    return out
