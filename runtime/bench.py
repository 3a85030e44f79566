"""``storywatch bench replay``: end-to-end documents per second through ingestion (judgment,
fold, storage) on a SQLite file, with peak memory. Documents are real news bodies from an
FNC-1-format bodies CSV, published one minute apart into one story."""

from __future__ import annotations

import argparse
import csv
import json
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.usecases.ingest import IncomingDocument, ingest_document
from bot.usecases.stories import create_story
from runtime.config import Settings
from runtime.wiring import open_services


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("bench", help="benchmarks: end-to-end replay throughput")
    which = p.add_subparsers(dest="bench", required=True)
    r = which.add_parser("replay", help="documents/s through ingestion, and peak memory")
    r.add_argument("--bodies", type=Path, required=True, help="FNC-1 bodies CSV")
    r.add_argument("--documents", type=int, default=200)
    r.set_defaults(func=run)


def bodies(path: Path, n: int) -> list[str]:
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8") as handle:
        rows = [row["articleBody"] for row in csv.DictReader(handle)]
    return [r for r in rows if r.strip()][:n]


async def run(args: argparse.Namespace, settings: Settings) -> int:
    texts = bodies(args.bodies, args.documents)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as tmp:
        async with open_services(settings, f"sqlite+aiosqlite:///{Path(tmp) / 'b.sqlite3'}"
                                 ) as (_, svc):
            story = await create_story(uow_factory=svc.uow_factory, clock=svc.clock,
                                       workspace="bench", name="Bench")
            began = time.perf_counter()
            claims = 0
            for i, text in enumerate(texts):
                doc = IncomingDocument(text, start + timedelta(minutes=i), "bench", "", "",
                                       f"b{i}")
                result = await ingest_document(uow_factory=svc.uow_factory, judge=svc.judge,
                                               clock=svc.clock, story_id=story.id, incoming=doc,
                                               index=svc.index)
                claims += len(result.new_claims)
            seconds = time.perf_counter() - began
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"engine": settings.judgment.engine, "documents": len(texts),
                      "claims": claims, "seconds": round(seconds, 2),
                      "documents_per_s": round(len(texts) / seconds, 2),
                      "peak_rss_mb": round(peak_mb, 1)}))
    return 0
