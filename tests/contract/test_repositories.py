"""One contract suite for the repositories and unit of work, run against the fake, a SQLite
file and a real PostgreSQL: what is committed comes back the same; what is not, does not."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.domain.model import (
    Claim,
    ClaimState,
    Document,
    Evidence,
    Modality,
    Override,
    Progress,
    Source,
    Stance,
    Story,
    Subscription,
    Update,
    UpdateKind,
)

T0 = datetime(2025, 5, 16, 12, 0, tzinfo=UTC)


def story(workspace: str = "w1", name: str = "Prisoner swap") -> Story:
    return Story(f"s-{workspace}-{name}", workspace, name, ("POW",), T0)


def document(story_id: str, n: int = 1) -> Document:
    return Document(f"d{n}-{story_id}", story_id, f"ext{n}", "wire", "https://x.test/a",
                    "Title", "Some text about the swap.", T0 + timedelta(days=n), f"hash{n}")


def update_for(story_id: str) -> Update:
    return Update("u1", story_id, "c1", "d1", UpdateKind.CONTRADICTS, ClaimState.DISPUTED,
                  "disputed", "quote", "claim", "Kyiv", "Moscow", "", "wire", "t",
                  T0 + timedelta(days=1))


def claim(story_id: str, doc_id: str) -> Claim:
    return Claim("c1", story_id, "The swap will happen", "Kyiv", Modality.WILL,
                 "Some text", doc_id, T0)


async def test_story_round_trips_and_is_found_by_name_case_insensitively(uow_factory: Any):
    async with uow_factory() as uow:
        await uow.stories.add(story())
        await uow.commit()
    async with uow_factory() as uow:
        found = await uow.stories.by_name("w1", "prisoner SWAP")
        assert found == story()
        assert await uow.stories.by_name("w2", "Prisoner swap") is None
        assert [s.name for s in await uow.stories.in_workspace("w1")] == ["Prisoner swap"]


async def test_uncommitted_work_is_rolled_back(uow_factory: Any):
    async with uow_factory() as uow:
        await uow.stories.add(story())
    async with uow_factory() as uow:
        assert await uow.stories.in_workspace("w1") == []


async def test_claim_with_evidence_and_override_round_trips(uow_factory: Any):
    s = story()
    d = document(s.id)
    async with uow_factory() as uow:
        await uow.stories.add(s)
        await uow.documents.add(d)
        await uow.claims.add(claim(s.id, d.id))
        await uow.commit()
    async with uow_factory() as uow:
        c = await uow.claims.get("c1")
        assert c is not None
        c.contradict(Evidence("e1", "c1", d.id, Stance.CONTRADICTS, "not so", "Moscow", d.published,
                              T0 + timedelta(hours=1), Progress.DENIED))
        c.mark(Override("o1", "c1", ClaimState.RESOLVED, "ana", "seen it", T0 + timedelta(hours=2)))
        await uow.claims.save(c)
        await uow.commit()
    async with uow_factory() as uow:
        back = await uow.claims.get("c1")
        assert back is not None
        assert back.state is ClaimState.RESOLVED
        assert [e.id for e in back.evidence] == ["e1"]
        assert back.evidence[0].published == d.published
        assert [(o.by, o.note) for o in back.overrides] == [("ana", "seen it")]
        assert [c.id for c in await uow.claims.for_story(s.id, include_closed=False)] == []
        assert [c.id for c in await uow.claims.get_many(["nope", "c1"])] == ["c1"]
        assert await uow.documents.count(s.id) == 1


async def test_outbox_lists_each_update_once_per_follower_until_delivered(uow_factory: Any):
    s = story()
    sub = Subscription("f1", "w1", s.id, "console", "general", T0)
    late = Subscription("f2", "w1", s.id, "console", "late", T0 + timedelta(days=9))
    update = Update("u1", s.id, "c1", "d1", UpdateKind.CONTRADICTS, ClaimState.DISPUTED,
                    "disputed", "quote", "claim", "Kyiv", "Moscow", "", "wire", "t",
                    T0 + timedelta(days=1))
    async with uow_factory() as uow:
        await uow.stories.add(s)
        await uow.subscriptions.add(sub)
        await uow.subscriptions.add(late)
        await uow.updates.add(update)
        await uow.updates.add(update)  # the same update twice is one row
        await uow.commit()
    async with uow_factory() as uow:
        pending = await uow.updates.pending()
        assert [(p.update.id, p.subscription.id) for p in pending] == [("u1", "f1")]
        await uow.updates.mark_delivered("u1", "f1", "m1", T0)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.updates.pending() == []
        assert [u.id for u in await uow.updates.for_story(s.id)] == ["u1"]


async def test_subscriptions_are_scoped_by_channel_and_can_be_paused(uow_factory: Any):
    s = story()
    sub = Subscription("f1", "w1", s.id, "slack", "C1", T0)
    async with uow_factory() as uow:
        await uow.stories.add(s)
        await uow.subscriptions.add(sub)
        await uow.commit()
    async with uow_factory() as uow:
        await uow.subscriptions.save(replace(sub, paused_reason="channel gone"))
        await uow.commit()
    async with uow_factory() as uow:
        assert (await uow.subscriptions.get(s.id, "slack", "C1")).paused_reason == "channel gone"
        assert await uow.subscriptions.for_channel("slack", "w2", "C1") == []
        await uow.subscriptions.remove("f1")
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.subscriptions.for_story(s.id) == []


async def test_sources_round_trip(uow_factory: Any):
    s = story()
    src = Source("r1", s.id, "https://feeds.test/rss", "ana", T0)
    async with uow_factory() as uow:
        await uow.stories.add(s)
        await uow.sources.add(src)
        await uow.commit()
    async with uow_factory() as uow:
        await uow.sources.save(replace(src, failures=2, etag='"abc"'))
        await uow.commit()
    async with uow_factory() as uow:
        (back,) = await uow.sources.for_story(s.id)
        assert (back.failures, back.etag, back.created_at) == (2, '"abc"', T0)
        assert [x.id for x in await uow.sources.all()] == ["r1"]


async def test_recent_documents_are_the_storys_latest_newest_first(uow_factory: Any):
    s, other = story(), story(name="Other")
    async with uow_factory() as uow:
        await uow.stories.add(s)
        await uow.stories.add(other)
        for n in (2, 3, 1):
            await uow.documents.add(document(s.id, n))
        await uow.documents.add(document(other.id, 9))
        await uow.commit()
    async with uow_factory() as uow:
        assert [d.id for d in await uow.documents.recent(s.id, 2)] == [
            f"d3-{s.id}", f"d2-{s.id}"]
        assert len(await uow.documents.recent(s.id, 10)) == 3
        assert await uow.documents.recent("no such story", 5) == []
