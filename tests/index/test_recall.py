"""The right claim is among a real document's candidates: FNC-1 headlines as claims, their
related bodies as documents, searched exactly and through the ANN graph."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.judgment.embedder import SentenceEmbedder
from storage.claim_index import HybridClaimIndex, fuse, query_sentences
from tests.index.conftest import Sample


async def ranks(index: HybridClaimIndex, sample: Sample) -> list[int]:
    """Where each document's own claim stands among its 50 candidates (50: not among them)."""
    story = sample.claims[0].story_id
    out = []
    for text, claim_id in sample.documents:
        found = await index.candidates(story, text, 50)
        out.append(found.index(claim_id) if claim_id in found else 50)
    return out


def recall(ranks: list[int], k: int) -> float:
    return sum(r < k for r in ranks) / len(ranks)


# Measured on this sample (300 claims, 30 bodies): recall@50 1.0 and recall@10 0.9, exact and
# ANN alike. The floors sit below that, to catch a broken half of the index, not noise.
@pytest.mark.parametrize("exact_limit", [10_000, 50], ids=["exact", "ann"])
async def test_related_headline_is_among_the_candidates_of_its_body(
    tmp_path: Path, embedder: SentenceEmbedder, fnc_sample: Sample, exact_limit: int
):
    index = HybridClaimIndex(tmp_path / "index", embedder, exact_limit=exact_limit)
    await index.add(fnc_sample.claims)
    found = await ranks(index, fnc_sample)
    index.close()
    print(f"recall@50 {recall(found, 50):.3f} recall@10 {recall(found, 10):.3f}")
    assert recall(found, 50) >= 0.9
    assert recall(found, 10) >= 0.8


def test_a_document_is_read_as_its_title_lead_and_claim_like_sentences():
    lead = [f"Plain sentence number {i} about the weather." for i in range(20)]
    text = "Prisoner swap begins\n" + " ".join(lead) + " Russia will free 500 prisoners."
    picked = query_sentences(text)
    assert picked[0] == "Prisoner swap begins"
    assert picked[1:11] == lead[:10]
    assert picked[-1] == "Russia will free 500 prisoners."
    assert len(picked) <= 16


def test_fusion_ranks_a_claim_both_halves_found_first():
    assert fuse([["a", "b", "c"], ["c", "d", "b"]], 3) == ["c", "b", "a"]
