"""The claim index: which open claims of a story a new document may bear on, found without
reading every claim.

Owns ``HybridClaimIndex``, the ``ClaimIndex`` port's implementation. Per story it keeps a BM25
inverted index (``claim_lexical``) and the claims' sentence embeddings, searched exactly while the
story is small and through a usearch HNSW graph once it is large (``claim_vectors``); both rankings
are fused by reciprocal rank fusion. A document is read as a handful of query sentences (its
title, its first sentences and its claim-like sentences, at most 16) whose embedding costs the
same whatever the number of claims. Each story lives in its own directory under ``index_dir``
(``claim_index_store``); ``sync`` reconciles the index with the database on start, so a crash
between a database commit and an index write heals itself.
"""

from __future__ import annotations

import asyncio
import logging
import re
import shutil
import threading
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path
from typing import Protocol

import numpy as np
import platformdirs
from sqlalchemy.engine import make_url

from bot.domain.model import Claim, Progress
from bot.judgment import cues
from bot.judgment.text import split_sentences
from bot.ports import UnitOfWorkFactory
from storage.claim_index_store import IndexCorrupt, StoryIndex
from storage.claim_vectors import EXACT_LIMIT, Vectors

logger = logging.getLogger(__name__)

RRF_K = 60  # the usual constant: ranks beyond the first few dozen weigh about the same
LEAD_SENTENCES = 11  # the title line plus the first ten sentences
MAX_QUERY_SENTENCES = 16
MAX_SENTENCE_CHARS = 400
MAX_DOCUMENT_CHARS = 50_000  # bounds a document's cost; the lead of a story is what links it
_SAFE_NAME = re.compile(r"[A-Za-z0-9_-]{1,64}")


class Embedder(Protocol):
    """What the index needs from ``bot.judgment.embedder.SentenceEmbedder``."""

    dim: int

    def encode(self, texts: Sequence[str]) -> Vectors: ...


@dataclass(frozen=True)
class SyncReport:
    added: int
    removed: int
    stories_dropped: int


def index_dir_for(database_url: str, index_dir: str = "") -> Path:
    """``[judgment] index_dir``, else ``index/`` beside a SQLite file, else the user data dir."""
    if index_dir:
        return Path(index_dir).expanduser()
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return Path(str(url.database)).expanduser().parent / "index"
    return Path(platformdirs.user_data_dir("storywatch")) / "index"


def query_sentences(text: str) -> list[str]:
    """The sentences a document is searched by: its lead (the title is its first line) and the
    sentences that carry claim-like cues, at most ``MAX_QUERY_SENTENCES``."""
    sentences = [
        s.text for line in text[:MAX_DOCUMENT_CHARS].splitlines() if line.strip()
        for s in split_sentences(line)
    ]
    lead = sentences[:LEAD_SENTENCES]
    cued = [s for s in sentences[LEAD_SENTENCES:] if _claim_like(s)]
    return [s[:MAX_SENTENCE_CHARS] for s in (lead + cued)[:MAX_QUERY_SENTENCES]]


def _claim_like(sentence: str) -> bool:
    return cues.modality(sentence) is not None or cues.progress(sentence) is not Progress.NONE


def fuse(rankings: Sequence[Sequence[str]], limit: int) -> list[str]:
    """Reciprocal rank fusion: sum 1/(k + rank) over the rankings; ties by id for stable order."""
    scores: dict[str, float] = defaultdict(float)
    for ranking in rankings:
        for rank, claim_id in enumerate(ranking, start=1):
            scores[claim_id] += 1.0 / (RRF_K + rank)
    return sorted(scores, key=lambda c: (-scores[c], c))[:limit]


