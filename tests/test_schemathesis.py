"""Property-based API testing from the OpenAPI document (schemathesis): a bounded number of
generated requests per operation; no 5xx, and responses match the documented schema.

The server runs in keys mode, as deployed, and the fuzzer sends an admin key through the
document's bearer scheme (so it also checks that a request without one is refused).
Collection needs the document, so the app is made at import, but bare: its services (index,
database) are built by a fixture, over the shared test knowledge objects and a SQLite file
under pytest's temporary directory. (The valid problem ids are not an enum in a document
made without the bank; the request bodies' examples name real ones.)"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from app.api.deps import hash_key, new_key
from app.config import Settings
from app.main import create_app
from app.store import repo
from tests.conftest import build_test_services, fresh_sqlite_url

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
APP = create_app(Settings(**FUZZ, _env_file=None))


@pytest.fixture(scope="module", autouse=True)
def _services(base_settings, data_root, bank, retriever, matcher) -> Iterator[None]:
    fuzz = base_settings.model_copy(update={**FUZZ, "database_url": fresh_sqlite_url(data_root)})
    services = build_test_services(fuzz, bank, retriever, matcher)
    with services.db.write() as db:
        repo.ensure_tenant(db, "fuzz")
        repo.add_api_key(db, "fuzz", KEY[:12], hash_key(KEY), admin=True)
    APP.state.services = services  # requests run without the lifespan: wire services directly
    yield
    del APP.state.services
    services.db.dispose()


# An oversize body is rightly refused with 413: count it as a rejection of invalid data.
CONFIG = SchemathesisConfig.from_dict(
    {
        "auth": {"openapi": {"bearerAuth": {"bearer": KEY}}},
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
schema = schemathesis.openapi.from_asgi("/openapi.json", APP, config=CONFIG)


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms(case):
    case.call_and_validate()


def test_the_fuzzers_key_is_accepted_and_needed():
    """Otherwise every generated request would stop at a 401 and test nothing."""
    client = TestClient(APP)  # not entered: no lifespan, the fixture's services answer
    assert client.get("/v1/sessions", headers={"authorization": f"Bearer {KEY}"}).is_success
    assert client.get("/v1/sessions").status_code == 401
