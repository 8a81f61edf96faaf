"""The durable webhook outbox: state changes of `webhook_deliveries` rows.

Every function takes `now` from the caller's clock (never the database's), so a test can
walk a day of retries with a fake clock. Claiming is one conditional UPDATE whose WHERE
re-checks that the row is still due: of two workers racing for a row exactly one sees a
row count of 1 (SQLite serialises writers; PostgreSQL re-evaluates the WHERE after the
other's commit). Finishing is conditional on the claim token, so a worker whose lease ran
out cannot overwrite the outcome of the worker that took the row over."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session

from app.store.db import affected
from app.store.models import Webhook, WebhookDelivery

PENDING, DELIVERING, DELIVERED, FAILED = "pending", "delivering", "delivered", "failed"

# Delay before each attempt, from the end of the previous one (the first is immediate):
# 8 attempts over 27.6 hours, the schedule of the Standard Webhooks reference sender.
RETRY_SCHEDULE: tuple[timedelta, ...] = (
    timedelta(0),
    timedelta(seconds=5),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=5),
    timedelta(hours=10),
    timedelta(hours=10),
)


@dataclass(frozen=True)
class Claim:
    """One attempt this worker now owns: what to send, where, and the token to finish it."""

    delivery_id: str
    token: str
    attempt: int  # 1-based
    message_id: str
    event: str
    occurred_at: datetime
    payload: dict
    url: str
    secret: str


def _due(now: datetime):
    active = select(Webhook.id).where(Webhook.active.is_(True))
    return and_(
        WebhookDelivery.webhook_id.in_(active),
        or_(
            and_(WebhookDelivery.status == PENDING, WebhookDelivery.next_attempt_at <= now),
            # A worker that claimed the row and then vanished: its lease ran out.
            and_(WebhookDelivery.status == DELIVERING, WebhookDelivery.claim_expires_at <= now),
        ),
    )


def due_ids(db: Session, now: datetime, limit: int) -> list[str]:
    """Ids of rows due for an attempt at `now`, oldest schedule first."""
    return list(
        db.scalars(
            select(WebhookDelivery.id)
            .where(_due(now))
            .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id)
            .limit(limit)
        ).all()
    )


def next_due_at(db: Session) -> datetime | None:
    """When the earliest pending row falls due (the drain loop sleeps until then)."""
    return db.scalar(
        select(func.min(WebhookDelivery.next_attempt_at)).where(
            WebhookDelivery.status == PENDING,
            WebhookDelivery.webhook_id.in_(select(Webhook.id).where(Webhook.active.is_(True))),
        )
    )


def claim(db: Session, delivery_id: str, now: datetime, lease: timedelta) -> Claim | None:
    """Take the row for one attempt if it is still due; None if another worker has it, it
    was delivered, failed, deleted, or its webhook is gone."""
    token = secrets.token_hex(16)
    won = affected(
        db,
        update(WebhookDelivery)
        .where(WebhookDelivery.id == delivery_id, _due(now))
        .values(
            status=DELIVERING,
            claim_token=token,
            claim_expires_at=now + lease,
            attempts=WebhookDelivery.attempts + 1,
            last_attempt_at=now,
        )
        .execution_options(synchronize_session=False),
    )
    if won != 1:
        return None
    row = db.get(WebhookDelivery, delivery_id, populate_existing=True)
    hook = db.get(Webhook, row.webhook_id) if row else None
    if row is None or hook is None:
        return None
    return Claim(
        delivery_id=row.id,
        token=token,
        attempt=row.attempts,
        message_id=row.message_id,
        event=row.event,
        occurred_at=row.occurred_at,
        payload=dict(row.payload or {}),
        url=hook.url,
        secret=hook.secret,
    )


def finish(
    db: Session,
    claim: Claim,
    now: datetime,
    *,
    delivered: bool,
    status_code: int | None,
    error: str | None,
    schedule: tuple[timedelta, ...],
    give_up: bool = False,
) -> str | None:
    """Record the attempt's outcome: delivered, pending with the next attempt scheduled, or
    failed for good (schedule exhausted, or `give_up`). Returns the new status, or None when
    the claim was lost (lease expired and another worker took over, or the row is gone)."""
    if delivered:
        values: dict = {"status": DELIVERED, "delivered_at": now, "next_attempt_at": None}
    elif give_up or claim.attempt >= len(schedule):
        values = {"status": FAILED, "next_attempt_at": None}
    else:
        values = {"status": PENDING, "next_attempt_at": now + schedule[claim.attempt]}
    values.update(
        last_status_code=status_code, last_error=error, claim_token=None, claim_expires_at=None
    )
    done = affected(
        db,
        update(WebhookDelivery)
        .where(
            WebhookDelivery.id == claim.delivery_id,
            WebhookDelivery.status == DELIVERING,
            WebhookDelivery.claim_token == claim.token,
        )
        .values(**values)
        .execution_options(synchronize_session=False),
    )
    return values["status"] if done == 1 else None


def release(db: Session, claim: Claim, now: datetime) -> None:
    """Hand an interrupted attempt back (shutdown): due again at once; the attempt counts,
    since the receiver may have seen it."""
    db.execute(
        update(WebhookDelivery)
        .where(WebhookDelivery.id == claim.delivery_id, WebhookDelivery.claim_token == claim.token)
        .values(
            status=PENDING,
            next_attempt_at=now,
            claim_token=None,
            claim_expires_at=None,
            last_error="interrupted: the sending worker stopped",
        )
        .execution_options(synchronize_session=False)
    )
