"""Boundary hardening shared by the API and the web app: control characters in text, the
Host allowlist of local mode, security headers on every HTML response, a throttle on failed
authentication, redaction of secrets in logs, private permissions on data files, and the
server secret that signs cookies."""

from __future__ import annotations

import logging
import os
import re
import secrets
import threading
import time
from collections import deque
from pathlib import Path
from urllib.parse import unquote_plus, urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.errors import problem

# --- control characters ---------------------------------------------------------------------

# C0 controls except tab, line feed and carriage return; lone UTF-16 surrogates (JSON allows
# them as escapes, no database can store them).
TEXT_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
# Single-line values (ids, references, URLs, secrets): no C0 control at all.
LINE_FORBIDDEN = re.compile(r"[\x00-\x1f\ud800-\udfff]")
# The same rules as JSON Schema patterns, for the OpenAPI document.
TEXT_PATTERN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f]*$"
LINE_PATTERN = r"^[^\x00-\x1f]*$"


def forbidden_char(value: str, multiline: bool = True) -> str | None:
    """A human description of the first forbidden character in `value`, or None."""
    found = (TEXT_FORBIDDEN if multiline else LINE_FORBIDDEN).search(value)
    if found is None:
        return None
    code = ord(found.group())
    kind = "a lone surrogate" if 0xD800 <= code <= 0xDFFF else "a control character"
    return f"{kind} (U+{code:04X}) at position {found.start()}"


def document_url_text(schema: dict) -> dict:
    """State in the OpenAPI document what `BoundaryGuard` enforces: path and query parameters
    never contain control characters (a string parameter without a pattern gets one)."""

    def patch(node: dict) -> None:
        if node.get("type") == "string" and "pattern" not in node and "enum" not in node:
            node["pattern"] = LINE_PATTERN
        for sub in node.get("anyOf", []):
            patch(sub)

    for path in schema.get("paths", {}).values():
        for op in path.values():
            for param in op.get("parameters", []) if isinstance(op, dict) else []:
                if param.get("in") in ("path", "query"):
                    patch(param.get("schema", {}))
    return schema


# --- security headers -----------------------------------------------------------------------

# Standalone HTML documents (API exports and anything else without a policy of its own): no
# script at all, their own inline <style> only, never framed.
DOCUMENT_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'"
)
# The interactive API docs load their own script; they keep FastAPI's defaults.
_DOCS_PATHS = ("/docs", "/redoc")


