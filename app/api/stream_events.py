"""Server-sent events of a streamed turn (`POST /v1/sessions/{id}/messages` with
`Accept: text/event-stream`): one model per event, used to write the stream and to document
it. On the wire each event is `event: <name>` plus `data: <JSON of the data field>`."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from app.api.schemas import MessageOut, TurnOut


class _Event(BaseModel):
    model_config = ConfigDict(json_schema_serialization_defaults_required=True)

    def frame(self) -> dict[str, str]:
        """The event as sse-starlette sends it: its name and its data as JSON."""
        data = self.model_dump(mode="json")["data"]
        return {"event": self.event, "data": json.dumps(data, separators=(",", ":"))}  # type: ignore[attr-defined]


class MessageEvent(_Event):
    """First: the candidate's message, stored before anything else happens."""

    event: Literal["message"] = "message"
    data: MessageOut


class TokenEvent(_Event):
    """A piece of the reply's text (zero or more; concatenate them)."""

    event: Literal["token"] = "token"
    data: str = Field(description="Text to append to the reply so far (a JSON string).")


class ResetEvent(_Event):
    """Discard the pieces so far: the model failed and the offline voice answers instead."""

    event: Literal["reset"] = "reset"
    data: Literal[""] = ""


class DoneEvent(_Event):
    """Last on success: the stored turn, the same body as the JSON response."""

    event: Literal["done"] = "done"
    data: TurnOut


class ErrorDetail(BaseModel):
    detail: str


class ErrorEvent(_Event):
    """Last on failure: the reply failed (the candidate's message is kept); send again."""

    event: Literal["error"] = "error"
    data: ErrorDetail


TurnEvent = Annotated[
    MessageEvent | TokenEvent | ResetEvent | DoneEvent | ErrorEvent,
    Field(discriminator="event"),
]
TURN_EVENT = "TurnEvent"  # its component name in the OpenAPI document

STREAM_DESCRIPTION = (
    "With `Accept: text/event-stream` the reply streams as server-sent events, in this "
    "order: `message` (the stored candidate message), `token`* (reply text pieces), "
    "optionally `reset` (discard the pieces so far: the model failed and the offline voice "
    "answers instead), then `done` (the same body as the JSON response) or `error`. Each "
    "event's `data` line is the JSON of the `data` field of its schema (`TurnEvent`)."
)


def document(schema: dict[str, Any]) -> None:
    """Add `TurnEvent` (a union over `event`) and the event models to the components."""
    adapter = TypeAdapter(TurnEvent)
    doc = adapter.json_schema(ref_template="#/components/schemas/{model}", mode="serialization")
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for name, definition in doc.pop("$defs", {}).items():
        components.setdefault(name, definition)
    doc["description"] = "One server-sent event of a streamed turn (`event` names it)."
    components[TURN_EVENT] = doc
