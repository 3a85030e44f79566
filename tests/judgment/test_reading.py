"""Claim extraction: the proposition of a sentence, without who said it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.domain.model import Document, Story
from bot.domain.vocab import Modality
from bot.judgment.reading import _propositions, proposals, read
from bot.judgment.rules import RuleJudge


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
        (
            "The port authority said in a statement on Thursday that the new ferry will sail "
            "on Friday.",
            "the new ferry will sail on Friday",
        ),
        (
            "The new ferry will sail on Friday, the Gazette reported on Monday.",
            "The new ferry will sail on Friday",
        ),
        (
            "The new ferry will sail on Friday, the BBC understands.",
            "The new ferry will sail on Friday",
        ),
        (
            "Port officials say the new ferry will sail on Friday.",
            "the new ferry will sail on Friday",
        ),
        (
            "The new ferry will sail on Friday, port officials say.",
            "The new ferry will sail on Friday",
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


def _claims(text: str) -> list[tuple[Modality, str]]:
    doc = Document("d", "s", "d", "outlet", "", "t", text, datetime(2026, 3, 1, tzinfo=UTC), "")
    return [(p.modality, p.text) for p in proposals(read(doc))]


def test_a_short_reports_claim_is_its_proposition_without_who_said_it() -> None:
    """A headline's claim is stored without its "X said": who said it is the attribution."""
    assert _claims("Harbour police said the ferry captain had been arrested in Calais") == [
        (Modality.CLAIMS, "the ferry captain had been arrested in Calais")]


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("The mayor announced on Tuesday that the harbour bridge would reopen in March. "
         "Repairs have cost the city millions.", "the harbour bridge would reopen in March"),
        ("The two harbour masters are set to meet in Calais on June 16. "
         "Their talks have stalled for months.", "The two harbour masters are set to meet in "
         "Calais on June 16"),
        # the commas around an aside break no clause
        ("The mayor said the harbour bridge, damaged in the storm, would reopen in March. "
         "Repairs have cost the city millions.",
         "the harbour bridge, damaged in the storm, would reopen in March"),
    ],
)
def test_a_reported_future_is_a_claim_of_what_will_happen(text: str, claim: str) -> None:
    """Reported speech puts "will" as "would": "announced that the bridge would reopen" is an
    announcement still to be carried out."""
    assert _claims(text) == [(Modality.WILL, claim)]


def test_what_would_have_happened_is_no_announcement() -> None:
    text = ("The mayor said the harbour bridge would have reopened in March without the storm. "
            "Repairs have cost the city millions.")
    assert all(m is not Modality.WILL for m, _ in _claims(text))


def test_what_would_happen_only_if_asked_is_no_announcement() -> None:
    text = ("The harbour master said that, if asked, he would resign. "
            "Repairs have cost the city millions.")
    assert all(m is not Modality.WILL for m, _ in _claims(text))


def test_a_prediction_that_nothing_will_happen_is_no_announcement() -> None:
    text = ("The harbour master said on Thursday that nothing significant would happen until he "
            "met the mayor. Repairs have cost the city millions.")
    assert all(m is not Modality.WILL for m, _ in _claims(text))


_ARTICLE = (
    "The harbour board met on Monday to discuss the ferry handover in Calais. {}"
    " Ferry services across the Channel ran normally all week."
)


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        # a number's thousands comma is no clause break
        ("A port official said 2,000 passengers would be moved to other ferries this week.",
         (Modality.WILL, "2,000 passengers would be moved to other ferries this week")),
        # an aside and a time between the speaker and the clause
        ("A port official, speaking on condition of anonymity, said the ferry would sail on "
         "Friday.", (Modality.WILL, "the ferry would sail on Friday")),
        ("The ferry company said on Sunday the new ferry would sail on Friday.",
         (Modality.WILL, "the new ferry would sail on Friday")),
        # a clause that opens with a plain noun; a trailing speaker in lower case
        ("The port's director said talks on the second ferry would begin next week.",
         (Modality.WILL, "talks on the second ferry would begin next week")),
        ("The new ferry, which was built in Brest, is expected to sail on Friday, union "
         "leaders said.",
         (Modality.EXPECTED,
          "The new ferry, which was built in Brest, is expected to sail on Friday")),
    ],
)
def test_what_a_speaker_says_is_claimed_as_said(
    sentence: str, claim: tuple[Modality, str]
) -> None:
    assert claim in _claims(_ARTICLE.format(sentence))


