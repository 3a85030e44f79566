"""Building the pieces from settings: the database (migrated), the judge, the claim index, the
services; and closing them again."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import replace

from bot.commands import Services
from bot.judgment.embedder import SentenceEmbedder
from bot.judgment.rules import RuleJudge
from bot.ports import Fetcher, Judge
from runtime.clock import SystemClock
from runtime.config import Settings
from runtime.models import index_subdir, is_shipped, open_embedder
from storage import Database


async def open_database(url: str) -> Database:
    db = Database(url)
    await db.migrate()
    return db


def make_judge(settings: Settings, embedder: SentenceEmbedder | None = None) -> Judge:
    if settings.judgment.engine == "rules":
        return RuleJudge()
    if settings.judgment.engine == "model":
        from bot.judgment.engine import ModelJudge
        from bot.judgment.stance.model import StanceModel

        shared = embedder if embedder is not None and is_shipped(embedder) else None
        return ModelJudge(
            StanceModel.load(embedder=shared, cross_encoder=settings.judgment.cross_encoder)
        )
    raise ValueError(f'[judgment] engine must be "rules" or "model", not '
                     f'"{settings.judgment.engine}"')


def make_services(db: Database, settings: Settings, fetcher: Fetcher | None = None,
                  embedder: SentenceEmbedder | None = None) -> Services:
    return Services(uow_factory=db.uow_factory, judge=make_judge(settings, embedder),
                    clock=SystemClock(), fetcher=fetcher)


@contextlib.asynccontextmanager
async def open_services(
    settings: Settings, url: str | None = None, fetcher: Fetcher | None = None
) -> AsyncIterator[tuple[Database, Services]]:
    """The database at ``url`` (default: the configured one), migrated, and the services on
    it, with the claim index reconciled with the database when ``[judgment] index`` is on."""
    db = await open_database(url or settings.database.url)
    index = None
    try:
        # One embedder for the index and the stance model when it is the shipped MiniLM the
        # stance model was trained on; another (a local or hub model) serves the index only.
        embedder = open_embedder(settings.judgment.embedder) if settings.judgment.index else None
        services = make_services(db, settings, fetcher, embedder)
        if embedder is not None:
            from storage.claim_index import HybridClaimIndex, index_dir_for

            directory = index_dir_for(db.url, settings.judgment.index_dir)
            if not is_shipped(embedder):
                directory = directory / index_subdir(settings.judgment.embedder)
            index = HybridClaimIndex(directory, embedder)
            await index.sync(db.uow_factory)
            services = replace(services, index=index)
        yield db, services
    finally:
        if index is not None:
            index.close()
        await db.dispose()
