"""Cross-cutting HTTP concerns as pure ASGI middleware: request ids, access logs and
metrics, and idempotent POSTs."""

from __future__ import annotations

import hashlib
import json
import logging
import time
import uuid
from typing import Any

from anyio import to_thread
from sqlalchemy.exc import IntegrityError
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api.errors import ApiError, problem
from app.observability import HTTP_LATENCY, request_id
from app.store import repo

access = logging.getLogger("mlsd.access")


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


class Idempotency:
    """`Idempotency-Key` on POST: the first response is stored and replayed for retries with
    the same key and body; the same key with another body is a 422; a retry that arrives
    while the first request still runs gets a 409. Streaming (SSE) requests are not covered:
    their reply is replayed from the transcript instead."""

    def __init__(self, app: ASGIApp, services_getter):  # noqa: ANN001
        self.app = app
        self.services = services_getter

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
        except ApiError:  # the route itself answers 401
            await self.app(scope, _replay(body, receive), send)
            return
        digest = hashlib.sha256(
            scope["method"].encode() + scope["path"].encode() + b"\n" + body
        ).hexdigest()
        claimed = await to_thread.run_sync(self._claim, svc, who.tenant_id, key, digest)
        if claimed is not None:
            status, stored_hash, stored = claimed
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
                from starlette.responses import JSONResponse

                resp = JSONResponse(
                    stored, status_code=status, headers={"idempotent-replayed": "true"}
                )
            await resp(scope, receive, send)
            return

        replay_receive = _replay(body, receive)
        captured: dict[str, Any] = {"status": 500, "body": b"", "json": False}

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                captured["status"] = message["status"]
                ctype = dict(message.get("headers") or []).get(b"content-type", b"")
                captured["json"] = b"json" in ctype
            elif message["type"] == "http.response.body":
                captured["body"] += message.get("body", b"")
            await send(message)

        try:
            await self.app(scope, replay_receive, capture)
        finally:
            status = captured["status"]
            keep = captured["json"] and status < 500
            stored_body: Any = {}
            if keep:
                try:
                    stored_body = json.loads(captured["body"] or b"{}")
                except ValueError:
                    keep = False
            await to_thread.run_sync(
                self._finish, svc, who.tenant_id, key, status, stored_body, keep
            )

    @staticmethod
    def _claim(svc, tenant_id: str, key: str, digest: str):  # noqa: ANN001, ANN205
        """Insert a placeholder (status 0) or return the existing record."""
        try:
            with svc.db.write() as db:
                found = repo.get_idempotency(db, tenant_id, key)
                if found is not None:
                    return found.status_code, found.request_hash, found.body
                repo.ensure_tenant(db, tenant_id)
                repo.save_idempotency(db, tenant_id, key, digest, 0, {})
                return None
        except IntegrityError:  # a concurrent twin claimed it first
            with svc.db.read() as db:
                found = repo.get_idempotency(db, tenant_id, key)
                return (found.status_code, found.request_hash, found.body) if found else None

    @staticmethod
    def _finish(svc, tenant_id: str, key: str, status: int, body: Any, keep: bool) -> None:  # noqa: ANN001
        with svc.db.write() as db:
            found = repo.get_idempotency(db, tenant_id, key)
            if found is None:
                return
            if keep:
                found.status_code, found.body = status, body
            else:  # failed without a response worth replaying: let the client retry
                db.delete(found)


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
