"""The webhook outbox over both databases: Standard Webhooks signatures checked by the
independent `standardwebhooks` package, the whole retry schedule walked with a fake clock,
racing drainers, redelivery, deleted webhooks, restarts, the 0005 migration of old rows,
and `candidate_ref` in every payload about a session."""

from __future__ import annotations

import asyncio
import base64
import json
import re
import textwrap
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from sqlalchemy import insert, select
from standardwebhooks import Webhook as StandardWebhook
from standardwebhooks import WebhookVerificationError

from app.main import create_app
from app.store import db as store_db
from app.store.models import LOCAL_TENANT_ID, Webhook, WebhookDelivery
from app.store.models import utcnow as utcnow_clock
from app.webhooks import outbox, signing
from app.webhooks.outbox import RETRY_SCHEDULE
from app.webhooks.service import AlreadyQueued, WebhookService
from tests.support.keys import add_key, bearer
from tests.support.receiver import Receiver
from tests.support.waiting import eventually
from tests.test_api import assert_problem

# The outbox is a store table claimed by racing workers: both databases.
pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parent.parent
PROBLEM = "news-feed"
GRADE = {
    "problem_id": PROBLEM,
    "transcript": [{"role": "candidate", "content": "I'd use logistic regression first."}],
}
T0 = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


class FakeClock:
    """Injected as the service's clock: time moves only when the test says so."""

    def __init__(self, now: datetime = T0):
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


@pytest.fixture
def database(settings):
    store_db.upgrade(settings)
    database = store_db.Database(settings)
    yield database
    database.dispose()


def _service(database, clock, **kw) -> WebhookService:
    return WebhookService(database, allow_private=True, clock=clock, **kw)


def _rows(database, webhook_id: str | None = None) -> list[WebhookDelivery]:
    with database.read() as db:
        q = select(WebhookDelivery).order_by(WebhookDelivery.created_at, WebhookDelivery.id)
        if webhook_id:
            q = q.where(WebhookDelivery.webhook_id == webhook_id)
        return list(db.scalars(q).all())


def _wait_rows(database, cond) -> list[WebhookDelivery]:
    """The delivery rows, once `cond(rows)` holds (10 s at most)."""
    return eventually(lambda: (rows := _rows(database)) and cond(rows) and rows)


class _WatchedWake(asyncio.Event):
    """The drain loop's wake-up event, counting who is asleep on it."""

    def __init__(self) -> None:
        super().__init__()
        self.sleepers = 0

    async def wait(self) -> bool:
        self.sleepers += 1
        try:
            return await super().wait()
        finally:
            self.sleepers -= 1


def _independently_signed(secret: str, req: dict) -> bool:
    """The `standardwebhooks` package's signature for the request (its own timestamp,
    which may be a fake clock's) equals the one we sent."""
    h = req["headers"]
    ts = datetime.fromtimestamp(int(h["webhook-timestamp"]), tz=UTC)
    theirs = StandardWebhook(secret).sign(h["webhook-id"], ts, req["body"].decode())
    return theirs in h["webhook-signature"].split()


# -- signatures --------------------------------------------------------------------------


def test_signatures_match_the_standard_webhooks_library():
    secret = signing.generate_secret()
    assert secret.startswith("whsec_") and len(signing.key_of(secret)) == 32
    body = b'{"id":"msg_1","event":"report.ready"}'
    now = int(time.time())
    headers = signing.headers(secret, "msg_1", now, body)
    assert StandardWebhook(secret).verify(body, headers) == json.loads(body)
    assert signing.verify(secret, body, headers)
    tampered = body.replace(b"report", b"rePort")
    with pytest.raises(WebhookVerificationError):
        StandardWebhook(secret).verify(tampered, headers)
    assert not signing.verify(secret, tampered, headers)
    with pytest.raises(WebhookVerificationError):
        StandardWebhook(signing.generate_secret()).verify(body, headers)
    stale = signing.headers(secret, "msg_1", now - 600, body)
    assert not signing.verify(secret, body, stale)
    # A user's secret must be the spec's form, 24 to 64 bytes; others are refused.
    for bad in ("s" * 32, "whsec_" + base64.b64encode(b"x" * 16).decode(), "whsec_!!!"):
        with pytest.raises(signing.BadSecret):
            signing.check_new_secret(bad)
    ok = "whsec_" + base64.b64encode(b"k" * 24).decode()
    assert signing.check_new_secret(ok) == ok


