"""SQLAlchemy repositories behind the core's repository ports. Each works on the unit of
work's session; none commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Select, and_, delete, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from bot.domain.model import (
    Claim,
    ClaimState,
    Document,
    DocumentSource,
    Source,
    Story,
    Subscription,
    Update,
)
from bot.ports import Delivery
from storage import mapping as m
from storage.tables import (
    ClaimRow,
    DeliveryAttemptRow,
    DeliveryRow,
    DocumentRow,
    DocumentSourceRow,
    SourceRow,
    StoryRow,
    SubscriptionRow,
    UpdateRow,
)

_CLOSED = (ClaimState.RESOLVED.value, ClaimState.REFUTED.value)


class _Repository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session


class SqlAlchemyStoryRepository(_Repository):
    async def add(self, story: Story) -> None:
        self.session.add(m.story_row(story))
        await self.session.flush()  # rows that others reference go first

    async def get(self, story_id: str) -> Story | None:
        row = await self.session.get(StoryRow, story_id)
        return m.to_story(row) if row else None

    async def by_name(self, workspace: str, name: str) -> Story | None:
        row = await self.session.scalar(select(StoryRow).where(
            StoryRow.workspace == workspace, StoryRow.name_key == name.strip().casefold()))
        return m.to_story(row) if row else None

    async def in_workspace(self, workspace: str) -> list[Story]:
        rows = await self.session.scalars(
            select(StoryRow).where(StoryRow.workspace == workspace).order_by(StoryRow.name_key))
        return [m.to_story(r) for r in rows]

    async def all(self) -> list[Story]:
        rows = await self.session.scalars(select(StoryRow).order_by(StoryRow.id))
        return [m.to_story(r) for r in rows]


class SqlAlchemyDocumentRepository(_Repository):
    async def add(self, document: Document) -> None:
        self.session.add(m.document_row(document))
        await self.session.flush()

    async def get(self, document_id: str) -> Document | None:
        row = await self.session.get(DocumentRow, document_id)
        return m.to_document(row) if row else None

    async def count(self, story_id: str) -> int:
        n = await self.session.scalar(
            select(func.count()).select_from(DocumentRow).where(DocumentRow.story_id == story_id))
        return int(n or 0)

    async def recent(self, story_id: str, limit: int) -> list[Document]:
        rows = await self.session.scalars(
            select(DocumentRow).where(DocumentRow.story_id == story_id)
            .order_by(DocumentRow.published.desc(), DocumentRow.id.desc()).limit(limit))
        return [m.to_document(r) for r in rows]

    async def add_source(self, source: DocumentSource) -> None:
        key = (source.document_id, source.canonical_url)
        if await self.session.get(DocumentSourceRow, key) is None:
            self.session.add(m.document_source_row(source))
            await self.session.flush()

    async def sources_of(self, document_id: str) -> list[DocumentSource]:
        rows = await self.session.scalars(select(DocumentSourceRow).where(
            DocumentSourceRow.document_id == document_id).order_by(DocumentSourceRow.published))
        return [m.to_document_source(r) for r in rows]

    async def by_canonical_url(self, story_id: str, canonical_url: str) -> str | None:
        return await self.session.scalar(select(DocumentSourceRow.document_id).where(
            DocumentSourceRow.story_id == story_id,
            DocumentSourceRow.canonical_url == canonical_url).limit(1))

    async def signatures(self, story_id: str) -> list[tuple[str, str]]:
        rows = await self.session.execute(
            select(DocumentSourceRow.document_id, DocumentSourceRow.signature)
            .where(DocumentSourceRow.story_id == story_id, DocumentSourceRow.signature != "")
            .distinct().order_by(DocumentSourceRow.document_id))
        return [(d, sig) for d, sig in rows.all()]


class SqlAlchemyClaimRepository(_Repository):
    def _query(self) -> Select[ClaimRow]:
        return select(ClaimRow).options(
            selectinload(ClaimRow.evidence), selectinload(ClaimRow.overrides))

    async def add(self, claim: Claim) -> None:
        self.session.add(m.claim_row(claim))
        await self.session.flush()

    async def get(self, claim_id: str) -> Claim | None:
        row = await self.session.scalar(self._query().where(ClaimRow.id == claim_id))
        return m.to_claim(row) if row else None

    async def get_many(self, claim_ids: Sequence[str]) -> list[Claim]:
        if not claim_ids:
            return []
        rows = await self.session.scalars(self._query().where(ClaimRow.id.in_(claim_ids)))
        found = {r.id: m.to_claim(r) for r in rows}
        return [found[i] for i in claim_ids if i in found]

    async def save(self, claim: Claim) -> None:
        row = await self.session.scalar(self._query().where(ClaimRow.id == claim.id))
        if row is None:
            self.session.add(m.claim_row(claim))
            return
        m.copy_claim_state(claim, row)
        stored = {e.id for e in row.evidence}
        row.evidence.extend(m.evidence_row(e) for e in claim.evidence if e.id not in stored)
        stored = {o.id for o in row.overrides}
        row.overrides.extend(m.override_row(o) for o in claim.overrides if o.id not in stored)

    async def for_story(self, story_id: str, *, include_closed: bool = True) -> list[Claim]:
        query = self._query().where(ClaimRow.story_id == story_id)
        if not include_closed:
            query = query.where(ClaimRow.state.not_in(_CLOSED))
        rows = await self.session.scalars(query.order_by(ClaimRow.created_at, ClaimRow.id))
        return [m.to_claim(r) for r in rows]


class SqlAlchemySubscriptionRepository(_Repository):
    async def add(self, subscription: Subscription) -> None:
        self.session.add(m.subscription_row(subscription))

    async def save(self, subscription: Subscription) -> None:
        row = await self.session.get(SubscriptionRow, subscription.id)
        if row is None:
            self.session.add(m.subscription_row(subscription))
        else:
            m.copy_subscription(subscription, row)

    async def remove(self, subscription_id: str) -> None:
        row = await self.session.get(SubscriptionRow, subscription_id)
        if row is not None:
            await self.session.delete(row)

    async def get(self, story_id: str, platform: str, channel: str) -> Subscription | None:
        row = await self.session.scalar(select(SubscriptionRow).where(
            SubscriptionRow.story_id == story_id, SubscriptionRow.platform == platform,
            SubscriptionRow.channel == channel))
        return m.to_subscription(row) if row else None

    async def for_story(self, story_id: str) -> list[Subscription]:
        rows = await self.session.scalars(
            select(SubscriptionRow).where(SubscriptionRow.story_id == story_id))
        return [m.to_subscription(r) for r in rows]

    async def for_channel(self, platform: str, workspace: str, channel: str) -> list[Subscription]:
        rows = await self.session.scalars(select(SubscriptionRow).where(
            SubscriptionRow.platform == platform, SubscriptionRow.workspace == workspace,
            SubscriptionRow.channel == channel).order_by(SubscriptionRow.created_at))
        return [m.to_subscription(r) for r in rows]

    async def by_id(self, subscription_id: str) -> Subscription | None:
        row = await self.session.get(SubscriptionRow, subscription_id)
        return m.to_subscription(row) if row else None

    async def all(self) -> list[Subscription]:
        rows = await self.session.scalars(select(SubscriptionRow).order_by(SubscriptionRow.id))
        return [m.to_subscription(r) for r in rows]


class SqlAlchemyUpdateRepository(_Repository):
    async def add(self, update: Update) -> None:
        if await self.session.get(UpdateRow, update.id) is None:
            self.session.add(m.update_row(update))
            await self.session.flush()

    async def get(self, update_id: str) -> Update | None:
        row = await self.session.get(UpdateRow, update_id)
        return m.to_update(row) if row else None

    async def for_story(self, story_id: str) -> list[Update]:
        rows = await self.session.scalars(select(UpdateRow).where(
            UpdateRow.story_id == story_id).order_by(UpdateRow.created_at, UpdateRow.id))
        return [m.to_update(r) for r in rows]

    async def pending(self, limit: int = 100, now: datetime | None = None) -> list[Delivery]:
        delivered = select(DeliveryRow.update_id).where(
            DeliveryRow.update_id == UpdateRow.id,
            DeliveryRow.subscription_id == SubscriptionRow.id).exists()
        attempt = DeliveryAttemptRow
        query = (
            select(UpdateRow, SubscriptionRow, attempt)
            .join(SubscriptionRow, and_(SubscriptionRow.story_id == UpdateRow.story_id,
                                        SubscriptionRow.created_at <= UpdateRow.created_at))
            .outerjoin(attempt, and_(attempt.update_id == UpdateRow.id,
                                     attempt.subscription_id == SubscriptionRow.id))
            .where(SubscriptionRow.paused_reason == "", ~delivered)
            .order_by(UpdateRow.created_at, UpdateRow.id, SubscriptionRow.id)
            .limit(limit)
        )
        if now is not None:
            query = query.where(or_(attempt.next_attempt_at.is_(None),
                                    attempt.next_attempt_at <= now))
        rows = (await self.session.execute(query)).all()
        return [Delivery(m.to_update(u), m.to_subscription(s), a.attempts if a else 0,
                         bool(a.in_flight) if a else False) for u, s, a in rows]

    async def mark_delivered(
        self, update_id: str, subscription_id: str, message_ref: str, at: datetime
    ) -> None:
        if await self.session.get(DeliveryRow, (update_id, subscription_id)) is None:
            self.session.add(DeliveryRow(update_id=update_id, subscription_id=subscription_id,
                                         message_ref=message_ref, delivered_at=at))
        await self.session.execute(delete(DeliveryAttemptRow).where(
            DeliveryAttemptRow.update_id == update_id,
            DeliveryAttemptRow.subscription_id == subscription_id))

    async def record_attempt(
        self, update_id: str, subscription_id: str, *, attempts: int,
        next_attempt_at: datetime, in_flight: bool, error: str = "",
    ) -> None:
        row = await self.session.get(DeliveryAttemptRow, (update_id, subscription_id))
        if row is None:
            row = DeliveryAttemptRow(update_id=update_id, subscription_id=subscription_id)
            self.session.add(row)
        row.attempts, row.next_attempt_at, row.in_flight, row.last_error = (
            attempts, next_attempt_at, in_flight, error)


class SqlAlchemySourceRepository(_Repository):
    async def add(self, source: Source) -> None:
        self.session.add(m.source_row(source))

    async def save(self, source: Source) -> None:
        row = await self.session.get(SourceRow, source.id)
        if row is None:
            self.session.add(m.source_row(source))
        else:
            m.copy_source(source, row)

    async def remove(self, source_id: str) -> None:
        row = await self.session.get(SourceRow, source_id)
        if row is not None:
            await self.session.delete(row)

    async def for_story(self, story_id: str) -> list[Source]:
        rows = await self.session.scalars(
            select(SourceRow).where(SourceRow.story_id == story_id).order_by(SourceRow.url))
        return [m.to_source(r) for r in rows]

    async def all(self) -> list[Source]:
        rows = await self.session.scalars(select(SourceRow).order_by(SourceRow.id))
        return [m.to_source(r) for r in rows]
