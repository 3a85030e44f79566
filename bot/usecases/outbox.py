"""Delivering digests and notices from the outbox, with the same rules as updates (see
:mod:`bot.usecases.delivery`): claim, post, record; transient failures retried with backoff,
permanent ones pause the subscription. A notifier without ``post_notice`` (it is optional) has
its notices dropped with a log line; ``/story status`` still shows what they said."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from typing import cast

from bot.domain.model import OutboxMessage, Subscription
from bot.errors import DeliveryFailed
from bot.ports import Clock, KeyedNoticeNotifier, NoticeNotifier, Notifier, UnitOfWorkFactory
from bot.usecases.delivery import (
    CLAIM_LEASE,
    DeliveryReport,
    delivery_key,
    find_earlier_post,
    post_digest,
    retry_delay,
)
from bot.usecases.digest import digest_view
from bot.views import DigestView

logger = logging.getLogger(__name__)

UNSUPPORTED_REF = "unsupported"
GONE_REF = "gone"


async def deliver_outbox(
    *, uow_factory: UnitOfWorkFactory, notifiers: Mapping[str, Notifier], clock: Clock,
    limit: int = 100,
) -> DeliveryReport:
    report = DeliveryReport()
    now = clock.now()
    async with uow_factory() as uow:
        due = await uow.outbox.due(now, limit)
    for message in due:
        async with uow_factory() as uow:
            sub = await uow.subscriptions.by_id(message.subscription_id)
        notifier = notifiers.get(sub.platform) if sub else None
        if sub is not None and notifier is not None:
            await _deliver_one(uow_factory, notifier, now, sub, message, report)
    return report


async def _deliver_one(
    uow_factory: UnitOfWorkFactory, notifier: Notifier, now: datetime, sub: Subscription,
    message: OutboxMessage, report: DeliveryReport,
) -> None:
    claimed = replace(message, attempts=message.attempts + 1, in_flight=True,
                      next_attempt_at=now + CLAIM_LEASE)
    async with uow_factory() as uow:
        view = await digest_view(uow, sub, message) if message.kind == "digest" else None
        await uow.outbox.save(claimed)
        await uow.commit()
    key = delivery_key(message.id)
    try:
        found = await find_earlier_post(notifier, sub, key, attempts=claimed.attempts,
                                        threaded=False)
        ref = found or await _post(notifier, sub, message, view, key)
    except DeliveryFailed as err:
        await _failed(uow_factory, sub, claimed, now, err, report)
        return
    except Exception:
        logger.exception("posting %s to %s:%s failed", message.id, sub.platform, sub.channel)
        unexpected = DeliveryFailed("The post failed unexpectedly; it will be retried.",
                                    permanent=False)
        await _failed(uow_factory, sub, claimed, now, unexpected, report)
        return
    if found:
        logger.info("%s was already in %s:%s; recorded, not posted again", message.id,
                    sub.platform, sub.channel)
        report.recovered += 1
    else:
        report.posted += ref not in (UNSUPPORTED_REF, GONE_REF)
    async with uow_factory() as uow:
        await uow.outbox.save(replace(claimed, in_flight=False, delivered_at=now,
                                      message_ref=ref))
        await uow.commit()


async def _post(notifier: Notifier, sub: Subscription, message: OutboxMessage,
                view: DigestView | None, key: str) -> str:
    if message.kind == "digest":
        if view is None:
            return GONE_REF  # the story was deleted after the row was written
        return await post_digest(notifier, sub, view, key)
    poster = getattr(notifier, "post_notice", None)
    if poster is None:
        logger.info("%s cannot post notices; dropped %s", notifier.platform, message.id)
        return UNSUPPORTED_REF
    if getattr(notifier, "idempotency_keys", False):
        return await cast(KeyedNoticeNotifier, notifier).post_notice(sub, message.text,
                                                                     idempotency_key=key)
    return await cast(NoticeNotifier, notifier).post_notice(sub, message.text)


async def _failed(
    uow_factory: UnitOfWorkFactory, sub: Subscription, claimed: OutboxMessage, now: datetime,
    err: DeliveryFailed, report: DeliveryReport,
) -> None:
    logger.warning("posting %s to %s:%s failed (%s, attempt %d)", claimed.id, sub.platform,
                   sub.channel, "permanent" if err.permanent else "will retry",
                   claimed.attempts)
    report.failed += 1
    retry_at = now if err.permanent else now + retry_delay(claimed.attempts)
    async with uow_factory() as uow:
        await uow.outbox.save(replace(claimed, in_flight=False, next_attempt_at=retry_at,
                                      last_error=err.user_message))
        if err.permanent:
            await uow.subscriptions.save(replace(sub, paused_reason=err.user_message))
            report.paused += 1
        await uow.commit()