def test_readme_verification_snippet_verifies_real_deliveries(client, services):
    """The receiver snippet in the README, executed against requests we really sent."""
    readme = (ROOT / "README.md").read_text()
    snippet = re.search(r"To verify.*?```python\n(.*?)```", readme, re.S).group(1)
    namespace: dict = {}
    exec(compile(textwrap.dedent(snippet), "README.md", "exec"), namespace)
    readme_verify = namespace["verify"]
    with Receiver() as rx:
        made = client.post("/v1/webhooks", json={"url": rx.url}).json()
        assert client.post("/v1/grade", json=GRADE).status_code == 201
        assert rx.wait_for(1)
        req = rx.requests[0]
        assert readme_verify(made["secret"], req["body"], req["headers"])
        assert StandardWebhook(made["secret"]).verify(req["body"], req["headers"])
        assert not readme_verify(signing.generate_secret(), req["body"], req["headers"])
        assert not readme_verify(made["secret"], req["body"] + b" ", req["headers"])


def test_user_secrets_must_be_whsec(client):
    for bad in ("s" * 32, "whsec_" + base64.b64encode(b"short").decode()):
        r = client.post("/v1/webhooks", json={"url": "http://127.0.0.1:9/h", "secret": bad})
        assert_problem(r, 422)
    assert client.get("/v1/webhooks").json() == []  # bad input changes nothing
    mine = "whsec_" + base64.b64encode(b"m" * 32).decode()
    made = client.post("/v1/webhooks", json={"url": "http://127.0.0.1:9/h", "secret": mine})
    assert made.status_code == 201 and made.json()["secret"] == mine
    generated = client.post("/v1/webhooks", json={"url": "http://127.0.0.1:9/g"}).json()
    assert len(signing.key_of(generated["secret"])) == 32


# -- the schedule, with a fake clock ----------------------------------------------------


def test_fake_clock_walks_the_whole_schedule_then_fails_for_good(database):
    clock = FakeClock()
    svc = _service(database, clock)
    with Receiver(then=500) as rx:
        hook, secret = svc.register(LOCAL_TENANT_ID, rx.url, ["report.ready"], None)
        asyncio.run(svc.emit(LOCAL_TENANT_ID, "report.ready", {"session_id": None}))
        due = T0
        sent_at = []
        for n, delay in enumerate(RETRY_SCHEDULE, start=1):
            due += delay
            if delay > timedelta(0):
                clock.now = due - timedelta(seconds=1)  # one second early: nothing is due
                assert asyncio.run(svc.drain_once()) == 0
                assert len(rx.requests) == n - 1
            clock.now = due
            assert asyncio.run(svc.drain_once()) == 1
            assert len(rx.requests) == n
            req = rx.requests[-1]
            assert int(req["headers"]["webhook-timestamp"]) == int(due.timestamp())
            assert _independently_signed(secret, req)
            (row,) = _rows(database)
            assert row.attempts == n and row.last_attempt_at == due
            assert row.last_status_code == 500 and row.last_error == "HTTP 500"
            if n < len(RETRY_SCHEDULE):
                assert row.status == "pending"
                assert row.next_attempt_at == due + RETRY_SCHEDULE[n]
            sent_at.append(due)
        assert row.status == "failed" and row.next_attempt_at is None
        assert row.claim_token is None
        assert sent_at[-1] - sent_at[0] >= timedelta(hours=24)
        assert [d - T0 for d in sent_at] == [
            timedelta(0),
            timedelta(seconds=5),
            timedelta(minutes=5, seconds=5),
            timedelta(minutes=35, seconds=5),
            timedelta(hours=2, minutes=35, seconds=5),
            timedelta(hours=7, minutes=35, seconds=5),
            timedelta(hours=17, minutes=35, seconds=5),
            timedelta(hours=27, minutes=35, seconds=5),
        ]
        clock.advance(timedelta(days=3))
        assert asyncio.run(svc.drain_once()) == 0  # failed for good: never again
        assert len(rx.requests) == len(RETRY_SCHEDULE)
        assert len({r["headers"]["webhook-id"] for r in rx.requests}) == 1
        assert len({r["body"] for r in rx.requests}) == 1  # the same bytes every time
        assert hook.id == row.webhook_id


