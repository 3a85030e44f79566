"""Claim extraction: the proposition of a sentence, without who said it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.domain.model import Document
from bot.domain.vocab import Modality
from bot.judgment.reading import _propositions, proposals, read


@pytest.mark.parametrize(
    ("sentence", "proposition"),
    [
        (
            "Kremlin spokesman Dmitry Peskov said the venue of the next round will be announced.",
            "the venue of the next round will be announced",
        ),
        (
            "The two sides will meet again next week to finalise the deal, a senior official said.",
            "The two sides will meet again next week to finalise the deal",
        ),
        (
            "Kyiv and Moscow will swap 1,000 prisoners each, President Zelensky said on Friday.",
            "Kyiv and Moscow will swap 1,000 prisoners each",
        ),
        (
            "Russia will release 500 prisoners on Friday, according to the Kremlin.",
            "Russia will release 500 prisoners on Friday",
        ),
        (
            "Zelensky told reporters that Ukraine is ready for a ceasefire at any moment.",
            "Ukraine is ready for a ceasefire at any moment",
        ),
        # too little would be left: the sentence is kept whole
        ("He will go, and then he said.", "He will go, and then he said"),
    ],
)
def test_proposition_drops_the_attribution(sentence: str, proposition: str) -> None:
    assert _propositions(sentence, Modality.WILL) == [proposition]


def test_a_denial_puts_forward_no_claim_of_the_deniers() -> None:
    text = ("The port authority denies it will close the harbour to fishing boats next week. "
            "The port authority will open a new terminal next year.")
    doc = Document("d", "s", "d", "outlet", "", "t", text, datetime(2026, 3, 1, tzinfo=UTC), "")
    claims = [p.text for p in proposals(read(doc))]
    assert claims == ["The port authority will open a new terminal next year"]
