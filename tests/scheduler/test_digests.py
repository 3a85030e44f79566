"""Daily digests through the outbox, driven by a fake clock (never a sleep): they come at the
subscription's local time across both DST changes of Europe/Kyiv, once per local day (also on
the nights that skip or repeat an hour), skip quiet days unless asked, and post what changed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.commands import CommandContext, Services, handle_command
from bot.errors import DeliveryFailed
from bot.judgment.rules import RuleJudge
from bot.usecases.digest import enqueue_due_digests
from bot.usecases.outbox import deliver_outbox
from bot.views import DigestView
from tests.fakes import FakeClock, FakeUnitOfWorkFactory, RecordingNotifier

CTX = CommandContext("w1", "console", "newsroom", "ana")
CLAIM = ("Russia and Ukraine will exchange 1,000 prisoners each, Ukrainian officials said on "
         "Friday after the talks in Istanbul.")
DENIAL = ("The Kremlin said the exchange of 1,000 prisoners each has not happened and was "
          "called off, Kremlin spokesman Dmitry Peskov said.")


async def channel(start: datetime, digest: str) -> tuple[Services, FakeClock]:
    clock = FakeClock(start, step=timedelta(0))
    svc = Services(FakeUnitOfWorkFactory(), RuleJudge(), clock)
    for line in ("/story new Prisoner swap", "/story follow Prisoner swap", digest):
        await handle_command(line, CTX, svc)
    return svc, clock


async def fire_times(svc: Services, clock: FakeClock, days: int) -> list[str]:
    """Walk the clock in 5-minute steps; the UTC times at which a digest row appeared."""
    fired = []
    for _ in range(days * 24 * 12):
        clock.current += timedelta(minutes=5)
        if await enqueue_due_digests(uow_factory=svc.uow_factory, clock=clock):
            fired.append(f"{clock.current:%m-%d %H:%M}")
    return fired


async def test_digests_follow_kyiv_wall_clock_through_the_october_change():
    svc, clock = await channel(datetime(2025, 10, 23, 22, 0, tzinfo=UTC),
                               "/story digest at 08:30 tz Europe/Kyiv always")
    # 08:30 EEST is 05:30 UTC until 26 October; 08:30 EET is 06:30 UTC after it
    assert await fire_times(svc, clock, 5) == [
        "10-24 05:30", "10-25 05:30", "10-26 06:30", "10-27 06:30", "10-28 06:30"]


async def test_digests_follow_kyiv_wall_clock_through_the_march_change():
    svc, clock = await channel(datetime(2026, 3, 26, 22, 0, tzinfo=UTC),
                               "/story digest at 08:30 tz Europe/Kyiv always")
    assert await fire_times(svc, clock, 4) == [
        "03-27 06:30", "03-28 06:30", "03-29 05:30", "03-30 05:30"]


@pytest.mark.parametrize(("start", "expected"), [
    # 03:30 happens twice on 26 October 2025 (00:30 and 01:30 UTC): one digest, the first time
    (datetime(2025, 10, 25, 12, 0, tzinfo=UTC), ["10-26 00:30", "10-27 01:30"]),
    # 03:30 never happens on 29 March 2026: the digest comes at 04:30 local (01:30 UTC)
    (datetime(2026, 3, 28, 12, 0, tzinfo=UTC), ["03-29 01:30", "03-30 00:30"]),
])
async def test_a_repeated_or_skipped_local_time_gives_one_digest_that_day(start, expected):
    svc, clock = await channel(start, "/story digest at 03:30 tz Europe/Kyiv always")
    assert await fire_times(svc, clock, 2) == expected


async def test_a_quiet_day_posts_nothing_and_a_day_with_news_posts_what_changed():
    svc, clock = await channel(datetime(2025, 5, 16, 10, 0, tzinfo=UTC),
                               "/story digest at 09:00 tz UTC")
    notifier = RecordingNotifier()
    assert await fire_times(svc, clock, 1) == []  # 17 May: nothing happened
    await handle_command(f"/story add Prisoner swap {CLAIM}", CTX, svc)
    clock.current += timedelta(hours=1)
    await handle_command(f"/story add Prisoner swap {DENIAL}", CTX, svc)
    assert await fire_times(svc, clock, 1) == ["05-18 09:00"]
    report = await deliver_outbox(uow_factory=svc.uow_factory, notifiers={"console": notifier},
                                  clock=clock)
    assert report.posted == 1
    ((where, view),) = notifier.posts
    assert where == "newsroom" and isinstance(view, DigestView)
    (story,) = view.stories
    assert story.story == "Prisoner swap" and story.new and story.contradicted
    assert str(view.day) == "2025-05-18"
    assert (await deliver_outbox(uow_factory=svc.uow_factory, notifiers={"console": notifier},
                                 clock=clock)).posted == 0


async def test_a_digest_that_fails_is_retried_and_posted_once():
    svc, clock = await channel(datetime(2025, 5, 16, 10, 0, tzinfo=UTC),
                               "/story digest at 09:00 tz UTC always")
    await fire_times(svc, clock, 1)
    notifier = RecordingNotifier(fail=[DeliveryFailed("busy", permanent=False)])
    posted = []
    for _ in range(3):
        clock.current += timedelta(seconds=1)
        posted.append((await deliver_outbox(uow_factory=svc.uow_factory,
                                            notifiers={"console": notifier},
                                            clock=clock)).posted)
    assert posted == [0, 1, 0] and len(notifier.posts) == 1


async def test_the_quiet_and_always_options_are_saved_per_channel():
    svc, _ = await channel(datetime(2025, 5, 16, 10, 0, tzinfo=UTC), "/story digest quiet")
    reply = await handle_command("/story digest always", CTX, svc)
    assert "every day, even a quiet one" in reply.view.text  # type: ignore[union-attr]
    async with svc.uow_factory() as uow:
        (sub,) = await uow.subscriptions.all()
    assert sub.digest_always


async def test_a_channel_gets_one_digest_for_all_the_stories_it_follows():
    svc, clock = await channel(datetime(2025, 5, 16, 10, 0, tzinfo=UTC),
                               "/story digest at 09:00 tz UTC")
    other = CommandContext("w1", "console", "desk", "bo")
    for line in ("/story new Cease-fire", "/story follow Cease-fire",
                 "/story new Venue", "/story follow Venue"):
        await handle_command(line, CTX, svc)
    await handle_command("/story follow Cease-fire", other, svc)
    await handle_command("/story digest Venue at 18:00 tz UTC", CTX, svc)
    clock.current += timedelta(minutes=5)  # the news comes after the follows
    await handle_command(f"/story add Prisoner swap {CLAIM}", CTX, svc)
    await handle_command("/story add Cease-fire Russia and Ukraine agreed a 30-day cease-fire, "
                         "Ukrainian officials said after the talks.", CTX, svc)
    await handle_command("/story add Venue The next round of talks will be held in Istanbul, "
                         "Turkish officials said on Friday.", CTX, svc)
    assert await fire_times(svc, clock, 1) == ["05-16 18:00", "05-17 09:00"]
    notifier = RecordingNotifier()
    report = await deliver_outbox(uow_factory=svc.uow_factory, notifiers={"console": notifier},
                                  clock=clock)
    assert report.posted == 3
    posts = sorted((where, sorted(s.story for s in view.stories))  # type: ignore[attr-defined]
                   for where, view in notifier.posts)
    assert posts == [
        ("desk", ["Cease-fire"]),
        ("newsroom", ["Cease-fire", "Prisoner swap"]),  # one post for the channel's stories
        ("newsroom", ["Venue"]),  # a time of its own: a post of its own
    ]
    # the next day is quiet: nothing is written, and nothing is posted twice
    assert await fire_times(svc, clock, 1) == []
    assert (await deliver_outbox(uow_factory=svc.uow_factory, notifiers={"console": notifier},
                                 clock=clock)).posted == 0


async def test_each_story_of_a_channel_digest_keeps_its_own_window():
    svc, clock = await channel(datetime(2025, 5, 16, 10, 0, tzinfo=UTC),
                               "/story digest at 09:00 tz UTC")
    for line in ("/story new Cease-fire", "/story follow Cease-fire"):
        await handle_command(line, CTX, svc)
    clock.current += timedelta(minutes=5)  # the news comes after the follows
    await handle_command(f"/story add Prisoner swap {CLAIM}", CTX, svc)
    await handle_command("/story add Cease-fire Russia and Ukraine agreed a 30-day cease-fire, "
                         "Ukrainian officials said after the talks.", CTX, svc)
    clock.current += timedelta(hours=1)
    # someone asks for the swap's digest now: its changes so far are shown and not again
    reply = await handle_command("/story digest Prisoner swap now", CTX, svc)
    (now_part,) = reply.view.stories  # type: ignore[union-attr]
    assert now_part.new
    assert await fire_times(svc, clock, 1) == ["05-17 09:00"]
    notifier = RecordingNotifier()
    await deliver_outbox(uow_factory=svc.uow_factory, notifiers={"console": notifier},
                         clock=clock)
    ((_, view),) = notifier.posts
    parts = {s.story: s for s in view.stories}  # type: ignore[attr-defined]
    assert set(parts) == {"Prisoner swap", "Cease-fire"}
    assert parts["Cease-fire"].new and not parts["Prisoner swap"].new
    assert parts["Prisoner swap"].still_open  # still listed: what is still open


async def test_unfollowing_the_story_a_digest_goes_out_through_keeps_the_others():
    svc, clock = await channel(datetime(2025, 5, 16, 10, 0, tzinfo=UTC),
                               "/story digest at 09:00 tz UTC")
    for line in ("/story new Cease-fire", "/story follow Cease-fire"):
        await handle_command(line, CTX, svc)
    clock.current += timedelta(minutes=5)
    await handle_command(f"/story add Prisoner swap {CLAIM}", CTX, svc)
    await handle_command("/story add Cease-fire Russia and Ukraine agreed a 30-day cease-fire, "
                         "Ukrainian officials said after the talks.", CTX, svc)
    assert await fire_times(svc, clock, 1) == ["05-17 09:00"]
    async with svc.uow_factory() as uow:
        (row,) = await uow.outbox.due(clock.current)
        lead = await uow.subscriptions.by_id(row.subscription_id)
        assert lead is not None
        lead_story = await uow.stories.get(lead.story_id)
    assert lead_story is not None
    # the story the row goes out through is unfollowed before the digest is posted
    await handle_command(f"/story unfollow {lead_story.name}", CTX, svc)
    notifier = RecordingNotifier()
    report = await deliver_outbox(uow_factory=svc.uow_factory, notifiers={"console": notifier},
                                  clock=clock)
    assert report.posted == 1
    ((where, view),) = notifier.posts
    (left,) = {"Prisoner swap", "Cease-fire"} - {lead_story.name}
    assert where == "newsroom"
    assert [s.story for s in view.stories] == [left]  # type: ignore[attr-defined]