def test_4xx_5xx_and_timeouts_are_retried_and_2xx_ends_it(database):
    clock = FakeClock()
    svc = _service(database, clock, timeout_s=0.3)
    with Receiver(script=["timeout", 404, 503], then=204, hang_s=1.5) as rx:
        svc.register(LOCAL_TENANT_ID, rx.url, ["report.ready"], None)
        asyncio.run(svc.emit(LOCAL_TENANT_ID, "report.ready", {"session_id": None}))
        errors = []
        for n in range(1, 5):
            clock.advance(RETRY_SCHEDULE[n - 1])
            assert asyncio.run(svc.drain_once()) == 1
            (row,) = _rows(database)
            errors.append((row.status, row.last_status_code, (row.last_error or "")[:11]))
        assert errors == [
            ("pending", None, "ReadTimeout"),
            ("pending", 404, "HTTP 404"),
            ("pending", 503, "HTTP 503"),
            ("delivered", 204, ""),
        ]
        assert row.delivered_at == clock.now and row.next_attempt_at is None
        clock.advance(timedelta(days=2))
        assert asyncio.run(svc.drain_once()) == 0
        assert len(rx.requests) == 4


def test_ssrf_refusal_at_delivery_fails_for_good_with_the_reason(database):
    clock = FakeClock()
    strict = WebhookService(database, allow_private=False, clock=clock)
    with Receiver() as rx:
        # Registered while allowed (say the name resolved publicly then); refused at delivery.
        _service(database, clock).register(LOCAL_TENANT_ID, rx.url, ["report.ready"], None)
        asyncio.run(strict.emit(LOCAL_TENANT_ID, "report.ready", {"session_id": None}))
        assert asyncio.run(strict.drain_once()) == 1
        (row,) = _rows(database)
        assert row.status == "failed" and row.attempts == 1
        assert row.last_error.startswith("refused:") and "127.0.0.1" in row.last_error
        assert rx.requests == []


# -- concurrency, deletion, restarts ----------------------------------------------------


def test_one_claim_wins_when_many_workers_race_for_a_row(database, settings):
    clock = FakeClock()
    svc = _service(database, clock)
    hook, _ = svc.register(LOCAL_TENANT_ID, "http://127.0.0.1:9/x", ["report.ready"], None)
    for _ in range(5):
        asyncio.run(svc.emit(LOCAL_TENANT_ID, "report.ready", {"session_id": None}))
    others = [store_db.Database(settings) for _ in range(3)]  # other workers' engines
    try:
        for row in _rows(database):
            barrier = threading.Barrier(6)
            won: list = []

            def grab(db_, row_id=row.id, barrier=barrier, won=won) -> None:
                barrier.wait()
                with db_.write() as s:
                    c = outbox.claim(s, row_id, clock(), timedelta(seconds=60))
                if c is not None:
                    won.append(c)

            threads = [
                threading.Thread(target=grab, args=(d,))
                for d in (database, *others, database, others[0])
            ]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            assert len(won) == 1 and won[0].attempt == 1
    finally:
        for d in others:
            d.dispose()


def test_two_drainers_racing_send_each_attempt_once(database, settings):
    clock = FakeClock()
    other_db = store_db.Database(settings)  # a second worker: its own engine and pool
    a, b = _service(database, clock), _service(other_db, clock)
    try:
        with Receiver(then=500) as rx:
            a.register(LOCAL_TENANT_ID, rx.url, ["report.ready"], None)
            for _ in range(20):
                asyncio.run(a.emit(LOCAL_TENANT_ID, "report.ready", {"session_id": None}))

            async def race() -> tuple[int, int]:
                return tuple(await asyncio.gather(a.drain_once(), b.drain_once()))

            for n, delay in enumerate(RETRY_SCHEDULE[:3], start=1):
                clock.advance(delay)
                done = asyncio.run(race())
                assert sum(done) == 20, done  # every due row attempted, by one of them
                assert len(rx.requests) == 20 * n
            per_message: dict[str, int] = {}
            for r in rx.requests:
                per_message[r["headers"]["webhook-id"]] = (
                    per_message.get(r["headers"]["webhook-id"], 0) + 1
                )
            assert sorted(set(per_message.values())) == [3]
            assert {r.attempts for r in _rows(database)} == {3}
    finally:
        other_db.dispose()


