"""FastAPI dependencies that admit a request: `caller` (a bearer key, or in keys mode a
launch cookie for the few API calls its pages make), `launch_caller` (a launch cookie) and
`admin_caller` (a key with the admin scope). Each one counts failed authentications per
address and takes from the caller's rate limit."""

from __future__ import annotations

import math
from typing import Protocol

from fastapi import Depends, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.auth import launch
from app.auth.keys import Caller, KeyRing
from app.config import Settings
from app.errors import Forbidden, TooManyRequests, Unauthorized

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


class AuthServices(Protocol):
    """What admitting a request needs of the process's services (`app.services.Services`,
    which this package does not import: it holds a `KeyRing`)."""

    settings: Settings
    keys: KeyRing


def _services(request: Request) -> AuthServices:
    return request.app.state.services


async def caller(
    request: Request,
    _documented: HTTPAuthorizationCredentials | None = Security(BEARER),
) -> Caller:
    """The authenticated tenant for this request (rate limited per key; an address that
    keeps failing to authenticate is refused for a while). In keys mode a request without a
    key may carry a launch cookie instead: it reaches only the calls its pages make, for its
    own session (see `app.auth.launch`). The raw header is read, not `_documented`, so every
    malformed credential gets the same answer as before."""
    svc = _services(request)
    authorization = request.headers.get("authorization")
    if authorization is None and not svc.keys.local_mode() and launch.COOKIE in request.cookies:
        who = await launch_caller(request)
        launch.check_api(request, who.launch)  # type: ignore[arg-type]
        return who
    address = _not_throttled(svc.keys, request)
    try:
        who = await svc.keys.resolve(authorization)
    except Unauthorized:
        if authorization:  # a wrong credential, not a missing one
            svc.keys.failures.failed(address)
        raise
    return await _admitted(request, svc.keys, who, who.key_id or who.tenant_id)


async def launch_caller(request: Request) -> Caller:
    """The caller a launch cookie names (401 when it is missing, forged or expired; such
    failures count towards the address's authentication throttle). The caller checks what
    the grant may do."""
    svc = _services(request)
    address = _not_throttled(svc.keys, request)
    try:
        grant = launch.grant_of(request, svc.settings)
    except Unauthorized:
        if launch.COOKIE in request.cookies:
            svc.keys.failures.failed(address)
        raise
    # Each launched browser has a budget of its own: a candidate cannot spend the platform's.
    return await _admitted(
        request, svc.keys, Caller(grant.tenant_id, launch=grant), f"launch:{grant.session_id}"
    )


def _not_throttled(keys: KeyRing, request: Request) -> str:
    """The client address, unless it failed to authenticate too often (429)."""
    address = request.client.host if request.client else "-"
    blocked = keys.failures.wait(address)
    if blocked > 0:
        raise TooManyRequests(
            "too many failed authentication attempts from this address",
            code="auth-throttled",
            headers={"Retry-After": str(max(1, math.ceil(blocked)))},
        )
    return address


async def _admitted(request: Request, keys: KeyRing, who: Caller, budget: str) -> Caller:
    wait = await keys.limiter.take(budget)
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
