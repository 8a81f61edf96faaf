"""Red flags on hand-written dev sentences (dev problems only): every red flag of the five dev
problems' rubrics, said as a mistake and named by correct practice.

    python -m bench.redflags [-v] [--set dev|dev-2|...|dev-38]

Thirty-eight sets, scored and reported separately (all unless `--set` names one):
bench/data/redflags-dev.yaml, redflags-dev-2.yaml (a second set in another style, written later
against overfitting to the first), redflags-dev-3.yaml (written after tuning on the second, to check
that what was learnt there generalises), redflags-dev-4.yaml (benign uses of a flag's words),
redflags-dev-5.yaml (post-mortems, warnings, checklists of things to avoid, past counterfactuals, a
colleague's idea corrected), redflags-dev-6.yaml (a check written after tuning on the fifth:
replies, self-corrections, PM pitches; tuned on since), redflags-dev-7.yaml (an untuned check
written after tuning on the sixth: meeting notes, stakeholder demands, second-person objections,
echoed questions, confirmations) and redflags-dev-8.yaml (written after the seventh: comparisons,
"report both offline and online", the baseline we beat, label windows, risks to monitor, a red
flag's topic word used for another purpose; half plain mistakes), redflags-dev-9.yaml
(contrast, concession, hypotheticals, traps, "the naive approach would be X, but", practice with
no negation cue), redflags-dev-10.yaml (answered questions, dashes, passive voice, "only makes
sense if", "I'd argue against X"; written after tuning on the ninth), redflags-dev-11.yaml
(rejection, limitation and prevention wordings: "guard/warn/protect against", "would be a
mistake", "is filtered/kept out before", "we make sure X never"; written after set 10's errors),
redflags-dev-12.yaml (interview voices: multi-clause contrasts, trade-offs weighing the wrong
option, "unless"/"as long as"/"provided", numbers and ratios, abbreviations, quoting the
interviewer, checks against the mistake, random/accuracy/brute force in a harmless role)
and redflags-dev-13.yaml (the mistake in a subordinate or contrastive clause, why a mistake is
bad, a teaching voice, past counterfactuals, questions back to the interviewer, lists of things
avoided, non-native grammar; affirmed mistakes in the same voices)
hold sentences labelled when written (each hash frozen in its .sha256 before its first run):
`commits: true` commits the mistake (its flag must fire), `commits: false` is correct practice
that names or discusses it
("split by time, not randomly", "accuracy would be misleading here", "a clicks-only ranker is a
baseline to beat"): no red flag at all may fire. Prints precision and recall per flag and the
false flags on correct practice, as the offline reader raises them and through the grader (the
report the API sends): each sentence alone, correct practice joined into whole stage answers, and
each mistake embedded in its stage's correct answer. redflags-dev-14.yaml holds WHOLE stage answers
instead (3-6 sentences each, written as strong candidates answer: a red flag's term in passing
inside a correct design, options compared, requirements quoted; and mistakes inside otherwise good
answers), graded through the grader only: no red flag may be met on a correct answer, and a
mistake's flag must be met with its sentence as evidence. redflags-dev-15.yaml,
redflags-dev-16.yaml, redflags-dev-17.yaml, redflags-dev-18.yaml, redflags-dev-19.yaml,
redflags-dev-20.yaml, redflags-dev-21.yaml, redflags-dev-22.yaml and redflags-dev-23.yaml are
untuned checks in the same format (dev-16: the naive approach quoted to reject it, "instead of"
contrasts, conditionals, a colleague's mistake, questions to the interviewer, hedges, non-native
English, long rambling answers, a red flag's technique used correctly as a component; dev-17:
answers dense with metric/split/feature words, class imbalance with accuracy dismissed, a split by
period without the word time, past-window aggregates, online evaluation with offline metrics as a
complement, latency among several criteria, a component's accuracy monitored, negative sampling, "we
will not use X", markdown; dev-18: plain everyday words, a mistake rejected indirectly ("the obvious
move would be X, but", "X looks tempting until you notice", questions the candidate answers),
options compared with the red-flag option rejected, answers built on numbers, careful junior and
terse staff voices, long answers running across several stages; dev-19: the interviewer's words
quoted back, numbers that look like accuracy or split ratios, monitoring of a quantity named with a
red-flag word (the labelers' accuracy, random audit samples), past-tense stories of a mistake once
made and fixed, long answers mixing stages; dev-20: markdown answers with Pros/Cons lists and tables
that reject the red-flag option, conditional reasoning, a red-flag word as a monitored quantity or
sanity check, a data source described then partly excluded, red-flag vocabulary used for another
correct purpose (a random split of users for an A/B test, random negative sampling, shuffling inside
a training day), terse expert bullets; dev-21: the mistake named in passing in a leading contrast
clause ("unlike X, which would ...", "whereas X would only ..."), questions about the mistake asked
and answered, someone else's wrong idea quoted and rejected, red-flag words about monitoring or
another stage, numbers beside the mistake's words, conditionals about making the mistake, British
spelling, long multi-clause sentences; dev-22: terse expert notes crowded with the risky terms used
correctly, two options compared in new shapes ("X beats Y here because", "tempting as it is to",
"rather than X"), monitoring alerts written for the mistake itself, a red-flag metric's name inside
a longer correct argument, plain everyday words, the mistake term in relative clauses far from its
negation; its mistakes often without the rubric's words); dev-23: past-tense war stories of a
mistake once made and fixed, "the classic trap here is X", "a junior would reach for X, but",
pitfalls lists, key=value and pseudo-code notes, counterfactual conditionals, the mistake as the
rejected baseline or attributed to someone else, red-flag words in an unrelated sense (label noise,
future work, random negatives, the reviewers' accuracy); its mistakes in new words without the usual
trigger terms); dev-24: trade-offs weighing the wrong option fairly before rejecting it sentences
later, alarming numbers explained away ("99.7% accuracy at 0.3% positives"), a split ordered by date
described as a procedure, features stamped "as of the impression", delayed labels waited for,
monitoring for the leak itself, lists of what the candidate will not do, the interviewer's proposal
quoted and corrected, British and Indian English, risky words inside names ("Random Forest",
"accuracy@k", "future-proof", "Label Studio"); six plain mistakes). dev-25 to dev-28 are described
in their files' headers; redflags-dev-29.yaml (held back in the eleventh session, scored once
before and once after the fixes tuned on dev-27 and dev-28): a misconception named and corrected,
the fears of the people served, concession openers ("Granted, ...", "Admittedly, ...", "Sure, ...
But"), a paper or an engineering blog post cited, an interview coach's voice, numbered trade-off
matrices, voice-transcribed speech without punctuation, a second language's idioms quoted and
translated; its ten mistakes in the same voices (tuned on in session redflags2: 6/36 flagged,
9/10 caught -> 0/36, 10/10). redflags-dev-30.yaml (held back in session redflags2, scored once
before and once after its fixes: 8/34 flagged, 11/12 caught both times; tuned on in session
redflags3: 8/34 -> 3/34 flagged, 11/12 caught): 46 whole answers, long answers whose correct
choice and rejected mistake sit in different sentences, chat shorthand, British and Indian
English idioms, numbers-heavy statements, rhetorical questions answered, "people often ... but
we", the mistake named as a monitoring alarm, an A/B guardrail or a data-quality check; its
twelve mistakes in plain words in the same voices. redflags-dev-31.yaml (held back in session
redflags3: 5/31 flagged, 8/11 caught, before and after; tuned on in session redflags4): 42
whole answers, a candidate thinking aloud who corrects themselves, a colleague, a tech lead or a
paper quoted, pitfall checklists, comparison tables in prose, what a junior would get wrong,
what the offline/online gap means, numbers-only statements; eleven mistakes in the same voices.
redflags-dev-32.yaml (held back in session redflags4: 8/38 flagged, 9/13 caught, before and after;
tuned on in session redflags5): 51 whole answers, each correct one naming a mistake without
committing to it in one sentence shape (a question answered, a definition, a conditional or
counterfactual, a comparison, a report of others, a rejected option, a negated imperative, a
passive exclusion, the interviewer's question echoed); thirteen mistakes as plans, imperatives,
design slots and passive design statements. redflags-dev-33.yaml (held back in session
redflags5: 5/40 flagged, 11/15 caught -> 3/40, 11/15; tuned on in session redflags6): 55 whole
answers, each correct one naming a mistake without committing to it ("make sure we don't", a
trade-off weighed and rejected, a lesson from a past project, a metric's definition, a quoted
anti-pattern, "instead of / rather than / unless", a test or an alert that guards against it);
fifteen mistakes as plans, imperatives, design slots, design statements with a part of the system as
subject, passive design statements and lists of chosen steps. redflags-dev-34.yaml (held back in
session redflags6, scored once before and once after its change; tuned on in session redflags7):
55 whole
answers in the shapes of a chat, each correct one naming a mistake without committing to it
(shorthand and arrows, "nope", "=> no", a table of options, "risk: X, mitigation: Y", "we'd have
leakage if we ...", conditionals, "as opposed to", a question back to the interviewer, "the old
system did X, we'd fix that"); fifteen mistakes committed in the same chat shapes.
redflags-dev-35.yaml (held back in session redflags7, scored once before and once after its
change: 7/40 flagged, 8/15 caught both times; tuned on in session redflags8): 55 whole answers,
each correct one naming a mistake in a comparison where the other option is chosen, as a
baseline's, an old system's or a competitor's, in a "what could go wrong" list, a hypothetical, a
teaching aside, a question back to the interviewer, or plain words with no jargon; fifteen
mistakes committed in matching shapes. redflags-dev-36.yaml (held back in session redflags8,
scored once before and once after its change; tuned on in session redflags9): 55 whole answers
in wordings of its own (two options weighed, the mistake put on a vendor, the previous team, a
rival or a prototype, lists of what could go wrong, "say we ..." hypotheticals, asides in brackets
or dashes, questions back, plain words, terse notes, rambling answers); fifteen mistakes committed
in matching shapes. redflags-dev-37.yaml (held back in session redflags9, scored once before
and once after its change; tuned on in session redflags10): 56 whole stage answers across all
stages, serving and deployment included, each correct one naming a mistake in one sentence and
rejecting or replacing it in another ("instead we ...", "that is why we use ANN"), weighing it,
or using its words in another sense (batch vs online, brute force vs ANN, features unavailable
at serving time, cross-market, cold start); fifteen mistakes inside otherwise sound answers.
redflags-dev-38.yaml is HELD BACK (`HELD_BACK`: frozen in session redflags10, scored once
before and once after its change, never tuned on; its per-item failures are dropped from the
results, so `-v` never prints them): 58 whole stage answers, each correct one naming a mistake in
a list or table of options, at length before the choice, as a stakeholder's request declined, as
a past system's mistake, or with a red-flag word in another role (random seeds and crops, a
labeller's accuracy, an A/B test's weeks compared); fifteen mistakes inside otherwise sound
answers.
"""

