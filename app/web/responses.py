"""What a page answers with: a rendered template or a 303 redirect, both carrying the
pages' strict security headers (no inline script or style anywhere, never framed)."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse

from app.templating import html_env

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def render(name: str, request: Request, status: int = 200, **ctx: Any) -> HTMLResponse:
    """A page template, rendered for this request."""
    html = html_env().get_template(name).render(path=request.url.path, **ctx)
    return HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)


def redirect(url: str) -> RedirectResponse:
    """See other: where a form post goes next."""
    return RedirectResponse(url, status_code=303, headers=SECURITY_HEADERS)
