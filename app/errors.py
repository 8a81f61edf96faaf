"""The one error hierarchy: services, auth and handlers raise a `DomainError` subclass; the
API answers it as an RFC 9457 problem document (`app.api.errors`) and the pages as an HTML
error page (`app.web.errors`). Nothing else translates errors by hand.

An error carries its HTTP status, a stable `code` (the last part of the problem `type` URN),
the API's terse `detail` and optional response headers. What a person reads on a page may
differ from the API's wording: `page_title` / `page_text`, when set, say it; otherwise the
web handler chooses the page for the error's kind."""

from __future__ import annotations

from typing import Any, ClassVar

from fastapi.responses import JSONResponse

PROBLEM_JSON = "application/problem+json"
# Titles and type slugs by status, for errors that carry nothing more specific (also those
# the framework raises: 405, 413, 415, validation, ...).
TITLES = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    409: "Conflict",
    413: "Content too large",
    415: "Unsupported media type",
    422: "Unprocessable content",
    429: "Too many requests",
    500: "Internal server error",
    501: "Not implemented",
    503: "Service unavailable",
}
SLUGS = {
    400: "bad-request",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    406: "not-acceptable",
    409: "conflict",
    413: "too-large",
    415: "unsupported-media-type",
    422: "validation",
    429: "rate-limited",
    500: "internal",
    501: "not-implemented",
    503: "unavailable",
}


def error_type(slug: str) -> str:
    """Stable problem type URI (a URN: it names the error kind, it is not a web page)."""
    return f"urn:mlsd:error:{slug}"


class DomainError(Exception):
    """Base of every error that has a meaning for the caller (never a bug)."""

    status: ClassVar[int] = 400
    default_code: ClassVar[str | None] = None  # else the status's slug

    def __init__(
        self,
        detail: str,
        *,
        code: str | None = None,
        headers: dict[str, str] | None = None,
        page_title: str | None = None,
        page_text: str | None = None,
        **extra: Any,
    ):
        super().__init__(detail)
        self.detail = detail
        self.code = code or self.default_code or SLUGS.get(self.status, "error")
        self.headers = headers or {}
        self.page_title = page_title
        self.page_text = page_text
        self.extra = extra  # more members of the problem document


class Unauthorized(DomainError):
    """No credential, or one that is unknown, revoked, forged or expired."""

    status = 401


class Forbidden(DomainError):
    """The credential is valid but may not do this."""

    status = 403


class NotFound(DomainError):
    """No such thing for this caller (never says whether it exists for someone else)."""

    status = 404


class Conflict(DomainError):
    """The thing is not in a state that accepts this action."""

    status = 409


class LimitExceeded(Conflict):
    """A quota of the thing is used up (messages per session, webhooks per tenant)."""

    default_code = "limit"


class Gone(DomainError):
    """It existed but is no longer available (an expired share link)."""

    status = 410


class Unprocessable(DomainError):
    """The request is well-formed but names something that cannot be used."""

    status = 422


class UnknownProblem(Unprocessable):
    """No problem with this id in the bank."""

    default_code = "unknown-problem"


class TooManyRequests(DomainError):
    """A rate limit or the failed-authentication throttle; `Retry-After` says when."""

    status = 429


def problem(
    status: int,
    detail: str,
    *,
    slug: str | None = None,
    instance: str | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    """An RFC 9457 problem document (`application/problem+json`)."""
    body: dict[str, Any] = {
        "type": error_type(slug or SLUGS.get(status, "error")),
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    body.update(extra)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def problem_of(exc: DomainError, instance: str | None = None) -> JSONResponse:
    """The problem document that answers `exc`."""
    return problem(
        exc.status,
        exc.detail,
        slug=exc.code,
        instance=instance,
        headers=exc.headers,
        **exc.extra,
    )
