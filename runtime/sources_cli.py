"""``storywatch poll --once``, ``storywatch digest --now`` and ``storywatch backfill``: the
source and digest jobs run by hand, on the configured database.

``poll --once`` reads every source now, whatever its schedule, and names each failing one by
URL. ``digest --now`` writes a digest for every followed story (or one channel's) to the
outbox and posts the console's; Slack's and Discord's go out from the running bot
(``storywatch run``) within seconds. ``backfill`` reads a feed once into a story, with a
progress bar."""

from __future__ import annotations

import argparse
from collections import Counter

from rich.progress import Progress

from adapters.console.notifier import ConsoleNotifier
from adapters.web.client import SafeHttp
from adapters.web.feeds import HttpFeedReader
from bot.commands import Services
from bot.errors import StorywatchError
from bot.usecases.digest import enqueue_digests_now
from bot.usecases.outbox import deliver_outbox
from bot.usecases.polling import ingest_entry, poll_due_sources
from runtime.config import Settings
from runtime.scheduler import make_http, make_polling
from runtime.wiring import make_services, open_database, open_services


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    poll = sub.add_parser("poll", help="read every feed source now and report failing ones")
    poll.add_argument("--once", action="store_true", required=True,
                      help="poll once and exit (continuous polling is `storywatch run`)")
    poll.set_defaults(func=run_poll)
    digest = sub.add_parser("digest", help="post the daily digest now")
    digest.add_argument("--now", action="store_true", required=True, help="post it now")
    digest.add_argument("--channel", help="only this channel (default: every channel)")
    digest.add_argument("--workspace", help="only this workspace")
    digest.add_argument("--platform", help="only this platform (console, slack, discord)")
    digest.set_defaults(func=run_digest)
    backfill = sub.add_parser("backfill", help="read a feed's items into a story once")
    backfill.add_argument("story", help="the story's name")
    backfill.add_argument("feed_url", help="the feed's address (RSS or Atom)")
    backfill.add_argument("--workspace", default="local", help="workspace (default: local)")
    backfill.set_defaults(func=run_backfill)


async def run_poll(args: argparse.Namespace, settings: Settings) -> int:
    http = make_http(settings.sources)
    try:
        async with open_services(settings) as (_, svc):
            polling = make_polling(settings, svc, HttpFeedReader(http))
            outcomes = await poll_due_sources(polling, force=True)
    finally:
        await http.aclose()
    for o in outcomes:
        what = "not modified" if o.not_modified else (
            f"{o.new} new, {o.duplicates} already in, {o.merged} merged as another source")
        print(f"{o.url}: {o.error or what}")
    failing = [o for o in outcomes if o.error]
    print(f"{len(outcomes)} source(s) polled, {sum(o.new for o in outcomes)} new document(s).")
    for o in failing:
        print(f"FAILING{' (marked failing)' if o.failing else ''}: {o.url} — {o.error}")
    return 1 if failing else 0


async def run_digest(args: argparse.Namespace, settings: Settings) -> int:
    db = await open_database(settings.database.url)
    try:
        svc = make_services(db, settings)
        async with svc.uow_factory() as uow:
            subs = [s for s in await uow.subscriptions.all() if not s.paused_reason
                    and args.channel in (None, s.channel)
                    and args.workspace in (None, s.workspace)
                    and args.platform in (None, s.platform)]
        written = await enqueue_digests_now(uow_factory=svc.uow_factory, clock=svc.clock,
                                            subscriptions=subs)
        report = await deliver_outbox(uow_factory=svc.uow_factory,
                                      notifiers={"console": ConsoleNotifier()}, clock=svc.clock)
    finally:
        await db.dispose()
    waiting = len({(s.platform, s.workspace, s.channel) for s in subs if s.platform != "console"})
    print(f"{written} digest(s) written; {report.posted} posted here"
          + (f", {waiting} queued for the running bot." if waiting else "."))
    return 0 if written else 1


async def run_backfill(args: argparse.Namespace, settings: Settings) -> int:
    http = make_http(settings.sources)
    async with open_services(settings) as (_, svc):
        try:
            return await _backfill(args, settings, svc, http)
        finally:
            await http.aclose()


async def _backfill(args: argparse.Namespace, settings: Settings, svc: Services,
                    http: SafeHttp) -> int:
    async with svc.uow_factory() as uow:
        story = await uow.stories.by_name(args.workspace, args.story)
    if story is None:
        print(f'storywatch: there is no story "{args.story}" in workspace {args.workspace}.')
        return 1
    polling = make_polling(settings, svc, HttpFeedReader(http))
    try:
        page = await polling.reader.read(args.feed_url)
    except StorywatchError as err:
        print(f"storywatch: {args.feed_url}: {err.user_message}")
        return 1
    counts: Counter[str] = Counter()
    with Progress() as progress:
        task = progress.add_task(f"Backfilling {story.name}", total=len(page.entries))
        for entry in sorted(page.entries, key=lambda e: (e.published is None, e.published)):
            counts[await ingest_entry(polling, story.id, entry)] += 1
            progress.advance(task)
    print(f"{counts['new']} new, {counts['duplicates']} already in, {counts['merged']} merged as "
          f"another source, {counts['skipped']} skipped.")
    return 0
