"""Benchmark of the claim index: per-document cost of ``candidates()`` with 1k, 10k and 100k
open claims, build time, size on disk and peak memory with the embedder loaded.

Claims are FNC-1 headlines (``train_stances.csv``): the first 1,000 distinct real headlines,
then, to reach 10k and 100k, synthetic claims made by joining the first half of one real headline
to the second half of another (seeded, so runs agree). Documents are 200 real FNC-1 bodies, each
related (agree/disagree/discuss) to one of the 1,000 real headlines, so the benchmark also
reports whether that headline is among the 50 candidates. Claim vectors are embedded once and
cached under ``training/out/`` (gitignored). Each size is queried in a fresh child process that
opens the persisted index from disk and loads the embedder, so its peak RSS is what a running
bot with that index would hold (with malloc arenas capped at two, as the command line does).
Prints one JSON object.

    python -m storage.claim_index_bench [--sizes 1000,10000,100000] [--docs 200]
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from bot.domain.model import Claim, Modality
from bot.judgment.embedder import SentenceEmbedder, load_embedder
from storage.claim_index import HybridClaimIndex
from storage.claim_vectors import Vectors

FNC = Path("/work/shared/data/fnc1")
CACHE = Path(__file__).resolve().parent.parent / "training" / "out" / "claim_index_bench"
STORY = "sbench000001"
REAL = 1000
SEED = 7


def headlines_and_docs(n_docs: int) -> tuple[list[str], list[tuple[str, str]]]:
    """1,000 distinct real headlines and (body text, related headline) pairs for documents."""
    csv.field_size_limit(10**8)
    with (FNC / "train_stances.csv").open(encoding="utf-8") as fh:
        stances = list(csv.DictReader(fh))
    with (FNC / "train_bodies.csv").open(encoding="utf-8") as fh:
        bodies = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(fh)}
    real = list(dict.fromkeys(r["Headline"].strip() for r in stances))[:REAL]
    chosen, seen = set(real), set()
    docs = []
    for r in stances:
        if r["Stance"] != "unrelated" and r["Headline"].strip() in chosen \
                and r["Body ID"] not in seen:
            seen.add(r["Body ID"])
            docs.append((bodies[r["Body ID"]], r["Headline"].strip()))
    random.Random(SEED).shuffle(docs)
    return real, docs[:n_docs]


def synthetic_claims(real: Sequence[str], all_headlines: Sequence[str], n: int) -> list[str]:
    """``real`` then joins of headline halves (first half of one, second half of another)."""
    halves = [h.split() for h in all_headlines if len(h.split()) >= 4]
    rng = random.Random(SEED)
    out, seen = list(real), set(real)
    while len(out) < n:
        a, b = rng.choice(halves), rng.choice(halves)
        text = " ".join(a[: len(a) // 2] + b[len(b) // 2 :])
        if text not in seen:
            seen.add(text)
            out.append(text)
    return out[:n]


def all_fnc_headlines() -> list[str]:
    with (FNC / "train_stances.csv").open(encoding="utf-8") as fh:
        return list(dict.fromkeys(r["Headline"].strip() for r in csv.DictReader(fh)))


def cached_vectors(texts: list[str], embedder: SentenceEmbedder) -> tuple[Vectors, float]:
    """The texts' vectors from the cache file, embedding (and caching) them if absent."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"claims-{len(texts)}-seed{SEED}.npy"
    if path.exists():
        cached = np.load(path, allow_pickle=False)
        if cached.shape == (len(texts), embedder.dim):
            return np.asarray(cached, dtype=np.float32), 0.0
    start = time.perf_counter()
    vectors = embedder.encode(texts)
    took = time.perf_counter() - start
    np.save(path, vectors.astype(np.float16))
    return vectors, took


class CachedEmbedder:
    """The real embedder, answering claim texts from precomputed vectors."""

    def __init__(self, embedder: SentenceEmbedder, texts: list[str], vectors: Vectors) -> None:
        self.dim = embedder.dim
        self.embedder = embedder
        self.rows = {t: i for i, t in enumerate(texts)}
        self.vectors = vectors

    def encode(self, texts: Sequence[str]) -> Vectors:
        if all(t in self.rows for t in texts):
            return np.asarray(self.vectors[[self.rows[t] for t in texts]], dtype=np.float32)
        return self.embedder.encode(texts)


class TimedEmbedder:
    """The real embedder, keeping the time it spent: the part of a query that costs the same
    at every index size, so the rest (splitting, BM25, ANN, fusion) can be shown apart."""

    def __init__(self, embedder: SentenceEmbedder) -> None:
        self.dim = embedder.dim
        self.embedder = embedder
        self.spent = 0.0

    def encode(self, texts: Sequence[str]) -> Vectors:
        start = time.perf_counter()
        try:
            return self.embedder.encode(texts)
        finally:
            self.spent += time.perf_counter() - start


