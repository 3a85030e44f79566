"""Fixtures: Prism (when installed) for the whole session, and a fresh bot per test.

With Prism installed under ``tests/discord/.prism`` (``tests/discord/install_prism.sh``), every
REST exchange of every test goes through it and each test fails on an unexplained violation.
``STORYWATCH_DISCORD_PRISM=off`` runs without it; ``=require`` fails when it is missing (CI).
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import aiohttp
import pytest

from adapters.discord.app import DiscordRunner, StorywatchClient
from bot.commands.dispatch import Services
from bot.judgment.rules import RuleJudge
from runtime.config import DiscordSettings
from storage.database import Database
from storage.platform_threads import SqlDiscordThreads
from tests.discord.fake_discord import FakeDiscord
from tests.discord.prism import PRISM_BIN, Prism, start_prism
from tests.discord.support import GUILD_A, GUILD_B, ControlledFetcher, Harness
from tests.fakes import FakeClock


@pytest.fixture(scope="session")
def prism(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Prism | None]:
    mode = os.environ.get("STORYWATCH_DISCORD_PRISM", "auto")
    if mode == "off" or (mode == "auto" and not PRISM_BIN.exists()):
        yield None
        return
    if not PRISM_BIN.exists():
        pytest.fail("Prism is required but not installed: run tests/discord/install_prism.sh")
    running = start_prism(tmp_path_factory.mktemp("prism") / "prism.log")
    yield running
    running.stop()


@pytest.fixture
async def bot(tmp_path: Path, prism: Prism | None) -> AsyncIterator[Harness]:
    db = Database(f"sqlite:///{tmp_path / 'storywatch.sqlite3'}")
    await db.migrate()
    fake = FakeDiscord([GUILD_A, GUILD_B])
    await fake.start(prism.upstream_port if prism else 0)
    settings = DiscordSettings(enabled=True, manager_role="Editors", token="fake-token",
                               api_base_url=prism.base_url if prism else fake.api_base)
    fetcher = ControlledFetcher()
    services = Services(uow_factory=db.uow_factory, judge=RuleJudge(), clock=FakeClock(),
                        fetcher=fetcher)
    client = StorywatchClient(settings=settings, services=services,
                              threads=SqlDiscordThreads(db.session_factory),
                              guild_ready_timeout=0.05,
                              # Prism (Node) drops idle keep-alive connections sooner than
                              # aiohttp expects; a fresh connection per request avoids the race
                              connector=aiohttp.TCPConnector(force_close=True) if prism else None)
    runner = DiscordRunner(client, settings.token, ready_timeout=30)
    try:
        await runner.start()
        yield Harness(fake, client, runner, services, fetcher)
    finally:
        await runner.stop()
        await fake.stop()
        await db.dispose()
    if prism is not None:
        unexplained = prism.new_violations()
        assert not unexplained, "Prism found violations of Discord's spec:\n" + "\n".join(
            unexplained)
