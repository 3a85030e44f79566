"""Stories and who follows them: create, list, find by name, follow, unfollow, mute, digest time."""

from __future__ import annotations

import difflib
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.domain import identity
from bot.domain.model import Story, Subscription
from bot.errors import BadArguments, StoryExists, UnknownStory
from bot.ports import Clock, UnitOfWork, UnitOfWorkFactory
from bot.usecases.digest_rows import hand_over_digests
from bot.views import StoryListView

MAX_NAME = 80


async def create_story(
    *, uow_factory: UnitOfWorkFactory, clock: Clock, workspace: str, name: str,
    keywords: tuple[str, ...] = (),
) -> Story:
    name = " ".join(name.split())
    if not name:
        raise BadArguments("A story needs a name: `/story new NAME [keywords: a, b]`.")
    if len(name) > MAX_NAME:
        raise BadArguments(f"Story names can be at most {MAX_NAME} characters.")
    async with uow_factory() as uow:
        if await uow.stories.by_name(workspace, name):
            raise StoryExists(f'There is already a story called "{name}" here.')
        story = Story(identity.story_id(workspace, name), workspace, name, keywords, clock.now())
        await uow.stories.add(story)
        await uow.commit()
    return story


async def find_story(uow: UnitOfWork, workspace: str, name: str) -> Story:
    """The story of that name in this workspace, or UnknownStory with the closest match."""
    story = await uow.stories.by_name(workspace, name)
    if story is not None:
        return story
    names = [s.name for s in await uow.stories.in_workspace(workspace)]
    lowered = {n.casefold(): n for n in names}
    close = difflib.get_close_matches(name.casefold(), list(lowered), n=1, cutoff=0.5)
    raise UnknownStory(name, lowered[close[0]] if close else None)


async def list_stories(
    *, uow_factory: UnitOfWorkFactory, workspace: str, platform: str, channel: str
) -> StoryListView:
    async with uow_factory() as uow:
        followed = {s.story_id for s in await uow.subscriptions.for_channel(
            platform, workspace, channel)}
        rows = []
        for story in await uow.stories.in_workspace(workspace):
            live = await uow.claims.for_story(story.id, include_closed=False)
            rows.append((story.name, len(live), story.id in followed))
    return StoryListView(rows)


async def follow_story(
    *, uow_factory: UnitOfWorkFactory, clock: Clock, workspace: str, name: str,
    platform: str, channel: str,
) -> tuple[Story, bool]:
    """Follow a story from a channel. Returns the story and whether it was newly followed."""
    async with uow_factory() as uow:
        story = await find_story(uow, workspace, name)
        existing = await uow.subscriptions.get(story.id, platform, channel)
        if existing is not None:
            if existing.paused_reason:
                await uow.subscriptions.save(replace(existing, paused_reason=""))
                await uow.commit()
            return story, False
        sub_id = identity.make_id("f", story.id, platform, channel, length=12)
        await uow.subscriptions.add(
            Subscription(sub_id, workspace, story.id, platform, channel, clock.now())
        )
        await uow.commit()
    return story, True


async def unfollow_story(
    *, uow_factory: UnitOfWorkFactory, workspace: str, name: str, platform: str, channel: str
) -> tuple[Story, bool]:
    async with uow_factory() as uow:
        story = await find_story(uow, workspace, name)
        existing = await uow.subscriptions.get(story.id, platform, channel)
        if existing is None:
            return story, False
        await hand_over_digests(uow, existing)
        await uow.subscriptions.remove(existing.id)
        await uow.commit()
    return story, True


async def mute_story(
    *, uow_factory: UnitOfWorkFactory, clock: Clock, workspace: str, name: str,
    platform: str, channel: str, duration: timedelta | None,
) -> tuple[Story, datetime | None]:
    """Mute updates for a followed story; ``duration`` None means until unmuted (100 years)."""
    async with uow_factory() as uow:
        story = await find_story(uow, workspace, name)
        sub = await _subscription(uow, story, platform, channel)
        until = clock.now() + (duration or timedelta(days=36500))
        await uow.subscriptions.save(replace(sub, muted_until=until))
        await uow.commit()
    return story, (until if duration else None)


async def set_digest_time(
    *, uow_factory: UnitOfWorkFactory, workspace: str, name: str | None, platform: str,
    channel: str, at: str | None, tz: str | None,
) -> list[Subscription]:
    """Set when the daily digest comes, for one followed story or all of this channel's."""
    if tz is not None:
        try:
            ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            raise BadArguments(f'"{tz}" is not a time zone I know, try e.g. Europe/Kyiv.') from None
    async with uow_factory() as uow:
        if name:
            story = await find_story(uow, workspace, name)
            subs = [await _subscription(uow, story, platform, channel)]
        else:
            subs = await uow.subscriptions.for_channel(platform, workspace, channel)
        if not subs:
            raise BadArguments("This channel follows no story yet: `/story follow STORY` first.")
        changed = [
            replace(s, digest_time=at or s.digest_time, digest_tz=tz or s.digest_tz) for s in subs
        ]
        for sub in changed:
            await uow.subscriptions.save(sub)
        await uow.commit()
    return changed


async def _subscription(
    uow: UnitOfWork, story: Story, platform: str, channel: str
) -> Subscription:
    sub = await uow.subscriptions.get(story.id, platform, channel)
    if sub is None:
        raise BadArguments(
            f'This channel does not follow "{story.name}": `/story follow` it first.')
    return sub


async def split_story(uow: UnitOfWork, workspace: str, text: str) -> tuple[Story, str]:
    """Split ``STORY more args`` where the story name may contain spaces: a quoted head, or
    else the longest prefix of words that names a story of the workspace."""
    quoted = split_quoted_head(text)
    if quoted is not None:
        return await find_story(uow, workspace, quoted[0]), quoted[1]
    words = text.split()
    if not words:
        raise BadArguments("Which story? Give its name, e.g. `/story status Prisoner swap`.")
    by_name = {s.name.casefold(): s for s in await uow.stories.in_workspace(workspace)}
    for n in range(len(words), 0, -1):
        story = by_name.get(" ".join(words[:n]).casefold())
        if story is not None:
            return story, " ".join(words[n:])
    raise _unknown_prefix(words, [s.name for s in by_name.values()])


def _unknown_prefix(words: list[str], names: list[str]) -> UnknownStory:
    best = (0.0, 1, "")
    for n in range(1, min(len(words), 8) + 1):
        guess = " ".join(words[:n]).casefold()
        for name in names:
            ratio = difflib.SequenceMatcher(None, guess, name.casefold()).ratio()
            if ratio > best[0]:
                best = (ratio, n, name)
    if best[0] >= 0.6:
        return UnknownStory(" ".join(words[: best[1]]), best[2])
    return UnknownStory(" ".join(words[:3]))


def split_quoted_head(text: str) -> tuple[str, str] | None:
    """For ``"Prisoner swap" more words``: the quoted head and the rest."""
    t = text.strip()
    if not t or t[0] not in "\"'“":
        return None
    closing = {'"': '"', "'": "'", "“": "”"}[t[0]]
    end = t.find(closing, 1)
    if end < 0:
        raise BadArguments("A quoted story name is missing its closing quote.")
    return t[1:end].strip(), t[end + 1:].strip()
