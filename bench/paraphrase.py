"""Plain-words paraphrases on hand-written dev sentences (dev problems only, issue #11).

    python -m bench.paraphrase [--set dev|dev2|dev3|check|...|check11|negation|...|negation6] [-v]

bench/data/paraphrase-dev.yaml holds sentences labelled when written (hash frozen in
paraphrase-dev.sha256 before the first run): `positives` say a criterion's behaviour without
its jargon ("check that when the model says two percent, about two percent get clicked") and
list the criteria they should meet; `near_misses` are vague or name the topic without the
criterion's key element and list the criteria they should not meet. Each sentence is graded
alone as a one-message answer in the stage of its first criterion (level staff, so every
criterion of the problem is in play), through the grader (the report the API sends).

`--set dev2` scores paraphrase-dev-2.yaml (more voices, generic criteria, also tuned on);
`--set check` scores paraphrase-dev-check.yaml: sentences written after the rubric was
widened on the first set, frozen the same way, to estimate how that widening carries to other
wordings (not to be tuned on); `--set check2` scores paraphrase-dev-check-2.yaml (frozen
the same way, half problem criteria, written from criterion texts alone; not tuned on);
`--set dev3` scores paraphrase-dev-3.yaml (other voices: non-native simple English, product
manager, terse shorthand, explaining to a junior, numbers-first; tuned on); `--set check3`
scores paraphrase-dev-check-3.yaml (written after the widening on dev3 in yet other voices,
frozen the same way; not tuned on); `--set check4` scores paraphrase-dev-check-4.yaml (past-job
stories, self-asked why, formal register, claim and reason in two sentences, dash bullets;
frozen the same way; not tuned on); `--set check5` scores paraphrase-dev-check-5.yaml (second
person, hedged, "not X but Y", inline numbered lists, a user's point of view; sentences that
evidence a problem criterion and its generic sibling list both; frozen the same way before the
sibling credit was built; not tuned on); `--set check6` / `check7` score whole answers
(paraphrase-dev-check-6/7.yaml: per dev problem a textbook, a plain-words and a terse answer per
stage; frozen the same way; not tuned on): the share of the textbook overall the plain-words
answer keeps, and the mean overall of each kind. Set 6 was the diagnosis set of the plain-word
classes (untuned 0.321 / 0.768 keep min / mean); set 7, written before them, was scored once
after: keep 0.692 / 0.905 (0.356 / 0.438 with the classes and the role-giving shorthand rule
switched off), terse mean 0.343 (0.266), textbook 0.512 (0.470). `--set check8` scores
paraphrase-dev-check-8.yaml (sentences like set 5, weighted toward high-point criteria:
everyday analogies, a named user's story, numbers as words, passive voice, fragments, mixed
British spelling, "so ... so ..." chains; frozen the same way; tuned on by general rules after).
`--set check9` scores paraphrase-dev-check-9.yaml (like set 8 in other voices: instructions to a
teammate, questions asked and answered at once, before/after contrasts, "otherwise we'd ..."
consequences, verbs for the textbook's nouns, product shorthand; frozen the same way).
`--set check10` scores paraphrase-dev-check-10.yaml: near-misses of the five kinds of unsupported
"met" quote in the held-out audit (vague gestures, another idea in the same area, a
contradiction, the neighbouring criterion's content, a shared topic word only) and plain-words
positives; frozen the same way.
`--set check11` scores paraphrase-dev-check-11.yaml: the same five kinds of near-miss and plain
positives in new wordings, written and frozen before the check-10 fixes of paraphrase-fix-10 as
their held-back estimate (never tuned on).
`--set negation` scores negation-dev-check.yaml: three near-misses per negation or hedge cue
("not", "no", "never", "without", "skip", "instead of", "rather than", "avoid", "no point",
"don't need", "by X not Y", "won't bother", "unnecessary", "overkill", "can wait / v2", "maybe",
"I'm not sure we'd") whose practice must earn no credit, and affirmed twins; frozen the same way.
`--set negation2` scores negation-dev-check-2.yaml: five near-misses for each of 14 other cues
("there's no point in", "we can live without", "not worth it", "I'd hold off on", "down the
line", "nice to have", "out of scope", "let's not", "I doubt we need", "probably unnecessary",
"only if time permits", a negation far from the practice, one in a relative clause, a question
answered "no") and affirmed twins, double negatives among them; frozen the same way and held
back while set 1 is fixed (never tuned on), then tuned on by general dismissal rules.
`--set negation3` scores negation-dev-check-3.yaml: five near-misses for each of 14 dismissal or
deferral cues in neither set 1 nor 2 ("park", "descope", "table that", "punt", "not a priority",
"we'll get to it eventually", "I'd leave X out", "not needed at our size", "a luxury", "more
trouble than it's worth", "we can do without", "forget about", "won't matter much", a question
answered with a plain no) and affirmed twins; frozen the same way and held back while set 2 is
fixed (never tuned on). `--set negation4` scores negation-dev-check-4.yaml: five near-misses for
each of 13 dismissal wordings in none of sets 1-3 ("a waste of time", "pointless", "premature",
"ditch / scrap", "superfluous", "pass on", "a distraction / rabbit hole", "disregard / set
aside", "irrelevant / moot", "backlog / shelve", "stretch goal", "buys us little", "dubious
value") and affirmed twins; frozen the same way and held back while set 3 is tuned on.
`--set negation5` scores negation-dev-check-5.yaml: five near-misses for each of 12 dismissal or
deferral constructions in none of sets 1-4 ("won't move the needle", "nobody needs", a
rhetorical question, a conditional refusal, a comparative, reluctance, over-engineering,
deflection to another team, "takes care of itself", "overrated", "off the table", a distant
milestone) and affirmed twins; frozen the same way and held back while set 4 is tuned on
(untuned false credit 0.649, recall 0.939; scored once after set 4's rules: 0.636, 0.939).
`--set negation6` scores negation-dev-check-6.yaml: five near-misses for each of 12 dismissal
constructions in none of sets 1-5 (a futility idiom, cost over return, covered by something
else, a bad past experience, indifference, lip service, harm, advice against, disbelief, time
cost, theory against practice, a minor-matter verdict) and positives where the practice is the
subject of a positive judgement in new words or is put to use; frozen the same way and held
back while the evaluative-subject rule is tuned on sets 1-5 (never tuned on; untuned false
credit 0.736, recall 0.935; scored once after that rule: 0.639, 0.903).
`--set negation7` scores negation-dev-check-7.yaml: five near-misses for each of 12 dismissal
constructions in none of sets 1-6 (sarcasm, opting out, outdated, veto or cut, ...) and
positives; written and frozen in the tenth session as a held-back set, never tuned on.

Prints recall on positives (overall, generic criteria, problem criteria, per stage) and the
false-credit rate on near-misses; `-v` lists the misses and the false credits.
"""

