"""Which Discord thread carries a followed story's updates in a channel.

The notifier creates one thread per (channel, story) and must find it again after a restart,
so the mapping is stored. This module says what the notifier needs (:class:`ThreadDirectory`);
``storage.platform_threads.SqlDiscordThreads`` keeps it in the database and the runtime hands it
over. :class:`MemoryThreadDirectory` is for runs without a database.
"""

from __future__ import annotations

from typing import Protocol


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
