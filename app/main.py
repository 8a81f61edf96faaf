"""FastAPI app factory. The lifespan migrates the database, loads and validates the knowledge
bank, opens the retrieval index and wires the services together."""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Response
from fastapi.middleware.cors import CORSMiddleware
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import __version__
from app.api import admin, errors, health, platform, problems, reports, sessions, stream_events
from app.api import openapi as openapi_doc
from app.api.middleware import Idempotency, JsonBodies, RequestContext
from app.api.webhook_docs import router as webhook_docs
from app.auth.keys import KeyRing
from app.auth.ratelimit import RateLimiter
from app.config import Settings, get_settings
from app.errors import problem
from app.grading.service import GradingService
from app.interview.service import InterviewService
from app.knowledge.bank import KnowledgeBank, load_bank
from app.knowledge.matching import Matcher
from app.knowledge.retrieval import Retriever
from app.llm.client import ChatClient
from app.llm.provider import make_chat_client
from app.observability import REGISTRY
from app.security import (
    BoundaryGuard,
    SecurityHeaders,
    document_url_text,
    install_log_redaction,
    private_dir,
)
from app.services import Services
from app.startup_lock import startup_lock
from app.store import db as store_db
from app.store.db import Database
from app.understanding.offline import OfflineReader
from app.web import pages
from app.webhooks.service import WebhookService

log = logging.getLogger("mlsd")


def build_services(settings: Settings) -> Services:
    """Load knowledge, open the index and the database (fails loudly on bad knowledge)."""
    bank = load_bank(settings.knowledge_dir, [settings.data_dir / "problems"])
    private_dir(settings.data_dir)  # data dir and index (hidden facts): owner only
    # Several workers starting together: one migrates and builds the index, the others wait
    # and then find both done.
    if settings.migrate_on_start:
        with startup_lock(settings.data_dir, "migrate"):
            store_db.upgrade(settings)
    database = Database(settings)
    if not settings.chroma_host:
        private_dir(settings.chroma_dir)
    with startup_lock(settings.data_dir, "index"):
        retriever = Retriever(bank, settings)
    matcher = Matcher(bank)
    return assemble(settings, database, bank, retriever, matcher)


def assemble(
    settings: Settings,
    database: Database,
    bank: KnowledgeBank,
    retriever: Retriever,
    matcher: Matcher,
    chat: ChatClient | None = None,
    judge_chat: ChatClient | None = None,
    reader: OfflineReader | None = None,
) -> Services:
    """Wire the domain services; `chat`/`judge_chat` default to the configured provider.
    One offline reader serves the interviewer and the grader (`reader`: one already built
    over the same bank, matcher and retriever)."""
    reader = reader or OfflineReader(bank, matcher, retriever)
    chat = chat if chat is not None else make_chat_client(settings)
    if judge_chat is None and chat is not None:
        judge_chat = make_chat_client(settings, temperature=0.0) or chat
    interviews = InterviewService(
        settings, database, bank, retriever, matcher, chat=chat, reader=reader
    )
    webhooks = WebhookService(
        database,
        allow_private=settings.webhooks_allow_private,
        max_per_tenant=settings.webhooks_per_tenant,
    )
    # Grading announces finished sessions and new reports (API and web alike) as webhooks;
    # looked up at call time so a replaced webhook service (tests) is honoured.
    services: Services

    async def notify(tenant_id: str, event: str, payload: dict) -> None:
        await services.webhooks.emit(tenant_id, event, payload)

    grading = GradingService(
        settings, database, bank, retriever, matcher, chat=judge_chat, notify=notify, reader=reader
    )
    services = Services(
        settings,
        database,
        bank,
        retriever,
        matcher,
        interviews,
        grading,
        KeyRing(
            database,
            settings.rate_limit_per_minute,
            mode=settings.auth_mode,
            fail_limit=settings.auth_fail_limit,
            fail_window_s=settings.auth_fail_window_s,
        ),
        webhooks,
    )
    # One minute's window per key, in Redis when configured (shared by every worker).
    services.keys.limiter = RateLimiter.from_settings(settings)
    return services


def purge_expired(database: Database, days: int) -> dict[str, int]:
    """Erase what is older than the retention period (see `repo.purge_older_than`)."""
    from datetime import timedelta

    from app.store import repo

    with database.write() as db:
        return repo.purge_older_than(db, repo.utcnow() - timedelta(days=days))


DOCS_ASSETS = "/docs-assets"


