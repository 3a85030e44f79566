"""Story-disjoint split of FNC-1 into training and validation sides.

Nodes are headlines and bodies; edges are the related (non-unrelated) headline-body pairs.
Whole connected components ("stories") are assigned to validation in a seeded random order
until about ``VAL_FRACTION`` of the related pairs are there.  A pair is kept on a side only if
its headline AND its body are both on that side; mixed pairs are dropped.

Run:  python training/split.py            (writes training/out/split/*.csv)
"""

from __future__ import annotations

import csv
import random
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

DATA = Path("/work/shared/data/fnc1")
OUT = Path(__file__).resolve().parent / "out" / "split"
SEED = 1337
VAL_FRACTION = 0.20

Row = tuple[str, str, str]  # headline, body id, stance
csv.field_size_limit(sys.maxsize)


def read_stances(path: Path) -> list[Row]:
    with path.open(newline="", encoding="utf-8") as f:
        return [(r["Headline"], r["Body ID"], r["Stance"]) for r in csv.DictReader(f)]


def read_bodies(path: Path) -> dict[str, str]:
    with path.open(newline="", encoding="utf-8") as f:
        return {r["Body ID"]: r["articleBody"] for r in csv.DictReader(f)}


def components(rows: Iterable[Row]) -> list[list[str]]:
    """Connected components of the headline/body graph over related pairs (all nodes)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for h, b, s in rows:
        hn, bn = "h:" + h, "b:" + b
        find(hn), find(bn)
        if s != "unrelated":
            parent[find(hn)] = find(bn)
    groups: dict[str, list[str]] = {}
    for node in sorted(parent):
        groups.setdefault(find(node), []).append(node)
    return sorted(groups.values(), key=lambda g: g[0])


def story_split(rows: list[Row], fraction: float, seed: int) -> tuple[list[Row], list[Row]]:
    """Return (side_a, side_b): side_b holds whole stories with ~fraction of related pairs."""
    comps = components(rows)
    related_per_node: Counter[str] = Counter()
    for _h, b, s in rows:
        if s != "unrelated":
            related_per_node["b:" + b] += 1
    random.Random(seed).shuffle(comps)
    target = fraction * sum(related_per_node.values())
    chosen: set[str] = set()
    got = 0
    for comp in comps:
        if got >= target:
            break
        chosen.update(comp)
        got += sum(related_per_node[n] for n in comp)
    side_a = [r for r in rows if "h:" + r[0] not in chosen and "b:" + r[1] not in chosen]
    side_b = [r for r in rows if "h:" + r[0] in chosen and "b:" + r[1] in chosen]
    return side_a, side_b


def write_fnc(rows: list[Row], bodies: dict[str, str], stem: Path) -> None:
    stem.parent.mkdir(parents=True, exist_ok=True)
    with Path(f"{stem}_stances.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Headline", "Body ID", "Stance"])
        w.writerows(rows)
    used = sorted({r[1] for r in rows}, key=int)
    with Path(f"{stem}_bodies.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Body ID", "articleBody"])
        w.writerows((b, bodies[b]) for b in used)


def describe(name: str, rows: list[Row]) -> None:
    c = Counter(r[2] for r in rows)
    parts = ", ".join(f"{k}={c[k]}" for k in ("agree", "disagree", "discuss", "unrelated"))
    print(
        f"{name}: {len(rows)} pairs, {len({r[0] for r in rows})} headlines, "
        f"{len({r[1] for r in rows})} bodies; {parts}"
    )


def main() -> None:
    rows = read_stances(DATA / "train_stances.csv")
    bodies = read_bodies(DATA / "train_bodies.csv")
    train, val = story_split(rows, VAL_FRACTION, SEED)
    describe("all", rows)
    describe("train", train)
    describe("val", val)
    print(f"dropped mixed pairs: {len(rows) - len(train) - len(val)}")
    write_fnc(train, bodies, OUT / "train")
    write_fnc(val, bodies, OUT / "val")
    print(f"wrote {OUT}/{{train,val}}_{{stances,bodies}}.csv")


if __name__ == "__main__":
    main()
