"""Launch links: how a platform sends a candidate into the interview page, or a reviewer into
a review, without its API key ever reaching the browser.

`POST /v1/sessions/{id}/launch` (candidate) or `.../review/launch` (reviewer) returns a URL
that is short-lived (`MLSD_LAUNCH_LINK_TTL_S`), single-use (its consumption is a row update
in the database, so it holds across workers and replicas) and signed (HMAC under the server
secret: a tampered token is refused before any lookup). Only a SHA-256 of the token is
stored. Opening it trades it for a signed, HttpOnly, SameSite=Lax cookie naming the tenant,
the session and the role, path-scoped to that session's pages and API, then redirects to the
page. In keys mode the pages, and the few API calls those pages make, accept that cookie for
that one session only.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from fastapi import Request, Response
from pydantic import BaseModel, Field

from app.config import Settings
from app.errors import Forbidden, NotFound, Unauthorized
from app.security import cross_site, server_secret
from app.store import repo
from app.store.db import Database
from app.store.models import utcnow

ROLES = ("candidate", "reviewer")
COOKIE = "mlsd_launch"
# <43 random url-safe chars>.<43 chars of HMAC-SHA256>
TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}")
EXPIRED = "This launch link has expired, was already used, or is missing."

# What a launch cookie may do on the JSON API: exactly the calls its pages make (the chat
# streams replies and refreshes the stage tracker; the pages link to Markdown exports).
# Everything else (other sessions, deleting, regrading, minting links, keys) stays key-only.
API_ROUTES: dict[tuple[str, str], frozenset[str]] = {
    ("GET", "/v1/sessions/{session_id}"): frozenset(ROLES),
    ("GET", "/v1/sessions/{session_id}/transcript"): frozenset(ROLES),
    ("GET", "/v1/sessions/{session_id}/report"): frozenset(ROLES),
    ("POST", "/v1/sessions/{session_id}/messages"): frozenset({"candidate"}),
}


def now() -> datetime:
    """The launch clock (tests replace it)."""
    return utcnow()


@dataclass(frozen=True)
class LaunchGrant:
    """What a launch cookie carries: one tenant's session, in one role, until `expires`."""

    tenant_id: str
    session_id: str
    role: str
    expires: int  # unix seconds


class LaunchLink(BaseModel):
    """A launch URL for one browser: open it within its lifetime; it works once."""

    url: str = Field(description="Absolute URL; opening it starts the browser session")
    expires_at: datetime = Field(description="The link is refused after this instant")


# --- signing ----------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _keys(data_dir: Path, configured: str | None) -> tuple[bytes, bytes]:
    """(token key, cookie key), derived from the server secret: one purpose per key."""
    root = server_secret(data_dir, configured)
    derive = lambda label: hmac.new(root, label, hashlib.sha256).digest()  # noqa: E731
    return derive(b"mlsd launch token v1"), derive(b"mlsd launch cookie v1")


def keys(settings: Settings) -> tuple[bytes, bytes]:
    configured = settings.secret_key.get_secret_value() if settings.secret_key else None
    return _keys(settings.data_dir.resolve(), configured)


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _mac(key: bytes, message: str) -> str:
    return _b64(hmac.new(key, message.encode(), hashlib.sha256).digest())


def new_token(settings: Settings) -> str:
    """A fresh launch token: 256 random bits and their HMAC."""
    nonce = secrets.token_urlsafe(32)
    return f"{nonce}.{_mac(keys(settings)[0], nonce)}"


def token_signed(settings: Settings, token: str) -> bool:
    """True when `token` has the launch-token shape and our signature."""
    if not TOKEN_RE.fullmatch(token):
        return False
    nonce, mac = token.split(".")
    return hmac.compare_digest(mac, _mac(keys(settings)[0], nonce))


def token_hash(token: str) -> str:
    """What the database keeps of a token."""
    return hashlib.sha256(token.encode()).hexdigest()


def cookie_value(settings: Settings, grant: LaunchGrant) -> str:
    """`<payload>.<mac>`: base64url of compact JSON, and its HMAC under the cookie key."""
    body = {"t": grant.tenant_id, "s": grant.session_id, "r": grant.role, "e": grant.expires}
    payload = _b64(json.dumps(body, separators=(",", ":"), sort_keys=True).encode())
    return f"{payload}.{_mac(keys(settings)[1], payload)}"


