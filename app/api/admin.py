"""Key management under the admin scope: an admin key lists, creates and revokes the keys
of its own tenant (never another's). The operator does the same for every tenant with
`mlsd keys list|create|revoke`."""

from __future__ import annotations

from datetime import datetime

from anyio import to_thread
from fastapi import APIRouter, Response
from pydantic import BaseModel, ConfigDict, Field

from app.api.openapi import Responses
from app.auth.keys import hash_key, new_key
from app.errors import NotFound
from app.services import AdminDep, ServicesDep
from app.store import repo

router = APIRouter(prefix="/v1/keys", tags=["keys"])

ADMIN_ONLY: Responses = {403: {"description": "The key lacks the admin scope"}}


class KeyOut(BaseModel):
    id: str
    prefix: str = Field(description="First characters of the key, to recognise it.")
    admin: bool
    created_at: datetime
    revoked_at: datetime | None

    @classmethod
    def of(cls, key) -> KeyOut:
        return cls(
            id=key.id,
            prefix=key.prefix,
            admin=bool(key.admin),
            created_at=key.created_at,
            revoked_at=key.revoked_at,
        )


class KeyIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"admin": False}]})
    # Strict: `0` or `"yes"` is a 422, as the document's boolean says, not a coerced guess.
    admin: bool = Field(
        default=False, strict=True, description="Give the new key the admin scope too."
    )


class KeyCreated(KeyOut):
    key: str = Field(description="Shown once: only its SHA-256 is stored.")


@router.get(
    "", response_model=list[KeyOut], summary="List this tenant's API keys", responses=ADMIN_ONLY
)
async def list_keys(who: AdminDep, svc: ServicesDep):
    def work() -> list[KeyOut]:
        with svc.db.read() as db:
            return [KeyOut.of(k) for k in repo.list_api_keys(db, who.tenant_id)]

    return await to_thread.run_sync(work)


@router.post(
    "",
    status_code=201,
    response_model=KeyCreated,
    summary="Create an API key for this tenant (printed once)",
    responses=ADMIN_ONLY,
)
async def create_key(
    response: Response,
    who: AdminDep,
    svc: ServicesDep,
    body: KeyIn | None = None,
):
    admin = bool(body and body.admin)

    def work() -> KeyCreated:
        key = new_key()
        with svc.db.write() as db:
            row = repo.add_api_key(db, who.tenant_id, key[:12], hash_key(key), admin=admin)
            db.flush()
            return KeyCreated(**KeyOut.of(row).model_dump(), key=key)

    response.headers["Cache-Control"] = "no-store"  # the key is shown once, never stored
    return await to_thread.run_sync(work)


@router.delete(
    "/{key_id}",
    status_code=204,
    summary="Revoke one of this tenant's API keys (at once, for every worker)",
    responses={**ADMIN_ONLY, 404: {"description": "No such key for this tenant"}},
)
async def revoke_key(key_id: str, who: AdminDep, svc: ServicesDep):
    def work() -> bool:
        with svc.db.write() as db:
            return repo.revoke_api_key(db, key_id, who.tenant_id) is not None

    if not await to_thread.run_sync(work):
        raise NotFound(f"no key '{key_id}'")
    return Response(status_code=204)
