"""Engine, sessions and migrations: one place that knows SQLite from PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

from alembic import command
from alembic.config import Config
from sqlalchemy import CursorResult, Engine, Executable, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

from app import resources
from app.config import Settings
from app.security import private_dir, private_file


def make_engine(settings: Settings) -> Engine:
    """Create the engine; SQLite gets WAL, a busy timeout and enforced foreign keys."""
    url = settings.db_url
    if url.startswith("sqlite"):
        path = url.removeprefix("sqlite:///")
        if path and path != ":memory:":
            _private_sqlite(Path(path))
        # hide_parameters: a logged SQL error never prints candidate text or secrets.
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 30},
            hide_parameters=True,
        )

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record):
            # Let SQLAlchemy, not pysqlite, decide when a transaction begins, so that
            # `BEGIN IMMEDIATE` below really takes the write lock.
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn):
            # Writers queue on the database lock up front instead of failing on upgrade;
            # readers take a plain (deferred) transaction and run beside them under WAL.
            immediate = conn.get_execution_options().get("sqlite_immediate")
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

        return engine
    return create_engine(
        url,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        pool_timeout=settings.db_pool_timeout_s,
        pool_pre_ping=True,  # a healed partition heals the pool: dead connections are replaced
        hide_parameters=True,
        connect_args={
            "connect_timeout": settings.db_connect_timeout_s,
            "options": f"-c statement_timeout={settings.db_statement_timeout_ms}",
            # unacknowledged data for this long fails the socket (a black-holed server)
            "tcp_user_timeout": settings.db_connect_timeout_s * 1000,
            "keepalives": 1,
            "keepalives_idle": 5,
            "keepalives_interval": 2,
            "keepalives_count": 2,
        },
    )


class Database:
    """The engine plus two unit-of-work factories: `write()` and `read()`."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.engine = make_engine(settings)
        self._writer = sessionmaker(
            self.engine.execution_options(sqlite_immediate=True), expire_on_commit=False
        )
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        # SQLite has one writer at a time. Queue this process's writers on a Python lock:
        # it wakes the next one at once, where SQLite's busy handler sleeps up to 100 ms.
        self._write_lock = threading.Lock() if self.engine.dialect.name == "sqlite" else None

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A read-write unit of work: commits on success, rolls back on any exception."""
        if self._write_lock is None:
            with self._writer() as db, db.begin():
                yield db
            return
        with self._write_lock, self._writer() as db, db.begin():
            yield db

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._reader() as db, db.begin():
            yield db

    def dispose(self) -> None:
        self.engine.dispose()


def alembic_config(settings: Settings) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.migrations_dir()))
    cfg.set_main_option("sqlalchemy.url", settings.db_url.replace("%", "%%"))
    return cfg


def _private_sqlite(path: Path) -> None:
    """The SQLite file 0600 (created so), its directory 0700 when we create it."""
    if not path.parent.exists():
        private_dir(path.parent)
    private_file(path)


def upgrade(settings: Settings, revision: str = "head") -> None:
    """Bring the schema to `revision` (creates the SQLite file if needed)."""
    if settings.db_url.startswith("sqlite:///"):
        path = settings.db_url.removeprefix("sqlite:///")
        if path and path != ":memory:":
            _private_sqlite(Path(path))
    command.upgrade(alembic_config(settings), revision)


def downgrade(settings: Settings, revision: str) -> None:
    command.downgrade(alembic_config(settings), revision)


def current_revision(engine: Engine) -> str | None:
    """The revision stamped in the database, or None for an empty one."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def ping(engine: Engine) -> None:
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))


def affected(db: Session, statement: Executable) -> int:
    """Run an UPDATE or DELETE and return how many rows it matched. `Session.execute` is
    typed as returning `Result`; for DML it is a `CursorResult`, which has `rowcount`."""
    return cast("CursorResult[Any]", db.execute(statement)).rowcount
