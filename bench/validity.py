"""Validity of the grader and the reader on held-out, hand-labelled data.

    python -m bench.validity [--split dev|test|both]

Grading: bench/data/validity/*.yaml holds 8 transcripts per problem (textbook, plain-words
paraphrase, buzzword carrier, fluent but wrong, negated good practice, another problem's
answer, terse expert, long and vague), each stage labelled 1-4 by reading before any grading
run (labels frozen: LABELS.sha256). Problems are split: the dev part is tuned on, the test part
is scored as is. Prints pooled Spearman and QWK of stage scores vs labels, the must-order
pairs, paraphrase retention, carrier and parroting hire signals, red flags on correct
answers, and a sample of met quotes for reading. bench/data/validity-check-1/ (dev problems only,
6 kinds in new wordings: negated answers keeping the good vocabulary, fluent-wrong answers that
otherwise reason well, carrier stuffing built from the problem's own entities, another problem's
answer from a similar stage) is an untuned check scored as its own dev rows; so are
validity-check-2/ and validity-check-3/ (plain-words paraphrases in non-native, storytelling and
terse voices beside a compact textbook answer, carriers of everyday words, fluent-wrong) and
validity-check-4/ (the same kinds plus negated answers in shorthand, rambling, example-user and
other-field-jargon voices) and validity-check-5/ (the same kinds in self-interview, "otherwise ...
happens", numbers-first, recipe-to-"you" and run-on thinking-aloud voices) and validity-check-6/
(the same kinds plus terse expert answers in pros-and-cons, decision-first, analogy,
mistake-named-then-rejected and British/Indian-English-with-units voices) and validity-check-7/
(the same kinds plus another problem's answer; paraphrases without the rubric's vocabulary that say
each idea by what it does with the problem's numbers and entities, carriers as bullet lists and
"we'll consider A, B, C") and validity-check-8/ (textbook answers thought aloud with
self-corrections and heavy hedging, paraphrases that explain each idea through a worked example
with numbers, long confident fluent-wrong answers, negated answers that reject good practice with
reasons) and validity-check-9/ (terse, formal, "we", note-form and "if ... then ..." textbooks;
paraphrases in a product manager's words, numbers spelled out, a newspaper editor's analogy, a
formal report and everyday analogies; carriers chained with connectives; careful-sounding
fluent-wrong answers; negated answers that wave good practice away indirectly) and
validity-check-10/ (two plain-words paraphrases of each textbook, in a junior colleague's worked
examples, a numbered plan, speech with fillers, a past-tense story, a requirements document, an
email, slang, reasons first, slides and user stories; checklist carriers; negated answers that
defer good practice to a later version) and validity-check-11/ (two paraphrases of each textbook in
self-correcting, non-native, self-posed Q&A, past-job, numbered sub-point and numbers-first voices;
negated answers calling good practice overkill; "mistake-avoiding" correct answers that name the
classic mistakes to rule them out, on which red flags must not fire) and validity-check-12/ (two
paraphrases of each textbook in objection-and-reply, Australian casual, diary, "not ..., but ...",
radio-host, intern-memo, classroom, week-by-week, semicolon-chained and short-sentence voices;
"big believer" carriers; negated answers calling good practice pointless or a luxury;
"Trap: ... Instead: ..." mistake-avoiding answers; the set tuned on) and validity-check-13/ (its
held-back twin: a paraphrase in thread, reported-speech, house-rules, folksy and problem/fix
voices, fluent-wrong and "some teams ... that breaks because" mistake-avoiding answers; tuned
on since session plain4) and validity-check-14/ (dialogue, tour-guide, Irish, detective and
Must/Should/Won't paraphrases, pre-mortem mistake-avoiding answers; tuned on since session
plain4) and validity-check-15/ (nervous-without-the-terms, "you know how", sales-pitch,
Southern US and whiteboard paraphrases, design-review mistake-avoiding answers; tuned on since
session plain5) and validity-check-16/ (SQL data analyst, product manager, translating from
another language, one example user and librarian paraphrases; carriers stringing the
paraphrase's everyday words; tuned on since session plain6) and validity-check-17/ (bookkeeper,
nightclub bouncer, sports coach, text-message shorthand and warehouse-manager paraphrases; tuned
on since session plain7) and validity-check-18/ (airline pilot, lawyer, chef, teenager's chat
and nurse paraphrases; tuned on since session plain8), validity-check-19/ (semicolon-run
textbooks, rambling paraphrases with asides, vague and half-vague answers; held back in session
quotes8, tuned on since quotes9), validity-check-20/ (farmer, airport security screener,
bartender, bus driver and tailor paraphrases; held back in plain8, tuned on since plain9),
validity-check-21/ (held back: beekeeper, lifeguard, radio DJ, fisherman and florist
paraphrases and carriers in their voices; never tuned on), validity-check-22/ (rambling and
multi-idea transcripts; held back in session quotes9, tuned on since quotes10) and
validity-check-23/ (held back for the met-quote audit: split-evidence textbooks, rambling
paraphrases, half-vague answers; never tuned on).

Reading: bench/data/intents/*.yaml holds candidate messages with their intents and the facts
they ask for; prints intent accuracy (exact set), fact choice, and how many messages with
off-sheet question parts get "not on the sheet" for them rather than a wrong fact.
bench/data/intents-dev-2/ is a second dev-only set written later in a different style (many
off-sheet questions close to an on-sheet fact, indirect phrasings), scored as extra dev rows;
intents-dev-3/ (everyday words, off-sheet neighbours) and intents-dev-4/ (consequences, guesses,
terse and typo'd asks, long preambles, run-together questions) are further dev-only sets, and
intents-dev-{4,...,12}-check/ untuned dev-only checks, each written after a change to check it;
intents-dev-25-check/ (compound clarifying questions) is the held-back one now.
"""

