"""The OpenAPI document is worth generating a client from: valid OpenAPI 3.1, stable unique
operation ids, the bearer scheme on exactly the keyed operations, the typed report, the
documented headers, SSE events and webhooks; and what the server sends matches it."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
from fastapi import APIRouter, FastAPI, routing
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from pydantic import TypeAdapter
from schemathesis.specs.openapi.definitions import OPENAPI_31_VALIDATOR

from app.api.openapi import SNAKE_CASE, check_operation_ids, operation_id, operation_ids
from app.api.reports import REPORT_EXAMPLE
from app.api.stream_events import TurnEvent
from app.api.webhook_docs import EVENT_MODELS
from app.auth import dependencies as deps
from app.grading.report_model import Report, load_report
from app.main import create_app
from app.store import repo
from tests.conftest import build_test_services, fresh_sqlite_url
from tests.support.answers import STRONG_NEWS_FEED as ANSWERS
from tests.support.receiver import Receiver
from tests.support.sse import stream_turn

PROBLEM = "news-feed"
METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture(scope="module")
def doc_app(base_settings, data_root, bank, retriever, matcher) -> Iterator[FastAPI]:
    """An app with services (SQLite): the document names the bank's problem ids."""
    settings = base_settings.model_copy(update={"database_url": fresh_sqlite_url(data_root)})
    services = build_test_services(settings, bank, retriever, matcher)
    app = create_app(settings, services=services)
    with TestClient(app):
        yield app
    services.db.dispose()


@pytest.fixture(scope="module")
def doc(doc_app) -> dict[str, Any]:
    with TestClient(doc_app) as c:
        return c.get("/openapi.json").json()


