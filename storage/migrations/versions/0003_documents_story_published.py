"""documents by story and publication time: the index behind ``DocumentRepository.recent``
(a new claim's look-back at the story's latest documents), so it stays a short index scan
however many documents a story has.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_documents_story_published", "documents", ["story_id", "published"])


def downgrade() -> None:
    op.drop_index("ix_documents_story_published", table_name="documents")
