"""Shared fixtures for the claim index: the shipped embedder (loaded once), a real SQLite
database, and a small real-text sample from FNC-1 (headlines as claims, related bodies as
documents)."""

from __future__ import annotations

import csv
import random
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.domain import identity
from bot.domain.model import Claim, Modality, Story
from bot.judgment.embedder import SentenceEmbedder, load_embedder
from storage.database import Database

FNC = Path("/work/shared/data/fnc1")
NOW = datetime(2025, 3, 1, 12, tzinfo=UTC)


@dataclass(frozen=True)
class Sample:
    claims: list[Claim]
    documents: list[tuple[str, str]]  # (document text, id of the claim it bears on)


@pytest.fixture(scope="session")
def embedder() -> SentenceEmbedder:
    return load_embedder(threads=1)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(f"sqlite:///{tmp_path / 'storywatch.sqlite3'}")
    await database.migrate()
    yield database
    await database.dispose()


def make_claim(story_id: str, text: str) -> Claim:
    return Claim(id=identity.claim_id(story_id, text), story_id=story_id, text=text,
                 attributed_to="", modality=Modality.WILL, quote=text,
                 first_document_id="d0", created_at=NOW)


def make_story(name: str) -> Story:
    return Story(id=identity.story_id("T1", name), workspace="T1", name=name, created_at=NOW)


@pytest.fixture(scope="session")
def fnc_sample() -> Sample:
    """300 distinct real headlines as one story's claims; 30 real bodies, each related
    (agree/disagree/discuss) to one of them, as documents."""
    csv.field_size_limit(10**8)
    with (FNC / "train_stances.csv").open(encoding="utf-8") as fh:
        stances = list(csv.DictReader(fh))
    with (FNC / "train_bodies.csv").open(encoding="utf-8") as fh:
        bodies = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(fh)}
    headlines = list(dict.fromkeys(r["Headline"].strip() for r in stances))
    random.Random(3).shuffle(headlines)
    story = make_story("FNC sample")
    claims = {h: make_claim(story.id, h) for h in headlines[:300]}
    related = [(bodies[r["Body ID"]], claims[r["Headline"].strip()].id) for r in stances
               if r["Stance"] != "unrelated" and r["Headline"].strip() in claims]
    documents = list({text: (text, cid) for text, cid in related}.values())
    random.Random(4).shuffle(documents)
    return Sample(list(claims.values()), documents[:30])
