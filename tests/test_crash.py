"""A server killed mid-turn (SIGKILL) leaves a session that loads and continues."""

from __future__ import annotations

import contextlib
import os
import signal
import threading

import httpx
import pytest

from bench.fakellm import FakeLLM, free_port, running
from tests.support.mlsd import mlsd_env, mlsd_serve
from tests.support.waiting import eventually


@pytest.mark.slow
def test_sigkill_mid_turn_then_continue(db_url, tmp_path):
    with running(FakeLLM(latency_s=8.0)) as (llm_url, fake):
        env = mlsd_env(
            tmp_path,
            DATABASE_URL=db_url,
            MLSD_LLM="openai",
            OPENAI_BASE_URL=llm_url,
            OPENAI_API_KEY="k",
            MLSD_LLM_MODEL="fake",
            MLSD_TURN_LEASE_S="3",
            MLSD_LLM_TIMEOUT_S="20",
            MLSD_LOG_JSON="false",
        )
        port = free_port()
        with mlsd_serve(port, env) as (base, proc):
            sid = httpx.post(
                f"{base}/v1/sessions", json={"problem_id": "news-feed"}, timeout=30
            ).json()["session"]["id"]

            def doomed() -> None:
                with contextlib.suppress(httpx.HTTPError):  # the server dies under it
                    httpx.post(
                        f"{base}/v1/sessions/{sid}/messages",
                        json={"content": "What is the business goal?"},
                        timeout=30,
                    )

            t = threading.Thread(target=doomed)
            t.start()
            eventually(lambda: fake.requests, timeout=30)  # the turn reached the model
            os.kill(proc.pid, signal.SIGKILL)  # mid-turn: message stored, reply not yet
            proc.wait(timeout=10)
            t.join(timeout=30)

        fake.latency_s = 0.0
        with mlsd_serve(port, env) as (base, _):
            msgs = httpx.get(f"{base}/v1/sessions/{sid}/transcript", timeout=30).json()["messages"]
            assert [(m["seq"], m["role"]) for m in msgs] == [(1, "interviewer"), (2, "candidate")]
            assert msgs[1]["content"] == "What is the business goal?"
            r = httpx.post(
                f"{base}/v1/sessions/{sid}/messages",
                json={"content": "How many users are there?"},
                timeout=60,
            )
            assert r.status_code == 201, r.text
            assert r.json()["reply"]["seq"] == 4
            msgs = httpx.get(f"{base}/v1/sessions/{sid}/transcript", timeout=30).json()["messages"]
            assert [m["seq"] for m in msgs] == [1, 2, 3, 4]
