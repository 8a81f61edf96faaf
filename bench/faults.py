"""Fault matrix: real `mlsd serve` processes under real faults, one row per fault.

    python -m bench.faults        (also `make faults`, and part of `make bench`)

Rows: PostgreSQL refused, black-holed and healed (through a TCP proxy between the app and the
server); a full disk (the SQLite file on a small tmpfs, filled to the last byte, when this
process may mount one); kill -9 in the middle of a turn (a slow model server holds the turn
open), then a restart; `mlsd serve --workers 2` from an empty data dir, three times.
Each row reports the status codes seen while the fault lasted, the slowest answer, the time
from the end of the fault to the first success, and the candidate messages lost: a message
the server acknowledged (201) that is not in the transcript afterwards, or one stored twice.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx

from app.processes import stop_process
from bench.common import table
from bench.fakellm import FakeLLM, free_port, running
from bench.faultproxy import FaultProxy
from bench.load import _env, _wait_ready

PG_ADMIN_URL = os.environ.get("MLSD_TEST_PG_URL", "postgresql://root@127.0.0.1:5432/test")
FAULT_S = 6.0  # how long each outage lasts
RECOVER_S = 60.0  # give up waiting for recovery after this (reported as such)
MLSD = str(Path(sys.executable).parent / "mlsd")


class Probe:
    """A client that records every answer's status and latency, and what was acknowledged."""

    def __init__(self, base: str):
        self.base = base
        self.http = httpx.Client(base_url=base, timeout=30)
        self.codes: Counter[str] = Counter()
        self.slowest = 0.0
        self.acked: list[str] = []  # candidate messages the server answered 201 to

    def call(self, method: str, path: str, **kw) -> int:
        t0 = time.monotonic()
        try:
            status = self.http.request(method, path, **kw).status_code
        except httpx.HTTPError as exc:
            status = type(exc).__name__
        self.slowest = max(self.slowest, time.monotonic() - t0)
        self.codes[str(status)] += 1
        return status if isinstance(status, int) else 0

    def start(self) -> str:
        """Open a news-feed session; its id."""
        made = self.http.post("/v1/sessions", json={"problem_id": "news-feed"})
        return made.json()["session"]["id"]

    def say(self, sid: str, text: str) -> int:
        status = self.call("POST", f"/v1/sessions/{sid}/messages", json={"content": text})
        if status == 201:
            self.acked.append(text)
        return status

    def reset(self) -> None:
        self.codes.clear()
        self.slowest = 0.0

    def lost(self, sid: str) -> tuple[int, int]:
        """(acknowledged messages missing, candidate messages stored more than once)."""
        messages = self.http.get(f"/v1/sessions/{sid}/transcript").json()["messages"]
        stored = Counter(m["content"] for m in messages if m["role"] == "candidate")
        missing = sum(1 for text in self.acked if stored[text] == 0)
        return missing, sum(n - 1 for n in stored.values() if n > 1)


def _codes(c: Counter[str]) -> str:
    return ", ".join(f"{k}×{n}" for k, n in sorted(c.items())) or "-"


