"""One handler per ``/story`` subcommand: resolve names, call one use case, build the reply."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot import dedup
from bot.commands.parser import (
    HELP,
    parse_digest,
    parse_duration,
    split_keywords,
    unquote,
)
from bot.domain import identity
from bot.domain.model import Source
from bot.errors import BadArguments
from bot.ports import FeedEntry
from bot.usecases import claims as claim_uc
from bot.usecases import stories as story_uc
from bot.usecases.digest import build_digest, set_digest_mode
from bot.usecases.ingest import IncomingDocument, IngestResult, ingest_document
from bot.usecases.polling import ingest_carried
from bot.views import HelpView, Reply, TextView

if TYPE_CHECKING:
    from bot.commands.dispatch import CommandContext, Services
    from bot.domain.model import Story

_URL = re.compile(r"^https?://\S+$", re.I)


async def help_(rest: str, ctx: CommandContext, svc: Services) -> Reply:
    return Reply(HelpView(HELP))


async def new(rest: str, ctx: CommandContext, svc: Services) -> Reply:
    name, keywords = split_keywords(rest)
    story = await story_uc.create_story(
        uow_factory=svc.uow_factory, clock=svc.clock, workspace=ctx.workspace,
        name=unquote(name) or name, keywords=keywords,
    )
    extra = f" (keywords: {', '.join(keywords)})" if keywords else ""
    return Reply(TextView(f'Created the story "{story.name}"{extra}. '
                          f"`/story follow {story.name}` to get its updates here."),
                 private=False)


async def list_(rest: str, ctx: CommandContext, svc: Services) -> Reply:
    view = await story_uc.list_stories(uow_factory=svc.uow_factory, workspace=ctx.workspace,
                                       platform=ctx.platform, channel=ctx.channel)
    return Reply(view)


async def follow(rest: str, ctx: CommandContext, svc: Services) -> Reply:
    story, fresh = await story_uc.follow_story(
        uow_factory=svc.uow_factory, clock=svc.clock, workspace=ctx.workspace,
        name=_name(rest), platform=ctx.platform, channel=ctx.channel,
    )
    text = (f'This channel now follows "{story.name}".' if fresh
            else f'This channel already follows "{story.name}".')
    return Reply(TextView(text), private=not fresh)


async def unfollow(rest: str, ctx: CommandContext, svc: Services) -> Reply:
    story, was = await story_uc.unfollow_story(
        uow_factory=svc.uow_factory, workspace=ctx.workspace, name=_name(rest),
        platform=ctx.platform, channel=ctx.channel,
    )
    text = (f'This channel no longer follows "{story.name}".' if was
            else f'This channel was not following "{story.name}".')
    return Reply(TextView(text), private=not was)


async def status(rest: str, ctx: CommandContext, svc: Services) -> Reply:
    view = await claim_uc.story_status(
        uow_factory=svc.uow_factory, workspace=ctx.workspace, name=_name(rest),
        platform=ctx.platform, channel=ctx.channel,
    )
    return Reply(view)


async def claims(rest: str, ctx: CommandContext, svc: Services) -> Reply:
    story, more = await _story(rest, ctx, svc)
    if more.lower() not in ("", "all"):
        raise BadArguments("Use `/story claims STORY` or `/story claims STORY all`.")
    view = await claim_uc.list_claims(uow_factory=svc.uow_factory, workspace=ctx.workspace,
                                      name=story.name, include_closed=more.lower() == "all")
    return Reply(view)


async def history(rest: str, ctx: CommandContext, svc: Services) -> Reply:
    if not rest.strip():
        raise BadArguments("Which claim? `/story history CLAIM` (ids are in `/story claims`).")
    view = await claim_uc.claim_history(uow_factory=svc.uow_factory, workspace=ctx.workspace,
                                        claim_ref=rest.split()[0])
    return Reply(view)


async def add(rest: str, ctx: CommandContext, svc: Services) -> Reply:
    story, body = await _story(rest, ctx, svc)
    body = body.strip()
    if not body:
        raise BadArguments("Add what? `/story add STORY URL` or `/story add STORY some text`.")
    if _URL.match(body):
        return await _add_link(story, body, svc)
    incoming = IncomingDocument(body, svc.clock.now(), f"pasted by {ctx.user}", "", body[:80])
    result = await ingest_document(uow_factory=svc.uow_factory, judge=svc.judge,
                                   clock=svc.clock, story_id=story.id, incoming=incoming,
                                   index=svc.index)
    return _added(story, result)


async def _add_link(story: Story, url: str, svc: Services) -> Reply:
    """A posted link is one more outlet's item, kept once per story like a feed's: a URL the
    story already has (from a feed too) is not fetched again, and a copy of a report already in
    is recorded as one more source of it."""
    if svc.fetcher is None:
        raise BadArguments("Fetching links is not enabled here; paste the text instead.")
    async with svc.uow_factory() as uow:
        if await uow.documents.by_canonical_url(story.id, dedup.canonical_url(url)) is not None:
            return _already(story)
    page = await svc.fetcher.fetch(url)
    entry = FeedEntry(page.url, page.url, page.title, page.text, page.published, page.source)
    carried = await ingest_carried(uow_factory=svc.uow_factory, judge=svc.judge,
                                   clock=svc.clock, index=svc.index, story_id=story.id,
                                   entry=entry)
    if carried.outcome == "merged":
        return Reply(TextView(f'"{story.name}" already has that report from another outlet; '
                              f"{page.source} is recorded as carrying it too."))
    if carried.result is None:
        return _already(story)
    return _added(story, carried.result)


def _already(story: Story) -> Reply:
    return Reply(TextView(f'"{story.name}" already has that document; nothing changed.'))


def _added(story: Story, result: IngestResult) -> Reply:
    if result.duplicate:
        return _already(story)
    return Reply(TextView(
        f'Added to "{story.name}": {_count(len(result.new_claims), "new claim")}, '
        f'{_count(len(result.updates), "update")}.'))


async def source(rest: str, ctx: CommandContext, svc: Services) -> Reply:
    action, _, more = rest.partition(" ")
    action = action.lower()
    if action not in ("add", "list", "remove"):
        raise BadArguments("Use `/story source add|list|remove STORY [FEED-URL]`.")
    story, url = await _story(more, ctx, svc)
    async with svc.uow_factory() as uow:
        sources = await uow.sources.for_story(story.id)
        if action == "list":
            lines = [f"{s.url}{' (failing)' if s.failing else ''}" for s in sources]
            return Reply(TextView(f'Feeds of "{story.name}":\n' + "\n".join(lines) if lines
                                  else f'"{story.name}" reads no feed yet.'))
        if not _URL.match(url):
            raise BadArguments("Give the feed's full address, starting with http:// or https://.")
        match = [s for s in sources if s.url == url]
        if action == "remove":
            if not match:
                raise BadArguments(f'"{story.name}" does not read {url}.')
            await uow.sources.remove(match[0].id)
            text = f'"{story.name}" no longer reads {url}.'
        else:
            if match:
                return Reply(TextView(f'"{story.name}" already reads {url}.'))
            sid = identity.make_id("r", story.id, url, length=12)
            await uow.sources.add(Source(sid, story.id, url, ctx.user, svc.clock.now()))
            text = f'"{story.name}" now reads {url}.'
        await uow.commit()
    return Reply(TextView(text), private=False)


async def digest(rest: str, ctx: CommandContext, svc: Services) -> Reply:
    opts = parse_digest(rest)
    name = None
    if opts.story:
        story, _ = await _story(opts.story, ctx, svc)
        name = story.name
    if opts.mode is not None:
        await set_digest_mode(uow_factory=svc.uow_factory, workspace=ctx.workspace, name=name,
                              platform=ctx.platform, channel=ctx.channel,
                              always=opts.mode == "always")
        if not (opts.at or opts.tz or opts.now):
            return Reply(TextView("The daily digest comes here every day, even a quiet one."
                                  if opts.mode == "always" else
                                  "The daily digest skips days with no change."))
    if opts.at or opts.tz:
        subs = await story_uc.set_digest_time(
            uow_factory=svc.uow_factory, workspace=ctx.workspace, name=name,
            platform=ctx.platform, channel=ctx.channel, at=opts.at, tz=opts.tz)
        when = f"{subs[0].digest_time} {subs[0].digest_tz}"
        if not opts.now:
            return Reply(TextView(f"The daily digest comes here at {when}."))
    if not opts.now and not (opts.at or opts.tz):
        raise BadArguments("Use `/story digest now`, or set a time: `/story digest at 08:30 "
                           "tz Europe/Kyiv`.")
    view = await build_digest(uow_factory=svc.uow_factory, clock=svc.clock,
                              workspace=ctx.workspace, platform=ctx.platform,
                              channel=ctx.channel, story_name=name)
    if not view.stories:
        raise BadArguments("This channel follows no story yet: `/story follow STORY` first.")
    return Reply(view, private=False)


async def mark(rest: str, ctx: CommandContext, svc: Services) -> Reply:
    parts = rest.split(maxsplit=2)
    if len(parts) < 2:
        raise BadArguments("Use `/story mark CLAIM resolved|refuted|open [note]`.")
    claim = await claim_uc.mark_claim(
        uow_factory=svc.uow_factory, clock=svc.clock, workspace=ctx.workspace,
        claim_ref=parts[0], state=parts[1], by=ctx.user, note=parts[2] if len(parts) > 2 else "")
    return Reply(TextView(f"Marked {claim.id} {claim.state.value}: {claim.text}"), private=False)


async def mute(rest: str, ctx: CommandContext, svc: Services) -> Reply:
    story, more = await _story(rest, ctx, svc)
    duration = None
    if more:
        words = more.split(maxsplit=1)
        if words[0].lower() != "for" or len(words) < 2:
            raise BadArguments("Use `/story mute STORY` or `/story mute STORY for 2h`.")
        duration = parse_duration(words[1])
    _, until = await story_uc.mute_story(
        uow_factory=svc.uow_factory, clock=svc.clock, workspace=ctx.workspace, name=story.name,
        platform=ctx.platform, channel=ctx.channel, duration=duration)
    when = f" until {until:%Y-%m-%d %H:%M} UTC" if until else ""
    return Reply(TextView(f'Updates of "{story.name}" are muted here{when}.'))


async def _story(rest: str, ctx: CommandContext, svc: Services) -> tuple[Story, str]:
    async with svc.uow_factory() as uow:
        return await story_uc.split_story(uow, ctx.workspace, rest)


def _name(rest: str) -> str:
    name = unquote(rest) or rest.strip()
    if not name:
        raise BadArguments("Which story? Give its name; `/story list` shows them.")
    return name


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
