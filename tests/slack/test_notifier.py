"""Delivering updates and digests through ``SlackNotifier`` against the fake Web API: retries on
429 and 5xx, permanent and transient failures, broadcast, digests as top-level posts."""

from __future__ import annotations

import pytest

from bot.usecases.digest import build_digest
from tests.slack.conftest import MakeHarness
from tests.slack.support import SECOND, Harness, start_story, text_of


async def story_with_pending_update(h: Harness) -> None:
    await start_story(h)
    added = await h.command(f"add Prisoner swap {SECOND}")
    assert "1 update" in text_of(added)


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


async def test_server_error_is_retried(harness: Harness) -> None:
    await story_with_pending_update(harness)
    harness.fake.fail("chat.postMessage", 500, times=1)

    report = await harness.deliver()

    assert report.posted == 1 and report.failed == 0
    assert len(replies(harness)) == 1


async def test_server_error_that_persists_leaves_the_update_for_the_next_round(
    harness: Harness,
) -> None:
    await story_with_pending_update(harness)
    harness.fake.fail("chat.postMessage", 503, times=3)

    failed = await harness.deliver()
    retried = await harness.deliver()

    assert (failed.failed, failed.paused) == (1, 0)
    assert retried.posted == 1
    assert len(replies(harness)) == 1


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
