"""One HTTP attempt of one delivery: the body, the signed headers, the SSRF-checked POST."""

from __future__ import annotations

import functools
import json
import ssl
from dataclasses import dataclass

import httpx
from anyio import to_thread

from app.webhooks import signing, ssrf
from app.webhooks.outbox import Claim

TIMEOUT_S = 10.0


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """httpx's default verifying context, built once: loading the CA bundle costs ~60 ms of
    CPU, which a client per attempt paid on every delivery."""
    return httpx.create_ssl_context()


def body_of(claim: Claim) -> bytes:
    """The JSON body: identical bytes for every attempt and redelivery of one event."""
    return json.dumps(
        {
            "id": claim.message_id,
            "event": claim.event,
            "created_at": claim.occurred_at.isoformat(),
            "data": claim.payload,
        },
        separators=(",", ":"),
        sort_keys=True,
    ).encode()


@dataclass(frozen=True)
class Outcome:
    status_code: int | None
    error: str | None
    refused: bool = False  # the SSRF guard refused the target: no point retrying

    @property
    def delivered(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


async def post(
    claim: Claim, timestamp: int, allow_private: bool, timeout_s: float = TIMEOUT_S
) -> Outcome:
    """POST the claim's body, signed per Standard Webhooks at `timestamp`. Any 2xx is a
    delivery; another status (3xx included: redirects are never followed), a transport
    error or a timeout is a failed attempt; a refused target is failed for good."""
    body = body_of(claim)
    try:
        # Checked again at every attempt, after DNS resolution; the request goes to the
        # checked address, so a name cannot re-resolve elsewhere in between.
        target = await to_thread.run_sync(ssrf.check, claim.url, allow_private)
    except ssrf.BlockedTarget as exc:
        return Outcome(None, f"refused: {exc}"[:500], refused=True)
    url, extra, extensions = _pinned(target)
    headers = {
        "content-type": "application/json",
        **signing.headers(claim.secret, claim.message_id, timestamp, body),
        "X-MLSD-Event": claim.event,
        "X-MLSD-Delivery": claim.delivery_id,
        **extra,
    }
    try:
        async with httpx.AsyncClient(
            timeout=timeout_s, follow_redirects=False, verify=_tls_context()
        ) as client:
            resp = await client.post(url, content=body, headers=headers, extensions=extensions)
    except httpx.HTTPError as exc:
        return Outcome(None, f"{type(exc).__name__}: {exc}"[:500])
    code = resp.status_code
    return Outcome(code, None if 200 <= code < 300 else f"HTTP {code}")


def _pinned(target: ssrf.Target) -> tuple[str, dict[str, str], dict[str, str]]:
    """URL, extra headers and request extensions that connect to the checked address while
    the server still sees (Host) and proves (TLS, SNI) the name it was registered with."""
    if target.address is None:  # checks off (on-prem): plain request
        return target.url, {}, {}
    url = httpx.URL(target.url)
    pinned = str(url.copy_with(host=target.address))
    extra = {"Host": url.netloc.decode("ascii")}
    extensions = {"sni_hostname": target.host} if url.scheme == "https" else {}
    return pinned, extra, extensions