from __future__ import annotations

import asyncio
import hashlib
import itertools
import random
import re
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

from app.config import Settings
from app.grading.judges import LLMJudge, OfflineJudge, TurnText
from app.grading.report import build_report
from app.grading.scoring import bucket
from app.knowledge.bank import KnowledgeBank, load_bank
from app.knowledge.issues import load_yaml
from app.knowledge.matching import Matcher
from app.knowledge.memo import forget_per_text
from app.knowledge.retrieval import Retriever
from app.knowledge.schema import STAGES
from app.llm.provider import make_chat_client
from app.understanding.offline import OfflineReader
from bench.common import DATA, ROOT, summary_ms, table
from bench.grading import qwk

VALIDITY = DATA / "validity"
INTENTS = DATA / "intents"
INTENTS_DEV2 = DATA / "intents-dev-2"  # dev only: never holds test problems
# later dev-only sets, each scored as its own rows: (result key, directory)
INTENTS_DEV_MORE = (
    ("intents_dev3", DATA / "intents-dev-3"),
    ("intents_dev4", DATA / "intents-dev-4"),
    # untuned checks, each written after a change to check it (dev problems only)
    ("intents_dev4_check", DATA / "intents-dev-4-check"),
    ("intents_dev5_check", DATA / "intents-dev-5-check"),
    ("intents_dev6_check", DATA / "intents-dev-6-check"),
    ("intents_dev7_check", DATA / "intents-dev-7-check"),
    ("intents_dev8_check", DATA / "intents-dev-8-check"),
    ("intents_dev9_check", DATA / "intents-dev-9-check"),
    ("intents_dev10_check", DATA / "intents-dev-10-check"),
    ("intents_dev11_check", DATA / "intents-dev-11-check"),
    ("intents_dev12_check", DATA / "intents-dev-12-check"),
    ("intents_dev13_check", DATA / "intents-dev-13-check"),
    ("intents_dev14_check", DATA / "intents-dev-14-check"),
    ("intents_dev15_check", DATA / "intents-dev-15-check"),
    ("intents_dev16_check", DATA / "intents-dev-16-check"),
    ("intents_dev17_check", DATA / "intents-dev-17-check"),
    ("intents_dev18_check", DATA / "intents-dev-18-check"),
    ("intents_dev19_check", DATA / "intents-dev-19-check"),
    ("intents_dev20_check", DATA / "intents-dev-20-check"),
    ("intents_dev21_check", DATA / "intents-dev-21-check"),
    ("intents_dev22_check", DATA / "intents-dev-22-check"),
    # held back: scored before and after the intents-22 change, never tuned on
    ("intents_dev23_check", DATA / "intents-dev-23-check"),
    # held back for the intents-24 change; a tuning set since the fact-choice change
    ("intents_dev24_check", DATA / "intents-dev-24-check"),
    # held back: scored before and after the fact-choice change (compound questions), never
    # tuned on; intent accuracy / fact choice / off-sheet kept: 1.000/.962/.889 both times
    ("intents_dev25_check", DATA / "intents-dev-25-check"),
)


