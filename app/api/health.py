"""Liveness and readiness."""

from __future__ import annotations

import os
import socket

import anyio
from anyio import to_thread
from fastapi import APIRouter
from fastapi.responses import JSONResponse

from app.api.schemas import Health
from app.services import ServicesDep
from app.store.db import ping

router = APIRouter(tags=["health"])


INSTANCE = f"{socket.gethostname()}:{os.getpid()}"


@router.get("/healthz", response_model=Health, summary="Liveness: the process answers")
async def healthz() -> Health:
    return Health(status="ok", instance=INSTANCE)


READY_TIMEOUT_S = 5.0


@router.get(
    "/readyz",
    response_model=Health,
    summary="Readiness: database and knowledge index reachable",
    responses={503: {"model": Health}},
)
async def readyz(svc: ServicesDep):
    checks: dict[str, str] = {}
    try:
        with anyio.fail_after(READY_TIMEOUT_S):  # a hung database must not hang the probe
            await to_thread.run_sync(ping, svc.db.engine, abandon_on_cancel=True)
        checks["database"] = "ok"
    except Exception as exc:
        checks["database"] = f"error: {type(exc).__name__}"
    try:
        count = await to_thread.run_sync(svc.retriever.ping)
        checks["index"] = f"ok ({count} documents)"
    except Exception as exc:
        checks["index"] = f"error: {type(exc).__name__}"
    ok = all(v.startswith("ok") for v in checks.values())
    body = Health(status="ok" if ok else "unavailable", checks=checks, instance=INSTANCE)
    return JSONResponse(body.model_dump(), status_code=200 if ok else 503)
