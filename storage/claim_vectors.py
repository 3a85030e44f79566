"""The semantic half of the claim index: one story's claim embeddings, searched exactly while
the story is small and through an HNSW graph (usearch) once it is large.

Owns the vectors themselves (unit length, so inner product is cosine similarity) keyed by claim
slot, the switch from exact search to the ANN index, and their serialisation to plain arrays.
Exact search is a matrix product, O(claims); past ``exact_limit`` live claims the store moves
its vectors into usearch (float16 storage, half the memory of float32) and never moves back, so
a story that shrinks a little does not flip between the two.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import numpy.typing as npt
from usearch.index import BatchMatches, Index

from bot.judgment.embedder.model import worker_threads

Vectors = npt.NDArray[np.float32]
EXACT_LIMIT = 4096
CONNECTIVITY = 16
EXPANSION_ADD = 64
EXPANSION_SEARCH = 96


class VectorStore:
    """Claim vectors of one story, keyed by slot."""

    def __init__(self, dim: int, exact_limit: int = EXACT_LIMIT) -> None:
        self.dim = dim
        self.exact_limit = exact_limit
        self.matrix = np.zeros((0, dim), dtype=np.float32)  # exact mode: row = slot
        self.alive = np.zeros(0, dtype=bool)
        self.rows = 0
        self.exact_live = 0
        self.ann: Index | None = None
        self.search_threads = worker_threads()  # the graph's search, one query sentence each

    @property
    def live(self) -> int:
        return len(self.ann) if self.ann is not None else self.exact_live

    def add(self, slots: list[int], vectors: Vectors) -> None:
        if not slots:
            return
        if self.ann is None and self.exact_live + len(slots) > self.exact_limit:
            self._to_ann()  # before the add: a large batch never passes through the matrix
        if self.ann is not None:
            self.ann.add(np.asarray(slots, dtype=np.uint64), vectors, threads=1)
            return
        need = max(slots) + 1
        if need > len(self.matrix):  # grow by doubling: amortised O(1) per claim
            cap = max(need, 2 * len(self.matrix), 64)
            grown = np.zeros((cap, self.dim), dtype=np.float32)
            grown[: self.rows] = self.matrix[: self.rows]
            self.matrix = grown
            self.alive = np.concatenate([self.alive, np.zeros(cap - len(self.alive), bool)])
        self.matrix[slots] = vectors
        self.exact_live += len(slots) - int(self.alive[slots].sum())
        self.alive[slots] = True
        self.rows = max(self.rows, need)

    def remove(self, slots: list[int]) -> None:
        if self.ann is not None:
            for slot in slots:
                self.ann.remove(slot)
            return
        for slot in slots:
            if slot < self.rows and self.alive[slot]:
                self.alive[slot] = False
                self.exact_live -= 1

    def search(self, queries: Vectors, per_query: int) -> list[int]:
        """Slots nearest to any of the query vectors, best (highest similarity) first."""
        if self.live == 0 or len(queries) == 0:
            return []
        if self.ann is not None:
            keys, sims = self._search_ann(queries, per_query)
        else:
            keys, sims = self._search_exact(queries, per_query)
        best: dict[int, float] = {}
        for key, sim in zip(keys.tolist(), sims.tolist(), strict=True):
            if sim > best.get(key, -2.0):
                best[key] = sim
        return sorted(best, key=lambda k: (-best[k], k))

    def _search_exact(self, queries: Vectors, k: int) -> tuple[npt.NDArray[np.int64], Vectors]:
        sims = queries @ self.matrix[: self.rows].T
        sims[:, ~self.alive[: self.rows]] = -np.inf
        k = min(k, self.rows)
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        picked = np.take_along_axis(sims, top, axis=1)
        keep = np.isfinite(picked)
        return top[keep].astype(np.int64), picked[keep].astype(np.float32)

    def _search_ann(self, queries: Vectors, k: int) -> tuple[npt.NDArray[np.int64], Vectors]:
        assert self.ann is not None
        # a document's query sentences are searched side by side: on 2 cores this halves the
        # graph's part of a query at 100k claims (python -m storage.claim_index_bench)
        threads = min(len(queries), self.search_threads)
        found = self.ann.search(queries, min(k, len(self.ann)), threads=threads)
        if isinstance(found, BatchMatches):
            keys, dist, counts = found.keys, found.distances, found.counts
        else:  # usearch answers a single query with a flat match list
            keys, dist = found.keys[None, :], found.distances[None, :]
            counts = np.array([len(found.keys)])
        mask = np.arange(keys.shape[1])[None, :] < counts[:, None]
        return keys[mask].astype(np.int64), (1.0 - dist[mask]).astype(np.float32)

    def _to_ann(self) -> None:
        ann = _new_index(self.dim)
        slots = np.flatnonzero(self.alive[: self.rows]).astype(np.uint64)
        if len(slots):
            ann.add(slots, self.matrix[slots.astype(np.int64)], threads=1)
        self.ann = ann
        self.matrix = np.zeros((0, self.dim), dtype=np.float32)
        self.alive = np.zeros(0, dtype=bool)
        self.rows = 0

    # -- persistence -------------------------------------------------------------------------
    def to_arrays(self, directory: Path, tag: str) -> dict[str, npt.NDArray[np.generic]]:
        """Plain arrays for the snapshot; an ANN graph goes to its own file ``ann-TAG.usearch``
        (written whole before the snapshot that names it), so loading it needs no second copy."""
        if self.ann is None:
            return {"vec_matrix": self.matrix[: self.rows].copy(),
                    "vec_alive": self.alive[: self.rows].copy()}
        path = directory / f"ann-{tag}.usearch"
        tmp = path.with_suffix(".tmp")
        self.ann.save(str(tmp))
        with tmp.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        return {"vec_ann_file": np.array(path.name)}

    @classmethod
    def from_arrays(cls, dim: int, arrays: dict[str, npt.NDArray[np.generic]], directory: Path,
                    exact_limit: int = EXACT_LIMIT) -> VectorStore:
        store = cls(dim, exact_limit)
        if "vec_ann_file" in arrays:
            store.ann = Index.restore(str(directory / str(arrays["vec_ann_file"])))
            if store.ann is None:
                raise ValueError("unreadable ANN index")
            # usearch does not save the expansions; its typing misses their setters
            store.ann.expansion_add = EXPANSION_ADD  # type: ignore[misc]
            store.ann.expansion_search = EXPANSION_SEARCH  # type: ignore[misc]
        else:
            store.matrix = np.asarray(arrays["vec_matrix"], dtype=np.float32).copy()
            store.alive = np.asarray(arrays["vec_alive"], dtype=bool).copy()
            store.rows = len(store.matrix)
            store.exact_live = int(store.alive.sum())
        return store


def _new_index(dim: int) -> Index:
    return Index(ndim=dim, metric="ip", dtype="f16", connectivity=CONNECTIVITY,
                 expansion_add=EXPANSION_ADD, expansion_search=EXPANSION_SEARCH)
