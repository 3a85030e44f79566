"""slack threads: the parent message of each followed story's update thread per Slack channel

Owned by the Slack adapter (``adapters/slack/threads.py``): one row per (team, channel, story),
remembering the ``ts`` of the message whose thread carries that story's updates. Chained after
``d001`` (not beside it) so the history keeps a single head for ``upgrade head``.

Revision ID: s001
Revises: d001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "s001"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "slack_threads",
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=False),
        sa.Column("story_id", sa.String(length=40), nullable=False),
        sa.Column("parent_ts", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("team_id", "channel_id", "story_id"),
    )


def downgrade() -> None:
    op.drop_table("slack_threads")
