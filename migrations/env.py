"""Alembic environment: URL comes from the app's settings (see app/store/db.py)."""

from alembic import context
from sqlalchemy import create_engine, pool

from app.store.models import Base

config = context.config
target_metadata = Base.metadata


def _configure(**kw) -> None:
    url = config.get_main_option("sqlalchemy.url")
    context.configure(
        target_metadata=target_metadata,
        render_as_batch=url.startswith("sqlite"),  # SQLite cannot ALTER most things in place
        compare_type=True,
        **kw,
    )


def run_offline() -> None:
    _configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connectable = config.attributes.get("connection")
    if connectable is not None:
        _configure(connection=connectable)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(
        config.get_main_option("sqlalchemy.url"), poolclass=pool.NullPool, hide_parameters=True
    )
    with engine.connect() as connection:
        _configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
