"""Issue 14, item 5 (clean data and logs), over both databases: NUL and other control
characters are refused at the boundary with a clear 422 wherever text enters (PostgreSQL
answered 500 on six routes); logs never carry request bodies, bearer tokens, keys, share
tokens or SQL parameters; data files and directories are private."""

from __future__ import annotations

import json
import logging
import stat
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from app.config import Settings
from app.main import create_app
from app.observability import JsonFormatter
from app.security import LINE_PATTERN, install_log_redaction
from app.store import db as store_db
from app.store import repo
from tests.test_api import assert_problem

PROBLEM = "news-feed"


@pytest.fixture
def sid(client) -> str:
    r = client.post("/v1/sessions", json={"problem_id": PROBLEM, "candidate_ref": "ann"})
    assert r.status_code == 201, r.text
    return r.json()["session"]["id"]


def _count(client, sid: str) -> int:
    return client.get(f"/v1/sessions/{sid}").json()["message_count"]


def _grade(content: str, problem_id: str = PROBLEM) -> dict:
    return {
        "problem_id": problem_id,
        "transcript": [
            {"role": "interviewer", "content": "Design a news feed."},
            {"role": "candidate", "content": content},
        ],
    }


@pytest.mark.postgres
@pytest.mark.parametrize("bad", ["\x00", "\x01", "\x07", "\x0b", "\x1b[31m", "\x1f"])
def test_control_characters_in_a_message_are_a_422(client, sid, bad):
    before = _count(client, sid)
    r = client.post(f"/v1/sessions/{sid}/messages", json={"content": f"users{bad}and items"})
    body = assert_problem(r, 422, "validation")
    assert "control character" in body["detail"] and "content" in body["detail"]
    assert f"U+{ord(bad[0]):04X}" in body["detail"]
    assert _count(client, sid) == before  # nothing stored


@pytest.mark.postgres
def test_tab_newline_and_carriage_return_are_text(client, sid):
    r = client.post(
        f"/v1/sessions/{sid}/messages", json={"content": "Who are the users?\r\n\tAnd how many?"}
    )
    assert r.status_code == 201, r.text
    assert r.json()["message"]["content"] == "Who are the users?\r\n\tAnd how many?"


@pytest.mark.postgres
def test_lone_surrogates_are_a_422(client, sid):
    raw = b'{"content": "bad \\ud800 half"}'
    r = client.post(
        f"/v1/sessions/{sid}/messages", content=raw, headers={"content-type": "application/json"}
    )
    assert "surrogate" in assert_problem(r, 422)["detail"]


@pytest.mark.postgres
def test_every_text_field_refuses_nul(client, sid):
    """Session create, grade transcripts, webhooks, query strings and path segments."""
    cases = [
        client.post("/v1/sessions", json={"problem_id": "news\x00feed"}),
        client.post("/v1/sessions", json={"problem_id": PROBLEM, "candidate_ref": "a\x00"}),
        client.post("/v1/sessions", json={"problem_id": PROBLEM, "candidate_ref": "a\nb"}),
        client.post("/v1/grade", json=_grade("I would use logistic regression\x00")),
        client.post("/v1/grade", json=_grade("fine", problem_id="news-feed\x00")),
        client.post("/v1/grade?format=markdown", json=_grade("x\x02y")),
        client.post("/v1/webhooks", json={"url": "http://127.0.0.1:9/h\x00ook"}),
        client.post(
            "/v1/webhooks",
            json={"url": "http://127.0.0.1:9/hook", "secret": "0123456789abcdef\x00"},
        ),
        client.get("/v1/sessions?candidate_ref=a%00b"),
        client.get(f"/v1/sessions/{sid}%00"),
        client.get("/v1/candidates/ann%00/progress"),
        client.get(f"/v1/sessions/{sid}/transcript?format=%00"),
        client.post(f"/v1/sessions/{sid}/finish%01"),
    ]
    for r in cases:
        body = assert_problem(r, 422)
        assert "control character" in body["detail"], body
    assert client.get("/v1/webhooks").json() == []
    assert client.get("/v1/sessions").json()["total"] == 1


@pytest.mark.postgres
def test_web_form_refuses_nul(client, sid):
    before = _count(client, sid)
    r = client.post(
        f"/app/sessions/{sid}/messages",
        data={"content": "hello\x00world"},
        headers={"referer": "http://testserver/"},
    )
    assert r.status_code == 422 and r.headers["content-type"].startswith("text/html")
    assert "control character (U+0000)" in r.text
    assert _count(client, sid) == before


def test_control_characters_are_documented(client):
    schema = client.get("/openapi.json").json()["components"]["schemas"]
    assert "pattern" in schema["PostMessage"]["properties"]["content"]
    assert "x00" in schema["WebhookIn"]["properties"]["url"]["pattern"]
    doc = client.get("/openapi.json").json()
    for param in doc["paths"]["/v1/sessions/{session_id}"]["get"]["parameters"]:
        assert param["schema"]["pattern"] == LINE_PATTERN, param  # URL text: no controls


# --- logs ---------------------------------------------------------------------------------


