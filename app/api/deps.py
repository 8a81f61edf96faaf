"""Dependencies: the app's services and the caller's tenant."""

from __future__ import annotations

import hashlib
import math
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from anyio import to_thread
from fastapi import Depends, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.api import launch
from app.api.launch import LaunchGrant
from app.api.ratelimit import RateLimiter
from app.errors import Forbidden, TooManyRequests, Unauthorized
from app.security import AuthFailures
from app.store import repo
from app.store.models import LOCAL_TENANT_ID

if TYPE_CHECKING:  # app.services imports KeyRing from here
    from app.services import Services

KEY_PREFIX = "mlsd_"

# Documents the scheme in OpenAPI (`components.securitySchemes.bearerAuth`, applied to every
# operation that depends on `caller`); auto_error=False because `caller` itself decides,
# with its own problem+json answers, what a missing or malformed credential means.
BEARER = HTTPBearer(
    auto_error=False,
    scheme_name="bearerAuth",
    bearerFormat="mlsd_<token>",
    description=(
        "An API key: `Authorization: Bearer <key>`. Required in keys mode "
        "(`MLSD_AUTH_MODE=keys`); a server in local mode serves one tenant without a key."
    ),
)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def new_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


@dataclass
class Caller:
    tenant_id: str
    key_id: str | None = None
    admin: bool = False  # may manage its tenant's keys (keys created with --admin)
    launch: LaunchGrant | None = None  # set when a launch cookie, not a key, authorised it


def services(request: Request) -> Services:
    """The process's services, stored on the app when it starts."""
    return request.app.state.services


class KeyRing:
    """Resolves bearer keys to tenants. The mode is fixed at start (`MLSD_AUTH_MODE`):
    `local` serves requests without a key as the single local tenant; `keys` refuses them,
    also when no key exists at all. What the keys table holds never changes the mode."""

    def __init__(
        self,
        db,
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


async def caller(
    request: Request,
    _documented: HTTPAuthorizationCredentials | None = Security(BEARER),
) -> Caller:
    """The authenticated tenant for this request (rate limited per key; an address that
    keeps failing to authenticate is refused for a while). In keys mode a request without a
    key may carry a launch cookie instead: it reaches only the calls its pages make, for its
    own session (see `app.api.launch`). The raw header is read, not `_documented`, so every
    malformed credential gets the same answer as before."""
    svc = services(request)
    authorization = request.headers.get("authorization")
    if authorization is None and not svc.keys.local_mode() and launch.COOKIE in request.cookies:
        who = await launch_caller(request)
        launch.check_api(request, who.launch)  # type: ignore[arg-type]
        return who
    address = _not_throttled(svc, request)
    try:
        who = await svc.keys.resolve(authorization)
    except Unauthorized:
        if authorization:  # a wrong credential, not a missing one
            svc.keys.failures.failed(address)
        raise
    return await _admitted(request, svc, who, who.key_id or who.tenant_id)


async def launch_caller(request: Request) -> Caller:
    """The caller a launch cookie names (401 when it is missing, forged or expired; such
    failures count towards the address's authentication throttle). The caller checks what
    the grant may do."""
    svc = services(request)
    address = _not_throttled(svc, request)
    try:
        grant = launch.grant_of(request, svc.settings)
    except Unauthorized:
        if launch.COOKIE in request.cookies:
            svc.keys.failures.failed(address)
        raise
    # Each launched browser has a budget of its own: a candidate cannot spend the platform's.
    return await _admitted(
        request, svc, Caller(grant.tenant_id, launch=grant), f"launch:{grant.session_id}"
    )


def _not_throttled(svc, request: Request) -> str:
    """The client address, unless it failed to authenticate too often (429)."""
    address = request.client.host if request.client else "-"
    blocked = svc.keys.failures.wait(address)
    if blocked > 0:
        raise TooManyRequests(
            "too many failed authentication attempts from this address",
            code="auth-throttled",
            headers={"Retry-After": str(max(1, math.ceil(blocked)))},
        )
    return address


async def _admitted(request: Request, svc, who: Caller, budget: str) -> Caller:
    wait = await svc.keys.limiter.take(budget)
    if wait > 0:
        raise TooManyRequests(
            "rate limit exceeded for this API key",
            headers={"Retry-After": str(max(1, math.ceil(wait)))},
        )
    request.state.tenant_id = who.tenant_id
    return who


async def admin_caller(who: Caller = Depends(caller)) -> Caller:
    """Like `caller`, and the key must carry the admin scope (403 otherwise)."""
    if not who.admin:
        raise Forbidden("this needs an admin key (create one with `mlsd keys create --admin`)")
    return who