from __future__ import annotations

import logging
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

from app.config import Settings
from app.knowledge.bank import load_bank
from app.understanding.offline import OfflineReader
from bench.common import DATA, frozen, table
from bench.validity import Grader, overlaps, turns_of

SETS = {
    "dev": "redflags-dev",
    "dev-2": "redflags-dev-2",
    "dev-3": "redflags-dev-3",
    "dev-4": "redflags-dev-4",
    "dev-5": "redflags-dev-5",
    "dev-6": "redflags-dev-6",
    "dev-7": "redflags-dev-7",
    "dev-8": "redflags-dev-8",
    "dev-9": "redflags-dev-9",
    "dev-10": "redflags-dev-10",
    "dev-11": "redflags-dev-11",
    "dev-12": "redflags-dev-12",
    "dev-13": "redflags-dev-13",
}
# sets of whole stage answers (not sentences), graded through the grader only
ANSWER_SETS = {
    "dev-14": "redflags-dev-14",
    "dev-15": "redflags-dev-15",
    "dev-16": "redflags-dev-16",
    "dev-17": "redflags-dev-17",
    "dev-18": "redflags-dev-18",
    "dev-19": "redflags-dev-19",
    "dev-20": "redflags-dev-20",
    "dev-21": "redflags-dev-21",
    "dev-22": "redflags-dev-22",
    "dev-23": "redflags-dev-23",
    "dev-24": "redflags-dev-24",
    "dev-25": "redflags-dev-25",
    "dev-26": "redflags-dev-26",
    "dev-27": "redflags-dev-27",
    # held back in the tenth session; tuned on in the eleventh
    "dev-28": "redflags-dev-28",
    # held back in the eleventh session; tuned on in session redflags2
    "dev-29": "redflags-dev-29",
    # held back in session redflags2; tuned on in session redflags3
    "dev-30": "redflags-dev-30",
    # held back in session redflags3; tuned on in session redflags4
    "dev-31": "redflags-dev-31",
    # held back in session redflags4; tuned on in session redflags5
    "dev-32": "redflags-dev-32",
    # held back in session redflags5; tuned on in session redflags6
    "dev-33": "redflags-dev-33",
    # held back in session redflags6; tuned on in session redflags7
    "dev-34": "redflags-dev-34",
    # held back in session redflags7; tuned on in session redflags8
    "dev-35": "redflags-dev-35",
    # held back in session redflags8; tuned on in session redflags9
    "dev-36": "redflags-dev-36",
    # held back in session redflags9; tuned on in session redflags10
    "dev-37": "redflags-dev-37",
    # held back (frozen in session redflags10): scored, never tuned on
    "dev-38": "redflags-dev-38",
}
# held-back sets: scored like the others, but their per-item failures are dropped from the
# results (never printed by `-v`, never written to bench/results), so tuning cannot read them
HELD_BACK = frozenset({"dev-38"})
SETS.update(ANSWER_SETS)
SENTENCES = DATA / "redflags-dev.yaml"


