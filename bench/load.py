"""Load: N concurrent scripted interviews against `mlsd serve` (uvicorn, loopback only).

    python -m bench.load

Offline engine at N = 10, 50, 200, then the LLM voice against the fake OpenAI-compatible
server (bench/fakellm.py) with a fixed 500 ms latency at the same N. Each virtual candidate
opens a session and posts TURNS messages one after another; the generator is bounded in count
and time and stops by itself. Also: a bare FastAPI endpoint writing one row to SQLite, as
the baseline for turn overhead.
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import httpx

from app.processes import stop_process
from bench.common import ROOT, summary_ms, table
from bench.fakellm import free_port
from bench.simulate import load_scripts

LEVELS = (10, 50, 200)
TURNS = 6
# Seconds a virtual candidate "types" before each message (uniform 0.5x-1.5x). Real people
# take 30 s or more; 3 s keeps the offered load high (N=200 -> ~55 turns/s) while bounded.
# THINK_S = 0 gives the closed-loop saturation numbers.
THINK_S = 3.0
BASELINE_LEVELS = (1, 10, 50)
LLM_LATENCY_MS = 500
DEADLINE_S = 240  # per load level: the generator gives up (and says so) past this


def _wait_ready(url: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=1.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not become ready")


@contextmanager
def process(args: list[str], env: dict[str, str], ready: str):
    proc = subprocess.Popen(
        args, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        _wait_ready(ready)
        yield proc
    finally:
        stop_process(proc)


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MLSD_", "OPENAI_"))}
    # Capacity is measured, not the per-key limiter: every virtual candidate shares the
    # local tenant, which the default limit (600/min) would throttle.
    env.update(
        {
            "MLSD_DATA_DIR": str(data_dir),
            "MLSD_LLM": "offline",
            "MLSD_RATE_LIMIT_PER_MINUTE": "0",
            **extra,
        }
    )
    return env


@contextmanager
def serve(data_dir: Path, **extra: str):
    port = free_port()
    env = _env(data_dir, MLSD_PORT=str(port), **extra)
    mlsd = str(Path(sys.executable).parent / "mlsd")
    subprocess.run([mlsd, "db", "upgrade"], env=env, cwd=ROOT, check=True, capture_output=True)
    subprocess.run([mlsd, "kb", "index"], env=env, cwd=ROOT, check=True, capture_output=True)
    with process([mlsd, "serve"], env, f"http://127.0.0.1:{port}/readyz") as proc:
        yield f"http://127.0.0.1:{port}", proc.pid


def cpu_s(pid: int) -> float | None:
    """CPU seconds (user + system) a process has used so far; None off Linux."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _candidate(
    client: httpx.AsyncClient,
    base: str,
    pid: str,
    lines: list[str],
    lat: list[float],
    errors: list[str],
    think: float,
    seed: int,
) -> int:
    """One virtual candidate: opens a session, posts up to TURNS of `lines` about `think` s
    apart; returns the turns done (0 if a transport error ended it). Latencies (ms) go to
    `lat`, failures to `errors`."""
    rng = random.Random(seed)
    try:
        await asyncio.sleep(rng.uniform(0, think))  # staggered arrivals
        r = await client.post(f"{base}/v1/sessions", json={"problem_id": pid})
        if r.status_code != 201:
            errors.append(f"create {r.status_code}")
            return 0
        sid = r.json()["session"]["id"]
        done = 0
        for text in lines[:TURNS]:
            await asyncio.sleep(think * rng.uniform(0.5, 1.5))
            t0 = time.perf_counter()
            r = await client.post(f"{base}/v1/sessions/{sid}/messages", json={"content": text})
            if r.status_code != 201:
                errors.append(f"turn {r.status_code}")
                break
            lat.append((time.perf_counter() - t0) * 1000)
            done += 1
            if r.json()["status"] != "active":
                break
        return done
    except httpx.HTTPError as exc:
        errors.append(type(exc).__name__)
        return 0


def _client(n: int) -> httpx.AsyncClient:
    """A client with a connection for each of `n` virtual users, and a few spare."""
    limits = httpx.Limits(max_connections=n + 10, max_keepalive_connections=n + 10)
    return httpx.AsyncClient(timeout=60.0, limits=limits)