def test_deleted_webhook_gets_no_more_attempts(database):
    clock = FakeClock()
    svc = _service(database, clock)
    with Receiver(then=500) as rx:
        hook, _ = svc.register(LOCAL_TENANT_ID, rx.url, ["report.ready"], None)
        keep, _ = svc.register(LOCAL_TENANT_ID, rx.url, ["session.deleted"], None)
        asyncio.run(svc.emit(LOCAL_TENANT_ID, "report.ready", {"session_id": None}))
        asyncio.run(svc.emit(LOCAL_TENANT_ID, "report.ready", {"session_id": None}))
        assert asyncio.run(svc.drain_once()) == 2
        # An attempt in flight when the webhook goes: its outcome finds nothing to update.
        clock.advance(RETRY_SCHEDULE[1])
        with database.write() as db:
            in_flight = outbox.claim(db, _rows(database)[0].id, clock(), timedelta(seconds=60))
        assert in_flight is not None
        assert svc.delete(LOCAL_TENANT_ID, hook.id)
        with database.write() as db:
            assert (
                outbox.finish(
                    db,
                    in_flight,
                    clock(),
                    delivered=False,
                    status_code=500,
                    error="HTTP 500",
                    schedule=RETRY_SCHEDULE,
                )
                is None
            )
        for delay in RETRY_SCHEDULE[1:]:
            clock.advance(delay)
            assert asyncio.run(svc.drain_once()) == 0
        assert len(rx.requests) == 2 and _rows(database, hook.id) == []
        assert svc.list(LOCAL_TENANT_ID)[0].id == keep.id


def test_a_new_instance_resumes_without_duplicates(database, settings):
    clock = FakeClock()
    first = _service(database, clock)
    with Receiver(script=[200, 500]) as rx:
        first.register(LOCAL_TENANT_ID, rx.url, ["report.ready"], None)
        for _ in range(3):
            asyncio.run(first.emit(LOCAL_TENANT_ID, "report.ready", {"session_id": None}))
        rows = _rows(database)
        # The first worker claims all three, sends two (one delivered, one failed), and
        # "crashes" holding the third's claim without sending it.
        claims = first._claim_due(10)
        assert len(claims) == 3
        crashed = next(c for c in claims if c.delivery_id == rows[2].id)

        async def send_but_the_crashed() -> None:
            await asyncio.gather(*(first._attempt(c) for c in claims if c is not crashed))

        asyncio.run(send_but_the_crashed())
        assert len(rx.requests) == 2
        restarted_db = store_db.Database(settings)
        try:
            second = _service(restarted_db, clock)  # a new process over the same database
            assert asyncio.run(second.drain_once()) == 0  # nothing due: no duplicates
            clock.advance(RETRY_SCHEDULE[1])
            assert asyncio.run(second.drain_once()) == 1  # only the failed one's retry
            clock.advance(timedelta(seconds=60))  # the crashed worker's lease runs out
            assert asyncio.run(second.drain_once()) == 1  # the abandoned attempt, once
            clock.advance(timedelta(days=2))
            assert asyncio.run(second.drain_once()) == 0
        finally:
            restarted_db.dispose()
        by_message: dict[str, int] = {}
        for r in rx.requests:
            by_message[r["headers"]["webhook-id"]] = (
                by_message.get(r["headers"]["webhook-id"], 0) + 1
            )
        assert sorted(by_message.values()) == [1, 1, 2]
        assert {r.status for r in _rows(database)} == {"delivered"}
        crashed_row = next(r for r in _rows(database) if r.id == crashed.delivery_id)
        assert crashed_row.attempts == 2  # the lost attempt counts: it may have arrived


