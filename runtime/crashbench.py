"""Crash-safety benchmark: ``python -m runtime.crashbench [--documents 1000] [--kills 10]``.

A worker subprocess runs the real code (ingest, the outbox deliverer, SQLite file) on N
documents across several stories and channels, posting every update to a loopback HTTP sink
(this process) that keeps one post per idempotency key, as Discord does with an enforced nonce,
and records every request it got. The worker is SIGKILLed at random moments K times, then run
to the end. Verified: every document ingested once, every (update, channel) pair posted exactly
once (none missing, none extra); reported: how many repeated requests the keys absorbed (the
at-least-once window a notifier without keys would have shown as duplicate posts)."""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx

from bot.domain import identity
from bot.domain.model import Claim, Document, Modality, Stance, Story, Subscription
from bot.ports import Bearing, ClaimDraft, Judgment
from bot.usecases.delivery import deliver_updates, delivery_key
from bot.usecases.ingest import IncomingDocument, ingest_document
from bot.views import DigestView, UpdateView
from runtime.clock import SystemClock
from storage import Database

PLATFORM = "bench"
T0 = datetime(2025, 5, 16, tzinfo=UTC)


class ScriptedJudge:
    """A judge that reads the bench's scripted lines: "CLAIM n ..." proposes claim n, "DENY n
    ..." contradicts it. The bench measures the pipeline, not the judgment."""

    def judge(self, document: Document, story: Story, claims: Sequence[Claim]) -> Judgment:
        verb, n = document.text.split()[:2]
        text = f"Claim {n} of {story.name} holds"
        if verb == "CLAIM":
            return Judgment([ClaimDraft(text, "bench", Modality.WILL, document.text)],
                            [Bearing(Stance.SUPPORTS, document.text, "bench", draft_index=0)])
        target = identity.claim_id(story.id, text)
        return Judgment([], [Bearing(Stance.CONTRADICTS, document.text, "rival",
                                     claim_id=target)])


def scripted_documents(stories: int, documents: int) -> list[dict[str, Any]]:
    docs = []
    for i in range(documents):
        story, n = i % stories, i // stories
        verb, claim = ("CLAIM", n) if n % 2 == 0 else ("DENY", n - 1)
        docs.append({"story": f"s{story}", "text": f"{verb} {claim} bench document {i} "
                     f"of story {story}: officials said so on day {n}.",
                     "published": (T0 + timedelta(minutes=i)).isoformat()})
    return docs


# -- the worker (a subprocess, killed at random) -----------------------------------------------


class SinkNotifier:
    platform = PLATFORM
    idempotency_keys = True

    def __init__(self, sink: str) -> None:
        self.client = httpx.AsyncClient(base_url=sink, timeout=10)

    async def post_update(self, subscription: Subscription, view: UpdateView, *,
                          idempotency_key: str = "") -> str:
        body = {"key": idempotency_key, "channel": subscription.channel,
                "subscription": subscription.id, "claim": view.claim.id}
        response = await self.client.post("/post", json=body)
        response.raise_for_status()
        return str(response.json()["ref"])

    async def post_digest(self, subscription: Subscription, view: DigestView, *,
                          idempotency_key: str = "") -> str:
        raise NotImplementedError


async def work(db_url: str, lines: list[str], sink: str) -> int:
    db = Database(db_url)
    notifier = SinkNotifier(sink)
    clock = SystemClock()
    notifiers = {PLATFORM: notifier}
    done = asyncio.Event()

    async def deliver_loop() -> None:
        while True:
            report = await deliver_updates(uow_factory=db.uow_factory, notifiers=notifiers,
                                           clock=clock, lease=timedelta(seconds=1))
            async with db.uow_factory() as uow:
                left = await uow.updates.pending(1)
            if done.is_set() and not left:
                return
            if not report.posted:
                await asyncio.sleep(0.05)

    deliverer = asyncio.create_task(deliver_loop())
    judge = ScriptedJudge()
    for line in lines:
        d = json.loads(line)
        incoming = IncomingDocument(d["text"], datetime.fromisoformat(d["published"]), "bench")
        await ingest_document(uow_factory=db.uow_factory, judge=judge, clock=clock,
                              story_id=d["story_id"], incoming=incoming)
    done.set()
    await deliverer
    await notifier.client.aclose()
    await db.dispose()
    return 0


