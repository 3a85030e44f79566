"""The ``/story`` command end to end: signed requests over HTTP into the real Bolt app, answers
through the response URL, updates posted as thread replies on the fake Slack Web API."""

from __future__ import annotations

from tests.slack.support import CALLED_OFF, SECOND, Harness, start_story, text_of


async def test_new_story_is_announced_in_the_channel(harness: Harness) -> None:
    answer = await harness.command("new Prisoner swap keywords: POW, Istanbul")
    assert answer["response_type"] == "in_channel"
    assert 'Created the story "Prisoner swap" (keywords: POW, Istanbul)' in text_of(answer)


async def test_follow_then_list_shows_the_story_followed_here(harness: Harness) -> None:
    await harness.command("new Prisoner swap")
    followed = await harness.command("follow Prisoner swap")
    listed = await harness.command("list")
    assert 'This channel now follows "Prisoner swap"' in text_of(followed)
    assert listed["response_type"] == "ephemeral"
    assert "*Prisoner swap* — 0 open claims · followed here" in text_of(listed)


async def test_contradicting_document_posts_an_update_in_the_story_thread(
    harness: Harness,
) -> None:
    await start_story(harness)
    added = await harness.command(f"add Prisoner swap {SECOND}")
    assert "1 update" in text_of(added)
    report = await harness.deliver()

    assert report.posted == 1
    parent, reply_call = harness.fake.posted("C1")
    reply = reply_call.params
    assert "Prisoner swap" in text_of(parent.params) and "thread_ts" not in parent.params
    assert reply["thread_ts"] == parent.result["ts"]
    assert reply["reply_broadcast"] is False
    shown = text_of(reply)
    assert ":warning: Contradicted: *the swap was just completed*" in shown
    assert ":large_orange_circle: disputed" in shown
    assert ">A senior Ukrainian official said the exchange was still under way" in shown
    edited = harness.fake.ok_calls("chat.update")[-1].params
    assert edited["ts"] == reply["thread_ts"] and "Latest:" in text_of(edited)


async def test_second_update_of_a_story_goes_to_the_same_thread(harness: Harness) -> None:
    await start_story(harness)
    await harness.command(f"add Prisoner swap {SECOND}")
    await harness.deliver()
    third = await harness.command(f"add Prisoner swap {CALLED_OFF}")
    assert "1 update" in text_of(third)
    await harness.deliver()
    parents = [c.result for c in harness.fake.posted("C1") if "thread_ts" not in c.params]
    replies = [p for p in harness.fake.posts("C1") if "thread_ts" in p]
    assert len(parents) == 1
    assert len(replies) == 2
    assert {r["thread_ts"] for r in replies} == {parents[0]["ts"]}


async def test_status_lists_open_claims_with_state_and_status(harness: Harness) -> None:
    await start_story(harness)
    await harness.command(f"add Prisoner swap {SECOND}")
    status = await harness.command("status Prisoner swap")
    shown = text_of(status)
    assert status["response_type"] == "ephemeral"
    assert ":large_orange_circle: disputed · *the swap was just completed*" in shown
    assert ":large_blue_circle: open · *Russia and Ukraine agreed" in shown
    assert "2 documents" in shown


async def test_history_shows_each_quote_as_a_block_quote(harness: Harness) -> None:
    await start_story(harness)
    await harness.command(f"add Prisoner swap {SECOND}")
    claim_id = _claim_id(await harness.command("claims Prisoner swap"), "swap was just completed")
    history = text_of(await harness.command(f"history {claim_id}"))
    assert ":warning: contradicts" in history
    assert ">A senior Ukrainian official said the exchange was still under way" in history


async def test_mark_overrides_a_claim_publicly_and_status_shows_it(harness: Harness) -> None:
    await start_story(harness)
    claim_id = _claim_id(await harness.command("claims Prisoner swap"), "agreed to exchange")
    marked = await harness.command(f"mark {claim_id} resolved confirmed by both sides")
    claims = text_of(await harness.command("claims Prisoner swap all"))
    assert marked["response_type"] == "in_channel"
    assert f"Marked {claim_id} resolved" in text_of(marked)
    assert ":white_check_mark: resolved · *Russia and Ukraine agreed" in claims


async def test_digest_now_is_posted_in_the_channel(harness: Harness) -> None:
    await start_story(harness)
    await harness.command(f"add Prisoner swap {SECOND}")
    digest = await harness.command("digest now")
    shown = text_of(digest)
    assert digest["response_type"] == "in_channel"
    assert "Daily digest" in shown and "*Prisoner swap*" in shown
    assert ":warning: Contradicted (1)" in shown


async def test_unknown_story_suggests_the_closest_name_privately(harness: Harness) -> None:
    await harness.command("new Prisoner swap")
    answer = await harness.command("status Prisoner swab")
    assert answer["response_type"] == "ephemeral"
    assert 'Did you mean "Prisoner swap"?' in text_of(answer)


async def test_unknown_subcommand_answers_privately_in_plain_words(harness: Harness) -> None:
    answer = await harness.command("frobnicate now")
    assert answer["response_type"] == "ephemeral"
    assert "I don't know \"/story frobnicate\". Try `/story help`." in text_of(answer)


async def test_empty_command_shows_help(harness: Harness) -> None:
    answer = await harness.command("")
    assert answer["response_type"] == "ephemeral"
    assert "`/story status STORY`" in text_of(answer)


async def test_user_text_is_escaped_for_mrkdwn(harness: Harness) -> None:
    answer = await harness.command("new Tom & Jerry <b>")
    assert "Tom &amp; Jerry &lt;b&gt;" in text_of(answer)


def _claim_id(claims_message: dict[str, object], fragment: str) -> str:
    for line in text_of(claims_message).splitlines():
        if fragment in line:
            index = text_of(claims_message).splitlines().index(line)
            following = text_of(claims_message).splitlines()[index:index + 3]
            for candidate in following:
                if "`" in candidate:
                    return candidate.rsplit("`", 2)[-2]
    raise AssertionError(f"no claim with {fragment!r}")
