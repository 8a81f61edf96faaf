"""Interviewer turn overhead and prompt growth.

    python -m bench.agent

1. Offline turn overhead: every scripted candidate (tests/data/candidates) through the
   service's turn loop with the template voice, SQLite on disk; p50/p95/p99 per turn. Also
   the same through the HTTP API (FastAPI TestClient, no network).
2. Prompt tokens per turn with the LLM voice against the local OpenAI-compatible server
   (real HTTP), at turns 5, 20 and 40 of one long interview, next to a naive agent that sends
   the whole transcript every turn (same token counter).
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from app.config import Settings
from app.main import build_services, create_app
from bench.common import summary_ms, table
from bench.fakellm import FakeLLM, count_tokens, running
from bench.simulate import load_scripts

LONG_PROBLEM = "video-recommendation"


def _settings(tmp: Path, **extra) -> Settings:
    return Settings(**{"data_dir": tmp, "llm": "offline", "_env_file": None, **extra})


def offline_overhead() -> dict:
    scripts = load_scripts()
    with tempfile.TemporaryDirectory() as tmp:
        svc = build_services(_settings(Path(tmp)))

        async def drive() -> list[float]:
            times: list[float] = []
            for pid, ladder in scripts.items():
                for level in ("strong", "average", "weak", "silent"):
                    row, _ = svc.interviews.start("local", pid, "senior")
                    for step in ladder[level]:
                        text = step.get("ask", step.get("say", ""))
                        t0 = time.perf_counter()
                        result = await svc.interviews.turn("local", row.id, text)
                        times.append((time.perf_counter() - t0) * 1000)
                        if result.session.status != "active":
                            break
            return times

        service_times = asyncio.run(drive())
        http_times: list[float] = []
        with TestClient(create_app(svc.settings, services=svc)) as client:
            for pid, ladder in list(scripts.items())[:5]:
                sid = client.post("/v1/sessions", json={"problem_id": pid}).json()["session"]["id"]
                for step in ladder["strong"]:
                    t0 = time.perf_counter()
                    r = client.post(
                        f"/v1/sessions/{sid}/messages",
                        json={"content": step.get("ask", step.get("say", ""))},
                    )
                    http_times.append((time.perf_counter() - t0) * 1000)
                    if r.json()["status"] != "active":
                        break
        svc.db.dispose()
    return {
        "turns": len(service_times),
        "service_ms": summary_ms(service_times),
        "http_ms": summary_ms(http_times),
    }


def long_interview_steps() -> list[str]:
    """A slow, talkative candidate: questions, thin answers, detours, then real answers, so
    the interview runs to 40+ turns before it wraps up."""
    strong = [s.get("ask", s.get("say")) for s in load_scripts()[LONG_PROBLEM]["strong"]]
    filler = [
        "Sorry, give me a moment, my cat just walked across the keyboard.",
        "Hmm, hold on a second, let me grab some water.",
        "Sorry about that, the doorbell rang.",
    ]
    steps: list[str] = []
    for i, text in enumerate(strong):
        steps += [filler[i % len(filler)], text, filler[(i + 1) % len(filler)]]
    return steps * 2


def prompt_growth() -> dict:
    steps = long_interview_steps()
    with tempfile.TemporaryDirectory() as tmp, running(FakeLLM()) as (url, fake):
        settings = _settings(
            Path(tmp),
            llm="openai",
            openai_base_url=url,
            openai_api_key="bench",
            llm_model="fake-model",
            interview_minutes=600,
        )
        svc = build_services(settings)
        assert svc.interviews.voice.name == "llm"

        async def drive() -> tuple[list[int], list[int]]:
            row, opening = svc.interviews.start("local", LONG_PROBLEM, "senior")
            transcript = [opening.content]
            ours: list[int] = []
            naive: list[int] = []
            system = "You are an ML system design interviewer."
            for text in steps:
                transcript.append(text)
                before = len(fake.requests)
                result = await svc.interviews.turn("local", row.id, text)
                usage = result.reply.meta.get("usage") or {}
                if len(fake.requests) > before and usage:
                    ours.append(int(usage["input_tokens"]))
                    naive.append(count_tokens(system + " " + " ".join(transcript)))
                transcript.append(result.reply.content)
                if result.session.status != "active":
                    break
            return ours, naive

        ours, naive = asyncio.run(drive())
        svc.db.dispose()
    at = {}
    for turn in (5, 20, 40):
        if len(ours) >= turn:
            at[turn] = {"ours": ours[turn - 1], "naive": naive[turn - 1]}
    return {"turns": len(ours), "at": at}


def run() -> dict:
    return {"overhead": offline_overhead(), "tokens": prompt_growth()}


def render(res: dict) -> str:
    o, t = res["overhead"], res["tokens"]
    s, h = o["service_ms"], o["http_ms"]
    rows = [
        ["turn overhead, service (offline voice)", s["p50"], s["p95"], s["p99"]],
        ["turn overhead, via HTTP API (TestClient)", h["p50"], h["p95"], h["p99"]],
    ]
    out = table(["interviewer", "p50 ms", "p95 ms", "p99 ms"], rows)
    out += f"\n\n{o['turns']} scripted turns; target p95 < 25 ms.\n\n"
    trows = []
    for turn, v in t["at"].items():
        trows.append([turn, v["ours"], v["naive"], f"{v['ours'] / v['naive']:.2f}"])
    out += table(["turn", "prompt tokens (ours)", "naive full transcript", "ratio"], trows)
    at = t["at"]
    if 5 in at and 40 in at:
        out += f"\n\nturn 40 / turn 5 prompt tokens: {at[40]['ours'] / at[5]['ours']:.2f} "
        out += "(target <= 1.3)"
    return out


if __name__ == "__main__":
    print(render(run()))
