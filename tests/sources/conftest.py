"""Fixtures for the source tests: the local web server and safe HTTP clients."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from adapters.web.client import SafeHttp, WebLimits
from tests.sources.server import LocalWeb, local_web


@pytest.fixture
async def web() -> AsyncIterator[LocalWeb]:
    async with local_web() as site:
        yield site


@pytest.fixture
async def http() -> AsyncIterator[SafeHttp]:
    """Private networks allowed (the test server is on 127.0.0.1), short limits."""
    client = SafeHttp(WebLimits(allow_private=True, timeout_seconds=0.5, max_bytes=1024 * 1024))
    yield client
    await client.aclose()


@pytest.fixture
async def default_http() -> AsyncIterator[SafeHttp]:
    """The default settings: private networks refused."""
    client = SafeHttp(WebLimits())
    yield client
    await client.aclose()