# untuned grading checks on dev problems, each written after a change and scored as its own rows:
# (result key, directory); new wordings of the must-order kinds (issue #11)
VALIDITY_CHECKS = (
    ("validity_check1", DATA / "validity-check-1"),
    ("validity_check2", DATA / "validity-check-2"),
    ("validity_check3", DATA / "validity-check-3"),
    ("validity_check4", DATA / "validity-check-4"),
    ("validity_check5", DATA / "validity-check-5"),
    ("validity_check6", DATA / "validity-check-6"),
    ("validity_check7", DATA / "validity-check-7"),
    ("validity_check8", DATA / "validity-check-8"),
    ("validity_check9", DATA / "validity-check-9"),
    ("validity_check10", DATA / "validity-check-10"),
    ("validity_check11", DATA / "validity-check-11"),
    ("validity_check12", DATA / "validity-check-12"),
    # held back: scored before and after the check-12 tuning, never tuned on
    ("validity_check13", DATA / "validity-check-13"),
    # held back in the tenth session and by plain3; a tuning set since session plain4
    ("validity_check14", DATA / "validity-check-14"),
    # held back in session plain4 (frozen 2026-12-03); a tuning set since session plain5
    ("validity_check15", DATA / "validity-check-15"),
    # held back in session plain5 (frozen 2026-12-03); a tuning set since session plain6
    ("validity_check16", DATA / "validity-check-16"),
    # held back in session plain6 (frozen 2026-12-03); a tuning set since session plain7
    ("validity_check17", DATA / "validity-check-17"),
    # held back in session plain7 (frozen 2026-12-03); a tuning set since session plain8
    ("validity_check18", DATA / "validity-check-18"),
    # held back in session quotes8 (frozen 2026-12-03); a tuning set since session quotes9
    ("validity_check19", DATA / "validity-check-19"),
    # held back in session plain8 (frozen 2026-12-03); a tuning set since session plain9
    ("validity_check20", DATA / "validity-check-20"),
    # held back (frozen in session plain9, 2026-12-03): scored before and after that session's
    # change, never tuned on
    ("validity_check21", DATA / "validity-check-21"),
    # held back in session quotes9 (frozen 2026-12-03); a tuning set since session quotes10
    ("validity_check22", DATA / "validity-check-22"),
    # held back in session quotes10 (frozen 2026-12-04); a tuning set since session quotes11
    ("validity_check23", DATA / "validity-check-23"),
    # held back (frozen in session quotes11, 2026-12-04): the met-quote audit's held-back
    # population (bench.quotes QUOTES_HELD_BACK); its neighbouring-idea textbook and terse
    # transcripts are scored here too, never tuned on
    ("validity_check24", DATA / "validity-check-24"),
)
# held-back checks: scored like the others, but `-v` never prints their failures, so tuning
# work cannot read them by accident
HELD_BACK = frozenset({"validity_check21", "validity_check24", "intents_dev25_check"})


