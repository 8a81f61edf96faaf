"""The OpenAPI document, worth generating a client from: stable operation ids, shared
problem+json error responses, and the headers the middleware honours or sets
(`Idempotency-Key`, `Location`, `Retry-After`, `WWW-Authenticate`)."""

from __future__ import annotations

import re
from typing import Any

from fastapi import FastAPI, routing
from fastapi.routing import APIRoute

SNAKE_CASE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")


def operation_id(route: APIRoute) -> str:
    """Every operation's id is its route function's name: a readable client method name,
    given to new routes without a per-route string."""
    return route.name


def operation_ids(app: FastAPI) -> dict[str, list[str]]:
    """Documented operation id -> the `METHOD path` of each operation that carries it.
    Walks the routes as FastAPI's document generator does: included routers are kept as
    routers (not copied into `app.routes`) and expanded here."""
    found: dict[str, list[str]] = {}
    for route in routing.iter_route_contexts([*app.routes, *app.webhooks.routes]):
        if not isinstance(route.original_route, APIRoute) or not route.include_in_schema:
            continue
        for method in sorted(route.methods or ()):
            oid = route.operation_id or route.unique_id
            found.setdefault(oid, []).append(f"{method} {route.path_format}")
    return found


def check_operation_ids(app: FastAPI) -> None:
    """Refuse an app whose documented operations share an id (a route handling several
    methods, or two functions of the same name) or have one that is not snake_case."""
    for oid, where in operation_ids(app).items():
        if len(where) > 1:
            raise RuntimeError(f"operation id {oid!r} is used by {', '.join(where)}")
        if not SNAKE_CASE.fullmatch(oid):
            raise RuntimeError(f"operation id {oid!r} ({where[0]}) is not snake_case")


# -- shared responses and headers ------------------------------------------------------------

# The shape FastAPI takes for a route's extra `responses`.
Responses = dict[int | str, dict[str, Any]]

LOCATION = {
    "Location": {
        "description": "Path of the created resource.",
        "schema": {"type": "string"},
    }
}
IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": (
        "Retrying with the same key and body replays the first response (its headers too, "
        "plus `idempotent-replayed: true`) and creates nothing twice; the same key with "
        "another body is a 422, a retry while the first still runs a 409. Kept for "
        "`MLSD_IDEMPOTENCY_TTL_HOURS`. Not applied to streamed (`text/event-stream`) requests; "
        "an empty key is no key."
    ),
    "schema": {"type": "string", "maxLength": 200},
}
HEADERS = {
    "RetryAfter": {
        "description": "Seconds to wait before retrying.",
        "schema": {"type": "string", "pattern": "^[0-9]+$"},
    },
    "WWWAuthenticate": {
        "description": "The scheme to authenticate with (`Bearer`).",
        "schema": {"type": "string"},
    },
}
# status -> (component name, description, headers)
RESPONSES: dict[str, tuple[str, str, dict[str, str]]] = {
    "400": ("BadRequest", "Malformed request (JSON that does not parse, a bad header)", {}),
    "401": (
        "Unauthorized",
        "Missing, unknown or revoked API key",
        {"WWW-Authenticate": "WWWAuthenticate"},
    ),
    "403": ("Forbidden", "The key lacks the scope this needs", {}),
    "404": ("NotFound", "No such resource for this caller", {}),
    "409": ("Conflict", "Wrong state for this action, or a turn is running", {}),
    "413": ("ContentTooLarge", "Request body too large", {}),
    "415": ("UnsupportedMediaType", "Body is not declared as JSON", {}),
    "422": ("Unprocessable", "Invalid request (the problem names each field)", {}),
    "429": (
        "TooManyRequests",
        "Rate limit or failed-authentication limit exceeded",
        {"Retry-After": "RetryAfter"},
    ),
    "503": (
        "Unavailable",
        "Storage unavailable; nothing was changed",
        {"Retry-After": "RetryAfter"},
    ),
}
PROBLEM_JSON = "application/problem+json"
PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "type": "object",
    "description": "RFC 9457 problem details.",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string", "examples": ["urn:mlsd:error:not-found"]},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "errors": {
            "type": "array",
            "description": "Each invalid field (422 for an invalid request).",
            "items": {
                "type": "object",
                "required": ["loc", "msg", "type"],
                "properties": {
                    "loc": {"type": "string"},
                    "msg": {"type": "string"},
                    "type": {"type": "string"},
                },
            },
        },
    },
}
_FASTAPI_VALIDATION = "#/components/schemas/HTTPValidationError"


def _declared_model(response: dict[str, Any]) -> bool:
    """True when a route declared its own body for an error status (e.g. /readyz's 503
    answers with the health document), which stays as declared."""
    for media in (response.get("content") or {}).values():
        ref = (media.get("schema") or {}).get("$ref")
        if ref and ref != _FASTAPI_VALIDATION:
            return True
    return False


def document(schema: dict[str, Any]) -> dict[str, Any]:
    """Finish FastAPI's document: every 4xx/5xx is a problem+json response shared from
    `components.responses` (a route's own description kept beside the reference), the
    common failures are listed on every operation that can meet them, POSTs take an
    `Idempotency-Key`; webhook operations keep only the receiver's 2xx."""
    components = schema.setdefault("components", {})
    components.setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    components.get("schemas", {}).pop("HTTPValidationError", None)
    components.get("schemas", {}).pop("ValidationError", None)
    components["headers"] = HEADERS
    problem = {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}
    components["responses"] = {
        name: {
            "description": text,
            "content": problem,
            **(
                {"headers": {h: {"$ref": f"#/components/headers/{c}"} for h, c in headers.items()}}
                if headers
                else {}
            ),
        }
        for name, text, headers in RESPONSES.values()
    }
    for path in schema.get("paths", {}).values():
        for method, op in path.items():
            _document_operation(method, op)
    for hook in schema.get("webhooks", {}).values():
        for op in hook.values():
            # The receiver answers: only its 2xx matters to us (no body), nothing else.
            op["responses"] = {
                code: {"description": resp["description"]}
                for code, resp in op.get("responses", {}).items()
                if code.startswith("2")
            }
    return schema


def _document_operation(method: str, op: dict[str, Any]) -> None:
    responses = op.setdefault("responses", {})
    keyed = bool(op.get("security"))
    wanted: list[str] = []
    if op.get("parameters") or op.get("requestBody"):
        wanted += ["400", "413", "422"]
    if op.get("requestBody"):
        wanted.append("415")
    if keyed:  # the key is checked (and counted) and the database read on every request
        wanted += ["401", "429", "503"]
    for code in wanted:
        responses.setdefault(code, {})
    for code, resp in list(responses.items()):
        if not code.isdigit() or int(code) < 400 or _declared_model(resp):
            continue
        name, text, _ = RESPONSES.get(code, ("", "", {}))
        if not name:
            resp["content"] = {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}
            continue
        own = resp.get("description")
        # A 3.1 reference may carry its own description: the route's wording stays.
        responses[code] = {"$ref": f"#/components/responses/{name}"}
        if own and own not in ("Validation Error", text):
            responses[code]["description"] = own
    if method == "post":
        params = op.setdefault("parameters", [])
        if not any(p.get("name", "").lower() == "idempotency-key" for p in params):
            params.append(IDEMPOTENCY_KEY)