def sentences_of(name: str) -> Path:
    return DATA / f"{SETS[name]}.yaml"


def set_frozen(name: str = "dev") -> bool:
    """The set's sentences match the hash committed before its first scoring run."""
    return frozen(sentences_of(name), DATA / f"{SETS[name]}.sha256")


def _target(item: dict) -> set[str]:
    return {item["flag"], *(item.get("accept") or [])}


def score(items: list[dict], fired_of: list[set[str]]) -> dict[str, Any]:
    """Per-flag precision (share of its firings on a sentence that commits it) and recall (share
    of the sentences committing it where it, or an accepted equivalent, fired), pooled numbers,
    and the errors: flags on correct practice, mistakes missed."""
    ok: dict[str, int] = defaultdict(int)
    wrong: dict[str, int] = defaultdict(int)
    caught: dict[str, int] = defaultdict(int)
    committed: dict[str, int] = defaultdict(int)
    false_flags: list[str] = []
    missed: list[str] = []
    for it, fired in zip(items, fired_of, strict=True):
        target = _target(it) if it["commits"] else set()
        for f in fired:
            if f in target:
                ok[f] += 1
            else:
                wrong[f] += 1
        if it["commits"]:
            committed[it["flag"]] += 1
            if fired & target:
                caught[it["flag"]] += 1
            else:
                missed.append(f"missed {it['flag']} ({it['form']}): {it['text']}")
        if fired - target:
            kind = "extra flag on a mistake" if it["commits"] else "flag on correct practice"
            false_flags.append(f"{kind} {sorted(fired - target)} ({it['form']}): {it['text']}")
    flags = sorted({it["flag"] for it in items} | set(ok) | set(wrong))
    per_flag = {
        f: {
            "precision": _ratio(ok[f], ok[f] + wrong[f]),
            "recall": _ratio(caught[f], committed[f]),
            "false_flags": wrong[f],
            "caught": f"{caught[f]}/{committed[f]}",
        }
        for f in flags
    }
    correct = [fired for it, fired in zip(items, fired_of, strict=True) if not it["commits"]]
    return {
        "sentences": len(items),
        "mistakes": sum(committed.values()),
        "precision": _ratio(sum(ok.values()), sum(ok.values()) + sum(wrong.values())),
        "recall": _ratio(sum(caught.values()), sum(committed.values())),
        "correct_flagged": sum(1 for fired in correct if fired),
        "correct": len(correct),
        "per_flag": per_flag,
        "errors": false_flags + missed,
    }


