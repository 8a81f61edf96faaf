"""Scripted conversations with per-turn expectations, offline, through the HTTP API.

    python -m bench.conversations [-v] [--split dev|test|both] [--without-held-back]

bench/data/conversations/<problem_id>.yaml holds 4 conversations per problem (issue 12,
Validation), written by reading and frozen in EXPECT.sha256 before the first run. Each
conversation has `minutes` (interview length) and `turns`: a candidate message (`say`), an
optional `think_s` (simulated seconds before it is sent; default 20) and `expect`:

- `fact` / `facts`: fact ids the reply must answer (the API's `facts_answered`);
- `stage`: the interview stage after the reply (the stage the candidate is on: a reply at a
  later stage ran ahead of them, counted in a row of its own as well as in stage lag);
- `probe`: a regex the reply must match (a seeded mistake pushed back on);
- `move`: the interviewer's move kind;
- `not`: regex (or list) that must not appear in the reply.

An optional `tag` (compound, rhetorical, move-on, finish, own-answer, mistake, off-topic,
silent, terse, timeout) names what the turn tests; it groups failures and decides which turns
count as move-on/finish requests and where an off-topic redirect is legitimate.

The service reads the clock with `time.time()` in app/interview/service.py; this bench
replaces that module's `time` with a simulated clock (bench code only), so think time is
simulated and a 5-minute interview runs in milliseconds. Dev and test are reported side by
side; the test split is never tuned on. Check sets in the same format (`CONVERSATION_CHECKS`,
each frozen in its own EXPECT.sha256) are scored in a column of their own beside their split.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any
from unittest import mock

import yaml
from fastapi.testclient import TestClient

from app.config import Settings
from app.knowledge.schema import STAGE_NAMES, STAGES
from app.main import build_services, create_app
from bench.common import DATA, summary_ms, table

CONVERSATIONS = DATA / "conversations"
SPLITS = ("dev", "test")
# Frozen check sets scored in a column of their own beside their split (dev problems only):
# name -> (split, directory in the same format with its own EXPECT.sha256).
CONVERSATION_CHECKS: dict[str, tuple[str, Path]] = {
    "dev-check": ("dev", DATA / "conversations-dev-check"),
    # written before the tuning on dev-check began: the untuned measure of generalisation
    "dev-check-2": ("dev", DATA / "conversations-dev-check-2"),
    # mistakes inside long turns, indirect move-ons, two-stage jumps, terse answers (untuned)
    "dev-check-3": ("dev", DATA / "conversations-dev-check-3"),
    # answer plus fact question in one turn, two facts in one sentence, "let's talk about
    # serving" mid-answer, afterthoughts on a covered stage, mistakes corrected in the same turn
    # (`not`: no probe), hint requests, very short turns, 5-minute interviews (untuned)
    "dev-check-4": ("dev", DATA / "conversations-dev-check-4"),
    # stage sync: two stages in one turn then "what next?", a step back then forward, a probe
    # answered and a new stage begun in one turn, terse stage turns, "as I said", indirect
    # move-ons, requests to skip a stage, mistakes mid-turn or said only in the negative
    # (untuned)
    "dev-check-5": ("dev", DATA / "conversations-dev-check-5"),
    # new wordings: two- and three-stage jumps, stages in plain words, move-ons as questions or
    # indirect remarks, finish requests, everyday compound questions, mistakes in plain words,
    # correct practice that only names a mistake (untuned)
    "dev-check-6": ("dev", DATA / "conversations-dev-check-6"),
    # stage sync in new voices: several stages in one message, a step back and a return, an
    # answer followed by a jump ahead, indirect move-ons, a plan of all stages up front, terse
    # turns that never name a stage, a 5-minute interview (untuned)
    "dev-check-7": ("dev", DATA / "conversations-dev-check-7"),
    # stage sync: two stages then a clarifying question, a recap before moving on, a probe
    # answered and the next stage begun in one message, "next" / "ok, evaluation", a detail
    # added to an earlier stage then a continuation, "what else should I cover here?", seeded
    # mistakes (untuned)
    "dev-check-8": ("dev", DATA / "conversations-dev-check-8"),
    # mistakes the rubric had no red flag for (a model family that does not fit the data, a
    # list judged by its top result's clicks, positives from the top slots only, launches on
    # offline numbers alone), two-stage jumps, move-ons as questions or hedges, varied finish
    # requests, rhetorical questions, short fragment answers, a 5-minute interview (untuned)
    "dev-check-9": ("dev", DATA / "conversations-dev-check-9"),
    # three stages in one message, a return to an earlier stage after the move on, a probe
    # answered partly then a fact question, mistakes in plain words or buried mid-answer,
    # one-word and emoji replies, "skip" / "pass" / "next topic please", questions about the
    # interview, "you pick the metric", a three-minute interview, a candidate who ignores the
    # time (untuned)
    "dev-check-10": ("dev", DATA / "conversations-dev-check-10"),
    # voices: markdown headings or numbered lists spanning two stages, a telegraphic
    # note-taker, a candidate driving the stages, permission move-ons ("mind if I ..."); fact
    # questions mid-answer, afterthoughts, mistakes in plain words not seeded before (tuning:
    # stage lag 25 -> 7, stage 62 -> 80/87, facts 12 -> 15/18, move-on 11 -> 15/15, probed
    # 5/10 unchanged, turns 61 -> 84/97)
    "dev-check-11": ("dev", DATA / "conversations-dev-check-11"),
    # a formal proposer, plain simple English, a future-tense narrator; the same behaviours
    # as check 11 with other mistakes (held back during the check-11 rules: unchanged; then
    # tuned on: stage lag 17 -> 10, stage 34 -> 40/50, move-on 6 -> 9/9, turns 34 -> 43/58,
    # probed 1/5 and facts 11/14 unchanged, numbered ids)
    "dev-check-12": ("dev", DATA / "conversations-dev-check-12"),
    # "can we go back to X?" after two stages, bare "next" / "ok what's after that?", terse
    # experts, rambling answers with the stage content at the end, seeded mistakes in plain
    # words with no textbook term (held back during the check-12 rules: unchanged, stage lag
    # 18, stage 71/89, probed 5/11, move-on 16/22, facts 12/15, turns 72/99; tuning data since
    # check 14; convo2 rules: lag 11 -> 0, stage 78 -> 89/89, turns 81 -> 90/99)
    "dev-check-13": ("dev", DATA / "conversations-dev-check-13"),
    # a data split justified with a monitoring word ("since users drift"), two questions about
    # the interview at once, the target in one short sentence, negatives named, a bare "back to
    # the framing?", number-only answers, self-corrections mid-message, seeded mistakes in plain
    # words (held back during the rules tuned on checks 12-13: stage lag 39 -> 12, stage 52 ->
    # 79/91, move-on 14 -> 15/15, off-topic calls 1 -> 0, `not` violations 3 -> 1, turns 60 ->
    # 87/101; probed 2/8, facts 14/14 and move 10/10 unchanged; tuning data since check 15;
    # convo2 rules: lag 12 -> 3, stage 79 -> 88/91, turns 87 -> 93/101)
    "dev-check-14": ("dev", DATA / "conversations-dev-check-14"),
    # two stages in one long message ending in a fact question, a fix to an earlier stage said
    # in passing, a plan of the stages up front, numbered lists, very short chat lines, implicit
    # move-ons ("for the model I'd ..."), move-ons asked as a question ("should I talk about
    # serving now?"), a non-native speaker, time pressure (held back during the convo2 rules
    # tuned on checks 13-14: unchanged, stage lag 15, stage 65/79, move-on 14/16, facts 17/17,
    # probed 3/3, turns 74/89; tuning data since check 16; convo3 rules: lag 15 -> 0, stage 65
    # -> 79/79, move-on 14 -> 16/16, turns 74 -> 89/89)
    "dev-check-15": ("dev", DATA / "conversations-dev-check-15"),
    # drivers who announce the next stage in passing ("moving along to the model without
    # waiting"), two and three stages in one message, an answer to the interviewer then a jump
    # to the next stage in the same message, move-ons asked as a question ("is it ok to talk
    # about how we'd check it next?"), a bare request to go back then a return past the stages
    # already covered, a skip ahead with the skipped stage taken up later, every stage in plain
    # words with no textbook term (held back during the convo3 rules tuned on check 15 and
    # earlier: unchanged, stage lag 15, stage 70/85, move-on 17/22, facts 13/14, probed 3/3,
    # `not` 3, turns 78/95; tuning data since check 17; convo4 rule: lag 15 -> 8, stage 70 ->
    # 77/85, move-on 17 -> 21/22, `not` 3 -> 0, turns 78 -> 85/95)
    "dev-check-16": ("dev", DATA / "conversations-dev-check-16"),
    # stage changes with no signpost word (the content alone says the stage), an answer to the
    # interviewer with the next stage's content in the same message, a fix to an earlier stage
    # in the middle of a later one, stages named only by their objects ("the dashboards would
    # show ...", "the thresholds per category would be ..."), numbered plans and lists, bare
    # "what's next?", seeded mistakes answered with the next stage begun, fact questions (held
    # back during the convo4 rule tuned on check 16 and earlier: unchanged, stage lag 11, stage
    # 81/92, move-on 17/19, facts 20/20, probed 9/10, off-topic 1, `not` 1, turns 90/102;
    # tuning data since check 18; convo5 rules: lag 11 -> 3, stage 81 -> 89/92, move-on 17 ->
    # 19/19, off-topic 1 -> 0, turns 90 -> 98/102)
    "dev-check-17": ("dev", DATA / "conversations-dev-check-17"),
    # jumpy strong candidates who say each stage in plain words,
    # two stages in one message, questions about the interview's course phrased many ways
    # ("can I go on to what learns from it?", "what comes after the checks?", "is serving
    # next?"), move-on requests asked as questions, an answer followed by a course question in
    # the same message, seeded mistakes and fact questions (scored before and after the convo5
    # rules tuned on check 17: stage lag 17 -> 14, stage 85 -> 88/102, move-on 34 -> 38/47,
    # off-topic 4 -> 2, `not` 8 -> 6, turns 93 -> 96/112; facts 18/19, probed 4/5 unchanged;
    # tuning data since check 19)
    "dev-check-18": ("dev", DATA / "conversations-dev-check-18"),
    # questions about the interview's course that name a stage by a course verb or in plain
    # words ("the part that learns", "how I'd test it", "getting it to users", "keeping an eye
    # on it later"), move-on requests asked as questions, plain-words content of each stage
    # ("look again every week", "nothing to go on"), two stages in one message, an answer and a
    # course question in one message, seeded mistakes and fact questions (scored before and
    # after the convo6 rules tuned on check 18 and earlier: stage lag 23 -> 3, stage 91 ->
    # 111/114, move-on 39 -> 57/57, turns 99 -> 119/124; tuning data since check 20)
    "dev-check-19": ("dev", DATA / "conversations-dev-check-19"),
    # chatty candidates who answer one stage over several messages,
    # pauses mid-stage ("hold on, one more piece", "let me think about the video part") then
    # the rest of the stage, answers that walk on to the next stage without asking, terse
    # chat, requests to go back and the return, seeded mistakes and fact questions (scored
    # before and after the convo7 rules tuned on check 19 and earlier: stage lag 14 -> 12, ran
    # ahead 12 -> 10, stage 94 -> 96/108, turns 97 -> 99/118; facts 16/20, probed 4/6, move-on
    # 17/17 unchanged; tuning data since check 21)
    "dev-check-20": ("dev", DATA / "conversations-dev-check-20"),
    # points the rubric files under a later stage said inside the
    # current stage's work (negatives thinned or classes balanced while building the data, a
    # refresh or index rebuild inside serving, the target sentence in the framing) and then the
    # same stage continued; ordinary walks on, move-on requests and finishes (scored before
    # and after the convo8 rule tuned on check 20 and earlier: stage lag 6 -> 2, ran ahead
    # 6 -> 2, stage 48 -> 52/54, turns 54 -> 58/62; facts 4/5, move-on 9/10, move 7/8
    # unchanged; written by the hand that wrote the rule, see validity-history convo8; tuning
    # data since check 22)
    "dev-check-21": ("dev", DATA / "conversations-dev-check-21"),
    # jumpy strong candidates who cover two stages in one message,
    # move-on requests asked as questions ("is the model next?", "would you like me to cover
    # evaluation?"), a point finishing the previous stage said after the interviewer moved on,
    # and ordinary walks through every stage; 4 conversations per dev problem (held back during
    # the convo9 rules, scored twice; tuning data since check 23)
    "dev-check-22": ("dev", DATA / "conversations-dev-check-22"),
    # go-backs to an earlier stage ("could we go back to the data
    # quickly?", a fix to the framing said in passing) and the return, stage closings in many
    # wordings ("that's my framing done", "so much for the data"), jumps over two stages,
    # move-on requests asked as questions, ordinary walks; 4 conversations per dev problem
    # (held back during convo10, scored twice; tuning data since check 24)
    "dev-check-23": ("dev", DATA / "conversations-dev-check-23"),
    # HELD BACK (never tuned on): three or more stages in one message, stage closings followed
    # by more on the same stage ("That's my framing. One thing I'd add: ..."), go-backs and
    # then forward again, a one-line answer to the interviewer followed by the next stage,
    # move-ons asked as questions, ordinary walks; 4 conversations per dev problem (convo11)
    "dev-check-24": ("dev", DATA / "conversations-dev-check-24"),
}
# Held-back checks: scored like the others, but neither `-v` nor the report (nor the JSON of a
# full run) shows their per-turn failures or which tags failed, so tuning cannot read them.
HELD_BACK = frozenset({"dev-check-24"})
DEFAULT_THINK_S = 20.0
START = 1_800_000_000.0  # simulated epoch of the first session
# The interviewer's wordings for calling a message off-topic (prompts/offline/redirect.j2).
OFF_TOPIC = re.compile(
    r"(?i)outside what we're doing|stay on the design|keep our focus on the problem"
)
# Coming back once to a stage jumped over is not lag.
REVISIT = re.compile(r"(?i)come back briefly|we skipped|jumped over|close the gap")
UNKNOWN_Q = re.compile(
    r"(?:don't have specifics on|can't pin down for you \(|pin down for you \(|"
    r"No firm answer on) \"([^\"]+)\""
)
_STOPWORDS = (
    "what which where when how many much does will would could should there their this that "
    "with from have about into like just also only your they them then than some more"
)
STOP = frozenset(_STOPWORDS.split())


class SimClock:
    """Stands in for the `time` module inside app.interview.service: `time()` is simulated,
    everything else (monotonic deadlines, perf_counter) is the real thing."""

    def __init__(self, start: float = START):
        self.now = start

    def time(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds

    def __getattr__(self, name: str) -> Any:
        return getattr(time, name)


def _numbered_ids() -> Any:
    """A stand-in for app.store.repo.new_id: prefixed ids numbered in order of creation."""
    count = itertools.count(1)
    return lambda prefix: f"{prefix}_{next(count):032x}"


def frozen(directory: Path = CONVERSATIONS) -> bool:
    """Every conversation file matches the hash committed in EXPECT.sha256."""
    path = directory / "EXPECT.sha256"
    if not path.exists():
        return False
    want = dict(reversed(line.split()) for line in path.read_text().splitlines() if line)
    files = sorted(directory.glob("*.yaml"))
    return bool(files) and all(
        want.get(p.name) == hashlib.sha256(p.read_bytes()).hexdigest() for p in files
    )


def load(directory: Path = CONVERSATIONS) -> list[dict]:
    return [yaml.safe_load(p.read_text()) for p in sorted(directory.glob("*.yaml"))]


def _as_list(v: Any) -> list:
    if v is None:
        return []
    return list(v) if isinstance(v, list) else [v]


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z][a-z'-]{3,}", text.lower()) if w not in STOP}


class Tally:
    """Counters for one split."""

    def __init__(self) -> None:
        self.c: Counter = Counter()
        self.turn_ms: list[float] = []
        self.failures: list[str] = []
        self.kinds: Counter = Counter()  # failed expectation kind -> count
        self.tags: Counter = Counter()  # tag of a turn with any failed expectation -> count

    def fail(self, where: str, what: str, kind: str, tag: str | None, reply: str) -> None:
        self.kinds[kind] += 1
        self.failures.append(f"{where} [{tag or '-'}] {what}\n      reply: {reply[:300]}")


def _fact_words(problem: Any) -> dict[str, set[str]]:
    out = {}
    for f in problem.facts:
        words: set[str] = set()
        for q in f.asked_as:
            words |= _words(q)
        out[f.id] = words | _words(f.topic.replace("_", " "))
    return out


def run_conversation(
    client: TestClient, clock: SimClock, svc: Any, problem_id: str, conv: dict, t: Tally
) -> None:
    problem = svc.bank.problem(problem_id)
    fact_words = _fact_words(problem)
    answers = {f.id: f.answer for f in problem.facts}
    svc.interviews.settings = svc.settings.model_copy(
        update={"interview_minutes": int(conv.get("minutes", 45))}
    )
    r = client.post("/v1/sessions", json={"problem_id": problem_id, "level": "senior"})
    assert r.status_code == 201, r.text
    sid = r.json()["session"]["id"]
    stage, status = "clarify", "active"
    furthest = 0
    seen = ["clarify"]
    last_reply: dict = {}
    t.c["conversations"] += 1
    for i, turn in enumerate(conv["turns"], 1):
        exp = turn.get("expect") or {}
        tag = turn.get("tag")
        where = f"{conv['id']} #{i}"
        want_facts = _as_list(exp.get("fact")) + _as_list(exp.get("facts"))
        if status != "active":  # the interview ended before this turn: its expectations fail
            t.c["turns_not_reached"] += 1
            t.c["facts_total"] += len(want_facts)
            t.c["probe_total"] += "probe" in exp
            t.c["moveon_total"] += tag in ("move-on", "finish")
            t.c["stage_total"] += "stage" in exp
            t.c["stage_fail"] += "stage" in exp
            t.c["lag"] += "stage" in exp
            t.fail(where, "not reached: the interview had already ended", "ended early", tag, "")
            continue
        clock.advance(float(turn.get("think_s", DEFAULT_THINK_S)))
        t0 = time.perf_counter()
        resp = client.post(f"/v1/sessions/{sid}/messages", json={"content": turn["say"]})
        t.turn_ms.append((time.perf_counter() - t0) * 1000)
        assert resp.status_code == 201, resp.text
        body = resp.json()
        reply = body["reply"]
        last_reply = reply
        content, move = reply["content"], reply.get("move")
        got_facts = reply.get("facts_answered") or []
        prev_stage, stage, status = stage, body["stage"], body["status"]
        if stage not in seen:
            seen.append(stage)
        t.c["turns"] += 1
        failed = False

        for fid in want_facts:
            t.c["facts_total"] += 1
            if fid in got_facts:
                t.c["facts_ok"] += 1
            else:
                failed = True
                t.fail(
                    where,
                    f"fact {fid} not answered (got {got_facts}, move {move})",
                    "fact missing",
                    tag,
                    content,
                )
        # Contradiction: a fact given, and in the same reply "no specifics" on its topic.
        for q in UNKNOWN_Q.findall(content):
            clash = [f for f in got_facts if _words(q) & fact_words.get(f, set())]
            if clash:
                t.c["contradictions"] += 1
                failed = True
                t.fail(
                    where,
                    f"contradiction: answers {clash} and has no specifics on {q!r}",
                    "contradiction",
                    tag,
                    content,
                )
        for fid in got_facts:
            head = answers.get(fid, "")[:60]
            if head and content.count(head) > 1:
                t.c["repeated_facts"] += 1
                t.fail(where, f"fact {fid} repeated in one reply", "repeated fact", tag, content)
        if "probe" in exp:
            t.c["probe_total"] += 1
            if re.search(exp["probe"], content):
                t.c["probe_ok"] += 1
            else:
                failed = True
                t.fail(
                    where,
                    f"mistake not probed (move {move}; want /{exp['probe']}/)",
                    "mistake not probed",
                    tag,
                    content,
                )
        if "move" in exp:
            t.c["move_total"] += 1
            if move == exp["move"]:
                t.c["move_ok"] += 1
            else:
                failed = True
                t.fail(where, f"move {move}, want {exp['move']}", "wrong move", tag, content)
        lagged = False
        if "stage" in exp:
            t.c["stage_total"] += 1
            want = STAGES.index(exp["stage"])
            # the label says where the candidate is: when it names an earlier stage and the
            # interviewer is there, the candidate asked to go back, and that is no lag later
            furthest = want if stage == exp["stage"] else max(furthest, want)
            if stage == exp["stage"]:
                t.c["stage_ok"] += 1
            else:
                failed = lagged = True
                t.c["stage_fail"] += 1
                # past the stage the label says the candidate is still on: moved on while they
                # were answering it, or jumped further than they went
                ahead = STAGES.index(stage) > want
                t.c["ran_ahead"] += ahead
                kind = "ran ahead" if ahead else "stage"
                t.fail(where, f"stage {stage}, want {exp['stage']}", kind, tag, content)
        if (
            not lagged
            and STAGES.index(stage) < furthest
            and move != "wrap_up"
            and not REVISIT.search(content)
        ):
            lagged = True
            t.fail(
                where,
                f"stage {stage} behind the candidate ({STAGES[furthest]})",
                "stage lag",
                tag,
                content,
            )
        t.c["lag"] += lagged
        for pattern in _as_list(exp.get("not")):
            if re.search(pattern, content):
                failed = True
                t.c["not_violations"] += 1
                t.fail(where, f"must not match /{pattern}/", "unwanted wording", tag, content)
        if tag in ("move-on", "finish"):
            t.c["moveon_total"] += 1
            if tag == "finish":
                ok = move == "wrap_up" and status != "active"
            elif "stage" in exp:
                ok = stage == exp["stage"]
            else:
                ok = move == "wrap_up" or STAGES.index(stage) > STAGES.index(prev_stage)
            if ok:
                t.c["moveon_ok"] += 1
            else:
                failed = True
                t.fail(
                    where,
                    f"{tag} request not honoured (move {move}, stage {stage})",
                    "move-on ignored",
                    tag,
                    content,
                )
        if tag not in ("off-topic", "silent") and OFF_TOPIC.search(content):
            t.c["offtopic_calls"] += 1
            failed = True
            t.fail(where, "on-problem content called off-topic", "called off-topic", tag, content)
        t.c["expect_total"] += 1
        t.c["expect_ok"] += not failed
        if failed:
            t.tags[tag or "-"] += 1

    if int(conv.get("minutes", 45)) <= 5:
        t.c["short_total"] += 1
        content = last_reply.get("content", "")
        unreached = [s for s in STAGES if s not in seen]
        named = all(STAGE_NAMES[s] in content for s in unreached)
        if last_reply.get("move") == "wrap_up" and status != "active" and named:
            t.c["short_ok"] += 1
        else:
            t.fail(
                f"{conv['id']} (end)",
                f"5-minute interview: no wrap-up naming skipped stages {unreached} "
                f"(last move {last_reply.get('move')}, status {status})",
                "short wrap-up",
                "timeout",
                content,
            )


def _pct(ok: int, n: int) -> float | None:
    return round(100.0 * ok / n, 1) if n else None


def summarize(t: Tally) -> dict[str, Any]:
    c = t.c
    return {
        "conversations": c["conversations"],
        "turns": c["turns"],
        "facts_pct": _pct(c["facts_ok"], c["facts_total"]),
        "facts": f"{c['facts_ok']}/{c['facts_total']}",
        "contradictions": c["contradictions"],
        "repeated_facts": c["repeated_facts"],
        "mistakes_probed_pct": _pct(c["probe_ok"], c["probe_total"]),
        "mistakes_probed": f"{c['probe_ok']}/{c['probe_total']}",
        "move_on_pct": _pct(c["moveon_ok"], c["moveon_total"]),
        "move_on": f"{c['moveon_ok']}/{c['moveon_total']}",
        "offtopic_calls": c["offtopic_calls"],
        "stage_lag": c["lag"],
        "ran_ahead": c["ran_ahead"],
        "stage_expect": f"{c['stage_ok']}/{c['stage_total']}",
        "short_wrapups": f"{c['short_ok']}/{c['short_total']}",
        "move_expect": f"{c['move_ok']}/{c['move_total']}",
        "unwanted_wording": c["not_violations"],
        "turns_pass": f"{c['expect_ok']}/{c['expect_total']}",
        "turns_not_reached": c["turns_not_reached"],
        "turn_ms": summary_ms(t.turn_ms),
        "failure_kinds": dict(t.kinds.most_common()),
        "failed_by_tag": dict(t.tags.most_common()),
        "failures": t.failures,
    }


def _checks(splits: tuple[str, ...], directory: Path) -> list[tuple[str, str, Path]]:
    """(column, split, directory) of the check sets of the splits asked for (only beside the
    main directory)."""
    if directory != CONVERSATIONS:
        return []
    return [(name, s, p) for name, (s, p) in CONVERSATION_CHECKS.items() if s in splits]


def _sets(splits: tuple[str, ...], directory: Path) -> list[tuple[str, dict]]:
    """(column, conversation file) to score: the split's files, then each check set in its
    own column."""
    out = [(d["split"], d) for d in load(directory) if d["split"] in splits]
    for name, split, path in _checks(splits, directory):
        out += [(name, d) for d in load(path) if d["split"] == split]
    return out


def _dirs(splits: tuple[str, ...], directory: Path) -> list[Path]:
    return [directory, *(path for _, _, path in _checks(splits, directory))]


def run(
    splits: tuple[str, ...] = SPLITS, directory: Path = CONVERSATIONS, held_back: bool = True
) -> dict[str, Any]:
    """Score the split's conversations and its check sets; `held_back=False` leaves the
    held-back checks unscored (tuning runs between their two scorings)."""
    sets = [(n, d) for n, d in _sets(splits, directory) if held_back or n not in HELD_BACK]
    if not held_back:
        print(f"(held back, not scored: {', '.join(sorted(HELD_BACK))})", file=sys.stderr)
    tallies = {s: Tally() for s in splits}
    for name, _ in sets:
        tallies.setdefault(name, Tally())
    clock = SimClock()
    with tempfile.TemporaryDirectory() as tmp:
        # no rate limit: the scripts send more than a minute's worth of messages in seconds
        settings = Settings(
            data_dir=Path(tmp), llm="offline", rate_limit_per_minute=0, _env_file=None
        )
        svc = build_services(settings)
        base = svc.interviews.settings
        try:
            with (
                mock.patch("app.interview.service.time", clock),
                # the reply's wording is drawn with the session id as seed: numbered ids make
                # every run draw the same wordings, so a probe row moves only with the code
                mock.patch("app.store.repo.new_id", _numbered_ids()),
                TestClient(create_app(settings, services=svc)) as client,
            ):
                for name, data in sets:
                    for conv in data["conversations"]:
                        run_conversation(
                            client, clock, svc, data["problem_id"], conv, tallies[name]
                        )
                        clock.advance(3600)
        finally:
            svc.interviews.settings = base
            svc.db.dispose()
    summaries = {s: summarize(t) for s, t in tallies.items()}
    for name in HELD_BACK & summaries.keys():
        summaries[name].update(failures=[], failure_kinds={}, failed_by_tag={})
    return {
        "frozen": all(frozen(d) for d in _dirs(splits, directory)),
        "splits": summaries,
    }


ROWS = [
    ("fact questions answered with the right fact", "facts_pct", "facts", ">= 95%"),
    ("contradictions in one reply", "contradictions", None, "0"),
    ("fact text repeated in one reply", "repeated_facts", None, "0"),
    (
        "seeded mistakes probed in the next reply",
        "mistakes_probed_pct",
        "mistakes_probed",
        ">= 90%",
    ),
    ("move-on / finish requests honoured", "move_on_pct", "move_on", "100%"),
    ("on-problem content called off-topic", "offtopic_calls", None, "0"),
    ("stage lag (behind the candidate, or stage expectation failed)", "stage_lag", None, "0"),
    (
        "interviewer ran ahead (a later stage than the candidate's labelled one)",
        "ran_ahead",
        None,
        "0",
    ),
    ("`stage` expectations met", "stage_expect", None, "all"),
    ("5-minute interviews ending in a wrap-up naming skipped stages", "short_wrapups", None, "all"),
    ("`move` expectations met", "move_expect", None, "all"),
    ("`not` wording violations", "unwanted_wording", None, "0"),
    ("turns meeting every expectation", "turns_pass", None, "all"),
]


def render(res: dict[str, Any]) -> str:
    splits = res["splits"]
    names = list(splits)
    rows = []
    for label, key, detail, target in ROWS:
        cells = []
        for s in names:
            v = splits[s][key]
            v = "n/a" if v is None else v
            cells.append(f"{v}% ({splits[s][detail]})" if detail and v != "n/a" else v)
        rows.append([label, *cells, target])
    rows.append(
        ["offline turn p95 ms (via API)", *[splits[s]["turn_ms"]["p95"] for s in names], "< 25"]
    )
    out = table(["metric", *names, "target (test)"], rows)
    n = " / ".join(
        f"{s}: {splits[s]['conversations']} conversations, {splits[s]['turns']} turns"
        for s in names
    )
    out += f"\n\n{n}. Expectations frozen (EXPECT.sha256): {'yes' if res['frozen'] else 'NO'}."
    for s in (n for n in names if n not in HELD_BACK):
        kinds = ", ".join(f"{k} {v}" for k, v in splits[s]["failure_kinds"].items()) or "none"
        tags = ", ".join(f"{k} {v}" for k, v in splits[s]["failed_by_tag"].items()) or "none"
        out += f"\n\n{s} failures by kind: {kinds}.  \n{s} failed turns by tag: {tags}."
    return out


def main(argv: list[str]) -> None:
    logging.disable(logging.WARNING)
    verbose = "-v" in argv
    splits = SPLITS
    if "--split" in argv:
        pick = argv[argv.index("--split") + 1]
        splits = SPLITS if pick == "both" else (pick,)
    res = run(splits, held_back="--without-held-back" not in argv)
    print(render(res))
    if verbose:
        for s, summary in res["splits"].items():
            if s in HELD_BACK:
                continue
            print(f"\n## {s} failures ({len(summary['failures'])})\n")
            for line in summary["failures"]:
                print("  " + line)


if __name__ == "__main__":
    main(sys.argv[1:])
