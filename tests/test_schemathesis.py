"""Property-based API testing from the OpenAPI document (schemathesis): a bounded number of
generated requests per operation; no 5xx, and responses match the documented schema."""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from app.config import Settings
from app.main import build_services, create_app

_DATA = Path(tempfile.mkdtemp(prefix="mlsd-fuzz-"))
# No DNS for generated webhook hosts: the SSRF guard has its own tests (test_platform_ssrf).
_SETTINGS = Settings(
    data_dir=_DATA,
    llm="offline",
    rate_limit_per_minute=0,
    webhooks_allow_private=True,
    _env_file=None,
)
_SERVICES = build_services(_SETTINGS)
APP = create_app(_SETTINGS, services=_SERVICES)
APP.state.services = _SERVICES  # requests run without the lifespan: wire services directly

# An oversize body is rightly refused with 413: count it as a rejection of invalid data.
CONFIG = SchemathesisConfig.from_dict(
    {
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
        }
    }
)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP, config=CONFIG)


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms(case):
    case.call_and_validate()
