"""The index outlives the process and heals from the database: reopening gives the same
candidates, ``sync`` adds what the database has and the index lacks and drops closed claims,
removed claims and other stories never come back as candidates."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bot.domain.vocab import ClaimState
from bot.judgment.embedder import SentenceEmbedder
from storage.claim_index import HybridClaimIndex, index_dir_for
from storage.database import Database
from tests.index.conftest import make_claim, make_story

SWAP = "Russia and Ukraine will exchange 1,000 prisoners each in Istanbul"
GRAIN = "Turkey says the Black Sea grain corridor will reopen next month"
TRUCE = "Israel and Hamas agreed to a ceasefire starting on Sunday"
DOC = "Prisoner exchange under way\nThe exchange of prisoners between Russia and Ukraine began."


async def store(db: Database, story_name: str, *texts: str, closed: bool = False) -> list[str]:
    story = make_story(story_name)
    claims = [make_claim(story.id, t) for t in texts]
    if closed:
        claims = [replace(c, state=ClaimState.RESOLVED) for c in claims]
    async with db.uow_factory() as uow:
        if await uow.stories.get(story.id) is None:
            await uow.stories.add(story)
        for claim in claims:
            await uow.claims.add(claim)
        await uow.commit()
    return [c.id for c in claims]


@pytest.mark.parametrize("exact_limit", [10_000, 2], ids=["exact", "ann"])
async def test_reopened_index_gives_the_same_candidates(
    tmp_path: Path, embedder: SentenceEmbedder, exact_limit: int
):
    story = make_story("Prisoner swap")
    claims = [make_claim(story.id, t) for t in (SWAP, GRAIN, TRUCE)]
    first = HybridClaimIndex(tmp_path, embedder, exact_limit=exact_limit)
    await first.add(claims)
    before = await first.candidates(story.id, DOC, 3)
    first.close()
    again = HybridClaimIndex(tmp_path, embedder, exact_limit=exact_limit)
    assert await again.candidates(story.id, DOC, 3) == before
    assert before[0] == claims[0].id
    again.flush()  # journal folded into a snapshot: a third open reads only the snapshot
    again.close()
    third = HybridClaimIndex(tmp_path, embedder, exact_limit=exact_limit)
    assert await third.candidates(story.id, DOC, 3) == before
    third.close()


async def test_sync_adds_a_claim_the_database_has_and_the_index_missed(
    tmp_path: Path, embedder: SentenceEmbedder, db: Database
):
    grain, truce = await store(db, "Prisoner swap", GRAIN, TRUCE)
    index = HybridClaimIndex(tmp_path / "index", embedder)
    await index.sync(db.uow_factory)
    (swap,) = await store(db, "Prisoner swap", SWAP)  # committed; the crash came before add()
    index.close()
    reopened = HybridClaimIndex(tmp_path / "index", embedder)
    story_id = make_story("Prisoner swap").id
    assert swap not in await reopened.candidates(story_id, DOC)
    report = await reopened.sync(db.uow_factory)
    assert (report.added, report.removed) == (1, 0)
    assert (await reopened.candidates(story_id, DOC))[0] == swap
    assert set(await reopened.candidates(story_id, DOC)) == {swap, grain, truce}
    reopened.close()


async def test_sync_drops_closed_claims_and_stories_the_database_no_longer_has(
    tmp_path: Path, embedder: SentenceEmbedder, db: Database
):
    (resolved,) = await store(db, "Prisoner swap", SWAP, closed=True)
    (grain,) = await store(db, "Prisoner swap", GRAIN)
    ghost = make_story("Deleted story")
    index = HybridClaimIndex(tmp_path / "index", embedder)
    await index.add([make_claim(ghost.id, TRUCE), make_claim(make_story("Prisoner swap").id, SWAP)])
    report = await index.sync(db.uow_factory)
    assert (report.added, report.removed, report.stories_dropped) == (1, 1, 1)
    assert await index.candidates(make_story("Prisoner swap").id, DOC) == [grain]
    assert await index.candidates(ghost.id, TRUCE) == []
    assert resolved not in await index.candidates(make_story("Prisoner swap").id, SWAP)
    index.close()


async def test_a_removed_claim_is_never_a_candidate_again_even_after_restart(
    tmp_path: Path, embedder: SentenceEmbedder
):
    story = make_story("Prisoner swap")
    swap, grain = make_claim(story.id, SWAP), make_claim(story.id, GRAIN)
    index = HybridClaimIndex(tmp_path, embedder)
    await index.add([swap, grain])
    await index.remove([swap.id, "c-unknown"])
    assert await index.candidates(story.id, DOC) == [grain.id]
    index.close()
    assert await HybridClaimIndex(tmp_path, embedder).candidates(story.id, DOC) == [grain.id]


async def test_candidates_never_cross_stories(tmp_path: Path, embedder: SentenceEmbedder):
    swap_story, other = make_story("Prisoner swap"), make_story("Another swap")
    mine, theirs = make_claim(swap_story.id, SWAP), make_claim(other.id, SWAP)
    index = HybridClaimIndex(tmp_path, embedder)
    await index.add([mine, theirs, make_claim(other.id, GRAIN)])
    assert await index.candidates(swap_story.id, DOC) == [mine.id]
    assert theirs.id in await index.candidates(other.id, DOC)
    assert mine.id not in await index.candidates(other.id, DOC)
    assert await index.candidates(make_story("Nobody follows").id, DOC) == []
    index.close()


async def test_a_torn_journal_line_loses_only_that_change_and_sync_restores_it(
    tmp_path: Path, embedder: SentenceEmbedder, db: Database
):
    swap, grain = await store(db, "Prisoner swap", SWAP, GRAIN)
    index = HybridClaimIndex(tmp_path / "index", embedder)
    await index.sync(db.uow_factory)
    index.close()
    (journal,) = (tmp_path / "index").glob("*/journal.jsonl")
    first, second = journal.read_text().splitlines()  # one line per added claim
    journal.write_text(first + "\n" + second[:40])  # a crash cut the last write
    reopened = HybridClaimIndex(tmp_path / "index", embedder)
    assert (await reopened.sync(db.uow_factory)).added == 1
    assert set(await reopened.candidates(make_story("Prisoner swap").id, DOC)) == {swap, grain}
    reopened.close()


def test_index_dir_defaults_beside_the_sqlite_file(tmp_path: Path):
    assert index_dir_for(f"sqlite:///{tmp_path}/bot.sqlite3") == tmp_path / "index"
    assert index_dir_for("sqlite:///x.db", str(tmp_path / "elsewhere")) == tmp_path / "elsewhere"
    assert index_dir_for("postgresql://u@h/db").name == "index"