class HybridClaimIndex:
    """BM25 + embeddings over each story's open claims, persisted under ``directory``."""

    def __init__(self, directory: Path, embedder: Embedder, *,
                 exact_limit: int = EXACT_LIMIT) -> None:
        self.directory = Path(directory)
        self.embedder = embedder
        self.exact_limit = exact_limit
        self._stories: dict[str, StoryIndex] | None = None  # read lazily: nothing at import
        self._story_of: dict[str, str] = {}  # claim id -> story id
        self._lock = threading.Lock()  # the work runs in threads; one writer or reader at a time

    # -- the port ----------------------------------------------------------------------------
    async def add(self, claims: Sequence[Claim]) -> None:
        """Index claims (embedding only the new ones); ids already indexed are left as they are."""
        fresh = await asyncio.to_thread(self._fresh, claims)
        if not fresh:
            return
        vectors = await asyncio.to_thread(self.embedder.encode, [c.text for c in fresh])
        await asyncio.to_thread(self._add, fresh, vectors)

    async def remove(self, claim_ids: Sequence[str]) -> None:
        """Closed claims leave the index; unknown ids are ignored."""
        await asyncio.to_thread(self._remove, claim_ids)

    async def candidates(self, story_id: str, text: str, limit: int = 50) -> list[str]:
        """Ids of the story's indexed claims that ``text`` most likely bears on, best first."""
        if limit <= 0 or not await asyncio.to_thread(self._holds_claims, story_id):
            return []
        sentences = query_sentences(text)
        queries = await asyncio.to_thread(self.embedder.encode, sentences)
        return await asyncio.to_thread(self._rank, story_id, text, queries, limit)

    # -- reconciliation ----------------------------------------------------------------------
    async def sync(self, uow_factory: UnitOfWorkFactory) -> SyncReport:
        """Make the index hold exactly the database's open claims: add missing ones, drop
        closed or unknown ones and the directories of stories that no longer exist."""
        async with uow_factory() as uow:
            stories = [s.id for s in await uow.stories.all()]
            wanted = {sid: await uow.claims.for_story(sid, include_closed=False) for sid in stories}
        open_ids = {c.id for claims in wanted.values() for c in claims}
        dropped, extra = await asyncio.to_thread(self._drop_stories, set(wanted), open_ids)
        await self.remove(extra)
        missing = await asyncio.to_thread(self._fresh, [c for cs in wanted.values() for c in cs])
        await self.add(missing)
        report = SyncReport(added=len(missing), removed=len(extra), stories_dropped=dropped)
        if missing or extra or dropped:
            logger.info("claim index synced: %s", report)
        return report

    def flush(self) -> None:
        """Snapshot every story with a pending journal, so the next start replays nothing."""
        with self._lock:
            for story in self._load().values():
                if story.journal_len:
                    story.snapshot()

    def close(self) -> None:
        with self._lock:
            for story in (self._stories or {}).values():
                story.close()

    # -- work done in threads, under the lock ------------------------------------------------
    def _fresh(self, claims: Sequence[Claim]) -> list[Claim]:
        with self._lock:
            self._load()
            return list({c.id: c for c in claims if c.id not in self._story_of}.values())

    def _holds_claims(self, story_id: str) -> bool:
        with self._lock:
            story = self._load().get(story_id)
            return story is not None and len(story) > 0

    def _add(self, claims: list[Claim], vectors: Vectors) -> None:
        with self._lock:
            stories = self._load()
            rows: dict[str, list[int]] = defaultdict(list)
            for row, claim in enumerate(claims):
                if claim.id not in self._story_of:
                    rows[claim.story_id].append(row)
            for story_id, picked in rows.items():
                story = stories.get(story_id)
                if story is None:
                    story = stories[story_id] = StoryIndex.create(
                        story_id, self.directory / _dir_name(story_id),
                        self.embedder.dim, self.exact_limit)
                story.add([(claims[r].id, claims[r].text) for r in picked], vectors[picked])
                self._story_of.update((claims[r].id, story_id) for r in picked)

    def _remove(self, claim_ids: Sequence[str]) -> None:
        with self._lock:
            stories = self._load()
            by_story: dict[str, list[str]] = defaultdict(list)
            for claim_id in claim_ids:
                if claim_id in self._story_of:
                    by_story[self._story_of[claim_id]].append(claim_id)
            for story_id, ids in by_story.items():
                for claim_id in stories[story_id].remove(ids):
                    del self._story_of[claim_id]

    def _rank(self, story_id: str, text: str, queries: Vectors, limit: int) -> list[str]:
        with self._lock:
            story = self._load().get(story_id)
            if story is None:
                return []
            lexical = story.lexical.search(text[:MAX_DOCUMENT_CHARS], limit)
            semantic = story.vectors.search(np.asarray(queries, dtype=np.float32), limit)
            ids = story.ids
            return fuse([[ids[s] for s in lexical], [ids[s] for s in semantic]], limit)

    def _drop_stories(self, known: set[str], open_ids: set[str]) -> tuple[int, list[str]]:
        """Drop stories the database no longer has; the indexed claims that are not open."""
        with self._lock:
            stories = self._load()
            gone = [sid for sid in stories if sid not in known]
            for story_id in gone:
                story = stories.pop(story_id)
                story.close()
                for claim_id in story.slot_of:
                    self._story_of.pop(claim_id, None)
                shutil.rmtree(story.directory, ignore_errors=True)
            return len(gone), [c for c in self._story_of if c not in open_ids]

    def _load(self) -> dict[str, StoryIndex]:
        """Read every story directory once; an unreadable one is set aside for ``sync`` to
        rebuild from the database rather than failing the bot."""
        if self._stories is not None:
            return self._stories
        self._stories = {}
        for path in sorted(p for p in self.directory.glob("*") if p.is_dir()):
            try:
                story = StoryIndex.load(path, self.embedder.dim, self.exact_limit)
            except IndexCorrupt:
                logger.warning("claim index for %s is unreadable; rebuilding it", path.name)
                shutil.rmtree(path, ignore_errors=True)
                continue
            self._stories[story.story_id] = story
            self._story_of.update((c, story.story_id) for c in story.slot_of)
        return self._stories


def _dir_name(story_id: str) -> str:
    if _SAFE_NAME.fullmatch(story_id):
        return story_id
    return "h" + sha256(story_id.encode("utf-8")).hexdigest()[:32]
