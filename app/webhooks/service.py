"""Register webhooks, record deliveries, send them in the background with retries.

Sending never blocks the API request that caused the event: the delivery row is written,
then an asyncio task posts it (bounded retries with exponential backoff); every attempt is
recorded. Deliveries still pending when a process stops are resent at the next start."""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
from datetime import timedelta
from functools import partial
from typing import Any

import httpx
from anyio import to_thread
from sqlalchemy import select

from app.store.db import Database
from app.store.models import InterviewSession, Webhook, WebhookDelivery, new_id, utcnow
from app.webhooks import ssrf
from app.webhooks.signing import HEADER, sign

log = logging.getLogger(__name__)

EVENTS = ("session.finished", "report.ready", "session.deleted")
MAX_ATTEMPTS = 5
BACKOFF_S = (0.5, 2.0, 8.0, 30.0)
TIMEOUT_S = 10.0


class WebhookService:
    def __init__(
        self, db: Database, backoff: tuple[float, ...] = BACKOFF_S, allow_private: bool = False
    ):
        self.db = db
        self.backoff = backoff
        self.allow_private = allow_private  # on-prem: private and loopback targets allowed
        self._tasks: set[asyncio.Task] = set()

    # -- registry ---------------------------------------------------------------------------

    def register(
        self, tenant_id: str, url: str, events: list[str], secret: str | None
    ) -> tuple[Webhook, str]:
        ssrf.check(url, self.allow_private)  # BlockedTarget (a ValueError) for internal targets
        secret = secret or secrets.token_urlsafe(32)
        hook = Webhook(
            id=new_id("whk"),
            tenant_id=tenant_id,
            url=url,
            secret=secret,
            events={"types": sorted(set(events))},
        )
        with self.db.write() as db:
            db.add(hook)
        return hook, secret

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
        with self.db.write() as db:
            hook = db.get(Webhook, webhook_id)
            if hook is None or hook.tenant_id != tenant_id:
                return False
            db.delete(hook)
            return True

    def deliveries(self, tenant_id: str, webhook_id: str) -> list[WebhookDelivery] | None:
        with self.db.read() as db:
            hook = db.get(Webhook, webhook_id)
            if hook is None or hook.tenant_id != tenant_id:
                return None
            return list(
                db.scalars(
                    select(WebhookDelivery)
                    .where(WebhookDelivery.webhook_id == webhook_id)
                    .order_by(WebhookDelivery.created_at)
                ).all()
            )

    # -- delivery ---------------------------------------------------------------------------

    def _record(self, tenant_id: str, event: str, payload: dict[str, Any]) -> list[str]:
        with self.db.write() as db:
            hooks = db.scalars(
                select(Webhook).where(Webhook.tenant_id == tenant_id, Webhook.active.is_(True))
            ).all()
            ids = []
            sid = payload.get("session_id")
            if sid and "candidate_ref" not in payload:  # the platform's id for the learner
                row = db.get(InterviewSession, sid)
                payload = {**payload, "candidate_ref": row.candidate_ref if row else None}
            elif "session_id" in payload and "candidate_ref" not in payload:
                payload = {**payload, "candidate_ref": None}  # graded via /v1/grade
            for hook in hooks:
                if event not in (hook.events or {}).get("types", EVENTS):
                    continue
                d = WebhookDelivery(
                    id=new_id("dlv"),
                    tenant_id=tenant_id,
                    webhook_id=hook.id,
                    event=event,
                    payload=payload,
                )
                db.add(d)
                ids.append(d.id)
            return ids

    async def emit(self, tenant_id: str, event: str, payload: dict[str, Any]) -> list[str]:
        """Record one delivery per subscribed webhook and send them in the background."""
        ids = await to_thread.run_sync(self._record, tenant_id, event, payload)
        for delivery_id in ids:
            self._spawn(delivery_id)
        return ids

    def _spawn(self, delivery_id: str) -> None:
        task = asyncio.get_running_loop().create_task(self._deliver(delivery_id))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _load(self, delivery_id: str) -> tuple[WebhookDelivery, Webhook] | None:
        with self.db.read() as db:
            d = db.get(WebhookDelivery, delivery_id)
            hook = db.get(Webhook, d.webhook_id) if d else None
            return (d, hook) if d and hook else None

    def _update(self, delivery_id: str, **fields: Any) -> None:
        with self.db.write() as db:
            d = db.get(WebhookDelivery, delivery_id)
            if d is not None:
                for k, v in fields.items():
                    setattr(d, k, v)

    async def _deliver(self, delivery_id: str) -> None:
        loaded = await to_thread.run_sync(self._load, delivery_id)
        if loaded is None:
            return
        delivery, hook = loaded
        body = json.dumps(
            {
                "id": delivery.id,
                "event": delivery.event,
                "created_at": delivery.created_at.isoformat(),
                "data": delivery.payload,
            },
            separators=(",", ":"),
            sort_keys=True,
        ).encode()
        attempts = delivery.attempts
        async with httpx.AsyncClient(timeout=TIMEOUT_S, follow_redirects=False) as client:
            while attempts < MAX_ATTEMPTS:
                attempts += 1
                code, error = None, None
                try:
                    # Checked again at every attempt, after DNS resolution; the request goes
                    # to the checked address, and redirects are never followed.
                    target = await to_thread.run_sync(ssrf.check, hook.url, self.allow_private)
                    url, extra, extensions = _pinned(target)
                    resp = await client.post(
                        url,
                        content=body,
                        headers={
                            "content-type": "application/json",
                            HEADER: sign(hook.secret, body),
                            "X-MLSD-Event": delivery.event,
                            "X-MLSD-Delivery": delivery.id,
                            **extra,
                        },
                        extensions=extensions,
                    )
                    code = resp.status_code
                    if 200 <= code < 300:
                        await to_thread.run_sync(
                            partial(
                                self._update,
                                delivery_id,
                                status="delivered",
                                attempts=attempts,
                                last_status_code=code,
                                last_error=None,
                                delivered_at=utcnow(),
                            )
                        )
                        return
                    error = f"HTTP {code}"
                except httpx.HTTPError as exc:
                    error = f"{type(exc).__name__}: {exc}"[:500]
                except ssrf.BlockedTarget as exc:
                    error = f"refused: {exc}"[:500]
                final = attempts >= MAX_ATTEMPTS
                await to_thread.run_sync(
                    partial(
                        self._update,
                        delivery_id,
                        attempts=attempts,
                        last_status_code=code,
                        last_error=error,
                        status="failed" if final else "pending",
                    )
                )
                if final:
                    log.warning(
                        "webhook delivery %s failed after %d attempts", delivery_id, attempts
                    )
                    return
                await asyncio.sleep(self.backoff[min(attempts - 1, len(self.backoff) - 1)])

    def resume_pending(self, max_age: timedelta = timedelta(days=1)) -> int:
        """Resend deliveries left pending by a stopped process (call from the event loop)."""
        with self.db.read() as db:
            ids = list(
                db.scalars(
                    select(WebhookDelivery.id).where(
                        WebhookDelivery.status == "pending",
                        WebhookDelivery.created_at >= utcnow() - max_age,
                    )
                ).all()
            )
        for delivery_id in ids:
            self._spawn(delivery_id)
        return len(ids)

    async def drain(self, timeout: float = 5.0) -> None:
        """Wait for in-flight deliveries (tests, shutdown)."""
        if self._tasks:
            await asyncio.wait(list(self._tasks), timeout=timeout)


def _pinned(target: ssrf.Target) -> tuple[str, dict[str, str], dict[str, str]]:
    """URL, extra headers and request extensions that connect to the checked address while
    the server still sees (Host) and proves (TLS, SNI) the name it was registered with."""
    if target.address is None:  # checks off (on-prem): plain request
        return target.url, {}, {}
    url = httpx.URL(target.url)
    pinned = str(url.copy_with(host=target.address))
    extra = {"Host": url.netloc.decode("ascii")}
    extensions = {"sni_hostname": target.host} if url.scheme == "https" else {}
    return pinned, extra, extensions
