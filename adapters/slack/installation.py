"""The Slack adapter's place in the Storywatch database: one async engine on the same URL for
OAuth installations (slack_sdk's SQLAlchemy installation store, one row per workspace) and OAuth
``state`` values. slack_sdk's stores take an engine, so this adapter makes one; the story
threads live in ``storage`` (see :mod:`adapters.slack.threads`).

The installation and state tables are slack_sdk's own schema, so slack_sdk creates them
(``create_all``, idempotent) rather than our migrations. The engine is async (slack_sdk's
``AsyncSQLAlchemyInstallationStore``) so looking up a workspace's token never blocks the event
loop.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from slack_sdk.oauth.installation_store.sqlalchemy import AsyncSQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import AsyncSQLAlchemyOAuthStateStore
from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

_ASYNC_DRIVERS = {"sqlite": "sqlite+aiosqlite", "postgresql": "postgresql+asyncpg",
                  "postgres": "postgresql+asyncpg"}
OAUTH_STATE_SECONDS = 600


def async_url(url: str) -> str:
    parsed = make_url(url)
    driver = _ASYNC_DRIVERS.get(parsed.drivername)
    return parsed.set(drivername=driver).render_as_string(hide_password=False) if driver else url


class SlackStore:
    """One async engine on the Storywatch database URL for the Slack tables."""

    def __init__(self, database_url: str, client_id: str = "") -> None:
        url = async_url(database_url)
        kwargs: dict[str, Any] = {}
        if url.startswith("sqlite"):
            database = make_url(url).database
            if database and database != ":memory:":
                Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
            kwargs["connect_args"] = {"timeout": 30}
        self.engine = create_async_engine(url, **kwargs)
        if url.startswith("sqlite"):
            event.listen(self.engine.sync_engine, "connect", _sqlite_busy_timeout)
        self.installations = AsyncSQLAlchemyInstallationStore(client_id=client_id or "token",
                                                              engine=self.engine)
        self.oauth_states = AsyncSQLAlchemyOAuthStateStore(
            expiration_seconds=OAUTH_STATE_SECONDS, engine=self.engine)

    async def create_tables(self) -> None:
        async with self.engine.begin() as conn:
            await conn.run_sync(self.installations.metadata.create_all)
            await conn.run_sync(self.oauth_states.metadata.create_all)

    async def dispose(self) -> None:
        await self.engine.dispose()


def _sqlite_busy_timeout(dbapi_connection: Any, _record: Any) -> None:
    # The bot's storage engine writes the same file; wait for its locks instead of failing.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()