def _set_name(key: str) -> str:
    """'intents_dev4_check' -> 'dev set 4-check': the row label of a dev-only set."""
    return "dev set " + key.removeprefix("intents_dev").replace("_", "-")


HIRE_ORDER = ["strong no hire", "no hire", "hire", "strong hire"]
# must-order pairs: (better kind, worse kind)
PAIRS = [
    ("textbook", "negated"),
    ("paraphrase", "fluent-wrong"),
    ("paraphrase", "carrier"),
    ("textbook", "other-problem"),
    # a correct answer naming a classic mistake to rule it out beats one that makes it
    ("mistake-avoiding", "fluent-wrong"),
]
CORRECT_KINDS = ("textbook", "paraphrase", "terse", "mistake-avoiding")


def labels_frozen(directory: Path) -> bool:
    """Every labelled file matches the hash committed in LABELS.sha256 (`sha256sum` format)
    before any grading run."""
    frozen = directory / "LABELS.sha256"
    if not frozen.exists():
        return False
    want = dict(reversed(line.split()) for line in frozen.read_text().splitlines() if line)
    files = sorted(directory.glob("*.yaml"))
    return bool(files) and all(
        want.get(p.name) == hashlib.sha256(p.read_bytes()).hexdigest() for p in files
    )


def load_sets(directory: Path, split: str | None = None) -> list[dict]:
    out = []
    for path in sorted(directory.glob("*.yaml")):
        data = load_yaml(path.read_text())
        if split in (None, data.get("split")):
            out.append(data)
    return out


def spearman(a: list[float], b: list[float]) -> float:
    """Spearman's rho with average ranks for ties."""

    def ranks(x: list[float]) -> np.ndarray:
        arr = np.asarray(x, dtype=float)
        order = arr.argsort(kind="mergesort")
        r = np.empty(len(arr))
        r[order] = np.arange(len(arr))
        for v in np.unique(arr):  # average ranks of ties
            idx = np.flatnonzero(arr == v)
            r[idx] = r[idx].mean()
        return r

    if len(a) < 3:
        return float("nan")
    ra, rb = ranks(a), ranks(b)
    return float(np.corrcoef(ra, rb)[0, 1])


class Grader:
    """The offline grading path of the service, without the database."""

    def __init__(
        self, bank: KnowledgeBank, settings: Settings, reader: OfflineReader | None = None
    ):
        """`reader` (with its matcher and retriever, over this bank and settings) may be one
        already built: the tests pass the one their process shares instead of building the
        same index, matcher and reader again (~3 s)."""
        self.bank = bank
        self.settings = settings
        if reader is None:
            retriever = Retriever(bank, settings)
            reader = OfflineReader(bank, Matcher(bank), retriever)
        self.reader = reader
        self.retriever = reader.retriever
        self.matcher = reader.matcher
        self.judge = OfflineJudge(self.reader)
        # With a model configured (OPENAI_API_KEY, OPENAI_BASE_URL), the LLM judge decides,
        # as in the service: the same data measures your model.
        chat = make_chat_client(settings, temperature=0.0)
        self.llm = LLMJudge(chat, self.judge, settings.prompts_dir) if chat else None
        self.name = self.llm.label if self.llm else "offline"

    def grade(self, problem_id: str, level: str, turns: list[TurnText]) -> dict[str, Any]:
        criteria = self.bank.criteria_for(problem_id, level)
        readings = self.judge.read_all(criteria, turns, problem_id)
        if self.llm is not None:
            findings = asyncio.run(self.llm.judge(criteria, turns, readings))
        else:
            findings = self.judge.judge_sync(criteria, turns, problem_id, readings)
        return build_report(  # the report as the API sends it
            bank=self.bank,
            retriever=self.retriever,
            matcher=self.matcher,
            problem_id=problem_id,
            level=level,
            criteria=criteria,
            findings=findings,
            messages=turns,
            hints=[],
            grader="offline",
            model=self.judge.model,
            prompts_dir=self.settings.prompts_dir,
            readings=readings,
        ).to_json()


