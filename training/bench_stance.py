"""Benchmark the shipped stance model: pairs/s on N threads and peak RSS with it loaded.

Runs ``StanceModel.predict`` over an FNC-format file pair (default: the validation split) in
a fresh process and reports load time, pairs/s and peak resident memory (ru_maxrss).
Run:  python training/bench_stance.py [--threads 2] [--stances S --bodies B] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SPLIT = ROOT / "training" / "out" / "split"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # Linux: KiB


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--stances", type=Path, default=SPLIT / "val_stances.csv")
    ap.add_argument("--bodies", type=Path, default=SPLIT / "val_bodies.csv")
    ap.add_argument("--limit", type=int, default=0, help="only the first N pairs")
    args = ap.parse_args()
    os.environ["ORT_DISABLE_TELEMETRY"] = "1"
    os.environ["OMP_NUM_THREADS"] = str(args.threads)
    from bot.judgment.stance import StanceModel
    from runtime.eval_fnc1 import load_fnc

    data = load_fnc(args.stances, args.bodies)
    pairs = [(h, data.bodies[b]) for h, b in zip(data.headlines, data.body_ids, strict=True)]
    pairs = pairs[: args.limit] if args.limit else pairs
    rss_before = peak_rss_mb()
    t0 = time.perf_counter()
    model = StanceModel.load(threads=args.threads)
    load_s = time.perf_counter() - t0
    rss_loaded = peak_rss_mb()
    t0 = time.perf_counter()
    preds = model.predict(pairs)
    secs = time.perf_counter() - t0
    print(
        json.dumps(
            {
                "pairs": len(pairs),
                "bodies": len({b for _, b in pairs}),
                "threads": args.threads,
                "related_predicted": sum(p.label != "unrelated" for p in preds),
                "load_s": round(load_s, 2),
                "predict_s": round(secs, 2),
                "pairs_per_s": round(len(pairs) / secs, 1),
                "peak_rss_mb_before_load": round(rss_before, 1),
                "peak_rss_mb_loaded": round(rss_loaded, 1),
                "peak_rss_mb_after_predict": round(peak_rss_mb(), 1),
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