def _ratio(a: int, b: int) -> float:
    return round(a / b, 3) if b else float("nan")


def read_flags(reader: OfflineReader, items: list[dict]) -> list[set[str]]:
    """The red flags the offline reader raises on each sentence alone."""
    out = []
    for it in items:
        r = reader.read(it["text"], problem_id=it["problem_id"], level="senior")
        out.append({c.criterion_id for c in r.flags})
    return out


def _met_flags(report: dict, quoting: str | None = None) -> set[str]:
    """Red flags met in a report (only those whose evidence quotes `quoting`, when given)."""
    return {
        c["id"]
        for st in report["stages"]
        for c in st["criteria"]
        if c["met"]
        and c["red_flag"]
        and c["evidence"]
        and (quoting is None or any(overlaps(e["quote"], quoting) for e in c["evidence"]))
    }


def grade_flags(grader: Grader, items: list[dict]) -> dict[str, Any]:
    """Through the grader: each sentence as a one-message stage answer; each problem's correct
    practice joined into one answer per stage (no red flag may be met); each mistake put in
    the middle of its stage's correct answer (its flag must be met)."""
    stage_of = {c.id: c.stage for c in grader.matcher.criteria.values()}

    def grade(pid: str, stage: str, text: str, quoting: str | None = None) -> set[str]:
        report = grader.grade(pid, "senior", turns_of({stage: {"text": text}}))
        return _met_flags(report, quoting)

    alone = [grade(it["problem_id"], stage_of[it["flag"]], it["text"]) for it in items]
    answers: dict[tuple[str, str], list[str]] = defaultdict(list)
    for it in items:
        if not it["commits"]:
            answers[it["problem_id"], stage_of[it["flag"]]].append(it["text"])
    whole_errors: list[str] = []
    for (pid, stage), said in sorted(answers.items()):
        if fired := grade(pid, stage, " ".join(said)):
            whole_errors.append(f"correct {pid}/{stage} answer flagged {sorted(fired)}")
    embedded = 0
    mistakes = [it for it in items if it["commits"]]
    for it in mistakes:
        pid, stage = it["problem_id"], stage_of[it["flag"]]
        said = answers.get((pid, stage), [])
        half = len(said) // 2
        text = " ".join([*said[:half], it["text"], *said[half:]])
        # caught = met with the mistake itself as evidence, not a flag on the correct part
        if grade(pid, stage, text, quoting=it["text"]) & _target(it):
            embedded += 1
        else:
            whole_errors.append(f"missed {it['flag']} inside a correct answer: {it['text']}")
    return {
        "alone": score(items, alone),
        "whole_answers": len(answers),
        "whole_answers_flagged": sum(1 for e in whole_errors if e.startswith("correct")),
        "embedded_caught": f"{embedded}/{len(mistakes)}",
        "errors": whole_errors,
    }