def test_the_app_drains_rows_queued_while_it_was_down(settings, services):
    """Rows written with no drain loop running (a stopped server, the CLI) are sent when
    the app starts, once; a second start sends nothing again."""
    with Receiver() as rx:
        services.webhooks.register(LOCAL_TENANT_ID, rx.url, ["report.ready"], None)
        for _ in range(3):
            asyncio.run(services.webhooks.emit(LOCAL_TENANT_ID, "report.ready", {"x": 1}))
        assert rx.requests == []
        with TestClient(create_app(settings, services=services)):
            assert rx.wait_for(3)
            _wait_rows(services.db, lambda rows: {r.status for r in rows} == {"delivered"})
        with TestClient(create_app(settings, services=services)) as c:
            # A new event: the pass that sends it claims every due row, so once it is
            # delivered, any old row sent again would show a second attempt.
            assert c.post("/v1/grade", json=GRADE).status_code == 201
            assert rx.wait_for(4)
            rows = _wait_rows(
                services.db,
                lambda rows: (
                    len(rows) == 4
                    and all(r.status == "delivered" and r.claim_token is None for r in rows)
                ),
            )
        assert [r.attempts for r in rows] == [1, 1, 1, 1]
        assert len(rx.requests) == 4
        assert len({r["headers"]["webhook-id"] for r in rx.requests}) == 4


def test_the_loop_is_woken_by_emits_and_sleeps_until_the_next_retry(database):
    """With a 30 s poll, events still go at once (the emit wakes the loop), retries go when
    due (the loop sleeps until the earliest next attempt), and two slots carry six rows."""
    fast = (timedelta(0), timedelta(milliseconds=300))
    svc = _service(database, utcnow_clock, schedule=fast, poll_s=30.0, max_in_flight=2)
    with Receiver(script=[500, 500]) as rx:
        svc.register(LOCAL_TENANT_ID, rx.url, ["report.ready"], None)

        async def run() -> None:
            svc.start()
            svc._wake = wake = _WatchedWake()  # before the loop's first pass: it reads this
            for _ in range(6):
                await svc.emit(LOCAL_TENANT_ID, "report.ready", {"session_id": None})
            assert await asyncio.to_thread(rx.wait_for, 8, 10.0)
            await asyncio.to_thread(
                _wait_rows, database, lambda rows: {r.status for r in rows} == {"delivered"}
            )
            # Idle now, asleep for up to 30 s: only the emit's nudge can send the next event
            # within 5 s.
            deadline = asyncio.get_running_loop().time() + 10
            while not (wake.sleepers and not wake.is_set()):
                assert asyncio.get_running_loop().time() < deadline, "the loop never slept"
                await asyncio.sleep(0.01)
            await svc.emit(LOCAL_TENANT_ID, "report.ready", {"session_id": None})
            assert await asyncio.to_thread(rx.wait_for, 9, 5.0)
            await svc.stop()

        asyncio.run(run())
        rows = _rows(database)
        assert {r.status for r in rows} == {"delivered"} and len(rx.requests) == 9
        assert sorted(r.attempts for r in rows) == [1, 1, 1, 1, 1, 2, 2]


def test_stop_hands_interrupted_attempts_back(database):
    clock = FakeClock()
    svc = _service(database, clock, timeout_s=30)
    with Receiver(script=["timeout"], hang_s=1.5) as rx:
        svc.register(LOCAL_TENANT_ID, rx.url, ["report.ready"], None)

        async def run() -> None:
            svc.start()
            await svc.emit(LOCAL_TENANT_ID, "report.ready", {"session_id": None})
            assert await asyncio.to_thread(rx.wait_for, 1)
            await svc.stop(grace_s=0.1)

        asyncio.run(run())
        (row,) = _rows(database)
        assert row.status == "pending" and row.next_attempt_at == clock.now
        assert row.attempts == 1 and row.claim_token is None
        assert asyncio.run(svc.drain_once()) == 1  # the next worker sends it
        assert _rows(database)[0].status == "delivered"


# -- API: redelivery, candidate_ref ------------------------------------------------------


