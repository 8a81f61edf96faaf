"""The web handler of the error hierarchy: on a page route, any `DomainError` (raised by the
route, its dependencies or a service) answers as the HTML error page a person can read,
never as problem+json. The words come from the error's `page_title`/`page_text` when it
has them, else from its kind."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.responses import HTMLResponse
from fastapi.routing import APIRoute

from app.errors import DomainError, Forbidden, NotFound, TooManyRequests, Unauthorized
from app.services import services
from app.templating import sentence
from app.web.responses import render

LINK_HELP = (
    "Open it again from your learning platform: it makes a fresh link. A launch link works "
    "once, within minutes, and the visit it starts lasts a few hours."
)
# A missing, forged, used or expired credential on a page: the visitor came through a link.
LINK_EXPIRED_HEADERS = {"WWW-Authenticate": 'Bearer realm="mlsd"', "Cache-Control": "no-store"}


def page_words(exc: DomainError, local: bool = False) -> tuple[str, str, dict[str, str]]:
    """(title, text, headers) of the page that answers `exc`. In local mode nobody comes
    through a launch link: a refused credential is the key the browser sent."""
    if exc.page_title is not None or exc.page_text is not None:
        return exc.page_title or "Refused", exc.page_text or "", exc.headers
    if isinstance(exc, Unauthorized) and local:
        text = "The key this request carried was not accepted. Open the page without it."
        return "Key not accepted", text, LINK_EXPIRED_HEADERS
    if isinstance(exc, Unauthorized):
        return "This link has expired or is missing", LINK_HELP, LINK_EXPIRED_HEADERS
    if isinstance(exc, Forbidden):
        return "Not open to this link", sentence(exc.detail) + ".", exc.headers
    if isinstance(exc, TooManyRequests):
        return "Too many attempts", "Wait a minute, then try again.", exc.headers
    if isinstance(exc, NotFound):
        return "Not found", "There is no such interview. It may have been removed.", exc.headers
    return "Refused", exc.detail, exc.headers


def error_page(request: Request, exc: DomainError) -> HTMLResponse:
    """The HTML page for `exc`, with its status."""
    local = services(request).keys.local_mode()
    title, text, headers = page_words(exc, local)
    response = render(
        "error.html.j2",
        request,
        status=exc.status,
        code=exc.status,
        title=title,
        detail=text,
        # In keys mode a browser only gets here through a launch link: no links to pages
        # that would refuse it.
        bare=not local,
    )
    response.headers.update(headers)
    return response


class PageRoute(APIRoute):
    """The route class of every page router: domain errors become HTML error pages."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handle = super().get_route_handler()

        async def page(request: Request) -> Response:
            try:
                return await handle(request)
            except DomainError as exc:
                return error_page(request, exc)

        return page
