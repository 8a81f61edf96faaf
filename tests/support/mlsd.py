"""`mlsd` in subprocesses: real servers for the scale-out and crash tests."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

import httpx

from app.processes import stop_process
from tests.support.waiting import answers_200, eventually

BIN = Path(sys.executable).parent  # mlsd, chroma
ROOT = Path(__file__).resolve().parents[2]


def mlsd_env(data_dir: Path, **env: str) -> dict[str, str]:
    """The environment for an `mlsd` subprocess: this one's, without the settings of the
    caller's own setup (MLSD_*, OPENAI_*, DATABASE_URL, CHROMA_HOST), with the offline model,
    no telemetry, `data_dir`, and `env`."""
    mine = {"DATABASE_URL", "CHROMA_HOST"}
    out = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("MLSD_", "OPENAI_")) and k not in mine
    }
    out.update(
        {"MLSD_DATA_DIR": str(data_dir), "MLSD_LLM": "offline", "ANONYMIZED_TELEMETRY": "False"}
    )
    out.update(env)
    return out


def build_index(env: dict[str, str]) -> str:
    """`mlsd kb index`, which must succeed; returns what it printed."""
    out = subprocess.run(
        [str(BIN / "mlsd"), "kb", "index"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout


class Server(NamedTuple):
    url: str  # http://127.0.0.1:PORT
    process: subprocess.Popen


@contextmanager
def process(args: list[str], log: Path | None = None, **popen: Any) -> Iterator[subprocess.Popen]:
    """Run `args` for the block (output to `log`, or dropped), then stop it: terminate, and
    kill what lingers."""
    with open(log or os.devnull, "w") as out:
        proc = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, **popen)
    try:
        yield proc
    finally:
        stop_process(proc, grace_s=15)


@contextmanager
def mlsd_serve(
    port: int, env: dict[str, str], workers: int = 1, cwd: Path = ROOT, log: Path | None = None
) -> Iterator[Server]:
    """`mlsd serve` on `port` with `workers` processes, ready (GET /readyz answers 200) for
    the block."""
    args = [str(BIN / "mlsd"), "serve", "--port", str(port), "--workers", str(workers)]
    with process(args, log=log, env=env, cwd=cwd) as proc:
        url = f"http://127.0.0.1:{port}"
        eventually(lambda: answers_200(f"{url}/readyz"), timeout=120, interval=0.3)
        yield Server(url, proc)


def both_workers(base: str, timeout: float = 30.0) -> set[str]:
    """Ask /healthz on fresh connections (the kernel spreads them over the workers) until
    two worker instances have answered; returns the instances seen (fewer on timeout)."""
    seen: set[str] = set()
    deadline = time.monotonic() + timeout
    while len(seen) < 2 and time.monotonic() < deadline:
        # verify=False: plain http, and loading the CA bundle per request costs ~50 ms.
        r = httpx.get(f"{base}/healthz", headers={"connection": "close"}, timeout=5, verify=False)
        assert r.status_code == 200
        seen.add(r.json()["instance"])
    return seen
