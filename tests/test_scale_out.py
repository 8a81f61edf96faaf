"""Scale-out: two uvicorn workers sharing PostgreSQL and a real Chroma server (`chroma run`,
shipped with the chromadb package), started by this test."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from bench.fakellm import free_port
from tests.conftest import _reset_pg
from tests.support.mlsd import (
    BIN,
    both_workers,
    build_index,
    mlsd_env,
    mlsd_serve,
    process,
)
from tests.support.waiting import answers_200, eventually

pytestmark = pytest.mark.postgres


@pytest.mark.slow
def test_two_workers_share_postgres_and_a_chroma_server(pg_server, tmp_path):
    _reset_pg(pg_server)
    chroma_port = free_port()
    env = mlsd_env(
        tmp_path / "app",
        DATABASE_URL=pg_server,
        CHROMA_HOST="127.0.0.1",
        CHROMA_PORT=str(chroma_port),
        MLSD_RATE_LIMIT_PER_MINUTE="0",
    )
    chroma = [str(BIN / "chroma"), "run", "--path", str(tmp_path / "chroma")]
    with process([*chroma, "--host", "127.0.0.1", "--port", str(chroma_port)]):
        heartbeat = f"http://127.0.0.1:{chroma_port}/api/v2/heartbeat"
        eventually(lambda: answers_200(heartbeat), timeout=90, interval=0.3)
        assert "rebuilt" in build_index(env)
        with mlsd_serve(free_port(), env, workers=2) as (base, _):
            _interviews_on_both_workers(base)


def _interviews_on_both_workers(base: str) -> None:
    """Twelve interviews, eight at a time, each turn stored in order; both workers answer."""
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
    seen = both_workers(base)
    assert len(seen) == 2, seen
    assert httpx.get(f"{base}/v1/sessions").json()["total"] == 12


@pytest.mark.slow
@pytest.mark.parametrize("attempt", [1, 2, 3])
def test_two_workers_start_cleanly_from_a_fresh_data_dir(tmp_path, attempt):
    """Both workers of `mlsd serve --workers 2` on an empty data dir (embedded SQLite and
    Chroma): migrations and the index build run once, nobody crashes, both answer."""
    env = mlsd_env(tmp_path / f"fresh{attempt}", MLSD_RATE_LIMIT_PER_MINUTE="0")
    log = tmp_path / "serve.log"
    with mlsd_serve(free_port(), env, cwd=tmp_path, log=log, workers=2) as (base, _):
        seen = both_workers(base)
        r = httpx.post(f"{base}/v1/sessions", json={"problem_id": "news-feed"}, timeout=10)
        assert r.status_code == 201, r.text
        text = log.read_text()
        assert "Traceback" not in text and "IndexError" not in text, text[-3000:]
        assert len(seen) == 2, f"only {seen} answered"
