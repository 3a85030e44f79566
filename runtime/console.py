"""``storywatch chat``, ``storywatch command`` and ``storywatch demo``: the console adapter
wired to a database."""

from __future__ import annotations

import argparse
import contextlib
import json
import tempfile
from collections.abc import AsyncIterator
from datetime import datetime
from importlib import resources
from pathlib import Path

from adapters.console.chat import ConsoleChat
from adapters.web.fetcher import WebFetcher
from bot.errors import StorywatchError
from bot.usecases.ingest import IncomingDocument, ingest_document
from runtime.config import Settings
from runtime.scheduler import make_http
from runtime.wiring import open_services


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    chat = sub.add_parser("chat", help="an interactive /story chat in the terminal")
    _where(chat)
    chat.set_defaults(func=run_chat)
    command = sub.add_parser("command", help='run one "/story …" command and print the result')
    command.add_argument("text", help='the command, e.g. "/story list"')
    _where(command)
    command.set_defaults(func=run_command)
    demo = sub.add_parser("demo", help="play a short story in the console and show the ledger")
    demo.set_defaults(func=run_demo)


def _where(p: argparse.ArgumentParser) -> None:
    p.add_argument("--workspace", default="local", help="workspace (default: local)")
    p.add_argument("--channel", default="general", help="channel (default: general)")
    p.add_argument("--user", default="you", help="who you are (default: you)")


async def run_chat(args: argparse.Namespace, settings: Settings) -> int:
    async with _console(args, settings) as chat:
        await chat.loop()
    return 0


async def run_command(args: argparse.Namespace, settings: Settings) -> int:
    async with _console(args, settings) as chat:
        ok = await chat.send(args.text)
    return 0 if ok else 1


@contextlib.asynccontextmanager
async def _console(args: argparse.Namespace, settings: Settings) -> AsyncIterator[ConsoleChat]:
    """A console chat on the configured database, with the safe link fetcher for `/story add`."""
    http = make_http(settings.sources)
    try:
        async with open_services(settings, fetcher=WebFetcher(http)) as (_, services):
            yield ConsoleChat(services, workspace=args.workspace, channel=args.channel,
                              user=args.user)
    finally:
        await http.aclose()


def demo_documents() -> list[IncomingDocument]:
    text = resources.files("runtime.demo").joinpath("prisoner_swap.jsonl").read_text("utf-8")
    docs = []
    for line in text.splitlines():
        d = json.loads(line)
        docs.append(IncomingDocument(d["text"], datetime.fromisoformat(d["published"]),
                                     d["source"], d["url"], d["title"], d["id"]))
    return docs


async def run_demo(args: argparse.Namespace, settings: Settings) -> int:
    with tempfile.TemporaryDirectory(prefix="storywatch-demo-") as tmp:
        url = f"sqlite+aiosqlite:///{Path(tmp) / 'demo.sqlite3'}"
        async with open_services(settings, url) as (_, services):
            await _play(ConsoleChat(services, channel="newsroom"))
    return 0


async def _play(chat: ConsoleChat) -> None:
    say = chat.write
    say("Storywatch demo: a team follows the May 2025 Russia–Ukraine prisoner swap.\n")
    for line in ("/story new Prisoner swap keywords: POW, Istanbul",
                 "/story follow Prisoner swap"):
        await _typed(chat, line)
    svc = chat.services
    async with svc.uow_factory() as uow:
        story = await uow.stories.by_name(chat.context.workspace, "Prisoner swap")
    if story is None:
        raise StorywatchError("the demo story could not be created")
    for doc in demo_documents():
        say(f"\n── {doc.published:%d %b %Y}: a new document arrives — “{doc.title}” ({doc.source})")
        result = await ingest_document(uow_factory=svc.uow_factory, judge=svc.judge,
                                       clock=svc.clock, story_id=story.id, incoming=doc,
                                       index=svc.index)
        say(f"   {len(result.new_claims)} new claim(s), {len(result.updates)} update(s)")
        await chat.deliver()
        await _typed(chat, "/story status Prisoner swap")
    await _typed(chat, "/story claims Prisoner swap all")
    async with svc.uow_factory() as uow:
        claims = await uow.claims.for_story(story.id)
    disputed = [c for c in claims if c.evidence and any(e.stance.value == "contradicts"
                                                        for e in c.evidence)]
    if disputed:
        await _typed(chat, f"/story history {disputed[0].id}")


async def _typed(chat: ConsoleChat, line: str) -> None:
    chat.write(f"\n> {line}")
    await chat.send(line)