async def drive(base: str, n: int, think: float = THINK_S, server_pid: int | None = None) -> dict:
    """Run `n` virtual candidates against `base`; with the server's process id, also the server's
    CPU time per turn (a measure that holds on a shared machine, where latency does not)."""
    scripts = load_scripts()
    pids = sorted(scripts)
    lat: list[float] = []
    errors: list[str] = []
    async with _client(n) as client:
        tasks = []
        for i in range(n):
            pid = pids[i % len(pids)]
            lines = [s.get("ask", s.get("say", "")) for s in scripts[pid]["strong"]]
            tasks.append(_candidate(client, base, pid, lines, lat, errors, think, i))
        t0 = time.perf_counter()
        cpu0 = cpu_s(server_pid) if server_pid else None
        try:
            turns = await asyncio.wait_for(asyncio.gather(*tasks), DEADLINE_S)
        except TimeoutError:
            turns, errors = [len(lat)], [*errors, f"deadline {DEADLINE_S}s reached"]
        wall = time.perf_counter() - t0
        cpu1 = cpu_s(server_pid) if server_pid else None
    cpu_ms = None
    if cpu0 is not None and cpu1 is not None and sum(turns):
        cpu_ms = round((cpu1 - cpu0) * 1000 / sum(turns), 1)
    return {
        "n": n,
        "think_s": think,
        "server_cpu_ms_per_turn": cpu_ms,
        "turns": sum(turns),
        "turns_per_s": round(sum(turns) / wall, 1),
        "latency_ms": summary_ms(lat),
        "errors": len(errors),
        "error_kinds": sorted(set(errors))[:5],
    }


async def drive_bare(base: str, n: int, per_user: int = TURNS) -> dict:
    lat: list[float] = []

    errors: list[str] = []

    async def user(client: httpx.AsyncClient) -> None:
        for _ in range(per_user):
            t0 = time.perf_counter()
            try:
                await client.post(f"{base}/write", json={"content": "hello"})
            except httpx.HTTPError as exc:
                errors.append(type(exc).__name__)
                continue
            lat.append((time.perf_counter() - t0) * 1000)

    async with _client(n) as client:
        t0 = time.perf_counter()
        await asyncio.gather(*(user(client) for _ in range(n)))
        wall = time.perf_counter() - t0
    return {
        "n": n,
        "turns_per_s": round(len(lat) / wall, 1),
        "latency_ms": summary_ms(lat),
        "errors": len(errors),
    }


def run(levels: tuple[int, ...] = LEVELS) -> dict:
    out: dict = {"offline": [], "llm": [], "llm_reader": [], "bare": [], "saturation": []}
    with tempfile.TemporaryDirectory() as tmp:
        with serve(Path(tmp) / "offline") as (base, pid):
            for n in levels:
                out["offline"].append(asyncio.run(drive(base, n, server_pid=pid)))
            for n in BASELINE_LEVELS:  # closed loop, no think time: the overhead comparison
                out["saturation"].append(asyncio.run(drive(base, n, think=0.0, server_pid=pid)))
        port = free_port()
        bare_db = str(Path(tmp) / "bare.sqlite3")
        with process(
            [sys.executable, "-m", "bench.bare", str(port), bare_db],
            _env(Path(tmp)),
            f"http://127.0.0.1:{port}/docs",
        ):
            for n in BASELINE_LEVELS:
                out["bare"].append(asyncio.run(drive_bare(f"http://127.0.0.1:{port}", n)))
        llm_port = free_port()
        fake_llm = [sys.executable, "-m", "bench.fakellm", "--port", str(llm_port)]
        with process(
            [*fake_llm, "--latency-ms", str(LLM_LATENCY_MS)],
            _env(Path(tmp)),
            f"http://127.0.0.1:{llm_port}/v1/models",
        ):
            # The voice alone (one model call a turn), then with the model reader on.
            for mode, reader in (("llm", "false"), ("llm_reader", "true")):
                with serve(
                    Path(tmp) / mode,
                    MLSD_LLM="openai",
                    OPENAI_BASE_URL=f"http://127.0.0.1:{llm_port}/v1",
                    OPENAI_API_KEY="bench",
                    MLSD_LLM_MODEL="fake-model",
                    MLSD_LLM_READER=reader,
                ) as (base, pid):
                    out[mode] = [asyncio.run(drive(base, n, server_pid=pid)) for n in levels]
                    if reader == "true":
                        out["drafts"] = _drafts(base)
    return out


