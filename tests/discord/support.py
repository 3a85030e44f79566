"""The test harness: the real StorywatchClient, a real SQLite database and the fake Discord.

``Harness.slash`` sends a ``/story`` interaction through the gateway and returns what the bot
answered over REST (the initial callback, the edited original, the public follow-up), so tests
assert what the user and the channel saw.
"""

from __future__ import annotations

import asyncio
import itertools
import re
from dataclasses import dataclass
from typing import Any

from adapters.discord.app import DiscordRunner, StorywatchClient
from adapters.discord.commands import PUBLIC_ACK
from bot.commands.dispatch import Services
from bot.ports import FetchedPage
from bot.usecases.delivery import DeliveryReport, deliver_updates
from tests.discord import payloads as p
from tests.discord.fake_discord import MANAGE_GUILD, FakeDiscord, Guild, Recorded

GUILD_A = Guild("900000000000000001", "Newsroom A", {"910000000000000001": "news",
                                                      "910000000000000002": "desk"},
                {"920000000000000001": "Editors"})
GUILD_B = Guild("900000000000000002", "Newsroom B", {"910000000000000011": "news"})
NEWS_A = "910000000000000001"
NEWS_B = "910000000000000011"
EDITORS_A = "920000000000000001"

DOC_AGREEMENT = ("Russia and Ukraine agreed to exchange 1,000 prisoners of war each, "
                 "Ukrainian Defense Minister Rustem Umerov said.")
DOC_DISPUTE = ('Trump wrote on Truth Social that "the swap was just completed." A senior '
               "Ukrainian official said the exchange was still under way and not complete.")


class ControlledFetcher:
    """The link fetcher port, answering only once the test releases it (released at first)."""

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.release.set()
        self.fail_with: Exception | None = None

    async def fetch(self, url: str) -> FetchedPage:
        await self.release.wait()
        if self.fail_with is not None:
            raise self.fail_with
        return FetchedPage(url, "Swap report", DOC_AGREEMENT, None, "wire")


@dataclass
class Exchange:
    """What the bot answered to one interaction."""

    initial: dict[str, Any]
    final: dict[str, Any] | None
    public: dict[str, Any] | None

    @property
    def text(self) -> str:
        """Everything a person reads in the answer: content, embed titles and descriptions."""
        parts: list[str] = []
        for body in (self.public or self.final or self.initial.get("data") or {},):
            parts.append(body.get("content") or "")
            for embed in body.get("embeds") or []:
                parts += [embed.get("title", ""), embed.get("description", "")]
                parts += [f"{f['name']} {f['value']}" for f in embed.get("fields", [])]
        return "\n".join(parts)


@dataclass
class Harness:
    fake: FakeDiscord
    client: StorywatchClient
    runner: DiscordRunner
    services: Services
    fetcher: ControlledFetcher

    _ids = itertools.count(1)

    def _interaction(self, data: dict[str, Any], kind: int, guild: Guild, channel: str,
                     user: tuple[str, str], permissions: int, roles: list[str]) -> dict[str, Any]:
        n = next(self._ids)
        return p.interaction(
            interaction_id=str(1_400_000_000_000_000_000 + n), token=f"token-{n}",
            guild_id=guild.id, channel_id=channel, user_id=user[0], name=user[1],
            permissions=permissions, roles=roles, data=data, kind=kind)

    async def slash(self, sub: str, *, guild: Guild = GUILD_A, channel: str = NEWS_A,
                    user: tuple[str, str] = ("930000000000000001", "alice"),
                    permissions: int = MANAGE_GUILD, roles: list[str] | None = None,
                    **options: Any) -> Exchange:
        payload = self._interaction(p.story_command(sub, options), 2, guild, channel, user,
                                    permissions, roles or [])
        await self.fake.interact(payload)
        initial = await self.callback(payload)
        token = re.escape(payload["token"])
        final = await self.fake.wait_for(
            lambda: self._last("PATCH", rf"/webhooks/\d+/{token}/messages/@original"))
        public = None
        if final.body.get("content") == PUBLIC_ACK:
            public = (await self.fake.wait_for(
                lambda: self._last("POST", rf"/webhooks/\d+/{token}"))).body
        return Exchange(initial.body, final.body, public)

    async def autocomplete(self, sub: str, focused: str, *, guild: Guild = GUILD_A,
                           channel: str = NEWS_A, **options: Any) -> list[dict[str, Any]]:
        data = p.story_command(sub, options, focused=focused)
        payload = self._interaction(data, 4, guild, channel, ("930000000000000001", "alice"),
                                    MANAGE_GUILD, [])
        await self.fake.interact(payload)
        answer = await self.callback(payload)
        return list(answer.body["data"]["choices"])

    async def callback(self, payload: dict[str, Any]) -> Recorded:
        path = rf"/interactions/{payload['id']}/{re.escape(payload['token'])}/callback"
        return await self.fake.wait_for(lambda: self._last("POST", path))  # type: ignore[no-any-return]

    def _last(self, method: str, pattern: str) -> Recorded | None:
        found = self.fake.sent(method, pattern)
        return found[-1] if found else None

    async def deliver(self) -> DeliveryReport:
        return await deliver_updates(uow_factory=self.services.uow_factory,
                                     notifiers={"discord": self.client.notifier},
                                     clock=self.services.clock)
