"""Claims that nobody mentions go stale: an open or disputed claim with no new evidence for
the configured time is marked ``stale`` (the scheduler runs this now and then)."""

from __future__ import annotations

from datetime import timedelta

from bot.ports import Clock, UnitOfWorkFactory


async def mark_stale_claims(*, uow_factory: UnitOfWorkFactory, clock: Clock,
                            after: timedelta) -> int:
    """Mark every claim silent for ``after`` stale; returns how many were marked."""
    now = clock.now()
    marked = 0
    async with uow_factory() as uow:
        for story in await uow.stories.all():
            for claim in await uow.claims.for_story(story.id, include_closed=False):
                if claim.go_stale(now, after):
                    await uow.claims.save(claim)
                    marked += 1
        await uow.commit()
    return marked
