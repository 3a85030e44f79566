"""A Slack-compatible server on loopback for the adapter's tests and benchmark.

It implements the few Web API methods the bot uses (``auth.test``, ``chat.postMessage``,
``chat.update``, ``chat.postEphemeral``, ``conversations.history``, ``conversations.replies``,
``apps.connections.open``), the response URLs slash commands answer through, and a Socket Mode
WebSocket endpoint speaking the envelope protocol. Posted messages are kept with their metadata,
which the two ``conversations`` methods return only with ``include_all_metadata``, as Slack
does. Every call is recorded; a test can make the next calls of a method fail with 429 or 500,
or fail after the message was taken (``stored``: the answer is lost, the post is not).
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web


@dataclass
class ApiCall:
    method: str
    params: dict[str, Any]
    token: str
    status: int
    result: dict[str, Any] = field(default_factory=dict)


@dataclass
class Fault:
    status: int
    times: int
    headers: dict[str, str] = field(default_factory=dict)
    error: str = ""
    stored: bool = False  # the post is taken before the failure is answered
    replies_only: bool = False  # only posts in a thread fail


class FakeSlack:
    def __init__(self, teams: dict[str, str] | None = None) -> None:
        # token -> team id; auth.test answers with the team the token belongs to
        self.teams = teams or {"xoxb-test": "T1"}
        self.calls: list[ApiCall] = []
        self.responses: dict[str, list[dict[str, Any]]] = {}
        self.socket_acks: list[dict[str, Any]] = []
        self.faults: dict[str, list[Fault]] = {}
        self.messages: list[dict[str, Any]] = []  # what chat.postMessage took, in order
        self._ts = itertools.count(1)
        self._changed = asyncio.Condition()
        self._sockets: list[web.WebSocketResponse] = []
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    # -- lifecycle --------------------------------------------------------------------------
    async def start(self) -> str:
        app = web.Application()
        app.router.add_post("/api/{method}", self._api)
        app.router.add_get("/api/{method}", self._api)
        app.router.add_post("/response/{key}", self._response)
        app.router.add_get("/socket", self._socket)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.base_url = f"http://127.0.0.1:{port}/"
        return self.base_url

    async def stop(self) -> None:
        for ws in list(self._sockets):
            await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_url(self) -> str:
        return self.base_url + "api/"

    def response_url(self, key: str) -> str:
        return f"{self.base_url}response/{key}"

    # -- what tests set up and read -----------------------------------------------------------
    def fail(self, method: str, status: int, times: int = 1, retry_after: int | None = None,
             error: str = "", stored: bool = False, replies_only: bool = False) -> None:
        """The next ``times`` calls of ``method`` (``replies_only``: posts in a thread) answer
        ``status`` (and Slack ``error``); with ``stored`` a chat.postMessage is kept all the
        same (its answer is lost)."""
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
        self.faults.setdefault(method, []).append(
            Fault(status, times, headers, error, stored, replies_only))

    def thread(self, channel: str, ts: str) -> list[dict[str, Any]]:
        """The replies Slack holds in a thread (without its parent)."""
        return [m for m in self.messages
                if m["channel"] == channel and m.get("thread_ts") == ts]

    def ok_calls(self, method: str) -> list[ApiCall]:
        return [c for c in self.calls if c.method == method and c.status == 200]

    def posted(self, channel: str | None = None) -> list[ApiCall]:
        return [c for c in self.ok_calls("chat.postMessage")
                if channel is None or c.params.get("channel") == channel]

    def posts(self, channel: str | None = None) -> list[dict[str, Any]]:
        return [c.params for c in self.ok_calls("chat.postMessage")
                if channel is None or c.params.get("channel") == channel]

    async def wait_for(self, predicate: Callable[[], Any], within: float = 10.0) -> Any:
        async def until() -> Any:
            async with self._changed:
                while not (result := predicate()):
                    await self._changed.wait()
                return result
        return await asyncio.wait_for(until(), within)

    async def response(self, key: str, within: float = 10.0) -> dict[str, Any]:
        """The first message the bot sent to this response URL."""
        answered = await self.wait_for(lambda: self.responses.get(key), within)
        first: dict[str, Any] = answered[0]
        return first

    async def send_envelope(self, envelope: dict[str, Any]) -> None:
        await self.wait_for(lambda: self._sockets)
        await self._sockets[-1].send_str(json.dumps(envelope))

    # -- handlers -----------------------------------------------------------------------------
    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = dict(request.query) if request.method == "GET" else await _params(request)
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        status, body, headers = self._answer(method, params, token)
        self.calls.append(ApiCall(method, params, token, status, body))
        await self._notify()
        return web.json_response(body, status=status, headers=headers)

    def _answer(self, method: str, params: dict[str, Any],
                token: str) -> tuple[int, dict[str, Any], dict[str, str]]:
        faults = [f for f in self.faults.get(method) or []
                  if not f.replies_only or params.get("thread_ts")]
        if faults:
            fault = faults[0]
            fault.times -= 1
            if fault.times <= 0:
                self.faults[method].remove(fault)
            if fault.stored and method == "chat.postMessage":
                self._store(params)
            error = fault.error or ("ratelimited" if fault.status == 429 else "internal_error")
            return fault.status, {"ok": False, "error": error}, fault.headers
        if method == "auth.test":
            team = self.teams.get(token)
            if team is None:
                return 200, {"ok": False, "error": "invalid_auth"}, {}
            return 200, {"ok": True, "team_id": team, "user_id": "UBOT", "bot_id": "BBOT",
                         "url": "https://example.slack.com/", "team": team}, {}
        if method == "chat.postMessage":
            ts = self._store(params)
            return 200, {"ok": True, "channel": params.get("channel"), "ts": ts,
                         "message": params}, {}
        if method == "chat.postEphemeral":
            ts = f"1700000000.{next(self._ts):06d}"
            return 200, {"ok": True, "message_ts": ts}, {}
        if method in ("conversations.history", "conversations.replies"):
            return 200, self._conversation(method, params), {}
        if method == "chat.update":
            return 200, {"ok": True, "channel": params.get("channel"), "ts": params.get("ts")}, {}
        if method == "apps.connections.open":
            ws = self.base_url.replace("http://", "ws://") + "socket"
            return 200, {"ok": True, "url": ws}, {}
        return 200, {"ok": False, "error": "unknown_method"}, {}

    def _store(self, params: dict[str, Any]) -> str:
        ts = f"1700000000.{next(self._ts):06d}"
        self.messages.append({**params, "ts": ts, "type": "message"})
        return ts

    def _conversation(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        channel, limit = params.get("channel"), int(params.get("limit") or 100)
        if method == "conversations.history":  # newest first, no thread replies
            found = [m for m in reversed(self.messages) if m["channel"] == channel
                     and (not m.get("thread_ts") or m.get("reply_broadcast"))][:limit]
        else:  # the parent, then its replies, oldest first
            found = [m for m in self.messages if m["channel"] == channel and params.get("ts")
                     in (m["ts"], m.get("thread_ts"))][:limit]
        with_meta = str(params.get("include_all_metadata", "")).lower() in ("1", "true")
        shown = [{k: v for k, v in m.items() if k != "metadata" or with_meta} for m in found]
        return {"ok": True, "messages": shown, "has_more": False,
                "response_metadata": {"next_cursor": ""}}

    async def _response(self, request: web.Request) -> web.Response:
        self.responses.setdefault(request.match_info["key"], []).append(await request.json())
        await self._notify()
        return web.Response(text="ok")

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._sockets.append(ws)
        await ws.send_str(json.dumps({"type": "hello", "num_connections": 1}))
        await self._notify()
        async for msg in ws:
            if msg.type == WSMsgType.TEXT:
                self.socket_acks.append(json.loads(msg.data))
                await self._notify()
        self._sockets.remove(ws)
        return ws


async def _params(request: web.Request) -> dict[str, Any]:
    if request.content_type == "application/json":
        data = await request.json()
        return dict(data) if isinstance(data, dict) else {}
    form = await request.post()
    params: dict[str, Any] = {}
    for key, value in form.items():
        text = str(value)
        params[key] = json.loads(text) if key == "blocks" else text
    return params
