"""``DiscordNotifier``: the core's Notifier port on Discord.

Updates go into one thread per followed story per channel (created once, remembered in a
:class:`~adapters.discord.threads.ThreadDirectory`); digests go to the channel itself. Rate
limits and 5xx retries are discord.py's (its HTTP client retries them); what it finally gives up
on becomes ``DeliveryFailed(permanent=False)`` so the outbox retries later. A deleted channel or
lost access (404, 403) becomes ``DeliveryFailed(permanent=True)``, which pauses the subscription
with a reason ``/story status`` shows. Messages carry our own words, never exception text.
Each post carries a nonce made from the outbox's idempotency key, with ``enforce_nonce``: a retry
of a post Discord took but never confirmed returns that message instead of posting it twice
(Discord keeps nonces for a few minutes, which covers the outbox's first retries).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from typing import Any, Final, Literal

import aiohttp
import discord

from adapters.discord.render import Payload, clip, render_digest, render_update
from adapters.discord.threads import ThreadDirectory
from bot.domain.model import Subscription
from bot.errors import DeliveryFailed
from bot.views import DigestView, UpdateView

logger = logging.getLogger(__name__)

THREAD_NAME_MAX = 100
# a week: updates are days apart, and posting in an archived thread unarchives it
ARCHIVE_AFTER_MINUTES: Final[Literal[10080]] = 10080
PERMISSIONS_HINT = ("View Channel, Send Messages, Create Public Threads and Send Messages in "
                    "Threads")


def delivery_failure(err: Exception, channel: str) -> DeliveryFailed:
    """Our words for a failed post: permanent for a gone channel or lost access."""
    where = f"<#{channel}>"
    if isinstance(err, discord.Forbidden):
        return DeliveryFailed(
            f"the bot may no longer post in {where} (Discord said Missing Access, code "
            f"{err.code}). Give it {PERMISSIONS_HINT} there, then `/story follow` again.",
            permanent=True)
    if isinstance(err, discord.NotFound):
        return DeliveryFailed(
            f"the channel {where} no longer exists or the bot cannot see it (code {err.code}). "
            "`/story follow` the story again from a channel the bot can post in.",
            permanent=True)
    return DeliveryFailed(f"Discord did not take the post for {where}; it will be retried.",
                          permanent=False)


_TRANSIENT = (discord.HTTPException, discord.RateLimited, aiohttp.ClientError, OSError,
              asyncio.TimeoutError)


def nonce_for(idempotency_key: str) -> str | None:
    """Discord's nonce for a post (at most 25 characters): the same key, the same nonce, so
    with ``enforce_nonce`` a retry of a post Discord already took returns that message instead
    of posting twice. Discord remembers nonces for a few minutes only."""
    if not idempotency_key:
        return None
    return hashlib.sha256(idempotency_key.encode()).hexdigest()[:25]


class DiscordNotifier:
    platform = "discord"
    idempotency_keys = True  # see bot.ports.IdempotentNotifier

    def __init__(self, client: discord.Client, threads: ThreadDirectory) -> None:
        self._client = client
        self._threads = threads

    async def post_update(self, subscription: Subscription, view: UpdateView, *,
                          idempotency_key: str = "") -> str:
        payload = render_update(view)
        try:
            return await self._post_in_thread(subscription, view.story, payload,
                                              nonce_for(idempotency_key))
        except _TRANSIENT as err:
            raise self._failed(err, subscription) from None

    async def post_digest(self, subscription: Subscription, view: DigestView, *,
                          idempotency_key: str = "") -> str:
        try:
            message = await self._send(subscription.channel, render_digest(view),
                                       nonce_for(idempotency_key))
        except _TRANSIENT as err:
            raise self._failed(err, subscription) from None
        return f"{subscription.channel}/{message.id}"

    async def post_notice(self, subscription: Subscription, text: str, *,
                          idempotency_key: str | None = None) -> str:
        """A plain notice in the channel (a story's feed failing or recovering)."""
        try:
            message = await self._send(subscription.channel,
                                       {"content": text[:2000], "embeds": []}, idempotency_key)
        except _TRANSIENT as err:
            raise self._failed(err, subscription) from None
        return f"{subscription.channel}/{message.id}"

    def _failed(self, err: Exception, sub: Subscription) -> DeliveryFailed:
        failure = delivery_failure(err, sub.channel)
        logger.warning("Discord post to channel %s failed: %s (%s)", sub.channel,
                       type(err).__name__, "permanent" if failure.permanent else "will retry")
        return failure

    async def _post_in_thread(self, sub: Subscription, story: str, payload: Payload,
                              nonce: str | None) -> str:
        self._check_logged_in()
        known = await self._threads.get(sub.channel, sub.story_id)
        if known is not None:
            try:
                message = await self._send(known, payload, nonce)
                return f"{known}/{message.id}"
            except discord.NotFound:
                # the thread was deleted; the channel may still be there, so start a new one
                await self._threads.forget(sub.channel, sub.story_id)
        thread = await self._new_thread(sub, story)
        message = await self._send(thread, payload, nonce)
        return f"{thread}/{message.id}"

    async def _new_thread(self, sub: Subscription, story: str) -> str:
        channel = (self._client.get_channel(int(sub.channel))
                   or await self._client.fetch_channel(int(sub.channel)))
        if not isinstance(channel, discord.TextChannel):
            return sub.channel  # threads, voice chats and the like get the update directly
        thread = await channel.create_thread(
            name=clip(story, THREAD_NAME_MAX) or "Storywatch",
            type=discord.ChannelType.public_thread,
            auto_archive_duration=ARCHIVE_AFTER_MINUTES,
            reason="Storywatch: updates of a followed story")
        await self._threads.put(sub.channel, sub.story_id, str(thread.id))
        return str(thread.id)

    async def _send(self, channel_id: str, payload: Payload,
                    nonce: str | None = None) -> discord.Message:
        self._check_logged_in()
        target = self._client.get_partial_messageable(int(channel_id))
        kwargs: dict[str, Any] = {
            "embeds": [discord.Embed.from_dict(e) for e in payload["embeds"]],
            "allowed_mentions": discord.AllowedMentions.none(),
        }
        if payload["content"]:
            kwargs["content"] = payload["content"]
        if nonce is not None:
            kwargs["nonce"] = nonce  # discord.py sends it with enforce_nonce
        return await target.send(**kwargs)

    def _check_logged_in(self) -> None:
        if self._client.user is None:
            raise DeliveryFailed("Discord is not connected yet; the post will be retried.",
                                 permanent=False)
