"""Dependencies: the app's services and the caller's tenant."""

from __future__ import annotations

import hashlib
import math
import secrets
import time
from dataclasses import dataclass

from anyio import to_thread
from fastapi import Request

from app.api.errors import ApiError
from app.api.ratelimit import RateLimiter
from app.store import repo
from app.store.models import LOCAL_TENANT_ID

KEY_PREFIX = "mlsd_"
_MODE_TTL_S = 5.0  # how long we trust "no keys configured" before asking the DB again


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def new_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


@dataclass
class Caller:
    tenant_id: str
    key_id: str | None = None
    admin: bool = False  # may manage its tenant's keys (keys created with --admin)


def services(request: Request):  # noqa: ANN201 - avoids an import cycle with app.main
    return request.app.state.services


class KeyRing:
    """Resolves bearer keys to tenants; local mode when no key exists at all."""

    def __init__(self, db, per_minute: int = 0):  # noqa: ANN001
        self.db = db
        self._local_until = 0.0
        self.limiter = RateLimiter(per_minute)

    def _any_keys(self) -> bool:
        with self.db.read() as s:
            return repo.count_api_keys(s) > 0

    def _lookup(self, key: str) -> Caller | None:
        with self.db.read() as s:
            found = repo.find_api_key(s, hash_key(key))
            return Caller(found.tenant_id, found.id, bool(found.admin)) if found else None

    def local_mode(self) -> bool:
        if time.monotonic() < self._local_until:
            return True
        local = not self._any_keys()
        if local:
            self._local_until = time.monotonic() + _MODE_TTL_S
        return local

    async def resolve(self, authorization: str | None) -> Caller:
        if authorization:
            scheme, _, key = authorization.partition(" ")
            if scheme.lower() != "bearer" or not key.strip():
                raise ApiError(
                    401, "use 'Authorization: Bearer <key>'", headers={"WWW-Authenticate": "Bearer"}
                )
            caller = await to_thread.run_sync(self._lookup, key.strip())
            if caller is None:
                raise ApiError(
                    401, "unknown or revoked API key", headers={"WWW-Authenticate": "Bearer"}
                )
            return caller
        if await to_thread.run_sync(self.local_mode):
            return Caller(LOCAL_TENANT_ID)
        raise ApiError(401, "an API key is required", headers={"WWW-Authenticate": "Bearer"})


async def admin_caller(request: Request) -> Caller:
    """Like `caller`, and the key must carry the admin scope (403 otherwise)."""
    who = await caller(request)
    if not who.admin:
        raise ApiError(403, "this needs an admin key (create one with `mlsd keys create --admin`)")
    return who


async def caller(request: Request) -> Caller:
    """The authenticated tenant for this request (rate limited per key)."""
    svc = services(request)
    who = await svc.keys.resolve(request.headers.get("authorization"))
    wait = await svc.keys.limiter.take(who.key_id or who.tenant_id)
    if wait > 0:
        raise ApiError(
            429,
            "rate limit exceeded for this API key",
            headers={"Retry-After": str(max(1, math.ceil(wait)))},
        )
    request.state.tenant_id = who.tenant_id
    return who
