"""Standard Webhooks signatures (https://www.standardwebhooks.com/), documented in the README.

Every delivery carries `webhook-id` (the message id: the same for every retry and
redelivery of one event), `webhook-timestamp` (unix seconds of this attempt) and
`webhook-signature: v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`. The key is the
bytes behind a `whsec_<base64>` secret."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
import time

PREFIX = "whsec_"
SECRET_BYTES = 32  # generated secrets; the spec asks for 24 to 64 random bytes
MIN_BYTES, MAX_BYTES = 24, 64
TOLERANCE_S = 300  # receivers reject timestamps further than this from their clock


class BadSecret(ValueError):
    """A secret that is not `whsec_` followed by the base64 of 24 to 64 bytes."""


def generate_secret() -> str:
    """A new random secret in the spec's `whsec_<base64>` form."""
    return PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode("ascii")


def key_of(secret: str) -> bytes:
    """The HMAC key behind a stored `whsec_` secret (lenient: any length, so secrets carried
    over from the old scheme by migration 0005 keep working)."""
    body = secret.removeprefix(PREFIX)
    try:
        key = base64.b64decode(body + "=" * (-len(body) % 4), validate=True)
    except (binascii.Error, ValueError):
        raise BadSecret("the secret is not valid base64 after 'whsec_'") from None
    if not key:
        raise BadSecret("the secret is empty")
    return key


def check_new_secret(secret: str) -> str:
    """Validate a secret a user brings: `whsec_` + base64 of 24 to 64 bytes, else BadSecret.
    Anything else is refused rather than converted, so the string the user holds is exactly
    what receivers (and the Standard Webhooks libraries) are configured with."""
    if not secret.startswith(PREFIX):
        raise BadSecret(
            "a webhook secret must be 'whsec_' followed by base64 of 24 to 64 random bytes "
            "(omit it to have one generated)"
        )
    key = key_of(secret)
    if not MIN_BYTES <= len(key) <= MAX_BYTES:
        raise BadSecret(
            f"the secret decodes to {len(key)} bytes; it must be {MIN_BYTES} to {MAX_BYTES}"
        )
    return secret


def sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """The `webhook-signature` value: `v1,<base64 HMAC-SHA256 of "{id}.{ts}.{body}">`."""
    signed = f"{msg_id}.{timestamp}.".encode() + body
    mac = hmac.new(key_of(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(mac).decode("ascii")


def headers(secret: str, msg_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    """The three Standard Webhooks headers of one attempt."""
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(secret, msg_id, timestamp, body),
    }


def verify(secret: str, body: bytes, headers: dict[str, str], now: int | None = None) -> bool:
    """What a receiver does (the README's snippet): recompute the signature over the raw
    body, compare in constant time with each `v1` signature sent, reject stale timestamps."""
    h = {k.lower(): v for k, v in headers.items()}
    try:
        msg_id, ts = h["webhook-id"], int(h["webhook-timestamp"])
        sent = h["webhook-signature"].split()
    except (KeyError, ValueError):
        return False
    if abs((int(time.time()) if now is None else now) - ts) > TOLERANCE_S:
        return False
    expected = sign(secret, msg_id, ts, body).split(",", 1)[1]
    return any(
        version == "v1" and hmac.compare_digest(expected, sig)
        for version, _, sig in (s.partition(",") for s in sent)
    )
