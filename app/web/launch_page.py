"""Opening a launch link: the one page a platform sends a browser to (see `app.auth.launch`)."""

from __future__ import annotations

from anyio import to_thread
from fastapi import APIRouter, Request

from app.auth import launch
from app.errors import TooManyRequests, Unauthorized
from app.services import ServicesDep
from app.web.errors import PageRoute
from app.web.responses import redirect

router = APIRouter(include_in_schema=False, route_class=PageRoute)


@router.get("/launch/{token}")
async def open_launch_link(token: str, request: Request, svc: ServicesDep):
    """Trade a launch link for the browser's cookie (once), then go to its page: the token
    never stays in the address bar, and a used, expired or forged one gets an HTML 401."""
    address = request.client.host if request.client else "-"
    if svc.keys.failures.wait(address) > 0:
        raise TooManyRequests("too many failed attempts from this address")
    grant = await to_thread.run_sync(launch.consume, svc, token)
    if grant is None:
        svc.keys.failures.failed(address)
        raise Unauthorized(launch.EXPIRED)
    response = redirect(launch.landing(grant))
    response.headers["Cache-Control"] = "no-store"
    launch.set_cookie(response, request, svc.settings, grant)
    return response
