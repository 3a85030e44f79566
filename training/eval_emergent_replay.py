"""The whole product on the Emergent dev set: each rumour's headlines replayed, in recorded order,
through ingest and the configured judgment engine, as ``storywatch replay`` does (one story per
rumour, one temporary SQLite file).

Unlike ``eval_emergent.py`` (gold directions, the fold alone), nothing here is given: the claim
is extracted from the headlines, later headlines are linked to it and weighed by the engine. The
rumour's claim is the story's first claim (the earliest headline that put one forward); with
none, the rumour counts as never tracked (and as ``open``). The final state is compared with the
rumour's final truth: true → resolved, false → refuted, unknown → open or disputed. It also
counts the updates the bot would have posted about that claim, by kind and by the rumour's
truth: a ``resolves`` post about a rumour that was not true, or a ``contradicts`` post about one
that was, is a wrong message in the channel even where the final state comes out right.

    python training/eval_emergent_replay.py [--config FILE] [--limit N] [--json] [--posts]

``--posts`` also lists each of those updates: the rumour's truth, the kind, the claim and the
quoted evidence.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from collections import Counter
from datetime import datetime
from pathlib import Path

from eval_emergent import DATA, TRUTH, graded_state, load, report, summary

from bot.commands import Services
from bot.domain.model import Claim, Update
from bot.usecases.ingest import IncomingDocument, ingest_document
from bot.usecases.stories import create_story
from runtime.config import load_settings
from runtime.wiring import open_services


def documents(rumour: dict) -> list[IncomingDocument]:  # type: ignore[type-arg]
    docs = []
    for i, a in enumerate(rumour["articles"]):
        at = datetime.fromisoformat(a["recorded"].replace("Z", "+00:00"))
        docs.append(IncomingDocument(text=a["headline"], published=at, source=a["source"],
                                     url=f"https://{a['source']}/emergent/{rumour['claim_id']}/{i}",
                                     title=a["headline"], external_id=f"a{i}"))
    return sorted(docs, key=lambda d: d.published)


async def replay_story(
    svc: Services, workspace: str, name: str, docs: list[IncomingDocument]
) -> tuple[list[Claim], list[Update]]:
    """A new story with ``docs`` ingested in order, as ``storywatch replay`` does; its claims
    and the updates the bot would have posted."""
    story = await create_story(uow_factory=svc.uow_factory, clock=svc.clock,
                               workspace=workspace, name=name)
    for doc in docs:
        await ingest_document(uow_factory=svc.uow_factory, judge=svc.judge, clock=svc.clock,
                              story_id=story.id, incoming=doc, index=svc.index)
    async with svc.uow_factory() as uow:
        return await uow.claims.for_story(story.id), await uow.updates.for_story(story.id)


async def run(
    rumours: list[dict], config: Path | None, shown: list[str]  # type: ignore[type-arg]
) -> tuple[Counter[tuple[str, str]], int, Counter[tuple[str, str]]]:
    settings = load_settings(config)
    pairs: Counter[tuple[str, str]] = Counter()
    posted: Counter[tuple[str, str]] = Counter()  # (truth, update kind)
    untracked = 0
    with tempfile.TemporaryDirectory(prefix="storywatch-emergent-") as tmp:
        url = f"sqlite+aiosqlite:///{Path(tmp) / 'emergent.sqlite3'}"
        async with open_services(settings, url) as (_, svc):
            for n, rumour in enumerate(rumours):
                claims, updates = await replay_story(svc, "emergent", f"rumour {n}",
                                                     documents(rumour))
                own = sorted(claims, key=lambda c: c.created_at)[:1]
                if not own:
                    untracked += 1
                for u in updates:
                    if own and u.claim_id == own[0].id:
                        posted[(rumour["truth"], u.kind.value)] += 1
                        shown.append(f"{rumour['truth']:<8}{u.kind.value:<12}{own[0].text!r}"
                                     f"\n{'':20}{u.quote!r}")
                state = graded_state(own[0].state.value if own else "open")
                pairs[(TRUTH[rumour["truth"]], state)] += 1
    return pairs, untracked, posted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--config", type=Path)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--posts", action="store_true", help="list each update counted")
    args = parser.parse_args()
    rumours = load(args.data)
    rumours = rumours[: args.limit] if args.limit else rumours
    shown: list[str] = []
    pairs, untracked, posted = asyncio.run(run(rumours, args.config, shown))
    truths = Counter(r["truth"] for r in rumours)
    posts = {
        kind: {truth: posted[(truth, kind)] for truth in ("true", "false", "unknown")}
        for kind in ("resolves", "contradicts")
    }
    result = {**summary(pairs, rumours), "untracked": untracked, "posted": posts}
    report(result, pairs, "final", as_json=args.json, more=f"; no claim at all for {untracked}")
    if not args.json:
        print("updates posted about the rumour's claim (rumours: "
              + ", ".join(f"{t} {truths[t]}" for t in ("true", "false", "unknown")) + ")")
        for kind, by_truth in posts.items():
            print(f"  {kind:<12}" + "".join(f"{t} {n:<5}" for t, n in by_truth.items()))
    if args.posts:
        print("\n".join(shown))


if __name__ == "__main__":
    main()
