"""Delivering the outbox: post each pending update to each channel that follows its story,
once. A failed post is logged and skipped for that channel only; a permanent failure pauses
that subscription with a reason that ``/story status`` shows."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, replace

from bot.domain.model import Update
from bot.errors import DeliveryFailed
from bot.ports import Clock, Delivery, Notifier, UnitOfWorkFactory
from bot.usecases.claims import claim_line
from bot.views import ClaimLine, UpdateView

logger = logging.getLogger(__name__)

MUTED_REF = "muted"


@dataclass
class DeliveryReport:
    posted: int = 0
    skipped: int = 0
    failed: int = 0
    paused: int = 0


def update_view(update: Update, story_name: str, current: ClaimLine | None = None) -> UpdateView:
    """The post for an update; ``current`` is the claim as it stands now, if known."""
    line = current or ClaimLine(update.claim_id, update.claim_text, update.attributed_to,
                                update.state, update.status, update.created_at)
    return UpdateView(story_name, update.kind, line, update.quote, update.speaker, update.source,
                      update.title, update.url)


async def deliver_updates(
    *, uow_factory: UnitOfWorkFactory, notifiers: Mapping[str, Notifier], clock: Clock,
    limit: int = 100,
) -> DeliveryReport:
    report = DeliveryReport()
    async with uow_factory() as uow:
        pending = await uow.updates.pending(limit)
    for delivery in pending:
        await _deliver_one(uow_factory, notifiers, clock, delivery, report)
    return report


async def _deliver_one(
    uow_factory: UnitOfWorkFactory, notifiers: Mapping[str, Notifier], clock: Clock,
    delivery: Delivery, report: DeliveryReport,
) -> None:
    update, sub = delivery.update, delivery.subscription
    notifier = notifiers.get(sub.platform)
    if notifier is None:
        return  # that platform is not running in this process; it stays pending
    now = clock.now()
    if sub.muted_until is not None and sub.muted_until > now:
        ref = MUTED_REF
        report.skipped += 1
    else:
        async with uow_factory() as uow:
            story = await uow.stories.get(update.story_id)
            claim = await uow.claims.get(update.claim_id)
        name = story.name if story else ""
        view = update_view(update, name, claim_line(claim) if claim else None)
        try:
            ref = await notifier.post_update(sub, view)
        except DeliveryFailed as err:
            await _failed(uow_factory, delivery, err, report)
            return
        report.posted += 1
    async with uow_factory() as uow:
        await uow.updates.mark_delivered(update.id, sub.id, ref, now)
        await uow.commit()


async def _failed(
    uow_factory: UnitOfWorkFactory, delivery: Delivery, err: DeliveryFailed,
    report: DeliveryReport,
) -> None:
    sub = delivery.subscription
    logger.warning("posting update %s to %s:%s failed (%s)", delivery.update.id, sub.platform,
                   sub.channel, "permanent" if err.permanent else "will retry")
    report.failed += 1
    if err.permanent:
        async with uow_factory() as uow:
            await uow.subscriptions.save(replace(sub, paused_reason=err.user_message))
            await uow.commit()
        report.paused += 1
