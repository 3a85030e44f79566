"""Shared fixtures: the three repository backends (fake, SQLite file, real PostgreSQL) and
the paths of the shared scenario."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from storage import Database
from tests.fakes import FakeUnitOfWorkFactory

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SCENARIO = SHARED / "scenarios" / "prisoner-swap" / "documents.jsonl"
POSTGRES_ENV = "STORYWATCH_TEST_POSTGRES_URL"


def postgres_url() -> str | None:
    return os.environ.get(POSTGRES_ENV)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'storywatch.sqlite3'}"


async def _fresh_postgres(base: str) -> tuple[Database, str]:
    """A new schema per test, so tests never see each other's rows."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = Database(base)
    async with admin.engine.begin() as conn:
        await conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    await admin.dispose()
    return Database(base, schema=schema), schema


@pytest.fixture(params=["fake", "sqlite", "postgres"])
async def uow_factory(request: pytest.FixtureRequest, sqlite_url: str) -> AsyncIterator[object]:
    if request.param == "fake":
        yield FakeUnitOfWorkFactory()
        return
    if request.param == "sqlite":
        db = Database(sqlite_url)
        schema = None
    else:
        base = postgres_url()
        if not base:
            pytest.skip(f"set {POSTGRES_ENV} to run against PostgreSQL (CI does)")
        db, schema = await _fresh_postgres(base)
    await db.migrate()
    try:
        yield db.uow_factory
    finally:
        if schema:
            async with db.engine.begin() as conn:
                await conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        await db.dispose()
