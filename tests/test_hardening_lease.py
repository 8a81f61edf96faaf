"""A running turn renews its lease (heartbeat), so only a dead holder loses its session, and
a dead one frees it within the (short) lease."""

from __future__ import annotations

import asyncio

from app.llm.client import ChatClient
from app.store import repo
from bench.fakellm import FakeLLM, running
from tests.conftest import build_test_services, fresh_sqlite_url
from tests.support.llm import openai_settings
from tests.support.waiting import eventually


def test_a_slow_turn_keeps_its_lease_alive(base_settings, data_root, bank, retriever, matcher):
    with running(FakeLLM(latency_s=2.0)) as (url, fake):
        settings = openai_settings(
            base_settings, url, database_url=fresh_sqlite_url(data_root), turn_lease_s=0.6
        )
        svc = build_test_services(settings, bank, retriever, matcher, chat=ChatClient(settings))
        interviews = svc.interviews

        async def scenario() -> tuple[bool, bool]:
            row, _ = await asyncio.to_thread(interviews.start, "local", "news-feed", "senior", None)
            turn = asyncio.create_task(
                interviews.turn("local", row.id, "What is the business goal of the feed?")
            )
            # The model has the request: the turn took its lease before sending it. Half a
            # lease past a whole one, the model still writing (2 s): only renewals keep it.
            await asyncio.to_thread(eventually, lambda: fake.requests)
            await asyncio.sleep(1.5 * settings.turn_lease_s)

            def lease_free() -> bool:
                with svc.db.read() as db:
                    return repo.lease_is_free(repo.get_session(db, "local", row.id), repo.utcnow())

            held = not await asyncio.to_thread(lease_free)
            result = await turn
            return held, result.reply is not None and await asyncio.to_thread(lease_free)

        held, released = asyncio.run(scenario())
        svc.db.dispose()
    assert held, "the lease expired while the turn was still running"
    assert released, "the lease was not released when the turn ended"
