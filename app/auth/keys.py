"""API keys: only a SHA-256 of each key is stored; `KeyRing` resolves a bearer key to its
tenant, and knows the server's auth mode, rate limiter and failed-authentication throttle."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from anyio import to_thread

from app.auth.launch import LaunchGrant
from app.auth.ratelimit import RateLimiter
from app.errors import Unauthorized
from app.security import AuthFailures
from app.store import repo
from app.store.db import Database
from app.store.models import LOCAL_TENANT_ID

KEY_PREFIX = "mlsd_"


def hash_key(key: str) -> str:
    """What the database keeps of a key."""
    return hashlib.sha256(key.encode()).hexdigest()


def new_key() -> str:
    """A fresh API key (shown once)."""
    return KEY_PREFIX + secrets.token_urlsafe(32)


@dataclass
class Caller:
    """Who a request acts for: a tenant, through a key or a launch cookie."""

    tenant_id: str
    key_id: str | None = None
    admin: bool = False  # may manage its tenant's keys (keys created with --admin)
    launch: LaunchGrant | None = None  # set when a launch cookie, not a key, authorised it


class KeyRing:
    """Resolves bearer keys to tenants. The mode is fixed at start (`MLSD_AUTH_MODE`):
    `local` serves requests without a key as the single local tenant; `keys` refuses them,
    also when no key exists at all. What the keys table holds never changes the mode."""

    def __init__(
        self,
        db: Database,
        per_minute: int = 0,
        mode: str = "local",
        fail_limit: int = 10,
        fail_window_s: float = 60.0,
    ):
        if mode not in ("local", "keys"):
            raise ValueError(f"unknown auth mode {mode!r}")
        self.db = db
        self.mode = mode
        self.limiter = RateLimiter(per_minute)
        self.failures = AuthFailures(fail_limit, fail_window_s)

    def _lookup(self, key: str) -> Caller | None:
        with self.db.read() as s:
            found = repo.find_api_key(s, hash_key(key))
            return Caller(found.tenant_id, found.id, bool(found.admin)) if found else None

    def local_mode(self) -> bool:
        return self.mode == "local"

    def check_start(self) -> None:
        """Refuse to start in local mode over a database that holds API keys: someone meant
        this server to require them (set MLSD_AUTH_MODE=keys)."""
        if self.mode != "local":
            return
        with self.db.read() as s:
            count = repo.count_api_keys(s)
        if count:
            raise RuntimeError(
                f"MLSD_AUTH_MODE=local but the database holds {count} API key(s): set "
                "MLSD_AUTH_MODE=keys to require them (local mode would serve everyone)"
            )

    async def resolve(self, authorization: str | None) -> Caller:
        """The caller an `Authorization` header names (401 when it names none)."""
        if authorization:
            scheme, _, key = authorization.partition(" ")
            if scheme.lower() != "bearer" or not key.strip():
                raise Unauthorized(
                    "use 'Authorization: Bearer <key>'", headers={"WWW-Authenticate": "Bearer"}
                )
            caller = await to_thread.run_sync(self._lookup, key.strip())
            if caller is None:
                raise Unauthorized(
                    "unknown or revoked API key", headers={"WWW-Authenticate": "Bearer"}
                )
            return caller
        if self.mode == "local":
            return Caller(LOCAL_TENANT_ID)
        raise Unauthorized("an API key is required", headers={"WWW-Authenticate": "Bearer"})
