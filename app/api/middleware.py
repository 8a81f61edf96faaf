"""Cross-cutting HTTP concerns as pure ASGI middleware: request ids, access logs and
metrics, and idempotent POSTs."""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from anyio import to_thread
from sqlalchemy.exc import IntegrityError
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.errors import Unauthorized, problem
from app.observability import HTTP_LATENCY, request_id
from app.store import repo
from app.store.models import utcnow

access = logging.getLogger("mlsd.access")
log = logging.getLogger(__name__)


class RequestContext:
    """Request id (taken from `X-Request-ID` or made), JSON access log, latency histogram."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        rid = headers.get(b"x-request-id", b"").decode()[:64] or uuid.uuid4().hex
        token = request_id.set(rid)
        start = time.perf_counter()
        status = 500

        async def send_wrapper(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", rid.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            elapsed = time.perf_counter() - start
            route = scope.get("route")
            path_tpl = getattr(route, "path", None) or "unmatched"
            HTTP_LATENCY.labels(scope["method"], path_tpl, str(status)).observe(elapsed)
            access.info(
                "%s %s %s",
                scope["method"],
                scope["path"],
                status,
                extra={
                    "method": scope["method"],
                    "path": scope["path"],
                    "status": status,
                    "duration_ms": round(elapsed * 1000, 2),
                },
            )
            request_id.reset(token)


class JsonBodies:
    """The JSON API (`/v1/...`) takes JSON bodies only: a POST/PUT/PATCH that sends a body
    with another (or no) content type is a 415 before any route reads it, so an endpoint
    whose body is optional cannot silently ignore one."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and scope["method"] in ("POST", "PUT", "PATCH")
            and scope["path"].startswith("/v1/")
        ):
            headers = dict(scope.get("headers") or [])
            has_body = headers.get(b"content-length", b"0") not in (b"", b"0") or (
                b"transfer-encoding" in headers
            )
            ctype = headers.get(b"content-type", b"").split(b";", 1)[0].strip().lower()
            if has_body and not (ctype == b"application/json" or ctype.endswith(b"+json")):
                resp = problem(
                    415,
                    "send the body as JSON with 'Content-Type: application/json'",
                    instance=scope["path"],
                )
                await resp(scope, receive, send)
                return
        await self.app(scope, receive, send)


# Outcomes worth replaying: success, and client errors that the same request would get
# again. Never 401/403 (credentials change), 409 (in progress, state), 429 (rate), 5xx.
REPLAYABLE_ERRORS = frozenset({400, 404, 413, 415, 422})
# Response headers that belong to one exchange, not to the outcome.
_NOT_REPLAYED = frozenset({b"content-length", b"date", b"server", b"x-request-id", b"set-cookie"})
_PURGE_EVERY_S = 60.0


def now() -> datetime:
    """The idempotency clock (tests replace it)."""
    return utcnow()


def request_digest(
    method: str, path: str, query: bytes, body: bytes, content_type: bytes = b""
) -> str:
    """Hash of what the request asks for: a JSON body is compared as parsed JSON, so other
    whitespace or key order is the same request. A body declared as something other than
    JSON is another request than the same bytes declared as JSON (one is a 415, the other
    not); JSON ones hash as they always have, so stored keys stay valid."""
    try:
        canonical = json.dumps(
            json.loads(body), sort_keys=True, separators=(",", ":"), ensure_ascii=False
        ).encode()
    except ValueError:  # not JSON (or empty): compare the bytes
        canonical = body
    head = f"{method} {path}?{query.decode('latin-1')}\n".encode()
    media = content_type.split(b";", 1)[0].strip().lower()
    if body and media != b"application/json" and not media.endswith(b"+json"):
        head += b"content-type: " + media + b"\n"
    return hashlib.sha256(head + canonical).hexdigest()


def replayable(status: int) -> bool:
    return 200 <= status < 300 or status in REPLAYABLE_ERRORS


