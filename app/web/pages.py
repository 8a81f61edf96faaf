"""The browser UI: server-rendered pages over the same services as the v1 API.

Progressive enhancement: every action is a plain HTML form post that answers 303 (or an HTML
error page), so the whole interview works without JavaScript; `static/chat.js` then streams
replies from the v1 API and `static/app.js` adds small conveniences (confirm, copy).

Pages send a strict Content-Security-Policy (no inline script or style anywhere), refuse
cross-site form posts, and render errors as HTML, never as problem+json. The API's HTML
renderings (`?format=html`) are left alone: they are standalone documents for download.

- `interview`: start, list, talk, finish; `review`: the review, share links, shared view;
  `launch_page`: opening a launch link;
- `access`: who may see a page, same-origin form posts; `errors`: the HTML error pages;
  `evidence`: quotes highlighted in the transcript; `responses`: rendering and redirects.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.types import Scope

from app import resources
from app.web import interview, launch_page, review


class _Static(StaticFiles):
    """Static files with `nosniff` (the CSP only matters on documents)."""

    async def get_response(self, path: str, scope: Scope):
        response = await super().get_response(path, scope)
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response


def install(app: FastAPI) -> None:
    """Add the pages (whose routes answer errors as HTML) and the static files to the app."""
    for module in (interview, review, launch_page):
        app.include_router(module.router)
    app.mount("/static", _Static(directory=resources.static_dir()), name="static")