def install_docs(app: FastAPI) -> None:
    """Swagger UI at /docs and ReDoc at /redoc from files shipped in a package (no CDN)."""
    import fastapi_offline
    from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
    from fastapi.staticfiles import StaticFiles

    static = Path(fastapi_offline.__file__).parent / "static"
    app.mount(DOCS_ASSETS, StaticFiles(directory=static), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    async def swagger() -> Response:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} · API",
            swagger_js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{DOCS_ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{DOCS_ASSETS}/favicon.png",
        )

    @app.get("/redoc", include_in_schema=False)
    async def redoc() -> Response:
        return get_redoc_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} · API",
            redoc_js_url=f"{DOCS_ASSETS}/redoc.standalone.js",
            redoc_favicon_url=f"{DOCS_ASSETS}/favicon.png",
            with_google_fonts=False,
        )


class _BodyTooLarge(Exception):
    pass


class BodyLimit:
    """Refuse bodies over `max_bytes` (413 problem), counting bytes as they arrive, so a
    chunked body without Content-Length is cut off too; pure ASGI and outside idempotency,
    auth and JSON parsing, so nothing buffers an oversized body first."""

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None:
            try:
                declared = int(length)
            except ValueError:
                await problem(400, "invalid Content-Length header")(scope, receive, send)
                return
            if declared > self.max_bytes:
                await self._refuse(scope, receive, send)
                return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _BodyTooLarge
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except _BodyTooLarge:
            if not started:
                await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = problem(
            413, f"request body over {self.max_bytes} bytes", instance=scope.get("path")
        )
        await response(scope, receive, send)


# Set once the documented operation ids have passed check_operation_ids in this process.
_routes_checked = False


def create_app(settings: Settings | None = None, services: Services | None = None) -> FastAPI:
    """Build the ASGI app; tests pass their own settings (and may share built services)."""
    settings = settings or get_settings()
    install_log_redaction()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        svc = services or build_services(settings)
        svc.keys.check_start()  # fail closed: local mode over a keyed database never starts
        app.state.services = svc
        mode = "LLM (OpenAI-compatible)" if settings.llm_enabled else "offline"
        log.info(
            "ready: %d problems, %s voice, db %s, auth %s",
            len(svc.bank.problems),
            mode,
            svc.db.engine.dialect.name,
            svc.keys.mode,
        )
        # The webhook outbox's drain loop: due deliveries (left by any worker, or by a
        # previous run of this one) are claimed and sent from here.
        svc.webhooks.start()
        if settings.retention_days > 0:
            purged = purge_expired(svc.db, settings.retention_days)
            log.info("retention (%d days): erased %s", settings.retention_days, purged)
        yield
        await svc.webhooks.stop(grace_s=2.0)
        if services is None:
            svc.db.dispose()

    app = FastAPI(
        title="ML system design interviewer",
        version=__version__,
        description=(
            "Mock ML system design interviews: an interviewer agent that answers clarifying "
            "questions, probes trade-offs and grades against a rubric with evidence. Errors "
            "are RFC 9457 problem documents (`application/problem+json`)."
        ),
        lifespan=lifespan,
        docs_url=None,  # served below from local files: /docs must work offline
        redoc_url=None,
        generate_unique_id_function=openapi_doc.operation_id,
        webhooks=webhook_docs,
    )
    install_docs(app)
    errors.install(app)
    _openapi = app.openapi

    def openapi() -> dict:
        if app.openapi_schema is None:
            schema = document_url_text(openapi_doc.document(_openapi()))
            stream_events.document(schema)
            svc = getattr(app.state, "services", None)
            if svc is not None:  # the bank is loaded: document the valid problem ids
                ids = sorted(svc.bank.problems)
                for name in ("CreateSession", "GradeRequest"):
                    prop = schema["components"]["schemas"][name]["properties"]["problem_id"]
                    prop["enum"] = ids
            # The message limit the server enforces, not the parser's outer bound.
            post = schema["components"]["schemas"].get("PostMessage", {})
            if "content" in post.get("properties", {}):
                post["properties"]["content"]["maxLength"] = settings.max_message_chars
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    # Starlette runs the last added middleware first: request context wraps everything.
    app.add_middleware(JsonBodies)  # 415 for a body on the JSON API that is not JSON
    app.add_middleware(Idempotency, services_getter=lambda scope: scope["app"].state.services)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["authorization", "content-type", "idempotency-key"],
        )
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BoundaryGuard, allowed_hosts=settings.host_allowlist)
    app.add_middleware(RequestContext)

    @app.get("/metrics", include_in_schema=False)
    async def metrics() -> Response:
        return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)

    app.include_router(health.router)
    app.include_router(problems.router)
    app.include_router(sessions.router)
    app.include_router(reports.router)
    pages.install(app)  # browser UI: pages, /static, HTML error pages
    app.include_router(platform.router)
    app.include_router(admin.router)
    global _routes_checked
    if not _routes_checked:
        # The routers are module constants, so one check per process covers every app;
        # it walks each route's dependencies and cost a quarter second per app.
        openapi_doc.check_operation_ids(app)
        _routes_checked = True
    return app
