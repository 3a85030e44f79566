"""SQLAlchemy repositories behind the core's repository ports. Each works on the unit of
work's session; none commits."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from bot.domain.model import Claim, ClaimState, Document, Source, Story, Subscription, Update
from bot.ports import Delivery
from storage import mapping as m
from storage.tables import (
    ClaimRow,
    DeliveryRow,
    DocumentRow,
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

    async def pending(self, limit: int = 100) -> list[Delivery]:
        delivered = select(DeliveryRow.update_id).where(
            DeliveryRow.update_id == UpdateRow.id,
            DeliveryRow.subscription_id == SubscriptionRow.id).exists()
        query = (
            select(UpdateRow, SubscriptionRow)
            .join(SubscriptionRow, and_(SubscriptionRow.story_id == UpdateRow.story_id,
                                        SubscriptionRow.created_at <= UpdateRow.created_at))
            .where(SubscriptionRow.paused_reason == "", ~delivered)
            .order_by(UpdateRow.created_at, UpdateRow.id, SubscriptionRow.id)
            .limit(limit)
        )
        rows = (await self.session.execute(query)).all()
        return [Delivery(m.to_update(u), m.to_subscription(s)) for u, s in rows]

    async def mark_delivered(
        self, update_id: str, subscription_id: str, message_ref: str, at: datetime
    ) -> None:
        if await self.session.get(DeliveryRow, (update_id, subscription_id)) is None:
            self.session.add(DeliveryRow(update_id=update_id, subscription_id=subscription_id,
                                         message_ref=message_ref, delivered_at=at))


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