class Idempotency:
    """`Idempotency-Key` on POST: a completed response (2xx, or a 400/404/413/415/422 that
    the same request would get again) is stored with its headers and replayed for retries
    with the same key and body; the same key with another body is a 422; a retry that
    arrives while the first request still runs gets a 409. Anything else (401, 403, 409,
    429, 5xx) is forgotten, so a retry runs afresh. Keys expire after
    `idempotency_ttl_hours` and are purged. Streaming (SSE) requests are not covered: their
    reply is replayed from the transcript instead."""

    def __init__(self, app: ASGIApp, services_getter):
        self.app = app
        self.services = services_getter
        self._next_purge: datetime | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = dict(scope.get("headers") or []) if scope["type"] == "http" else {}
        key = headers.get(b"idempotency-key", b"").decode().strip()
        if (
            scope["type"] != "http"
            or scope["method"] != "POST"
            or not key
            or b"text/event-stream" in headers.get(b"accept", b"")
        ):
            await self.app(scope, receive, send)
            return
        if len(key) > 200:
            await problem(422, "Idempotency-Key: at most 200 characters")(scope, receive, send)
            return
        body = b""
        more = True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
        svc = self.services(scope)
        try:
            who = await svc.keys.resolve(headers.get(b"authorization", b"").decode() or None)
        except Unauthorized:  # the route itself answers 401
            await self.app(scope, _replay(body, receive), send)
            return
        digest = request_digest(
            scope["method"],
            scope["path"],
            scope.get("query_string", b""),
            body,
            headers.get(b"content-type", b""),
        )
        ttl = timedelta(hours=svc.settings.idempotency_ttl_hours)
        at = now()
        if self._next_purge is None or at >= self._next_purge:
            self._next_purge = at + timedelta(seconds=_PURGE_EVERY_S)
            await to_thread.run_sync(self._purge, svc, at - ttl)
        stale = at - timedelta(seconds=svc.settings.turn_lease_s)
        claimed = await to_thread.run_sync(
            self._claim, svc, who.tenant_id, key, digest, at, at - ttl, stale
        )
        if claimed is not None:
            status, stored_hash, stored, stored_headers = claimed
            resp: Response
            if stored_hash != digest:
                resp = problem(
                    422,
                    "Idempotency-Key was already used with a different request",
                    slug="idempotency-mismatch",
                )
            elif status == 0:
                resp = problem(
                    409,
                    "a request with this Idempotency-Key is still in progress",
                    slug="idempotency-in-progress",
                )
            else:
                resp = _stored_response(status, stored, stored_headers)
            await resp(scope, receive, send)
            return

        replay_receive = _replay(body, receive)
        captured: dict[str, Any] = {
            "status": 500,
            "body": b"",
            "json": False,
            "headers": [],
            "no_store": False,
        }

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                captured["status"] = message["status"]
                raw = list(message.get("headers") or [])
                ctype = dict(raw).get(b"content-type", b"")
                captured["json"] = b"json" in ctype
                # A response carrying a secret shown once (a new API key) is never kept.
                captured["no_store"] = b"no-store" in dict(raw).get(b"cache-control", b"")
                captured["headers"] = [
                    [k.decode("latin-1"), v.decode("latin-1")]
                    for k, v in raw
                    if k.lower() not in _NOT_REPLAYED
                ]
            elif message["type"] == "http.response.body":
                captured["body"] += message.get("body", b"")
            await send(message)

        # While the request runs its placeholder is kept fresh, so a placeholder left by a
        # process that died is recognised as abandoned within one lease (not 409 for a day).
        beat = asyncio.create_task(self._keep_fresh(svc, who.tenant_id, key))
        try:
            await self.app(scope, replay_receive, capture)
        finally:
            beat.cancel()
            status = captured["status"]
            keep = captured["json"] and replayable(status) and not captured["no_store"]
            stored_body: Any = {}
            if keep:
                try:
                    stored_body = json.loads(captured["body"] or b"{}")
                except ValueError:
                    keep = False
            await to_thread.run_sync(
                self._finish,
                svc,
                who.tenant_id,
                key,
                status,
                stored_body,
                {"items": captured["headers"]},
                keep,
            )

    @staticmethod
    def _purge(svc, before: datetime) -> None:
        try:
            with svc.db.write() as db:
                repo.purge_idempotency(db, before)
        except Exception:
            log.warning("idempotency purge failed", exc_info=True)

    @staticmethod
    async def _keep_fresh(svc, tenant_id: str, key: str) -> None:
        def touch() -> None:
            with svc.db.write() as db:
                found = repo.get_idempotency(db, tenant_id, key)
                if found is not None and found.status_code == 0:
                    found.created_at = now()

        while True:
            await asyncio.sleep(svc.settings.turn_lease_s / 3)
            try:
                await to_thread.run_sync(touch)
            except Exception:
                log.warning("idempotency placeholder refresh failed", exc_info=True)

    @staticmethod
    def _claim(
        svc,
        tenant_id: str,
        key: str,
        digest: str,
        at: datetime,
        cutoff: datetime,
        stale: datetime | None = None,
    ):
        """Insert a placeholder (status 0) or return the live existing record; a placeholder
        not refreshed since `stale` belongs to a request whose process died: it is replaced."""

        def as_tuple(found):
            return found.status_code, found.request_hash, found.body, found.headers or {}

        try:
            with svc.db.write() as db:
                found = repo.get_idempotency(db, tenant_id, key)
                abandoned = (
                    found is not None
                    and found.status_code == 0
                    and stale is not None
                    and _aware(found.created_at) < stale
                )
                if found is not None and _aware(found.created_at) >= cutoff and not abandoned:
                    return as_tuple(found)
                if found is not None:  # expired, not purged yet: the key is free again
                    db.delete(found)
                    db.flush()
                repo.ensure_tenant(db, tenant_id)
                repo.save_idempotency(db, tenant_id, key, digest, 0, {}, created_at=at)
                return None
        except IntegrityError:  # a concurrent twin claimed it first
            with svc.db.read() as db:
                found = repo.get_idempotency(db, tenant_id, key)
                return as_tuple(found) if found else None

    @staticmethod
    def _finish(
        svc,
        tenant_id: str,
        key: str,
        status: int,
        body: Any,
        headers: dict[str, Any],
        keep: bool,
    ) -> None:
        with svc.db.write() as db:
            found = repo.get_idempotency(db, tenant_id, key)
            if found is None:
                return
            if keep:
                found.status_code, found.body, found.headers = status, body, headers
            else:  # no outcome worth replaying: let the client retry
                db.delete(found)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _stored_response(status: int, body: Any, headers: dict[str, Any]) -> Response:
    """The stored outcome again, with its original headers (Location, content type...)."""
    items = [(k, v) for k, v in headers.get("items", [])]
    media = next((v for k, v in items if k.lower() == "content-type"), "application/json")
    resp = Response(
        json.dumps(body, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode(),
        status_code=status,
        media_type=media,
    )
    for k, v in items:
        if k.lower() != "content-type":
            resp.headers.append(k, v)
    resp.headers["idempotent-replayed"] = "true"
    return resp


def _replay(body: bytes, receive: Receive) -> Receive:
    """A `receive` that hands the already-read body to the app once, then defers."""
    sent = False

    async def inner() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return inner
