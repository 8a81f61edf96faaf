"""Learning-platform integration: webhooks and a learner's progress across sessions."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from anyio import to_thread
from fastapi import APIRouter, Response
from pydantic import BaseModel, ConfigDict, Field, field_validator

from app.api.schemas import NoControls
from app.errors import NotFound
from app.knowledge.schema import STAGES
from app.services import CallerDep, ServicesDep
from app.store import repo
from app.webhooks import signing
from app.webhooks.service import EVENTS, EventName

router = APIRouter(tags=["platform"])


# Exactly "whsec_ + base64 of 24 to 64 bytes", so that what the document calls valid is what
# the server accepts (a `Line` type would replace the pattern in the schema; NoControls adds
# no schema and names a control character first, as for every other field).
SECRET_PATTERN = (
    r"^whsec_(?:(?:[A-Za-z0-9+/]{4}){8,20}(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|"
    r"[A-Za-z0-9+/]{4})?|(?:[A-Za-z0-9+/]{4}){21}(?:[A-Za-z0-9+/]{2}==)?)$"
)
Secret = Annotated[
    str,
    NoControls,  # a before-validator: the schema needs the pattern spelled out, as for Line
    Field(
        min_length=38,
        max_length=94,
        pattern=SECRET_PATTERN,
        json_schema_extra={"pattern": SECRET_PATTERN},
    ),
]


class WebhookIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"url": "https://platform.example/hooks/mlsd", "events": ["report.ready"]}]
        },
    )
    url: Annotated[str, NoControls] = Field(
        max_length=2000,
        # A port up to 65535. Whitespace and control characters spelled out: `\s` means
        # other characters in Python and Rust regexes (U+0085) than in ECMA-262 (U+FEFF).
        pattern=(
            r"^https?://[A-Za-z0-9.-]+"
            r"(:(6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[0-9]{1,4}))?"
            r"(/[^\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]*)?$"
        ),
        description="http(s) URL that receives the POSTed events.",
    )
    events: list[EventName] = Field(default_factory=lambda: list(EVENTS), min_length=1)
    secret: Secret | None = Field(
        default=None,
        description=(
            "Standard Webhooks secret: `whsec_` + base64 of 24 to 64 random bytes. Omit to "
            "have one generated (returned once)."
        ),
    )

    @field_validator("secret")
    @classmethod
    def _standard_secret(cls, value: str | None) -> str | None:
        return signing.check_new_secret(value) if value is not None else None


class WebhookOut(BaseModel):
    id: str
    url: str
    events: list[str]
    created_at: datetime


class WebhookCreated(WebhookOut):
    secret: str = Field(description="Shown once: keep it to verify signatures.")


class DeliveryOut(BaseModel):
    id: str
    message_id: str = Field(
        description="The `webhook-id` header: the same for every retry and redelivery."
    )
    event: str
    status: Literal["pending", "delivering", "delivered", "failed"]
    attempts: int
    next_attempt_at: datetime | None = Field(description="When pending: the next attempt.")
    last_attempt_at: datetime | None
    last_status_code: int | None
    last_error: str | None
    redelivery_of: str | None = Field(description="The delivery this one redelivers.")
    created_at: datetime
    delivered_at: datetime | None


def _out(hook) -> WebhookOut:
    return WebhookOut(
        id=hook.id,
        url=hook.url,
        events=(hook.events or {}).get("types", []),
        created_at=hook.created_at,
    )


@router.post(
    "/v1/webhooks",
    status_code=201,
    response_model=WebhookCreated,
    summary="Register a webhook (events are POSTed, signed per Standard Webhooks)",
    responses={409: {"description": "The tenant has as many webhooks as it may have"}},
)
async def create_webhook(body: WebhookIn, who: CallerDep, svc: ServicesDep):
    hook, secret = await to_thread.run_sync(
        svc.webhooks.register, who.tenant_id, str(body.url), list(body.events), body.secret
    )
    return WebhookCreated(**_out(hook).model_dump(), secret=secret)


@router.get("/v1/webhooks", response_model=list[WebhookOut], summary="List webhooks")
async def list_webhooks(who: CallerDep, svc: ServicesDep):
    return [_out(h) for h in await to_thread.run_sync(svc.webhooks.list, who.tenant_id)]


@router.delete(
    "/v1/webhooks/{webhook_id}",
    status_code=204,
    summary="Remove a webhook",
    responses={404: {"description": "No such webhook"}},
)
async def delete_webhook(webhook_id: str, who: CallerDep, svc: ServicesDep):
    if not await to_thread.run_sync(svc.webhooks.delete, who.tenant_id, webhook_id):
        raise NotFound(f"no webhook '{webhook_id}'")
    return Response(status_code=204)


@router.get(
    "/v1/webhooks/{webhook_id}/deliveries",
    response_model=list[DeliveryOut],
    summary="Recorded deliveries of a webhook",
    responses={404: {"description": "No such webhook"}},
)
async def list_deliveries(webhook_id: str, who: CallerDep, svc: ServicesDep):
    rows = await to_thread.run_sync(svc.webhooks.deliveries, who.tenant_id, webhook_id)
    if rows is None:
        raise NotFound(f"no webhook '{webhook_id}'")
    return [DeliveryOut.model_validate(r, from_attributes=True) for r in rows]


@router.post(
    "/v1/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver",
    status_code=202,
    response_model=DeliveryOut,
    summary="Send a delivered or failed delivery's event again (same webhook-id)",
    description=(
        "Queues a new delivery of the same event, due at once, with the same message id "
        "(`webhook-id`) and body, so receivers can deduplicate; it follows the normal retry "
        "schedule. 409 while the delivery is still pending or being sent."
    ),
    responses={
        404: {"description": "No such webhook or delivery"},
        409: {"description": "The delivery is still pending or being sent"},
    },
)
async def redeliver(
    webhook_id: str,
    delivery_id: str,
    who: CallerDep,
    svc: ServicesDep,
):
    row = await to_thread.run_sync(svc.webhooks.redeliver, who.tenant_id, webhook_id, delivery_id)
    if row is None:
        raise NotFound(f"no delivery '{delivery_id}' of webhook '{webhook_id}'")
    # The row is committed and the drain loop nudged; it may be sent before this returns.
    return DeliveryOut.model_validate(row, from_attributes=True)


class ProgressPoint(BaseModel):
    session_id: str
    problem_id: str
    level: str
    status: str
    created_at: datetime
    finished_at: datetime | None
    overall: float | None
    hire_signal: str | None
    stages: dict[str, float | None]


class StageTrend(BaseModel):
    first: float | None
    last: float | None
    best: float | None
    mean: float | None


class Progress(BaseModel):
    candidate_ref: str
    sessions: list[ProgressPoint]
    graded_sessions: int
    stages: dict[str, StageTrend]


@router.get(
    "/v1/candidates/{candidate_ref}/progress",
    response_model=Progress,
    summary="A learner's scores per stage across their sessions (oldest first)",
    responses={404: {"description": "No sessions for this candidate"}},
)
async def get_candidate_progress(candidate_ref: str, who: CallerDep, svc: ServicesDep):
    def work() -> list[ProgressPoint]:
        with svc.db.read() as db:
            rows, _ = repo.list_sessions(db, who.tenant_id, candidate_ref=candidate_ref, limit=500)
            points = []
            for row in sorted(rows, key=lambda r: (r.created_at, r.id)):
                rep = repo.latest_report(db, who.tenant_id, row.id)
                data = rep.data if rep else {}
                stages = {s["stage"]: s["score"] for s in data.get("stages", [])}
                points.append(
                    ProgressPoint(
                        session_id=row.id,
                        problem_id=row.problem_id,
                        level=row.level,
                        status=row.status,
                        created_at=row.created_at,
                        finished_at=row.finished_at,
                        overall=(data.get("overall") or {}).get("score"),
                        hire_signal=(data.get("overall") or {}).get("hire_signal"),
                        stages={s: stages.get(s) for s in STAGES} if rep else {},
                    )
                )
            return points

    points = await to_thread.run_sync(work)
    if not points:
        raise NotFound(f"no sessions for candidate '{candidate_ref}'")
    trends: dict[str, StageTrend] = {}
    for stage in STAGES:
        vals = [v for p in points if (v := p.stages.get(stage)) is not None]
        trends[stage] = StageTrend(
            first=vals[0] if vals else None,
            last=vals[-1] if vals else None,
            best=max(vals) if vals else None,
            mean=round(sum(vals) / len(vals), 4) if vals else None,
        )
    graded = sum(1 for p in points if p.overall is not None)
    return Progress(
        candidate_ref=candidate_ref, sessions=points, graded_sessions=graded, stages=trends
    )
