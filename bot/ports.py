"""The ports the core needs from the outside world, as Protocols.

``storage/`` implements the repositories and the unit of work, ``adapters/`` implement the
notifiers, ``runtime/`` supplies the clock. The judgment (claim extraction, linking, stance) is a
port too, so a measured engine can replace the first rule-based one without touching use cases.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from types import TracebackType
from typing import Protocol, Self

from bot.domain.model import (
    Claim,
    Document,
    DocumentSource,
    Modality,
    OutboxMessage,
    Progress,
    Source,
    Stance,
    Story,
    Subscription,
    Update,
)
from bot.views import DigestView, UpdateView


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware (UTC)."""
        ...


class StoryRepository(Protocol):
    async def add(self, story: Story) -> None: ...
    async def get(self, story_id: str) -> Story | None: ...
    async def by_name(self, workspace: str, name: str) -> Story | None: ...
    async def in_workspace(self, workspace: str) -> list[Story]: ...
    async def all(self) -> list[Story]: ...


class DocumentRepository(Protocol):
    async def add(self, document: Document) -> None: ...
    async def get(self, document_id: str) -> Document | None: ...
    async def count(self, story_id: str) -> int: ...
    async def recent(self, story_id: str, limit: int) -> list[Document]:
        """The story's latest documents by publication time, newest first."""
        ...

    async def add_source(self, source: DocumentSource) -> None:
        """Record one more outlet for a document (once per canonical URL)."""
        ...

    async def sources_of(self, document_id: str) -> list[DocumentSource]: ...
    async def by_canonical_url(self, story_id: str, canonical_url: str) -> str | None:
        """The id of the story's document carried at that (canonical) URL, if any."""
        ...

    async def signatures(self, story_id: str) -> list[tuple[str, str]]:
        """(document id, near-duplicate signature) for the story's documents that have one."""
        ...


class ClaimRepository(Protocol):
    async def add(self, claim: Claim) -> None: ...
    async def get(self, claim_id: str) -> Claim | None: ...
    async def get_many(self, claim_ids: Sequence[str]) -> list[Claim]:
        """The claims with these ids that exist, in the order given."""
        ...

    async def save(self, claim: Claim) -> None:
        """Persist state, status and any evidence or overrides not yet stored."""
        ...

    async def for_story(self, story_id: str, *, include_closed: bool = True) -> list[Claim]: ...


class SubscriptionRepository(Protocol):
    async def add(self, subscription: Subscription) -> None: ...
    async def save(self, subscription: Subscription) -> None: ...
    async def remove(self, subscription_id: str) -> None: ...
    async def get(self, story_id: str, platform: str, channel: str) -> Subscription | None: ...
    async def for_story(self, story_id: str) -> list[Subscription]: ...
    async def for_channel(
        self, platform: str, workspace: str, channel: str
    ) -> list[Subscription]: ...
    async def by_id(self, subscription_id: str) -> Subscription | None: ...
    async def all(self) -> list[Subscription]: ...


class SourceRepository(Protocol):
    async def add(self, source: Source) -> None: ...
    async def save(self, source: Source) -> None: ...
    async def remove(self, source_id: str) -> None: ...
    async def for_story(self, story_id: str) -> list[Source]: ...
    async def all(self) -> list[Source]: ...


@dataclass(frozen=True)
class Delivery:
    """One pending (update, subscription) pair. ``attempts`` counts posts tried so far;
    ``in_flight`` says the last try was claimed and never finished (a crash or restart),
    so the platform may already have the post."""

    update: Update
    subscription: Subscription
    attempts: int = 0
    in_flight: bool = False


class UpdateRepository(Protocol):
    """The outbox: updates are written with the state change that caused them."""

    async def add(self, update: Update) -> None: ...
    async def get(self, update_id: str) -> Update | None: ...
    async def for_story(self, story_id: str) -> list[Update]: ...
    async def pending(self, limit: int = 100, now: datetime | None = None) -> list[Delivery]:
        """Undelivered pairs; with ``now``, only those whose next attempt is due."""
        ...

    async def mark_delivered(
        self, update_id: str, subscription_id: str, message_ref: str, at: datetime
    ) -> None: ...
    async def record_attempt(
        self, update_id: str, subscription_id: str, *, attempts: int,
        next_attempt_at: datetime, in_flight: bool, error: str = "",
    ) -> None:
        """Claim a pair before posting (``in_flight``) or schedule its retry."""
        ...


class OutboxRepository(Protocol):
    """Digests and notices waiting to be posted, one row per exactly-once key."""

    async def add(self, message: OutboxMessage) -> bool:
        """Store the message unless its id exists; True when it was new."""
        ...

    async def get(self, message_id: str) -> OutboxMessage | None: ...
    async def save(self, message: OutboxMessage) -> None: ...
    async def due(self, now: datetime, limit: int = 100) -> list[OutboxMessage]:
        """Undelivered messages whose next attempt is due, oldest first."""
        ...

    async def pending_for(self, subscription_id: str) -> list[OutboxMessage]:
        """Undelivered messages that go out through this subscription, oldest first."""
        ...