def test_redeliver_sends_the_same_message_again(client, services):
    with Receiver() as rx:
        made = client.post("/v1/webhooks", json={"url": rx.url, "events": ["report.ready"]})
        hook = made.json()
        assert client.post("/v1/grade", json=GRADE).status_code == 201
        assert rx.wait_for(1)
        _wait_rows(services.db, lambda rows: rows and rows[0].status == "delivered")
        (first,) = client.get(f"/v1/webhooks/{hook['id']}/deliveries").json()
        r = client.post(f"/v1/webhooks/{hook['id']}/deliveries/{first['id']}/redeliver")
        assert r.status_code == 202
        again = r.json()
        assert again["id"] != first["id"] and again["redelivery_of"] == first["id"]
        assert again["message_id"] == first["message_id"] and again["attempts"] == 0
        assert rx.wait_for(2)
        one, two = rx.requests
        assert one["headers"]["webhook-id"] == two["headers"]["webhook-id"] == first["message_id"]
        assert one["body"] == two["body"]
        assert one["headers"]["x-mlsd-delivery"] == first["id"]
        assert two["headers"]["x-mlsd-delivery"] == again["id"]
        for req in (one, two):
            payload = StandardWebhook(hook["secret"]).verify(req["body"], req["headers"])
            assert payload["id"] == first["message_id"]
        rows = _wait_rows(services.db, lambda rows: {r.status for r in rows} == {"delivered"})
        assert len(rows) == 2
        assert_problem(client.post(f"/v1/webhooks/{hook['id']}/deliveries/dlv_nope/redeliver"), 404)
        assert_problem(
            client.post(f"/v1/webhooks/whk_nope/deliveries/{first['id']}/redeliver"), 404
        )


def test_redeliver_of_a_queued_delivery_is_409(client, services):
    with Receiver(then=500) as rx:
        hook = client.post("/v1/webhooks", json={"url": rx.url, "events": ["report.ready"]}).json()
        assert client.post("/v1/grade", json=GRADE).status_code == 201
        (row,) = _wait_rows(
            services.db, lambda rows: rows and rows[0].attempts == 1 and rows[0].status == "pending"
        )
        body = assert_problem(
            client.post(f"/v1/webhooks/{hook['id']}/deliveries/{row.id}/redeliver"), 409
        )
        assert "pending" in body["detail"]
        assert len(_rows(services.db)) == 1  # nothing queued
    with pytest.raises(AlreadyQueued):
        services.webhooks.redeliver(LOCAL_TENANT_ID, hook["id"], row.id)


def test_redeliver_is_404_across_tenants(client, services):
    services.keys.mode = "keys"  # as if started with MLSD_AUTH_MODE=keys
    a, b = add_key(services, "acme"), add_key(services, "globex")
    with Receiver() as rx:
        hook = client.post(
            "/v1/webhooks", json={"url": rx.url, "events": ["report.ready"]}, headers=bearer(a)
        ).json()
        assert client.post("/v1/grade", json=GRADE, headers=bearer(a)).status_code == 201
        assert rx.wait_for(1)
        (row,) = _wait_rows(services.db, lambda rows: rows and rows[0].status == "delivered")
        url = f"/v1/webhooks/{hook['id']}/deliveries/{row.id}/redeliver"
        body = assert_problem(client.post(url, headers=bearer(b)), 404)
        assert set(body) <= {"type", "title", "status", "detail", "instance"}
        assert len(_rows(services.db)) == 1  # nothing queued for anyone
        # B's own webhook with A's delivery id is a 404 too.
        mine = client.post(
            "/v1/webhooks", json={"url": rx.url, "events": ["report.ready"]}, headers=bearer(b)
        ).json()
        theirs = f"/v1/webhooks/{mine['id']}/deliveries/{row.id}/redeliver"
        assert_problem(client.post(theirs, headers=bearer(b)), 404)
        assert client.post(url, headers=bearer(a)).status_code == 202
        assert rx.wait_for(2)