def grade_answers(grader: Grader, items: list[dict]) -> dict[str, Any]:
    """Whole stage answers through the grader: a correct answer may meet no red flag; an answer
    committing a mistake must meet its flag (or an accepted one) with the mistake's sentence as
    evidence."""
    flagged: list[str] = []
    missed: list[str] = []
    caught = 0
    for it in items:
        report = grader.grade(it["problem_id"], "senior", turns_of({it["stage"]: it}))
        if not it["commits"]:
            if fired := _met_flags(report):
                flagged.append(f"{sorted(fired)} on correct ({it['form']}): {it['text']}")
        elif _met_flags(report, quoting=it["mistake"]) & _target(it):
            caught += 1
        else:
            missed.append(f"missed {it['flag']} ({it['form']}): {it['mistake']}")
    mistakes = sum(1 for it in items if it["commits"])
    return {
        "answers": len(items),
        "correct": len(items) - mistakes,
        "correct_flagged": len(flagged),
        "mistakes": mistakes,
        "recall": _ratio(caught, mistakes),
        "caught": f"{caught}/{mistakes}",
        "errors": flagged + missed,
    }


def run(sets: tuple[str, ...] = tuple(SETS)) -> dict[str, Any]:
    """Each set scored on its own (the second set is a check on overfitting to the first)."""
    settings = Settings()
    bank = load_bank(settings.knowledge_dir)
    grader = Grader(bank, settings)
    out = {}
    for name in sets:
        items = yaml.safe_load(sentences_of(name).read_text())["items"]
        if name in ANSWER_SETS:
            out[name] = {"frozen": set_frozen(name), "answers": grade_answers(grader, items)}
        else:
            out[name] = {
                "frozen": set_frozen(name),
                "reader": score(items, read_flags(grader.reader, items)),
                "grader": grade_flags(grader, items),
            }
        if name in HELD_BACK:
            out[name] = hide_errors(out[name])
    return out


