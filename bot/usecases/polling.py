"""Polling feeds: read each due source with a conditional GET, ingest its new entries once
(same URL or near-duplicate text: one document, one more source), and keep each source's own
schedule. A failure backs that source off exponentially; after ``failures_before_failing`` in
a row it is marked failing and every following channel gets one notice through the outbox; the
first good poll clears it (and says so). The ETag is saved only after every entry is in, so a
crash mid-poll re-reads the feed and ingestion, being idempotent, adds nothing twice."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from bot import dedup
from bot.domain import identity
from bot.domain.model import DocumentSource, OutboxMessage, Source
from bot.errors import DocumentRejected
from bot.ports import (
    ClaimIndex,
    Clock,
    FeedEntry,
    FeedReader,
    Judge,
    UnitOfWork,
    UnitOfWorkFactory,
)
from bot.usecases.ingest import IncomingDocument, IngestResult, ingest_document

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PollPolicy:
    interval: timedelta = timedelta(minutes=5)
    failures_before_failing: int = 3
    max_backoff: timedelta = timedelta(hours=6)
    concurrency: int = 4

    def backoff(self, failures: int) -> timedelta:
        return min(self.interval * (1 << min(failures, 16)), self.max_backoff)


@dataclass
class PollOutcome:
    url: str
    new: int = 0
    duplicates: int = 0
    merged: int = 0
    skipped: int = 0
    not_modified: bool = False
    error: str = ""
    failing: bool = False


@dataclass(frozen=True)
class Polling:
    """What polling needs, bundled: keyword dependencies of the use cases below."""

    uow_factory: UnitOfWorkFactory
    judge: Judge
    clock: Clock
    reader: FeedReader
    policy: PollPolicy = PollPolicy()
    index: ClaimIndex | None = None


async def poll_due_sources(p: Polling, *, force: bool = False) -> list[PollOutcome]:
    """Poll every source whose time has come (``force``: every source), a few at a time."""
    now = p.clock.now()
    async with p.uow_factory() as uow:
        sources = [s for s in await uow.sources.all()
                   if force or s.next_poll_at is None or s.next_poll_at <= now]
    gate = asyncio.Semaphore(p.policy.concurrency)

    async def one(source: Source) -> PollOutcome:
        async with gate:
            try:
                return await poll_source(p, source)
            except Exception:
                logger.exception("polling source %s failed unexpectedly", source.id)
                return await _failed(p, source, "Storywatch hit an internal error reading it.")

    return list(await asyncio.gather(*(one(s) for s in sources)))


async def poll_source(p: Polling, source: Source) -> PollOutcome:
    try:
        page = await p.reader.read(source.url, etag=source.etag,
                                   last_modified=source.last_modified)
    except DocumentRejected as err:
        return await _failed(p, source, err.user_message)
    outcome = PollOutcome(source.url, not_modified=page.not_modified)
    oldest_first = sorted(page.entries, key=lambda e: e.published or p.clock.now())
    for entry in oldest_first:
        result = await ingest_entry(p, source.story_id, entry)
        setattr(outcome, result, getattr(outcome, result) + 1)
    await _succeeded(p, source, page.etag if not page.not_modified else source.etag,
                     page.last_modified if not page.not_modified else source.last_modified)
    return outcome


@dataclass(frozen=True)
class Carried:
    """What became of one item an outlet carried (a feed entry, a posted link): ``outcome`` is
    "new", "duplicates" (that URL or text is in already) or "merged" (near-duplicate text: one
    more source of a document already in); ``result`` is the ingest result when it was read."""

    outcome: str
    result: IngestResult | None = None


async def ingest_carried(*, uow_factory: UnitOfWorkFactory, judge: Judge, clock: Clock,
                         index: ClaimIndex | None, story_id: str, entry: FeedEntry) -> Carried:
    """Ingest one carried item once per story: by canonical URL, then by near-duplicate text,
    then by content. Raises :class:`DocumentRejected` for an item that cannot be read."""
    key = dedup.canonical_url(entry.url) if entry.url else f"entry:{entry.external_id}"
    sig = dedup.signature(entry.text)
    published = entry.published or clock.now()
    async with uow_factory() as uow:
        if await uow.documents.by_canonical_url(story_id, key) is not None:
            return Carried("duplicates")
        match = dedup.near_duplicate(sig, await uow.documents.signatures(story_id)) if sig else None
        if match is not None:
            await uow.documents.add_source(DocumentSource(
                match, story_id, key, entry.url, entry.source, entry.title, published))
            await uow.commit()
            return Carried("merged")
    incoming = IncomingDocument(entry.text, published, entry.source,
                                key if entry.url else "", entry.title, entry.external_id)
    result = await ingest_document(uow_factory=uow_factory, judge=judge, clock=clock,
                                   story_id=story_id, incoming=incoming, index=index)
    async with uow_factory() as uow:  # a crash before this re-finds the text by its hash
        await uow.documents.add_source(DocumentSource(
            result.document.id, story_id, key, entry.url, entry.source, entry.title,
            published, sig))
        await uow.commit()
    return Carried("duplicates" if result.duplicate else "new", result)


async def ingest_entry(p: Polling, story_id: str, entry: FeedEntry) -> str:
    """Ingest one feed entry; returns "new", "duplicates", "merged" or "skipped"."""
    try:
        carried = await ingest_carried(uow_factory=p.uow_factory, judge=p.judge, clock=p.clock,
                                       index=p.index, story_id=story_id, entry=entry)
    except DocumentRejected as err:
        logger.info("skipped feed entry %.100s: %s", entry.external_id, err.user_message)
        return "skipped"
    return carried.outcome


async def _succeeded(p: Polling, source: Source, etag: str, last_modified: str) -> None:
    now = p.clock.now()
    async with p.uow_factory() as uow:
        current = await _current(uow, source)
        if current is None:
            return  # removed while we read it
        if current.failing:
            await _notify(uow, current, now, "is readable again; its new items are in.")
        await uow.sources.save(replace(
            current, etag=etag, last_modified=last_modified, failures=0, failing=False,
            last_error="", next_poll_at=now + p.policy.interval))
        await uow.commit()


async def _failed(p: Polling, source: Source, reason: str) -> PollOutcome:
    now = p.clock.now()
    async with p.uow_factory() as uow:
        current = await _current(uow, source)
        if current is None:
            return PollOutcome(source.url, error=reason)
        failures = current.failures + 1
        failing = failures >= p.policy.failures_before_failing
        if failing and not current.failing:
            await _notify(uow, current, now, f"has failed {failures} times in a row: {reason} "
                          "I keep trying, less often, and will say when it is back.")
        await uow.sources.save(replace(current, failures=failures, failing=failing,
                                       last_error=reason,
                                       next_poll_at=now + p.policy.backoff(failures)))
        await uow.commit()
    return PollOutcome(source.url, error=reason, failing=failing)


async def _current(uow: UnitOfWork, source: Source) -> Source | None:
    return next((s for s in await uow.sources.for_story(source.story_id) if s.id == source.id),
                None)


async def _notify(uow: UnitOfWork, source: Source, now: datetime, what: str) -> None:
    story = await uow.stories.get(source.story_id)
    name = story.name if story else "this story"
    for sub in await uow.subscriptions.for_story(source.story_id):
        key = identity.make_id("n", source.id, sub.id, now.isoformat(), what[:8], length=20)
        await uow.outbox.add(OutboxMessage(key, sub.id, "notice", now,
                                           text=f'The feed {source.url} of "{name}" {what}'))