def turns_of(stages: dict[str, dict]) -> list[TurnText]:
    out: list[TurnText] = []
    for stage in STAGES:
        text = (stages.get(stage) or {}).get("text", "")
        for para in [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]:
            n = len(out) + 1
            out.append(TurnText(f"m{n}", n, "candidate", para, stage))
    return out


def evaluate_grading(grader: Grader, sets: list[dict]) -> dict[str, Any]:
    scores: list[float] = []
    labels: list[int] = []
    # kind -> problem -> [(transcript, report)]: a set may hold two transcripts of one kind for a
    # problem (validity-check-10: two paraphrases of one textbook); each pairs and retains alone
    by_kind: dict[str, dict[str, list[tuple[dict, dict]]]] = defaultdict(lambda: defaultdict(list))
    met_quotes: list[tuple[str, str, str]] = []
    red_on_correct: list[str] = []
    mistakes: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for s in sets:
        pid, level = s["problem_id"], s.get("level", "senior")
        for tr in s["transcripts"]:
            report = grader.grade(pid, level, turns_of(tr["stages"]))
            by_kind[tr["kind"]][pid].append((tr, report))
            flagged = [
                e["quote"]
                for st in report["stages"]
                for c in st["criteria"]
                if c["met"] and c["red_flag"]
                for e in c["evidence"]
            ]
            for mistake in tr.get("mistakes", []):
                hit = any(overlaps(mistake["quote"], q) for q in flagged)
                mistakes[mistake["kind"]][0] += hit
                mistakes[mistake["kind"]][1] += 1
            for st in report["stages"]:
                lab = (tr["stages"].get(st["stage"]) or {}).get("label")
                if lab is None:
                    continue
                scores.append(st["score"] or 0.0)
                labels.append(int(lab))
                for c in st["criteria"]:
                    if c["met"] and not c["red_flag"] and c["evidence"]:
                        met_quotes.append((c["id"], c["text"], c["evidence"][0]["quote"]))
                    if c["met"] and c["red_flag"] and tr["kind"] in CORRECT_KINDS:
                        red_on_correct.append(f"{tr['id']}: {c['id']}")
    out: dict[str, Any] = {
        "stages": len(scores),
        "spearman": round(spearman(scores, labels), 3),
        "qwk": round(qwk([bucket(x) for x in scores], labels), 3),
        "red_flags_on_correct": red_on_correct,
        "mistakes_caught": {k: f"{v[0]}/{v[1]}" for k, v in sorted(mistakes.items())},
    }
    stage_ok = stage_n = whole_ok = whole_n = 0
    failures: list[str] = []
    for better, worse in PAIRS:
        for pid, betters in by_kind.get(better, {}).items():
            for (tr_b, rep_b), (tr_w, rep_w) in itertools.product(
                betters, by_kind.get(worse, {}).get(pid, [])
            ):
                # the transcript's own id names it when a problem holds two of its kind
                name_b = tr_b["id"] if len(betters) > 1 else better
                whole_n += 1
                if rep_b["overall"]["score"] > rep_w["overall"]["score"]:
                    whole_ok += 1
                else:
                    failures.append(f"{pid}: {name_b} <= {worse} overall")
                sb = {st["stage"]: st["score"] or 0.0 for st in rep_b["stages"]}
                sw = {st["stage"]: st["score"] or 0.0 for st in rep_w["stages"]}
                for stage in STAGES:
                    lb = (tr_b["stages"].get(stage) or {}).get("label", 0)
                    lw = (tr_w["stages"].get(stage) or {}).get("label", 0)
                    if lb <= lw:
                        continue  # only pairs the labels order
                    stage_n += 1
                    if sb[stage] > sw[stage]:
                        stage_ok += 1
                    else:
                        failures.append(
                            f"{pid}/{stage}: {name_b} {sb[stage]} <= {worse} {sw[stage]}"
                        )
    out["pairs_stage"] = f"{stage_ok}/{stage_n}"
    out["pairs_stage_rate"] = round(stage_ok / stage_n, 3) if stage_n else float("nan")
    out["pairs_whole"] = f"{whole_ok}/{whole_n}"
    out["pair_failures"] = failures
    retention = []
    for pid, paraphrases in by_kind.get("paraphrase", {}).items():
        bases = by_kind.get("textbook", {}).get(pid, [])
        for tr_p, rep_p in paraphrases:
            # the textbook it paraphrases (paraphrase_of), else the problem's first one
            base = next((b for b in bases if b[0]["id"] == tr_p.get("paraphrase_of")), None)
            base = base or (bases[0] if bases else None)
            if base and base[1]["overall"]["score"] > 0:
                retention.append(rep_p["overall"]["score"] / base[1]["overall"]["score"])
    out["paraphrase_retention_min"] = round(min(retention), 3) if retention else float("nan")
    out["paraphrase_retention_mean"] = (
        round(float(np.mean(retention)), 3) if retention else float("nan")
    )
    out["carrier_signals"] = sorted(
        rep["overall"]["hire_signal"]
        for graded in by_kind.get("carrier", {}).values()
        for _, rep in graded
    )
    out["carrier_above_no_hire"] = sum(
        1 for s in out["carrier_signals"] if s in ("hire", "strong hire")
    )
    out["kind_means"] = {
        kind: round(
            float(np.mean([r["overall"]["score"] for graded in d.values() for _, r in graded])), 3
        )
        for kind, d in sorted(by_kind.items())
    }
    rng = random.Random(11)
    out["met_quote_sample"] = rng.sample(met_quotes, min(60, len(met_quotes)))
    return out