def hide_errors(res: dict[str, Any]) -> dict[str, Any]:
    """A held-back set's result with every list of per-item failures, at any depth, replaced
    by its count."""
    return {
        k: (
            [f"(held back: {len(v)} failures not shown)"]
            if k == "errors"
            else hide_errors(v)
            if isinstance(v, dict)
            else v
        )
        for k, v in res.items()
    }


def render(res: dict[str, Any]) -> str:
    return "\n\n".join(render_set(name, one) for name, one in res.items())


def render_set(name: str, res: dict[str, Any]) -> str:
    if "answers" in res:
        return render_answers(name, res)
    rd, gr = res["reader"], res["grader"]
    rows = [
        ["sentences (mistakes / correct practice)", f"{rd['mistakes']} / {rd['correct']}"],
        ["precision of red flags (reader)", rd["precision"]],
        ["recall of red flags (reader)", rd["recall"]],
        ["correct practice with a red flag (reader)", rd["correct_flagged"]],
        ["precision / recall (grader, sentence alone)", _pr(gr["alone"])],
        ["correct practice with a red flag (grader)", gr["alone"]["correct_flagged"]],
        [
            "whole correct stage answers with a red flag (grader)",
            f"{gr['whole_answers_flagged']}/{gr['whole_answers']}",
        ],
        ["mistakes caught inside a correct stage answer (grader)", gr["embedded_caught"]],
    ]
    flag_rows = [
        [f, v["precision"], v["recall"], v["caught"], v["false_flags"]]
        for f, v in rd["per_flag"].items()
    ]
    return "\n".join(
        [
            f"Set {name}: sentences match the hash frozen before scoring ({SETS[name]}.sha256): "
            f"{res['frozen']}",
            "",
            table([f"red flags ({name} sentences, dev problems only)", "value"], rows),
            "",
            table(["red flag (reader)", "precision", "recall", "caught", "false flags"], flag_rows),
        ]
    )


def render_answers(name: str, res: dict[str, Any]) -> str:
    an = res["answers"]
    rows = [
        ["whole stage answers (mistakes / correct)", f"{an['mistakes']} / {an['correct']}"],
        ["correct answers with a red flag (grader)", f"{an['correct_flagged']}/{an['correct']}"],
        ["mistakes caught with their sentence as evidence (grader)", an["caught"]],
    ]
    return "\n".join(
        [
            f"Set {name}: answers match the hash frozen before scoring ({SETS[name]}.sha256): "
            f"{res['frozen']}",
            "",
            table([f"red flags ({name} whole answers, dev problems only)", "value"], rows),
        ]
    )


def _pr(res: dict[str, Any]) -> str:
    return f"{res['precision']} / {res['recall']}"


def main(argv: list[str]) -> None:
    logging.disable(logging.WARNING)
    chosen = argv[argv.index("--set") + 1] if "--set" in argv else None
    if chosen is not None and chosen not in SETS:
        raise SystemExit(f"--set must be one of {', '.join(SETS)}")
    res = run((chosen,) if chosen else tuple(SETS))
    print(render(res))
    if "-v" in argv:
        for name, one in res.items():
            if "answers" in one:
                errors = one["answers"]["errors"]
                print("\n".join(["", f"## {name}: grader, whole answers", *errors]))
                continue
            print("\n".join(["", f"## {name}: reader", *one["reader"]["errors"]]))
            print("\n".join(["", f"## {name}: grader", *one["grader"]["alone"]["errors"]]))
            print("\n".join(["", f"## {name}: grader, whole answers", *one["grader"]["errors"]]))


if __name__ == "__main__":
    main(sys.argv[1:])
