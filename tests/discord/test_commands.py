"""``/story`` over the real gateway and CommandTree: definitions, replies, permissions, errors."""

from __future__ import annotations

import asyncio

from adapters.discord.commands import APOLOGY
from tests.discord.fake_discord import MANAGE_GUILD
from tests.discord.golden import assert_golden
from tests.discord.support import DOC_AGREEMENT, DOC_DISPUTE, EDITORS_A, Harness


async def test_sync_registers_the_story_group_with_typed_options(bot: Harness) -> None:
    synced = bot.fake.sent("PUT", r"/applications/\d+/commands")
    assert len(synced) == 1
    assert_golden("commands", synced[0].body)


async def test_new_story_is_announced_to_the_channel(bot: Harness) -> None:
    answer = await bot.slash("new", name="Prisoner swap", keywords="POW, Istanbul")
    assert answer.initial == {"type": 5, "data": {"flags": 64}}  # deferred, privately
    assert answer.public is not None
    assert answer.public["content"] == ('Created the story "Prisoner swap" (keywords: POW, '
                                        "Istanbul). `/story follow Prisoner swap` to get its "
                                        "updates here.")


async def test_status_and_history_show_the_disputed_claim(bot: Harness) -> None:
    await bot.slash("new", name="Prisoner swap")
    await bot.slash("add", story="Prisoner swap", document=DOC_AGREEMENT)
    added = await bot.slash("add", story="Prisoner swap", document=DOC_DISPUTE)
    assert added.public is None and "1 update" in added.text

    status = await bot.slash("status", story="Prisoner swap")
    assert status.public is None  # read commands answer only the caller
    embed = status.final["embeds"][0]  # type: ignore[index]
    assert embed["title"] == "Prisoner swap — status"
    assert "🟠 disputed" in embed["description"] and "the swap was just completed" in (
        embed["description"])
    assert "🔵 open" in embed["description"]

    claim_id = embed["description"].split("`")[1]
    history = await bot.slash("history", claim=claim_id)
    fields = history.final["embeds"][0]["fields"]  # type: ignore[index]
    assert any("⚠️ contradicts" in f["name"] and "> " in f["value"] for f in fields)
    assert "still under way and not complete" in history.text


async def test_mark_needs_manage_server_or_the_manager_role(bot: Harness) -> None:
    await bot.slash("new", name="Prisoner swap")
    await bot.slash("add", story="Prisoner swap", document=DOC_AGREEMENT)
    status = await bot.slash("status", story="Prisoner swap")
    claim_id = status.final["embeds"][0]["description"].split("`")[1]  # type: ignore[index]

    refused = await bot.slash("mark", claim=claim_id, state="refuted", permissions=0)
    assert refused.public is None
    assert "needs the Manage Server permission" in (refused.final or {})["content"]

    by_role = await bot.slash("mark", claim=claim_id, state="refuted", permissions=0,
                              roles=[EDITORS_A], note="called off")
    assert by_role.public is not None and f"Marked {claim_id} refuted" in by_role.text

    by_admin = await bot.slash("mark", claim=claim_id, state="open",
                               permissions=MANAGE_GUILD)
    assert by_admin.public is not None and f"Marked {claim_id} open" in by_admin.text


async def test_read_commands_work_without_permissions(bot: Harness) -> None:
    await bot.slash("new", name="Prisoner swap")
    listing = await bot.slash("list", permissions=0)
    assert "**Prisoner swap** · 0 open claims" in listing.text


async def test_unknown_story_is_answered_privately_in_plain_words(bot: Harness) -> None:
    answer = await bot.slash("status", story="Nothing here")
    assert answer.public is None
    assert answer.final == {"content": 'There is no story called "Nothing here" here. Try '
                                       "`/story list`.", "embeds": [], "tts": False,
                            "allowed_mentions": {"parse": []}}


async def test_defer_is_sent_before_slow_work(bot: Harness) -> None:
    fetcher = bot.fetcher
    await bot.slash("new", name="Prisoner swap")
    fetcher.release.clear()
    callbacks = r"/interactions/\d+/[^/]+/callback"
    before = len(bot.fake.sent("POST", callbacks))
    pending = asyncio.create_task(
        bot.slash("add", story="Prisoner swap", document="https://example.org/swap"))
    deferred = await bot.fake.wait_for(
        lambda: bot.fake.sent("POST", callbacks)[before:] or None)
    assert deferred[0].body["type"] == 5  # acknowledged while the fetch still waits
    assert not pending.done()
    fetcher.release.set()
    answer = await pending
    assert "1 new claim" in answer.text


async def test_unexpected_error_gets_a_plain_apology(bot: Harness) -> None:
    bot.fetcher.fail_with = RuntimeError("secret internals: token=abc")
    await bot.slash("new", name="Prisoner swap")
    answer = await bot.slash("add", story="Prisoner swap", document="https://example.org/x")
    assert answer.final is not None and answer.final["content"] == APOLOGY
    assert "secret" not in answer.text


async def test_autocomplete_offers_story_names_and_claim_ids(bot: Harness) -> None:
    await bot.slash("new", name="Prisoner swap")
    await bot.slash("new", name="Ceasefire talks")
    await bot.slash("add", story="Prisoner swap", document=DOC_AGREEMENT)
    names = await bot.autocomplete("status", "story", story="pri")
    assert names == [{"name": "Prisoner swap", "value": "Prisoner swap"}]
    claims = await bot.autocomplete("history", "claim", claim="")
    assert len(claims) == 1 and "exchange 1,000 prisoners" in claims[0]["name"]
