"""The SQLAlchemy outbox repository: digests and notices waiting to be posted, one row per
exactly-once key. Works on the unit of work's session; never commits."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.model import OutboxMessage
from storage import mapping as m
from storage.tables import OutboxRow, SubscriptionRow


class SqlAlchemyOutboxRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, message: OutboxMessage) -> bool:
        if await self.session.get(OutboxRow, message.id) is not None:
            return False
        self.session.add(m.outbox_row(message))
        await self.session.flush()
        return True

    async def get(self, message_id: str) -> OutboxMessage | None:
        row = await self.session.get(OutboxRow, message_id)
        return m.to_outbox(row) if row else None

    async def save(self, message: OutboxMessage) -> None:
        row = await self.session.get(OutboxRow, message.id)
        if row is None:
            self.session.add(m.outbox_row(message))
        else:
            m.copy_outbox(message, row)

    async def pending_for(self, subscription_id: str) -> list[OutboxMessage]:
        query = (
            select(OutboxRow)
            .where(OutboxRow.subscription_id == subscription_id,
                   OutboxRow.delivered_at.is_(None))
            .order_by(OutboxRow.created_at, OutboxRow.id)
        )
        return [m.to_outbox(r) for r in await self.session.scalars(query)]

    async def due(self, now: datetime, limit: int = 100) -> list[OutboxMessage]:
        # a paused subscription keeps its messages until it is followed again
        query = (
            select(OutboxRow)
            .join(SubscriptionRow, SubscriptionRow.id == OutboxRow.subscription_id)
            .where(OutboxRow.delivered_at.is_(None), SubscriptionRow.paused_reason == "",
                   or_(OutboxRow.next_attempt_at.is_(None), OutboxRow.next_attempt_at <= now))
            .order_by(OutboxRow.created_at, OutboxRow.id)
            .limit(limit)
        )
        return [m.to_outbox(r) for r in await self.session.scalars(query)]