def overlaps(a: str, b: str) -> bool:
    """One quote holds the other (case and end punctuation aside)."""
    a, b = a.lower().strip(" ."), b.lower().strip(" .")
    return a in b or b in a


def parroting(grader: Grader, problem_ids: list[str]) -> dict[str, str]:
    """Generic criteria restated in the first person, stage by stage: must stay below hire."""
    out = {}
    for pid in problem_ids:
        stages: dict[str, dict] = {}
        for stage in STAGES:
            crits = [c for c in grader.bank.generic.criteria if c.stage == stage and c.points > 0]
            said = [
                re.sub(r"^Candidate (\w+?)s?\b", r"I \1", c.text).replace("their", "my")
                for c in crits
            ]
            stages[stage] = {"text": " ".join(said)}
        rep = grader.grade(pid, "senior", turns_of(stages))
        out[pid] = rep["overall"]["hire_signal"]
    return out


def evaluate_intents(reader: OfflineReader, sets: list[dict]) -> dict[str, Any]:
    n = ok = fact_n = fact_ok = off_n = off_ok = 0
    times: list[float] = []
    errors: list[str] = []
    for s in sets:
        pid = s["problem_id"]
        for m in s["messages"]:
            t0 = time.perf_counter()
            r = reader.read(
                m["text"],
                problem_id=pid,
                level="senior",
                open_question=m.get("interviewer") or None,
            )
            times.append((time.perf_counter() - t0) * 1000)
            want = set(m["intents"])
            got = set(r.intents)
            n += 1
            if want == got:
                ok += 1
            else:
                errors.append(f"{m['id']}: want {sorted(want)} got {sorted(got)}: {m['text'][:70]}")
            if m.get("unasked"):  # off-sheet parts must get "not on the sheet", not a wrong fact
                off_n += 1
                kept_off = sum(1 for q in r.questions if q.fact_id is None)
                if kept_off >= m["unasked"]:
                    off_ok += 1
                else:
                    got = [q.fact_id for q in r.questions]
                    errors.append(f"{m['id']}: off-sheet part given a fact (got {got})")
            wanted_facts = list(m.get("facts") or [])
            if wanted_facts:
                got_facts = [q.fact_id for q in r.questions if q.fact_id]
                for f in wanted_facts:
                    fact_n += 1
                    if f in got_facts:
                        fact_ok += 1
                    else:
                        errors.append(f"{m['id']}: fact {f} missed (got {got_facts})")
    return {
        "messages": n,
        "intent_accuracy": round(ok / n, 3) if n else float("nan"),
        "fact_questions": fact_n,
        "fact_choice": round(fact_ok / fact_n, 3) if fact_n else float("nan"),
        "off_sheet_questions": off_n,
        "off_sheet_kept": round(off_ok / off_n, 3) if off_n else float("nan"),
        "read_ms": summary_ms(times),
        "errors": errors,
    }


