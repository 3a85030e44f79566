"""sources and outbox: delivery retries, the digest/notice outbox, document sources

Adds ``delivery_attempts`` (retry schedule and in-flight claim per update × subscription),
``outbox`` (digests and notices, one row per exactly-once key), ``document_sources`` (every
outlet that carried a document, for deduplication) and ``subscriptions.digest_always``.

Chained after the platform adapters' thread tables (``s001`` then ``d001``), so the
history keeps a single head for ``upgrade head``.

Revision ID: 0002
Revises: d001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "d001"
branch_labels = None
depends_on = None

Stamp = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("subscriptions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("digest_always", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    op.create_table(
        "delivery_attempts",
        sa.Column("update_id", sa.String(length=40), nullable=False),
        sa.Column("subscription_id", sa.String(length=40), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", Stamp, nullable=False),
        sa.Column("in_flight", sa.Boolean(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["update_id"], ["updates.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("update_id", "subscription_id"),
    )
    _create_outbox()
    op.create_table(
        "document_sources",
        sa.Column("document_id", sa.String(length=40), nullable=False),
        sa.Column("canonical_url", sa.String(length=2000), nullable=False),
        sa.Column("story_id", sa.String(length=40), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("published", Stamp, nullable=False),
        sa.Column("signature", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["story_id"], ["stories.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("document_id", "canonical_url"),
    )
    op.create_index("ix_document_sources_story_url", "document_sources",
                    ["story_id", "canonical_url"])


def _create_outbox() -> None:
    op.create_table(
        "outbox",
        sa.Column("id", sa.String(length=120), nullable=False),
        sa.Column("subscription_id", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("created_at", Stamp, nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("window_start", Stamp, nullable=True),
        sa.Column("window_end", Stamp, nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", Stamp, nullable=True),
        sa.Column("in_flight", sa.Boolean(), nullable=False),
        sa.Column("delivered_at", Stamp, nullable=True),
        sa.Column("message_ref", sa.String(length=200), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["subscription_id"], ["subscriptions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_outbox_subscription_id", "outbox", ["subscription_id"])
    op.create_index("ix_outbox_due", "outbox", ["delivered_at", "next_attempt_at"])


def downgrade() -> None:
    op.drop_index("ix_document_sources_story_url", table_name="document_sources")
    op.drop_table("document_sources")
    op.drop_index("ix_outbox_due", table_name="outbox")
    op.drop_index("ix_outbox_subscription_id", table_name="outbox")
    op.drop_table("outbox")
    op.drop_table("delivery_attempts")
    with op.batch_alter_table("subscriptions", schema=None) as batch_op:
        batch_op.drop_column("digest_always")
