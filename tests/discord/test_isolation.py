"""Every query is scoped to the guild: two servers never see each other's stories."""

from __future__ import annotations

from tests.discord.support import DOC_AGREEMENT, GUILD_B, NEWS_B, Harness


async def test_two_guilds_never_see_each_others_stories(bot: Harness) -> None:
    await bot.slash("new", name="Prisoner swap")
    await bot.slash("add", story="Prisoner swap", document=DOC_AGREEMENT)
    status = await bot.slash("status", story="Prisoner swap")
    claim_id = status.final["embeds"][0]["description"].split("`")[1]  # type: ignore[index]

    listing = await bot.slash("list", guild=GUILD_B, channel=NEWS_B)
    assert "No stories yet" in listing.text
    elsewhere = await bot.slash("status", story="Prisoner swap", guild=GUILD_B, channel=NEWS_B)
    assert 'There is no story called "Prisoner swap" here.' in elsewhere.text
    history = await bot.slash("history", claim=claim_id, guild=GUILD_B, channel=NEWS_B)
    assert f'There is no claim "{claim_id}" here.' in history.text
    names = await bot.autocomplete("status", "story", guild=GUILD_B, channel=NEWS_B, story="")
    assert names == []


async def test_the_same_story_name_can_live_in_two_guilds(bot: Harness) -> None:
    await bot.slash("new", name="Prisoner swap")
    second = await bot.slash("new", name="Prisoner swap", guild=GUILD_B, channel=NEWS_B)
    assert second.public is not None and "Created the story" in second.text
    await bot.slash("add", story="Prisoner swap", document=DOC_AGREEMENT)
    theirs = await bot.slash("status", story="Prisoner swap", guild=GUILD_B, channel=NEWS_B)
    assert "No open claims." in theirs.text
