"""The ack latency benchmark: how fast the real Slack app (HTTP mode, Bolt's aiohttp adapter,
signature check included) acknowledges slash commands under concurrent load.

``bench_ack`` starts the app on an ephemeral loopback port against a minimal Slack-compatible
sink (``auth.test`` and response URLs), sends rounds of ``concurrency`` signed ``/story``
commands at once, and measures each request until its HTTP answer (the ack Slack waits 3
seconds for). Each round also waits until every command has answered through its response URL,
so the acks are measured while the deferred work of the whole round competes for the loop.
The runtime exposes it as ``storywatch bench slack-ack``; ``tests/slack/bench_ack.py`` runs it
on a SQLite database.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import aiohttp
from aiohttp import web

from adapters.slack.app import EVENTS_PATH, SlackRunner
from bot.commands.dispatch import Services

SECRET = "bench-signing-secret"  # noqa: S105 - a throwaway secret for the loopback run
TOKEN = "xoxb-bench"  # noqa: S105 - answered only by the local sink
DEFAULT_COMMANDS = ("help", "list")


@dataclass(frozen=True)
class _BenchSettings:
    """The loopback settings of a benchmark run (shaped like the runtime's SlackSettings)."""

    api_base_url: str
    mode: str = "http"
    http_port: int = 0
    broadcast_updates: bool = False
    broadcast_channels: list[str] = field(default_factory=list)
    oauth: bool = False
    client_id: str = ""
    bot_token: str = TOKEN
    signing_secret: str = SECRET
    app_token: str = ""
    client_secret: str = ""


class _Sink:
    """Answers ``auth.test`` and counts what arrives on response URLs."""

    def __init__(self) -> None:
        self.answered: dict[str, asyncio.Event] = {}
        self.runner: web.AppRunner | None = None
        self.base = ""

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/api/auth.test", self._auth)
        app.router.add_post("/response/{key}", self._response)
        self.runner = web.AppRunner(app, access_log=None)
        await self.runner.setup()
        await web.TCPSite(self.runner, "127.0.0.1", 0).start()
        self.base = f"http://127.0.0.1:{self.runner.addresses[0][1]}/"

    async def _auth(self, request: web.Request) -> web.Response:
        return web.json_response({"ok": True, "team_id": "T1", "user_id": "UBOT",
                                  "bot_id": "BBOT", "url": "https://bench.slack.com/"})

    async def _response(self, request: web.Request) -> web.Response:
        await request.read()
        self.answered.setdefault(request.match_info["key"], asyncio.Event()).set()
        return web.Response(text="ok")

    async def wait(self, key: str) -> None:
        await self.answered.setdefault(key, asyncio.Event()).wait()


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1))]


def _signed(text: str, response_url: str) -> tuple[bytes, dict[str, str]]:
    body = urlencode({"team_id": "T1", "channel_id": "CBENCH", "user_id": "UBENCH",
                      "command": "/story", "text": text, "response_url": response_url,
                      "api_app_id": "A1", "trigger_id": "1.2.3"})
    stamp = str(int(time.time()))
    sig = hmac.new(SECRET.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256).hexdigest()
    return body.encode(), {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": "v0=" + sig,
                           "Content-Type": "application/x-www-form-urlencoded"}


async def _one(http: aiohttp.ClientSession, url: str, sink: _Sink, key: str,
               text: str) -> float:
    body, headers = _signed(text, f"{sink.base}response/{key}")
    start = time.perf_counter()
    async with http.post(url, data=body, headers=headers) as resp:
        await resp.read()
        if resp.status != 200:
            raise RuntimeError(f"the app answered {resp.status}")
    return (time.perf_counter() - start) * 1000


async def bench_ack(concurrency: int = 20, rounds: int = 25, *, services: Services,
                    database_url: str, commands: Sequence[str] = DEFAULT_COMMANDS,
                    ) -> dict[str, Any]:
    """p50/p99/max ack latency in milliseconds over ``rounds`` × ``concurrency`` commands."""
    sink = _Sink()
    await sink.start()
    settings = _BenchSettings(api_base_url=sink.base + "api/")
    runner = SlackRunner(settings, services, database_url=database_url, host="127.0.0.1")
    await runner.start()
    url = f"http://127.0.0.1:{runner.port}{EVENTS_PATH}"
    keys, texts = itertools.count(), itertools.cycle(commands)
    latencies: list[float] = []
    connector = aiohttp.TCPConnector(limit=concurrency)
    try:
        async with aiohttp.ClientSession(connector=connector) as http:
            await _one(http, url, sink, "warmup", "help")  # first request runs auth.test
            for _ in range(rounds):
                batch = [(f"k{next(keys)}", next(texts)) for _ in range(concurrency)]
                latencies += await asyncio.gather(*(_one(http, url, sink, k, t)
                                                    for k, t in batch))
                await asyncio.gather(*(sink.wait(k) for k, _ in batch))
    finally:
        await runner.stop()
        if sink.runner is not None:
            await sink.runner.cleanup()
    return {"concurrency": concurrency, "requests": len(latencies),
            "p50_ms": round(percentile(latencies, 0.50), 2),
            "p99_ms": round(percentile(latencies, 0.99), 2),
            "max_ms": round(max(latencies), 2), "target_p99_ms": 100}
