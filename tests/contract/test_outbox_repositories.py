"""The contract suite for what the sources and outbox work added, against the fake, a SQLite
file and PostgreSQL: retry schedules, the digest/notice outbox, document sources."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

from bot.domain.model import DocumentSource, OutboxMessage, Subscription
from tests.contract.test_repositories import T0, document, story, update_for


async def test_a_pair_waiting_for_its_retry_is_not_pending_until_it_is_due(uow_factory: Any):
    s = story()
    async with uow_factory() as uow:
        await uow.stories.add(s)
        await uow.subscriptions.add(Subscription("f1", "w1", s.id, "slack", "C1", T0))
        await uow.updates.add(update_for(s.id))
        await uow.commit()
    async with uow_factory() as uow:
        await uow.updates.record_attempt("u1", "f1", attempts=2, in_flight=True,
                                         next_attempt_at=T0 + timedelta(days=1, minutes=5))
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.updates.pending(now=T0 + timedelta(days=1)) == []
        (due,) = await uow.updates.pending(now=T0 + timedelta(days=1, minutes=5))
        assert (due.attempts, due.in_flight) == (2, True)
        await uow.updates.mark_delivered("u1", "f1", "m1", T0)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.updates.pending() == []


async def test_the_outbox_keeps_one_row_per_key_and_lists_what_is_due(uow_factory: Any):
    s = story()
    sub = Subscription("f1", "w1", s.id, "slack", "C1", T0, digest_always=True)
    digest = OutboxMessage("digest:f1:2025-05-17", "f1", "digest", T0, window_start=T0,
                           window_end=T0 + timedelta(days=1))
    async with uow_factory() as uow:
        await uow.stories.add(s)
        await uow.subscriptions.add(sub)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.outbox.add(digest) is True
        assert await uow.outbox.add(replace(digest, text="again")) is False
        await uow.commit()
    async with uow_factory() as uow:
        (due,) = await uow.outbox.due(T0)
        assert due == digest
        await uow.outbox.save(replace(due, attempts=1, next_attempt_at=T0 + timedelta(hours=1)))
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.outbox.due(T0) == []
        assert len(await uow.outbox.due(T0 + timedelta(hours=1))) == 1
        assert [x.id for x in await uow.outbox.pending_for("f1")] == [digest.id]
        assert await uow.outbox.pending_for("nobody") == []
        await uow.subscriptions.save(replace(sub, paused_reason="gone"))
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.outbox.due(T0 + timedelta(hours=1)) == []  # paused: kept, not due
        assert (await uow.subscriptions.by_id("f1")).digest_always is True
        assert [x.id for x in await uow.subscriptions.all()] == ["f1"]
        assert [x.id for x in await uow.stories.all()] == [s.id]


async def test_a_document_keeps_each_outlet_once_and_is_found_by_url_and_signature(
        uow_factory: Any):
    s = story()
    d = document(s.id)
    first = DocumentSource(d.id, s.id, "https://a.test/x", "https://a.test/x?utm_source=1",
                           "A", "Swap", T0, "ab" * 8)
    second = DocumentSource(d.id, s.id, "https://b.test/y", "https://b.test/y", "B", "Swap", T0)
    async with uow_factory() as uow:
        await uow.stories.add(s)
        await uow.documents.add(d)
        for source in (first, second, first):
            await uow.documents.add_source(source)
        await uow.commit()
    async with uow_factory() as uow:
        assert sorted(x.source for x in await uow.documents.sources_of(d.id)) == ["A", "B"]
        assert await uow.documents.by_canonical_url(s.id, "https://b.test/y") == d.id
        assert await uow.documents.by_canonical_url(s.id, "https://c.test/") is None
        assert await uow.documents.signatures(s.id) == [(d.id, "ab" * 8)]
