"""LLM paths against a real model server: llama.cpp's server with Gemma 3 270M.

    python -m bench.llm          (make bench-llm; part of `make bench` when installed)

1. Voice turns: scripted candidates through the turn loop with the LLM voice; turn latency
   p50/p95, turns past the deadline, and whether the server is idle (under 10% of a core)
   within 1 s of each turn ending, measured on the server process's CPU time.
2. Reader: each candidate message read by the LLM reader; latency, fallback rate.
3. Judge: per-stage LLM judging of scripted transcripts; latency per stage, fallback rate.

Fallback = the offline voice / reading / judge answered instead (the model failed, timed
out, or said something that did not pass the checks). With a 270M base model, high
fallback rates are expected: the point is that they are caught.
"""

from __future__ import annotations

import asyncio
import logging
import os
import tempfile
import time
from collections import Counter
from pathlib import Path

from app.config import Settings
from app.grading.judges import LLMJudge, TurnText
from app.llm import local_server
from app.llm.client import ChatClient
from app.main import build_services
from bench.common import pct, table
from bench.simulate import load_scripts

PROBLEMS = ["ad-click-prediction", "news-feed"]
TURNS = int(os.environ.get("MLSD_BENCH_LLM_TURNS", "8"))  # voice turns per problem


def _settings(tmp: Path, server: local_server.LocalServer, **extra) -> Settings:
    return Settings(
        data_dir=tmp,
        llm="openai",
        openai_base_url=server.base_url,
        openai_api_key="none",
        llm_model=server.model,
        _env_file=None,
        **extra,
    )


def _latency(latencies: list[float], deadline_s: float, idle_ok: int) -> dict:
    """p50/p95 seconds, calls past the turn deadline, and after how many of them the server
    was idle within 1 s."""
    return {
        "p50_s": round(pct(latencies, 50), 2),
        "p95_s": round(pct(latencies, 95), 2),
        "deadline_misses": sum(t > deadline_s for t in latencies),
        "idle_within_1s": idle_ok,
    }


def _texts(pid: str, scripts: dict) -> list[str]:
    steps = scripts[pid]["strong"]
    return [s.get("ask", s.get("say", "")) for s in steps if s.get("ask") or s.get("say")]


def voice_turns(server: local_server.LocalServer, svc, scripts: dict) -> dict:
    settings = svc.settings
    latencies: list[float] = []
    idle: list[float | None] = []
    fallbacks: Counter[str] = Counter()
    misses = 0

    async def drive() -> None:
        nonlocal misses
        for pid in PROBLEMS:
            row, _ = svc.interviews.start("local", pid, "senior")
            for text in _texts(pid, scripts)[:TURNS]:
                t0 = time.perf_counter()
                result = await svc.interviews.turn("local", row.id, text)
                took = time.perf_counter() - t0
                latencies.append(took)
                misses += took > settings.llm_turn_deadline_s
                meta = result.reply.meta or {}
                reason = ":".join(str(meta.get("error", "")).split(":")[:2]).strip()
                fallbacks[reason or "none"] += bool(meta.get("fallback"))
                fallbacks["turns"] += 1
                idle.append(await asyncio.to_thread(server.idle_after, 1.0))
                if result.session.status != "active":
                    break

    asyncio.run(drive())
    n = fallbacks.pop("turns")
    return {
        "turns": n,
        "p50_s": round(pct(latencies, 50), 2),
        "p95_s": round(pct(latencies, 95), 2),
        "max_s": round(max(latencies), 2),
        "deadline_s": settings.llm_turn_deadline_s,
        "deadline_misses": misses,
        "idle_within_1s": sum(t is not None for t in idle),
        "idle_p95_s": round(pct([t for t in idle if t is not None], 95), 2),
        "fallbacks": sum(fallbacks.values()),
        "fallback_reasons": {k: v for k, v in fallbacks.items() if v},
    }


def reader_calls(server: local_server.LocalServer, svc, scripts: dict) -> dict:
    settings = svc.settings
    try:
        from app.understanding.llm_reader import LLMReader
        from app.understanding.schema import Reading
    except ImportError as exc:  # the Reading schema is not in this tree yet
        return {"skipped": str(exc)}
    reader = LLMReader(ChatClient(settings, temperature=0.0), svc.bank, settings.prompts_dir)
    latencies: list[float] = []
    reasons: Counter[str] = Counter()
    idle_ok = 0

    async def drive() -> None:
        nonlocal idle_ok
        for pid in PROBLEMS:
            for text in _texts(pid, scripts)[:TURNS]:
                base = Reading(text=text, norm=text.lower(), word_count=len(text.split()))
                t0 = time.perf_counter()
                reading = await reader.read(
                    text, problem_id=pid, level="senior", stage="clarify",
                    open_question=None, base=base,
                )  # fmt: skip
                latencies.append(time.perf_counter() - t0)
                reasons[(reading.fallback or "none").split(":")[0]] += 1
                idle_ok += await asyncio.to_thread(server.idle_after, 1.0) is not None

    asyncio.run(drive())
    n = len(latencies)
    return {
        "calls": n,
        **_latency(latencies, settings.llm_turn_deadline_s, idle_ok),
        "fallbacks": n - reasons["none"],
        "fallback_reasons": {k: v for k, v in reasons.items() if k != "none"},
    }