def grading_time(grader: Grader, sets: list[dict], *, unseen: bool = False) -> dict[str, float]:
    """Time to grade a 60-message transcript (messages drawn from the labelled set). By default
    the transcript is graded again and again, so each grading after the first finds its
    sentences already read, as the service does when it grades an interview whose messages it
    read turn by turn. `unseen`: every per-text memory (`app.knowledge.memo`) is emptied
    before each grading (a transcript arriving from elsewhere, or a restarted process)."""
    paras = [t for s in sets for tr in s["transcripts"] for t in turns_of(tr["stages"])]
    turns = [
        TurnText(f"m{i}", i, "candidate", p.content, p.stage) for i, p in enumerate(paras[:60])
    ]
    pid = sets[0]["problem_id"]
    times = []
    # 20 runs: with 5, the p95 was the slowest single run, which this VM's noise dominates
    for _ in range(20):
        if unseen:
            forget_per_text()
        t0 = time.perf_counter()
        grader.grade(pid, "senior", turns)
        times.append((time.perf_counter() - t0) * 1000)
    return summary_ms(times)


def run(split: str = "both") -> dict[str, Any]:
    settings = Settings()
    bank = load_bank(settings.knowledge_dir)
    grader = Grader(bank, settings)
    results: dict[str, Any] = {
        "labels_frozen": all(
            labels_frozen(d)
            for d in (
                VALIDITY,
                INTENTS,
                INTENTS_DEV2,
                *(d for _, d in INTENTS_DEV_MORE),
                *(d for _, d in VALIDITY_CHECKS),
            )
        ),
        "judge": grader.name,
    }
    for part in ("dev", "test") if split == "both" else (split,):
        sets = load_sets(VALIDITY, part)
        res = evaluate_grading(grader, sets) if sets else {}
        if sets:
            res["parroting"] = parroting(grader, [s["problem_id"] for s in sets])
            res["grade_60_ms"] = grading_time(grader, sets)
            res["grade_60_unseen_ms"] = grading_time(grader, sets, unseen=True)
        isets = load_sets(INTENTS, part)
        res["intents"] = evaluate_intents(grader.reader, isets) if isets else {}
        if part == "dev":
            res["intents_dev2"] = evaluate_intents(grader.reader, load_sets(INTENTS_DEV2, "dev"))
            for key, directory in INTENTS_DEV_MORE:
                res[key] = evaluate_intents(grader.reader, load_sets(directory, "dev"))
            for key, directory in VALIDITY_CHECKS:
                res[key] = evaluate_grading(grader, load_sets(directory, "dev"))
        results[part] = res
    return results


