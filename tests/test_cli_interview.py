"""The terminal interview on the same engine: multi-line answers, pause and resume, and the
graded report at the end."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from app.cli import app
from app.config import get_settings


def _run(monkeypatch, tmp_path, args, text):
    monkeypatch.setenv("MLSD_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("MLSD_LLM", "offline")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    get_settings.cache_clear()
    try:
        return CliRunner().invoke(app, args, input=text)
    finally:
        get_settings.cache_clear()


def _stored(monkeypatch, tmp_path, sid):
    """The session's stored messages and status, read from the database the CLI wrote."""
    from app.store import db as store_db
    from app.store import repo

    get_settings.cache_clear()
    monkeypatch.setenv("MLSD_DATA_DIR", str(tmp_path))
    database = store_db.Database(get_settings())
    try:
        with database.read() as db:
            msgs = repo.list_messages(db, "local", sid)
            status = repo.get_session(db, "local", sid).status
    finally:
        database.dispose()
        get_settings.cache_clear()
    return msgs, status


def test_paste_pause_resume_and_report(monkeypatch, tmp_path):
    first = _run(
        monkeypatch,
        tmp_path,
        ["interview", "--problem", "news-feed"],
        "How many daily active users\ndo we have, and how many posts a day?\n\n",  # then EOF
    )
    assert first.exit_code == 0, first.output
    assert "Paused" in first.output
    sid = re.search(r"--resume (ses_\w+)", first.output).group(1)
    # the two pasted lines went in as one turn, answered with the facts
    assert first.output.count("Interviewer") >= 2 and "daily active users" in first.output

    second = _run(
        monkeypatch,
        tmp_path,
        ["interview", "--resume", sid],
        "I'd rank posts by a weighted sum of predicted like, comment and share\n"
        "probabilities, trained on impression logs split by time.\n\n/finish\n",
    )
    assert second.exit_code == 0, second.output
    assert "Your report" in second.output and "hire signal" in second.output

    msgs, status = _stored(monkeypatch, tmp_path, sid)
    candidate = [m.content for m in msgs if m.role == "candidate"]
    # a paste wrapped mid-sentence is one sentence again
    assert candidate[0] == "How many daily active users do we have, and how many posts a day?"
    assert len(candidate) == 2 and status == "finished"


def test_lines_not_yet_sent_when_input_ends_are_sent_before_the_pause(monkeypatch, tmp_path):
    """A file piped in (or Ctrl-D) may end without the blank line that sends an answer: what
    was typed still goes in before the pause, as the pause message promises."""
    out = _run(
        monkeypatch,
        tmp_path,
        ["interview", "--problem", "news-feed"],
        "How many daily active users do we have?\n\nI think that covers clarifying\n",
    )
    assert out.exit_code == 0, out.output
    assert "Paused" in out.output
    sid = re.search(r"--resume (ses_\w+)", out.output).group(1)

    msgs, _ = _stored(monkeypatch, tmp_path, sid)
    candidate = [m.content for m in msgs if m.role == "candidate"]
    asked = "How many daily active users do we have?"
    assert candidate == [asked, "I think that covers clarifying"]
    # the last answer was answered, not dropped
    assert msgs[-1].role == "interviewer"
