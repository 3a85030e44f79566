"""Delivering updates and digests through ``SlackNotifier`` against the fake Web API: retries on
429 and 5xx, permanent and transient failures, broadcast, digests as top-level posts."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.domain.model import OutboxMessage
from bot.usecases.delivery import DeliveryReport
from bot.usecases.digest import build_digest, enqueue_digests_now
from bot.usecases.outbox import deliver_outbox
from tests.slack.conftest import MakeHarness
from tests.slack.support import SECOND, Harness, start_story, text_of


async def story_with_pending_update(h: Harness) -> None:
    await start_story(h)
    added = await h.command(f"add Prisoner swap {SECOND}")
    assert "1 update" in text_of(added)


async def deliver_outbox_losing_the_first_answer(
    h: Harness,
) -> tuple[DeliveryReport, DeliveryReport]:
    """Slack stores the outbox's post but the answer is lost; a minute later, the retry."""
    h.fake.fail("chat.postMessage", 200, error="fatal_error", stored=True)
    notifiers = {"slack": h.runner.notifier}
    lost = await deliver_outbox(uow_factory=h.services.uow_factory, notifiers=notifiers,
                                clock=h.clock)
    h.clock.current += timedelta(minutes=1)
    retried = await deliver_outbox(uow_factory=h.services.uow_factory, notifiers=notifiers,
                                   clock=h.clock)
    return lost, retried


def replies(h: Harness) -> list[dict[str, object]]:
    return [p for p in h.fake.posts("C1") if "thread_ts" in p]


async def test_rate_limited_post_is_retried_and_delivered_once(harness: Harness) -> None:
    await story_with_pending_update(harness)
    harness.fake.fail("chat.postMessage", 429, retry_after=1)

    first = await harness.deliver()
    again = await harness.deliver()

    assert [c.status for c in harness.fake.calls if c.method == "chat.postMessage"] == [
        429, 200, 200]
    assert (first.posted, again.posted) == (1, 0)
    assert len(replies(harness)) == 1


async def test_a_post_answered_with_a_server_error_is_retried_after_looking_for_it(
    harness: Harness,
) -> None:
    await story_with_pending_update(harness)
    # Slack may have taken a post it answers 500 to: the client does not repost at once
    harness.fake.fail("chat.postMessage", 500, times=1, replies_only=True)

    failed = await harness.deliver()
    retried = await harness.deliver()

    assert (failed.failed, failed.paused, retried.posted) == (1, 0, 1)
    assert len(harness.fake.ok_calls("conversations.replies")) == 1  # looked, found none
    assert len(replies(harness)) == 1


async def test_server_errors_that_persist_leave_the_update_for_later_rounds(
    harness: Harness,
) -> None:
    await story_with_pending_update(harness)
    harness.fake.fail("chat.postMessage", 503, times=3)

    rounds = []
    for _ in range(4):
        rounds.append(await harness.deliver())
        harness.clock.current += timedelta(minutes=1)  # past the backoff

    assert [(r.failed, r.paused, r.posted) for r in rounds] == [(1, 0, 0)] * 3 + [(0, 0, 1)]
    assert len(replies(harness)) == 1
    assert len([p for p in harness.fake.posts("C1") if "thread_ts" not in p]) == 1  # one parent


async def test_a_thread_parent_whose_answer_was_lost_is_found_not_posted_again(
    harness: Harness,
) -> None:
    await story_with_pending_update(harness)
    harness.fake.fail("chat.postMessage", 200, error="fatal_error", stored=True)

    lost = await harness.deliver()
    retried = await harness.deliver()

    assert lost.failed == 1 and retried.posted == 1
    (parent,) = [m for m in harness.fake.messages if "thread_ts" not in m]
    assert [r["thread_ts"] for r in replies(harness)] == [parent["ts"]]


@pytest.mark.parametrize("error", ["channel_not_found", "not_in_channel", "is_archived",
                                   "account_inactive", "invalid_auth", "token_revoked"])
async def test_permanent_slack_error_pauses_the_channel_and_status_says_why(
    harness: Harness, error: str,
) -> None:
    await story_with_pending_update(harness)
    harness.fake.fail("chat.postMessage", 200, error=error)

    report = await harness.deliver()
    status = text_of(await harness.command("status Prisoner swap"))

    assert report.paused == 1
    assert "Updates to this channel are paused: Slack refused the post" in status
    assert error not in status  # plain words, not Slack's codes


async def test_broadcast_channel_gets_thread_replies_sent_to_the_channel_too(
    make_harness: MakeHarness,
) -> None:
    h = await make_harness(broadcast_channels=["C1"])
    await story_with_pending_update(h)

    await h.deliver()

    assert [r["reply_broadcast"] for r in replies(h)] == [True]


