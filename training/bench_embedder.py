"""Benchmark the shipped sentence embedder: sentences/s one run at a time on N threads, against
N single-threaded runs side by side (what ``SentenceEmbedder`` does), and check that both give
identical vectors.

Sentences come from an FNC-format bodies file (default: the validation split's), split as the
stance model splits them, first ``--limit`` of them. Each mode gets a fresh embedder (no cache).
Run:  python training/bench_embedder.py [--threads 2] [--bodies B] [--limit 3000]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SPLIT = ROOT / "training" / "out" / "split"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--bodies", type=Path, default=SPLIT / "val_bodies.csv")
    ap.add_argument("--limit", type=int, default=3000)
    args = ap.parse_args()
    os.environ["ORT_DISABLE_TELEMETRY"] = "1"
    import numpy as np

    from bot.judgment.embedder import SHIPPED_DIR, SentenceEmbedder
    from bot.judgment.embedder.model import make_session
    from bot.judgment.stance.text import sentence_spans

    sents: list[str] = []
    csv.field_size_limit(sys.maxsize)
    with args.bodies.open(newline="", encoding="utf-8-sig") as f:
        bodies = [row["articleBody"] for row in csv.DictReader(f)]
    for body in bodies:
        sents += [body[s:e] for s, e in sentence_spans(body)]
        if len(sents) >= args.limit:
            break
    sents = sents[: args.limit]

    def run(emb: SentenceEmbedder) -> tuple[float, np.ndarray]:
        emb.encode(sents[:8])
        emb._cache.clear()  # measure the model, not the cache
        t0 = time.perf_counter()
        vecs = emb.encode(sents)
        return len(sents) / (time.perf_counter() - t0), vecs

    one_run = SentenceEmbedder(SHIPPED_DIR, threads=1)  # no pool ...
    one_run.session = make_session(one_run.model_path, args.threads)  # ... one run on N threads
    rate_one, v_one = run(one_run)
    rate_side, v_side = run(SentenceEmbedder(SHIPPED_DIR, threads=args.threads))
    print(
        json.dumps(
            {
                "sentences": len(sents),
                "threads": args.threads,
                "sentences_per_s_one_run_on_n_threads": round(rate_one, 1),
                "sentences_per_s_n_runs_side_by_side": round(rate_side, 1),
                "speedup": round(rate_side / rate_one, 2),
                "largest_vector_difference": float(np.abs(v_one - v_side).max()),
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
