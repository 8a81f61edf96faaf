"""What a webhook receiver gets, as OpenAPI `webhooks`: one operation per event, whose body
is the event envelope `app.webhooks.service` POSTs (`{id, event, created_at, data}`).
These routes are documentation only: the app never serves them."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from fastapi import APIRouter, Header
from pydantic import BaseModel, ConfigDict, Field

from app.api.openapi import Responses, operation_id
from app.grading.report_model import Overall

SIGNING = (
    "Signed as the Standard Webhooks specification says: `webhook-id` (the delivery id, the "
    "same on every retry), `webhook-timestamp` (unix seconds) and `webhook-signature` "
    '(`v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">` under the '
    "webhook's secret). Answer with any 2xx; anything else is retried (up to 5 attempts)."
)


class _Payload(BaseModel):
    # Drift between what is sent and what is documented fails the tests, not receivers.
    model_config = ConfigDict(extra="forbid")


class SessionFinishedData(_Payload):
    session_id: str
    candidate_ref: str | None = Field(description="Your id for the learner, if you gave one.")


class ReportReadyData(_Payload):
    session_id: str | None = Field(description="Null for reports made by POST /v1/grade.")
    report_id: str = Field(description="Read it with GET /v1/reports/{report_id}.")
    version: int
    overall: Overall
    candidate_ref: str | None


class SessionDeletedData(_Payload):
    session_id: str
    candidate_ref: str | None
    deleted_at: datetime


class _Envelope(_Payload):
    id: str = Field(description="Delivery id (also the `webhook-id` header).")
    created_at: datetime


class SessionFinishedEvent(_Envelope):
    event: Literal["session.finished"]
    data: SessionFinishedData


class ReportReadyEvent(_Envelope):
    event: Literal["report.ready"]
    data: ReportReadyData


class SessionDeletedEvent(_Envelope):
    event: Literal["session.deleted"]
    data: SessionDeletedData


EVENT_MODELS: dict[str, type[_Envelope]] = {
    "session.finished": SessionFinishedEvent,
    "report.ready": ReportReadyEvent,
    "session.deleted": SessionDeletedEvent,
}

router = APIRouter(tags=["webhooks"], generate_unique_id_function=operation_id)
_ACK: Responses = {200: {"description": "Any 2xx acknowledges the delivery."}}


def _about(text: str) -> str:
    return f"{text}\n\n{SIGNING}"


@router.post(
    "session.finished",
    summary="A session was graded",
    description=_about(
        "Sent once, when a session is finished (its first report follows as `report.ready`)."
    ),
    responses=_ACK,
)
def session_finished(
    body: SessionFinishedEvent,
    webhook_id: str = Header(alias="webhook-id"),
    webhook_timestamp: int = Header(alias="webhook-timestamp"),
    webhook_signature: str = Header(alias="webhook-signature"),
) -> None:
    """Documentation only (never served)."""


@router.post(
    "report.ready",
    summary="A report (version) was stored",
    description=_about("Sent for every new report: finish, regrade and POST /v1/grade."),
    responses=_ACK,
)
def report_ready(
    body: ReportReadyEvent,
    webhook_id: str = Header(alias="webhook-id"),
    webhook_timestamp: int = Header(alias="webhook-timestamp"),
    webhook_signature: str = Header(alias="webhook-signature"),
) -> None:
    """Documentation only (never served)."""


@router.post(
    "session.deleted",
    summary="A session was erased",
    description=_about("Sent after DELETE /v1/sessions/{id}: erase what you keep about it too."),
    responses=_ACK,
)
def session_deleted(
    body: SessionDeletedEvent,
    webhook_id: str = Header(alias="webhook-id"),
    webhook_timestamp: int = Header(alias="webhook-timestamp"),
    webhook_signature: str = Header(alias="webhook-signature"),
) -> None:
    """Documentation only (never served)."""
