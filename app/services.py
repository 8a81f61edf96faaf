"""The services a request handler may use (built by `app.main.build_services`), and the typed
dependencies every handler, API or page, takes them through. A module of its own so that
handlers can name the type without importing `app.main`, which imports them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from anyio import to_thread
from fastapi import Depends, Request

from app.auth.dependencies import admin_caller, caller
from app.auth.keys import Caller, KeyRing
from app.config import Settings
from app.grading.service import GradingService
from app.interview.service import InterviewService
from app.knowledge.bank import KnowledgeBank
from app.knowledge.matching import Matcher
from app.knowledge.retrieval import Retriever
from app.store.db import Database
from app.store.models import InterviewSession
from app.store.repo import session_or_404
from app.webhooks.service import WebhookService


@dataclass
class Services:
    """Everything a request handler may use; built once per process."""

    settings: Settings
    db: Database
    bank: KnowledgeBank
    retriever: Retriever
    matcher: Matcher
    interviews: InterviewService
    grading: GradingService
    keys: KeyRing
    webhooks: WebhookService


def services(request: Request) -> Services:
    """The process's services, stored on the app when it starts."""
    return request.app.state.services


def load_session(svc: Services, tenant_id: str, session_id: str) -> InterviewSession:
    """`repo.session_or_404` in a read of its own."""
    with svc.db.read() as db:
        return session_or_404(db, tenant_id, session_id)


async def _services_dependency(request: Request) -> Services:
    """`services` as a dependency. Async on purpose: FastAPI runs a plain `def` dependency in
    a worker thread, so every request paid a thread hop (a wake-up on a busy machine) to read
    one attribute."""
    return services(request)


ServicesDep = Annotated[Services, Depends(_services_dependency)]
CallerDep = Annotated[Caller, Depends(caller)]
AdminDep = Annotated[Caller, Depends(admin_caller)]


async def path_session(session_id: str, who: CallerDep, svc: ServicesDep) -> InterviewSession:
    """The path's session for this caller (404 otherwise)."""
    return await to_thread.run_sync(load_session, svc, who.tenant_id, session_id)


SessionDep = Annotated[InterviewSession, Depends(path_session)]
