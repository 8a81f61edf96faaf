"""API keys as a platform holds them: stored the way the server stores them."""

from __future__ import annotations

from app.auth.keys import hash_key, new_key
from app.store import repo


def add_key(svc, tenant: str = "acme") -> str:
    """A new API key for `tenant` (created if missing); returns the key itself."""
    key = new_key()
    with svc.db.write() as db:
        repo.ensure_tenant(db, tenant, tenant)
        repo.add_api_key(db, tenant, key[:12], hash_key(key))
    return key


def bearer(key: str) -> dict[str, str]:
    """The request headers that present `key`."""
    return {"authorization": f"Bearer {key}"}
