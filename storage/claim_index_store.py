"""One story's claim index on disk and in memory: the claim-id-to-slot mapping, the lexical
and vector halves, a snapshot file and an append-only journal.

Owns durability. Every change is first appended to ``journal.jsonl`` (one JSON line per change,
flushed and fsynced; an add carries the claim's text and its vector, so a restart never
re-embeds). When the journal grows past a share of the story, the whole state is written to
``snapshot.npz`` (temp file, fsync, ``os.replace``) and the journal starts again; so an add costs
O(1) amortised instead of rewriting a large file per document. Replaying the journal over a
snapshot that already holds its changes is harmless: adds are idempotent by claim id, and the
changes apply in order. A torn last line (a crash mid-write) is ignored; the database
reconciliation (``HybridClaimIndex.sync``) restores whatever it held. Nothing is pickled: the
snapshot is plain numpy arrays and strings.
"""

from __future__ import annotations

import base64
import json
import os
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

import numpy as np
import numpy.typing as npt

from storage.claim_lexical import LexicalIndex
from storage.claim_vectors import EXACT_LIMIT, Vectors, VectorStore

FORMAT = 1
SNAPSHOT, JOURNAL = "snapshot.npz", "journal.jsonl"
MIN_JOURNAL = 256  # snapshot once the journal holds this many changes and 1/8 of the story


class IndexCorrupt(RuntimeError):
    """A snapshot cannot be read; the caller rebuilds the story from the database."""


