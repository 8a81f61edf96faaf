"""Migrations: upgrade -> downgrade -> upgrade on an empty database, and no drift between
the models and the migrations (an autogenerate diff would be empty)."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from app.store import db as store_db
from app.store.models import Base

# Migrations: both databases.
pytestmark = pytest.mark.postgres


def _tables(engine) -> set[str]:
    return set(inspect(engine).get_table_names()) - {"alembic_version"}


def test_upgrade_downgrade_upgrade_round_trip(empty_settings):
    settings = empty_settings
    store_db.upgrade(settings)
    database = store_db.Database(settings)
    try:
        assert _tables(database.engine) == set(Base.metadata.tables)
        assert store_db.current_revision(database.engine) is not None
        store_db.downgrade(settings, "base")
        assert _tables(database.engine) == set()
        store_db.upgrade(settings)
        assert _tables(database.engine) == set(Base.metadata.tables)
    finally:
        database.dispose()


def test_models_match_migrations(empty_settings):
    settings = empty_settings
    store_db.upgrade(settings)
    database = store_db.Database(settings)
    try:
        with database.engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(ctx, Base.metadata)
        assert diff == [], f"models and migrations differ: {diff}"
    finally:
        database.dispose()


def test_local_tenant_exists_after_upgrade(services):
    from app.store.models import LOCAL_TENANT_ID, Tenant

    with services.db.read() as s:
        assert s.get(Tenant, LOCAL_TENANT_ID) is not None
