"""Prism is really in the path: REST traffic of the suite goes through it and is checked."""

from __future__ import annotations

import pytest

from tests.discord.prism import PRISM_BIN, Prism
from tests.discord.support import Harness


async def test_rest_traffic_passes_through_prism(bot: Harness, prism: Prism | None) -> None:
    if prism is None:
        if not PRISM_BIN.exists():
            pytest.skip("Prism is not installed (tests/discord/install_prism.sh)")
        pytest.skip("Prism switched off with STORYWATCH_DISCORD_PRISM=off")
    await bot.slash("help")
    log = prism.log.read_text(encoding="utf-8", errors="replace")
    assert "Forwarding \"post\" request to" in log and "/callback" in log
    assert bot.client.http.token == "fake-token"
