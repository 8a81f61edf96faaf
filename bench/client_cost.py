"""CPU cost of one model call on our side, for comparing two versions of the chat client.

    python -m bench.client_cost [--calls 100] [--passes 5]

Runs the fake OpenAI-compatible server (bench/fakellm.py) as a process of its own, so its work
is not counted, and makes `--calls` sequential voice calls with a transcript-sized prompt
through `ChatClient.complete`. Prints this process's CPU time per call (fastest and median
pass), the Python function calls per call, and how many TCP connections the calls opened: on a
shared machine the fastest pass is the one least disturbed, so two versions measured this way
compare fairly.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import logging
import pstats
import subprocess
import sys
import time

import httpx
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

from app.config import Settings
from app.llm.client import VOICE, ChatClient
from bench.fakellm import free_port

# A prompt the size of a mid-interview voice call: instructions, four exchanges, the draft.
PROMPT = [
    SystemMessage("You are the interviewer. Keep the draft's facts and numbers. " * 40),
    *[HumanMessage("We would log impressions and clicks per user " * 8), AIMessage("Go on. " * 10)]
    * 4,
    HumanMessage("<draft>Which labels would you train on, and how would you get them?</draft>"),
]


def _serve() -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "bench.fakellm", "--port", str(port)])
    url = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"{url}/models", timeout=1.0)
            return proc, url
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.terminate()
    raise RuntimeError("fake model server did not start")


async def _measure(client: ChatClient, calls: int, passes: int) -> dict:
    for _ in range(20):  # warm: imports, the pool's first connection
        await client.complete(PROMPT, VOICE)
    per_call = []
    for _ in range(passes):
        t0 = time.process_time()
        for _ in range(calls):
            await client.complete(PROMPT, VOICE)
        per_call.append((time.process_time() - t0) * 1000 / calls)
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(calls):
        await client.complete(PROMPT, VOICE)
    profile.disable()
    stats = pstats.Stats(profile)
    connects = sum(
        n
        for (_, _, name), (n, *_rest) in stats.stats.items()
        if name == "<method 'connect' of '_socket.socket' objects>"
    )
    per_call.sort()
    return {
        "cpu_ms_min": round(per_call[0], 2),
        "cpu_ms_median": round(per_call[len(per_call) // 2], 2),
        "python_calls_per_call": round(stats.total_calls / calls),
        "connections_opened_per_call": round(connects / calls, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=100)
    parser.add_argument("--passes", type=int, default=5)
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    proc, url = _serve()
    try:
        settings = Settings(
            _env_file=None,
            llm="openai",
            openai_base_url=url,
            openai_api_key="bench",
            llm_model="fake-model",
        )
        result = asyncio.run(_measure(ChatClient(settings), args.calls, args.passes))
    finally:
        proc.terminate()
    for key, value in result.items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
