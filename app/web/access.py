"""Who may see a page, and from where a form may be posted. Refusals are `DomainError`s,
which page routes answer as HTML (`app.web.errors`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request

from app.auth import launch
from app.auth.dependencies import caller, launch_caller
from app.auth.keys import Caller
from app.errors import Forbidden
from app.security import cross_site
from app.services import services


async def same_origin(request: Request) -> None:
    """Refuse form posts from other sites (local mode has no credentials to protect it).
    Fails closed: `Sec-Fetch-Site`, else `Origin`, else a same-origin `Referer` must vouch
    for the post; a post with none of them is refused. (Async: a plain `def` dependency
    would be run in a worker thread, a thread hop per post for a header check.)"""
    if cross_site(request.headers):
        raise Forbidden(
            "cross-site form post",
            page_title="Forbidden",
            page_text="This form can only be sent from this site.",
        )


def visitor(*roles: str) -> Callable[[Request], Awaitable[Caller]]:
    """Dependency: who is asking for a page. Local mode: the local tenant, as always. Keys
    mode: a bearer key (its whole tenant), or a launch cookie for this page's session whose
    role is one of `roles` (none: only key holders)."""

    async def dependency(request: Request) -> Caller:
        keyed = request.headers.get("authorization") is not None
        if keyed or services(request).keys.local_mode():
            return await caller(request)
        who = await launch_caller(request)
        launch.check_session(request, who.launch, roles)  # type: ignore[arg-type]
        return who

    return dependency


# keys mode: a bearer key only (home, lists, new interviews, sharing)
KeyHolder = Annotated[Caller, Depends(visitor())]
# ...or a candidate's launch cookie (talk, finish)
Candidate = Annotated[Caller, Depends(visitor("candidate"))]
# ...or a reviewer's (read the interview and review)
AnyVisitor = Annotated[Caller, Depends(visitor(*launch.ROLES))]


def role(who: Caller) -> str | None:
    """`candidate` or `reviewer` for a launched visitor, None for a key holder or local."""
    return who.launch.role if who.launch else None
