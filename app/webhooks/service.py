"""Register webhooks, queue deliveries in the database outbox, drain it in the background.

Emitting an event only writes rows (one per subscribed webhook) and nudges this process's
drain loop; the API call never waits for a receiver. The loop (started by the app's
lifespan, one per worker) claims due rows, sends each attempt once, and records the outcome
and the next attempt's time on the row, so the retry schedule survives restarts and any
worker can continue it. Delivery is at least once: a worker that dies mid-attempt leaves a
claim that expires after `lease`, and the attempt is made again by whoever drains next."""

from __future__ import annotations

import asyncio
import builtins
import contextlib
import logging
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Any, Literal, get_args

from anyio import to_thread
from sqlalchemy import func, select

from app.errors import Conflict, LimitExceeded
from app.store import repo
from app.store.db import Database
from app.store.models import (
    InterviewSession,
    Tenant,
    Webhook,
    WebhookDelivery,
    new_id,
    utcnow,
)
from app.webhooks import outbox, sender, signing, ssrf
from app.webhooks.outbox import RETRY_SCHEDULE, Claim

log = logging.getLogger(__name__)

EventName = Literal["session.finished", "report.ready", "session.deleted"]
EVENTS: tuple[EventName, ...] = get_args(EventName)
Clock = Callable[[], datetime]


class TooManyWebhooks(LimitExceeded):
    """The tenant has as many webhooks as it may have."""

    default_code = "webhook-limit"


class AlreadyQueued(Conflict):
    """Redelivery of a delivery that is still pending or being sent."""


