"""Build the graded report (the typed `Report`) from a judge's findings."""

from __future__ import annotations

import hashlib
from collections.abc import Container
from functools import lru_cache
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from app.grading.corrections import CORRECTED_CREDIT, corrections
from app.grading.judges import UNREASONED_CREDIT, Finding, TurnText, is_live
from app.grading.report_model import REPORT_SCHEMA, Report
from app.grading.scoring import (
    CHAT_MESSAGE_WORDS,
    HINT_CREDIT,
    MIN_STAGE_WORDS,
    RED_FLAG_CAP,
    SPECIFICS_NEEDED,
    Verdict,
    answered_specifics,
    chat_specifics,
    met_specifics,
    overall,
    plain_idea_specifics,
    specificity_cap,
    stage_score,
)
from app.knowledge.bank import KnowledgeBank
from app.knowledge.matching import Matcher
from app.knowledge.retrieval import Retriever
from app.knowledge.schema import STAGE_TITLES, STAGES, Criterion
from app.knowledge.text import content_words
from app.understanding.schema import Reading


def _plain_ideas(group: list[Criterion], findings: dict[str, Finding], own: Container[str]) -> int:
    """A stage's specifics for this problem's own ideas said in plain words
    (`scoring.plain_idea_specifics`): its met good-practice criteria, those met without naming
    any of their terms (`Finding.plain`), and those of the problem's own (`own`) met so with
    full or unreasoned credit (not a list's or a hedge's)."""
    met = [f for c in group if c.points > 0 and (f := findings.get(c.id)) is not None and f.met]
    plain = [f for f in met if f.plain]
    own_plain = _own_met_in_full(group, findings, own, plain_only=True)
    return plain_idea_specifics(own_plain, len(plain), len(met))


def _own_met_in_full(
    group: list[Criterion],
    findings: dict[str, Finding],
    own: Container[str],
    plain_only: bool = False,
) -> int:
    """How many of this problem's own good-practice criteria (`own`) of a stage are met with
    full or unreasoned credit (not a list's or a hedge's); with `plain_only`, only those met
    without naming any of their terms."""
    return sum(
        1
        for c in group
        if c.points > 0
        and c.id in own
        and (found := findings.get(c.id)) is not None
        and found.met
        and (found.plain or not plain_only)
        and found.credit >= UNREASONED_CREDIT
    )


@lru_cache(maxsize=4)
def prompts_version(prompts_dir: str) -> str:
    digest = hashlib.sha256()
    for path in sorted(Path(prompts_dir).rglob("*")):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def rubric_version(bank: KnowledgeBank, criteria: list[Criterion]) -> str:
    digest = hashlib.sha256("".join(sorted(c.model_dump_json() for c in criteria)).encode())
    return f"{bank.generic.version}+{digest.hexdigest()[:8]}"


def _credit(
    crit: Criterion, finding: Finding, hints: list[dict[str, Any]], seq_of: dict[str, int]
) -> float:
    """Reduced credit when the first evidence came after a hint aimed at this criterion."""
    if not finding.met or crit.points < 0:
        return 1.0
    first = min((seq_of.get(e["message_id"], 0) for e in finding.evidence), default=0)
    tiers = [h["tier"] for h in hints if h.get("criterion_id") == crit.id and h["seq"] <= first]
    return HINT_CREDIT[min(max(tiers), 3)] if tiers else 1.0


