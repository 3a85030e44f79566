"""Events API redeliveries (``X-Slack-Retry-Num``) are acknowledged and dropped: a mention is
answered once however often Slack delivers it."""

from __future__ import annotations

from tests.slack.support import Harness, text_of


def mention(text: str, ts: str = "1700000100.000100") -> dict[str, str]:
    return {"type": "app_mention", "user": "U1", "text": f"<@UBOT> {text}", "ts": ts,
            "channel": "C1", "event_ts": ts}


async def test_mention_runs_the_command_and_answers_in_thread(harness: Harness) -> None:
    status = await harness.event(mention("new Prisoner swap"), "Ev1")
    answer = await harness.fake.wait_for(lambda: harness.fake.posts("C1"))
    assert status == 200
    assert answer[0]["thread_ts"] == "1700000100.000100"
    assert 'Created the story "Prisoner swap"' in text_of(answer[0])


async def test_redelivered_event_is_acked_and_not_processed_again(harness: Harness) -> None:
    first = await harness.event(mention("new Prisoner swap"), "Ev2")
    await harness.fake.wait_for(lambda: harness.fake.posts("C1"))
    retries = [await harness.event(mention("new Prisoner swap"), "Ev2", retry=n)
               for n in (1, 2)]
    # A later, different event is answered: everything before it has been handled.
    await harness.event(mention("list", ts="1700000200.000100"), "Ev3")
    await harness.fake.wait_for(lambda: len(harness.fake.posts("C1")) >= 2)

    assert first == 200 and retries == [200, 200]
    texts = [text_of(p) for p in harness.fake.posts("C1")]
    assert len(texts) == 2
    assert sum('Created the story "Prisoner swap"' in t for t in texts) == 1
    assert "There is already a story" not in "\n".join(texts)
