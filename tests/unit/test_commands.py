"""The /story command set end to end against the fake unit of work and the rule judge:
replies, posts, errors in plain words, and workspace isolation."""

from __future__ import annotations

import pytest

from bot.commands import CommandContext, Services, handle_command
from bot.errors import BadArguments, NotAllowed, UnknownClaim, UnknownStory
from bot.judgment.rules import RuleJudge
from bot.usecases.delivery import deliver_updates
from bot.views import ClaimListView, DigestView, HistoryView, StatusView, TextView
from tests.fakes import FakeClock, FakeUnitOfWorkFactory, RecordingNotifier

AGREED = ("Russia and Ukraine agreed to exchange 1,000 prisoners of war each, Ukrainian Defense "
          "Minister Rustem Umerov said.")
TRUMP = ('Trump wrote on Truth Social that "the prisoner swap between Russia and Ukraine was just '
         'completed." A senior Ukrainian official said the exchange was still under way and not '
         "complete.")


@pytest.fixture
def svc() -> Services:
    return Services(FakeUnitOfWorkFactory(), RuleJudge(), FakeClock())


def ctx(workspace: str = "W1", channel: str = "C1", can_manage: bool = True) -> CommandContext:
    return CommandContext(workspace, "console", channel, "ana", can_manage)


async def run(svc: Services, text: str, c: CommandContext | None = None):
    return (await handle_command(text, c or ctx(), svc)).view


async def test_a_contradicting_document_posts_an_update_to_the_following_channel(svc):
    await run(svc, "/story new Prisoner swap keywords: POW")
    await run(svc, "/story follow Prisoner swap")
    await run(svc, f"/story add Prisoner swap {AGREED}")
    added = await run(svc, f"/story add Prisoner swap {TRUMP}")
    assert "1 update" in added.text
    notifier = RecordingNotifier()
    await deliver_updates(uow_factory=svc.uow_factory, notifiers={"console": notifier},
                          clock=svc.clock)
    ((channel, view),) = notifier.posts
    assert channel == "C1"
    assert view.kind.value == "contradicts"
    assert "Ukrainian official" in view.quote
    again = RecordingNotifier()
    await deliver_updates(uow_factory=svc.uow_factory, notifiers={"console": again},
                          clock=svc.clock)
    assert again.posts == []


async def test_status_history_and_mark(svc):
    await run(svc, "/story new Prisoner swap")
    await run(svc, f"/story add Prisoner swap {AGREED}")
    await run(svc, f"/story add Prisoner swap {TRUMP}")
    status = await run(svc, "/story status prisoner swap")
    assert isinstance(status, StatusView)
    disputed = [c for c in status.claims if c.state.value == "disputed"]
    assert disputed
    history = await run(svc, f"/story history {disputed[0].id}")
    assert isinstance(history, HistoryView)
    assert [e.stance.value for e in history.evidence] == ["contradicts"]
    marked = await run(svc, f"/story mark {disputed[0].id} refuted Kyiv says not done")
    assert "refuted" in marked.text
    everything = await run(svc, "/story claims Prisoner swap all")
    assert isinstance(everything, ClaimListView)
    assert any(c.state.value == "refuted" and "marked refuted by ana" in c.status
               for c in everything.claims)


async def test_story_names_with_spaces_resolve_by_longest_prefix_and_quotes(svc):
    await run(svc, "/story new Swap")
    await run(svc, "/story new Swap talks")
    await run(svc, "/story follow Swap talks")
    await run(svc, '/story add "Swap" some pasted words about nothing in particular here')
    view = await run(svc, "/story list")
    assert [(name, followed) for name, _, followed in view.stories] == [
        ("Swap", False), ("Swap talks", True)]


async def test_unknown_story_suggests_the_closest_name(svc):
    await run(svc, "/story new Prisoner swap")
    with pytest.raises(UnknownStory) as err:
        await run(svc, "/story status Prisoner swp")
    assert 'Did you mean "Prisoner swap"' in err.value.user_message


async def test_bad_arguments_get_plain_errors(svc):
    await run(svc, "/story new Prisoner swap")
    with pytest.raises(BadArguments):
        await run(svc, "/story frobnicate")
    with pytest.raises(BadArguments):
        await run(svc, "/story mute Prisoner swap for ever")
    with pytest.raises(BadArguments):
        await run(svc, "/story digest at 25:99")
    with pytest.raises(BadArguments):
        await run(svc, "/story new ")
    with pytest.raises(UnknownClaim):
        await run(svc, "/story history c-nope")


async def test_manage_commands_need_permission(svc):
    with pytest.raises(NotAllowed):
        await run(svc, "/story new Secret", ctx(can_manage=False))
    await run(svc, "/story new Secret")
    assert isinstance(await run(svc, "/story status Secret", ctx(can_manage=False)), StatusView)


async def test_workspaces_never_see_each_others_stories_or_claims(svc):
    await run(svc, "/story new Prisoner swap", ctx("W1"))
    await run(svc, f"/story add Prisoner swap {AGREED}", ctx("W1"))
    claims = await run(svc, "/story claims Prisoner swap", ctx("W1"))
    with pytest.raises(UnknownStory):
        await run(svc, "/story status Prisoner swap", ctx("W2"))
    with pytest.raises(UnknownClaim):
        await run(svc, f"/story history {claims.claims[0].id}", ctx("W2"))
    assert (await run(svc, "/story list", ctx("W2"))).stories == []


async def test_digest_now_lists_new_and_open_claims_and_digest_time_is_saved(svc):
    await run(svc, "/story new Prisoner swap")
    await run(svc, "/story follow Prisoner swap")
    await run(svc, f"/story add Prisoner swap {AGREED}")
    saved = await run(svc, "/story digest at 8:30 tz Europe/Kyiv")
    assert isinstance(saved, TextView)
    assert "08:30 Europe/Kyiv" in saved.text
    digest = await run(svc, "/story digest now")
    assert isinstance(digest, DigestView)
    (story,) = digest.stories
    assert story.new
    assert story.still_open


async def test_source_add_list_remove(svc):
    await run(svc, "/story new Prisoner swap")
    await run(svc, "/story source add Prisoner swap https://feeds.test/rss")
    listed = await run(svc, "/story source list Prisoner swap")
    assert "https://feeds.test/rss" in listed.text
    await run(svc, "/story source remove Prisoner swap https://feeds.test/rss")
    assert "no feed" in (await run(svc, "/story source list Prisoner swap")).text