def build_report(
    *,
    bank: KnowledgeBank,
    retriever: Retriever,
    matcher: Matcher,
    problem_id: str,
    level: str,
    criteria: list[Criterion],
    findings: dict[str, Finding],
    messages: list[TurnText],
    hints: list[dict[str, Any]],
    grader: str,
    model: str,
    prompts_dir: Path,
    readings: dict[str, Reading] | None = None,
) -> Report:
    """The report: overall readout, per-stage criteria with evidence, feedback, versions.
    `readings` (message id -> offline reading) let the report cap stages whose evidence has
    nothing specific to the problem."""
    seq_of = {m.id: m.seq for m in messages}
    words_of = {m.id: len(content_words(m.content)) for m in messages if m.role == "candidate"}
    words_in_stage = {s: 0 for s in STAGES}
    for m in messages:
        if m.role == "candidate" and m.stage in words_in_stage:
            words_in_stage[m.stage] += words_of[m.id]

    fixed = corrections(criteria, findings, messages)
    flagged_in = _stages_with_flags(criteria, findings, messages, fixed)
    put_and_answered = _put_and_answered(messages, words_of)
    said_by = {m.id: m for m in messages if m.role == "candidate"}
    live = is_live(messages)
    interview_specifics = sum(r.specifics for i, r in (readings or {}).items() if i in said_by)
    # ...and those said in the design stages: what a live stage may lean on (a list of the
    # problem's words asked or recited while clarifying is no design said)
    design_specifics = sum(
        r.specifics
        for i, r in (readings or {}).items()
        if i in said_by and said_by[i].stage != "clarify"
    )
    problem = bank.problems.get(problem_id)
    own = {c.id for c in problem.criteria} if problem is not None else set()
    stages: list[dict[str, Any]] = []
    scores: dict[str, float | None] = {}
    for stage in STAGES:
        group = [c for c in criteria if c.stage == stage]
        verdicts, items = [], []
        paid = _paid_by_another(group, findings, fixed)
        for crit in group:
            f = findings.get(crit.id) or Finding(False, reason="not judged")
            credit = round(_credit(crit, f, hints, seq_of) * (f.credit if f.met else 1.0), 4)
            if crit.id in paid:
                credit = 0.0  # the same words already cost this stage (see `_paid_by_another`)
            corrected = fixed.get(crit.id)  # (only a met flag is ever taken back)
            notes = list(f.notes)
            if corrected:
                credit = round(credit * CORRECTED_CREDIT, 4)
                notes.append("taken back later in this stage: half its points, no cap")
            if crit.id in paid:
                notes.append("the same words as another red flag here: its points count once")
            verdicts.append(Verdict(crit.id, crit.points, f.met, credit, bool(corrected)))
            if not f.met and crit.points < 0:
                continue  # a pitfall avoided: listing it would hand out the rubric
            study = _study(crit, retriever)
            items.append(
                {
                    "id": crit.id,
                    # The rubric's wording only for what the candidate showed; a miss is
                    # named by its study topic (the report must not hand out the rubric).
                    "text": crit.text if f.met else _topic(study, stage),
                    "study": study,
                    "points": crit.points,
                    "red_flag": crit.points < 0,
                    "met": f.met,
                    "credit": credit,
                    "evidence": f.evidence,
                    "reason": f.reason,
                    "notes": notes,
                    "corrected": corrected,
                    "judge": f.judge,
                }
            )
        any_met = any(v.met for v in verdicts)
        specifics = None
        if (
            words_in_stage[stage] < MIN_STAGE_WORDS
            and not any_met
            and stage not in put_and_answered
            and not (live and words_in_stage[stage])  # live: a short reply is a weak answer
        ):
            status, score = "insufficient_evidence", None
        else:
            status, score = "scored", stage_score(verdicts)
            if readings is not None:
                ids = _stage_messages(stage, group, findings, messages)
                specifics = sum(readings[i].specifics for i in ids if i in readings)
                specifics += _plain_ideas(group, findings, own)
                in_stage = [m for m in said_by.values() if m.stage == stage]
                # a live stage leans on the conversation only when it meets a point of this
                # problem's own, said in full: generic buzzwords lean on nothing
                own_met = _own_met_in_full(group, findings, own)
                if stage != "clarify" and _chat_form(in_stage):
                    specifics = chat_specifics(specifics, interview_specifics)
                elif stage != "clarify" and live and own_met:
                    specifics = chat_specifics(specifics, design_specifics)
                if stage != "clarify" and live and interview_specifics >= SPECIFICS_NEEDED:
                    specifics = max(specifics, met_specifics(own_met))
                elif stage == "clarify" and live:
                    specifics = max(specifics, answered_specifics(own_met))
                score = specificity_cap(score, specifics)
            if stage in flagged_in and score is not None:
                # the mistake was said in this stage's answer ("shuffle and hold out 10%" in
                # the evaluation): it caps this stage too, not only its own criterion's stage
                score = min(score, RED_FLAG_CAP)
        scores[stage] = score
        stages.append(
            {
                "stage": stage,
                "score": score,
                "status": status,
                "candidate_words": words_in_stage[stage],
                "specifics": specifics,
                "criteria": items,
            }
        )

    weights: dict[str, float] = {s: w for s, w in bank.generic.weights.items()}
    said = " ".join(m.content for m in messages if m.role == "candidate")
    relevance, best = matcher.relevance(said, problem_id)
    flags = _mistakes(stages)
    summary = overall(scores, weights, level, relevance, flags)
    summary["topicality"] = {"relevance": relevance, "best_match": best}
    # Assembled as plain dicts (the helpers below work on them), validated once here.
    return Report.model_validate(
        {
            "schema": REPORT_SCHEMA,
            "problem_id": problem_id,
            "level": level,
            "overall": summary,
            "stages": stages,
            "strengths": _strengths(stages),
            "improvements": _improvements(stages, criteria, retriever),
            "hints_used": len(hints),
            "versions": {
                "rubric": rubric_version(bank, criteria),
                "knowledge": bank.content_hash,
                "prompts": prompts_version(str(prompts_dir)),
                "judge": f"{grader}-1",
                "model": model,
            },
            "grader": grader,
        }
    )


