"""Updates reach the story's thread through the real client; failures pause or retry."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.model import OutboxMessage
from bot.usecases.outbox import deliver_outbox
from tests.discord.support import DOC_AGREEMENT, DOC_DISPUTE, NEWS_A, Harness

THREADS = rf"/channels/{NEWS_A}/threads"
MISSING_ACCESS = {"message": "Missing Access", "code": 50001}
DOC_CONFIRMED = ("Russia and Ukraine both confirmed that the exchange of 1,000 prisoners of war "
                 "each was completed on Sunday, the Ukrainian Defense Ministry and the Russian "
                 "Defense Ministry said.")


async def _story_with_dispute(bot: Harness) -> None:
    await bot.slash("new", name="Prisoner swap")
    await bot.slash("follow", story="Prisoner swap")
    await bot.slash("add", story="Prisoner swap", document=DOC_AGREEMENT)
    await bot.slash("add", story="Prisoner swap", document=DOC_DISPUTE)


def _thread_posts(bot: Harness) -> list[dict]:  # type: ignore[type-arg]
    return [m for tid in bot.fake.threads for m in bot.fake.messages.get(tid, [])]


async def test_contradicting_document_posts_an_update_in_the_story_thread(bot: Harness) -> None:
    await _story_with_dispute(bot)
    report = await bot.deliver()
    assert report.posted == 1

    created = bot.fake.sent("POST", THREADS)
    assert [r.body["name"] for r in created] == ["Prisoner swap"]
    assert created[0].body["type"] == 11  # a public thread
    [post] = _thread_posts(bot)
    embed = post["embeds"][0]
    assert embed["title"] == "⚠️ Contradicted: the swap was just completed"
    assert "> A senior Ukrainian official said the exchange was still under way" in (
        embed["description"])
    assert {"name": "Now", "value": embed["fields"][1]["value"], "inline": False} in (
        embed["fields"])
    assert embed["fields"][1]["value"].startswith("🟠 disputed — ")
    assert NEWS_A not in bot.fake.messages  # nothing in the channel itself

    again = await bot.deliver()
    assert again.posted == 0 and len(_thread_posts(bot)) == 1  # posted once


async def test_later_updates_reuse_the_thread(bot: Harness) -> None:
    await _story_with_dispute(bot)
    await bot.deliver()
    await bot.slash("add", story="Prisoner swap", document=DOC_CONFIRMED)
    report = await bot.deliver()
    assert report.posted >= 1
    assert len(bot.fake.sent("POST", THREADS)) == 1
    assert len(_thread_posts(bot)) == 1 + report.posted


async def test_missing_access_pauses_the_subscription_and_status_says_why(bot: Harness) -> None:
    await _story_with_dispute(bot)
    bot.fake.fail("POST", THREADS, 403, MISSING_ACCESS)
    report = await bot.deliver()
    assert (report.posted, report.paused) == (0, 1)

    status = await bot.slash("status", story="Prisoner swap")
    assert "⏸️ Updates to this channel are paused: the bot may no longer post in " in (
        status.text)
    assert bot.client.is_ready()  # no crash: the bot still answers
    again = await bot.slash("follow", story="Prisoner swap")  # following again resumes
    assert "already follows" in again.text
    assert (await bot.deliver()).posted == 1


async def test_rate_limit_is_waited_out_and_the_update_posted_once(bot: Harness) -> None:
    await _story_with_dispute(bot)
    limited = {"message": "You are being rate limited.", "retry_after": 0.05, "global": False,
               "code": 0}
    bot.fake.fail("POST", r"/channels/\d+/messages", 429, limited)
    report = await bot.deliver()
    assert report.posted == 1
    assert len(bot.fake.sent("POST", r"/channels/\d+/messages")) == 2  # the 429, then the post
    assert len(_thread_posts(bot)) == 1


async def test_server_error_keeps_the_update_for_the_next_round(bot: Harness) -> None:
    await _story_with_dispute(bot)
    bot.fake.fail("POST", r"/channels/\d+/messages", 503,
                  {"message": "Service Unavailable", "code": 0})
    first = await bot.deliver()
    assert (first.posted, first.failed, first.paused) == (0, 1, 0)
    second = await bot.deliver()
    assert second.posted == 1 and len(_thread_posts(bot)) == 1


async def test_a_post_discord_took_but_did_not_confirm_is_not_posted_twice(bot: Harness) -> None:
    """The reply to the post is lost (crash, dropped connection): the outbox tries again, with
    the same nonce, and Discord hands back the message it already has."""
    await _story_with_dispute(bot)
    bot.fake.lose_response("POST", r"/channels/\d+/messages")
    first = await bot.deliver()
    assert (first.posted, first.failed) == (0, 1)
    assert len(_thread_posts(bot)) == 1  # Discord has it; we do not know
    second = await bot.deliver()
    assert second.posted == 1
    assert len(_thread_posts(bot)) == 1  # not posted twice
    tries = bot.fake.sent("POST", r"/channels/\d+/messages")
    assert len(tries) == 2
    assert tries[0].body["nonce"] == tries[1].body["nonce"]
    assert tries[1].body["enforce_nonce"] is True


async def test_a_notice_discord_took_but_did_not_confirm_is_not_posted_twice(
    bot: Harness,
) -> None:
    await bot.slash("new", name="Prisoner swap")
    await bot.slash("follow", story="Prisoner swap")
    async with bot.services.uow_factory() as uow:
        (sub,) = await uow.subscriptions.all()
        await uow.outbox.add(OutboxMessage("n-feed-failing", sub.id, "notice",
                                           bot.services.clock.now(),
                                           text="The feed https://feeds.test/rss is failing"))
        await uow.commit()
    notifiers = {"discord": bot.client.notifier}
    bot.fake.lose_response("POST", r"/channels/\d+/messages")

    first = await deliver_outbox(uow_factory=bot.services.uow_factory, notifiers=notifiers,
                                 clock=bot.services.clock)
    bot.services.clock.current += timedelta(minutes=1)
    second = await deliver_outbox(uow_factory=bot.services.uow_factory, notifiers=notifiers,
                                  clock=bot.services.clock)

    assert (first.failed, second.posted) == (1, 1)
    notices = [m for m in bot.fake.messages.get(NEWS_A, []) if "is failing" in m.get("content", "")]
    assert len(notices) == 1
    tries = bot.fake.sent("POST", r"/channels/\d+/messages")
    assert len(tries) == 2 and tries[0].body["nonce"] == tries[1].body["nonce"]


async def test_deleted_thread_is_replaced(bot: Harness) -> None:
    await _story_with_dispute(bot)
    await bot.deliver()
    [old] = list(bot.fake.threads)
    bot.fake.fail("POST", rf"/channels/{old}/messages", 404,
                  {"message": "Unknown Channel", "code": 10003})
    await bot.slash("add", story="Prisoner swap", document=DOC_CONFIRMED)
    report = await bot.deliver()
    assert report.paused == 0 and report.posted >= 1
    assert len(bot.fake.sent("POST", THREADS)) == 2


async def test_digest_now_is_posted_in_the_channel(bot: Harness) -> None:
    await _story_with_dispute(bot)
    answer = await bot.slash("digest", now=True)
    assert answer.public is not None
    embed = answer.public["embeds"][0]
    assert embed["title"].startswith("Daily digest — ")
    assert embed["fields"][0]["name"] == "Prisoner swap"
    assert "⚠️ contradicted: 🟠 disputed" in embed["fields"][0]["value"]


async def test_notice_is_posted_in_the_channel(bot: Harness) -> None:
    await bot.slash("new", name="Prisoner swap")
    await bot.slash("follow", story="Prisoner swap")
    async with bot.services.uow_factory() as uow:
        (sub,) = await uow.subscriptions.all()
    await bot.client.notifier.post_notice(sub, "The feed https://feeds.test/rss is failing")
    assert [m["content"] for m in bot.fake.messages.get(NEWS_A, [])
            if "is failing" in m.get("content", "")] == [
        "The feed https://feeds.test/rss is failing"]
