"""Runs the Slack ack latency benchmark on a fresh SQLite database with the rule judge:
``python -m tests.slack.bench_ack [--concurrency 20] [--rounds 25]``. Prints one JSON object.

Before measuring it creates a story with the two prisoner-swap documents, so the commands
(``status``, ``claims``, ``list``, ``help``) read a real ledger while acks are measured. Then it
calls ``gc.freeze()``, as a long-running bot should once it has started: the judgment's models
make a large heap, and without it a full collection stalls the loop for 60-90 ms, which shows
up as a p99 of 100-200 ms (``--no-gc-freeze`` measures that).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from adapters.slack.bench import bench_ack
from bot.commands.dispatch import CommandContext, Services, handle_command
from bot.judgment.rules import RuleJudge
from storage.database import Database
from tests.slack.support import FIRST, SECOND

COMMANDS = ("status Prisoner swap", "claims Prisoner swap all", "list", "help")


class UtcClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


async def main(concurrency: int, rounds: int, freeze: bool = True) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{Path(tmp) / 'bench.sqlite3'}"
        db = Database(url)
        await db.migrate()
        services = Services(uow_factory=db.uow_factory, judge=RuleJudge(), clock=UtcClock())
        ctx = CommandContext("T1", "slack", "CBENCH", "UBENCH")
        for text in ("new Prisoner swap", f"add Prisoner swap {FIRST}",
                     f"add Prisoner swap {SECOND}"):
            await handle_command(text, ctx, services)
        if freeze:
            gc.freeze()
        try:
            result = await bench_ack(concurrency, rounds, services=services,
                                     database_url=url, commands=COMMANDS)
            return {**result, "gc_freeze": freeze}
        finally:
            await db.dispose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=25)
    parser.add_argument("--no-gc-freeze", action="store_true")
    args = parser.parse_args()
    print(json.dumps(asyncio.run(main(args.concurrency, args.rounds, not args.no_gc_freeze))))
