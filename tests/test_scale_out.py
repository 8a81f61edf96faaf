"""Scale-out: two uvicorn workers sharing PostgreSQL and a real Chroma server (`chroma run`,
shipped with the chromadb package), started by this test."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from bench.fakellm import free_port
from tests.conftest import ROOT, _reset_pg

BIN = Path(sys.executable).parent


def _wait(url: str, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} not ready")


@pytest.mark.slow
def test_two_workers_share_postgres_and_a_chroma_server(pg_server, tmp_path):
    _reset_pg(pg_server)
    chroma_port, app_port = free_port(), free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MLSD_", "OPENAI_"))}
    env.update(
        {
            "MLSD_DATA_DIR": str(tmp_path / "app"),
            "DATABASE_URL": pg_server,
            "CHROMA_HOST": "127.0.0.1",
            "CHROMA_PORT": str(chroma_port),
            "MLSD_LLM": "offline",
            "MLSD_RATE_LIMIT_PER_MINUTE": "0",
            "ANONYMIZED_TELEMETRY": "False",
        }
    )
    procs = []
    try:
        procs.append(
            subprocess.Popen(
                [
                    str(BIN / "chroma"),
                    "run",
                    "--path",
                    str(tmp_path / "chroma"),
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(chroma_port),
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        _wait(f"http://127.0.0.1:{chroma_port}/api/v2/heartbeat")
        out = subprocess.run(
            [str(BIN / "mlsd"), "kb", "index"],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert out.returncode == 0, out.stderr[-2000:]
        assert "rebuilt" in out.stdout
        procs.append(
            subprocess.Popen(
                [str(BIN / "mlsd"), "serve", "--port", str(app_port), "--workers", "2"],
                env=env,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        base = f"http://127.0.0.1:{app_port}"
        _wait(f"{base}/readyz")
        ready = httpx.get(f"{base}/readyz").json()
        assert ready["checks"]["index"].startswith("ok")

        def interview(i: int) -> tuple[str, list[int]]:
            with httpx.Client(base_url=base, timeout=60) as c:
                sid = c.post("/v1/sessions", json={"problem_id": "news-feed"}).json()
                sid = sid["session"]["id"]
                codes = [
                    c.post(f"/v1/sessions/{sid}/messages", json={"content": text}).status_code
                    for text in (
                        "What is the business goal?",
                        "How many users?",
                        "I'd frame it as pointwise ranking of engagement.",
                    )
                ]
                return sid, codes

        with ThreadPoolExecutor(8) as pool:
            results = list(pool.map(interview, range(12)))
        for sid, codes in results:
            assert codes == [201, 201, 201]
            t = httpx.get(f"{base}/v1/sessions/{sid}/transcript").json()["messages"]
            assert [m["seq"] for m in t] == list(range(1, 8))
        # Both workers answered (fresh connections are spread by the kernel).
        seen = {
            httpx.get(f"{base}/healthz", headers={"connection": "close"}).json()["instance"]
            for _ in range(60)
        }
        assert len(seen) >= 2, seen
        assert httpx.get(f"{base}/v1/sessions").json()["total"] == 12
    finally:
        for p in reversed(procs):
            p.terminate()
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                p.kill()


@pytest.mark.slow
@pytest.mark.parametrize("attempt", [1, 2, 3])
def test_two_workers_start_cleanly_from_a_fresh_data_dir(tmp_path, attempt):
    """Both workers of `mlsd serve --workers 2` on an empty data dir (embedded SQLite and
    Chroma): migrations and the index build run once, nobody crashes, both answer."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MLSD_", "OPENAI_"))}
    env.pop("DATABASE_URL", None)
    env.pop("CHROMA_HOST", None)
    env.update(
        {
            "MLSD_DATA_DIR": str(tmp_path / f"fresh{attempt}"),
            "MLSD_LLM": "offline",
            "MLSD_RATE_LIMIT_PER_MINUTE": "0",
            "ANONYMIZED_TELEMETRY": "False",
        }
    )
    log = tmp_path / "serve.log"
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [str(BIN / "mlsd"), "serve", "--port", str(port), "--workers", "2"],
            env=env,
            cwd=tmp_path,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait(f"http://127.0.0.1:{port}/readyz", timeout=120)
        seen = set()
        deadline = time.monotonic() + 30
        while len(seen) < 2 and time.monotonic() < deadline:
            with httpx.Client(timeout=5) as client:  # a fresh connection each time
                r = client.get(f"http://127.0.0.1:{port}/healthz")
            assert r.status_code == 200
            seen.add(r.json().get("instance"))
        r = httpx.post(
            f"http://127.0.0.1:{port}/v1/sessions", json={"problem_id": "news-feed"}, timeout=10
        )
        assert r.status_code == 201, r.text
        text = log.read_text()
        assert "Traceback" not in text and "IndexError" not in text, text[-3000:]
        assert len(seen) == 2, f"only {seen} answered"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
