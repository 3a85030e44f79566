"""Which Slack message is the parent of a followed story's update thread in a channel.

The notifier posts one parent message per (workspace, channel, story) and must find it again
after a restart, so its ``ts`` is stored in the ``slack_threads`` table (created by the Alembic
revision ``s001`` in ``storage/migrations/versions``). The adapter never imports ``storage``:
it declares the table it reads here and works through an engine on the same database URL.
"""

from __future__ import annotations

from typing import Protocol

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

_metadata = sa.MetaData()
slack_threads = sa.Table(
    "slack_threads",
    _metadata,
    sa.Column("team_id", sa.String(32), primary_key=True),
    sa.Column("channel_id", sa.String(32), primary_key=True),
    sa.Column("story_id", sa.String(40), primary_key=True),
    sa.Column("parent_ts", sa.String(32), nullable=False),
)


class ThreadStore(Protocol):
    async def parent(self, workspace: str, channel: str, story_id: str) -> str | None: ...
    async def remember(self, workspace: str, channel: str, story_id: str, ts: str) -> None: ...


class SqlThreadStore:
    """The parent messages in the shared database, one short transaction per call."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    @staticmethod
    def _key(workspace: str, channel: str, story_id: str) -> sa.ColumnElement[bool]:
        t = slack_threads.c
        return sa.and_(t.team_id == workspace, t.channel_id == channel, t.story_id == story_id)

    async def parent(self, workspace: str, channel: str, story_id: str) -> str | None:
        query = sa.select(slack_threads.c.parent_ts).where(self._key(workspace, channel, story_id))
        async with self.engine.connect() as conn:
            return (await conn.execute(query)).scalar_one_or_none()

    async def remember(self, workspace: str, channel: str, story_id: str, ts: str) -> None:
        async with self.engine.begin() as conn:
            key = self._key(workspace, channel, story_id)
            await conn.execute(slack_threads.delete().where(key))
            await conn.execute(slack_threads.insert().values(
                team_id=workspace, channel_id=channel, story_id=story_id, parent_ts=ts))
