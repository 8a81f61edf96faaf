"""Repository functions: the only code that builds queries. All take a SQLAlchemy `Session`
inside a transaction owned by the caller (see `app.store.db.transaction`)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from app.errors import NotFound
from app.store.db import affected
from app.store.models import (
    LOCAL_TENANT_ID,
    ApiKey,
    Event,
    IdempotencyRecord,
    InterviewSession,
    LaunchToken,
    Message,
    Report,
    Tenant,
    WebhookDelivery,
    new_id,
    utcnow,
)


def ensure_tenant(db: Session, tenant_id: str = LOCAL_TENANT_ID, name: str | None = None) -> Tenant:
    tenant = db.get(Tenant, tenant_id)
    if tenant is None:
        tenant = Tenant(id=tenant_id, name=name or tenant_id)
        db.add(tenant)
        db.flush()
    return tenant


# --- sessions ---------------------------------------------------------------------------


def create_session(
    db: Session,
    *,
    tenant_id: str,
    problem_id: str,
    level: str,
    candidate_ref: str | None,
    stage: str,
    state: dict[str, Any],
) -> InterviewSession:
    row = InterviewSession(
        id=new_id("ses"),
        tenant_id=tenant_id,
        problem_id=problem_id,
        level=level,
        candidate_ref=candidate_ref,
        stage=stage,
        state=state,
        status="active",
    )
    db.add(row)
    db.flush()
    return row


# A turn runs these queries twice or more: built once, with the ids bound per call (building
# a statement cost about a fifth of running it through the ORM).
_SESSION = select(InterviewSession).where(
    InterviewSession.id == bindparam("session_id"),
    InterviewSession.tenant_id == bindparam("tenant_id"),
)
_SESSION_FOR_UPDATE = _SESSION.with_for_update()
_RECENT = (
    select(Message.role, Message.content)
    .where(
        Message.session_id == bindparam("session_id"), Message.tenant_id == bindparam("tenant_id")
    )
    .order_by(Message.seq.desc())
    .limit(bindparam("n"))
)


def get_session(
    db: Session, tenant_id: str, session_id: str, *, for_update: bool = False
) -> InterviewSession | None:
    """A session of this tenant, or None. `for_update` takes the row lock on PostgreSQL
    (SQLite transactions already hold the database write lock, see db.make_engine)."""
    stmt = _SESSION_FOR_UPDATE if for_update else _SESSION
    return db.scalars(stmt, {"session_id": session_id, "tenant_id": tenant_id}).first()


def session_or_404(
    db: Session, tenant_id: str, session_id: str, for_update: bool = False
) -> InterviewSession:
    """The tenant's session in this unit of work, or NotFound (never says whether it exists
    for another tenant)."""
    row = get_session(db, tenant_id, session_id, for_update=for_update)
    if row is None:
        raise NotFound(f"no session '{session_id}'")
    return row


def list_sessions(
    db: Session,
    tenant_id: str,
    *,
    candidate_ref: str | None = None,
    status: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> tuple[list[InterviewSession], int]:
    cond = [InterviewSession.tenant_id == tenant_id]
    if candidate_ref is not None:
        cond.append(InterviewSession.candidate_ref == candidate_ref)
    if status is not None:
        cond.append(InterviewSession.status == status)
    total = db.scalar(select(func.count()).select_from(InterviewSession).where(*cond)) or 0
    rows = db.scalars(
        select(InterviewSession)
        .where(*cond)
        .order_by(InterviewSession.created_at.desc(), InterviewSession.id)
        .limit(limit)
        .offset(offset)
    ).all()
    return list(rows), total


def delete_session(db: Session, row: InterviewSession) -> dict[str, int]:
    """Erase a session and everything made from it: messages, events, reports, its share
    link (a column of the row), webhook deliveries about it and stored idempotent responses
    that quote it. Returns what was deleted, by kind."""
    sid, tenant_id = row.id, row.tenant_id
    needles = {sid}
    needles.update(db.scalars(select(Message.id).where(Message.session_id == sid)).all())
    needles.update(db.scalars(select(Report.id).where(Report.session_id == sid)).all())
    counts = {
        "messages": affected(db, delete(Message).where(Message.session_id == sid)),
        "events": affected(db, delete(Event).where(Event.session_id == sid)),
        "reports": affected(db, delete(Report).where(Report.session_id == sid)),
        "deliveries": affected(
            db,
            delete(WebhookDelivery).where(
                WebhookDelivery.tenant_id == tenant_id,
                WebhookDelivery.payload["session_id"].as_string() == sid,
            ),
        ),
    }
    # Stored responses (kept a day at most) may quote the session's messages or report.
    replays = 0
    for rec in db.scalars(
        select(IdempotencyRecord).where(IdempotencyRecord.tenant_id == tenant_id)
    ).all():
        text = json.dumps(rec.body or {})
        if any(n in text for n in needles):
            db.delete(rec)
            replays += 1
    counts["idempotent_responses"] = replays
    db.delete(row)
    db.flush()
    return {k: int(v or 0) for k, v in counts.items()}


def session_by_share_token(db: Session, token: str) -> InterviewSession | None:
    return db.scalars(select(InterviewSession).where(InterviewSession.share_token == token)).first()


# --- turn lease ---------------------------------------------------------------------------


def lease_is_free(row: InterviewSession, now: datetime) -> bool:
    expires = row.turn_expires_at
    if expires is not None and expires.tzinfo is None:  # SQLite drops the zone
        expires = expires.replace(tzinfo=now.tzinfo)
    return row.turn_token is None or expires is None or expires <= now


def take_lease(db: Session, row: InterviewSession, token: str, ttl_s: float) -> None:
    row.turn_token = token
    row.turn_expires_at = utcnow() + timedelta(seconds=ttl_s)


def release_lease(db: Session, row: InterviewSession) -> None:
    row.turn_token = None
    row.turn_expires_at = None


# --- messages and events -------------------------------------------------------------------


def add_message(
    db: Session,
    row: InterviewSession,
    *,
    role: str,
    content: str,
    stage: str,
    move: str | None = None,
    meta: dict[str, Any] | None = None,
) -> Message:
    """Append a message with the next sequence number (caller holds the session lock). Not
    flushed: the caller's next query or its commit writes it, together with the session's
    other changes (one UPDATE of the session per transaction instead of two)."""
    row.message_count += 1
    msg = Message(
        id=new_id("msg"),
        tenant_id=row.tenant_id,
        session_id=row.id,
        seq=row.message_count,
        role=role,
        content=content,
        stage=stage,
        move=move,
        meta=meta or {},
    )
    db.add(msg)
    return msg


def list_messages(db: Session, tenant_id: str, session_id: str) -> list[Message]:
    return list(
        db.scalars(
            select(Message)
            .where(Message.session_id == session_id, Message.tenant_id == tenant_id)
            .order_by(Message.seq)
        ).all()
    )


def recent_turns(db: Session, tenant_id: str, session_id: str, n: int) -> list[tuple[str, str]]:
    """(role, content) of the last `n` messages, oldest first: the voice's short memory, at a
    flat cost per turn (two columns, no ORM objects to build)."""
    rows = db.execute(_RECENT, {"session_id": session_id, "tenant_id": tenant_id, "n": n}).all()
    return [(role, content) for role, content in reversed(rows)]


def add_event(db: Session, row: InterviewSession, kind: str, data: dict[str, Any]) -> Event:
    ev = Event(tenant_id=row.tenant_id, session_id=row.id, kind=kind, data=data)
    db.add(ev)
    return ev


def add_events(
    db: Session, row: InterviewSession, events: list[tuple[str, dict[str, Any]]]
) -> None:
    """Append `(kind, data)` events of the session in one statement, after what the unit of
    work holds so far (so they are written in the order `add_event` would write them). No
    objects come back: a turn's events were a quarter of its ORM work, for rows nobody reads
    in the turn."""
    db.flush()
    if events:
        db.connection().execute(
            insert(cast(Table, Event.__table__)),
            [
                {"tenant_id": row.tenant_id, "session_id": row.id, "kind": kind, "data": data}
                for kind, data in events
            ],
        )


# --- reports -----------------------------------------------------------------------------


def add_report(
    db: Session, *, tenant_id: str, session_id: str | None, grader: str, data: dict[str, Any]
) -> Report:
    version = 1
    if session_id is not None:
        version = (
            db.scalar(select(func.max(Report.version)).where(Report.session_id == session_id)) or 0
        ) + 1
    rep = Report(
        id=new_id("rep"),
        tenant_id=tenant_id,
        session_id=session_id,
        version=version,
        grader=grader,
        data=data,
    )
    db.add(rep)
    db.flush()
    return rep


def latest_report(
    db: Session, tenant_id: str, session_id: str, version: int | None = None
) -> Report | None:
    stmt = select(Report).where(Report.session_id == session_id, Report.tenant_id == tenant_id)
    if version is not None:
        stmt = stmt.where(Report.version == version)
    return db.scalars(stmt.order_by(Report.version.desc())).first()


def get_report(db: Session, tenant_id: str, report_id: str) -> Report | None:
    return db.scalars(
        select(Report).where(Report.id == report_id, Report.tenant_id == tenant_id)
    ).first()


def list_reports(db: Session, tenant_id: str, session_id: str) -> list[Report]:
    return list(
        db.scalars(
            select(Report)
            .where(Report.session_id == session_id, Report.tenant_id == tenant_id)
            .order_by(Report.version)
        ).all()
    )


# --- idempotency and keys -----------------------------------------------------------------


def get_idempotency(db: Session, tenant_id: str, key: str) -> IdempotencyRecord | None:
    return db.get(IdempotencyRecord, (tenant_id, key))


def save_idempotency(
    db: Session,
    tenant_id: str,
    key: str,
    request_hash: str,
    status: int,
    body: dict[str, Any],
    *,
    created_at: datetime | None = None,
) -> None:
    db.add(
        IdempotencyRecord(
            tenant_id=tenant_id,
            key=key,
            request_hash=request_hash,
            status_code=status,
            body=body,
            headers={},
            created_at=created_at or utcnow(),
        )
    )


def purge_older_than(db: Session, before: datetime) -> dict[str, int]:
    """Retention: erase sessions untouched since `before` (with everything made from them,
    as `delete_session` does) and reports of `/v1/grade` made before it. All tenants."""
    counts = {"sessions": 0, "reports": 0}
    old = db.scalars(select(InterviewSession).where(InterviewSession.updated_at < before)).all()
    for row in old:
        delete_session(db, row)
        counts["sessions"] += 1
    counts["reports"] = affected(
        db, delete(Report).where(Report.session_id.is_(None), Report.created_at < before)
    )
    return counts


def purge_idempotency(db: Session, before: datetime) -> int:
    """Delete every idempotency record created before `before` (all tenants)."""
    return affected(db, delete(IdempotencyRecord).where(IdempotencyRecord.created_at < before))


def add_api_key(
    db: Session, tenant_id: str, prefix: str, key_hash: str, *, admin: bool = False
) -> ApiKey:
    key = ApiKey(
        id=new_id("key"), tenant_id=tenant_id, prefix=prefix, key_hash=key_hash, admin=admin
    )
    db.add(key)
    return key


def list_api_keys(db: Session, tenant_id: str | None = None) -> list[ApiKey]:
    """Keys (revoked ones too), oldest first; one tenant's, or everyone's for the CLI."""
    stmt = select(ApiKey).order_by(ApiKey.created_at, ApiKey.id)
    if tenant_id is not None:
        stmt = stmt.where(ApiKey.tenant_id == tenant_id)
    return list(db.scalars(stmt).all())


def revoke_api_key(db: Session, key_id: str, tenant_id: str | None = None) -> ApiKey | None:
    """Revoke a key (idempotent: an already revoked key keeps its first revocation time).
    With `tenant_id`, only that tenant's key; None when there is no such key."""
    key = db.get(ApiKey, key_id)
    if key is None or (tenant_id is not None and key.tenant_id != tenant_id):
        return None
    if key.revoked_at is None:
        key.revoked_at = utcnow()
    return key