class WebhookService:
    """Webhook registry plus the outbox's producer (`emit`) and consumer (the drain loop).

    `schedule` (delays before each attempt) and `clock` are injectable so a test can walk
    the whole schedule with a fake clock; `lease` must exceed `timeout_s`."""

    def __init__(
        self,
        db: Database,
        allow_private: bool = False,
        *,
        schedule: tuple[timedelta, ...] = RETRY_SCHEDULE,
        clock: Clock = utcnow,
        poll_s: float = 2.0,
        lease: timedelta = timedelta(seconds=60),
        timeout_s: float = sender.TIMEOUT_S,
        max_in_flight: int = 16,
        max_per_tenant: int = 10,
    ):
        if lease.total_seconds() <= timeout_s:
            raise ValueError("the claim lease must outlast an attempt's timeout")
        self.db = db
        # One event is one delivery per webhook: the cap bounds what one call can fan out to.
        self.max_per_tenant = max_per_tenant
        self.allow_private = allow_private  # on-prem: private and loopback targets allowed
        self.schedule = schedule
        self.clock = clock
        self.poll_s = poll_s
        self.lease = lease
        self.timeout_s = timeout_s
        self.max_in_flight = max_in_flight
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None
        self._runner: asyncio.Task | None = None
        self._starts = 0  # nested app lifespans (one per client of the same app) share the loop
        self._in_flight: dict[asyncio.Task, Claim] = {}

    # -- registry ---------------------------------------------------------------------------

    def register(
        self, tenant_id: str, url: str, events: Iterable[str], secret: str | None
    ) -> tuple[Webhook, str]:
        """Store a webhook; returns it with its secret (generated in `whsec_` form when none
        is given; a given one must already be in that form: signing.BadSecret otherwise)."""
        ssrf.check(url, self.allow_private)  # BlockedTarget (422) for internal targets
        secret = signing.check_new_secret(secret) if secret else signing.generate_secret()
        hook = Webhook(
            id=new_id("whk"),
            tenant_id=tenant_id,
            url=url,
            secret=secret,
            events={"types": sorted(set(events))},
        )
        with self.db.write() as db:
            repo.ensure_tenant(db, tenant_id)
            # concurrent registrations of one tenant count one at a time (PostgreSQL row lock)
            db.execute(select(Tenant.id).where(Tenant.id == tenant_id).with_for_update())
            count = db.scalar(
                select(func.count()).select_from(Webhook).where(Webhook.tenant_id == tenant_id)
            )
            if (count or 0) >= self.max_per_tenant:
                raise TooManyWebhooks(
                    f"this tenant already has {count} webhooks (at most {self.max_per_tenant}); "
                    "delete one first"
                )
            db.add(hook)
        return hook, secret

    # Annotations below this method say `builtins.list`: in the class body `list` is it.
    def list(self, tenant_id: str) -> list[Webhook]:
        with self.db.read() as db:
            return list(
                db.scalars(
                    select(Webhook)
                    .where(Webhook.tenant_id == tenant_id)
                    .order_by(Webhook.created_at)
                ).all()
            )

    def delete(self, tenant_id: str, webhook_id: str) -> bool:
        """Remove a webhook; its deliveries go with it (ON DELETE CASCADE), so nothing more
        is attempted, and an attempt in flight finds its claim gone."""
        with self.db.write() as db:
            hook = db.get(Webhook, webhook_id)
            if hook is None or hook.tenant_id != tenant_id:
                return False
            db.delete(hook)
            return True

    def deliveries(self, tenant_id: str, webhook_id: str) -> builtins.list[WebhookDelivery] | None:
        with self.db.read() as db:
            hook = db.get(Webhook, webhook_id)
            if hook is None or hook.tenant_id != tenant_id:
                return None
            return list(
                db.scalars(
                    select(WebhookDelivery)
                    .where(WebhookDelivery.webhook_id == webhook_id)
                    .order_by(WebhookDelivery.created_at, WebhookDelivery.id)
                ).all()
            )

    def redeliver(
        self, tenant_id: str, webhook_id: str, delivery_id: str
    ) -> WebhookDelivery | None:
        """Queue a delivered or failed delivery's event again as a new delivery with the same
        message id (receivers deduplicate on `webhook-id`), due now. None when the webhook or
        delivery is not the tenant's; AlreadyQueued while it is pending or being sent."""
        now = self.clock()
        with self.db.write() as db:
            hook = db.get(Webhook, webhook_id)
            old = db.get(WebhookDelivery, delivery_id)
            if (
                hook is None
                or hook.tenant_id != tenant_id
                or old is None
                or old.webhook_id != webhook_id
            ):
                return None
            if old.status in (outbox.PENDING, outbox.DELIVERING):
                raise AlreadyQueued(
                    f"delivery '{delivery_id}' is {old.status}; it will be attempted again"
                )
            new = WebhookDelivery(
                id=new_id("dlv"),
                tenant_id=tenant_id,
                webhook_id=webhook_id,
                message_id=old.message_id,
                event=old.event,
                payload=dict(old.payload or {}),
                occurred_at=old.occurred_at,
                status=outbox.PENDING,
                next_attempt_at=now,
                redelivery_of=old.id,
                created_at=now,
            )
            db.add(new)
        self.nudge()
        return new

    # -- producing --------------------------------------------------------------------------

    def _record(self, tenant_id: str, event: str, payload: dict[str, Any]) -> builtins.list[str]:
        now = self.clock()
        with self.db.write() as db:
            hooks = db.scalars(
                select(Webhook).where(Webhook.tenant_id == tenant_id, Webhook.active.is_(True))
            ).all()
            payload = _with_candidate_ref(db, payload)
            message_id = new_id("msg")  # one event: one message id for every webhook
            ids = []
            for hook in hooks:
                if event not in (hook.events or {}).get("types", EVENTS):
                    continue
                d = WebhookDelivery(
                    id=new_id("dlv"),
                    tenant_id=tenant_id,
                    webhook_id=hook.id,
                    message_id=message_id,
                    event=event,
                    payload=payload,
                    occurred_at=now,
                    status=outbox.PENDING,
                    next_attempt_at=now + self.schedule[0],
                    created_at=now,
                )
                db.add(d)
                ids.append(d.id)
            return ids

    async def emit(self, tenant_id: str, event: str, payload: dict[str, Any]) -> builtins.list[str]:
        """Queue one delivery per subscribed webhook (committed before returning) and wake
        this process's drain loop; returns the delivery ids."""
        ids = await to_thread.run_sync(self._record, tenant_id, event, payload)
        if ids:
            self.nudge()
        return ids

    # -- draining ---------------------------------------------------------------------------

    def _claim_due(self, limit: int) -> builtins.list[Claim]:
        now = self.clock()
        with self.db.read() as db:
            ids = outbox.due_ids(db, now, limit)
        claims = []
        for delivery_id in ids:
            with self.db.write() as db:
                claim = outbox.claim(db, delivery_id, now, self.lease)
            if claim is not None:
                claims.append(claim)
        return claims

    def _finish(self, claim: Claim, result: sender.Outcome, give_up: bool = False) -> None:
        with self.db.write() as db:
            status = outbox.finish(
                db,
                claim,
                self.clock(),
                delivered=result.delivered,
                status_code=result.status_code,
                error=result.error,
                schedule=self.schedule,
                give_up=give_up or result.refused,
            )
        if status == outbox.FAILED:
            log.warning(
                "webhook delivery %s failed for good after %d attempts: %s",
                claim.delivery_id,
                claim.attempt,
                result.error,
            )
        elif status is None:
            log.info("webhook delivery %s: claim lost (deleted or taken over)", claim.delivery_id)

    async def _attempt(self, claim: Claim) -> None:
        if claim.attempt > len(self.schedule):
            # The last attempt's worker stopped before recording it: nothing is left to try.
            gone = sender.Outcome(None, "the worker making the last attempt stopped")
            await to_thread.run_sync(self._finish, claim, gone, True)
            return
        result = await sender.post(
            claim, int(self.clock().timestamp()), self.allow_private, self.timeout_s
        )
        await to_thread.run_sync(self._finish, claim, result)

    async def drain_once(self, limit: int = 100) -> int:
        """Claim every due row (up to `limit`), attempt each once, wait for all; returns how
        many attempts were made. The loop uses the same steps without waiting."""
        claims = await to_thread.run_sync(self._claim_due, limit)
        await asyncio.gather(*(self._attempt(c) for c in claims))
        return len(claims)

    def nudge(self) -> None:
        """Wake the drain loop now (an event was queued); a no-op when it is not running."""
        loop, wake = self._loop, self._wake
        if loop is None or wake is None or loop.is_closed():
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            wake.set()
        else:
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
                loop.call_soon_threadsafe(wake.set)

    def start(self) -> None:
        """Start the drain loop on the running event loop (idempotent: a nested start only
        counts, and the loop stops with the outermost `stop`)."""
        self._starts += 1
        if self._runner is not None and not self._runner.done():
            return
        self._loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()
        self._runner = self._loop.create_task(self._run(), name="webhook-drain")

    async def stop(self, grace_s: float = 2.0) -> None:
        """Stop the loop; attempts still running after `grace_s` are cancelled and their rows
        handed back (due at once) for the next worker."""
        self._starts = max(0, self._starts - 1)
        if self._starts:
            return  # an outer lifespan still runs the loop, on its own event loop
        runner, self._runner = self._runner, None
        if runner is not None:
            runner.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await runner
        if self._in_flight:
            await asyncio.wait(list(self._in_flight), timeout=grace_s)
        left = dict(self._in_flight)
        for task in left:
            task.cancel()
        if left:
            await asyncio.gather(*left, return_exceptions=True)
            now = self.clock()

            def hand_back() -> None:
                for claim in left.values():
                    with self.db.write() as db:
                        outbox.release(db, claim, now)

            await to_thread.run_sync(hand_back)
        self._in_flight.clear()
        self._loop = self._wake = None

    def _spawn(self, claim: Claim) -> None:
        task = asyncio.get_running_loop().create_task(self._attempt(claim))
        self._in_flight[task] = claim

        def done(t: asyncio.Task) -> None:
            if not t.cancelled():
                self._in_flight.pop(t, None)
                if t.exception() is not None:
                    log.error("webhook attempt crashed", exc_info=t.exception())
            self.nudge()  # a slot is free, and a retry may be due sooner than the poll

        task.add_done_callback(done)

    def _sleep_for(self) -> float:
        with self.db.read() as db:
            due = outbox.next_due_at(db)
        if due is None:
            return self.poll_s
        return min(self.poll_s, max(0.05, (due - self.clock()).total_seconds()))

    async def _run(self) -> None:
        assert self._wake is not None
        while True:
            self._wake.clear()
            delay = self.poll_s
            try:
                free = self.max_in_flight - len(self._in_flight)
                if free > 0:
                    for claim in await to_thread.run_sync(self._claim_due, free):
                        self._spawn(claim)
                if len(self._in_flight) < self.max_in_flight:
                    delay = await to_thread.run_sync(self._sleep_for)
                # else: every slot is busy; a finishing attempt wakes the loop
            except asyncio.CancelledError:
                raise
            except Exception:  # the database may be briefly away: keep polling
                log.exception("webhook drain failed; retrying in %.1f s", delay)
            # asyncio.timeout, not wait_for: on Python 3.11 wait_for can swallow a cancel that
            # lands as the wake event fires, and `stop` then waited on a loop that went on.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(delay):
                    await self._wake.wait()


def _with_candidate_ref(db, payload: dict[str, Any]) -> dict[str, Any]:
    """Every payload about a session names the learner (`candidate_ref`, the platform's id
    for them; null for /v1/grade reports, which have no session)."""
    if "session_id" not in payload or "candidate_ref" in payload:
        return payload
    sid = payload["session_id"]
    row = db.get(InterviewSession, sid) if sid else None
    return {**payload, "candidate_ref": row.candidate_ref if row else None}
