"""Which claims of something still to come the rules engine resolves, on real news bodies.

FNC-1 training bodies are grouped by headline (the related bodies of one headline are one
story), replayed in file order through ingest and the configured engine (one temporary SQLite
file), and every ``resolves`` evidence on a claim put as still to come (will, plans, agreed,
expected, possible, not yet) whose quote has no completion word of its own is printed with its
claim: what the "reported in the claim's own verb" reading added, for a person to judge. With
``--all``, every ``resolves`` and ``contradicts`` evidence on any claim is printed instead (with
the story's number), and both are counted: how the cue reading does on real prose.

    python training/inspect_forward_resolutions.py [--stories N] [--seed S] [--config FILE] [--all]
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import random
import sys
import tempfile
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

from eval_emergent_replay import replay_story

from bot.domain.vocab import Modality, Progress, Stance
from bot.judgment import cues
from bot.usecases.ingest import IncomingDocument
from runtime.config import load_settings
from runtime.wiring import open_services

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "fnc1"
_FORWARD = {Modality.WILL, Modality.PLANS, Modality.AGREED, Modality.EXPECTED, Modality.NOT_YET,
            Modality.POSSIBLE}


def stories(data: Path, count: int, seed: int) -> list[list[str]]:
    """``count`` headlines with at least six related bodies, chosen with ``seed``: their
    bodies, in file order."""
    csv.field_size_limit(sys.maxsize)
    with (data / "train_bodies.csv").open(encoding="utf-8") as f:
        bodies = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(f)}
    groups: dict[str, list[str]] = defaultdict(list)
    with (data / "train_stances.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["Stance"] != "unrelated":
                groups[r["Headline"]].append(r["Body ID"])
    heads = [h for h, ids in groups.items() if len(ids) >= 6]
    random.Random(seed).shuffle(heads)
    return [[bodies[b] for b in dict.fromkeys(groups[h])] for h in heads[:count]]


async def run(
    texts: list[list[str]], config: Path | None, every: bool = False
) -> tuple[int, int, int]:
    settings = load_settings(config)
    resolves = forward = contradicts = 0
    with tempfile.TemporaryDirectory(prefix="storywatch-forward-") as tmp:
        url = f"sqlite+aiosqlite:///{Path(tmp) / 'forward.sqlite3'}"
        async with open_services(settings, url) as (_, svc):
            for k, story_bodies in enumerate(texts):
                start = datetime(2015, 1, 1, tzinfo=UTC)
                docs = [IncomingDocument(text=body, published=start + timedelta(hours=i),
                                         source=f"outlet {i}", url=f"https://o{i}.test/{k}",
                                         title="", external_id=f"{k}-{i}")
                        for i, body in enumerate(story_bodies)]
                claims, _ = await replay_story(svc, "fnc1", f"story {k}", docs)
                for c in claims:
                    for e in c.evidence:
                        if e.stance is Stance.CONTRADICTS:
                            contradicts += 1
                        if every and e.stance in (Stance.RESOLVES, Stance.CONTRADICTS):
                            print(f"story {k} [{c.modality.value}] {e.stance.value} claim: "
                                  f"{c.text[:200]}\n    quote: {e.quote[:400]}\n")
                        if e.stance is not Stance.RESOLVES:
                            continue
                        resolves += 1
                        if c.modality in _FORWARD and cues.progress(e.quote) is not (
                                Progress.COMPLETE):
                            forward += 1
                            if not every:
                                print(f"[{c.modality.value}] claim: {c.text[:160]}\n"
                                      f"    quote: {e.quote[:300]}\n")
    return resolves, forward, contradicts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--stories", type=int, default=150)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--config", type=Path)
    parser.add_argument("--all", action="store_true",
                        help="print every resolves and contradicts evidence")
    args = parser.parse_args()
    resolves, forward, contradicts = asyncio.run(
        run(stories(args.data, args.stories, args.seed), args.config, args.all))
    print(f"{args.stories} stories: {resolves} resolves evidence, {forward} of them on claims of "
          f"something to come without a completion word; {contradicts} contradicts evidence")


if __name__ == "__main__":
    main()
