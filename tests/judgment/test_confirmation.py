"""A report that something is done, next to the parties' own confirmation of it; and what a
short report (a headline, a feed summary) puts forward.

News prose names an event once and then refers back to it ("the swap", "the handover"): the
parties' confirmation shares too few words with the claim to link to it, but the sentence it
follows does. Both engines read the two together: the claim is resolved by the parties concerned
and the quote is the two sentences, verbatim.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.domain.model import Claim, Document, Story
from bot.domain.vocab import Modality, Stance
from bot.judgment.engine import ModelJudge
from bot.judgment.rules import RuleJudge
from bot.judgment.stance import StanceModel
from bot.ports import Bearing

DEMO = Path(__file__).resolve().parents[2] / "runtime" / "demo" / "prisoner_swap.jsonl"
_AT = datetime(2025, 5, 25, tzinfo=UTC)
_STORY = Story("s", "w", "Port handover", ("port",), _AT)
_CLAIM = Claim(
    "c", "s", "The two companies agreed to transfer control of the container terminal in March",
    "the port authority", Modality.AGREED, "q", "d0", _AT,
)


def _document(text: str) -> Document:
    return Document("d1", "s", "d1", "Harbour Times", "https://example.org/h", "Handover",
                    text, _AT, "hash")


def _bearing(text: str, claim: Claim = _CLAIM) -> Bearing:
    judgment = RuleJudge().judge(_document(text), _STORY, [claim])
    (bearing,) = [b for b in judgment.bearings if b.claim_id == claim.id]
    return bearing


_REPORT = "The two companies completed the transfer of control of the container terminal on Monday."
_CONFIRMED = "Both companies confirmed that the handover was complete."


def test_the_parties_confirmation_next_to_the_report_resolves_the_claim() -> None:
    text = f"{_REPORT} {_CONFIRMED} Dock workers were not told in advance."
    bearing = _bearing(text)
    assert bearing.stance is Stance.RESOLVES
    assert bearing.corroborated
    assert bearing.quote == f"{_REPORT} {_CONFIRMED}"
    assert bearing.quote in text


def test_the_confirmation_may_come_first() -> None:
    bearing = _bearing(f"{_CONFIRMED} {_REPORT}")
    assert bearing.corroborated
    assert bearing.quote == f"{_CONFIRMED} {_REPORT}"


def test_without_the_confirmation_the_outlets_report_is_not_corroborated() -> None:
    bearing = _bearing(f"{_REPORT} Dock workers were not told in advance.")
    assert bearing.stance is Stance.RESOLVES
    assert not bearing.corroborated
    assert bearing.quote == _REPORT


def test_a_confirmation_in_another_paragraph_is_about_something_else() -> None:
    bearing = _bearing(f"{_REPORT}\n\nDock workers met on Tuesday. {_CONFIRMED}")
    assert not bearing.corroborated
    assert bearing.quote == _REPORT


def test_one_party_saying_it_is_done_is_not_the_parties_confirming_it() -> None:
    bearing = _bearing(f"{_REPORT} The president wrote that the handover was complete.")
    assert not bearing.corroborated


@pytest.mark.parametrize("engine", ["rules", "model"])
def test_the_demo_agreement_is_resolved_by_both_governments(
    engine: str, model: StanceModel
) -> None:
    rows = [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines() if line]
    row = next(r for r in rows if r["id"] == "demo-swap-complete")
    document = Document(row["id"], "s", row["id"], row["source"], row["url"], row["title"],
                        row["text"], _AT, "hash")
    claim = Claim(
        "a", "s", "Delegations from Russia and Ukraine agreed on Friday to exchange 1,000 "
        "prisoners of war each, after less than two hours of talks in Istanbul",
        "Rustem Umerov", Modality.AGREED, "q", "d0", _AT,
    )
    story = Story("s", "w", "Prisoner swap", ("POW",), _AT)
    judge = RuleJudge() if engine == "rules" else ModelJudge(model)
    (bearing,) = [b for b in judge.judge(document, story, [claim]).bearings if b.claim_id == "a"]
    assert bearing.stance is Stance.RESOLVES
    assert bearing.corroborated
    assert "Both governments confirmed that the swap was complete" in bearing.quote
    assert bearing.quote in document.text


def _judge_alone(text: str, claims: list[Claim] | None = None) -> tuple[list[str], list[Bearing]]:
    judgment = RuleJudge().judge(_document(text), _STORY, claims or [])
    return [d.text for d in judgment.drafts], judgment.bearings


def test_a_headline_alone_is_the_outlets_claim() -> None:
    headline = "Veteran harbour master Ana Lopes resigns after port collapse"
    (draft,) = RuleJudge().judge(_document(headline), _STORY, []).drafts
    assert draft.text == headline
    assert draft.attributed_to == "Harbour Times"
    assert draft.modality is Modality.CLAIMS


@pytest.mark.parametrize(
    "headline",
    [
        "Will the harbour master resign after the port collapse?",
        "What we know about the port collapse in the harbour",
    ],
)
def test_questions_and_explainers_are_not_claims(headline: str) -> None:
    drafts, _ = _judge_alone(headline)
    assert drafts == []


def test_a_headline_about_a_tracked_claim_is_evidence_not_a_new_claim() -> None:
    drafts, bearings = _judge_alone(
        "Companies complete transfer of container terminal control", [_CLAIM]
    )
    assert drafts == []
    assert [b.claim_id for b in bearings] == ["c"]


def test_a_long_article_does_not_make_its_first_sentence_a_claim() -> None:
    text = " ".join(
        f"Dock workers gathered at gate {n} on Tuesday morning before the shift." for n in range(4)
    )
    drafts, _ = _judge_alone(text)
    assert drafts == []


def test_one_shared_word_is_no_link() -> None:
    meeting = Claim("m", "s", "discussed a meeting between the two presidents", "Rustem Umerov",
                    Modality.POSSIBLE, "q", "d0", _AT)
    text = ("The exchange was still under way on Friday, though U.S. President Donald Trump had "
            "announced it complete.")
    judgment = RuleJudge().judge(_document(text), _STORY, [meeting])
    assert not [b for b in judgment.bearings if b.claim_id == "m"]
    later = "The two presidents will hold a meeting in Istanbul next week, officials said."
    judgment = RuleJudge().judge(_document(later), _STORY, [meeting])
    assert [b.claim_id for b in judgment.bearings if b.claim_id == "m"] == ["m"]


def test_the_rule_engine_resolves_a_plan_with_a_report_in_its_own_verb() -> None:
    """End to end through the rule engine: "agreed to transfer control" is resolved by a
    report that the companies transferred it, quoted verbatim."""
    report = "The two companies transferred control of the container terminal on Monday."
    bearing = _bearing(f"{report} Dock workers were not told in advance.")
    assert bearing.stance is Stance.RESOLVES
    assert bearing.quote == report
