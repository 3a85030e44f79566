"""The daily digest for one channel: per followed story, what changed since the last digest
(resolved, contradicted, new claims), then what is still open, newest first.

Scheduled digests go through the outbox: at each subscription's local digest time (its own
time zone, so a DST change moves it with the wall clock) one row per subscription per local
day is written with the window it covers, and the subscription's window moves forward in the
same transaction. A quiet day writes no row unless the subscription asked for ``always``. A
local time that a DST change skips (03:30 on a spring-forward night) comes an hour later; one
that it repeats comes the first time."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.domain.model import ClaimState, OutboxMessage, Subscription, UpdateKind
from bot.errors import BadArguments
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
        stories = [await digest_story(uow, sub, sub.last_digest_at or (now - DEFAULT_WINDOW),
                                      now) for sub in subs]
        if record:
            for sub in subs:
                await uow.subscriptions.save(replace(sub, last_digest_at=now))
            await uow.commit()
    return DigestView(now.date(), [s for s in stories if s is not None])


async def digest_story(uow: UnitOfWork, sub: Subscription, since: datetime,
                       until: datetime) -> DigestStory | None:
    """One followed story's part of a digest, for what happened in (since, until]."""
    story = await uow.stories.get(sub.story_id)
    if story is None:
        return None
    claims = {c.id: c for c in await uow.claims.for_story(story.id)}
    recent = [u for u in await uow.updates.for_story(story.id)
              if since < u.created_at <= until]
    resolved = [u.claim_id for u in recent if u.kind is UpdateKind.RESOLVES]
    contradicted = [u.claim_id for u in recent if u.kind is UpdateKind.CONTRADICTS]
    new = [c for c in claims.values() if since < c.created_at <= until]
    still_open = [c for c in claims.values() if not c.state.closed
                  and c.state is not ClaimState.STALE]
    return DigestStory(
        story.name,
        [claim_line(claims[i]) for i in dict.fromkeys(resolved) if i in claims],
        [claim_line(claims[i]) for i in dict.fromkeys(contradicted) if i in claims],
        ordered(new),
        ordered(still_open),
    )


def zone(sub: Subscription) -> ZoneInfo:
    try:
        return ZoneInfo(sub.digest_tz)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def scheduled_at(sub: Subscription, day: date) -> datetime:
    """The digest time of a local day, in UTC."""
    hour, minute = (int(x) for x in sub.digest_time.split(":"))
    return datetime.combine(day, time(hour, minute), tzinfo=zone(sub)).astimezone(UTC)


def last_due(sub: Subscription, now: datetime) -> datetime:
    """The latest scheduled digest time at or before ``now``."""
    today = now.astimezone(zone(sub)).date()
    at = scheduled_at(sub, today)
    return at if at <= now else scheduled_at(sub, today - timedelta(days=1))


def digest_key(sub: Subscription, due: datetime) -> str:
    return f"digest:{sub.id}:{due.astimezone(zone(sub)).date().isoformat()}"


async def enqueue_due_digests(*, uow_factory: UnitOfWorkFactory, clock: Clock) -> int:
    """Write a digest row for each subscription whose local digest time has come since its
    last digest; returns how many were written (quiet days write none)."""
    now = clock.now()
    written = 0
    async with uow_factory() as uow:
        for sub in await uow.subscriptions.all():
            due = last_due(sub, now)
            if due <= (sub.last_digest_at or sub.created_at):
                continue
            since = sub.last_digest_at or max(sub.created_at, due - DEFAULT_WINDOW)
            part = await digest_story(uow, sub, since, due)
            if part is not None and (part.changed or sub.digest_always):
                written += await uow.outbox.add(OutboxMessage(
                    digest_key(sub, due), sub.id, "digest", now, window_start=since,
                    window_end=due))
            await uow.subscriptions.save(replace(sub, last_digest_at=due))
        await uow.commit()
    return written


async def enqueue_digests_now(*, uow_factory: UnitOfWorkFactory, clock: Clock,
                              subscriptions: list[Subscription]) -> int:
    """Write a digest row now for each given subscription, whatever its schedule (a day
    with no change included: someone asked for it)."""
    now = clock.now()
    async with uow_factory() as uow:
        for sub in subscriptions:
            since = sub.last_digest_at or (now - DEFAULT_WINDOW)
            await uow.outbox.add(OutboxMessage(f"digest-now:{sub.id}:{now.isoformat()}",
                                               sub.id, "digest", now, window_start=since,
                                               window_end=now))
            await uow.subscriptions.save(replace(sub, last_digest_at=now))
        await uow.commit()
    return len(subscriptions)


async def digest_view(uow: UnitOfWork, sub: Subscription, message: OutboxMessage
                      ) -> DigestView | None:
    """The post for a digest row, rebuilt from the window it covers."""
    until = message.window_end or message.created_at
    part = await digest_story(uow, sub, message.window_start or until - DEFAULT_WINDOW, until)
    if part is None:
        return None
    return DigestView(until.astimezone(zone(sub)).date(), [part])


async def set_digest_mode(
    *, uow_factory: UnitOfWorkFactory, workspace: str, name: str | None, platform: str,
    channel: str, always: bool,
) -> list[Subscription]:
    """Post the digest every day (``always``) or only on days with a change."""
    async with uow_factory() as uow:
        subs = await uow.subscriptions.for_channel(platform, workspace, channel)
        if name:
            story = await find_story(uow, workspace, name)
            subs = [s for s in subs if s.story_id == story.id]
        if not subs:
            raise BadArguments("This channel follows no story yet: `/story follow STORY` first.")
        changed = [replace(s, digest_always=always) for s in subs]
        for sub in changed:
            await uow.subscriptions.save(sub)
        await uow.commit()
    return changed