def test_a_claims_text_is_the_documents_own_words() -> None:
    """Past an aside, a time or a trailing speaker, the proposition is cut from the sentence,
    never rewritten: an aside inside the clause stays ("but Russia, which occupies …,")."""
    text = (
        "Ukraine has stated it is ready for a cease-fire, but Russia, which occupies a fifth of "
        "the country, says it will not pause operations. A port official, speaking on condition "
        "of anonymity, said the ferry built in Brest would sail on Friday. The ferry "
        "company said on Sunday 2,000 passengers would be moved, union leaders said."
    )
    found = _claims(text)
    assert len(found) == 3
    for _, claim in found:
        assert claim in text


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("The harbour master has apparently said the new ferry would sail on Friday.",
         "the harbour master"),
        ("Although Dover says the new ferry will sail late, Calais expects it on time.",
         "Dover"),
        # the that-clause of a later conjunct is that conjunct's speaker's
        ("The port authority said on Monday it had finished its inspections, and the ferry "
         "company confirmed that the new ferry will sail on Friday.", "the ferry company"),
    ],
)
def test_a_claims_speaker_is_who_puts_it_forward(sentence: str, speaker: str) -> None:
    doc = Document("d", "s", "d", "outlet", "", "t", _ARTICLE.format(sentence),
                   datetime(2026, 3, 1, tzinfo=UTC), "")
    found = [p for p in proposals(read(doc)) if p.modality is Modality.WILL]
    assert found
    who = found[0].speaker or found[0].reading.speaker
    assert who is not None and who.lower() == speaker.lower()


def test_what_a_relative_clause_says_someone_did_is_no_claim_of_completion() -> None:
    text = ("The port authority, which has carried out inspections of the harbour, said it is "
            "prepared to extend them to the ferries. Ferry services across the Channel ran "
            "normally all week. The harbour board met on Monday to discuss the handover.")
    assert all(m is not Modality.COMPLETED for m, _ in _claims(text))
    done = ("The port authority said it had completed the inspections of the harbour. Ferry "
            "services across the Channel ran normally all week. The harbour board met on Monday "
            "to discuss the handover.")
    assert (Modality.COMPLETED, "it had completed the inspections of the harbour") in _claims(
        done)


def test_a_blank_line_ends_a_sentence() -> None:
    """A caption or heading without a full stop is its own sentence, not the start of the
    next paragraph's, and puts forward no claim made of both."""
    from bot.judgment.text import split_sentences

    text = ("Mean machine: the ferry's engines have changed over the years\n\nThe ferry will "
            "sail on Friday, the port said.\n \nRelated Stories")
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Mean machine: the ferry's engines have changed over the years",
        "The ferry will sail on Friday, the port said.",
        "Related Stories",
    ]
    assert [s.paragraph for s in sentences] == [0, 1, 2]
    assert all(text[s.start : s.end] == s.text for s in sentences)


@pytest.mark.parametrize(
    "sentence",
    [
        "The Harbour Gazette reached out to the port and will update accordingly.",
        "Harbour News will update when more becomes available about the ferry.",
        "A link will be added in the comments if the story is officially confirmed.",
        "This story about the ferry sale will be updated as more details emerge.",
    ],
)
def test_an_outlets_note_about_its_own_coverage_is_no_claim(sentence: str) -> None:
    doc = Document("d", "s", "d", "outlet", "", sentence, sentence,
                   datetime(2025, 5, 25, tzinfo=UTC), "h")
    assert proposals(read(doc)) == []


