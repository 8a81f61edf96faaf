"""Shared fixtures. Persistence and API tests run against SQLite and PostgreSQL alike.

PostgreSQL: `MLSD_TEST_PG_URL` (default postgresql://root@127.0.0.1:5432/test, trust auth).
Each test process gets a fresh database of its own, dropped at the end. When no server is
reachable the Postgres cases skip, except under CI (`CI` set), where that is a failure.
"""

from __future__ import annotations

import functools
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.knowledge.bank import KnowledgeBank, load_bank
from app.knowledge.matching import Matcher
from app.knowledge.retrieval import Retriever
from app.main import Services, assemble, create_app
from app.store import db as store_db
from app.understanding.offline import OfflineReader

PG_ADMIN_URL = os.environ.get("MLSD_TEST_PG_URL", "postgresql://root@127.0.0.1:5432/test")
ROOT = Path(__file__).resolve().parent.parent
BACKENDS = ["sqlite", "postgres"]
# The bank's problem ids (a problem's id is its file name, enforced by load_bank), for tests
# that parametrize over every problem at collection time, before any fixture exists.
BANK_PROBLEMS = sorted(
    p.stem for p in (ROOT / "knowledge" / "problems").iterdir() if p.suffix in (".yaml", ".yml")
)


def _pg_admin():
    import psycopg

    return psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=3)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """A fresh PostgreSQL database for this test process; yields its URL."""
    try:
        admin = _pg_admin()
    except Exception as exc:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL unreachable under CI: {exc}")
        pytest.skip(f"PostgreSQL unreachable: {exc}")
    name = f"mlsd_test_{uuid.uuid4().hex[:10]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,)
        )
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.close()


@pytest.fixture(scope="session")
def data_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("data")


@functools.cache
def shared_bank() -> KnowledgeBank:
    """The knowledge bank, loaded once per test process (modules that need it to be
    collected load it at import; the `bank` fixture then reuses it)."""
    return load_bank(ROOT / "knowledge")


@pytest.fixture(scope="session")
def bank() -> KnowledgeBank:
    return shared_bank()


@pytest.fixture(scope="session")
def base_settings(data_root: Path) -> Settings:
    # No rate limit by default: suites post hundreds of turns a minute (tested on its own).
    # Webhook tests use receivers on loopback: allowed here (the SSRF guard has its own tests).
    return Settings(
        data_dir=data_root,
        llm="offline",
        rate_limit_per_minute=0,
        webhooks_allow_private=True,
        _env_file=None,
    )


@pytest.fixture(scope="session")
def retriever(bank: KnowledgeBank, base_settings: Settings) -> Retriever:
    return Retriever(bank, base_settings)


@pytest.fixture(scope="session")
def matcher(bank: KnowledgeBank) -> Matcher:
    return Matcher(bank)


@pytest.fixture(scope="session")
def reader(bank: KnowledgeBank, matcher: Matcher, retriever: Retriever) -> OfflineReader:
    return OfflineReader(bank, matcher, retriever)


def fresh_sqlite_url(data_root: Path) -> str:
    return f"sqlite:///{data_root / f'db-{uuid.uuid4().hex[:8]}.sqlite3'}"


def _reset_pg(url: str) -> None:
    """Drop everything in the per-process Postgres database (tests start from empty)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def db_url(request, data_root: Path) -> str:
    """An empty database URL, once per backend."""
    if request.param == "sqlite":
        return fresh_sqlite_url(data_root)
    url = request.getfixturevalue("pg_server")
    _reset_pg(url)
    return url


@pytest.fixture
def settings(base_settings: Settings, db_url: str) -> Settings:
    return base_settings.model_copy(update={"database_url": db_url})


def build_test_services(
    settings: Settings,
    bank: KnowledgeBank,
    retriever: Retriever,
    matcher: Matcher,
    chat=None,
    judge_chat=None,
) -> Services:
    """Services over shared (expensive) knowledge objects and a per-test database."""
    store_db.upgrade(settings)
    database = store_db.Database(settings)
    return assemble(settings, database, bank, retriever, matcher, chat, judge_chat)


@pytest.fixture
def services(settings, bank, retriever, matcher) -> Iterator[Services]:
    svc = build_test_services(settings, bank, retriever, matcher)
    yield svc
    svc.db.dispose()


@pytest.fixture
def client(settings, services) -> Iterator[TestClient]:
    app = create_app(settings, services=services)
    with TestClient(app) as c:
        yield c
