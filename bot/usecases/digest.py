"""The daily digest for one channel: per followed story, what changed since the last digest
(resolved, contradicted, new claims), then what is still open, newest first."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from bot.domain.model import ClaimState, Subscription, UpdateKind
from bot.ports import Clock, UnitOfWork, UnitOfWorkFactory
from bot.usecases.claims import claim_line, ordered
from bot.usecases.stories import find_story
from bot.views import DigestStory, DigestView

DEFAULT_WINDOW = timedelta(days=1)


async def build_digest(
    *, uow_factory: UnitOfWorkFactory, clock: Clock, workspace: str, platform: str,
    channel: str, story_name: str | None = None, record: bool = True,
) -> DigestView:
    """The digest for this channel; ``record`` moves each subscription's window forward."""
    now = clock.now()
    async with uow_factory() as uow:
        subs = await uow.subscriptions.for_channel(platform, workspace, channel)
        if story_name:
            story = await find_story(uow, workspace, story_name)
            subs = [s for s in subs if s.story_id == story.id]
        stories = [await _digest_story(uow, sub, now) for sub in subs]
        if record:
            for sub in subs:
                await uow.subscriptions.save(replace(sub, last_digest_at=now))
            await uow.commit()
    return DigestView(now.date(), [s for s in stories if s is not None])


async def _digest_story(uow: UnitOfWork, sub: Subscription, now: datetime) -> DigestStory | None:
    story = await uow.stories.get(sub.story_id)
    if story is None:
        return None
    since = sub.last_digest_at or (now - DEFAULT_WINDOW)
    claims = {c.id: c for c in await uow.claims.for_story(story.id)}
    recent = [u for u in await uow.updates.for_story(story.id) if u.created_at > since]
    resolved = [u.claim_id for u in recent if u.kind is UpdateKind.RESOLVES]
    contradicted = [u.claim_id for u in recent if u.kind is UpdateKind.CONTRADICTS]
    new = [c for c in claims.values() if c.created_at > since]
    still_open = [c for c in claims.values() if not c.state.closed
                  and c.state is not ClaimState.STALE]
    return DigestStory(
        story.name,
        [claim_line(claims[i]) for i in dict.fromkeys(resolved) if i in claims],
        [claim_line(claims[i]) for i in dict.fromkeys(contradicted) if i in claims],
        ordered(new),
        ordered(still_open),
    )