def _operations(doc: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in doc["paths"].items():
        for method, op in item.items():
            if method in METHODS:
                yield method, path, op


def _resolve(doc: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = doc
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def _validator(doc: dict[str, Any], name: str) -> jsonschema.Draft202012Validator:
    """A JSON Schema validator for one component, its references resolved in the document."""
    schema = {**doc["components"]["schemas"][name], "components": doc["components"]}
    return jsonschema.Draft202012Validator(schema)


# --- the document ---------------------------------------------------------------------------


def test_document_is_valid_openapi_31_and_every_reference_resolves(doc):
    assert doc["openapi"].startswith("3.1")
    errors = [e.message for e in OPENAPI_31_VALIDATOR.iter_errors(doc)]
    assert errors == []
    refs = set(re.findall(r'"\$ref": "([^"]+)"', json.dumps(doc)))
    assert len(refs) > 30
    for ref in refs:
        _resolve(doc, {"$ref": ref})  # KeyError when dangling
    # The validator does reject a broken document (so the check above can fail).
    broken = copy.deepcopy(doc)
    broken["paths"]["/healthz"]["get"]["responses"] = {"200": {"content": {}}}  # no description
    assert list(OPENAPI_31_VALIDATOR.iter_errors(broken))


def test_operation_ids_are_unique_snake_case_and_stable(doc):
    ids = [op["operationId"] for _, _, op in _operations(doc)]
    ids += [op["operationId"] for item in doc["webhooks"].values() for op in item.values()]
    assert len(ids) == len(set(ids)) >= 25
    assert all(SNAKE_CASE.fullmatch(i) for i in ids), ids
    for known in (
        "create_session",
        "post_message",
        "get_transcript",
        "finish_session",
        "get_report",
        "get_report_by_id",
        "grade_transcript",
        "create_webhook",
        "report_ready",
    ):
        assert known in ids
    by_route = {(m, p): op["operationId"] for m, p, op in _operations(doc)}
    assert by_route[("post", "/v1/sessions/{session_id}/messages")] == "post_message"


def test_operation_id_check_refuses_duplicates_and_other_spellings():
    def app_with(*routers: APIRouter) -> FastAPI:
        app = FastAPI(generate_unique_id_function=operation_id)
        for r in routers:
            app.include_router(r)
        return app

    def router_with(path: str, name: str, methods: list[str]) -> APIRouter:
        r = APIRouter()

        async def endpoint() -> dict:
            return {}

        r.add_api_route(path, endpoint, methods=methods, name=name)
        return r

    fine = app_with(router_with("/a", "read_a", ["GET"]), router_with("/b", "read_b", ["GET"]))
    check_operation_ids(fine)
    assert set(operation_ids(fine)) == {"read_a", "read_b"}
    same = app_with(router_with("/a", "read", ["GET"]), router_with("/b", "read", ["GET"]))
    with pytest.raises(RuntimeError, match="'read' is used by GET /a, GET /b"):
        check_operation_ids(same)
    with pytest.raises(RuntimeError, match="used by"):
        check_operation_ids(app_with(router_with("/a", "both", ["GET", "POST"])))
    with pytest.raises(RuntimeError, match="not snake_case"):
        check_operation_ids(app_with(router_with("/a", "readA", ["GET"])))


def _needs_caller(route) -> bool:
    stack = [route.dependant]
    while stack:
        dep = stack.pop()
        if dep.call in (deps.caller, deps.admin_caller):
            return True
        stack.extend(dep.dependencies)
    return False


def test_bearer_scheme_is_applied_to_exactly_the_keyed_operations(doc, doc_app):
    scheme = doc["components"]["securitySchemes"]["bearerAuth"]
    assert scheme["type"] == "http" and scheme["scheme"] == "bearer"
    keyed = {
        (m.lower(), r.path_format)
        for r in routing.iter_route_contexts(doc_app.routes)
        if isinstance(r.original_route, APIRoute) and r.include_in_schema
        for m in r.methods
        if _needs_caller(r)
    }
    assert len(keyed) >= 20
    for method, path, op in _operations(doc):
        if (method, path) in keyed:
            assert op.get("security") == [{"bearerAuth": []}], (method, path)
            assert "401" in op["responses"] and "429" in op["responses"], (method, path)
        else:
            assert "security" not in op and "401" not in op["responses"], (method, path)
    public = {p for m, p, op in _operations(doc) if "security" not in op}
    assert public == {"/healthz", "/readyz"}
    assert not any(p.startswith(("/r/", "/app")) for p in doc["paths"])  # share links: none


def test_keyed_operations_refuse_a_request_without_a_key(app_with):
    """The document's claim holds in keys mode: no key, 401 problem (public ones answer)."""
    c, _ = app_with(auth_mode="keys")
    doc = c.get("/openapi.json").json()
    for method, path, op in _operations(doc):
        url = re.sub(r"\{[^}]+\}", "x", path)
        r = c.request(method.upper(), url, json={} if "requestBody" in op else None)
        if "security" in op:
            assert r.status_code == 401, (method, path, r.status_code)
            assert r.headers["www-authenticate"] == "Bearer"
        else:
            assert r.status_code in (200, 503), (method, path)


def test_shared_problem_responses_and_documented_headers(doc):
    responses = doc["components"]["responses"]
    for name in ("Unauthorized", "NotFound", "Unprocessable", "TooManyRequests", "Unavailable"):
        media = responses[name]["content"]["application/problem+json"]
        assert media["schema"] == {"$ref": "#/components/schemas/Problem"}
    for name in ("TooManyRequests", "Unavailable"):
        assert "Retry-After" in responses[name]["headers"]
    assert "WWW-Authenticate" in responses["Unauthorized"]["headers"]
    for method, path, op in _operations(doc):
        for code, resp in op["responses"].items():
            if int(code) >= 400 and path != "/readyz":  # /readyz's 503 is its health body
                assert resp["$ref"].startswith("#/components/responses/"), (method, path, code)
        params = {p["name"] for p in op.get("parameters", [])}
        assert ("Idempotency-Key" in params) == (method == "post"), (method, path)
    created = doc["paths"]["/v1/sessions"]["post"]["responses"]["201"]
    assert "Location" in created["headers"]
    ready = doc["paths"]["/readyz"]["get"]["responses"]["503"]
    assert ready["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Health"}


# --- the typed report -----------------------------------------------------------------------


def test_report_schema_shows_its_full_structure(doc):
    schemas = doc["components"]["schemas"]
    report = schemas["Report"]
    assert {"overall", "stages", "strengths", "improvements", "versions", "schema"} <= set(
        report["required"]
    )
    stage = _resolve(doc, report["properties"]["stages"]["items"])
    criterion = _resolve(doc, stage["properties"]["criteria"]["items"])
    evidence = _resolve(doc, criterion["properties"]["evidence"]["items"])
    assert set(evidence["required"]) == {"message_id", "quote"}
    assert {"met", "points", "red_flag", "credit", "judge"} <= set(criterion["required"])
    overall = _resolve(doc, report["properties"]["overall"])
    assert "strong hire" in overall["properties"]["hire_signal"]["enum"]
    assert "below mid" in overall["properties"]["level_readout"]["enum"]
    kinds = report["properties"]["improvements"]["items"]["discriminator"]["mapping"]
    assert set(kinds) == {"red_flag", "missed"}
    for path, method, code in (
        ("/v1/sessions/{session_id}/finish", "post", "201"),
        ("/v1/sessions/{session_id}/regrade", "post", "201"),
        ("/v1/sessions/{session_id}/report", "get", "200"),
        ("/v1/reports/{report_id}", "get", "200"),
        ("/v1/grade", "post", "201"),
    ):
        content = doc["paths"][path][method]["responses"][code]["content"]
        assert content["application/json"]["schema"] == {"$ref": "#/components/schemas/Report"}
    ok = doc["paths"]["/v1/sessions/{session_id}/reports"]["get"]["responses"]["200"]
    listed = _resolve(doc, ok["content"]["application/json"]["schema"])
    assert listed["properties"]["items"]["items"] == {"$ref": "#/components/schemas/ReportSummary"}


def test_report_example_is_a_valid_report(doc):
    Report.model_validate(REPORT_EXAMPLE)
    _validator(doc, "Report").validate(REPORT_EXAMPLE)
    with pytest.raises(jsonschema.ValidationError):
        _validator(doc, "Report").validate({**REPORT_EXAMPLE, "stages": [{"stage": "lunch"}]})


def test_report_end_to_end_matches_its_schema(client, services):
    spec = client.get("/openapi.json").json()
    check = _validator(spec, "Report")
    sid = client.post("/v1/sessions", json={"problem_id": PROBLEM}).json()["session"]["id"]
    for a in ANSWERS:
        client.post(f"/v1/sessions/{sid}/messages", json={"content": a})
    finished = client.post(f"/v1/sessions/{sid}/finish")
    assert finished.status_code == 201
    body = finished.json()
    check.validate(body)
    assert set(body) == set(spec["components"]["schemas"]["Report"]["required"])
    assert body["schema"] == 2 and body["version"] == 1 and body["session_id"] == sid
    assert client.get(f"/v1/sessions/{sid}/report").json() == body
    assert client.get(f"/v1/reports/{body['id']}").json() == body
    # The stored JSON is the same document (validated on load, nothing lost or added).
    with services.db.read() as db:
        stored = repo.latest_report(db, "local", sid).data
    assert stored == body and load_report(stored).to_json() == body

    turns = [{"role": "candidate", "content": a} for a in ANSWERS]
    graded = client.post("/v1/grade", json={"problem_id": PROBLEM, "transcript": turns}).json()
    check.validate(graded)
    assert graded["session_id"] is None and graded["version"] == 1
    assert [t["content"] for t in graded["transcript"]] == ANSWERS
    assert client.get(f"/v1/reports/{graded['id']}").json() == graded


@pytest.mark.postgres
def test_stored_schema_1_report_is_served_typed(client, services):
    """A report stored before schema 2 (no study refs, misses with the rubric's wording)
    still loads: missing fields take defaults, dropped ones are not sent."""
    sid = client.post("/v1/sessions", json={"problem_id": PROBLEM}).json()["session"]["id"]
    old = copy.deepcopy(REPORT_EXAMPLE)
    old["schema"] = 1
    for key in ("id", "session_id", "version", "created_at", "grading_ms", "transcript"):
        old.pop(key)
    old["overall"].pop("red_flags")
    old["overall"].pop("topicality")
    crit = old["stages"][0]["criteria"][0]
    for key in ("study", "notes", "judge"):
        crit.pop(key)
    old["stages"][0].pop("specifics")
    old["improvements"] = [
        {
            "kind": "missed",
            "stage": "monitor",
            "criterion_id": "gen-monitor-drift",
            "text": "Candidate monitors drift.",
            "strong_answer_covers": ["Candidate monitors drift."],
            "example": "I'd watch for drift",
            "study": None,
        }
    ]
    with services.db.write() as db:
        row = repo.get_session(db, "local", sid)
        row.status = "finished"
        rep = repo.add_report(db, tenant_id="local", session_id=sid, grader="offline", data=old)
        db.flush()
        rep_id = rep.id
    r = client.get(f"/v1/sessions/{sid}/report")
    assert r.status_code == 200, r.text
    got = r.json()
    _validator(client.get("/openapi.json").json(), "Report").validate(got)
    assert got["schema"] == 1 and got["overall"]["red_flags"] is None
    assert got["stages"][0]["criteria"][0]["study"] is None
    assert got["improvements"][0]["topics"] == []
    assert "strong_answer_covers" not in got["improvements"][0]
    assert client.get(f"/v1/reports/{rep_id}").status_code == 200
    for fmt in ("markdown", "html"):
        assert client.get(f"/v1/sessions/{sid}/report", params={"format": fmt}).status_code == 200
    assert client.get(f"/v1/sessions/{sid}/reports").json()["items"][0]["overall"]["score"] == 0.61
    assert client.get(f"/app/sessions/{sid}/review").status_code == 200


# --- streamed events and webhooks -----------------------------------------------------------


def test_streamed_events_are_the_documented_models(client):
    spec = client.get("/openapi.json").json()
    stream = spec["paths"]["/v1/sessions/{session_id}/messages"]["post"]["responses"]["201"]
    assert stream["content"]["text/event-stream"]["schema"] == {
        "$ref": "#/components/schemas/TurnEvent"
    }
    union = spec["components"]["schemas"]["TurnEvent"]
    assert set(union["discriminator"]["mapping"]) == {"message", "token", "reset", "done", "error"}
    check = _validator(spec, "TurnEvent")

    sid = client.post("/v1/sessions", json={"problem_id": PROBLEM}).json()["session"]["id"]
    streamed = stream_turn(client, sid, "What is the business objective?")
    adapter = TypeAdapter(TurnEvent)
    events = [{"event": name, "data": json.loads(data)} for name, data in streamed]
    assert events[0]["event"] == "message" and events[-1]["event"] == "done"
    for event in events:
        check.validate(event)
        adapter.validate_python(event)


def test_webhook_payloads_are_the_documented_envelopes(client, services, doc):
    for event, model in EVENT_MODELS.items():
        op = doc["webhooks"][event]["post"]
        body = op["requestBody"]["content"]["application/json"]["schema"]
        assert body == {"$ref": f"#/components/schemas/{model.__name__}"}
        assert {p["name"] for p in op["parameters"]} == {
            "webhook-id",
            "webhook-timestamp",
            "webhook-signature",
        }
    with Receiver() as rx:
        client.post("/v1/webhooks", json={"url": rx.url})
        sid = client.post(
            "/v1/sessions", json={"problem_id": PROBLEM, "candidate_ref": "u-1"}
        ).json()["session"]["id"]
        client.post(f"/v1/sessions/{sid}/messages", json={"content": ANSWERS[0]})
        assert client.post(f"/v1/sessions/{sid}/finish").status_code == 201
        # The app's outbox loop sends them; erasing the session erases its pending deliveries,
        # so both must have arrived first.
        assert rx.wait_for(2)
        assert client.delete(f"/v1/sessions/{sid}").status_code == 204
        assert rx.wait_for(3)
    sent = [json.loads(q["body"]) for q in rx.requests]
    assert sorted(s["event"] for s in sent) == sorted(EVENT_MODELS)
    for payload in sent:
        EVENT_MODELS[payload["event"]].model_validate(payload)  # extra keys are refused
        _validator(doc, EVENT_MODELS[payload["event"]].__name__).validate(payload)
        assert payload["data"]["candidate_ref"] == "u-1"
