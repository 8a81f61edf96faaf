"""Shared fixtures. Tests over a database run on SQLite; those marked `postgres` (the store,
concurrency, migrations, scale-out) run on PostgreSQL too.

PostgreSQL: `MLSD_TEST_PG_URL` (default postgresql://root@127.0.0.1:5432/test, trust auth).
Each test process gets a database of its own, migrated once and dropped at the end; each
test gets it back holding only the seed rows (SQLite: a copy of a file migrated once). When
no server is reachable the Postgres cases skip, except under CI (`CI` set), where that is a failure.
"""

from __future__ import annotations

import functools
import gc
import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

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


# --- garbage collection: long-lived objects out of the collector's way ---------------------
# The process holds a large heap that lives as long as it does (modules, the bank, the
# matcher's vectors, the reader): every full collection walked it again, about 0.1-0.2 s a
# time, some 9% of the CPU of in-process tests (measured with gc.callbacks). After
# collection, and after each session-scoped fixture is built, what is alive is moved to the
# permanent generation (gc.freeze), after a collection so that no garbage is frozen with it,
# and a full collection waits for 100 younger ones instead of 10 (a test process is short
# and its cyclic garbage small next to what it keeps).


def _freeze_long_lived() -> None:
    gc.collect()
    gc.freeze()
    gc.set_threshold(700, 10, 100)


class _FreezeLongLived:
    """A plugin (not conftest hooks, which a session-scoped fixture's setup does not see:
    it runs on the session node, above this directory)."""

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        _freeze_long_lived()

    @pytest.hookimpl(wrapper=True)
    def pytest_fixture_setup(self, fixturedef: pytest.FixtureDef, request):
        result = yield
        if fixturedef.scope == "session":
            _freeze_long_lived()
        return result


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(_FreezeLongLived(), "mlsd-freeze-long-lived")


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
    return shared_reader(bank, retriever, matcher)


# --- databases: migrate once per test process, then copy (SQLite) or empty (PostgreSQL) ----
# An Alembic upgrade costs 0.2-0.7 s; it used to run for every test on both backends.
# tests/test_migrations.py still runs real upgrades and downgrades on empty databases.


@functools.cache
def _head() -> str:
    from alembic.script import ScriptDirectory

    config = store_db.alembic_config(Settings(_env_file=None))
    return ScriptDirectory.from_config(config).get_current_head()


@functools.cache
def _sqlite_template(data_root: Path) -> Path:
    """One SQLite file migrated to head per test process; tests get copies of it."""
    path = data_root / "template.sqlite3"
    store_db.upgrade(Settings(data_dir=data_root, database_url=f"sqlite:///{path}", _env_file=None))
    # Alembic never turns WAL on, so the whole database is in this one file.
    assert not path.with_name(path.name + "-wal").exists()
    return path


def fresh_sqlite_url(data_root: Path) -> str:
    """A new SQLite database at head with only the seed rows (a copy of the migrated file)."""
    path = data_root / f"db-{uuid.uuid4().hex[:8]}.sqlite3"
    shutil.copyfile(_sqlite_template(data_root), path)
    return f"sqlite:///{path}"


def empty_sqlite_url(data_root: Path) -> str:
    """A path where no database exists yet."""
    return f"sqlite:///{data_root / f'db-{uuid.uuid4().hex[:8]}.sqlite3'}"


def _pg_engine(url: str):
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    url = url.replace("postgresql://", "postgresql+psycopg://", 1)
    return create_engine(url, poolclass=NullPool)


def _reset_pg(url: str) -> None:
    """Drop everything in the per-process Postgres database (tests start from empty)."""
    from sqlalchemy import text

    engine = _pg_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    _PG_SEED.pop(url, None)


# url -> (table names, sequence names, [(table, seed rows)]) of a database known at head
_PG_SEED: dict[str, tuple[list[str], list[str], list[tuple[Any, list[dict]]]]] = {}


def _migrate_pg(url: str) -> None:
    """Empty schema -> head, and remember the rows the migrations seed."""
    from sqlalchemy import MetaData, select, text

    _reset_pg(url)
    store_db.upgrade(Settings(database_url=url, _env_file=None))
    engine = _pg_engine(url)
    meta = MetaData()
    meta.reflect(engine)
    # Children before parents, so that deleting never trips a foreign key.
    tables = [t.name for t in reversed(meta.sorted_tables) if t.name != "alembic_version"]
    with engine.connect() as conn:
        sequences = list(
            conn.execute(
                text("SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'")
            ).scalars()
        )
        seed = [
            (meta.tables[t], [dict(r._mapping) for r in conn.execute(select(meta.tables[t]))])
            for t in reversed(tables)  # parents first
        ]
    engine.dispose()
    _PG_SEED[url] = (tables, sequences, [(table, rows) for table, rows in seed if rows])


def _empty_pg_at_head(url: str) -> None:
    """Bring the per-process database back to 'just migrated': delete every row, restart
    the sequences and restore the seed rows, in one transaction on one connection. Row
    DELETEs on a few rows take milliseconds where TRUNCATE took 0.3 s and CREATE DATABASE
    ... TEMPLATE plus DROP 1.7 s (measured). A database a test left elsewhere than head, or
    with other tables, is migrated again."""
    from sqlalchemy import text

    known = _PG_SEED.get(url)
    engine = _pg_engine(url)
    try:
        if known is not None:
            tables, sequences, seed = known
            with engine.begin() as conn:
                present = set(
                    conn.execute(
                        text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
                    ).scalars()
                )
                at_head = present == {*tables, "alembic_version"} and conn.execute(
                    text("SELECT version_num FROM alembic_version")
                ).scalars().all() == [_head()]
                if at_head:
                    for name in tables:
                        conn.execute(text(f'DELETE FROM "{name}"'))
                    for name in sequences:
                        conn.execute(text(f'ALTER SEQUENCE "{name}" RESTART'))
                    for table, rows in seed:
                        conn.execute(table.insert(), rows)
                    return
    finally:
        engine.dispose()
    _migrate_pg(url)


