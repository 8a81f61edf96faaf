"""idempotency records: replayed headers, purge index

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('idempotency_keys', schema=None) as batch_op:
        batch_op.add_column(sa.Column('headers', sa.JSON(), nullable=False, server_default='{}'))
        batch_op.create_index('ix_idempotency_keys_created', ['created_at'], unique=False)
    # The default only fills existing rows; the model always writes the column.
    with op.batch_alter_table('idempotency_keys', schema=None) as batch_op:
        batch_op.alter_column('headers', server_default=None)


def downgrade() -> None:
    with op.batch_alter_table('idempotency_keys', schema=None) as batch_op:
        batch_op.drop_index('ix_idempotency_keys_created')
        batch_op.drop_column('headers')