from __future__ import annotations

import logging
import sys
from collections import defaultdict
from typing import Any

import yaml

from app.config import Settings
from app.knowledge.bank import load_bank
from bench.common import DATA, frozen, table
from bench.validity import Grader, turns_of

SETS = {
    "dev": "paraphrase-dev",
    "dev2": "paraphrase-dev-2",
    "check": "paraphrase-dev-check",
    "check2": "paraphrase-dev-check-2",
    "dev3": "paraphrase-dev-3",
    "check3": "paraphrase-dev-check-3",
    "check4": "paraphrase-dev-check-4",
    "check5": "paraphrase-dev-check-5",
    "check6": "paraphrase-dev-check-6",
    "check7": "paraphrase-dev-check-7",
    "check8": "paraphrase-dev-check-8",
    "check9": "paraphrase-dev-check-9",
    "check10": "paraphrase-dev-check-10",
    "check11": "paraphrase-dev-check-11",
    "negation": "negation-dev-check",
    "negation2": "negation-dev-check-2",
    "negation3": "negation-dev-check-3",
    "negation4": "negation-dev-check-4",
    "negation5": "negation-dev-check-5",
    "negation6": "negation-dev-check-6",
    "negation7": "negation-dev-check-7",
}
ANSWER_KINDS = ("textbook", "plain", "terse")


def met_criteria(grader: Grader, problem_id: str, stage: str, text: str) -> dict[str, float]:
    """Good-practice criteria met by `text` said alone in `stage`, with the credit each earns."""
    report = grader.grade(problem_id, "staff", turns_of({stage: {"text": text}}))
    return {
        c["id"]: float(c.get("credit") or 0.0)
        for st in report["stages"]
        for c in st["criteria"]
        if c["met"] and not c["red_flag"]
    }


def score(grader: Grader, data: dict) -> dict[str, Any]:
    stage_of = {c.id: c.stage for c in grader.matcher.criteria.values()}
    hit: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # group -> [met, labelled]
    credit: list[float] = []
    misses: list[str] = []
    for it in data["positives"]:
        ids = it["criteria"]
        met = met_criteria(grader, it["problem"], stage_of[ids[0]], it["text"])
        for cid in ids:
            ok = cid in met
            for group in ("all", "generic" if cid.startswith("gen-") else "problem", stage_of[cid]):
                hit[group][0] += ok
                hit[group][1] += 1
            credit.append(met.get(cid, 0.0))
            if not ok:
                misses.append(f"missed {cid} ({it['problem']}): {it['text']}")
    false: list[str] = []
    n_near = 0
    for it in data["near_misses"]:
        ids = it["not"]
        met = met_criteria(grader, it["problem"], stage_of[ids[0]], it["text"])
        n_near += len(ids)
        false += [f"credited {cid} ({it['problem']}): {it['text']}" for cid in ids if cid in met]
    return {
        "recall": {g: _ratio(*v) for g, v in hit.items()},
        "counts": {g: f"{v[0]}/{v[1]}" for g, v in hit.items()},
        "mean_credit": round(sum(credit) / len(credit), 3) if credit else float("nan"),
        "false_credit": _ratio(len(false), n_near),
        "false_count": f"{len(false)}/{n_near}",
        "misses": misses,
        "false": false,
    }


