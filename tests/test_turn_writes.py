"""What a turn writes, written more cheaply: events in one statement, queries built once,
and no worker-thread hop for the dependencies of the turn's route."""

from __future__ import annotations

import asyncio
import inspect

from sqlalchemy import select

from app.services import ServicesDep
from app.store import repo
from app.store.models import Event
from app.web.access import same_origin
from tests.conftest import build_test_services, fresh_sqlite_url


def _services(base_settings, data_root, bank, retriever, matcher):
    settings = base_settings.model_copy(update={"database_url": fresh_sqlite_url(data_root)})
    return build_test_services(settings, bank, retriever, matcher)


def test_events_written_in_one_statement_keep_their_order_and_fields(
    base_settings, data_root, bank, retriever, matcher
):
    svc = _services(base_settings, data_root, bank, retriever, matcher)
    row, _ = svc.interviews.start("local", "news-feed", "senior", None)
    with svc.db.write() as db:
        session = repo.get_session(db, "local", row.id, for_update=True)
        assert session is not None
        repo.add_event(db, session, "first", {"n": 1})
        repo.add_events(db, session, [("second", {"n": 2}), ("third", {"why": ["a", "b"]})])
        repo.add_events(db, session, [])
    with svc.db.read() as db:
        rows = db.scalars(select(Event).where(Event.session_id == row.id).order_by(Event.id)).all()
    kinds = [(e.kind, e.data, e.tenant_id) for e in rows]
    assert kinds[-3:] == [
        ("first", {"n": 1}, "local"),
        ("second", {"n": 2}, "local"),
        ("third", {"why": ["a", "b"]}, "local"),
    ]
    assert all(e.created_at is not None for e in rows)
    assert rows[-3].created_at <= rows[-2].created_at <= rows[-1].created_at


def test_a_turn_writes_its_move_event_and_the_stage_change(
    base_settings, data_root, bank, retriever, matcher
):
    svc = _services(base_settings, data_root, bank, retriever, matcher)
    row, _ = svc.interviews.start("local", "news-feed", "senior", None)
    result = asyncio.run(
        svc.interviews.turn(
            "local", row.id, "Let's move on to the data: what labels would we train on?"
        )
    )
    with svc.db.read() as db:
        rows = db.scalars(select(Event).where(Event.session_id == row.id).order_by(Event.id)).all()
    moves = [e for e in rows if e.kind == "move"]
    assert moves and moves[-1].data["seq"] == result.reply.seq
    assert moves[-1].data["move"] == result.reply.move
    # the request moves the interview on to the data, and the change is recorded once
    assert result.session.stage == "data"
    changed = [e.data for e in rows if e.kind == "stage.changed"]
    assert changed == [{"from": "clarify", "to": "data"}]


def test_the_queries_built_once_find_the_tenants_session_and_recent_messages_only(
    base_settings, data_root, bank, retriever, matcher
):
    svc = _services(base_settings, data_root, bank, retriever, matcher)
    row, opening = svc.interviews.start("local", "news-feed", "senior", None)
    with svc.db.write() as db:
        session = repo.get_session(db, "local", row.id, for_update=True)
        assert session is not None
        for i in range(8):
            repo.add_message(db, session, role="candidate", content=f"m{i}", stage="clarify")
    with svc.db.read() as db:
        assert repo.get_session(db, "local", row.id) is not None
        assert repo.get_session(db, "someone-else", row.id) is None
        assert repo.get_session(db, "someone-else", row.id, for_update=True) is None
        recent = repo.recent_turns(db, "local", row.id, 3)
        assert recent == [("candidate", "m5"), ("candidate", "m6"), ("candidate", "m7")]
        assert repo.recent_turns(db, "someone-else", row.id, 3) == []
        assert repo.recent_turns(db, "local", row.id, 20)[0] == ("interviewer", opening.content)


def test_the_turn_routes_dependencies_run_on_the_event_loop():
    # FastAPI sends a plain `def` dependency to a worker thread: a thread hop per request
    dependency = ServicesDep.__metadata__[0].dependency
    assert inspect.iscoroutinefunction(dependency)
    assert inspect.iscoroutinefunction(same_origin)
