"""Delivering the outbox: post each pending update to each channel that follows its story,
once. A failed post is logged and skipped for that channel only: a transient failure (429,
5xx, a dropped connection) is retried with exponential backoff, a permanent one pauses that
subscription with a reason that ``/story status`` shows.

Exactly once, and its one honest gap: each pair is first *claimed* (attempt recorded, in
flight, committed), then posted, then recorded as delivered. A crash after the platform took
the post but before our commit leaves the claim in flight; after the lease the pair is tried
again, as is a post whose answer was lost. A notifier that takes keys (``idempotency_keys``)
gets the same key on that retry: either its platform drops the second post (Discord's nonce, a
sink's key) or, before posting again, the notifier is asked to find the post made under that
key (``find_post``: Slack's message metadata) and what it finds is recorded instead. With any
other notifier that window is at-least-once: one repeated post per crash inside it, at most."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import cast

from bot.domain import identity
from bot.domain.model import Subscription, Update
from bot.errors import DeliveryFailed
from bot.ports import (
    Clock,
    Delivery,
    IdempotentNotifier,
    Notifier,
    PostFinder,
    UnitOfWorkFactory,
)
from bot.usecases.claims import claim_line
from bot.views import ClaimLine, DigestView, UpdateView

logger = logging.getLogger(__name__)

MUTED_REF = "muted"
RETRY_BASE = timedelta(seconds=1)  # the platform clients already waited out Retry-After
RETRY_CAP = timedelta(minutes=15)
CLAIM_LEASE = timedelta(minutes=2)  # a claim older than this was lost to a crash: retry it


@dataclass
class DeliveryReport:
    posted: int = 0
    skipped: int = 0
    failed: int = 0
    paused: int = 0
    recovered: int = 0  # posted by an earlier attempt whose answer was lost; found, not reposted


def retry_delay(attempts: int) -> timedelta:
    """How long to wait after the ``attempts``-th failed try."""
    return min(RETRY_BASE * (1 << max(0, min(attempts - 1, 20))), RETRY_CAP)


def delivery_key(*parts: str) -> str:
    """The idempotency key of one post (at most 25 characters: Discord's nonce limit)."""
    return identity.make_id("k", *parts, length=20)


def update_view(update: Update, story_name: str, current: ClaimLine | None = None) -> UpdateView:
    """The post for an update; ``current`` is the claim as it stands now, if known."""
    line = current or ClaimLine(update.claim_id, update.claim_text, update.attributed_to,
                                update.state, update.status, update.created_at)
    return UpdateView(story_name, update.kind, line, update.quote, update.speaker, update.source,
                      update.title, update.url)


async def find_earlier_post(notifier: Notifier, sub: Subscription, key: str, *,
                            attempts: int, threaded: bool) -> str | None:
    """The post an earlier attempt made under ``key``, if the notifier can find it (only asked
    when there was an earlier attempt: a first try has nothing to find)."""
    finder = getattr(notifier, "find_post", None)
    if attempts <= 1 or finder is None:
        return None
    return await cast(PostFinder, notifier).find_post(sub, key, threaded=threaded)


async def post_update(notifier: Notifier, sub: Subscription, view: UpdateView, key: str) -> str:
    if getattr(notifier, "idempotency_keys", False):
        return await cast(IdempotentNotifier, notifier).post_update(sub, view,
                                                                    idempotency_key=key)
    return await notifier.post_update(sub, view)


async def post_digest(notifier: Notifier, sub: Subscription, view: DigestView, key: str) -> str:
    if getattr(notifier, "idempotency_keys", False):
        return await cast(IdempotentNotifier, notifier).post_digest(sub, view,
                                                                    idempotency_key=key)
    return await notifier.post_digest(sub, view)


async def deliver_updates(
    *, uow_factory: UnitOfWorkFactory, notifiers: Mapping[str, Notifier], clock: Clock,
    limit: int = 100, lease: timedelta = CLAIM_LEASE,
) -> DeliveryReport:
    """Post what is due; ``lease`` is how long a claimed post waits before it is retried."""
    report = DeliveryReport()
    now = clock.now()
    async with uow_factory() as uow:
        pending = await uow.updates.pending(limit, now=now)
    for delivery in pending:
        notifier = notifiers.get(delivery.subscription.platform)
        if notifier is not None:  # else that platform is not running here; it stays pending
            await _deliver_one(uow_factory, notifier, now, lease, delivery, report)
    return report


async def _deliver_one(
    uow_factory: UnitOfWorkFactory, notifier: Notifier, now: datetime, lease: timedelta,
    delivery: Delivery, report: DeliveryReport,
) -> None:
    update, sub = delivery.update, delivery.subscription
    attempts = delivery.attempts + 1
    if sub.muted_until is not None and sub.muted_until > now:
        ref = MUTED_REF
        report.skipped += 1
    else:
        async with uow_factory() as uow:
            story = await uow.stories.get(update.story_id)
            claim = await uow.claims.get(update.claim_id)
            await uow.updates.record_attempt(update.id, sub.id, attempts=attempts,
                                             next_attempt_at=now + lease, in_flight=True)
            await uow.commit()
        view = update_view(update, story.name if story else "",
                           claim_line(claim) if claim else None)
        key = delivery_key(update.id, sub.id)
        try:
            found = await find_earlier_post(notifier, sub, key, attempts=attempts,
                                            threaded=True)
            ref = found or await post_update(notifier, sub, view, key)
        except DeliveryFailed as err:
            await _failed(uow_factory, delivery, attempts, now, err, report)
            return
        except Exception:
            logger.exception("posting update %s to %s:%s failed", update.id, sub.platform,
                             sub.channel)
            unexpected = DeliveryFailed("The post failed unexpectedly; it will be retried.",
                                        permanent=False)
            await _failed(uow_factory, delivery, attempts, now, unexpected, report)
            return
        if found:
            logger.info("update %s was already in %s:%s; recorded, not posted again",
                        update.id, sub.platform, sub.channel)
            report.recovered += 1
        else:
            report.posted += 1
    async with uow_factory() as uow:
        await uow.updates.mark_delivered(update.id, sub.id, ref, now)
        await uow.commit()


async def _failed(
    uow_factory: UnitOfWorkFactory, delivery: Delivery, attempts: int, now: datetime,
    err: DeliveryFailed, report: DeliveryReport,
) -> None:
    update, sub = delivery.update, delivery.subscription
    logger.warning("posting update %s to %s:%s failed (%s, attempt %d)", update.id,
                   sub.platform, sub.channel, "permanent" if err.permanent else "will retry",
                   attempts)
    report.failed += 1
    async with uow_factory() as uow:
        retry_at = now if err.permanent else now + retry_delay(attempts)
        await uow.updates.record_attempt(update.id, sub.id, attempts=attempts,
                                         next_attempt_at=retry_at, in_flight=False,
                                         error=err.user_message)
        if err.permanent:
            await uow.subscriptions.save(replace(sub, paused_reason=err.user_message))
            report.paused += 1
        await uow.commit()

