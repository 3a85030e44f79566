"""``storywatch replay``: ingest documents in order of publication and print what the story
became (DESIGN.md, "Replay"). Bad documents are reported one line each on stderr; the others
are still ingested. Replaying into the same database twice adds nothing."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from bot.domain.model import Claim, Update
from bot.errors import StoryExists
from bot.usecases.ingest import ingest_document
from bot.usecases.stories import create_story
from runtime.config import Settings
from runtime.documents import load_documents
from runtime.wiring import open_services

REPLAY_WORKSPACE = "local"


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("replay", help="ingest documents in order and print the story's ledger")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument("--story", help="story name (default: from the first path)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--db", help="database URL (default: a temporary SQLite file)")
    p.set_defaults(func=run, needs_settings=True)


async def run(args: argparse.Namespace, settings: Settings) -> int:
    docs, problems = load_documents(args.paths)
    for problem in problems:
        print(f"storywatch replay: {problem}", file=sys.stderr)
    name = args.story or _default_name(args.paths[0])
    if args.db:
        return await _replay(args.db, name, docs, settings, args.json, problems)
    import tempfile

    with tempfile.TemporaryDirectory(prefix="storywatch-replay-") as tmp:
        url = f"sqlite+aiosqlite:///{Path(tmp) / 'replay.sqlite3'}"
        return await _replay(url, name, docs, settings, args.json, problems)


async def _replay(url: str, name: str, docs: list[Any], settings: Settings, as_json: bool,
                  problems: list[Any]) -> int:
    async with open_services(settings, url) as (_, svc):
        try:
            story = await create_story(uow_factory=svc.uow_factory, clock=svc.clock,
                                       workspace=REPLAY_WORKSPACE, name=name)
        except StoryExists:
            async with svc.uow_factory() as uow:
                found = await uow.stories.by_name(REPLAY_WORKSPACE, name)
            assert found is not None
            story = found
        for doc in docs:
            await ingest_document(uow_factory=svc.uow_factory, judge=svc.judge, clock=svc.clock,
                                  story_id=story.id, incoming=doc, index=svc.index)
        async with svc.uow_factory() as uow:
            claims = await uow.claims.for_story(story.id)
            updates = await uow.updates.for_story(story.id)
            external = {c.first_document_id: "" for c in claims}
            for doc_id in {e.document_id for c in claims for e in c.evidence} | set(external):
                d = await uow.documents.get(doc_id)
                external[doc_id] = (d.external_id or d.id) if d else doc_id
    result = ledger_json(story.name, claims, updates, external)
    print(json.dumps(result, ensure_ascii=False, indent=2) if as_json else ledger_text(result))
    return 1 if problems and not docs else 0


def _default_name(path: Path) -> str:
    return (path.stem if path.is_file() else path.name).replace("-", " ").replace("_", " ")


def ledger_json(story: str, claims: list[Claim], updates: list[Update],
                external: dict[str, str]) -> dict[str, Any]:
    return {
        "story": story,
        "claims": [{
            "id": c.id, "text": c.text, "attributed_to": c.attributed_to,
            "state": c.state.value, "status": c.status,
            "first_document_id": external.get(c.first_document_id, c.first_document_id),
            "evidence": [{"document_id": external.get(e.document_id, e.document_id),
                          "stance": e.stance.value, "quote": e.quote} for e in c.evidence],
        } for c in claims],
        "updates": [{
            "kind": u.kind.value, "claim_id": u.claim_id,
            "document_id": external.get(u.document_id, u.document_id), "state": u.state.value,
            "status": u.status, "quote": u.quote,
        } for u in updates],
    }


def ledger_text(result: dict[str, Any]) -> str:
    lines = [f"Story: {result['story']}", ""]
    for c in result["claims"]:
        lines.append(f"[{c['state'].upper()}] {c['id']}  {c['text']}")
        lines.append(f"    by {c['attributed_to']} — {c['status']}")
        for e in c["evidence"]:
            lines.append(f"    · {e['stance']} ({e['document_id']}): “{e['quote']}”")
    lines.append("")
    lines.append(f"Updates: {len(result['updates'])}")
    for u in result["updates"]:
        lines.append(f"  {u['kind']} {u['claim_id']} → {u['state']}: “{u['quote']}”")
    return "\n".join(lines)
