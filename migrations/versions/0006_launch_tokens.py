"""launch tokens: single-use links into the web UI

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('launch_tokens',
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.Column('session_id', sa.String(length=64), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('consumed_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_launch_tokens_session_id_sessions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_launch_tokens_tenant_id_tenants')),
    sa.PrimaryKeyConstraint('token_hash', name=op.f('pk_launch_tokens'))
    )
    with op.batch_alter_table('launch_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_launch_tokens_expires_at'), ['expires_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_launch_tokens_session_id'), ['session_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_launch_tokens_tenant_id'), ['tenant_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('launch_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_launch_tokens_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_launch_tokens_session_id'))
        batch_op.drop_index(batch_op.f('ix_launch_tokens_expires_at'))

    op.drop_table('launch_tokens')
