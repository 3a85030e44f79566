"""discord threads: the thread each Discord channel uses for each followed story

Owned by the Discord adapter (``adapters/discord/threads.py``): one row per (channel, story),
remembering the thread the bot created for that story's updates so it is created only once.

Revision ID: d001
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "d001"
down_revision = "s001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "discord_threads",
        sa.Column("channel_id", sa.String(length=32), nullable=False),
        sa.Column("story_id", sa.String(length=40), nullable=False),
        sa.Column("thread_id", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("channel_id", "story_id"),
    )


def downgrade() -> None:
    op.drop_table("discord_threads")