def judge_stages(server: local_server.LocalServer, svc, scripts: dict) -> dict:
    settings = svc.settings
    judge = LLMJudge(ChatClient(settings, temperature=0.0), svc.grading.offline,
                     settings.prompts_dir)  # fmt: skip
    latencies: list[float] = []
    decided: Counter[str] = Counter()
    claims: Counter[str] = Counter()
    idle_ok = 0

    async def drive() -> None:
        nonlocal idle_ok
        for pid in PROBLEMS:
            texts = _texts(pid, scripts)[:TURNS]
            stages = ["clarify", "frame", "data", "model", "evaluate", "serve", "monitor"]
            turns = [
                TurnText(f"{pid}-{i}", i, "candidate", t, stages[min(i * 7 // len(texts), 6)])
                for i, t in enumerate(texts)
            ]
            criteria = svc.bank.criteria_for(pid, "senior")
            for stage in dict.fromkeys(t.stage for t in turns):
                group = [c for c in criteria if c.stage == stage]
                t0 = time.perf_counter()
                found = await judge.judge_stage(stage, group, turns, pid)
                latencies.append(time.perf_counter() - t0)
                f = next(iter(found.values()))
                decided["fallback" if "fallback" in f.reason else f.judge] += 1
                for f in found.values():
                    claims["credited"] += f.met and f.judge.startswith("llm")
                    for _ in f.rejected:
                        kind = (
                            "unverifiable"
                            if "not in the candidate" in f.reason
                            else "addressed to the grader"
                            if "instruction" in f.reason
                            else "not offline-supported"
                        )
                        claims[f"rejected: {kind}"] += 1
                idle_ok += await asyncio.to_thread(server.idle_after, 1.0) is not None

    asyncio.run(drive())
    return {
        "stages": len(latencies),
        **_latency(latencies, settings.llm_turn_deadline_s, idle_ok),
        "fallbacks": decided["fallback"],
        "decided_by": dict(decided),
        "claims": dict(claims),
    }


def run() -> dict:
    why = local_server.unavailable()
    if why:
        return {"skipped": why}
    scripts = load_scripts()
    # A model server of its own uses every core (llama-cpp-python's default is half of them,
    # one thread here); the tests keep the default, as they share the cores with pytest.
    threads = os.cpu_count()
    with tempfile.TemporaryDirectory() as tmp, local_server.llama_server(threads=threads) as server:
        svc = build_services(_settings(Path(tmp), server))
        t0 = time.perf_counter()
        out = {
            "model": f"{server.model} (llama.cpp, Q4_K_M, {threads} threads)",
            "voice": voice_turns(server, svc, scripts),
            "reader": reader_calls(server, svc, scripts),
            "judge": judge_stages(server, svc, scripts),
        }
        out["seconds"] = round(time.perf_counter() - t0, 1)
        svc.db.dispose()
    return out


def render(res: dict) -> str:
    if "skipped" in res:
        return f"Skipped: {res['skipped']}"
    v, r, j = res["voice"], res["reader"], res["judge"]
    rows = [
        [
            "voice turn",
            v["turns"],
            v["p50_s"],
            v["p95_s"],
            f"{v['deadline_misses']} (deadline {v['deadline_s']:.0f} s)",
            f"{v['idle_within_1s']}/{v['turns']}",
            f"{v['fallbacks']}/{v['turns']}",
        ]
    ]
    if "skipped" not in r:
        rows.append(
            [
                "reader call",
                r["calls"],
                r["p50_s"],
                r["p95_s"],
                r["deadline_misses"],
                f"{r['idle_within_1s']}/{r['calls']}",
                f"{r['fallbacks']}/{r['calls']}",
            ]
        )
    rows.append(
        [
            "judge stage",
            j["stages"],
            j["p50_s"],
            j["p95_s"],
            j["deadline_misses"],
            f"{j['idle_within_1s']}/{j['stages']}",
            f"{j['fallbacks']}/{j['stages']}",
        ]
    )
    head = ["call", "N", "p50 s", "p95 s", "deadline misses", "server idle within 1 s",
            "fallbacks"]  # fmt: skip
    notes = [
        "",
        f"Model: {res['model']}; {res['seconds']} s in all.",
        f"Voice fallback reasons: {v['fallback_reasons'] or 'none'}.",
    ]
    if "skipped" not in r:
        notes.append(f"Reader fallback reasons: {r['fallback_reasons'] or 'none'}.")
    else:
        notes.append(f"Reader skipped: {r['skipped']}")
    notes.append(f"Judge stages decided by: {j['decided_by']}; model claims: {j['claims']}.")
    return table(head, rows) + "\n" + "\n".join(notes)


if __name__ == "__main__":
    logging.disable(logging.WARNING)
    print(render(run()))
