"""Where each platform's story threads are remembered: the Slack parent message and the
Discord thread that carry a followed story's updates in a channel, found again after a restart.

The tables come from the Alembic revisions ``s001`` (``slack_threads``) and ``d001``
(``discord_threads``). The classes fit the adapters' own protocols
(``adapters.slack.threads.ThreadStore``, ``adapters.discord.threads.ThreadDirectory``) without
either side importing the other; the runtime hands them over. One short transaction per call.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

_metadata = sa.MetaData()
slack_threads = sa.Table(
    "slack_threads",
    _metadata,
    sa.Column("team_id", sa.String(32), primary_key=True),
    sa.Column("channel_id", sa.String(32), primary_key=True),
    sa.Column("story_id", sa.String(40), primary_key=True),
    sa.Column("parent_ts", sa.String(32), nullable=False),
)
discord_threads = sa.Table(
    "discord_threads",
    _metadata,
    sa.Column("channel_id", sa.String(32), primary_key=True),
    sa.Column("story_id", sa.String(40), primary_key=True),
    sa.Column("thread_id", sa.String(32), nullable=False),
)

Sessions = async_sessionmaker[AsyncSession]


class SqlSlackThreads:
    """Slack: the ``ts`` of each story's parent message per (workspace, channel, story)."""

    def __init__(self, sessions: Sessions) -> None:
        self._sessions = sessions

    @staticmethod
    def _key(workspace: str, channel: str, story_id: str) -> sa.ColumnElement[bool]:
        t = slack_threads.c
        return sa.and_(t.team_id == workspace, t.channel_id == channel, t.story_id == story_id)

    async def parent(self, workspace: str, channel: str, story_id: str) -> str | None:
        query = sa.select(slack_threads.c.parent_ts).where(self._key(workspace, channel, story_id))
        async with self._sessions() as session:
            value = (await session.execute(query)).scalar_one_or_none()
        return str(value) if value is not None else None

    async def remember(self, workspace: str, channel: str, story_id: str, ts: str) -> None:
        async with self._sessions() as session:
            await session.execute(
                slack_threads.delete().where(self._key(workspace, channel, story_id)))
            await session.execute(slack_threads.insert().values(
                team_id=workspace, channel_id=channel, story_id=story_id, parent_ts=ts))
            await session.commit()


class SqlDiscordThreads:
    """Discord: the thread id of each story per (channel, story)."""

    def __init__(self, sessions: Sessions) -> None:
        self._sessions = sessions

    @staticmethod
    def _key(channel_id: str, story_id: str) -> sa.ColumnElement[bool]:
        return sa.and_(discord_threads.c.channel_id == channel_id,
                       discord_threads.c.story_id == story_id)

    async def get(self, channel_id: str, story_id: str) -> str | None:
        async with self._sessions() as session:
            query = sa.select(discord_threads.c.thread_id).where(self._key(channel_id, story_id))
            value = (await session.execute(query)).scalar_one_or_none()
        return str(value) if value is not None else None

    async def put(self, channel_id: str, story_id: str, thread_id: str) -> None:
        async with self._sessions() as session:
            await session.execute(sa.delete(discord_threads).where(self._key(channel_id, story_id)))
            await session.execute(sa.insert(discord_threads).values(
                channel_id=channel_id, story_id=story_id, thread_id=thread_id))
            try:
                await session.commit()
            except IntegrityError:  # another process stored one first; theirs is as good
                await session.rollback()

    async def forget(self, channel_id: str, story_id: str) -> None:
        async with self._sessions() as session:
            await session.execute(sa.delete(discord_threads).where(self._key(channel_id, story_id)))
            await session.commit()
