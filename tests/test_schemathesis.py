"""Property-based API testing from the OpenAPI document (schemathesis): a bounded number of
generated requests per operation, on SQLite and on PostgreSQL, with NUL and other control
characters in the generated strings; no 5xx, and responses match the documented schema.

The server runs in keys mode, as deployed, and the fuzzer sends an admin key through the
document's bearer scheme (so it also checks that a request without one is refused).
Collection needs the document, so the app is made at import, but its services (index,
database) are built by a fixture, over the shared test knowledge objects and a SQLite file
under pytest's temporary directory."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from app.auth.keys import hash_key, new_key
from app.config import Settings
from app.knowledge.bank import KnowledgeBank
from app.main import Services, create_app
from app.store import repo
from tests.conftest import BACKENDS, _reset_pg, build_test_services, fresh_sqlite_url, shared_bank

KEY = new_key()
# No DNS for generated webhook hosts: the SSRF guard has its own tests (test_platform_ssrf).
# No failed-authentication throttle: the fuzzer sends wrong keys on purpose, again and again.
FUZZ = {
    "llm": "offline",
    "auth_mode": "keys",
    "auth_fail_limit": 0,
    "rate_limit_per_minute": 0,
    "webhooks_allow_private": True,
}


class _BuiltByFixture:
    """The app's services, once the fixture has built them. Schemathesis runs the app's
    lifespan for each test; given services, it uses these instead of building its own.
    The bank is there from the start: the document lists its problem ids."""

    services: Services | None = None

    def __init__(self, bank: KnowledgeBank):
        self.bank = bank

    def __getattr__(self, name: str) -> Any:
        if self.services is None:
            raise RuntimeError("the services fixture has not run")
        return getattr(self.services, name)


LATER = _BuiltByFixture(shared_bank())
APP = create_app(Settings(**FUZZ, _env_file=None), services=LATER)  # type: ignore[arg-type]
APP.state.services = LATER


@pytest.fixture(scope="module", autouse=True, params=BACKENDS)
def _services(request, base_settings, data_root, bank, retriever, matcher) -> Iterator[None]:
    """The whole fuzz runs once on SQLite and once on PostgreSQL (NUL and other control
    characters included: each database must refuse them as cleanly as the other)."""
    if request.param == "sqlite":
        url = fresh_sqlite_url(data_root)
    else:
        url = request.getfixturevalue("pg_server")
        _reset_pg(url)
    fuzz = base_settings.model_copy(update={**FUZZ, "database_url": url})
    services = build_test_services(fuzz, bank, retriever, matcher)
    with services.db.write() as db:
        repo.ensure_tenant(db, "fuzz")
        repo.add_api_key(db, "fuzz", KEY[:12], hash_key(KEY), admin=True)
    LATER.services = services
    yield
    LATER.services = None
    services.db.dispose()


# An oversize body is rightly refused with 413: count it as a rejection of invalid data.
CONFIG = SchemathesisConfig.from_dict(
    {
        "auth": {"openapi": {"bearerAuth": {"bearer": KEY}}},
        # NUL and every other code point in generated strings (the default, made explicit:
        # control characters must be refused with a 422 on both databases, never a 500)
        "generation": {"allow-x00": True, "codec": "utf-8"},
        "checks": {
            "negative_data_rejection": {
                "expected-statuses": [
                    400,
                    401,
                    403,
                    404,
                    405,
                    406,
                    409,
                    413,
                    415,
                    422,
                    428,
                    429,
                    "5XX",
                ],
            }
        },
    }
)
# The document as the app serves it, read without starting the app (its lifespan needs the
# services), then called over ASGI as `from_asgi` would.
schema = schemathesis.openapi.from_dict(json.loads(json.dumps(APP.openapi())), config=CONFIG)
schema.app = APP
schema.location = "/openapi.json"


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms(case):
    _one_key_per_request(case)
    case.call_and_validate()


def _one_key_per_request(case) -> None:
    """A generated Idempotency-Key is reused across different generated bodies, which the
    API rightly refuses (422, tested in test_platform_idempotency): derive a valid key from
    the request itself instead, so only a replay of the same request shares one. Keys the
    generator made invalid (too long) are left as they are."""
    key = (case.headers or {}).get("Idempotency-Key")
    if key is None or not key.strip() or len(key) > 200:
        return
    headers = sorted((k.lower(), v) for k, v in case.headers.items() if k != "Idempotency-Key")
    request = repr(
        (case.method, case.path, case.path_parameters, case.query, headers, case.media_type)
        + (case.body,)
    )
    case.headers["Idempotency-Key"] = hashlib.sha256(request.encode()).hexdigest()


def test_the_fuzzers_key_is_accepted_and_needed():
    """Otherwise every generated request would stop at a 401 and test nothing (runs after
    the fuzz: the key survived it)."""
    client = TestClient(APP)  # not entered: no lifespan, the fixture's services answer
    assert client.get("/v1/sessions", headers={"authorization": f"Bearer {KEY}"}).is_success
    assert client.get("/v1/sessions").status_code == 401