def test_someone_elses_update_is_still_a_claim() -> None:
    sentence = "Once she is back online the harbour master will be updating her status, she said."
    doc = Document("d", "s", "d", "outlet", "", sentence, sentence,
                   datetime(2025, 5, 25, tzinfo=UTC), "h")
    assert proposals(read(doc))


@pytest.mark.parametrize(
    ("after", "speaker"),
    [
        # a quotation after an unattributed claim may speak for it
        ('"We are ready for it," Ana Lopes said.', "Ana Lopes"),
        # a statement of the next speaker's own does not
        ("The port's chief executive, Ana Lopes, said the board had backed the purchase.",
         "Harbour Times"),
    ],
)
def test_an_unattributed_claim_takes_a_quotations_speaker_only(after: str, speaker: str) -> None:
    text = f"The new ferry is expected to enter service by the end of June. {after}"
    doc = Document("d", "s", "d", "Harbour Times", "", "t", text,
                   datetime(2026, 3, 1, tzinfo=UTC), "")
    story = Story("s", "w", "Ferry", ("ferry",), datetime(2026, 3, 1, tzinfo=UTC))
    drafts = RuleJudge().judge(doc, story, []).drafts
    (draft,) = [d for d in drafts if d.text.startswith("The new ferry is expected")]
    assert draft.attributed_to == speaker


@pytest.mark.parametrize(
    "text",
    [
        "The spokesman declined to say whether the port will close to fishing boats next week.",
        "Officials would not say when the new ferry will sail from the harbour.",
        "It remains to be seen whether the new ferry will sail from the harbour on Friday.",
        "The port authority refused to confirm if the harbour will close next week.",
    ],
)
def test_what_someone_would_not_say_is_nobodys_claim(text: str) -> None:
    assert _claims(text) == []


def test_a_claim_before_an_open_question_is_still_put_forward() -> None:
    text = ("The port authority will close the harbour on Friday, but officials would not say "
            "when it will reopen.")
    assert [mod for mod, _ in _claims(text)] == [Modality.WILL]


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        (
            "Northwind and Harbor Foods agreed to merge their ferry lines and to sell the old "
            "terminal in Gdansk.",
            ["Northwind and Harbor Foods agreed to merge their ferry lines",
             "Northwind and Harbor Foods agreed to sell the old terminal in Gdansk"],
        ),
        (
            "The port authority will close the north pier and cut 200 jobs by the end of the year.",
            ["The port authority will close the north pier",
             "The port authority will cut 200 jobs by the end of the year"],
        ),
        (
            "The harbour master said that the navy will withdraw from the port and hand over "
            "the docks to the coast guard.",
            ["the navy will withdraw from the port",
             "the navy will hand over the docks to the coast guard"],
        ),
    ],
)
def test_two_things_to_be_done_are_two_claims(text: str, claims: list[str]) -> None:
    """Each is settled on its own: the merger done leaves the sale open."""
    assert [claim for _, claim in _claims(text)] == claims


@pytest.mark.parametrize(
    "text",
    [
        # one thing done to two things, not two deeds
        "The port authority will release the impounded trawlers and the crews on Friday.",
        "The port authority will release the trawlers and about 300 crew members next week.",
        # the first "will" is inside the subject's own clause
        "The plan to close the north pier will cut jobs and raise the harbour fees.",
        "The new ferry will sail on Friday and return on Sunday after the repairs.",
        # the second names nothing of its own
        "The two port authorities will meet next week to finalise the deal and to sign it.",
        # one object for both verbs; a past tense of its own after the "and"
        "The harbour master will personally inspect and approve the new ferries on Friday.",
        "The port authority vowed to close the north pier and stepped up inspections at the "
        "harbour.",
        # the "and" continues something inside the first: an infinitive, a condition, a clause
        "The summonses will require skippers to appear in court at a later date and pay a fine.",
        "The union will be next if the port authority doesn't cease and desist its inspections.",
        "A full charge will last 24 hours, and if the battery runs low the ferry returns to port.",
    ],
)
def test_one_thing_to_be_done_stays_one_claim(text: str) -> None:
    assert len(_claims(text)) == 1