def render(res: dict[str, Any]) -> str:
    parts = ("dev", "test")
    rows = []

    def get(part: str, *keys: str) -> object:
        v: Any = res.get(part, {})
        for k in keys:
            v = v.get(k, "") if isinstance(v, dict) else ""
        return v

    for label, keys in [
        ("stage answers", ("stages",)),
        ("Spearman (stage score vs label)", ("spearman",)),
        ("QWK (1-4 buckets)", ("qwk",)),
        ("must-order pairs, stages", ("pairs_stage",)),
        ("must-order pairs, whole transcripts", ("pairs_whole",)),
        ("paraphrase keeps (min / mean)", ("paraphrase_retention_min",)),
        ("carrier stuffing above no hire", ("carrier_above_no_hire",)),
        ("red flags on correct answers", ("red_flags_on_correct",)),
        ("intent accuracy", ("intents", "intent_accuracy")),
        ("fact choice (on-sheet questions)", ("intents", "fact_choice")),
        ("off-sheet questions kept off the sheet", ("intents", "off_sheet_kept")),
        *(
            (f"{what}, {_set_name(key)}", (key, field))
            for key in ("intents_dev2", *(k for k, _ in INTENTS_DEV_MORE))
            for what, field in (
                ("intent accuracy", "intent_accuracy"),
                ("fact choice", "fact_choice"),
                ("off-sheet kept off", "off_sheet_kept"),
            )
        ),
        *(
            (f"{what}, {key.replace('_', ' ')}", (key, field))
            for key, _ in VALIDITY_CHECKS
            for what, field in (
                ("Spearman", "spearman"),
                ("QWK", "qwk"),
                ("must-order pairs, stages", "pairs_stage"),
                ("paraphrase keeps (min)", "paraphrase_retention_min"),
                ("carrier above no hire", "carrier_above_no_hire"),
            )
        ),
        ("read p95 ms per message", ("intents", "read_ms", "p95")),
        ("grade a 60-message transcript p95 ms", ("grade_60_ms", "p95")),
        ("grade it with nothing read before p95 ms", ("grade_60_unseen_ms", "p95")),
    ]:
        row: list[object] = [label]
        for p in parts:
            v = get(p, *keys)
            if keys == ("paraphrase_retention_min",):
                v = f"{v} / {get(p, 'paraphrase_retention_mean')}"
            if isinstance(v, list):
                v = len(v)
            row.append(v)
        rows.append(row)
    lines = [
        "Labels match the hashes frozen before grading (LABELS.sha256): "
        f"{res.get('labels_frozen')}; judge: {res.get('judge')}",
        "",
        table(["held-out validity", "dev (tuned on)", "test (never tuned on)"], rows),
        "",
    ]
    for p in parts:
        if p not in res:
            continue
        lines.append(
            f"{p}: mean overall by kind {res[p].get('kind_means')}; "
            f"parroting {res[p].get('parroting')}; "
            f"seeded mistakes flagged {res[p].get('mistakes_caught')}"
        )
    return "\n".join(lines)


def main() -> None:
    split = "both"
    if "--split" in sys.argv:
        split = sys.argv[sys.argv.index("--split") + 1]
    res = run(split)
    print(render(res))
    if "-v" in sys.argv:
        for part in ("dev", "test"):
            if part not in res:
                continue
            print(f"\n## {part} pair failures")
            print("\n".join(res[part].get("pair_failures", [])))
            print(f"\n## {part} red flags on correct answers")
            print("\n".join(res[part].get("red_flags_on_correct", [])))
            print(f"\n## {part} intent errors")
            print("\n".join(res[part].get("intents", {}).get("errors", [])))
            for key, _ in VALIDITY_CHECKS:
                if key in res[part] and key not in HELD_BACK:
                    print(f"\n## {part} pair failures, {key.replace('_', ' ')}")
                    print("\n".join(res[part][key].get("pair_failures", [])))
            for key in ("intents_dev2", *(k for k, _ in INTENTS_DEV_MORE)):
                if key in res[part] and key not in HELD_BACK:
                    print(f"\n## {part} intent errors, {_set_name(key)}")
                    print("\n".join(res[part][key].get("errors", [])))
            if "--quotes" in sys.argv:
                print(f"\n## {part} met quote sample")
                for cid, text, quote in res[part].get("met_quote_sample", []):
                    print(f"- {cid}: {text}\n    > {quote}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