def _said_as(evidence: list[dict[str, str]]) -> list[tuple[str, str]]:
    """(message id, lower-cased quote) of each piece of evidence."""
    return [(e.get("message_id", ""), e["quote"].lower().strip(" .")) for e in evidence]


def _same_words(said: list[tuple[str, str]], seen: list[tuple[str, str]]) -> bool:
    """Some piece of `said` is, or holds, or sits in, a piece of `seen` in the same message."""
    return any(m == sm and (q in sq or sq in q) for m, q in said for sm, sq in seen)


def _paid_by_another(
    group: list[Criterion], findings: dict[str, Finding], corrected: Container[str] = ()
) -> set[str]:
    """The ids of the stage's red flags whose words a heavier red flag of the stage already
    costs: their points do not count. One sentence read as both a generic red flag and this
    problem's instance of it ("a feature: how long the user watched this video in total") is
    one mistake, paid once (and it still caps the stage). A flag in `corrected` (taken back)
    pays for no other: the one not taken back costs in full."""
    flags = sorted(
        (c for c in group if c.points < 0 and (f := findings.get(c.id)) is not None and f.met),
        key=lambda c: (c.points, c.id),
    )
    seen: list[tuple[str, str]] = []
    paid: set[str] = set()
    for crit in flags:
        said = _said_as(findings[crit.id].evidence)
        if said and _same_words(said, seen):
            paid.add(crit.id)
        if crit.id not in corrected:  # a flag taken back pays for no other
            seen += said
    return paid


def _mistakes(stages: list[dict[str, Any]]) -> int:
    """How many distinct mistakes the affirmed red flags are: one sentence read as both a
    generic red flag and this problem's instance of it ("a strong feature is how long the user
    watched this video") is one mistake, not two (two make the hire signal at best no hire)."""
    seen: list[tuple[str, str]] = []  # (message id, quote) of the mistakes counted
    count = 0
    for st in stages:
        for c in st["criteria"]:
            if not (c["met"] and c["red_flag"]) or c.get("corrected"):
                continue  # a mistake taken back is not one of the mistakes that add up
            said = _said_as(c["evidence"])
            if said and _same_words(said, seen):
                continue  # the same words as a mistake already counted
            seen += said
            count += 1
    return count


def _stages_with_flags(
    criteria: list[Criterion],
    findings: dict[str, Finding],
    messages: list[TurnText],
    corrected: Container[str],
) -> set[str]:
    """The stages in whose messages an affirmed red flag (of any stage) was said and not
    taken back later (`corrected`)."""
    stage_of = {m.id: m.stage for m in messages if m.role == "candidate"}
    return {
        stage_of[e["message_id"]]
        for c in criteria
        if c.points < 0
        and c.id not in corrected
        and (f := findings.get(c.id)) is not None
        and f.met
        for e in f.evidence
        if e.get("message_id") in stage_of
    }


def _stage_messages(
    stage: str,
    group: list[Criterion],
    findings: dict[str, Finding],
    messages: list[TurnText],
) -> set[str]:
    """The ids of the messages that evidence this stage's criteria, or that were said while
    the interview was in this stage: the stage's answer, whose problem-specific terms and
    numbers make its specificity."""
    ids = {e["message_id"] for c in group for e in (findings.get(c.id) or Finding(False)).evidence}
    return ids | {m.id for m in messages if m.role == "candidate" and m.stage == stage}


