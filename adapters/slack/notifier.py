"""``SlackNotifier``: the core's ``Notifier`` port on Slack's Web API.

Each followed story gets one parent message per channel; its updates are replies in that
thread (optionally broadcast to the channel), and the parent is edited to show the latest one.
Digests are top-level posts. 429s, 5xx and dropped connections are retried by slack_sdk's retry
handlers (a post only after a 429 or a failed connect: any other failure may hide a post Slack
took); whatever still fails becomes ``DeliveryFailed``, permanent when retrying cannot help.

Slack has no idempotency key for messages, so each update and digest carries its outbox key in
the message's metadata (``event_type`` ``storywatch_post``), and each thread parent its story;
before posting again what an earlier attempt may have posted, delivery asks ``find_post``, which
looks for that key among the story thread's replies or the channel's latest messages
(``conversations.replies`` / ``conversations.history`` with ``include_all_metadata``; scopes
``channels:history`` and ``groups:history``). A thread parent is looked for the same way
before it is first posted.
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
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
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


def _posts(request: HttpRequest) -> bool:
    return request.url.rstrip("/").endswith("/chat.postMessage")


class _ServerErrorRetry(AsyncServerErrorRetryHandler):
    """500/503, except for a post: Slack may have taken it, so the outbox retries it, after
    ``find_post`` has looked for it."""

    async def _can_retry_async(self, *, state: RetryState, request: HttpRequest,
                               response: HttpResponse | None = None,
                               error: Exception | None = None) -> bool:
        return not _posts(request) and await super()._can_retry_async(
            state=state, request=request, response=response, error=error)


class _ConnectionErrorRetry(AsyncConnectionErrorRetryHandler):
    """Connection errors; for a post only a failed connect, which Slack never saw."""

    async def _can_retry_async(self, *, state: RetryState, request: HttpRequest,
                               response: HttpResponse | None = None,
                               error: Exception | None = None) -> bool:
        if _posts(request) and not isinstance(error, aiohttp.ClientConnectorError):
            return False
        return await super()._can_retry_async(state=state, request=request,
                                              response=response, error=error)


def retry_handlers(max_retries: int = 2) -> list[AsyncRetryHandler]:
    """429 (waits for Retry-After), 500/503 and dropped connections are worth another try in
    the client, except where a post may already be in (see ``_ServerErrorRetry``)."""
    return [AsyncRateLimitErrorRetryHandler(max_retry_count=max_retries),
            _ServerErrorRetry(max_retry_count=max_retries),
            _ConnectionErrorRetry(max_retry_count=max_retries)]


def web_client(base_url: str, token: str | None = None, max_retries: int = 2) -> AsyncWebClient:
    return AsyncWebClient(token=token, base_url=_slash(base_url),
                          retry_handlers=retry_handlers(max_retries))


def _slash(url: str) -> str:
    return url if url.endswith("/") else url + "/"


METADATA_EVENT = "storywatch_post"
HISTORY_LIMIT = 100  # a retry comes minutes after the post it looks for
REPLY_PAGES = 10  # of 200 replies: the thread of a long-running story


def _metadata(key: str | None) -> dict[str, Any]:
    if not key:
        return {}
    return {"metadata": {"event_type": METADATA_EVENT, "event_payload": {"key": key}}}


def _has_key(message: dict[str, Any], key: str) -> bool:
    meta = message.get("metadata") or {}
    payload = meta.get("event_payload") or {}
    return bool(meta.get("event_type") == METADATA_EVENT and payload.get("key") == key)


class SlackNotifier:
    platform = "slack"
    idempotency_keys = True  # by metadata and find_post; see bot.ports.PostFinder

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

    async def post_update(self, subscription: Subscription, view: UpdateView, *,
                          idempotency_key: str | None = None) -> str:
        client = await self._client(subscription.workspace)
        channel = subscription.channel
        parent = await self._thread_parent(client, subscription, view.story)
        message = render_update(view)
        reply = await _call(client.chat_postMessage, channel=channel, thread_ts=parent,
                            reply_broadcast=self._broadcasts(channel), unfurl_links=False,
                            **message, **_metadata(idempotency_key))
        await self._touch_parent(client, channel, parent, view)
        return f"{channel}/{reply['ts']}"

    async def post_digest(self, subscription: Subscription, view: DigestView, *,
                          idempotency_key: str | None = None) -> str:
        client = await self._client(subscription.workspace)
        posted = await _call(client.chat_postMessage, channel=subscription.channel,
                             unfurl_links=False, **render_digest(view),
                             **_metadata(idempotency_key))
        return f"{subscription.channel}/{posted['ts']}"

    async def find_post(self, subscription: Subscription, key: str, *,
                        threaded: bool) -> str | None:
        """The message posted under ``key``: a reply in the story's thread (``threaded``) or
        one of the channel's latest messages; None if there is none (or no thread yet)."""
        client = await self._client(subscription.workspace)
        channel = subscription.channel
        if not threaded:
            page = await _lookup(client.conversations_history, channel=channel,
                                 limit=HISTORY_LIMIT, include_all_metadata=True)
            return None if page is None else _found(channel, page, key)
        parent = await self.threads.parent(subscription.workspace, channel,
                                           subscription.story_id)
        if parent is None:
            return None
        cursor = None
        for _ in range(REPLY_PAGES):
            page = await _lookup(client.conversations_replies, channel=channel, ts=parent,
                                 limit=200, include_all_metadata=True,
                                 **({"cursor": cursor} if cursor else {}))
            if page is None:
                return None
            if found := _found(channel, page, key):
                return found
            cursor = (page.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                break
        return None

    async def post_notice(self, subscription: Subscription, text: str, *,
                          idempotency_key: str | None = None) -> str:
        """A plain notice in the channel (a story's feed failing or recovering)."""
        client = await self._client(subscription.workspace)
        posted = await _call(client.chat_postMessage, channel=subscription.channel,
                             unfurl_links=False, text=escape(text),
                             **_metadata(idempotency_key))
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
                # a parent whose answer was lost is in the channel already: look before posting
                key = f"thread:{sub.story_id}"
                page = await _lookup(client.conversations_history, channel=sub.channel,
                                     limit=HISTORY_LIMIT, include_all_metadata=True)
                found = None if page is None else _found(sub.channel, page, key)
                if found is None:
                    posted = await _call(client.chat_postMessage, channel=sub.channel,
                                         **render_thread_parent(story), **_metadata(key))
                    found = f"{sub.channel}/{posted['ts']}"
                ts = found.split("/", 1)[1]
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


def _found(channel: str, page: Any, key: str) -> str | None:
    for message in page.get("messages") or []:
        if _has_key(message, key):
            return f"{channel}/{message['ts']}"
    return None


async def _lookup(method: Callable[..., Awaitable[Any]], **kwargs: Any) -> Any:
    """A history call; None where the token lacks the history scopes (an installation from
    before they were asked for): posts are then at-least-once, as they were before."""
    page = await _call(method, _tolerate="missing_scope", **kwargs)
    if page is None:
        logger.warning("the Slack token lacks channels:history / groups:history, so a post "
                       "whose answer was lost may repeat; reinstall the app to grant them")
    return page


async def _call(method: Callable[..., Awaitable[Any]], _tolerate: str = "",
                **kwargs: Any) -> Any:
    """One Web API call; Slack's and the network's errors become ``DeliveryFailed`` (Slack's
    ``_tolerate`` error code becomes None)."""
    try:
        return await method(**kwargs)
    except SlackApiError as err:
        code = str(err.response.get("error", "")) if err.response else ""
        if code and code == _tolerate:
            return None
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
