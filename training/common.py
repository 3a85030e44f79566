"""Shared helpers for the training scripts: paths, seeds, data sides and cached features.

The training side of the story-disjoint split is itself split story-disjointly into ``fit``
(models are trained on it) and ``calib`` (thresholds and the stacker are tuned on it).  The
validation side is only ever scored.  Features are cached in ``training/out/features.npz``.
"""

from __future__ import annotations

import json
import math
import os
import sys
from collections import Counter
from pathlib import Path

os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))

import numpy as np  # noqa: E402
import split  # noqa: E402

from bot.judgment.embedder import load_embedder  # noqa: E402
from bot.judgment.stance.cued import cue_features  # noqa: E402
from bot.judgment.stance.features import Idf  # noqa: E402
from bot.judgment.stance.prepare import prepare  # noqa: E402
from bot.judgment.stance.text import content_stems  # noqa: E402

OUT = ROOT / "training" / "out"
ART = ROOT / "bot" / "judgment" / "stance" / "artifacts"
CALIB_SEED = 2024
CALIB_FRACTION = 0.20
LABELS = ["agree", "disagree", "discuss", "unrelated"]
Row = split.Row


def sides() -> dict[str, list[Row]]:
    train = split.read_stances(split.OUT / "train_stances.csv")
    val = split.read_stances(split.OUT / "val_stances.csv")
    fit, calib = split.story_split(train, CALIB_FRACTION, CALIB_SEED)
    return {"fit": fit, "calib": calib, "val": val}


def bodies() -> dict[str, str]:
    return split.read_bodies(split.DATA / "train_bodies.csv")


def build_idf(rows: list[Row], body_map: dict[str, str]) -> dict[str, float]:
    docs = [body_map[b] for b in sorted({r[1] for r in rows})] + sorted({r[0] for r in rows})
    df: Counter[str] = Counter()
    for d in docs:
        df.update(set(content_stems(d)))
    n = len(docs)
    table = {k: round(math.log((n + 1) / (v + 1)) + 1.0, 4) for k, v in df.items() if v >= 2}
    return {"n_docs": n, "table": table}  # type: ignore[dict-item]


def featurize_all(force: bool = False) -> dict[str, dict[str, object]]:
    """Features, labels and cross-encoder texts for fit/calib/val (cached). ``X`` holds the
    pair features of both stages; ``cued`` the cue reading's (``stance.cued``), which only the
    stance stage reads (see ``stage2``)."""
    cache = OUT / "features.npz"
    meta_path = OUT / "features_meta.json"
    data = sides()
    if cache.exists() and meta_path.exists() and not force:
        npz = np.load(cache)
        meta = json.loads(meta_path.read_text())
        return {k: {"X": npz[k], "cued": npz[f"{k}_cued"], **meta[k]} for k in data}
    body_map = bodies()
    idf_json = build_idf(data["fit"] + data["calib"], body_map)
    ART.mkdir(parents=True, exist_ok=True)
    (ART / "idf.json").write_text(json.dumps(idf_json, sort_keys=True))
    idf = Idf(idf_json["table"], int(idf_json["n_docs"]))  # type: ignore[arg-type]
    embedder = load_embedder()
    arrays, meta = {}, {}
    for name, rows in data.items():
        pairs = [(h, body_map[b]) for h, b, _ in rows]
        prep = prepare(pairs, embedder, idf)
        arrays[name] = prep.features
        arrays[f"{name}_cued"] = cue_features(pairs)
        ev_text = [
            " ".join(body.text[body.spans[i][0] : body.spans[i][1]] for i in ev)
            for body, ev in zip(prep.bodies, prep.evidence, strict=True)
        ]
        meta[name] = {
            "y": [LABELS.index(r[2]) for r in rows],
            "head": [r[0] for r in rows],
            "body_id": [r[1] for r in rows],
            "evidence": ev_text,
        }
        print(f"featurized {name}: {len(rows)} pairs")
    OUT.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(cache, **arrays)
    meta_path.write_text(json.dumps(meta))
    return {k: {"X": arrays[k], "cued": arrays[f"{k}_cued"], **meta[k]} for k in data}


def stage2(side: dict[str, object]) -> np.ndarray:
    """The stance stage's inputs before the body model's: the pair features, then the cue
    reading's, in the order ``StanceModel`` stacks them."""
    return np.hstack([np.asarray(side["X"]), np.asarray(side["cued"])])


if __name__ == "__main__":
    import time

    t = time.time()
    d = featurize_all(force=True)
    for k, v in d.items():
        print(k, np.asarray(v["X"]).shape, Counter(v["y"]))  # type: ignore[arg-type]
    print(f"featurize wall {time.time() - t:.0f}s")
