"""A Discord-compatible REST API and gateway on loopback, for running the real discord.py client.

It speaks just enough of Discord's v10 API for Storywatch: the REST routes the bot calls (login,
application info, command sync, interaction callbacks and webhook edits, channels, threads,
messages) and a WebSocket gateway (HELLO, IDENTIFY, READY, GUILD_CREATE, HEARTBEAT_ACK and
INTERACTION_CREATE dispatches). Every REST request is recorded so tests can assert what the bot
sent; ``fail`` queues error responses (403, 404, 429 …) for a route to test failure handling.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from tests.discord import payloads as p

MANAGE_GUILD = 1 << 5
BODY = web.RequestKey("body", object)
WAIT_SECONDS = 10.0


def json_response(payload: Any, status: int = 200,
                  headers: dict[str, str] | None = None) -> web.Response:
    """JSON the way Discord sends it: discord.py parses only ``application/json`` exactly."""
    return web.Response(body=json.dumps(payload).encode(), status=status,
                        headers={"Content-Type": "application/json", **(headers or {})})


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, str]
    body: Any


@dataclass
class Guild:
    id: str
    name: str
    channels: dict[str, str] = field(default_factory=dict)  # id -> name
    roles: dict[str, str] = field(default_factory=dict)  # id -> name


class FakeDiscord:
    """One fake Discord: REST under ``prefix`` and the gateway at ``/gateway``."""

    def __init__(self, guilds: list[Guild], prefix: str = "/api/v10") -> None:
        self.guilds = {g.id: g for g in guilds}
        self.prefix = prefix
        self.requests: list[Recorded] = []
        self.commands: list[dict[str, Any]] = []
        self.messages: dict[str, list[dict[str, Any]]] = {}  # channel id -> posted messages
        self.threads: dict[str, dict[str, Any]] = {}
        self.failures: dict[tuple[str, str], list[tuple[int, dict[str, Any]]]] = {}
        self.lost: dict[tuple[str, str], int] = {}  # done, but the answer never arrives
        self.ids = itertools.count(1_300_000_000_000_000_000)
        self.changed = asyncio.Condition()
        self.sockets: list[web.WebSocketResponse] = []
        self.identified = asyncio.Event()
        self.seq = itertools.count(1)
        self.port = 0
        self._runner: web.AppRunner | None = None

    # -- lifecycle --------------------------------------------------------------------------
    async def start(self, port: int = 0) -> None:
        app = web.Application(middlewares=[self._record])
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", self.prefix + "/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port, reuse_address=True)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        for ws in self.sockets:
            await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}{self.prefix}"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    def new_id(self) -> str:
        return str(next(self.ids))

    # -- failure injection and waiting ------------------------------------------------------
    def fail(self, method: str, pattern: str, status: int, body: dict[str, Any],
             times: int = 1) -> None:
        self.failures.setdefault((method, pattern), []).extend([(status, body)] * times)

    def lose_response(self, method: str, pattern: str, times: int = 1) -> None:
        """Carry the next matching request out, then answer 503 as if the reply was lost on
        the way back (a crash or a dropped connection after Discord took the post)."""
        self.lost[(method, pattern)] = self.lost.get((method, pattern), 0) + times

    async def wait_for(self, predicate: Callable[[], Any]) -> Any:
        """Wait (bounded) until ``predicate`` holds for what was recorded; returns its value."""
        async with asyncio.timeout(WAIT_SECONDS), self.changed:
            return await self.changed.wait_for(predicate)

    def sent(self, method: str, pattern: str) -> list[Recorded]:
        return [r for r in self.requests if r.method == method and re.fullmatch(pattern, r.path)]

    # -- REST -------------------------------------------------------------------------------
    @web.middleware
    async def _record(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if request.path == "/gateway":
            return await handler(request)  # type: ignore[no-any-return]
        path = request.path[len(self.prefix):]
        body = await request.json() if request.can_read_body else None
        request[BODY] = body  # the stream is spent now; handlers read it from here
        async with self.changed:
            self.requests.append(Recorded(request.method, path, dict(request.query), body))
            self.changed.notify_all()
        for (method, pattern), queued in self.failures.items():
            if method == request.method and re.fullmatch(pattern, path) and queued:
                status, payload = queued.pop(0)
                headers = {"Via": "1.1 google"} if status == 429 else {}
                return json_response(payload, status, headers)
        response: web.StreamResponse = await handler(request)
        async with self.changed:
            self.changed.notify_all()
        for (method, pattern), left in self.lost.items():
            if method == request.method and re.fullmatch(pattern, path) and left:
                self.lost[(method, pattern)] = left - 1
                return json_response({"message": "upstream connect error", "code": 0}, 503)
        return response

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        path = request.path[len(self.prefix):]
        body = request.get(BODY)
        for method, pattern, handler in self._routes():
            match = re.fullmatch(pattern, path)
            if method == request.method and match:
                result = handler(body, *match.groups())
                if result is None:
                    return web.Response(status=204)
                return json_response(result, 201 if path.endswith("/threads") else 200)
        return json_response({"message": "404: Not Found", "code": 0}, 404)

    def _routes(self) -> list[tuple[str, str, Callable[..., Any]]]:
        return [
            ("GET", r"/gateway/bot", lambda _: p.gateway_bot(self.gateway_url)),
            ("GET", r"/users/@me", lambda _: p.BOT_USER),
            ("GET", r"/oauth2/applications/@me", lambda _: p.application()),
            ("PUT", r"/applications/(\d+)/commands", self._sync),
            ("POST", r"/interactions/(\d+)/([^/]+)/callback", self._callback),
            ("PATCH", r"/webhooks/(\d+)/([^/]+)/messages/@original", self._edit_original),
            ("POST", r"/webhooks/(\d+)/([^/]+)", self._followup),
            ("GET", r"/channels/(\d+)", self._channel),
            ("POST", r"/channels/(\d+)/threads", self._thread),
            ("POST", r"/channels/(\d+)/messages", self._message),
        ]

    def _sync(self, body: list[dict[str, Any]], app_id: str) -> list[dict[str, Any]]:
        self.commands = [p.command_response(c, self.new_id()) for c in body]
        return self.commands

    def _callback(self, body: dict[str, Any], interaction_id: str, token: str) -> Any:
        return p.callback_response(body, interaction_id, self.new_id())

    def _edit_original(self, body: dict[str, Any], app_id: str, token: str) -> dict[str, Any]:
        return p.message(self.new_id(), "0", body, webhook_id=app_id)

    def _followup(self, body: dict[str, Any], app_id: str, token: str) -> dict[str, Any]:
        return p.message(self.new_id(), "0", body, webhook_id=app_id)

    def _channel(self, _: Any, channel_id: str) -> Any:
        for guild in self.guilds.values():
            if channel_id in guild.channels:
                return p.text_channel(channel_id, guild.id, guild.channels[channel_id])
        if channel_id in self.threads:
            return self.threads[channel_id]
        raise web.HTTPNotFound(body=json.dumps({"message": "Unknown Channel", "code": 10003}),
                               headers={"Content-Type": "application/json"})

    def _thread(self, body: dict[str, Any], channel_id: str) -> dict[str, Any]:
        guild = next(g for g in self.guilds.values() if channel_id in g.channels)
        thread = p.thread(self.new_id(), guild.id, channel_id, body["name"])
        self.threads[thread["id"]] = thread
        return thread

    def _message(self, body: dict[str, Any], channel_id: str) -> dict[str, Any]:
        # Discord: with enforce_nonce, a second message with the same nonce from the same
        # author (within a few minutes) is not created; the first one is returned
        if body.get("enforce_nonce") and body.get("nonce") is not None:
            for earlier in self.messages.get(channel_id, []):
                if earlier.get("nonce") == str(body["nonce"]):
                    return earlier
        message = p.message(self.new_id(), channel_id, body)
        self.messages.setdefault(channel_id, []).append(message)
        return message

    # -- the gateway ------------------------------------------------------------------------
    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self.sockets.append(ws)
        await ws.send_json({"op": 10, "d": {"heartbeat_interval": 41250}, "s": None, "t": None})
        async for msg in ws:
            if msg.type != WSMsgType.TEXT:
                break
            frame = json.loads(msg.data)
            if frame["op"] == 1:
                await ws.send_json({"op": 11, "d": None, "s": None, "t": None})
            elif frame["op"] == 2:
                await self._ready(ws)
        return ws

    async def _ready(self, ws: web.WebSocketResponse) -> None:
        await self.dispatch("READY", p.ready(list(self.guilds), self.gateway_url), ws)
        for guild in self.guilds.values():
            await self.dispatch("GUILD_CREATE", p.guild_create(guild), ws)
        self.identified.set()

    async def dispatch(self, event: str, data: dict[str, Any],
                       ws: web.WebSocketResponse | None = None) -> None:
        target = ws or self.sockets[-1]
        await target.send_json({"op": 0, "t": event, "s": next(self.seq), "d": data})

    async def interact(self, data: dict[str, Any]) -> None:
        await self.identified.wait()
        await self.dispatch("INTERACTION_CREATE", data)
