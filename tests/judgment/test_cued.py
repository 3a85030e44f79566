"""The rules engine's cue reading of a (headline, body) pair, as the stance trees read it."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.domain.model import Document
from bot.domain.vocab import Modality
from bot.judgment import rules
from bot.judgment.stance.cued import CUED, N_CUED, cue_features

_CLAIM = "Banksy was arrested in London"


def _named(row) -> dict[str, float]:  # type: ignore[no-untyped-def]
    assert row.shape == (N_CUED,)
    return {k: float(v) for k, v in zip(CUED, row, strict=True) if v}


def test_a_denial_of_the_claim_is_read_as_a_contradiction() -> None:
    body = ("No, Banksy has not been arrested. The report that Banksy was arrested in London "
            "is a hoax, police said.")
    (row,) = cue_features([(_CLAIM, body)])
    named = _named(row)
    assert named["bearing_contradicts"] == 1
    assert named["linked_contradicts"] == 2
    assert named["lead_contradicts"] == 2
    assert "bearing_resolves" not in named


def test_a_confirmation_is_read_as_resolving_and_a_bare_restatement_as_neither() -> None:
    confirmed = "Police confirmed that Banksy was arrested in London on Monday."
    restated = "Banksy was arrested in London, according to a tabloid."
    rows = cue_features([(_CLAIM, confirmed), (_CLAIM, restated)])
    named = _named(rows[0])
    assert named["bearing_resolves"] == 1 and named["linked_resolves"] == 1
    assert not any(k.endswith("contradicts") for k in named)
    assert "bearing_resolves" not in _named(rows[1])
    assert "bearing_contradicts" not in _named(rows[1])


def test_how_the_body_voices_the_claim_is_counted() -> None:
    body = ("Banksy was arrested in London on Monday. Police said Banksy was arrested in London. "
            "Banksy was reportedly arrested in London. Was Banksy arrested in London? "
            "The ferry sailed on time.")
    named = _named(cue_features([(_CLAIM, body)])[0])
    assert named["linked"] == 4  # not the ferry
    assert named["linked_attributed"] == 1
    assert named["linked_hedged"] == 1
    assert named["linked_questions"] == 1
    assert named["linked_own_voice"] == 1  # the first sentence: the outlet's own, unhedged
    assert named["own_voice_share"] == 0.25


def test_a_sentence_that_names_a_past_year_is_still_read() -> None:
    # a pair has no publication date: nothing is set aside as background for naming 2014
    body = "In 2014 police denied that Banksy was arrested in London."
    (row,) = cue_features([(_CLAIM, body)])
    assert _named(row)["bearing_contradicts"] == 1


def test_an_unrelated_body_gives_no_reading() -> None:
    body = "The ferry to Calais sailed on time. Passengers praised the crew."
    assert not _named(cue_features([(_CLAIM, body)])[0])


def test_a_headline_of_something_to_come_is_read_as_such() -> None:
    def doc(text: str) -> Document:
        return Document("h", "", "h", "headline", "", "", text,
                        datetime(2026, 1, 1, tzinfo=UTC), "")

    to_come = "The bridge will reopen on Monday"
    assert rules.text_target(to_come, doc(to_come)).modality is Modality.WILL
    assert rules.text_target(_CLAIM, doc(_CLAIM)).modality is not Modality.WILL