def test_candidate_ref_in_every_payload_about_a_session(client, services):
    with Receiver() as rx:
        client.post("/v1/webhooks", json={"url": rx.url})
        sid = client.post(
            "/v1/sessions", json={"problem_id": PROBLEM, "candidate_ref": "learner-9"}
        ).json()["session"]["id"]
        client.post(f"/v1/sessions/{sid}/messages", json={"content": "What is the goal?"})
        assert client.post(f"/v1/sessions/{sid}/finish").status_code == 201
        assert client.post(f"/v1/sessions/{sid}/regrade").status_code == 201
        assert rx.wait_for(3)
        assert client.delete(f"/v1/sessions/{sid}").status_code == 204
        assert rx.wait_for(4)
        assert client.post("/v1/grade", json=GRADE).status_code == 201
        assert rx.wait_for(5)
        seen = []
        for req in rx.requests:
            body = json.loads(req["body"])
            seen.append((body["event"], body["data"]["session_id"], body["data"]["candidate_ref"]))
        assert sorted(seen[:3]) == [
            ("report.ready", sid, "learner-9"),
            ("report.ready", sid, "learner-9"),
            ("session.finished", sid, "learner-9"),
        ]
        assert seen[3:] == [
            ("session.deleted", sid, "learner-9"),
            ("report.ready", None, None),
        ]


# -- migration 0005 ----------------------------------------------------------------------


def test_migration_0005_upgrades_old_rows_and_downgrades(empty_settings):
    settings = empty_settings
    store_db.upgrade(settings, "0004")
    database = store_db.Database(settings)
    old_secret = "my-old-secret-of-some-length"
    created = datetime(2026, 11, 29, 8, 0, tzinfo=UTC)
    try:
        with database.engine.begin() as conn:
            conn.execute(
                insert(Webhook.__table__).values(
                    id="whk_old",
                    tenant_id=LOCAL_TENANT_ID,
                    url="http://127.0.0.1:9/h",
                    secret=old_secret,
                    events={"types": ["report.ready"]},
                    active=True,
                    created_at=created,
                )
            )
            # The table as revision 0004 has it (the model has more columns now).
            old_deliveries = sa.table(
                "webhook_deliveries",
                *(sa.column(c) for c in ("id", "tenant_id", "webhook_id", "event", "status")),
                sa.column("payload", sa.JSON),
                sa.column("attempts", sa.Integer),
                sa.column("created_at", sa.DateTime(timezone=True)),
            )
            for i, status in enumerate(("pending", "delivered", "failed")):
                conn.execute(
                    insert(old_deliveries).values(
                        id=f"dlv_{i}",
                        tenant_id=LOCAL_TENANT_ID,
                        webhook_id="whk_old",
                        event="report.ready",
                        payload={},
                        status=status,
                        attempts=i + 1,
                        created_at=created,
                    )
                )
        store_db.upgrade(settings)
        rows = {r.id: r for r in _rows(database)}
        assert {r.message_id for r in rows.values()} == set(rows)  # old body id kept
        assert all(r.occurred_at == created for r in rows.values())
        assert rows["dlv_0"].next_attempt_at == created  # pending: due at once
        assert rows["dlv_1"].next_attempt_at is None and rows["dlv_2"].next_attempt_at is None
        with database.read() as db:
            secret = db.get(Webhook, "whk_old").secret
        assert signing.key_of(secret) == old_secret.encode()  # same key, new form
        # The outbox picks the old pending row up and signs it with the carried-over key.
        svc = _service(database, FakeClock(created + timedelta(minutes=1)))
        claims = svc._claim_due(10)
        assert [c.delivery_id for c in claims] == ["dlv_0"] and claims[0].attempt == 2
        # Down again: the claimed row is pending for the old sender, the secret restored.
        store_db.downgrade(settings, "0004")
        with database.engine.connect() as conn:
            assert (
                conn.exec_driver_sql(
                    "SELECT secret FROM webhooks WHERE id = 'whk_old'"
                ).scalar_one()
                == old_secret
            )
            statuses = dict(conn.exec_driver_sql("SELECT id, status FROM webhook_deliveries").all())
        assert statuses == {"dlv_0": "pending", "dlv_1": "delivered", "dlv_2": "failed"}
        store_db.upgrade(settings)
    finally:
        database.dispose()
