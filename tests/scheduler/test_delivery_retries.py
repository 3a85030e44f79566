"""The outbox under failure: transient failures retried with growing waits, a permanent one
pauses the channel, and a post claimed by a process that then died is retried with the same
idempotency key, so a platform that honours keys shows it once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.commands import CommandContext, Services, handle_command
from bot.domain.model import Subscription
from bot.errors import DeliveryFailed
from bot.judgment.rules import RuleJudge
from bot.usecases.delivery import CLAIM_LEASE, deliver_updates, delivery_key
from bot.views import StatusView, UpdateView
from tests.fakes import FakeClock, FakeUnitOfWorkFactory, RecordingNotifier

CTX = CommandContext("w1", "console", "newsroom", "ana")
T0 = datetime(2025, 5, 16, 12, 0, tzinfo=UTC)
CLAIM = ("Russia and Ukraine will exchange 1,000 prisoners each, Ukrainian officials said on "
         "Friday after the talks in Istanbul.")
DENIAL = ("The Kremlin said the exchange of 1,000 prisoners each has not happened and was "
          "called off, Kremlin spokesman Dmitry Peskov said.")


async def story_with_update() -> tuple[Services, FakeClock]:
    clock = FakeClock(T0, step=timedelta(0))
    svc = Services(FakeUnitOfWorkFactory(), RuleJudge(), clock)
    for line in ("/story new Prisoner swap", "/story follow Prisoner swap",
                 f"/story add Prisoner swap {CLAIM}", f"/story add Prisoner swap {DENIAL}"):
        clock.current += timedelta(seconds=1)
        await handle_command(line, CTX, svc)
    return svc, clock


async def deliver(svc: Services, notifier: object) -> tuple[int, int]:
    report = await deliver_updates(uow_factory=svc.uow_factory,
                                   notifiers={"console": notifier},  # type: ignore[dict-item]
                                   clock=svc.clock)
    return report.posted, report.failed


async def test_a_transient_failure_is_retried_after_a_growing_wait():
    svc, clock = await story_with_update()
    busy = DeliveryFailed("Busy; it will be retried.", permanent=False)
    notifier = RecordingNotifier(fail=[busy, busy, busy])
    tries = []
    for step in (0, 0, 1, 1, 1, 1, 1, 1, 1, 1):
        clock.current += timedelta(seconds=step)
        tries.append(await deliver(svc, notifier))
    # waits of 1 s, 2 s and 4 s after the first, second and third failure
    assert tries == [(0, 1), (0, 0), (0, 1), (0, 0), (0, 1), (0, 0), (0, 0), (0, 0), (1, 0),
                     (0, 0)]
    assert len(notifier.posts) == 1 and isinstance(notifier.posts[0][1], UpdateView)


async def test_a_permanent_failure_pauses_the_channel_and_status_says_why():
    svc, _ = await story_with_update()
    gone = DeliveryFailed("the channel no longer exists", permanent=True)
    assert await deliver(svc, RecordingNotifier(fail=gone)) == (0, 1)
    assert await deliver(svc, RecordingNotifier()) == (0, 0)
    status = (await handle_command("/story status Prisoner swap", CTX, svc)).view
    assert isinstance(status, StatusView)
    assert status.notices == ["Updates to this channel are paused: the channel no longer exists"]
    await handle_command("/story follow Prisoner swap", CTX, svc)  # resumes; backlog posts
    assert await deliver(svc, RecordingNotifier()) == (1, 0)


class KeyedSink:
    """A platform that keeps one post per idempotency key (like Discord's enforced nonce)."""

    platform = "console"
    idempotency_keys = True

    def __init__(self) -> None:
        self.received: list[str] = []
        self.kept: dict[str, str] = {}

    async def post_update(self, subscription: Subscription, view: UpdateView, *,
                          idempotency_key: str) -> str:
        self.received.append(idempotency_key)
        return self.kept.setdefault(idempotency_key, f"m{len(self.kept) + 1}")

    async def post_digest(self, subscription, view, *, idempotency_key):  # type: ignore[no-untyped-def]
        raise AssertionError("no digest expected")


async def test_a_post_claimed_before_a_crash_is_retried_after_the_lease_with_the_same_key():
    svc, clock = await story_with_update()
    sink = KeyedSink()
    async with svc.uow_factory() as uow:
        (pending,) = await uow.updates.pending()
    # the crashed process had claimed the pair and the platform had taken the post
    key = delivery_key(pending.update.id, pending.subscription.id)
    sink.kept[key] = "m-before-crash"
    async with svc.uow_factory() as uow:
        await uow.updates.record_attempt(pending.update.id, pending.subscription.id, attempts=1,
                                         next_attempt_at=clock.current + CLAIM_LEASE,
                                         in_flight=True)
        await uow.commit()
    assert await deliver(svc, sink) == (0, 0)  # the claim is still live
    clock.current += CLAIM_LEASE
    assert await deliver(svc, sink) == (1, 0)
    assert sink.received == [key] and list(sink.kept.values()) == ["m-before-crash"]
    assert await deliver(svc, sink) == (0, 0)
