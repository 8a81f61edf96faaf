"""Structured JSON logs with request ids, and Prometheus metrics."""

from __future__ import annotations

import contextvars
import json
import logging
import sys
import time
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")

REGISTRY = CollectorRegistry(auto_describe=True)
HTTP_LATENCY = Histogram(
    "mlsd_http_request_seconds",
    "HTTP request latency",
    ["method", "route", "status"],
    registry=REGISTRY,
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
TURNS = Counter("mlsd_turns_total", "Interviewer turns", ["move", "voice"], registry=REGISTRY)
FALLBACKS = Counter(
    "mlsd_llm_fallbacks_total", "LLM replies replaced by templates", registry=REGISTRY
)
LLM_INTERNAL_ERRORS = Counter(
    "mlsd_llm_internal_errors_total",
    "LLM calls ended by an error in our code, not the model's (a bug; its caller fell back)",
    ["purpose"],
    registry=REGISTRY,
)
LLM_TOKENS = Counter("mlsd_llm_tokens_total", "LLM tokens", ["kind"], registry=REGISTRY)
DRAFTS = Counter(
    "mlsd_speculative_drafts_total",
    "Replies drafted while the model read the message: kept, or redrafted on its reading",
    ["outcome"],
    registry=REGISTRY,
)
GRADING_SECONDS = Histogram(
    "mlsd_grading_seconds",
    "Time to grade a transcript",
    ["grader"],
    registry=REGISTRY,
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
)


def record_turn(meta: dict[str, Any], move: str) -> None:
    TURNS.labels(move=move, voice=meta.get("voice", "template")).inc()
    if meta.get("fallback"):
        FALLBACKS.inc()
    usage = meta.get("usage") or {}
    for kind in ("input_tokens", "output_tokens"):
        if usage.get(kind):
            LLM_TOKENS.labels(kind=kind.removesuffix("_tokens")).inc(usage[kind])


def record_draft(outcome: str) -> None:
    """Count a speculative draft's outcome ("kept" or "redrafted")."""
    DRAFTS.labels(outcome=outcome).inc()


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id, extras."""

    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
            "request_id": request_id.get(),
        }
        for key in ("method", "path", "status", "duration_ms", "tenant"):
            if hasattr(record, key):
                out[key] = getattr(record, key)
        if record.exc_info:
            out["exc"] = self.formatException(record.exc_info)
        elif record.exc_text:  # already formatted (and redacted) by a filter
            out["exc"] = record.exc_text
        return json.dumps(out, default=str)


def configure_logging(level: str = "INFO") -> None:
    from app.security import install_log_redaction

    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter())
    install_log_redaction(handler)  # share links, bearer tokens and keys never reach a log
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("httpx", "httpcore", "bm25s", "chromadb", "uvicorn.access"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
