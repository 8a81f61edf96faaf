"""Grading quality and speed of the offline judge, against hand-labelled answers.

    python -m bench.grading

Prints: pooled met/not-met macro-F1 and mean per-criterion F1 over the labelled decisions,
quadratic weighted kappa of stage scores (bucketed 1-4) against the labelled buckets,
run-to-run spread, monotonicity on the public answers corpus (when ../shared is present),
and the time to grade a 60-message transcript.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

import yaml

from app import resources
from app.config import Settings
from app.grading.judges import OfflineJudge, TurnText
from app.grading.scoring import Verdict, bucket, stage_score
from app.knowledge.bank import KnowledgeBank, load_bank
from app.knowledge.matching import Matcher
from app.knowledge.retrieval import Retriever
from app.knowledge.schema import STAGES
from app.understanding.offline import OfflineReader
from bench.common import DATA, SHARED, summary_ms, table


def load_labelled(directory: Path = DATA / "graded") -> list[dict]:
    sets = []
    for path in sorted(directory.glob("*.yaml")):
        sets.append(yaml.safe_load(path.read_text()))
    return sets


def turns_of(text: str, stage: str = "clarify") -> list[TurnText]:
    parts = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return [TurnText(f"m{i}", i, "candidate", p, stage) for i, p in enumerate(parts, 1)]


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else (1.0 if not (fp or fn) else 0.0)


def qwk(a: list[int], b: list[int], k: int = 4) -> float:
    """Quadratic weighted kappa between two ratings on 1..k."""
    import numpy as np

    obs = np.zeros((k, k))
    for x, y in zip(a, b, strict=True):
        obs[x - 1, y - 1] += 1
    w = np.array([[(i - j) ** 2 / (k - 1) ** 2 for j in range(k)] for i in range(k)])
    hist_a, hist_b = obs.sum(axis=1), obs.sum(axis=0)
    expected = np.outer(hist_a, hist_b) / obs.sum()
    return float(1 - (w * obs).sum() / (w * expected).sum())


def evaluate(bank: KnowledgeBank, judge: OfflineJudge, sets: list[dict]) -> dict:
    pooled = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    per_crit: dict[str, dict[str, int]] = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0})
    human, ours, errors = [], [], []
    decisions = 0
    for s in sets:
        pid = s["problem_id"]
        all_crit = {c.id: c for c in bank.criteria_for(pid)}
        for ans in s["answers"]:
            crit = [all_crit[cid] for cid in ans["labels"] if cid in all_crit]
            found = judge.judge_sync(crit, turns_of(ans["text"], ans["stage"]))
            verdicts = []
            for c in crit:
                label, pred = bool(ans["labels"][c.id]), found[c.id].met
                decisions += 1
                key = ("tp" if pred else "fn") if label else ("fp" if pred else "tn")
                pooled[key] += 1
                if key != "tn":
                    per_crit[c.id][key] += 1
                if key in ("fp", "fn"):
                    errors.append((key, c.id, ans["id"]))
                verdicts.append(Verdict(c.id, c.points, pred))
            score = stage_score(verdicts) or 0.0
            ours.append(bucket(score))
            human.append(int(ans["bucket"]))
    pos_f1 = f1(pooled["tp"], pooled["fp"], pooled["fn"])
    neg_f1 = f1(pooled["tn"], pooled["fn"], pooled["fp"])
    crit_f1 = [f1(v["tp"], v["fp"], v["fn"]) for v in per_crit.values()]
    return {
        "decisions": decisions,
        "answers": len(human),
        "macro_f1": round((pos_f1 + neg_f1) / 2, 4),
        "met_f1": round(pos_f1, 4),
        "per_criterion_f1": round(sum(crit_f1) / len(crit_f1), 4) if crit_f1 else 0.0,
        "precision": round(pooled["tp"] / max(1, pooled["tp"] + pooled["fp"]), 4),
        "recall": round(pooled["tp"] / max(1, pooled["tp"] + pooled["fn"]), 4),
        "qwk": round(qwk(human, ours), 4),
        "confusion": pooled,
        "errors": errors,
    }


def public_answers() -> list[tuple[str, list[TurnText]]]:
    """(problem_id, transcript) per public answer, sections tagged with their stage."""
    corpus = SHARED / "corpus" / "public-answers"
    manifest = corpus / "manifest.json"
    if not manifest.exists():
        return []
    out = []
    for entry in json.loads(manifest.read_text()):
        text = (corpus / entry["file"]).read_text()
        turns = []
        for i, sec in enumerate(entry["sections"]):
            start = text.find(sec["heading"].strip())
            if start < 0:
                continue
            end = len(text)
            for nxt in entry["sections"][i + 1 :]:
                pos = text.find(nxt["heading"].strip(), start + 1)
                if pos > 0:
                    end = pos
                    break
            body = text[start + len(sec["heading"].strip()) : end].strip()
            if body:
                turns.append(TurnText(f"s{i}", i + 1, "candidate", body, sec["stage"]))
        out.append((entry["problem_id"], turns))
    return out


def overall_score(bank, judge, pid: str, turns: list[TurnText]) -> float:
    from app.grading.scoring import overall

    crit = bank.criteria_for(pid, "senior")
    found = judge.judge_sync(crit, turns)
    scores = {}
    for stage in STAGES:
        group = [c for c in crit if c.stage == stage]
        scores[stage] = stage_score([Verdict(c.id, c.points, found[c.id].met) for c in group])
    said = " ".join(t.content for t in turns)
    relevance, _ = judge.matcher.relevance(said, pid)
    return float(overall(scores, dict(bank.generic.weights), "senior", relevance)["score"])


def monotonicity(bank, judge) -> dict:
    answers = [(p, t) for p, t in public_answers() if p in bank.problems]
    if not answers:
        return {"checks": 0, "passed": 0, "detail": "public answers corpus not present"}
    checks, passed, detail = 0, 0, []
    for i, (pid, turns) in enumerate(answers):
        full = overall_score(bank, judge, pid, turns)
        stages = sorted({t.stage for t in turns})
        # 1) stages removed: drop the second half of the stages the answer covers.
        kept = [t for t in turns if t.stage in stages[: len(stages) // 2]]
        # 2) another problem's answer graded against this problem.
        other = answers[(i + 1) % len(answers)][1]
        # 3) a keyword list of the same length, built from this problem's own concepts.
        words = sum(len(t.content.split()) for t in turns)
        vocab = [w for c in bank.criteria_for(pid) for k in c.concepts for w in k.split()]
        stuffed = " ".join((vocab * (words // max(1, len(vocab)) + 1))[:words])
        variants = {
            "stages removed": kept,
            "other problem": other,
            "keyword list": [TurnText("k", 1, "candidate", stuffed, "model")],
        }
        for name, variant in variants.items():
            score = overall_score(bank, judge, pid, variant)
            checks += 1
            ok = full > score
            passed += ok
            detail.append((pid, name, round(full, 3), round(score, 3), ok))
    return {"checks": checks, "passed": passed, "detail": detail}


def composites(bank, judge) -> list[dict]:
    """Whole interviews composed from the labelled strong / average / weak answers of each
    problem: the calibration set for the hire-signal thresholds."""
    from app.grading.scoring import overall

    out = []
    for s in load_labelled():
        row: dict = {"problem_id": s["problem_id"]}
        for quality in ("strong", "average", "weak"):
            turns: list[TurnText] = []
            for a in s["answers"]:
                if a["quality"] == quality:
                    for t in turns_of(a["text"], a["stage"]):
                        turns.append(
                            TurnText(
                                f"m{len(turns)}", len(turns) + 1, "candidate", t.content, a["stage"]
                            )
                        )
            score = overall_score(bank, judge, s["problem_id"], turns)
            signal = overall(
                dict.fromkeys(STAGES, score), dict(bank.generic.weights), s.get("level", "senior")
            )["hire_signal"]
            row[quality] = (round(score, 3), signal)
        out.append(row)
    return out


def by_problem(bank, judge, sets) -> list[list[object]]:
    rows = []
    for s in sets:
        q = evaluate(bank, judge, [s])
        rows.append([s["problem_id"], q["decisions"], q["macro_f1"], q["qwk"]])
    return rows


def timing(bank, judge, problem_id: str = "news-feed", n: int = 60, runs: int = 15) -> dict:
    sets = load_labelled()
    texts = [a["text"] for s in sets for a in s["answers"]] or ["We use precision and recall."]
    turns = []
    for i in range(n):
        role = "candidate" if i % 2 else "interviewer"
        turns.append(TurnText(f"t{i}", i + 1, role, texts[i % len(texts)][:600], STAGES[i % 7]))
    crit = bank.criteria_for(problem_id, "senior")
    judge.judge_sync(crit, turns)  # warm
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        judge.judge_sync(crit, turns)
        times.append((time.perf_counter() - t0) * 1000)
    return summary_ms(times)


def run() -> dict:
    bank = load_bank(resources.knowledge_dir())
    matcher = Matcher(bank)
    judge = OfflineJudge(OfflineReader(bank, matcher, Retriever(bank, Settings())))
    sets = load_labelled()
    first = evaluate(bank, judge, sets)
    second = evaluate(bank, judge, sets)
    spread = abs(first["macro_f1"] - second["macro_f1"]) + abs(first["qwk"] - second["qwk"])
    mono = monotonicity(bank, judge)
    speed = timing(bank, judge)
    return {
        "quality": first,
        "spread": round(spread, 6),
        "monotonicity": mono,
        "timing": speed,
        "by_problem": by_problem(bank, judge, sets),
        "composites": composites(bank, judge),
    }


def render(res: dict) -> str:
    q, m, t = res["quality"], res["monotonicity"], res["timing"]
    rows = [
        ["labelled decisions / answers", f"{q['decisions']} / {q['answers']}", ""],
        ["macro-F1 (met / not met)", q["macro_f1"], ">= 0.70"],
        ["F1 of 'met'", q["met_f1"], ""],
        ["mean per-criterion F1", q["per_criterion_f1"], ""],
        ["precision / recall of 'met'", f"{q['precision']:.3f} / {q['recall']:.3f}", ""],
        ["QWK stage buckets (1-4)", q["qwk"], ">= 0.70"],
        ["run-to-run spread", res["spread"], "0"],
        ["monotonicity (public answers)", f"{m['passed']}/{m['checks']}", "100%"],
        ["grade 60-message transcript p50 / p95 ms", f"{t['p50']} / {t['p95']}", "< 300"],
    ]
    out = table(["grading (offline judge)", "value", "target"], rows)
    out += "\n\n" + table(["labelled set", "decisions", "macro-F1", "QWK"], res["by_problem"])
    out += "\n\n" + table(
        ["composite interview", "strong", "average", "weak"],
        [
            [c["problem_id"], *(f"{c[q][0]:.2f} {c[q][1]}" for q in ("strong", "average", "weak"))]
            for c in res["composites"]
        ],
    )
    return out


if __name__ == "__main__":
    result = run()
    print(render(result))
    if "-v" in sys.argv:
        for e in result["quality"]["errors"]:
            print(*e)
        for d in result["monotonicity"]["detail"]:
            print(*d)