def _logged(caplog) -> str:
    """Everything the server's records would print, in the JSON format `mlsd serve` writes
    (the test client's own httpx request log is not the server's)."""
    fmt = JsonFormatter()
    parts = []
    for rec in caplog.records:
        if rec.name.startswith("httpx"):
            continue
        parts.append(fmt.format(rec))
        parts.append(json.dumps({k: str(v) for k, v in rec.__dict__.items()}))
    return "\n".join(parts)


def test_logs_carry_no_share_tokens_bearer_tokens_or_bodies(client, services, sid, caplog):
    caplog.set_level(logging.DEBUG)
    secret_text = "my private answer mentions zanzibar-quokka-7731"
    client.post(f"/v1/sessions/{sid}/messages", json={"content": secret_text})
    client.post(f"/v1/sessions/{sid}/finish")
    client.post(
        f"/app/sessions/{sid}/share",
        headers={"referer": "http://testserver/"},
        follow_redirects=False,
    )
    with services.db.read() as db:
        token = repo.get_session(db, "local", sid).share_token
    assert token
    assert client.get(f"/r/{token}").status_code == 200
    assert client.get(f"/r/{token}x").status_code == 404
    bearer = "mlsd_" + "S3cretKeyMaterial" * 2
    client.get("/v1/sessions", headers={"authorization": f"Bearer {bearer}"})
    client.post(
        "/v1/webhooks",
        json={"url": "http://127.0.0.1:9/hook", "secret": "whsec-never-log-this-0001"},
    )
    logged = _logged(caplog)
    assert "/r/[redacted]" in logged  # the access log still names the route
    assert token not in logged
    assert "S3cretKeyMaterial" not in logged
    assert "zanzibar-quokka" not in logged
    assert "whsec-never-log-this" not in logged


@pytest.mark.postgres
def test_sql_errors_never_print_parameters(services, caplog):
    """A failed statement's message hides its parameters, and the error log also hides the
    values the database quotes back (PostgreSQL: `DETAIL: Failing row contains (...)`)."""
    marker = "candidate-answer-or-secret-4242"
    insert = text("INSERT INTO tenants (id, name) VALUES (:i, :n)")
    with pytest.raises(IntegrityError) as exc, services.db.write() as db:
        db.execute(insert, {"i": marker, "n": marker})  # created_at is NOT NULL
    assert "[SQL parameters hidden" in str(exc.value)
    assert services.db.engine.hide_parameters
    install_log_redaction()  # what create_app does
    caplog.set_level(logging.ERROR)
    try:
        raise RuntimeError("while handling a request") from exc.value
    except RuntimeError:
        logging.getLogger("app.api.errors").exception("unhandled error on POST /v1/x")
    logged = _logged(caplog)
    assert "IntegrityError" in logged and "INSERT INTO tenants" in logged
    assert marker not in logged


@pytest.mark.postgres
def test_unhandled_error_log_hides_sql_parameters(settings, services, caplog, monkeypatch):
    """The PostgreSQL NUL finding: the SQL error log printed candidate answers in clear."""
    marker = "webhook-secret-in-a-failing-statement-77"

    def boom(*args, **kwargs):
        with services.db.write() as db:
            db.execute(text("SELECT CAST(:v AS INTEGER) + nosuchcolumn"), {"v": marker})

    monkeypatch.setattr(services.webhooks, "list", boom)
    caplog.set_level(logging.ERROR)
    app = create_app(settings, services=services)
    with TestClient(app, raise_server_exceptions=False) as client:
        r = client.get("/v1/webhooks")
    assert r.status_code == 500
    assert marker not in r.text
    logged = _logged(caplog)
    assert "unhandled error" in logged and "nosuchcolumn" in logged
    assert marker not in logged


# --- files --------------------------------------------------------------------------------


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_sqlite_file_and_data_dir_are_private(tmp_path):
    data = tmp_path / "fresh" / "data"
    settings = Settings(data_dir=data, llm="offline", _env_file=None)
    store_db.upgrade(settings)
    database = store_db.Database(settings)
    with database.write() as db:
        repo.ensure_tenant(db, "t")
    assert _mode(data) == 0o700
    assert _mode(settings.sqlite_path) == 0o600
    for side in ("-wal", "-shm"):  # WAL mode: both exist while the database is open
        path = settings.sqlite_path.with_name(settings.sqlite_path.name + side)
        assert path.exists() and _mode(path) == 0o600, side
    database.dispose()


def test_existing_world_readable_files_are_tightened(tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    settings = Settings(data_dir=data, llm="offline", _env_file=None)
    settings.sqlite_path.touch(mode=0o644)
    settings.sqlite_path.chmod(0o644)
    store_db.upgrade(settings)
    assert _mode(settings.sqlite_path) == 0o600


def test_built_services_keep_data_and_index_private(tmp_path):
    from app.main import build_services

    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    settings = Settings(data_dir=data, llm="offline", _env_file=None)
    svc = build_services(settings)
    try:
        assert _mode(data) == 0o700
        assert _mode(settings.chroma_dir) == 0o700
        assert _mode(settings.sqlite_path) == 0o600
    finally:
        svc.db.dispose()
