"""The daily digest for one channel: per followed story, what changed since the last digest
(resolved, contradicted, new claims), then what is still open, newest first.

Scheduled digests go through the outbox, one post per channel per day: at the channel's local
digest time (its own time zone, so a DST change moves it with the wall clock) one row is written
for all the stories the channel follows at that time, with the window each story's part covers,
and their windows move forward in the same transaction. A story given a time of its own
(``/story digest STORY at 18:00``) comes in a post of its own at that time. A quiet day writes no
row unless one of the stories asked for ``always``. A local time that a DST change skips (03:30
on a spring-forward night) comes an hour later; one that it repeats comes the first time."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.domain.model import ClaimState, OutboxMessage, Subscription, UpdateKind
from bot.errors import BadArguments
from bot.ports import Clock, UnitOfWork, UnitOfWorkFactory
from bot.usecases.claims import claim_line, ordered
from bot.usecases.digest_rows import members, members_text
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


def _by_channel(subs: list[Subscription]) -> list[list[Subscription]]:
    """Subscriptions grouped by the channel they post to, in a stable order."""
    groups: dict[tuple[str, str, str], list[Subscription]] = defaultdict(list)
    for sub in sorted(subs, key=lambda s: (s.created_at, s.id)):
        groups[(sub.platform, sub.workspace, sub.channel)].append(sub)
    return list(groups.values())


async def enqueue_due_digests(*, uow_factory: UnitOfWorkFactory, clock: Clock) -> int:
    """Write one digest row per channel (and digest time) whose local digest time has come
    since its stories' last digest; returns how many were written (quiet days write none)."""
    now = clock.now()
    written = 0
    async with uow_factory() as uow:
        due_subs: dict[datetime, list[Subscription]] = defaultdict(list)
        for sub in await uow.subscriptions.all():
            due = last_due(sub, now)
            if due > (sub.last_digest_at or sub.created_at):
                due_subs[due].append(sub)
        for due, subs in sorted(due_subs.items()):
            for group in _by_channel(subs):
                windows = {s.id: s.last_digest_at or max(s.created_at, due - DEFAULT_WINDOW)
                           for s in group}
                parts = [await digest_story(uow, s, windows[s.id], due) for s in group]
                if any(p is not None and (p.changed or s.digest_always)
                       for s, p in zip(group, parts, strict=True)):
                    lead = group[0]
                    written += await uow.outbox.add(OutboxMessage(
                        digest_key(lead, due), lead.id, "digest", now,
                        text=members_text(windows), window_start=min(windows.values()),
                        window_end=due))
                for sub in group:
                    await uow.subscriptions.save(replace(sub, last_digest_at=due))
        await uow.commit()
    return written


async def enqueue_digests_now(*, uow_factory: UnitOfWorkFactory, clock: Clock,
                              subscriptions: list[Subscription]) -> int:
    """Write a digest row now for each channel of the given subscriptions, whatever its
    schedule (a day with no change included: someone asked for it); returns how many."""
    now = clock.now()
    groups = _by_channel(subscriptions)
    async with uow_factory() as uow:
        for group in groups:
            windows = {s.id: s.last_digest_at or (now - DEFAULT_WINDOW) for s in group}
            lead = group[0]
            await uow.outbox.add(OutboxMessage(
                f"digest-now:{lead.id}:{now.isoformat()}", lead.id, "digest", now,
                text=members_text(windows), window_start=min(windows.values()),
                window_end=now))
            for sub in group:
                await uow.subscriptions.save(replace(sub, last_digest_at=now))
        await uow.commit()
    return len(groups)


async def digest_view(uow: UnitOfWork, sub: Subscription, message: OutboxMessage
                      ) -> DigestView | None:
    """The post for a digest row, rebuilt from the windows it covers; None when none of its
    stories is left (deleted, or unfollowed, after the row was written)."""
    until = message.window_end or message.created_at
    windows = members(message) or {
        sub.id: message.window_start or until - DEFAULT_WINDOW}
    parts = []
    for sub_id, since in windows.items():
        member = sub if sub_id == sub.id else await uow.subscriptions.by_id(sub_id)
        part = None if member is None else await digest_story(uow, member, since, until)
        if part is not None:
            parts.append(part)
    if not parts:
        return None
    return DigestView(until.astimezone(zone(sub)).date(), parts)


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
