"""Key and data management over both databases: admin-scoped key listing, creation and
revocation (API and CLI), erasing a session with everything made from it, and fetching a
report by id (including those made by POST /v1/grade)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from app.auth.keys import hash_key, new_key
from app.store import repo
from app.store.models import Event, IdempotencyRecord, Message, Report, WebhookDelivery
from tests.support.keys import bearer
from tests.support.receiver import Receiver
from tests.test_api import assert_problem

# Export, erasure and keys are store operations: both databases.
pytestmark = pytest.mark.postgres

PROBLEM = "news-feed"
GRADE_BODY = {
    "problem_id": PROBLEM,
    "transcript": [
        {"role": "candidate", "content": "What is the business goal of the feed?"},
        {"role": "candidate", "content": "I'd use logistic regression as a baseline."},
    ],
}


def _key(svc, tenant: str, admin: bool = False) -> tuple[str, str]:
    key = new_key()
    with svc.db.write() as db:
        repo.ensure_tenant(db, tenant, tenant)
        row = repo.add_api_key(db, tenant, key[:12], hash_key(key), admin=admin)
        db.flush()
        key_id = row.id
    svc.keys.mode = "keys"  # as if started with MLSD_AUTH_MODE=keys
    return key, key_id


@pytest.fixture
def keyed(app_with):
    """An app that requires keys, with its services."""
    return app_with(auth_mode="keys")


def test_admin_keys_manage_their_own_tenant(keyed):
    c, svc = keyed
    admin, admin_id = _key(svc, "acme", admin=True)
    plain, plain_id = _key(svc, "acme")
    other, other_id = _key(svc, "globex", admin=True)

    assert_problem(c.get("/v1/keys", headers=bearer(plain)), 403)
    assert_problem(c.post("/v1/keys", headers=bearer(plain)), 403)
    assert_problem(c.delete(f"/v1/keys/{admin_id}", headers=bearer(plain)), 403)
    assert_problem(c.get("/v1/keys"), 401)

    listed = c.get("/v1/keys", headers=bearer(admin)).json()
    assert {k["id"] for k in listed} == {admin_id, plain_id}  # never globex's
    assert {k["admin"] for k in listed} == {True, False}
    assert all(set(k) == {"id", "prefix", "admin", "created_at", "revoked_at"} for k in listed)
    assert plain not in json.dumps(listed) and hash_key(plain) not in json.dumps(listed)

    made = c.post("/v1/keys", json={}, headers={**bearer(admin), "Idempotency-Key": "k1"})
    assert made.status_code == 201 and made.headers["cache-control"] == "no-store"
    new = made.json()
    assert new["key"].startswith("mlsd_") and new["admin"] is False
    assert c.get("/v1/sessions", headers=bearer(new["key"])).status_code == 200
    with svc.db.read() as db:  # a key shown once is never kept for replay
        assert db.scalar(select(func.count()).select_from(IdempotencyRecord)) == 0

    assert_problem(c.delete(f"/v1/keys/{other_id}", headers=bearer(admin)), 404)  # other tenant
    assert c.get("/v1/sessions", headers=bearer(other)).status_code == 200
    assert c.delete(f"/v1/keys/{new['id']}", headers=bearer(admin)).status_code == 204
    assert_problem(c.get("/v1/sessions", headers=bearer(new["key"])), 401)
    assert c.delete(f"/v1/keys/{new['id']}", headers=bearer(admin)).status_code == 204  # again
    revoked = {k["id"]: k for k in c.get("/v1/keys", headers=bearer(admin)).json()}
    assert revoked[new["id"]]["revoked_at"] and revoked[plain_id]["revoked_at"] is None
    assert_problem(c.delete("/v1/keys/key_nope", headers=bearer(admin)), 404)
    made = c.post("/v1/keys", json={"admin": True}, headers=bearer(admin)).json()
    assert made["admin"] is True
    assert c.get("/v1/keys", headers=bearer(made["key"])).status_code == 200


def test_local_mode_has_no_admin(client):
    assert_problem(client.get("/v1/keys"), 403)


def test_cli_keys_create_list_revoke(settings, monkeypatch):
    from app import cli
    from app.config import get_settings

    monkeypatch.setenv("DATABASE_URL", settings.db_url.replace("+psycopg", ""))
    monkeypatch.setenv("MLSD_DATA_DIR", str(settings.data_dir))
    get_settings.cache_clear()
    try:
        runner = CliRunner()
        r = runner.invoke(cli.app, ["keys", "create", "--tenant", "acme", "--admin"])
        assert r.exit_code == 0, r.output
        key = r.output.strip().splitlines()[-1]
        assert key.startswith("mlsd_")
        r = runner.invoke(cli.app, ["keys", "create", "--tenant", "globex"])
        assert r.exit_code == 0, r.output
        r = runner.invoke(cli.app, ["keys", "list", "--json"])
        rows = json.loads(r.output)
        assert {(k["tenant"], k["admin"]) for k in rows} == {("acme", True), ("globex", False)}
        assert key not in r.output and all(k["revoked_at"] is None for k in rows)
        acme = next(k for k in rows if k["tenant"] == "acme")
        assert key.startswith(acme["prefix"])
        r = runner.invoke(cli.app, ["keys", "list", "--tenant", "globex", "--json"])
        assert [k["tenant"] for k in json.loads(r.output)] == ["globex"]
        r = runner.invoke(cli.app, ["keys", "list"])
        assert r.exit_code == 0 and acme["id"] in r.output and "admin" in r.output
        r = runner.invoke(cli.app, ["keys", "revoke", acme["id"]])
        assert r.exit_code == 0, r.output
        r = runner.invoke(cli.app, ["keys", "revoke", "key_nope"])
        assert r.exit_code == 1
        rows = json.loads(runner.invoke(cli.app, ["keys", "list", "--json"]).output)
        assert next(k for k in rows if k["id"] == acme["id"])["revoked_at"]
    finally:
        get_settings.cache_clear()


def _count(svc, model, session_id: str) -> int:
    with svc.db.read() as db:
        return (
            db.scalar(select(func.count()).select_from(model).where(model.session_id == session_id))
            or 0
        )


def test_delete_session_erases_everything(client, services):
    with Receiver() as rx:
        hook = client.post("/v1/webhooks", json={"url": rx.url})
        hook_id = hook.json()["id"]
        made = client.post(
            "/v1/sessions",
            json={"problem_id": PROBLEM, "candidate_ref": "learner-9"},
            headers={"Idempotency-Key": "create-9"},
        ).json()
        sid = made["session"]["id"]
        keep = client.post("/v1/sessions", json={"problem_id": PROBLEM}).json()["session"]["id"]
        client.post(
            f"/v1/sessions/{sid}/messages",
            json={"content": "What is the goal? I'd rank by engagement."},
            headers={"Idempotency-Key": "msg-9"},
        )
        client.post(f"/v1/sessions/{keep}/messages", json={"content": "How many users?"})
        report = client.post(f"/v1/sessions/{sid}/finish").json()
        client.post(f"/v1/sessions/{keep}/finish")
        with services.db.write() as db:
            repo.get_session(db, "local", sid).share_token = "ShareMe9ShareMe9ShareMe9ShareMe9"
        assert client.get("/r/ShareMe9ShareMe9ShareMe9ShareMe9").status_code == 200
        assert client.get(f"/v1/reports/{report['id']}").json()["session_id"] == sid
        assert rx.wait_for(4)
        for model in (Message, Event, Report):
            assert _count(services, model, sid) > 0
        before = len(rx.requests)

        assert client.delete(f"/v1/sessions/{sid}").status_code == 204

        for path in (
            f"/v1/sessions/{sid}",
            f"/v1/sessions/{sid}/transcript",
            f"/v1/sessions/{sid}/report",
            f"/v1/sessions/{sid}/reports",
            f"/v1/reports/{report['id']}",
        ):
            assert_problem(client.get(path), 404)
        assert client.get("/r/ShareMe9ShareMe9ShareMe9ShareMe9").status_code == 404
        assert_problem(client.delete(f"/v1/sessions/{sid}"), 404)
        for model in (Message, Event, Report):
            assert _count(services, model, sid) == 0
        with services.db.read() as db:
            payloads = [
                d.payload
                for d in db.scalars(select(WebhookDelivery)).all()
                if d.event != "session.deleted"
            ]
            stored = [r.body for r in db.scalars(select(IdempotencyRecord)).all()]
        assert {p.get("session_id") for p in payloads} == {keep}  # its own ones stay
        assert not [b for b in stored if sid in json.dumps(b)]  # replays quoting it are gone
        assert_problem(client.get("/v1/candidates/learner-9/progress"), 404)
        assert client.get(f"/v1/sessions/{keep}/transcript").json()["messages"][1]["content"]

        assert rx.wait_for(before + 1)
        note = json.loads(rx.requests[-1]["body"])
        assert rx.requests[-1]["headers"]["x-mlsd-event"] == "session.deleted"
        assert note["data"]["session_id"] == sid and note["data"]["candidate_ref"] == "learner-9"
        deliveries = client.get(f"/v1/webhooks/{hook_id}/deliveries").json()
        assert sorted(d["event"] for d in deliveries) == [
            "report.ready",
            "session.deleted",
            "session.finished",
        ]
    # The same key as before now creates afresh (its stored response was erased).
    again = client.post(
        "/v1/sessions",
        json={"problem_id": PROBLEM, "candidate_ref": "learner-9"},
        headers={"Idempotency-Key": "create-9"},
    )
    assert again.status_code == 201 and again.json()["session"]["id"] != sid


def test_reports_made_by_grade_can_be_fetched_again(keyed):
    c, svc = keyed
    a, _ = _key(svc, "acme")
    b, _ = _key(svc, "globex")
    graded = c.post("/v1/grade", json=GRADE_BODY, headers=bearer(a))
    assert graded.status_code == 201
    rep = graded.json()
    assert rep["id"].startswith("rep_") and rep["session_id"] is None
    again = c.get(f"/v1/reports/{rep['id']}", headers=bearer(a))
    assert again.status_code == 200 and again.json() == rep
    md = c.get(f"/v1/reports/{rep['id']}?format=markdown", headers=bearer(a))
    assert md.status_code == 200 and md.headers["content-type"].startswith("text/markdown")
    html = c.get(f"/v1/reports/{rep['id']}?format=html", headers=bearer(a))
    assert html.headers["content-type"].startswith("text/html")
    assert_problem(c.get(f"/v1/reports/{rep['id']}", headers=bearer(b)), 404)  # other tenant
    assert_problem(c.get("/v1/reports/rep_nope", headers=bearer(a)), 404)
