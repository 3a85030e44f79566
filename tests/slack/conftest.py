"""Fixtures for the Slack adapter's tests: a fake Slack on loopback and the real app serving
HTTP on an ephemeral port, backed by a SQLite file in ``tmp_path``."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from adapters.slack.app import SlackRunner
from storage.platform_threads import SqlSlackThreads
from tests.fakes import FakeClock
from tests.slack.fake_slack import FakeSlack
from tests.slack.support import Harness, new_services, open_database, settings

MakeHarness = Callable[..., Awaitable[Harness]]


@pytest.fixture
async def fake_slack() -> AsyncIterator[FakeSlack]:
    fake = FakeSlack()
    await fake.start()
    yield fake
    await fake.stop()


@pytest.fixture
async def make_harness(fake_slack: FakeSlack, tmp_path: Path) -> AsyncIterator[MakeHarness]:
    """Starts the app with the given SlackSettings changes; everything stops at teardown."""
    db, url = await open_database(tmp_path)
    http = aiohttp.ClientSession()
    runners: list[SlackRunner] = []

    async def make(**changes: Any) -> Harness:
        clock = FakeClock()
        services = new_services(db, clock)
        runner = SlackRunner(settings(fake_slack, **changes), services, database_url=url,
                             threads=SqlSlackThreads(db.session_factory), host="127.0.0.1")
        await runner.start()
        runners.append(runner)
        return Harness(fake_slack, runner, services, clock, http)

    yield make
    for runner in runners:
        await runner.stop()
    await http.close()
    await db.dispose()


@pytest.fixture
async def harness(make_harness: MakeHarness) -> Harness:
    return await make_harness()