def _backend_url(request, data_root: Path, sqlite, postgres) -> str:
    """The URL of a new SQLite database (`sqlite(data_root)`) or of the per-process Postgres
    database after `postgres(url)`, by the fixture's backend parameter."""
    if request.param == "sqlite":
        return sqlite(data_root)
    url = request.getfixturevalue("pg_server")
    postgres(url)
    return url


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test over a database runs on SQLite, and on PostgreSQL too when it is marked
    `postgres`: the tests of the store, concurrency, migrations and scale-out (issue 15, item
    4). Pages, HTTP limits, the model voice and the like behave alike on both; running each
    of them twice cost about a sixth of the suite."""
    backends = BACKENDS if metafunc.definition.get_closest_marker("postgres") else ["sqlite"]
    for name in ("db_url", "empty_db_url"):
        if name in metafunc.fixturenames:
            metafunc.parametrize(name, backends, indirect=True)


@pytest.fixture
def db_url(request, data_root: Path) -> str:
    """A database at head holding only the migrations' seed rows, once per backend."""
    return _backend_url(request, data_root, fresh_sqlite_url, _empty_pg_at_head)


@pytest.fixture
def empty_db_url(request, data_root: Path) -> str:
    """An empty database (no tables at all), once per backend: for migration tests."""
    return _backend_url(request, data_root, empty_sqlite_url, _reset_pg)


@pytest.fixture
def settings(base_settings: Settings, db_url: str) -> Settings:
    return base_settings.model_copy(update={"database_url": db_url})


@pytest.fixture
def empty_settings(base_settings: Settings, empty_db_url: str) -> Settings:
    return base_settings.model_copy(update={"database_url": empty_db_url})


def _at_head(settings: Settings) -> bool:
    """Whether the database is already migrated (cheap: one query, no Alembic run)."""
    from sqlalchemy import text

    url = settings.db_url
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        return False  # connecting would create the file, with the wrong mode
    engine = store_db.make_engine(settings)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == _head()
    except Exception:  # no alembic_version table: not migrated
        return False
    finally:
        engine.dispose()


# (bank, retriever, matcher) ids -> those objects and the reader built over them; the
# objects are kept so that their ids stay theirs.
_READERS: dict[tuple[int, int, int], tuple[Any, OfflineReader]] = {}


def shared_reader(bank: KnowledgeBank, retriever: Retriever, matcher: Matcher) -> OfflineReader:
    """One offline reader per set of knowledge objects (building one costs ~0.1 s)."""
    key = (id(bank), id(retriever), id(matcher))
    if key not in _READERS:
        _READERS[key] = ((bank, retriever, matcher), OfflineReader(bank, matcher, retriever))
    return _READERS[key][1]


def build_test_services(
    settings: Settings,
    bank: KnowledgeBank,
    retriever: Retriever,
    matcher: Matcher,
    chat=None,
    judge_chat=None,
) -> Services:
    """Services over shared (expensive) knowledge objects and a per-test database
    (migrated here unless the fixture already handed it over at head)."""
    if not _at_head(settings):
        store_db.upgrade(settings)
    database = store_db.Database(settings)
    reader = shared_reader(bank, retriever, matcher)
    return assemble(settings, database, bank, retriever, matcher, chat, judge_chat, reader)


@contextmanager
def running_app(
    settings: Settings, bank, retriever, matcher, **chats
) -> Iterator[tuple[TestClient, Services]]:
    """The app started over services of its own (`chat`, `judge_chat` as for
    build_test_services); yields (client, services), stops the app and closes the database
    after."""
    svc = build_test_services(settings, bank, retriever, matcher, **chats)
    try:
        with TestClient(create_app(settings, services=svc)) as c:
            yield c, svc
    finally:
        svc.db.dispose()


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


@pytest.fixture
def app_with(settings, bank, retriever, matcher) -> Iterator[Any]:
    """Start another app over this test's database with some settings changed:
    `c, svc = app_with(auth_mode="keys")`. Each is stopped when the test ends."""
    with ExitStack() as stack:

        def start(**update: Any) -> tuple[TestClient, Services]:
            changed = settings.model_copy(update=update)
            return stack.enter_context(running_app(changed, bank, retriever, matcher))

        yield start


@pytest.fixture(scope="module")
def sqlite_client(base_settings, data_root, bank, retriever, matcher) -> Iterator[TestClient]:
    """The offline app over a fresh SQLite database, shared by the tests of one module (for
    suites that start sessions of their own and are about neither database)."""
    settings = base_settings.model_copy(update={"database_url": fresh_sqlite_url(data_root)})
    with running_app(settings, bank, retriever, matcher) as (c, _):
        yield c


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium, one per browser test module (tests/support/browser.py). Not one per
    session: while Playwright's sync API is open, the main thread has a running event loop,
    and every later test that calls asyncio.run() would fail."""
    from tests.support.browser import chromium

    with chromium() as launched:
        yield launched