def score_answers(grader: Grader, data: dict) -> dict[str, Any]:
    """Whole answers (`answers`: per problem, a textbook, a plain-words and a terse answer per
    stage): what share of the textbook answer's overall score the plain-words one keeps, and
    the mean overall of each kind."""
    overall: dict[str, dict[str, float]] = defaultdict(dict)  # kind -> problem -> overall
    per_stage: list[str] = []
    for it in data["answers"]:
        pid, level = it["problem_id"], it.get("level", "senior")
        for kind in ANSWER_KINDS:
            stages = {st: {"text": text} for st, text in it[kind].items()}
            report = grader.grade(pid, level, turns_of(stages))
            overall[kind][pid] = float(report["overall"]["score"])
            per_stage.append(
                f"{pid} {kind}: {report['overall']['score']} "
                + " ".join(f"{st['stage']}={st['score']}" for st in report["stages"])
            )
    keeps = {
        pid: round(overall["plain"][pid] / base, 3)
        for pid, base in overall["textbook"].items()
        if base > 0
    }
    return {
        "keeps": keeps,
        "keep_min": min(keeps.values()) if keeps else float("nan"),
        "keep_mean": round(sum(keeps.values()) / len(keeps), 3) if keeps else float("nan"),
        "kind_means": {k: round(sum(v.values()) / len(v), 3) for k, v in overall.items() if v},
        "per_stage": per_stage,
    }


def _ratio(a: int, b: int) -> float:
    return round(a / b, 3) if b else float("nan")


def run(which: str = "dev") -> dict[str, Any]:
    settings = Settings()
    grader = Grader(load_bank(settings.knowledge_dir), settings)
    sentences, hashes = DATA / f"{SETS[which]}.yaml", DATA / f"{SETS[which]}.sha256"
    data = yaml.safe_load(sentences.read_text())
    assert data.get("split") == "dev", "the paraphrase set must be dev data"
    scored = score_answers(grader, data) if "answers" in data else score(grader, data)
    return {"set": SETS[which], "frozen": frozen(sentences, hashes), **scored}


def render(res: dict[str, Any]) -> str:
    """The scores of one set as a table."""
    if "keeps" in res:
        rows = [["plain-words keep, min / mean", f"{res['keep_min']} / {res['keep_mean']}"]]
        rows += [[f"keep, {pid}", v] for pid, v in res["keeps"].items()]
        rows += [[f"mean overall, {k}", v] for k, v in res["kind_means"].items()]
        return "\n".join(
            [
                f"Answers match the hash frozen before scoring ({res['set']}.sha256): "
                f"{res['frozen']}",
                "",
                table(["plain-words and terse whole answers (dev)", "value"], rows),
            ]
        )
    order = ["all", "generic", "problem", "clarify", "frame", "data", "model", "evaluate"]
    order += ["serve", "monitor"]
    rec, counts = res["recall"], res["counts"]
    rows = [[f"recall, {g}", rec[g], counts[g]] for g in order if g in rec]
    rows.append(["mean credit on positives", res["mean_credit"], ""])
    rows.append(["false credit on near-misses", res["false_credit"], res["false_count"]])
    return "\n".join(
        [
            f"Sentences match the hash frozen before scoring ({res['set']}.sha256): "
            f"{res['frozen']}",
            "",
            table(["plain-words paraphrases (dev sentences)", "value", "count"], rows),
        ]
    )


def main(argv: list[str]) -> None:
    logging.disable(logging.WARNING)
    which = argv[argv.index("--set") + 1] if "--set" in argv else "dev"
    if which not in SETS:
        raise SystemExit(f"--set: one of {sorted(SETS)}")
    res = run(which)
    print(render(res))
    if "-v" in argv and "keeps" in res:
        print("\n".join(["", "## overall and stage scores", *res["per_stage"]]))
    elif "-v" in argv:
        print("\n".join(["", "## missed", *res["misses"], "", "## false credit", *res["false"]]))


if __name__ == "__main__":
    main(sys.argv[1:])
