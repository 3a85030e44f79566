"""Which Discord thread carries a followed story's updates in a channel.

The notifier creates one thread per (channel, story) and must find it again after a restart,
so the mapping is stored: :class:`SqlThreadDirectory` keeps it in the ``discord_threads`` table
(created by the Alembic revision ``d001`` in ``storage/migrations/versions``) through the
session factory the runtime's database exposes; :class:`MemoryThreadDirectory` is for runs
without a database. The adapter never imports ``storage``: it receives a session factory.
"""

from __future__ import annotations

from typing import Protocol

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

_metadata = sa.MetaData()
discord_threads = sa.Table(
    "discord_threads",
    _metadata,
    sa.Column("channel_id", sa.String(32), primary_key=True),
    sa.Column("story_id", sa.String(40), primary_key=True),
    sa.Column("thread_id", sa.String(32), nullable=False),
)


class ThreadDirectory(Protocol):
    async def get(self, channel_id: str, story_id: str) -> str | None: ...
    async def put(self, channel_id: str, story_id: str, thread_id: str) -> None: ...
    async def forget(self, channel_id: str, story_id: str) -> None: ...


class MemoryThreadDirectory:
    def __init__(self) -> None:
        self.threads: dict[tuple[str, str], str] = {}

    async def get(self, channel_id: str, story_id: str) -> str | None:
        return self.threads.get((channel_id, story_id))

    async def put(self, channel_id: str, story_id: str, thread_id: str) -> None:
        self.threads[(channel_id, story_id)] = thread_id

    async def forget(self, channel_id: str, story_id: str) -> None:
        self.threads.pop((channel_id, story_id), None)


class SqlThreadDirectory:
    """The mapping in the shared database, one short session per call."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    def _key(self, channel_id: str, story_id: str) -> sa.ColumnElement[bool]:
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
