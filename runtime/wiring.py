"""Building the pieces from settings: the database (migrated), the judge, the services."""

from __future__ import annotations

from bot.commands import Services
from bot.judgment.rules import RuleJudge
from bot.ports import Fetcher, Judge
from runtime.clock import SystemClock
from runtime.config import Settings
from storage import Database


async def open_database(url: str) -> Database:
    db = Database(url)
    await db.migrate()
    return db


def make_judge(settings: Settings) -> Judge:
    if settings.judgment.engine == "rules":
        return RuleJudge()
    if settings.judgment.engine == "model":
        from bot.judgment.engine import ModelJudge

        return ModelJudge()
    raise ValueError(f'[judgment] engine must be "rules" or "model", not '
                     f'"{settings.judgment.engine}"')


def make_services(db: Database, settings: Settings, fetcher: Fetcher | None = None) -> Services:
    return Services(uow_factory=db.uow_factory, judge=make_judge(settings), clock=SystemClock(),
                    fetcher=fetcher)
