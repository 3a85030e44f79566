"""The Slack adapter's entry point for the runtime: ``build_slack_app`` assembles the Bolt app
and ``SlackRunner`` serves it inside the caller's event loop, in Socket Mode (the default for
self-hosting: no public URL) or over HTTP through Bolt's aiohttp adapter (behind a load
balancer), and hands the runtime a ``SlackNotifier`` for delivering updates and digests.

Two ways to hold tokens: one workspace with ``SLACK_BOT_TOKEN``, or OAuth installations to many
workspaces, kept in the database with slack_sdk's SQLAlchemy installation store.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Protocol

from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_bolt.oauth.async_oauth_flow import AsyncOAuthFlow
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import commands
from adapters.slack.installation import SlackStore
from adapters.slack.middleware import EventDeduplicator
from adapters.slack.notifier import SlackNotifier, TokenFor, web_client
from adapters.slack.threads import MemoryThreadStore, ThreadStore
from bot.commands.dispatch import Services

logger = logging.getLogger(__name__)

# *:history: finding a post whose answer was lost (SlackNotifier.find_post) instead of reposting
BOT_SCOPES = ["commands", "chat:write", "app_mentions:read", "channels:history",
              "groups:history"]
EVENTS_PATH = "/slack/events"
NOT_INSTALLED = ("Storywatch is not installed in this workspace yet. Ask a workspace admin to "
                 "install it, then try again.")


class SlackSettings(Protocol):
    """What the adapter reads from ``runtime.config.SlackSettings`` (adapters may not import
    the runtime, so the shape is stated here and the runtime's dataclass satisfies it)."""

    @property
    def mode(self) -> str: ...
    @property
    def http_port(self) -> int: ...
    @property
    def api_base_url(self) -> str: ...
    @property
    def broadcast_updates(self) -> bool: ...
    @property
    def broadcast_channels(self) -> Sequence[str]: ...
    @property
    def oauth(self) -> bool: ...
    @property
    def client_id(self) -> str: ...
    @property
    def bot_token(self) -> str: ...
    @property
    def signing_secret(self) -> str: ...
    @property
    def app_token(self) -> str: ...
    @property
    def client_secret(self) -> str: ...


def build_slack_app(settings: SlackSettings, services: Services, *, client: AsyncWebClient,
                    store: SlackStore | None = None) -> AsyncApp:
    """The Bolt app with our listeners; ``client`` carries the Web API base URL (and the bot
    token in single-workspace mode). OAuth mode needs ``store`` for installations."""
    verify = settings.mode == "http"  # Socket Mode requests arrive on our own authenticated socket
    # process_before_response: the ack listener answers inline (no polling for the ack) and the
    # work runs in lazy listeners, started once the ack is on its way.
    if settings.oauth:
        if store is None:
            raise ValueError("OAuth mode keeps installations in the database: pass a store")
        oauth = AsyncOAuthSettings(
            client_id=settings.client_id, client_secret=settings.client_secret,
            scopes=BOT_SCOPES, installation_store=store.installations,
            state_store=store.oauth_states)
        app = AsyncApp(signing_secret=settings.signing_secret, client=client,
                       oauth_flow=AsyncOAuthFlow(client=client, settings=oauth),
                       installation_store=store.installations,
                       user_facing_authorize_error_message=NOT_INSTALLED,
                       request_verification_enabled=verify, process_before_response=True)
    else:
        app = AsyncApp(signing_secret=settings.signing_secret, client=client,
                       request_verification_enabled=verify, process_before_response=True)
    app.use(EventDeduplicator())
    commands.register(app, services)
    return app


def token_source(settings: SlackSettings, store: SlackStore) -> TokenFor:
    """How the notifier finds a workspace's bot token: the one token, or its installation."""
    async def from_settings(workspace: str) -> str | None:
        return settings.bot_token

    async def from_installations(workspace: str) -> str | None:
        bot = await store.installations.async_find_bot(enterprise_id=None, team_id=workspace)
        return bot.bot_token if bot is not None else None

    return from_installations if settings.oauth else from_settings


class SlackRunner:
    """Serves the Slack app in a running event loop; ``notifier`` posts updates and digests."""

    def __init__(self, settings: SlackSettings, services: Services, *, database_url: str,
                 threads: ThreadStore | None = None,
                 host: str = "0.0.0.0") -> None:  # noqa: S104 - behind a load balancer, by design
        _check(settings)
        self.settings = settings
        self.host = host
        self.port: int | None = None
        self.store = SlackStore(database_url, settings.client_id)
        token = None if settings.oauth else settings.bot_token
        self.client = web_client(settings.api_base_url, token)
        self.app = build_slack_app(settings, services, client=self.client, store=self.store)
        self.notifier = SlackNotifier(
            base_url=settings.api_base_url, token_for=token_source(settings, self.store),
            threads=threads or MemoryThreadStore(), broadcast=settings.broadcast_updates,
            broadcast_channels=settings.broadcast_channels)
        self._web: web.AppRunner | None = None
        self._socket: AsyncSocketModeHandler | None = None

    async def start(self) -> None:
        await self.store.create_tables()
        if self.settings.mode == "http":
            await self._start_http()
        else:
            self._socket = AsyncSocketModeHandler(self.app, self.settings.app_token,
                                                  web_client=self.client)
            await self._socket.connect_async()  # type: ignore[no-untyped-call]
            logger.info("Slack: connected in Socket Mode")

    async def _start_http(self) -> None:
        self._web = web.AppRunner(self.app.web_app(path=EVENTS_PATH), access_log=None)
        await self._web.setup()
        site = web.TCPSite(self._web, self.host, self.settings.http_port)
        await site.start()
        # With http_port = 0 (tests, benchmarks) the OS picks the port; report the real one.
        self.port = int(self._web.addresses[0][1])
        logger.info("Slack: listening for events on %s:%s%s", self.host, self.port, EVENTS_PATH)

    async def stop(self) -> None:
        if self._socket is not None:
            await self._socket.close_async()  # type: ignore[no-untyped-call]
            self._socket = None
        if self._web is not None:
            await self._web.cleanup()
            self._web = None
        await self.store.dispose()


def _check(settings: SlackSettings) -> None:
    """Fail at start with the missing setting's name, not at the first request."""
    missing = []
    if settings.mode not in ("socket", "http"):
        raise ValueError(f'[slack] mode must be "socket" or "http", not "{settings.mode}"')
    if settings.mode == "http" and not settings.signing_secret:
        missing.append("SLACK_SIGNING_SECRET")
    if settings.mode == "socket" and not settings.app_token:
        missing.append("SLACK_APP_TOKEN")
    if settings.oauth and not (settings.client_id and settings.client_secret):
        missing.append("[slack] client_id and SLACK_CLIENT_SECRET")
    if not settings.oauth and not settings.bot_token:
        missing.append("SLACK_BOT_TOKEN")
    if missing:
        raise ValueError("Slack is enabled but these are not set: " + ", ".join(missing))
