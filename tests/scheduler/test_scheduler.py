"""The scheduler as the lead runs it: four static jobs with explicit ids that never pile up,
started in the running loop, and a clean stop that closes the HTTP client. One job round is
run for real against a SQLite file and a feed on 127.0.0.1: the feed's items reach the
following channel as posts."""

from __future__ import annotations

from dataclasses import replace

from apscheduler.triggers.interval import IntervalTrigger

from bot.commands import CommandContext, Services, handle_command
from bot.judgment.rules import RuleJudge
from runtime.config import Settings, SourcesSettings
from runtime.scheduler import JOB_IDS, build_scheduler
from storage import Database
from tests.fakes import FakeClock, RecordingNotifier
from tests.sources.server import LocalWeb, item, rss

CTX = CommandContext("w1", "console", "newsroom", "ana")
CLAIM = ("Russia and Ukraine will exchange 1,000 prisoners each, Ukrainian officials said on "
         "Friday after the talks in Istanbul.")
DENIAL = ("The Kremlin said the exchange of 1,000 prisoners each has not happened and was "
          "called off, Kremlin spokesman Dmitry Peskov said.")


def settings() -> Settings:
    return replace(Settings(), sources=SourcesSettings(allow_private_networks=True))


async def test_the_four_jobs_have_ids_coalesce_and_never_overlap(sqlite_url: str):
    db = Database(sqlite_url)
    svc = Services(db.uow_factory, RuleJudge(), FakeClock())
    scheduler = build_scheduler(settings(), svc, {"console": RecordingNotifier()})
    scheduler.start()
    try:
        jobs = {job.id: job for job in scheduler.get_jobs()}
        assert sorted(jobs) == sorted(JOB_IDS)
        for job in jobs.values():
            assert job.coalesce and job.max_instances == 1
            assert isinstance(job.trigger, IntervalTrigger)
        assert jobs["deliver_outbox"].trigger.interval.total_seconds() == 1.0
    finally:
        await scheduler.aclose()
        await db.dispose()
    assert not scheduler.running


async def test_one_round_of_jobs_turns_feed_items_into_posts(sqlite_url: str, web: LocalWeb):
    db = Database(sqlite_url)
    await db.migrate()
    svc = Services(db.uow_factory, RuleJudge(), FakeClock())
    notifier = RecordingNotifier()
    for line in ("/story new Prisoner swap", "/story follow Prisoner swap",
                 f"/story source add Prisoner swap {web.url('/feed.xml')}"):
        await handle_command(line, CTX, svc)
    web.feed = rss([item(1, CLAIM, "https://news.test/a"), item(2, DENIAL, "https://news.test/b")])
    scheduler = build_scheduler(settings(), svc, {"console": notifier})
    try:
        await scheduler.jobs.poll_sources()
        await scheduler.jobs.deliver_outbox()
        await scheduler.jobs.deliver_outbox()
    finally:
        await scheduler.aclose()
        await db.dispose()
    assert len(notifier.posts) == 1
    assert notifier.posts[0][1].kind.value == "contradicts"  # type: ignore[union-attr]
