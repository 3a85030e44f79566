"""``SlackNotifier``: the core's ``Notifier`` port on Slack's Web API.

Each followed story gets one parent message per channel; its updates are replies in that
thread (optionally broadcast to the channel), and the parent is edited to show the latest one.
Digests are top-level posts. 429s, 5xx and dropped connections are retried by slack_sdk's retry
handlers; whatever still fails becomes ``DeliveryFailed``, permanent when retrying cannot help.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Collection
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.render import escape, render_digest, render_thread_parent, render_update
from adapters.slack.threads import ThreadStore
from bot.domain.model import Subscription
from bot.errors import DeliveryFailed
from bot.views import DigestView, UpdateView

logger = logging.getLogger(__name__)

PERMANENT_ERRORS = {
    "channel_not_found": "the channel no longer exists or the bot cannot see it",
    "not_in_channel": "the bot is not a member of this channel; invite it with /invite",
    "is_archived": "the channel is archived",
    "account_inactive": "the bot's account was deactivated",
    "invalid_auth": "the bot's Slack token is not valid",
    "token_revoked": "the bot was removed from this workspace",
}

TokenFor = Callable[[str], Awaitable[str | None]]


def retry_handlers(max_retries: int = 2) -> list[AsyncRetryHandler]:
    """429 (waits for Retry-After), 500/503 and dropped connections are worth another try."""
    return [AsyncRateLimitErrorRetryHandler(max_retry_count=max_retries),
            AsyncServerErrorRetryHandler(max_retry_count=max_retries),
            AsyncConnectionErrorRetryHandler(max_retry_count=max_retries)]


def web_client(base_url: str, token: str | None = None, max_retries: int = 2) -> AsyncWebClient:
    return AsyncWebClient(token=token, base_url=_slash(base_url),
                          retry_handlers=retry_handlers(max_retries))


def _slash(url: str) -> str:
    return url if url.endswith("/") else url + "/"


class SlackNotifier:
    platform = "slack"

    def __init__(self, *, base_url: str, token_for: TokenFor, threads: ThreadStore,
                 broadcast: bool = False, broadcast_channels: Collection[str] = (),
                 max_retries: int = 2) -> None:
        self.base_url = base_url
        self.token_for = token_for
        self.threads = threads
        self.broadcast = broadcast
        self.broadcast_channels = frozenset(broadcast_channels)
        self.max_retries = max_retries
        self._clients: dict[str, AsyncWebClient] = {}
        self._parent_lock = asyncio.Lock()

    async def post_update(self, subscription: Subscription, view: UpdateView) -> str:
        client = await self._client(subscription.workspace)
        channel = subscription.channel
        parent = await self._thread_parent(client, subscription, view.story)
        message = render_update(view)
        reply = await _call(client.chat_postMessage, channel=channel, thread_ts=parent,
                            reply_broadcast=self._broadcasts(channel), unfurl_links=False,
                            **message)
        await self._touch_parent(client, channel, parent, view)
        return f"{channel}/{reply['ts']}"

    async def post_digest(self, subscription: Subscription, view: DigestView) -> str:
        client = await self._client(subscription.workspace)
        posted = await _call(client.chat_postMessage, channel=subscription.channel,
                             unfurl_links=False, **render_digest(view))
        return f"{subscription.channel}/{posted['ts']}"

    async def post_notice(self, subscription: Subscription, text: str) -> str:
        """A plain notice in the channel (a story's feed failing or recovering)."""
        client = await self._client(subscription.workspace)
        posted = await _call(client.chat_postMessage, channel=subscription.channel,
                             unfurl_links=False, text=escape(text))
        return f"{subscription.channel}/{posted['ts']}"

    def _broadcasts(self, channel: str) -> bool:
        return self.broadcast or channel in self.broadcast_channels

    async def _client(self, workspace: str) -> AsyncWebClient:
        token = await self.token_for(workspace)
        if not token:
            raise DeliveryFailed("Storywatch is not installed in this Slack workspace.",
                                 permanent=True)
        if token not in self._clients:
            self._clients[token] = web_client(self.base_url, token, self.max_retries)
        return self._clients[token]

    async def _thread_parent(self, client: AsyncWebClient, sub: Subscription, story: str) -> str:
        # One lock: two updates of a new story must not start two threads in one channel.
        async with self._parent_lock:
            ts = await self.threads.parent(sub.workspace, sub.channel, sub.story_id)
            if ts is None:
                posted = await _call(client.chat_postMessage, channel=sub.channel,
                                     **render_thread_parent(story))
                ts = str(posted["ts"])
                await self.threads.remember(sub.workspace, sub.channel, sub.story_id, ts)
            return ts

    async def _touch_parent(self, client: AsyncWebClient, channel: str, ts: str,
                            view: UpdateView) -> None:
        # The reply is already posted: failing to refresh the parent must not re-post it.
        try:
            await _call(client.chat_update, channel=channel, ts=ts,
                        **render_thread_parent(view.story, view))
        except DeliveryFailed:
            logger.warning("could not refresh the thread parent %s in %s", ts, channel)


async def _call(method: Callable[..., Awaitable[Any]], **kwargs: Any) -> Any:
    """One Web API call; Slack's and the network's errors become ``DeliveryFailed``."""
    try:
        return await method(**kwargs)
    except SlackApiError as err:
        code = str(err.response.get("error", "")) if err.response else ""
        if code in PERMANENT_ERRORS:
            raise DeliveryFailed(f"Slack refused the post: {PERMANENT_ERRORS[code]}.",
                                 permanent=True) from None
        logger.warning("Slack API error %s (status %s)", code or "unknown",
                       err.response.status_code if err.response else "?")
        raise DeliveryFailed("Slack did not accept the post; it will be retried.",
                             permanent=False) from None
    except (SlackClientError, aiohttp.ClientError, TimeoutError) as err:
        logger.warning("Slack could not be reached (%s)", type(err).__name__)
        raise DeliveryFailed("Slack could not be reached; the post will be retried.",
                             permanent=False) from None
