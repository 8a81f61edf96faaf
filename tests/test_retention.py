"""Retention: sessions untouched and /v1/grade reports older than the period are erased
(with their messages, events and reports); recent ones stay."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from app.main import purge_expired
from app.store import repo
from app.store.models import InterviewSession, Message, Report

# Retention deletes rows: both databases.
pytestmark = pytest.mark.postgres


def test_old_sessions_and_grade_reports_are_erased(client, services):
    old = client.post("/v1/sessions", json={"problem_id": "news-feed"}).json()["session"]["id"]
    client.post(f"/v1/sessions/{old}/messages", json={"content": "What is the business goal?"})
    new = client.post("/v1/sessions", json={"problem_id": "news-feed"}).json()["session"]["id"]
    graded = client.post(
        "/v1/grade",
        json={"problem_id": "news-feed", "transcript": [{"role": "candidate", "content": "hi"}]},
    ).json()["id"]
    past = repo.utcnow() - timedelta(days=40)
    with services.db.write() as db:
        db.execute(
            update(InterviewSession).where(InterviewSession.id == old).values(updated_at=past)
        )
        db.execute(update(Report).where(Report.id == graded).values(created_at=past))

    purged = purge_expired(services.db, 30)
    assert purged == {"sessions": 1, "reports": 1}
    assert client.get(f"/v1/sessions/{old}").status_code == 404
    assert client.get(f"/v1/sessions/{new}").status_code == 200
    assert client.get(f"/v1/reports/{graded}").status_code == 404
    with services.db.read() as db:
        left = db.query(Message).filter(Message.session_id == old).count()
    assert left == 0
    assert purge_expired(services.db, 30) == {"sessions": 0, "reports": 0}


def test_purge_command_needs_a_period(monkeypatch, tmp_path):
    from typer.testing import CliRunner

    from app.cli import app
    from app.config import get_settings

    monkeypatch.setenv("MLSD_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("MLSD_RETENTION_DAYS", raising=False)
    get_settings.cache_clear()
    try:
        refused = CliRunner().invoke(app, ["sessions", "purge"])
        done = CliRunner().invoke(app, ["sessions", "purge", "--older-than-days", "30"])
    finally:
        get_settings.cache_clear()
    assert refused.exit_code == 2
    assert done.exit_code == 0 and "erased 0 sessions" in done.output, done.output