async def test_digest_is_a_top_level_post(harness: Harness) -> None:
    await story_with_pending_update(harness)
    view = await build_digest(uow_factory=harness.services.uow_factory, clock=harness.clock,
                              workspace="T1", platform="slack", channel="C1")
    async with harness.services.uow_factory() as uow:
        story = (await uow.stories.in_workspace("T1"))[0]
        subscription = await uow.subscriptions.get(story.id, "slack", "C1")
    assert subscription is not None

    ref = await harness.runner.notifier.post_digest(subscription, view)

    posted = harness.fake.posts("C1")[-1]
    assert "thread_ts" not in posted
    assert ref.startswith("C1/")
    assert "Daily digest" in text_of(posted) and "*Prisoner swap*" in text_of(posted)


async def test_notice_is_posted_in_the_channel_with_text_escaped(harness: Harness) -> None:
    await start_story(harness)
    async with harness.services.uow_factory() as uow:
        (sub,) = await uow.subscriptions.all()
    await harness.runner.notifier.post_notice(sub, "The feed <https://feeds.test/rss> is failing")
    notices = [p for p in harness.fake.posts("C1") if "thread_ts" not in p
               and "is failing" in str(p.get("text"))]
    assert [n["text"] for n in notices] == [
        "The feed &lt;https://feeds.test/rss&gt; is failing"]


async def test_an_update_slack_took_but_whose_answer_was_lost_is_found_not_posted_again(
    harness: Harness,
) -> None:
    await story_with_pending_update(harness)
    # Slack keeps the reply but the answer says it failed (as a crash after the post would)
    harness.fake.fail("chat.postMessage", 200, error="fatal_error", stored=True,
                      replies_only=True)

    lost = await harness.deliver()
    (parent,) = [m["ts"] for m in harness.fake.messages if "thread_ts" not in m]
    assert lost.failed == 1 and len(harness.fake.thread("C1", parent)) == 1
    retried = await harness.deliver()

    assert (retried.posted, retried.recovered, retried.failed) == (0, 1, 0)
    (reply,) = harness.fake.thread("C1", parent)  # still one reply
    assert reply["metadata"]["event_type"] == "storywatch_post"
    (lookup,) = harness.fake.ok_calls("conversations.replies")
    assert lookup.params["ts"] == parent and lookup.params["include_all_metadata"] in ("1", "true")
    assert (await harness.deliver()).posted == 0  # recorded as delivered


async def test_a_digest_whose_answer_was_lost_is_found_in_the_channel(harness: Harness) -> None:
    await story_with_pending_update(harness)
    await harness.command("digest now")  # replies in the channel, not through the outbox
    async with harness.services.uow_factory() as uow:
        (sub,) = await uow.subscriptions.all()
    await enqueue_digests_now(uow_factory=harness.services.uow_factory, clock=harness.clock,
                              subscriptions=[sub])
    lost, retried = await deliver_outbox_losing_the_first_answer(harness)

    assert lost.failed == 1 and (retried.posted, retried.recovered) == (0, 1)
    digests = [m for m in harness.fake.messages if "Daily digest" in text_of(m)
               and m.get("metadata")]
    assert len(digests) == 1
    assert len(harness.fake.ok_calls("conversations.history")) == 1


async def test_a_notice_whose_answer_was_lost_is_found_in_the_channel(harness: Harness) -> None:
    await start_story(harness)
    async with harness.services.uow_factory() as uow:
        (sub,) = await uow.subscriptions.all()
        await uow.outbox.add(OutboxMessage("n-feed-failing", sub.id, "notice", harness.clock.now(),
                                           text="The feed https://feeds.test/rss is failing"))
        await uow.commit()
    lost, retried = await deliver_outbox_losing_the_first_answer(harness)

    assert lost.failed == 1 and (retried.posted, retried.recovered) == (0, 1)
    notices = [m for m in harness.fake.messages if "is failing" in text_of(m)]
    assert len(notices) == 1
    assert notices[0]["metadata"]["event_type"] == "storywatch_post"
    assert len(harness.fake.ok_calls("conversations.history")) == 1


async def test_without_the_history_scopes_posts_still_go_out(harness: Harness) -> None:
    # an installation from before the history scopes were asked for
    for method in ("conversations.history", "conversations.replies"):
        harness.fake.fail(method, 200, error="missing_scope", times=10)
    await story_with_pending_update(harness)
    harness.fake.fail("chat.postMessage", 500, times=1, replies_only=True)

    first = await harness.deliver()
    retried = await harness.deliver()

    assert (first.failed, retried.posted, retried.failed) == (1, 1, 0)
    assert len(replies(harness)) == 1
    assert [c.result["error"] for c in harness.fake.calls
            if c.method.startswith("conversations.")] == ["missing_scope"] * 2