def find_api_key(db: Session, key_hash: str) -> ApiKey | None:
    return db.scalars(
        select(ApiKey).where(ApiKey.key_hash == key_hash, ApiKey.revoked_at.is_(None))
    ).first()


def count_api_keys(db: Session) -> int:
    return (
        db.scalar(select(func.count()).select_from(ApiKey).where(ApiKey.revoked_at.is_(None))) or 0
    )


# --- launch links -------------------------------------------------------------------------


def add_launch_token(
    db: Session,
    *,
    token_hash: str,
    tenant_id: str,
    session_id: str,
    role: str,
    expires_at: datetime,
    now: datetime,
) -> LaunchToken:
    """Record a launch link (by its hash); expired ones are purged on the way."""
    db.execute(delete(LaunchToken).where(LaunchToken.expires_at < now))
    row = LaunchToken(
        token_hash=token_hash,
        tenant_id=tenant_id,
        session_id=session_id,
        role=role,
        created_at=now,
        expires_at=expires_at,
    )
    db.add(row)
    db.flush()
    return row


def consume_launch_token(db: Session, token_hash: str, now: datetime) -> LaunchToken | None:
    """Mark a live launch link used and return it; None when it is unknown, expired or was
    used already. One conditional UPDATE: of two concurrent consumers (any process, either
    database) exactly one changes the row."""
    changed = affected(
        db,
        update(LaunchToken)
        .where(
            LaunchToken.token_hash == token_hash,
            LaunchToken.consumed_at.is_(None),
            LaunchToken.expires_at > now,
        )
        .values(consumed_at=now)
        .execution_options(synchronize_session=False),
    )
    if changed != 1:
        return None
    return db.get(LaunchToken, token_hash)