def _until_ok(step: Callable[[], int], limit: float = RECOVER_S) -> float | None:
    """Seconds until `step` first returns a 2xx, or None past `limit`."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < limit:
        if 200 <= step() < 300:
            return time.monotonic() - t0
        time.sleep(0.25)
    return None


def _during(probe: Probe, sid: str, seconds: float = FAULT_S) -> None:
    """Traffic while the fault lasts: reads, writes and readiness checks."""
    end = time.monotonic() + seconds
    n = 0
    while time.monotonic() < end:
        n += 1
        probe.call("GET", f"/v1/sessions/{sid}")
        probe.say(sid, f"during the fault, message {n}: how many users are there?")
        probe.call("GET", "/readyz")


@contextlib.contextmanager
def _server(env: dict[str, str], port: int, *args: str) -> Iterator[subprocess.Popen]:
    Path(env["MLSD_DATA_DIR"]).mkdir(parents=True, exist_ok=True)
    log = open(Path(env["MLSD_DATA_DIR"]) / "serve.log", "ab")  # noqa: SIM115
    proc = subprocess.Popen(
        [MLSD, "serve", "--port", str(port), *args], env=env, stdout=log, stderr=log
    )
    try:
        _wait_ready(f"http://127.0.0.1:{port}/readyz", timeout=120)
        yield proc
    finally:
        stop_process(proc, grace_s=15)
        log.close()


def _prepare(env: dict[str, str]) -> None:
    for step in (["db", "upgrade"], ["kb", "index"]):
        subprocess.run([MLSD, *step], env=env, check=True, capture_output=True)


@contextlib.contextmanager
def _talking(env: dict[str, str]) -> Iterator[tuple[Probe, str]]:
    """A prepared server on a free port, and a session on it that has had one turn."""
    _prepare(env)
    port = free_port()
    with _server(env, port):
        probe = Probe(f"http://127.0.0.1:{port}")
        sid = probe.start()
        probe.say(sid, "What is the business objective?")
        yield probe, sid


def _recover(probe: Probe, step: Callable[[], int]) -> tuple[Counter[str], float | None]:
    """The codes seen during the fault (before recovery began), and the time to recover."""
    during = Counter(probe.codes)
    return during, _until_ok(step)


def _row(
    fault: str,
    probe: Probe,
    recovery: tuple[Counter[str], float | None],
    sid: str,
    note: str = "",
) -> dict:
    missing, dup = probe.lost(sid)
    codes, recovery = recovery
    return {
        "fault": fault,
        "codes": _codes(codes),
        "slowest_s": round(probe.slowest, 2),
        "recovery_s": None if recovery is None else round(recovery, 2),
        "lost": missing,
        "duplicated": dup,
        "note": note,
    }


# -- rows ------------------------------------------------------------------------------------


def database_rows(tmp: Path) -> list[dict]:
    """PostgreSQL refused, then black-holed, each healed; one server process throughout."""
    import psycopg

    try:
        admin = psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=3)
    except psycopg.Error as exc:
        return [{"fault": "database (PostgreSQL)", "note": f"skipped: {exc}"}]
    name = f"mlsd_faults_{uuid.uuid4().hex[:8]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(PG_ADMIN_URL)
    proxy = FaultProxy((parts.hostname or "127.0.0.1", parts.port or 5432))
    user = f"{parts.username}@" if parts.username else ""
    url = urlunsplit(parts._replace(netloc=f"{user}127.0.0.1:{proxy.port}", path=f"/{name}"))
    env = _env(
        tmp / "pg", DATABASE_URL=url, MLSD_DB_CONNECT_TIMEOUT_S="2", MLSD_DB_POOL_TIMEOUT_S="2"
    )
    rows = []
    try:
        with _talking(env) as (probe, sid):
            for mode, label in (("refuse", "refused"), ("blackhole", "black-holed")):
                probe.reset()
                proxy.cut(mode)
                _during(probe, sid)
                proxy.cut("forward")  # healed
                healed = f"healed after {label}: go on"
                recovery = _recover(probe, lambda text=healed: probe.say(sid, text))
                rows.append(_row(f"PostgreSQL {label}, then healed", probe, recovery, sid))
    finally:
        proxy.close()
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,)
        )
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.close()
    return rows


def disk_full_row(tmp: Path) -> dict:
    """The SQLite database on a 16 MB tmpfs, filled by a ballast file, then freed."""
    mount = tmp / "small-disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        return {"fault": "disk full", "note": "skipped: cannot mount a tmpfs here"}
    env = _env(tmp / "disk", DATABASE_URL=f"sqlite:///{mount}/mlsd.db")
    try:
        with _talking(env) as (probe, sid):
            ballast = mount / "ballast"
            # unbuffered, so ENOSPC comes from a write (caught), never from closing the file
            with contextlib.suppress(OSError), open(ballast, "wb", buffering=0) as f:
                while True:  # until ENOSPC: the disk is full to the last block
                    f.write(b"\0" * 65536)
            probe.reset()
            _during(probe, sid)
            ballast.unlink()
            recovery = _recover(probe, lambda: probe.say(sid, "space is back: go on"))
            return _row("disk full (SQLite on tmpfs), then freed", probe, recovery, sid)
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def kill_row(tmp: Path) -> dict:
    """kill -9 while a turn waits on a slow model; restart; the next turn goes through."""
    with running(FakeLLM(latency_s=8.0)) as (llm_url, fake):
        port = free_port()
        env = _env(
            tmp / "kill",
            MLSD_LLM="openai",
            OPENAI_BASE_URL=llm_url,
            OPENAI_API_KEY="k",
            MLSD_LLM_MODEL="fake",
            MLSD_LLM_TIMEOUT_S="20",
        )
        _prepare(env)
        base = f"http://127.0.0.1:{port}"
        probe = Probe(base)
        with _server(env, port) as proc:
            sid = probe.start()
            doomed = "What is the business goal?"
            t = threading.Thread(target=probe.say, args=(sid, doomed))
            t.start()
            deadline = time.monotonic() + 30
            while not fake.requests and time.monotonic() < deadline:
                time.sleep(0.05)
            os.kill(proc.pid, signal.SIGKILL)  # mid-turn: the message is stored, no reply yet
            proc.wait(timeout=10)
            t.join(timeout=30)
        fake.latency_s = 0.0
        killed_at = time.monotonic()
        with _server(env, port):
            restarted = time.monotonic() - killed_at
            recovery = _recover(probe, lambda: probe.say(sid, "How many users are there?"))
            stored = [
                m["content"]
                for m in probe.http.get(f"/v1/sessions/{sid}/transcript").json()["messages"]
            ]
            kept = "kept" if doomed in stored else "LOST"
            return _row(
                "kill -9 mid-turn, restart",
                probe,
                recovery,
                sid,
                f"restart {restarted:.1f} s; the in-flight message was {kept}",
            )


def workers_row(tmp: Path, attempts: int = 3) -> dict:
    """`mlsd serve --workers 2` on an empty data dir (no db upgrade, no index beforehand)."""
    clean, ready_s, lost, dup = 0, [], 0, 0
    codes: Counter[str] = Counter()
    slowest = 0.0
    for i in range(attempts):
        port = free_port()
        env = _env(tmp / f"fresh{i}")
        t0 = time.monotonic()
        try:
            with _server(env, port, "--workers", "2"):
                ready_s.append(time.monotonic() - t0)
                probe = Probe(f"http://127.0.0.1:{port}")
                sid = probe.start()
                for n in range(4):
                    probe.say(sid, f"message {n}: what is the objective?")
                missing, twice = probe.lost(sid)
                lost, dup = lost + missing, dup + twice
                codes.update(probe.codes)
                slowest = max(slowest, probe.slowest)
                log = (Path(env["MLSD_DATA_DIR"]) / "serve.log").read_text(errors="replace")
                clean += "Traceback" not in log and missing == twice == 0
        except RuntimeError:
            pass  # never became ready: counted as not clean
    return {
        "fault": "2 workers from an empty data dir",
        "codes": _codes(codes),
        "slowest_s": round(slowest, 2),
        "recovery_s": round(max(ready_s), 2) if ready_s else None,
        "lost": lost,
        "duplicated": dup,
        "note": f"{clean}/{attempts} clean starts; recovery = slowest start to ready",
    }


def run() -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="mlsd-faults-"))
    try:
        rows = [*database_rows(tmp), disk_full_row(tmp), kill_row(tmp), workers_row(tmp)]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {"rows": rows, "fault_s": FAULT_S}


def render(res: dict) -> str:
    head = [
        "fault",
        "status codes during the fault",
        "slowest answer s",
        "recovery s",
        "messages lost",
        "duplicated",
        "note",
    ]
    body = [
        [
            r["fault"],
            r.get("codes", "-"),
            r.get("slowest_s", "-"),
            "never" if r.get("recovery_s", 0) is None else r.get("recovery_s", "-"),
            r.get("lost", "-"),
            r.get("duplicated", "-"),
            r.get("note", ""),
        ]
        for r in res["rows"]
    ]
    return (
        f"Each outage lasts {res['fault_s']:.0f} s under steady reads, writes and /readyz; "
        "recovery is from the end of the fault to the first acknowledged message.\n\n"
        + table(head, body)
    )


if __name__ == "__main__":
    print(render(run()))