class UnitOfWork(Protocol):
    stories: StoryRepository
    documents: DocumentRepository
    claims: ClaimRepository
    subscriptions: SubscriptionRepository
    updates: UpdateRepository
    sources: SourceRepository
    outbox: OutboxRepository

    async def __aenter__(self) -> Self: ...
    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
    async def commit(self) -> None: ...
    async def rollback(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self) -> UnitOfWork: ...


class Notifier(Protocol):
    """Posts to one platform's channels. Raises :class:`bot.errors.DeliveryFailed`."""

    platform: str

    async def post_update(self, subscription: Subscription, view: UpdateView) -> str: ...
    async def post_digest(self, subscription: Subscription, view: DigestView) -> str: ...


class NoticeNotifier(Protocol):
    """Optional: a notifier that can post a plain notice (a failing feed, say). The deliverer
    checks for ``post_notice`` with getattr, so notifiers without it keep working."""

    async def post_notice(self, subscription: Subscription, text: str) -> str: ...


class KeyedNoticeNotifier(Protocol):
    """A :class:`NoticeNotifier` that is also an :class:`IdempotentNotifier` takes the notice's
    key as well, with the same guarantee."""

    async def post_notice(self, subscription: Subscription, text: str, *,
                          idempotency_key: str) -> str: ...


class IdempotentNotifier(Protocol):
    """Optional: a notifier that takes each post's key. It sets ``idempotency_keys = True`` and
    takes ``idempotency_key=``; either its platform drops a second post with the same key
    (Discord's ``nonce`` + ``enforce_nonce``, a sink's idempotency key) or it marks the post
    with the key and can find it again (:class:`PostFinder`, Slack's message metadata). Either
    way a retry after a crash or a lost answer does not post twice."""

    idempotency_keys: bool

    async def post_update(self, subscription: Subscription, view: UpdateView, *,
                          idempotency_key: str) -> str: ...
    async def post_digest(self, subscription: Subscription, view: DigestView, *,
                          idempotency_key: str) -> str: ...


class PostFinder(Protocol):
    """Optional, with :class:`IdempotentNotifier`, for a platform without idempotency keys:
    finds the post made under ``key`` in the subscription's channel (``threaded``: among the
    replies of its story's thread), or None. Delivery asks before it posts again what an
    earlier attempt may already have posted, and records what it finds instead of posting."""

    async def find_post(self, subscription: Subscription, key: str, *,
                        threaded: bool) -> str | None: ...


@dataclass(frozen=True)
class FetchedPage:
    url: str
    title: str
    text: str
    published: datetime | None
    source: str


class Fetcher(Protocol):
    """Fetches a user-given link safely and extracts its main text.
    Raises :class:`bot.errors.DocumentRejected` with a plain reason."""

    async def fetch(self, url: str) -> FetchedPage: ...


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed, with its text already stripped of markup."""

    external_id: str
    url: str
    title: str
    text: str
    published: datetime | None
    source: str


@dataclass(frozen=True)
class FeedPage:
    """What one poll of a feed returned; ``not_modified`` for a 304 (no entries)."""

    entries: list[FeedEntry]
    etag: str = ""
    last_modified: str = ""
    not_modified: bool = False


class FeedReader(Protocol):
    """Reads an RSS or Atom feed with a conditional GET. Raises
    :class:`bot.errors.DocumentRejected` with a plain reason when the feed cannot be read."""

    async def read(self, url: str, *, etag: str = "", last_modified: str = "") -> FeedPage: ...


# -- the judgment port ----------------------------------------------------------------------


@dataclass(frozen=True)
class ClaimDraft:
    """A claim the judgment found in a document, before it joins the ledger."""

    text: str
    attributed_to: str
    modality: Modality
    quote: str


@dataclass(frozen=True)
class Bearing:
    """A document's bearing on one claim: an existing claim (``claim_id``) or a draft of the
    same judgment (``draft_index``). ``quote`` is a verbatim span of the document."""

    stance: Stance
    quote: str
    speaker: str
    claim_id: str | None = None
    draft_index: int | None = None
    progress: Progress = Progress.NONE
    corroborated: bool = False


@dataclass(frozen=True)
class Judgment:
    drafts: list[ClaimDraft] = field(default_factory=list)
    bearings: list[Bearing] = field(default_factory=list)


class Judge(Protocol):
    """Reads one document against the story's claims. CPU-bound and synchronous."""

    def judge(self, document: Document, story: Story, claims: Sequence[Claim]) -> Judgment: ...


# -- the claim index port ---------------------------------------------------------------------


class ClaimIndex(Protocol):
    """Finds the open claims of a story that a document may bear on, without reading them all.
    ``candidates`` takes the document's title and text (title on the first line)."""

    async def add(self, claims: Sequence[Claim]) -> None: ...  # idempotent by claim id
    async def remove(self, claim_ids: Sequence[str]) -> None: ...  # closed claims leave the index
    async def candidates(self, story_id: str, text: str, limit: int = 50) -> list[str]:
        """Claim ids, best first."""
        ...
