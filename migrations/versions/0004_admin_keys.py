"""api keys: admin scope

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('api_keys', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('admin', sa.Boolean(), nullable=False, server_default=sa.false())
        )
    # The default only fills existing keys (none of them admin); the model always writes it.
    with op.batch_alter_table('api_keys', schema=None) as batch_op:
        batch_op.alter_column('admin', server_default=None)


def downgrade() -> None:
    with op.batch_alter_table('api_keys', schema=None) as batch_op:
        batch_op.drop_column('admin')
