"""Which Slack message is the parent of a followed story's update thread in a channel.

The notifier posts one parent message per (workspace, channel, story) and must find it again
after a restart. This module says what the notifier needs (:class:`ThreadStore`);
``storage.platform_threads.SqlSlackThreads`` keeps it in the database and the runtime hands it
over. :class:`MemoryThreadStore` is for runs without a database.
"""

from __future__ import annotations

from typing import Protocol


class ThreadStore(Protocol):
    async def parent(self, workspace: str, channel: str, story_id: str) -> str | None: ...
    async def remember(self, workspace: str, channel: str, story_id: str, ts: str) -> None: ...


class MemoryThreadStore:
    def __init__(self) -> None:
        self.parents: dict[tuple[str, str, str], str] = {}

    async def parent(self, workspace: str, channel: str, story_id: str) -> str | None:
        return self.parents.get((workspace, channel, story_id))

    async def remember(self, workspace: str, channel: str, story_id: str, ts: str) -> None:
        self.parents[(workspace, channel, story_id)] = ts