def _drafts(base: str) -> dict[str, int]:
    """Speculative drafts kept or redrafted, from the server's metrics."""
    text = httpx.get(f"{base}/metrics", timeout=10).text
    found = re.findall(r'mlsd_speculative_drafts_total\{outcome="(\w+)"\} (\d+(?:\.\d+)?)', text)
    return {k: int(float(v)) for k, v in found}


def _level_row(voice: str, r: dict) -> list:
    """One load level's row of the table."""
    lat = r["latency_ms"]
    return [
        voice,
        r["n"],
        r["turns"],
        r["turns_per_s"],
        lat["p50"],
        lat["p95"],
        lat["p99"],
        r["errors"],
        r.get("server_cpu_ms_per_turn"),
    ]


def render(res: dict) -> str:
    names = {
        "offline": "offline",
        "llm": f"LLM voice ({LLM_LATENCY_MS} ms)",
        "llm_reader": f"LLM voice + reader ({LLM_LATENCY_MS} ms each)",
    }
    rows = [_level_row(names[mode], r) for mode in names for r in res.get(mode, [])]
    rows += [_level_row("offline, no think time", r) for r in res.get("saturation", [])]
    head = ["voice", "N", "turns", "turns/s", "p50 ms", "p95 ms", "p99 ms", "errors"]
    out = table([*head, "server CPU ms/turn"], rows)
    out += (
        f"\n\nThink time {THINK_S} s (0.5x-1.5x) between a candidate's messages, "
        f"{TURNS} turns each."
    )
    brows = []
    for ours, bare in zip(res["saturation"], res["bare"], strict=True):
        ratio = ours["latency_ms"]["p50"] / max(bare["latency_ms"]["p50"], 0.01)
        brows.append(
            [
                ours["n"],
                bare["latency_ms"]["p50"],
                ours["latency_ms"]["p50"],
                f"{ratio:.1f}x",
                bare["turns_per_s"],
            ]
        )
    out += "\n\n" + table(
        ["N", "bare write p50 ms", "our turn p50 ms", "ratio", "bare writes/s"], brows
    )
    kinds = sorted(
        {
            k
            for mode in ("offline", "llm", "llm_reader", "saturation")
            for r in res.get(mode, [])
            for k in r.get("error_kinds", [])
        }
    )
    if kinds:
        out += f"\n\nError kinds seen: {', '.join(kinds)}"
    llm200 = next((r for r in res["llm"] if r["n"] == 200), None)
    if llm200:
        ratio = llm200["latency_ms"]["p50"] / LLM_LATENCY_MS
        out += (
            f"\n\nAt N = 200 with the model fixed at {LLM_LATENCY_MS} ms, p50 turn latency "
            f"is {ratio:.2f}x the model latency with the voice alone (target <= 1.2x)."
        )
        if llm200.get("server_cpu_ms_per_turn"):
            cpu = llm200["server_cpu_ms_per_turn"]
            out += (
                f" The server spent {cpu} ms of CPU a turn: one worker process (one core, "
                f"the GIL) serves at most about {1000 / cpu:.0f} turns/s, and {llm200['n']} "
                f"candidates thinking {THINK_S} s between messages offer about "
                f"{llm200['n'] / (THINK_S + LLM_LATENCY_MS / 1000):.0f}."
            )
    reader200 = next((r for r in res.get("llm_reader", []) if r["n"] == 200), None)
    drafts = res.get("drafts")
    if reader200 and drafts is not None:
        ratio = reader200["latency_ms"]["p50"] / LLM_LATENCY_MS
        out += (
            f" With the model reader on it is {ratio:.2f}x; the reply is drafted while the "
            "model reads: "
            f"{drafts.get('kept', 0)} drafts kept, {drafts.get('redrafted', 0)} redrafted "
            "(this fake model's reading is empty, so any message with content is redrafted: "
            "the worst case)."
        )
    return out


if __name__ == "__main__":
    levels = tuple(int(x) for x in sys.argv[1:]) or LEVELS
    print(render(run(levels)))
