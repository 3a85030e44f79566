"""In-memory fakes of the core's ports, for fast tests of the core.

They keep copies of what is saved, so a test sees only what a real repository would return
after a commit (nothing uncommitted leaks into the next unit of work).
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from types import TracebackType
from typing import Any, Self

from bot.domain.model import (
    Claim,
    Document,
    DocumentSource,
    OutboxMessage,
    Source,
    Story,
    Subscription,
    Update,
)
from bot.ports import Delivery
from bot.views import DigestView, UpdateView


class FakeClock:
    def __init__(self, start: datetime | None = None, step: timedelta = timedelta(seconds=1)):
        self.current = start or datetime(2025, 5, 16, 12, 0, tzinfo=UTC)
        self.step = step

    def now(self) -> datetime:
        self.current += self.step
        return self.current


@dataclass
class FakeStore:
    stories: dict[str, Story] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    subscriptions: dict[str, Subscription] = field(default_factory=dict)
    updates: dict[str, Update] = field(default_factory=dict)
    deliveries: dict[tuple[str, str], str] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    document_sources: dict[tuple[str, str], DocumentSource] = field(default_factory=dict)
    attempts: dict[tuple[str, str], tuple[int, datetime, bool, str]] = field(
        default_factory=dict)
    outbox: dict[str, OutboxMessage] = field(default_factory=dict)


class _Repo:
    def __init__(self, uow: FakeUnitOfWork) -> None:
        self.uow = uow

    @property
    def s(self) -> FakeStore:
        return self.uow.staged


class FakeStoryRepository(_Repo):
    async def add(self, story: Story) -> None:
        self.s.stories[story.id] = story

    async def get(self, story_id: str) -> Story | None:
        return self.s.stories.get(story_id)

    async def by_name(self, workspace: str, name: str) -> Story | None:
        return next((s for s in self.s.stories.values() if s.workspace == workspace
                     and s.name.casefold() == name.strip().casefold()), None)

    async def in_workspace(self, workspace: str) -> list[Story]:
        return sorted((s for s in self.s.stories.values() if s.workspace == workspace),
                      key=lambda s: s.name.casefold())

    async def all(self) -> list[Story]:
        return sorted(self.s.stories.values(), key=lambda s: s.id)


class FakeDocumentRepository(_Repo):
    async def add(self, document: Document) -> None:
        self.s.documents[document.id] = document

    async def get(self, document_id: str) -> Document | None:
        return self.s.documents.get(document_id)

    async def count(self, story_id: str) -> int:
        return sum(1 for d in self.s.documents.values() if d.story_id == story_id)

    async def recent(self, story_id: str, limit: int) -> list[Document]:
        docs = [d for d in self.s.documents.values() if d.story_id == story_id]
        return sorted(docs, key=lambda d: (d.published, d.id), reverse=True)[:limit]

    async def add_source(self, source: DocumentSource) -> None:
        self.s.document_sources.setdefault((source.document_id, source.canonical_url), source)

    async def sources_of(self, document_id: str) -> list[DocumentSource]:
        return sorted((d for d in self.s.document_sources.values()
                       if d.document_id == document_id), key=lambda d: d.published)

    async def by_canonical_url(self, story_id: str, canonical_url: str) -> str | None:
        return next((d.document_id for d in self.s.document_sources.values()
                     if (d.story_id, d.canonical_url) == (story_id, canonical_url)), None)

    async def signatures(self, story_id: str) -> list[tuple[str, str]]:
        found = {(d.document_id, d.signature) for d in self.s.document_sources.values()
                 if d.story_id == story_id and d.signature}
        return sorted(found)


class FakeClaimRepository(_Repo):
    async def add(self, claim: Claim) -> None:
        self.s.claims[claim.id] = claim

    async def get(self, claim_id: str) -> Claim | None:
        return self.s.claims.get(claim_id)

    async def get_many(self, claim_ids: Sequence[str]) -> list[Claim]:
        return [self.s.claims[i] for i in claim_ids if i in self.s.claims]

    async def save(self, claim: Claim) -> None:
        self.s.claims[claim.id] = claim

    async def for_story(self, story_id: str, *, include_closed: bool = True) -> list[Claim]:
        return [c for c in self.s.claims.values() if c.story_id == story_id
                and (include_closed or not c.state.closed)]


class FakeSubscriptionRepository(_Repo):
    async def add(self, subscription: Subscription) -> None:
        self.s.subscriptions[subscription.id] = subscription

    async def save(self, subscription: Subscription) -> None:
        self.s.subscriptions[subscription.id] = subscription

    async def remove(self, subscription_id: str) -> None:
        self.s.subscriptions.pop(subscription_id, None)
        for key in [k for k, o in self.s.outbox.items() if o.subscription_id == subscription_id]:
            del self.s.outbox[key]  # the table cascades

    async def get(self, story_id: str, platform: str, channel: str) -> Subscription | None:
        return next((s for s in self.s.subscriptions.values()
                     if (s.story_id, s.platform, s.channel) == (story_id, platform, channel)), None)

    async def for_story(self, story_id: str) -> list[Subscription]:
        return [s for s in self.s.subscriptions.values() if s.story_id == story_id]

    async def for_channel(self, platform: str, workspace: str, channel: str) -> list[Subscription]:
        return [s for s in self.s.subscriptions.values()
                if (s.platform, s.workspace, s.channel) == (platform, workspace, channel)]

    async def by_id(self, subscription_id: str) -> Subscription | None:
        return self.s.subscriptions.get(subscription_id)

    async def all(self) -> list[Subscription]:
        return sorted(self.s.subscriptions.values(), key=lambda s: s.id)


class FakeUpdateRepository(_Repo):
    async def add(self, update: Update) -> None:
        self.s.updates.setdefault(update.id, update)

    async def get(self, update_id: str) -> Update | None:
        return self.s.updates.get(update_id)

    async def for_story(self, story_id: str) -> list[Update]:
        return sorted((u for u in self.s.updates.values() if u.story_id == story_id),
                      key=lambda u: u.created_at)

    async def pending(self, limit: int = 100, now: datetime | None = None) -> list[Delivery]:
        out = []
        for update in sorted(self.s.updates.values(), key=lambda u: (u.created_at, u.id)):
            for sub in sorted(self.s.subscriptions.values(), key=lambda s: s.id):
                key = (update.id, sub.id)
                if (sub.story_id == update.story_id and not sub.paused_reason
                        and sub.created_at <= update.created_at
                        and key not in self.s.deliveries):
                    tries, due, in_flight, _ = self.s.attempts.get(key, (0, None, False, ""))
                    if now is None or due is None or due <= now:
                        out.append(Delivery(update, sub, tries, in_flight))
        return out[:limit]

    async def mark_delivered(
        self, update_id: str, subscription_id: str, message_ref: str, at: datetime
    ) -> None:
        self.s.deliveries.setdefault((update_id, subscription_id), message_ref)
        self.s.attempts.pop((update_id, subscription_id), None)

    async def record_attempt(
        self, update_id: str, subscription_id: str, *, attempts: int,
        next_attempt_at: datetime, in_flight: bool, error: str = "",
    ) -> None:
        self.s.attempts[(update_id, subscription_id)] = (
            attempts, next_attempt_at, in_flight, error)


class FakeOutboxRepository(_Repo):
    async def add(self, message: OutboxMessage) -> bool:
        if message.id in self.s.outbox:
            return False
        self.s.outbox[message.id] = message
        return True

    async def get(self, message_id: str) -> OutboxMessage | None:
        return self.s.outbox.get(message_id)

    async def save(self, message: OutboxMessage) -> None:
        self.s.outbox[message.id] = message

    async def pending_for(self, subscription_id: str) -> list[OutboxMessage]:
        out = [o for o in self.s.outbox.values()
               if o.subscription_id == subscription_id and o.delivered_at is None]
        return sorted(out, key=lambda o: (o.created_at, o.id))

    async def due(self, now: datetime, limit: int = 100) -> list[OutboxMessage]:
        subs = self.s.subscriptions
        out = [o for o in self.s.outbox.values() if o.delivered_at is None
               and o.subscription_id in subs and not subs[o.subscription_id].paused_reason
               and (o.next_attempt_at is None or o.next_attempt_at <= now)]
        return sorted(out, key=lambda o: (o.created_at, o.id))[:limit]


class FakeSourceRepository(_Repo):
    async def add(self, source: Source) -> None:
        self.s.sources[source.id] = source

    async def save(self, source: Source) -> None:
        self.s.sources[source.id] = source

    async def remove(self, source_id: str) -> None:
        self.s.sources.pop(source_id, None)

    async def for_story(self, story_id: str) -> list[Source]:
        return [s for s in self.s.sources.values() if s.story_id == story_id]

    async def all(self) -> list[Source]:
        return list(self.s.sources.values())


class FakeUnitOfWork:
    """Works on a deep copy of the store; ``commit`` publishes it."""

    def __init__(self, store: FakeStore) -> None:
        self.store = store
        self.staged = copy.deepcopy(store)
        self.committed = False
        self.stories = FakeStoryRepository(self)
        self.documents = FakeDocumentRepository(self)
        self.claims = FakeClaimRepository(self)
        self.subscriptions = FakeSubscriptionRepository(self)
        self.updates = FakeUpdateRepository(self)
        self.sources = FakeSourceRepository(self)
        self.outbox = FakeOutboxRepository(self)

    async def __aenter__(self) -> Self:
        self.staged = copy.deepcopy(self.store)
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        await self.rollback()

    async def commit(self) -> None:
        for name in vars(self.store):
            setattr(self.store, name, copy.deepcopy(getattr(self.staged, name)))
        for claim in self.store.claims.values():
            claim.events.clear()
        self.committed = True

    async def rollback(self) -> None:
        self.staged = copy.deepcopy(self.store)


class FakeUnitOfWorkFactory:
    def __init__(self) -> None:
        self.store = FakeStore()

    def __call__(self) -> FakeUnitOfWork:
        return FakeUnitOfWork(self.store)


class RecordingNotifier:
    """A notifier that keeps what it was asked to post; optionally fails (``fail`` is raised,
    or, if a list, its items are raised one per post until it is empty)."""

    def __init__(self, platform: str = "console", fail: Any = None) -> None:
        self.platform = platform
        self.posts: list[tuple[str, UpdateView | DigestView | str]] = []
        self.fail = fail

    async def post_update(self, subscription: Subscription, view: UpdateView) -> str:
        return self._post(subscription, view)

    async def post_digest(self, subscription: Subscription, view: DigestView) -> str:
        return self._post(subscription, view)

    async def post_notice(self, subscription: Subscription, text: str) -> str:
        return self._post(subscription, text)

    def _post(self, subscription: Subscription, what: UpdateView | DigestView | str) -> str:
        if isinstance(self.fail, list):
            if self.fail:
                raise self.fail.pop(0)
        elif self.fail is not None:
            raise self.fail
        self.posts.append((subscription.channel, what))
        return f"m{len(self.posts)}"
