"""Test-side helpers for the Slack adapter: signing requests the way Slack does (computed here
with hmac, independently of slack_sdk), and a harness that runs the real Slack app over HTTP on
loopback against :class:`FakeSlack`, with the real SQLite storage and the rule judge."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import aiohttp

from adapters.slack.app import EVENTS_PATH, SlackRunner
from bot.commands.dispatch import Services
from bot.judgment.rules import RuleJudge
from bot.usecases.delivery import DeliveryReport, deliver_updates
from runtime.config import SlackSettings
from storage.database import Database
from tests.fakes import FakeClock
from tests.slack.fake_slack import FakeSlack

FIRST = ("Russia and Ukraine agreed to exchange 1,000 prisoners of war each, Ukrainian Defense "
         "Minister Rustem Umerov said.")
SECOND = ('Trump wrote on Truth Social that "the swap was just completed." A senior Ukrainian '
          "official said the exchange was still under way and not complete.")

CALLED_OFF = ("Ukrainian President Volodymyr Zelensky said the prisoner exchange had been "
              "called off.")


SECRET = "test-signing-secret"
BOT_TOKEN = "xoxb-test"
_keys = itertools.count(1)


def sign(body: str, secret: str = SECRET, ts: int | None = None) -> dict[str, str]:
    stamp = str(int(time.time()) if ts is None else ts)
    digest = hmac.new(secret.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256)
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": "v0=" + digest.hexdigest()}


def command_body(text: str, response_url: str, *, team: str = "T1", channel: str = "C1",
                 user: str = "U1") -> str:
    return urlencode({
        "token": "legacy", "team_id": team, "team_domain": team.lower(), "channel_id": channel,
        "channel_name": "news", "user_id": user, "user_name": "reader", "command": "/story",
        "text": text, "api_app_id": "A1", "response_url": response_url,
        "trigger_id": "1.2.3",
    })


@dataclass
class Harness:
    fake: FakeSlack
    runner: SlackRunner
    services: Services
    clock: FakeClock
    http: aiohttp.ClientSession

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.runner.port}{EVENTS_PATH}"

    async def post(self, body: str, headers: dict[str, str]) -> aiohttp.ClientResponse:
        headers = {"Content-Type": "application/x-www-form-urlencoded", **headers}
        async with self.http.post(self.url, data=body.encode(), headers=headers) as resp:
            await resp.read()
            return resp

    async def command(self, text: str, *, team: str = "T1", channel: str = "C1",
                      user: str = "U1") -> dict[str, Any]:
        """Send a signed ``/story`` command; the message the bot answered with."""
        key = f"r{next(_keys)}"
        body = command_body(text, self.fake.response_url(key), team=team, channel=channel,
                            user=user)
        resp = await self.post(body, sign(body))
        assert resp.status == 200
        return await self.fake.response(key)

    async def event(self, event: dict[str, Any], event_id: str, *, team: str = "T1",
                    retry: int | None = None) -> int:
        body = json.dumps({"type": "event_callback", "team_id": team, "api_app_id": "A1",
                           "event_id": event_id, "event_time": int(time.time()),
                           "event": event})
        headers = {**sign(body), "Content-Type": "application/json"}
        if retry is not None:
            headers.update({"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "timeout"})
        return (await self.post(body, headers)).status

    async def deliver(self) -> DeliveryReport:
        return await deliver_updates(uow_factory=self.services.uow_factory,
                                     notifiers={"slack": self.runner.notifier}, clock=self.clock)


def settings(fake: FakeSlack, **changes: Any) -> SlackSettings:
    base = SlackSettings(enabled=True, mode="http", http_port=0, api_base_url=fake.api_url,
                         bot_token=BOT_TOKEN, signing_secret=SECRET, app_token="xapp-test")
    return replace(base, **changes)


async def open_database(tmp_path: Path) -> tuple[Database, str]:
    url = f"sqlite+aiosqlite:///{tmp_path / 'storywatch.sqlite3'}"
    db = Database(url)
    await db.migrate()
    return db, url


def text_of(message: dict[str, Any]) -> str:
    """Everything a person reads in a message: the fallback text and every block's text."""
    parts = [str(message.get("text", ""))]
    for block in message.get("blocks") or []:
        if "text" in block:
            parts.append(block["text"]["text"])
        parts += [e.get("text", "") for e in block.get("elements", [])]
    return "\n".join(parts)


def new_services(db: Database, clock: FakeClock) -> Services:
    return Services(uow_factory=db.uow_factory, judge=RuleJudge(), clock=clock)


async def start_story(h: Harness, channel: str = "C1") -> None:
    """A followed story with one open claim (agreed, not yet carried out)."""
    await h.command("new Prisoner swap", channel=channel)
    await h.command("follow Prisoner swap", channel=channel)
    await h.command(f"add Prisoner swap {FIRST}", channel=channel)