def claims_of(texts: list[str]) -> list[Claim]:
    now = datetime.now(UTC)
    return [Claim(id=f"c{i:07d}", story_id=STORY, text=t, attributed_to="", quote=t,
                  modality=Modality.WILL, first_document_id="d", created_at=now)
            for i, t in enumerate(texts)]


async def build(directory: Path, embedder: CachedEmbedder, texts: list[str]) -> float:
    start = time.perf_counter()
    index = HybridClaimIndex(directory, embedder)
    await index.add(claims_of(texts))
    index.flush()
    index.close()
    return time.perf_counter() - start


def disk_bytes(directory: Path) -> int:
    return sum(p.stat().st_size for p in directory.rglob("*") if p.is_file())


async def query(directory: Path, docs: list[tuple[str, str]]) -> dict[str, Any]:
    """Child process: open the index from disk, load the embedder, time the documents. It reads
    only the documents (not the FNC files), so its peak RSS is the index's and the model's."""
    start = time.perf_counter()
    embedder = TimedEmbedder(load_embedder())
    index = HybridClaimIndex(directory, embedder)
    await index.candidates(STORY, docs[0][0])  # opens the index and warms the session
    opened = time.perf_counter() - start
    times, embeds, hits = [], [], 0
    for body, claim_id in docs:
        embedder.spent = 0.0
        t0 = time.perf_counter()
        found = await index.candidates(STORY, body, 50)
        times.append((time.perf_counter() - t0) * 1000)
        embeds.append(embedder.spent * 1000)
        hits += claim_id in found
    index.close()
    ms, rest = np.array(times), np.array(times) - np.array(embeds)
    return {"open_s": round(opened, 2), "mean_ms": round(float(ms.mean()), 2),
            "p95_ms": round(float(np.percentile(ms, 95)), 2),
            "embed_mean_ms": round(float(np.mean(embeds)), 2),
            "rest_mean_ms": round(float(rest.mean()), 2),
            "rest_p95_ms": round(float(np.percentile(rest, 95)), 2),
            "recall_at_50": round(hits / len(docs), 3),
            "peak_rss_mb": peak_rss_mb()}


def peak_rss_mb() -> float:
    """This process's peak RSS. Linux carries the parent's peak across fork+exec into
    ``getrusage``'s ru_maxrss, so a child reads its own high-water mark (VmHWM) instead."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def run(sizes: list[int], n_docs: int) -> dict[str, Any]:
    embedder = load_embedder()
    real, docs = headlines_and_docs(n_docs)
    texts = synthetic_claims(real, all_fnc_headlines(), max(sizes))
    ids = {t: f"c{i:07d}" for i, t in enumerate(real)}  # the same ids at every size
    vectors, embed_s = cached_vectors(texts, embedder)
    cached = CachedEmbedder(embedder, texts, vectors)
    report: dict[str, Any] = {"claims_embedding_s": round(embed_s, 1), "docs": n_docs,
                              "sizes": {}}
    # as the ``storywatch`` command line does at start-up (runtime/memory.py); a set value wins
    child_env = {**os.environ, "MALLOC_ARENA_MAX": os.environ.get("MALLOC_ARENA_MAX", "2")}
    with tempfile.TemporaryDirectory() as tmp:
        docs_file = Path(tmp) / "docs.json"
        docs_file.write_text(json.dumps([(b, ids[h]) for b, h in docs]), encoding="utf-8")
        for n in sizes:
            directory = Path(tmp) / f"n{n}"
            build_s = asyncio.run(build(directory, cached, texts[:n]))
            child = subprocess.run(  # noqa: S603 - this interpreter running this module
                [sys.executable, "-m", "storage.claim_index_bench", "--query", str(directory),
                 "--docs-file", str(docs_file)], capture_output=True, text=True, check=True,
                env=child_env)
            result = json.loads(child.stdout)
            disk_mb = round(disk_bytes(directory) / 2**20, 1)
            result.update(build_s=round(build_s, 1), disk_mb=disk_mb)
            report["sizes"][str(n)] = result
    first, last = str(min(sizes)), str(max(sizes))
    report["ratio_mean_largest_to_smallest"] = round(
        report["sizes"][last]["mean_ms"] / report["sizes"][first]["mean_ms"], 3)
    report["builder_peak_rss_mb"] = round(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return report


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else "")
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--query", help=argparse.SUPPRESS)
    parser.add_argument("--docs-file", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.query:
        docs = json.loads(Path(args.docs_file).read_text(encoding="utf-8"))
        print(json.dumps(asyncio.run(query(Path(args.query), docs))))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    print(json.dumps(run(sizes, args.docs), indent=2))


if __name__ == "__main__":
    main()
