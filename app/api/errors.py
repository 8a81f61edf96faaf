"""RFC 9457 problem+json for every error the API meets (`app.errors.DomainError` and the
framework's own); never a stack trace, never a 500 for bad input."""

from __future__ import annotations

import errno
import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy import exc as sa_exc
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.errors import TITLES, DomainError, problem, problem_of

log = logging.getLogger(__name__)


def _loc(err: dict[str, Any]) -> str:
    return ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "body"


RETRY_AFTER_S = 5


def install(app: FastAPI) -> None:
    """Register the handlers that turn every failure into a problem document."""

    @app.exception_handler(DomainError)
    async def _domain_error(request: Request, exc: DomainError) -> JSONResponse:
        return problem_of(exc, instance=request.url.path)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        body_errors = [e for e in exc.errors() if tuple(e.get("loc", ()))[:1] == ("body",)]
        if body_errors and _not_json(request):
            return problem(
                415,
                "send the body as JSON with 'Content-Type: application/json'",
                instance=request.url.path,
            )
        bad_json = next((e for e in exc.errors() if e.get("type") == "json_invalid"), None)
        if bad_json is not None:
            ctx = bad_json.get("ctx") or {}
            loc = tuple(bad_json.get("loc", ()))
            where = f" at position {loc[-1]}" if len(loc) > 1 else ""
            return problem(
                400,
                f"malformed JSON body{where}: {ctx.get('error', 'cannot parse')}",
                slug="malformed-json",
                instance=request.url.path,
            )
        errors = [
            {"loc": _loc(e), "msg": e.get("msg", "invalid"), "type": e.get("type", "")}
            for e in exc.errors()
        ]
        detail = "; ".join(f"{e['loc']}: {e['msg']}" for e in errors[:5])
        return problem(422, detail or "invalid request", instance=request.url.path, errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else TITLES.get(exc.status_code, "")
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            # Starlette names only the first matching route's methods; list every method
            # this path supports.
            headers["Allow"] = ", ".join(_allowed_methods(request))
        return problem(exc.status_code, detail, instance=request.url.path, headers=headers)

    async def _storage(request: Request, exc: Exception) -> JSONResponse:
        if _storage_unavailable(exc):
            return await _unavailable(request, exc)
        return await _unhandled(request, exc)

    async def _unavailable(request: Request, exc: Exception) -> JSONResponse:
        # The database (or its disk) is down, unreachable or full: say so, and when to retry;
        # nothing was changed (the unit of work rolled back).
        log.warning(
            "storage unavailable on %s %s: %s", request.method, request.url.path, type(exc).__name__
        )
        return problem(
            503,
            "storage is unavailable right now; nothing was changed, retry shortly",
            slug="unavailable",
            instance=request.url.path,
            headers={"Retry-After": str(RETRY_AFTER_S)},
        )

    for kind in (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.TimeoutError):
        app.add_exception_handler(kind, _storage)

    @app.exception_handler(OSError)
    async def _os_error(request: Request, exc: OSError) -> JSONResponse:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS):
            return await _unavailable(request, exc)
        return await _unhandled(request, exc)

    @app.exception_handler(Exception)
    async def _unhandled(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem(500, "An unexpected error occurred; it has been logged.")


# SQLite reports programming errors ("no such column") as OperationalError too: only these
# messages mean the storage itself is unavailable.
_SQLITE_UNAVAILABLE = ("locked", "disk", "unable to open", "readonly", "i/o error", "full")


def _storage_unavailable(exc: Exception) -> bool:
    """The database (or its disk) is down, unreachable, overloaded or full."""
    if isinstance(exc, sa_exc.OperationalError) and type(exc.orig).__module__ == "sqlite3":
        return any(m in str(exc.orig).lower() for m in _SQLITE_UNAVAILABLE)
    return True


_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def _allowed_methods(request: Request) -> list[str]:
    """Every method some route fully matches on this path (routes may sit inside included
    routers, so ask each route rather than read its attributes)."""
    from starlette.routing import Match

    methods: set[str] = set()
    for method in _METHODS:
        scope = {**request.scope, "method": method}
        if any(route.matches(scope)[0] is Match.FULL for route in request.app.routes):
            methods.add(method)
    return sorted(methods)


def _not_json(request: Request) -> bool:
    """True when a request to the JSON API sent a body that is not declared as JSON."""
    if not request.url.path.startswith("/v1/") or request.method not in {"POST", "PUT", "PATCH"}:
        return False
    ctype = request.headers.get("content-type")
    if ctype is None:  # no body at all is a validation error (422), not a media type one
        return request.headers.get("content-length", "0") not in ("", "0")
    media = ctype.split(";", 1)[0].strip().lower()
    return not (media == "application/json" or media.endswith("+json"))
