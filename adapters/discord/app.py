"""The Discord client and its runner: what the runtime starts to put Storywatch on Discord.

``StorywatchClient`` takes everything it needs through its constructor and does its async
setup in ``setup_hook`` (the ``advanced_startup`` pattern): it registers the ``/story`` group,
points discord.py at the configured REST base and gateway (so tests and benchmarks can run it
against a Discord-compatible server on loopback), and syncs the command definitions.
``DiscordRunner`` runs the client inside the caller's event loop until ``stop()``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Protocol

import aiohttp
import discord
import discord.http
import yarl
from discord import app_commands
from discord.gateway import DiscordWebSocket

from adapters.discord.commands import StoryCommands, on_tree_error
from adapters.discord.notifier import DiscordNotifier
from adapters.discord.threads import MemoryThreadDirectory, ThreadDirectory
from bot.commands.dispatch import Services

logger = logging.getLogger(__name__)

# Slash commands arrive whatever the intents; ``guilds`` (not privileged) keeps the server's
# channels and roles cached, so a manager role can be configured by name.
INTENTS = discord.Intents.none()
INTENTS.guilds = True


class DiscordConfig(Protocol):
    """What the client reads from ``runtime.config.DiscordSettings`` (adapters may not import
    runtime, so the settings object is described here and passed in)."""

    @property
    def api_base_url(self) -> str: ...
    @property
    def gateway_url(self) -> str: ...
    @property
    def manager_role(self) -> str: ...


def point_rest_at(api_base_url: str) -> None:
    """discord.py builds every REST URL (bot and interaction webhooks) from ``Route.BASE``."""
    discord.http.Route.BASE = api_base_url.rstrip("/")


def point_gateway_at(url: str) -> None:
    """A non-sharded discord.py client connects to ``DEFAULT_GATEWAY``; we set it from config
    or from ``GET /gateway/bot`` (which is what Discord asks bots to do anyway)."""
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(url)


class StorywatchClient(discord.Client):
    def __init__(self, *, settings: DiscordConfig, services: Services,
                 threads: ThreadDirectory | None = None, guild_ready_timeout: float = 2.0,
                 connector: aiohttp.BaseConnector | None = None) -> None:
        # guild_ready_timeout: how long discord.py waits for more servers before "ready";
        # connector: e.g. one without keep-alive when a proxy closes idle connections early
        super().__init__(intents=INTENTS, allowed_mentions=discord.AllowedMentions.none(),
                         guild_ready_timeout=guild_ready_timeout, connector=connector)
        point_rest_at(settings.api_base_url)
        self.settings = settings
        self.services = services
        self.tree = app_commands.CommandTree(self)
        self.tree.error(on_tree_error)
        self.notifier = DiscordNotifier(self, threads or MemoryThreadDirectory())
        self.ready = asyncio.Event()

    async def setup_hook(self) -> None:
        self.tree.add_command(StoryCommands(self.services, self.settings.manager_role))
        gateway = self.settings.gateway_url or (await self.http.get_bot_gateway())[1]
        point_gateway_at(gateway)
        synced = await self.tree.sync()
        logger.info("registered %d Discord command(s)", len(synced))

    async def on_ready(self) -> None:
        logger.info("connected to Discord as %s", self.user)
        self.ready.set()


class DiscordRunner:
    """Starts the client as a task of the running loop; ``start`` returns once it is ready."""

    def __init__(self, client: StorywatchClient, token: str, ready_timeout: float = 60.0) -> None:
        self.client = client
        self._token = token
        self._ready_timeout = ready_timeout
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        if not self._token:
            raise RuntimeError("DISCORD_BOT_TOKEN is not set")
        self._task = asyncio.create_task(self.client.start(self._token), name="discord-client")
        ready = asyncio.create_task(self.client.ready.wait())
        done, _ = await asyncio.wait({self._task, ready}, timeout=self._ready_timeout,
                                     return_when=asyncio.FIRST_COMPLETED)
        if ready not in done:
            ready.cancel()
            if self._task in done:
                self._task.result()  # the client stopped: let its error speak
            await self.stop()
            raise TimeoutError("the Discord client did not become ready in time")

    async def stop(self) -> None:
        await self.client.close()
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
