"""Polling feeds end to end: a real HTTP server on 127.0.0.1, the safe reader, the rule judge
and a SQLite file. New items become documents once; a 304 adds nothing; each failure has a
plain reason and backs off only its own source; a source failing N times in a row tells each
following channel once, shows in status, and recovers by itself."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from adapters.web.client import SafeHttp
from adapters.web.feeds import HttpFeedReader
from adapters.web.fetcher import WebFetcher
from bot.commands import CommandContext, Services, handle_command
from bot.judgment.rules import RuleJudge
from bot.usecases.polling import Polling, PollPolicy, poll_due_sources
from bot.views import StatusView
from storage import Database
from tests.fakes import FakeClock
from tests.sources.server import LocalWeb, item, rss

CTX = CommandContext("w1", "console", "newsroom", "ana")


@pytest.fixture
async def db(sqlite_url: str) -> AsyncIterator[Database]:
    database = Database(sqlite_url)
    await database.migrate()
    yield database
    await database.dispose()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def polling(db: Database, http: SafeHttp, clock: FakeClock) -> Polling:
    policy = PollPolicy(interval=timedelta(minutes=5), failures_before_failing=3)
    return Polling(db.uow_factory, RuleJudge(), clock, HttpFeedReader(http), policy)


async def story_reading(polling: Polling, *urls: str) -> Services:
    svc = Services(polling.uow_factory, polling.judge, polling.clock)
    await handle_command("/story new Prisoner swap", CTX, svc)
    await handle_command("/story follow Prisoner swap", CTX, svc)
    await handle_command("/story follow Prisoner swap", CTX.__class__(
        "w1", "console", "desk", "bo"), svc)
    for url in urls:
        await handle_command(f"/story source add Prisoner swap {url}", CTX, svc)
    return svc


async def documents(polling: Polling) -> int:
    async with polling.uow_factory() as uow:
        (story,) = await uow.stories.in_workspace("w1")
        return await uow.documents.count(story.id)


async def test_new_feed_items_become_documents_once_and_a_304_adds_nothing(
        web: LocalWeb, polling: Polling):
    await story_reading(polling, web.url("/feed.xml"))
    (first,) = await poll_due_sources(polling)
    assert (first.new, first.error) == (2, "")
    (again,) = await poll_due_sources(polling, force=True)
    assert again.not_modified and again.new == 0
    assert web.requests[-1][1].get("If-None-Match", "").startswith('"')
    web.feed = rss([item(1), item(2), item(3)])
    (changed,) = await poll_due_sources(polling, force=True)
    assert (changed.new, changed.duplicates) == (1, 2)
    assert await documents(polling) == 3


async def test_a_republished_wire_story_is_one_document_with_two_sources(
        web: LocalWeb, polling: Polling):
    await story_reading(polling, web.url("/feed.xml"))
    await poll_due_sources(polling)
    wire = ("KYIV - " + item(1).split("<p>")[1].split("</p>")[0] + " Reporting by staff.")
    web.feed = rss([item(1), item(2),
                    item(7, text=wire, link="https://other.test/wire?utm_source=rss"),
                    item(8, link="https://amp.news.test/item-2/amp?fbclid=x")])
    (outcome,) = await poll_due_sources(polling, force=True)
    assert (outcome.new, outcome.merged, outcome.duplicates) == (0, 1, 3)
    assert await documents(polling) == 2
    async with polling.uow_factory() as uow:
        (story,) = await uow.stories.in_workspace("w1")
        doc_id = await uow.documents.by_canonical_url(story.id, "https://news.test/item-1")
        assert doc_id is not None
        urls = [s.canonical_url for s in await uow.documents.sources_of(doc_id)]
    assert sorted(urls) == ["https://news.test/item-1", "https://other.test/wire"]


async def test_each_bad_source_gets_a_plain_reason_and_the_good_one_still_reads(
        web: LocalWeb, polling: Polling):
    bad = {"/malformed.xml": "The feed is malformed and has no readable items.",
           "/missing": "The site says there is no such page (404).",
           "/broken": "The site had an error (500); it may be down.",
           "/slow": "The site took longer than 0.5 s to answer.",
           "/huge": "The page is larger than 1 MB.",
           "/article.html": "That address did not return an RSS or Atom feed."}
    await story_reading(polling, web.url("/feed.xml"), *(web.url(p) for p in bad))
    outcomes = {o.url.removeprefix(web.base): o for o in await poll_due_sources(polling)}
    assert {path: outcomes[path].error for path in bad} == bad
    assert outcomes["/feed.xml"].new == 2
    assert await documents(polling) == 2


async def test_a_failing_source_backs_off_alone(web: LocalWeb, polling: Polling,
                                                 clock: FakeClock):
    await story_reading(polling, web.url("/feed.xml"), web.url("/broken"))
    await poll_due_sources(polling)
    clock.current += timedelta(minutes=6)  # the good feed is due again; the broken one is not
    assert [o.url for o in await poll_due_sources(polling)] == [web.url("/feed.xml")]
    clock.current += timedelta(minutes=5)
    assert web.url("/broken") in [o.url for o in await poll_due_sources(polling)]


async def test_a_source_failing_three_times_tells_each_channel_once_and_recovers(
        web: LocalWeb, polling: Polling):
    svc = await story_reading(polling, web.url("/feed.xml"))
    web.fail_feed = 4
    for _ in range(4):
        (outcome,) = await poll_due_sources(polling, force=True)
    assert outcome.failing
    async with polling.uow_factory() as uow:
        notices = await uow.outbox.due(polling.clock.now())
    assert sorted(n.subscription_id for n in notices) == sorted(
        {n.subscription_id for n in notices})
    assert len(notices) == 2
    assert "has failed 3 times in a row: The site had an error (500)" in notices[0].text
    status = (await handle_command("/story status Prisoner swap", CTX, svc)).view
    assert isinstance(status, StatusView)
    assert any("is failing" in n and web.url("/feed.xml") in n for n in status.notices)
    (back,) = await poll_due_sources(polling, force=True)
    assert (back.failing, back.new) == (False, 2)
    status = (await handle_command("/story status Prisoner swap", CTX, svc)).view
    assert isinstance(status, StatusView) and status.notices == []
    async with polling.uow_factory() as uow:
        texts = [n.text for n in await uow.outbox.due(polling.clock.now())]
    assert sum("is readable again" in t for t in texts) == 2


async def test_a_posted_link_and_a_feed_item_at_the_same_address_are_one_document(
        web: LocalWeb, polling: Polling, http: SafeHttp):
    svc = await story_reading(polling, web.url("/feed.xml"))
    svc = Services(svc.uow_factory, svc.judge, svc.clock, fetcher=WebFetcher(http))
    await poll_due_sources(polling)
    # a link the feed already brought is not fetched or read again (tracking parameters too)
    reply = await handle_command(
        "/story add Prisoner swap https://news.test/item-1?utm_source=chat", CTX, svc)
    assert reply.view.text == '"Prisoner swap" already has that document; nothing changed.'  # type: ignore[union-attr]
    assert await documents(polling) == 2
    # a posted link is read once, and the feed carrying it later adds nothing
    reply = await handle_command(f"/story add Prisoner swap {web.url('/article.html')}", CTX, svc)
    assert reply.view.text.startswith('Added to "Prisoner swap"')  # type: ignore[union-attr]
    fetched = [p for p, _ in web.requests].count("/article.html")
    again = await handle_command(
        f"/story add Prisoner swap {web.url('/article.html')}?fbclid=x", CTX, svc)
    assert "already has that document" in again.view.text  # type: ignore[union-attr]
    assert [p for p, _ in web.requests].count("/article.html") == fetched
    web.feed = rss([item(1), item(2), item(3, link=web.url("/article.html"))])
    (outcome,) = await poll_due_sources(polling, force=True)
    assert (outcome.new, outcome.duplicates) == (0, 3)
    assert await documents(polling) == 3


async def test_a_posted_copy_of_a_report_already_in_is_one_more_source_of_it(
        web: LocalWeb, polling: Polling, http: SafeHttp):
    svc = await story_reading(polling)
    svc = Services(svc.uow_factory, svc.judge, svc.clock, fetcher=WebFetcher(http))
    copy = ("Russia and Ukraine completed the exchange of 1,000 prisoners each on Sunday, "
            "officials in Kyiv and Moscow said, ending a three-day swap agreed in Istanbul. "
            "The final stage returned 303 soldiers to each side at the Belarus border.")
    web.feed = rss([item(5, text=copy, link="https://wire.test/swap")])
    await handle_command(f"/story source add Prisoner swap {web.url('/feed.xml')}", CTX, svc)
    await poll_due_sources(polling)
    reply = await handle_command(f"/story add Prisoner swap {web.url('/article.html')}", CTX, svc)
    assert reply.view.text == ('"Prisoner swap" already has that report from another outlet; '  # type: ignore[union-attr]
                               "Wire Daily is recorded as carrying it too.")
    assert await documents(polling) == 1
    async with polling.uow_factory() as uow:
        (story,) = await uow.stories.in_workspace("w1")
        doc_id = await uow.documents.by_canonical_url(story.id, "https://wire.test/swap")
        assert doc_id is not None
        urls = {s.canonical_url for s in await uow.documents.sources_of(doc_id)}
    assert urls == {"https://wire.test/swap", web.url("/article.html")}
