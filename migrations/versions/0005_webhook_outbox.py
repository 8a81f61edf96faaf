"""webhook outbox: Standard Webhooks message ids, schedule, claims; whsec_ secrets

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30

Upgrade: every existing delivery keeps its id as its message id (it was the body's `id`
before) and its creation time as the event time; pending ones become due at once (the
new schedule continues from their attempt count). Existing secrets become
`whsec_` + base64(their UTF-8 bytes): the HMAC key is unchanged, so a receiver keeps
using the secret it has (as the key bytes) under the new signature scheme.

Downgrade: rows being delivered go back to pending (the old sender resumes them), the new
columns go, and each secret becomes the text its key decodes to; a key that is not text
(generated after the upgrade) keeps its `whsec_...` string, which the old scheme then uses
as its key.
"""

import base64
import binascii
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PREFIX = 'whsec_'

deliveries = sa.table(
    'webhook_deliveries',
    sa.column('id', sa.String),
    sa.column('status', sa.String),
    sa.column('message_id', sa.String),
    sa.column('occurred_at', sa.DateTime(timezone=True)),
    sa.column('created_at', sa.DateTime(timezone=True)),
    sa.column('next_attempt_at', sa.DateTime(timezone=True)),
)
webhooks = sa.table('webhooks', sa.column('id', sa.String), sa.column('secret', sa.String))


def upgrade() -> None:
    with op.batch_alter_table('webhook_deliveries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('message_id', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('last_attempt_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('claim_token', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('claim_expires_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('redelivery_of', sa.String(length=64), nullable=True))
    op.execute(
        deliveries.update().values(message_id=deliveries.c.id, occurred_at=deliveries.c.created_at)
    )
    op.execute(
        deliveries.update()
        .where(deliveries.c.status == 'pending')
        .values(next_attempt_at=deliveries.c.created_at)
    )
    with op.batch_alter_table('webhook_deliveries', schema=None) as batch_op:
        batch_op.alter_column('message_id', existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column(
            'occurred_at', existing_type=sa.DateTime(timezone=True), nullable=False
        )
        batch_op.create_index('ix_webhook_deliveries_due', ['status', 'next_attempt_at'], unique=False)

    # A converted 200-character secret is 274 characters long.
    with op.batch_alter_table('webhooks', schema=None) as batch_op:
        batch_op.alter_column(
            'secret', existing_type=sa.String(length=200), type_=sa.String(length=300)
        )
    conn = op.get_bind()
    for hook_id, secret in conn.execute(sa.select(webhooks.c.id, webhooks.c.secret)).all():
        converted = PREFIX + base64.b64encode(secret.encode()).decode('ascii')
        conn.execute(webhooks.update().where(webhooks.c.id == hook_id).values(secret=converted))


def _old_secret(secret: str) -> str:
    try:
        key = base64.b64decode(secret.removeprefix(PREFIX), validate=True)
        text = key.decode('utf-8')
    except (binascii.Error, ValueError):
        return secret
    if not text or len(text) > 200 or any(ord(c) < 32 or ord(c) == 127 for c in text):
        return secret
    return text


def downgrade() -> None:
    conn = op.get_bind()
    for hook_id, secret in conn.execute(sa.select(webhooks.c.id, webhooks.c.secret)).all():
        conn.execute(
            webhooks.update().where(webhooks.c.id == hook_id).values(secret=_old_secret(secret))
        )
    with op.batch_alter_table('webhooks', schema=None) as batch_op:
        batch_op.alter_column(
            'secret', existing_type=sa.String(length=300), type_=sa.String(length=200)
        )
    op.execute(
        deliveries.update().where(deliveries.c.status == 'delivering').values(status='pending')
    )
    with op.batch_alter_table('webhook_deliveries', schema=None) as batch_op:
        batch_op.drop_index('ix_webhook_deliveries_due')
        batch_op.drop_column('redelivery_of')
        batch_op.drop_column('claim_expires_at')
        batch_op.drop_column('claim_token')
        batch_op.drop_column('last_attempt_at')
        batch_op.drop_column('next_attempt_at')
        batch_op.drop_column('occurred_at')
        batch_op.drop_column('message_id')