class StoryIndex:
    """The claims of one story, each in a slot; slots are never reused."""

    def __init__(self, story_id: str, directory: Path, dim: int,
                 exact_limit: int = EXACT_LIMIT) -> None:
        self.story_id = story_id
        self.directory = directory
        self.dim = dim
        self.ids: list[str] = []  # slot -> claim id ("" once removed)
        self.slot_of: dict[str, int] = {}
        self.lexical = LexicalIndex()
        self.vectors = VectorStore(dim, exact_limit)
        self.journal_len = 0
        self._journal: IO[str] | None = None

    def __contains__(self, claim_id: str) -> bool:
        return claim_id in self.slot_of

    def __len__(self) -> int:
        return len(self.slot_of)

    # -- changes -----------------------------------------------------------------------------
    def add(self, claims: Sequence[tuple[str, str]], vectors: Vectors) -> None:
        """Add (claim id, text) pairs with their unit vectors; ids already present are kept."""
        lines, slots, rows = [], [], []
        for row, (claim_id, text) in enumerate(claims):
            if claim_id in self.slot_of:
                continue
            vec = np.asarray(vectors[row], dtype=np.float32)
            slots.append(self._apply_add(claim_id, text))
            rows.append(vec)
            lines.append({"op": "add", "id": claim_id, "text": text,
                          "vec": base64.b64encode(vec.tobytes()).decode("ascii")})
        if slots:
            self.vectors.add(slots, np.stack(rows))
            self._log(lines)

    def remove(self, claim_ids: Sequence[str]) -> list[str]:
        """Drop the claims this story holds; returns the ids it dropped."""
        gone = [c for c in dict.fromkeys(claim_ids) if c in self.slot_of]
        if gone:
            self._apply_remove(gone)
            self._log([{"op": "remove", "ids": gone}])
        return gone

    def _apply_add(self, claim_id: str, text: str) -> int:
        slot = len(self.ids)
        self.ids.append(claim_id)
        self.slot_of[claim_id] = slot
        self.lexical.add(slot, text)
        return slot

    def _apply_remove(self, claim_ids: Sequence[str]) -> None:
        slots = [self.slot_of.pop(c) for c in claim_ids]
        for slot in slots:
            self.ids[slot] = ""
            self.lexical.remove(slot)
        self.vectors.remove(slots)

    # -- the journal -------------------------------------------------------------------------
    def _log(self, records: list[dict[str, Any]]) -> None:
        if self.journal_len + len(records) >= max(MIN_JOURNAL, len(self) // 8):
            self.snapshot()  # a big batch goes straight into a snapshot, not through the journal
            return
        if self._journal is None:
            self.directory.mkdir(parents=True, exist_ok=True)
            self._journal = (self.directory / JOURNAL).open("a", encoding="utf-8")
        self._journal.write("".join(json.dumps(r) + "\n" for r in records))
        self._journal.flush()
        os.fsync(self._journal.fileno())
        self.journal_len += len(records)

    def _replay(self) -> None:
        path = self.directory / JOURNAL
        if not path.exists():
            return
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                break  # a torn last write: what follows it cannot be trusted
            self._replay_one(record)
            self.journal_len += 1

    def _replay_one(self, record: dict[str, Any]) -> None:
        if record.get("op") == "remove":
            self._apply_remove([c for c in record["ids"] if c in self.slot_of])
        elif record.get("op") == "add" and record["id"] not in self.slot_of:
            vec = np.frombuffer(base64.b64decode(record["vec"]), dtype=np.float32)
            slot = self._apply_add(record["id"], record["text"])
            self.vectors.add([slot], vec.reshape(1, -1))

    # -- the snapshot ------------------------------------------------------------------------
    def snapshot(self) -> None:
        """Write the whole state atomically and start an empty journal."""
        self.directory.mkdir(parents=True, exist_ok=True)
        meta = {"format": FORMAT, "story_id": self.story_id, "dim": self.dim}
        arrays: dict[str, npt.NDArray[np.generic]] = {
            "meta": np.array(json.dumps(meta)), "ids": np.array(self.ids, dtype=str),
            **self.lexical.to_arrays(),
            **self.vectors.to_arrays(self.directory, uuid.uuid4().hex[:12]),
        }
        tmp = self.directory / f"{SNAPSHOT}.tmp"
        with tmp.open("wb") as fh:
            np.savez(fh, **arrays)  # type: ignore[arg-type]
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.directory / SNAPSHOT)
        _drop_unreferenced(self.directory, arrays)
        self.close()
        empty = self.directory / f"{JOURNAL}.tmp"
        empty.write_text("", encoding="utf-8")
        os.replace(empty, self.directory / JOURNAL)
        self.journal_len = 0

    def close(self) -> None:
        if self._journal is not None:
            self._journal.close()
            self._journal = None

    @classmethod
    def create(cls, story_id: str, directory: Path, dim: int,
               exact_limit: int = EXACT_LIMIT) -> StoryIndex:
        """A new, empty story index whose directory names its story."""
        directory.mkdir(parents=True, exist_ok=True)
        tmp = directory / "story.json.tmp"
        tmp.write_text(json.dumps({"story_id": story_id}), encoding="utf-8")
        os.replace(tmp, directory / "story.json")
        return cls(story_id, directory, dim, exact_limit)

    @classmethod
    def load(cls, directory: Path, dim: int, exact_limit: int = EXACT_LIMIT) -> StoryIndex:
        """Read a story's snapshot and replay its journal."""
        path = directory / SNAPSHOT
        if path.exists():
            story = cls._from_snapshot(path, directory, dim, exact_limit)
        else:
            story = cls(_story_from_journal(directory), directory, dim, exact_limit)
        story._replay()
        return story

    @classmethod
    def _from_snapshot(cls, path: Path, directory: Path, dim: int,
                       exact_limit: int) -> StoryIndex:
        try:
            with np.load(path, allow_pickle=False) as data:
                arrays = {k: data[k] for k in data.files}
            meta = json.loads(str(arrays["meta"]))
        except (OSError, ValueError, KeyError) as err:
            raise IndexCorrupt(f"{path}: {err}") from err
        if meta.get("format") != FORMAT or meta.get("dim") != dim:
            raise IndexCorrupt(f"{path}: format or dimension differs")
        story = cls(str(meta["story_id"]), directory, dim, exact_limit)
        story.ids = [str(c) for c in arrays["ids"].tolist()]
        story.slot_of = {c: s for s, c in enumerate(story.ids) if c}
        story.lexical = LexicalIndex.from_arrays(arrays)
        try:
            story.vectors = VectorStore.from_arrays(dim, arrays, directory, exact_limit)
        except (OSError, ValueError, RuntimeError) as err:
            raise IndexCorrupt(f"{path}: {err}") from err
        _drop_unreferenced(directory, arrays)
        return story


def _drop_unreferenced(directory: Path, arrays: dict[str, npt.NDArray[np.generic]]) -> None:
    """ANN files of older snapshots (or of a snapshot a crash never finished) go."""
    keep = str(arrays["vec_ann_file"]) if "vec_ann_file" in arrays else ""
    for path in directory.glob("ann-*"):
        if path.name != keep:
            path.unlink(missing_ok=True)


def _story_from_journal(directory: Path) -> str:
    """A story that never reached a snapshot names itself in ``story.json``."""
    try:
        return str(json.loads((directory / "story.json").read_text("utf-8"))["story_id"])
    except (OSError, ValueError, KeyError) as err:
        raise IndexCorrupt(f"{directory}: no snapshot and no story.json") from err