def _put_and_answered(messages: list[TurnText], words_of: dict[str, int]) -> set[str]:
    """The stages the interviewer spoke in and the candidate then replied in with words of
    their own: a few words in answer to a question put to them are evidence of a weak answer,
    not a missing one, so such a stage is scored however short (a stage never put to the
    candidate, or a written answer's transcript with no interviewer turns, still needs
    MIN_STAGE_WORDS for a score). `words_of`: each candidate message's content words."""
    asked: set[str] = set()
    answered: set[str] = set()
    for m in sorted(messages, key=lambda m: m.seq):
        if m.role == "interviewer":
            asked.add(m.stage)
        elif m.stage in asked and words_of[m.id]:
            answered.add(m.stage)
    return answered


def _chat_form(said: list[TurnText]) -> bool:
    """A stage answered as in a chat: several messages said in it, each a short typed one
    (the messages said in the stage: whether its evidence came from elsewhere, a written
    answer's paragraph, does not make a written answer a chat)."""
    return len(said) >= 2 and all(len(content_words(m.content)) <= CHAT_MESSAGE_WORDS for m in said)


def _strengths(stages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    met = [
        (c["points"] * c["credit"], i, stage["stage"], c)
        for i, stage in enumerate(stages)
        for c in stage["criteria"]
        if c["met"] and not c["red_flag"]
    ]
    met.sort(key=lambda t: (-t[0], t[1], t[3]["id"]))
    return [
        {
            "stage": stage,
            "criterion_id": c["id"],
            "text": c["text"],
            "quote": c["evidence"][0]["quote"] if c["evidence"] else "",
            "message_id": c["evidence"][0]["message_id"] if c["evidence"] else "",
        }
        for _, _, stage, c in met[:4]
    ]


def _improvements(
    stages: list[dict[str, Any]], criteria: list[Criterion], retriever: Retriever
) -> list[dict[str, Any]]:
    by_id = {c.id: c for c in criteria}
    out: list[dict[str, Any]] = []
    for stage in stages:  # red flags first: they cost the most in a real loop
        for c in stage["criteria"]:
            if c["red_flag"] and c["met"]:
                out.append(
                    {
                        "kind": "red_flag",
                        "stage": stage["stage"],
                        "criterion_id": c["id"],
                        "text": c["text"],
                        "quote": c["evidence"][0]["quote"] if c["evidence"] else "",
                        "study": _study(by_id[c["id"]], retriever),
                    }
                )
    ranked = sorted(
        stages, key=lambda s: (s["score"] if s["score"] is not None else -1.0, s["stage"])
    )
    for stage in ranked[:3]:
        missed = [c for c in stage["criteria"] if not c["met"] and not c["red_flag"]]
        missed.sort(key=lambda c: (-c["points"], c["id"]))
        if not missed:
            continue
        top = by_id[missed[0]["id"]]
        topics: list[str] = []
        for c in missed[:4]:  # study topics, not the rubric's wording
            title = _topic(c["study"], stage["stage"])
            if title not in topics:
                topics.append(title)
        out.append(
            {
                "kind": "missed",
                "stage": stage["stage"],
                "criterion_id": top.id,
                "text": _topic(missed[0]["study"], stage["stage"]),
                "topics": topics,
                "study": missed[0]["study"],
            }
        )
    return out


def _topic(study: dict[str, str] | None, stage: str) -> str:
    return study["title"] if study else f"{STAGE_TITLES.get(stage, stage)} essentials"


# Per retriever (its index), per criterion id. Weakly keyed: an id() key could be reused by
# a later retriever over another bank and answer with its sections.
_STUDY_CACHE: WeakKeyDictionary[Retriever, dict[str, dict[str, str] | None]] = WeakKeyDictionary()


def _study(crit: Criterion, retriever: Retriever) -> dict[str, str] | None:
    """The framework section to read for this criterion (retrieved once per retriever)."""
    cache = _STUDY_CACHE.setdefault(retriever, {})
    if crit.id not in cache:
        cache[crit.id] = _find_study(crit, retriever)
    return cache[crit.id]


def _find_study(crit: Criterion, retriever: Retriever) -> dict[str, str] | None:
    hits = retriever.search(
        f"{crit.text} {' '.join(crit.concepts)}", k=1, kind="section", stage=crit.stage
    )
    if not hits:
        hits = retriever.search(crit.text, k=1, kind="section")
    if not hits:
        return None
    return {"section_id": hits[0].meta["ref"], "title": hits[0].meta["title"]}
