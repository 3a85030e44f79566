"""The SQLAlchemy unit of work: one session, explicit commit, rollback on exit otherwise."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.ports import (
    ClaimRepository,
    DocumentRepository,
    OutboxRepository,
    SourceRepository,
    StoryRepository,
    SubscriptionRepository,
    UpdateRepository,
)
from storage.outbox import SqlAlchemyOutboxRepository
from storage.repositories import (
    SqlAlchemyClaimRepository,
    SqlAlchemyDocumentRepository,
    SqlAlchemySourceRepository,
    SqlAlchemyStoryRepository,
    SqlAlchemySubscriptionRepository,
    SqlAlchemyUpdateRepository,
)


class SqlAlchemyUnitOfWork:
    session: AsyncSession
    stories: StoryRepository
    documents: DocumentRepository
    claims: ClaimRepository
    subscriptions: SubscriptionRepository
    updates: UpdateRepository
    sources: SourceRepository
    outbox: OutboxRepository

    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory

    async def __aenter__(self) -> Self:
        self.session = self._session_factory()
        self.stories = SqlAlchemyStoryRepository(self.session)
        self.documents = SqlAlchemyDocumentRepository(self.session)
        self.claims = SqlAlchemyClaimRepository(self.session)
        self.subscriptions = SqlAlchemySubscriptionRepository(self.session)
        self.updates = SqlAlchemyUpdateRepository(self.session)
        self.sources = SqlAlchemySourceRepository(self.session)
        self.outbox = SqlAlchemyOutboxRepository(self.session)
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        try:
            await self.rollback()
        finally:
            await self.session.close()

    async def commit(self) -> None:
        await self.session.commit()

    async def rollback(self) -> None:
        await self.session.rollback()