# -- the sink and the parent --------------------------------------------------------------------


@dataclass
class Sink:
    received: list[str] = field(default_factory=list)
    kept: dict[str, dict[str, Any]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def serve(self) -> ThreadingHTTPServer:
        sink = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                with sink.lock:
                    sink.received.append(body["key"])
                    kept = sink.kept.setdefault(body["key"], {**body, "ref": len(sink.kept)})
                data = json.dumps({"ref": f"m{kept['ref']}"}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server


async def prepare(db_url: str, docs_path: Path, stories: int, channels: int,
                  documents: int) -> None:
    db = Database(db_url)
    await db.migrate()
    async with db.uow_factory() as uow:
        for s in range(stories):
            story = Story(identity.story_id("bench", f"s{s}"), "bench", f"s{s}", (), T0)
            await uow.stories.add(story)
            for c in range(channels):
                if (s + c) % 2 == 0 or c == 0:  # each story in some of the channels
                    await uow.subscriptions.add(Subscription(
                        f"f{s}-{c}", "bench", story.id, PLATFORM, f"ch{c}", T0))
        await uow.commit()
    with docs_path.open("w") as out:
        for d in scripted_documents(stories, documents):
            d["story_id"] = identity.story_id("bench", d["story"])
            out.write(json.dumps(d) + "\n")
    await db.dispose()


async def expected(db_url: str) -> tuple[int, set[str]]:
    db = Database(db_url)
    keys: set[str] = set()
    docs = 0
    async with db.uow_factory() as uow:
        for story in await uow.stories.all():
            docs += await uow.documents.count(story.id)
            subs = await uow.subscriptions.for_story(story.id)
            for update in await uow.updates.for_story(story.id):
                keys |= {delivery_key(update.id, s.id) for s in subs}
    await db.dispose()
    return docs, keys


def run_bench(documents: int, stories: int, channels: int, kills: int, seed: int,
              workdir: Path) -> dict[str, Any]:
    rng = random.Random(seed)
    db_url = f"sqlite+aiosqlite:///{workdir / 'bench.sqlite3'}"
    docs_path = workdir / "documents.jsonl"
    asyncio.run(prepare(db_url, docs_path, stories, channels, documents))
    sink = Sink()
    server = sink.serve()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    cmd = [sys.executable, "-m", "runtime.crashbench", "worker", db_url, str(docs_path), url]
    started = time.perf_counter()
    killed_at = []
    for _ in range(kills):
        proc = subprocess.Popen(cmd)  # noqa: S603 - our own module
        wait = rng.uniform(0.3, 2.5)
        try:
            proc.wait(wait)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            killed_at.append(round(wait, 2))
    final = subprocess.run(cmd, check=False).returncode  # noqa: S603
    elapsed = time.perf_counter() - started
    server.shutdown()
    docs, keys = asyncio.run(expected(db_url))
    kept = set(sink.kept)
    return {"documents": documents, "documents_stored": docs, "stories": stories,
            "kills": len(killed_at), "killed_after_s": killed_at, "final_exit": final,
            "expected_posts": len(keys), "posted": len(kept & keys),
            "missing": len(keys - kept), "extra": len(kept - keys),
            "requests": len(sink.received),
            "repeats_absorbed_by_key": len(sink.received) - len(kept),
            "seconds": round(elapsed, 1),
            "ok": final == 0 and docs == documents and kept == keys}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["worker"]:
        return asyncio.run(work(argv[1], Path(argv[2]).read_text().splitlines(), argv[3]))
    p = argparse.ArgumentParser(prog="python -m runtime.crashbench", description=__doc__)
    p.add_argument("--documents", type=int, default=1000)
    p.add_argument("--stories", type=int, default=5)
    p.add_argument("--channels", type=int, default=4)
    p.add_argument("--kills", type=int, default=10)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="storywatch-crashbench-") as tmp:
        result = run_bench(args.documents, args.stories, args.channels, args.kills, args.seed,
                           Path(tmp))
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:>24}: {value}")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