def read_cookie(settings: Settings, value: str) -> LaunchGrant | None:
    """The grant in a cookie we signed that has not expired, else None."""
    payload, _, mac = value.partition(".")
    expected = _mac(keys(settings)[1], payload).encode()
    if not payload or not hmac.compare_digest(mac.encode(), expected):  # bytes: any input
        return None
    try:
        body = json.loads(_unb64(payload))
        grant = LaunchGrant(str(body["t"]), str(body["s"]), str(body["r"]), int(body["e"]))
    except (ValueError, KeyError, TypeError):
        return None
    if grant.role not in ROLES or grant.expires <= now().timestamp():
        return None
    return grant


# --- issuing and opening links ----------------------------------------------------------


class LaunchServices(Protocol):
    """What issuing and opening links needs of the process's services."""

    settings: Settings
    db: Database


def issue(
    svc: LaunchServices, tenant_id: str, session_id: str, role: str, base_url: str
) -> LaunchLink:
    """Record a new launch link for this tenant's session (404 for any other session)."""
    if role not in ROLES:
        raise ValueError(role)
    token = new_token(svc.settings)
    at = now()
    expires = at + timedelta(seconds=svc.settings.launch_link_ttl_s)
    with svc.db.write() as db:
        if repo.get_session(db, tenant_id, session_id) is None:
            raise NotFound(f"no session '{session_id}'")
        repo.add_launch_token(
            db,
            token_hash=token_hash(token),
            tenant_id=tenant_id,
            session_id=session_id,
            role=role,
            expires_at=expires,
            now=at,
        )
    return LaunchLink(url=f"{base_url.rstrip('/')}/launch/{token}", expires_at=expires)


def consume(svc: LaunchServices, token: str) -> LaunchGrant | None:
    """Use a launch link: the grant it opens, or None when it is forged, unknown, expired or
    used already (every one of those looks the same to the visitor)."""
    if not token_signed(svc.settings, token):
        return None
    at = now()
    with svc.db.write() as db:
        row = repo.consume_launch_token(db, token_hash(token), at)
        if row is None:
            return None
        lifetime = timedelta(hours=svc.settings.launch_cookie_hours)
        return LaunchGrant(
            row.tenant_id, row.session_id, row.role, int((at + lifetime).timestamp())
        )


def landing(grant: LaunchGrant) -> str:
    """The page a launch opens: the interview, or the review for a reviewer."""
    page = f"/app/sessions/{grant.session_id}"
    return page + "/review" if grant.role == "reviewer" else page


def cookie_paths(session_id: str) -> tuple[str, str]:
    """The cookie goes only to this session's pages and this session's API."""
    return f"/app/sessions/{session_id}", f"/v1/sessions/{session_id}"


def set_cookie(
    response: Response, request: Request, settings: Settings, grant: LaunchGrant
) -> None:
    """HttpOnly (no script reads it), SameSite=Lax (sent on the top-level navigation that
    lands from the platform, withheld from cross-site posts), Secure over https, and one
    copy per path so the browser never sends it beyond its session."""
    value = cookie_value(settings, grant)
    max_age = round(settings.launch_cookie_hours * 3600)  # set as the grant starts
    for path in cookie_paths(grant.session_id):
        response.set_cookie(
            COOKIE,
            value,
            max_age=max_age,
            path=path,
            secure=request.url.scheme == "https",
            httponly=True,
            samesite="lax",
        )


# --- checking a request that carries the cookie -------------------------------------------


def grant_of(request: Request, settings: Settings) -> LaunchGrant:
    """The valid grant in the request's cookie; 401 when it is missing, forged or expired."""
    value = request.cookies.get(COOKIE)
    grant = read_cookie(settings, value) if value else None
    if grant is None:
        raise Unauthorized(EXPIRED + " Open a new one from your learning platform.")
    return grant


def check_session(request: Request, grant: LaunchGrant, roles: frozenset[str] | tuple) -> None:
    """403 unless the request is about the grant's own session and its role may do it."""
    if request.path_params.get("session_id") != grant.session_id:
        raise Forbidden("this launch link opens another interview, not this one")
    if grant.role not in roles:
        raise Forbidden(f"a {grant.role} link cannot do this (read-only)")


def check_api(request: Request, grant: LaunchGrant) -> None:
    """An API call authorised by the cookie: only the calls its pages make, only for its own
    session, and a write only from this site (the pages' own fetches)."""
    route = request.scope.get("route")
    roles = API_ROUTES.get((request.method, getattr(route, "path", "")))
    if roles is None:
        raise Forbidden("a launch link authorises its pages only; use an API key for this")
    check_session(request, grant, roles)
    if request.method not in ("GET", "HEAD") and cross_site(request.headers):
        raise Forbidden("this call can only be made from this site's pages")