class SecurityHeaders:
    """`X-Content-Type-Options: nosniff` on every response, and a Content-Security-Policy on
    every HTML response that does not bring its own (the API docs excepted)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        docs = scope["path"].startswith(_DOCS_PATHS)

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                names = {k.lower() for k, _ in headers}
                ctype = next((v for k, v in headers if k.lower() == b"content-type"), b"")
                if b"x-content-type-options" not in names:
                    headers.append((b"x-content-type-options", b"nosniff"))
                if (
                    ctype.startswith(b"text/html")
                    and b"content-security-policy" not in names
                    and not docs
                ):
                    headers.append((b"content-security-policy", DOCUMENT_CSP.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_wrapper)


# --- the request line and Host ----------------------------------------------------------------

LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]", "testserver"]


def host_name(header: str) -> str:
    """`Host` header value without port, lower-cased, IPv6 brackets removed."""
    value = header.strip().lower()
    if value.startswith("["):
        end = value.find("]")
        name = value[1:end] if end > 0 else value
    elif value.count(":") == 1:
        name = value.split(":", 1)[0]
    else:
        name = value
    return name.rstrip(".")


class BoundaryGuard:
    """Pure ASGI, ahead of everything else: refuses a `Host` outside the allowlist (DNS
    rebinding; 400) and control characters in the URL path or query string (422)."""

    def __init__(self, app: ASGIApp, allowed_hosts: list[str] | None):
        self.app = app
        entries = {host_name(h) for h in (allowed_hosts or [])}
        self.any_host = allowed_hosts is None or "*" in entries
        self.hosts = entries

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if not self.any_host:
            raw = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
            if host_name(raw) not in self.hosts:
                shown = raw[:100].encode("ascii", "backslashreplace").decode()
                response = problem(
                    400,
                    f"Host '{shown}' is not allowed here; add it to MLSD_ALLOWED_HOSTS",
                    slug="invalid-host",
                )
                await response(scope, receive, send)
                return
        query = scope.get("query_string", b"").decode("latin-1")
        for part, value in (("path", scope["path"]), ("query", unquote_plus(query))):
            bad = forbidden_char(value, multiline=False)
            if bad:
                response = problem(422, f"URL {part}: {bad} is not allowed", slug="validation")
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


# --- cross-site requests ---------------------------------------------------------------------


def cross_site(headers) -> bool:
    """True unless the request provably comes from this site. Fails closed:
    `Sec-Fetch-Site`, else `Origin`, else a same-origin `Referer` must vouch for it."""
    host = headers.get("host", "")
    site = headers.get("sec-fetch-site")
    origin = headers.get("origin")
    referer = headers.get("referer")
    if site is not None:
        return site not in ("same-origin", "none")
    if origin is not None:
        return urlsplit(origin).netloc != host
    if referer is not None:
        return urlsplit(referer).netloc != host
    return True


# --- failed authentication -------------------------------------------------------------------


class AuthFailures:
    """Failed authentications per client address in a sliding window: after `limit` failures
    within `window_s` seconds the address is refused (429) until the oldest one ages out.
    In memory, per process."""

    MAX_CLIENTS = 10_000

    def __init__(self, limit: int = 10, window_s: float = 60.0):
        self.limit = limit
        self.window_s = window_s
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _prune(self, who: str, now: float) -> deque[float] | None:
        times = self._seen.get(who)
        if times is None:
            return None
        while times and times[0] <= now - self.window_s:
            times.popleft()
        if not times:
            del self._seen[who]
            return None
        return times

    def wait(self, who: str) -> float:
        """0 when `who` may try again, else seconds until it may."""
        if self.limit <= 0:
            return 0.0
        now = time.monotonic()
        with self._lock:
            times = self._prune(who, now)
            if times is None or len(times) < self.limit:
                return 0.0
            return max(0.0, times[-self.limit] + self.window_s - now)

    def failed(self, who: str) -> None:
        if self.limit <= 0:
            return
        now = time.monotonic()
        with self._lock:
            if len(self._seen) >= self.MAX_CLIENTS and who not in self._seen:
                for other in list(self._seen):
                    self._prune(other, now)
                if len(self._seen) >= self.MAX_CLIENTS:  # a flood of addresses: forget the oldest
                    self._seen.pop(next(iter(self._seen)))
            self._seen.setdefault(who, deque()).append(now)


# --- logs -----------------------------------------------------------------------------------

_SECRETS = [
    (re.compile(r"(/r/)[A-Za-z0-9_-]+"), r"\1[redacted]"),  # share links
    (re.compile(r"(/launch/)[A-Za-z0-9_.-]+"), r"\1[redacted]"),  # launch links
    (re.compile(r"(?i)(bearer\s+)\S+"), r"\1[redacted]"),
    (re.compile(r"mlsd_[A-Za-z0-9_-]{8,}"), "mlsd_[redacted]"),  # API keys
]


# Database errors quote the values they failed on (PostgreSQL's DETAIL lines, bad input).
_DB_VALUES = [
    (re.compile(r"(?m)^(\s*DETAIL:).*$"), r"\1 [redacted]"),
    (re.compile(r"(invalid input (?:syntax|value) for [^:\n]*:) \"[^\n]*\""), r"\1 [redacted]"),
]


def redact(text: str) -> str:
    for pattern, repl in _SECRETS:
        text = pattern.sub(repl, text)
    return text


def redact_traceback(text: str) -> str:
    text = redact(text)
    for pattern, repl in _DB_VALUES:
        text = pattern.sub(repl, text)
    return text


class RedactSecrets(logging.Filter):
    """Rewrites share tokens, bearer tokens and API keys out of a record's message and its
    `path` extra before any handler sees it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.args:
            try:
                record.msg = record.getMessage()
            except Exception:
                return True
            record.args = None
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        path = getattr(record, "path", None)
        if isinstance(path, str):
            record.path = redact(path)
        if record.exc_info and record.exc_info[0] is not None:
            # Format the traceback once, redacted (SQL parameters are already hidden by the
            # engines; the database's own message may still quote a value).
            record.exc_text = redact_traceback(_FORMATTER.formatException(record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = redact_traceback(record.exc_text)
        return True


_FORMATTER = logging.Formatter()


_FILTER = RedactSecrets()
REDACTED_LOGGERS = ("mlsd.access", "app.api.errors", "uvicorn.access", "uvicorn.error", "mlsd")


def install_log_redaction(*handlers: logging.Handler) -> None:
    """Attach the redaction filter to our loggers (idempotent) and to `handlers`."""
    for name in REDACTED_LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
    for handler in handlers:
        if _FILTER not in handler.filters:
            handler.addFilter(_FILTER)


# --- files ----------------------------------------------------------------------------------


def private_dir(path: Path) -> None:
    """Create `path` (and parents) if needed and make it 0700."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(path, 0o700)


def private_file(path: Path) -> None:
    """Create `path` empty if missing (never readable by others, even for a moment) and make
    it 0600; SQLite gives its -wal and -shm files the same mode as the database file."""
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)
    for suffix in ("-wal", "-shm", "-journal"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.chmod(side, 0o600)


# --- the server secret ------------------------------------------------------------------------

SECRET_FILE = "secret_key"


def server_secret(data_dir: Path, configured: str | None = None) -> bytes:
    """The key that signs this server's cookies: `configured` (MLSD_SECRET_KEY) when set,
    else a random one generated once in `data_dir/secret_key` (0600) and read from there
    afterwards. Workers starting together agree: the file appears whole or not at all."""
    if configured:
        return configured.encode()
    private_dir(data_dir)
    path = data_dir / SECRET_FILE
    if not path.exists():
        tmp = data_dir / f".{SECRET_FILE}.{os.getpid()}.{secrets.token_hex(4)}"
        fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(tmp, path)  # atomic, never replaces: the first worker's secret wins
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    os.chmod(path, 0o600)
    value = path.read_text().strip()
    if len(value) < 32:
        raise RuntimeError(f"{path} holds no usable secret (delete it to generate one)")
    return value.encode()
