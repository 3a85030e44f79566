"""Claim extraction: the proposition of a sentence, without who said it."""

from __future__ import annotations

import pytest

from bot.domain.vocab import Modality
from bot.judgment.reading import _propositions


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
