"""The model engine: the stance model decides relatedness, the cue reading the strength."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from bot.domain.model import Claim, Document, Story
from bot.domain.vocab import Modality, Progress, Stance
from bot.judgment import cues, rules
from bot.judgment.engine import ModelJudge, _refutes
from bot.judgment.reading import read
from bot.judgment.rules import Target
from bot.judgment.stance import StanceModel
from bot.judgment.text import content_words
from bot.ports import Bearing

DEMO = Path(__file__).resolve().parents[2] / "runtime" / "demo" / "prisoner_swap.jsonl"
_AT = datetime(2025, 5, 25, tzinfo=UTC)


def _refuted(target: Target, sentence: str) -> bool:
    """The model engine's refutation test on one sentence read as a document."""
    doc = Document("d", "s", "d", "outlet", "", sentence, sentence, _AT, "h")
    (reading,) = read(doc)
    return _refutes(target, reading)


def _bearings(
    model: StanceModel, story: Story, claim: Claim, text: str, title: str | None = None
) -> list[Bearing]:
    """The model engine's bearings on ``claim`` of one document whose text is ``text``."""
    doc = Document("d1", "s", "d1", "outlet", "https://outlet.test/1", title or text, text, _AT,
                   "h")
    return [b for b in ModelJudge(model).judge(doc, story, [claim]).bearings
            if b.claim_id == claim.id]


def _demo_document(doc_id: str) -> Document:
    rows = [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines() if line]
    row = next(r for r in rows if r["id"] == doc_id)
    return Document(doc_id, "s", doc_id, row["source"], row["url"], row["title"], row["text"],
                    _AT, "hash")


def test_the_strongest_report_in_the_document_is_the_evidence(model: StanceModel) -> None:
    """The model's evidence sentence ("Russia and Ukraine completed the exchange ...") is
    the outlet's own report; the same document also says both governments confirmed it, and
    that report by the parties concerned is the one weighed and quoted."""
    story = Story("s", "w", "Prisoner swap", ("POW",), _AT)
    claim = Claim("c", "s", "a major prisoner swap was just completed between Russia and Ukraine",
                  "Donald Trump (Truth Social)", Modality.CLAIMS, "q", "d0", _AT)
    judgment = ModelJudge(model).judge(_demo_document("demo-swap-complete"), story, [claim])
    (bearing,) = [b for b in judgment.bearings if b.claim_id == "c"]
    assert bearing.stance is Stance.RESOLVES
    assert bearing.corroborated
    assert bearing.quote.startswith("Both governments confirmed that the swap was complete")


def test_an_unrelated_claim_gets_no_bearing(model: StanceModel) -> None:
    story = Story("s", "w", "Prisoner swap", ("POW",), _AT)
    claim = Claim("c", "s", "Apple will launch its own television set next year",
                  "an analyst", Modality.WILL, "q", "d0", _AT)
    judgment = ModelJudge(model).judge(_demo_document("demo-swap-complete"), story, [claim])
    assert not [b for b in judgment.bearings if b.claim_id == "c"]


def test_a_question_about_a_claim_neither_contradicts_nor_supports_it(
    model: StanceModel,
) -> None:
    """Asking whether a report is a hoax doubts it and says nothing either way; only a report
    that says it is one contradicts it."""
    story = Story("s", "w", "Harbour", ("port",), _AT)
    claim = Claim("c", "s", "An audio recording of the harbour shooting was released by police",
                  "a local station", Modality.CLAIMS, "q", "d0", _AT)
    asked = "Was the audio recording of the harbour shooting released by police a hoax?"
    said = "The audio recording of the harbour shooting released by police was a hoax."
    stances = []
    for text in (asked, said):
        (bearing,) = _bearings(model, story, claim, text)
        stances.append(bearing.stance)
    assert stances == [Stance.DISCUSSES, Stance.CONTRADICTS]


def test_a_sentence_that_says_how_far_along_it_is_outweighs_the_most_similar_one(
    model: StanceModel,
) -> None:
    """The model's evidence is the sentence most like the claim; when it says nothing of how
    far along the thing is and another linked sentence says it has begun, the claim's status
    must come from the one that says so."""
    story = Story("s", "w", "Hostage exchange", ("hostages",), _AT)
    claim = Claim("c", "s", "Ruritania and Freedonia agreed to exchange 300 hostages each",
                  "the mediators", Modality.AGREED, "q", "d0", _AT)
    text = (
        "Ruritania and Freedonia agreed in talks to exchange 300 hostages each, the only "
        "result of the mediators' work so far.\n\n"
        "Ruritania and Freedonia began the hostage exchange on Friday at the border crossing."
    )
    (bearing,) = _bearings(model, story, claim, text, title="Swap")
    assert bearing.progress is Progress.UNDER_WAY
    assert bearing.quote.startswith("Ruritania and Freedonia began the hostage exchange")


def test_a_report_that_it_was_not_a_hoax_does_not_contradict(model: StanceModel) -> None:
    """The model may read "hoax" as disagreement; "NOT a hoax" refutes nothing."""
    story = Story("s", "w", "Harbour rescue", ("rescue",), _AT)
    claim = Claim("c", "s", "A video shows a fisherman rescuing a seal trapped in a harbour net",
                  "a local station", Modality.CLAIMS, "q", "d0", _AT)
    text = ("The fisherman who rescued a seal trapped in a harbour net insists the video was NOT "
            "a hoax, despite claims online that the seal rescue was staged.")
    bearings = _bearings(model, story, claim, text)
    assert bearings and all(b.stance is not Stance.CONTRADICTS for b in bearings)


def test_rejecting_an_offer_or_denying_something_else_gives_a_disagreement_no_cue() -> None:
    """The model's "disagree" becomes a contradiction only with a refutation cue in the
    sentence: rejecting an offer, or denying something else said about the same thing, is
    none; rejecting the claim is one."""
    claim = "The ferry handover was completed on Sunday"
    target = Target(content_words(claim), Modality.CLAIMS, "the mayor", None, "c",
                    negative=cues.negates(claim))

    assert not _refuted(target, "The port authority rejected an offer to speed up the ferry "
                        "handover.")
    assert not _refuted(target, "The port authority denied that any crew had been mistreated "
                        "during the ferry handover.")
    assert _refuted(target, "The port authority rejected the mayor's claim that the ferry "
                    "handover was completed.")


def test_a_denial_does_not_refute_a_claim_that_it_did_not_happen() -> None:
    """The model may read a denial as disagreement with every claim of the story; against a
    claim that says the same thing did not happen, it agrees."""
    claim = "The club said coach Lopes has not resigned"
    target = rules._target(claim, Modality.CLAIMS, "the club", claim_id="c")

    assert not _refuted(target, "The coach denied that she had resigned.")
    assert not _refuted(target, "Reports of the coach's resignation are a hoax.")


def test_a_disagreement_about_another_part_of_the_story_is_no_contradiction(
    model: StanceModel,
) -> None:
    """A body that refutes one rumour makes the model disagree with the story's other claims
    too; the sentence it refutes with must bear on the claim."""
    story = Story("s", "w", "Harbour", ("harbour",), _AT)
    claim = Claim("c", "s", "The harbour's insurers will ask outside experts to assess the damage",
                  "a local station", Modality.WILL, "q", "d0", _AT)
    text = ("Harbour officials said the video of a tanker hitting the pier is a hoax. "
            "The footage, they said, was filmed at another port years ago and is fake.")
    bearings = _bearings(model, story, claim, text)
    assert all(b.stance is not Stance.CONTRADICTS for b in bearings)


def test_a_cue_in_a_sentence_that_does_not_link_to_the_claim_settles_nothing(
    model: StanceModel,
) -> None:
    """The model's evidence is only the sentence most like the claim; "in response to the fake
    article" calls the story's rumour fake, not the director's own post about the car, and
    shares too little with that claim to be about it."""
    story = Story("s", "w", "Batmobile", ("Batmobile",), _AT)
    claim = Claim("c", "s", "Director Zack Snyder released a shot of how the Batmobile will look "
                  "in the new movie", "a film blog", Modality.WILL, "q", "d0", _AT)
    text = ("A fake article claimed the Batmobile had been stolen from the set in Detroit. "
            "In response to the fake article, Snyder posted a mash-up of the Batmobile and a "
            "stormtrooper being arrested. The studio said the car was never missing.")
    (bearing,) = _bearings(model, story, claim, text)
    assert bearing.stance is Stance.DISCUSSES
    assert bearing.quote.startswith("In response to the fake article")


def test_a_headline_the_model_judged_whole_refutes_without_naming_the_claim(
    model: StanceModel,
) -> None:
    """A headline of two sentences is read whole by the model: its "viral hoax" is about the
    question before it, which shares the claim's words."""
    story = Story("s", "w", "Tom Reed", ("Reed",), _AT)
    claim = Claim("c", "s", "Country singer Tom Reed dies at age 81", "a gossip site",
                  Modality.CLAIMS, "q", "d0", _AT)
    (bearing,) = _bearings(model, story, claim, "Tom Reed dead? Viral hoax fools internet")
    assert bearing.stance is Stance.CONTRADICTS


def test_a_named_hoax_or_a_calling_off_elsewhere_refutes_nothing() -> None:
    claim = "The harbour's insurers will ask outside experts to assess the damage"
    target = rules._target(claim, Modality.WILL, "a local station", claim_id="c")

    assert not _refuted(target, "Officials said the video of a tanker hitting the pier is a hoax.")
    assert not _refuted(target, "The mayor is back in the running after talks with the union "
                        "fell through.")
    assert _refuted(target, "The insurers' plan to ask outside experts was called off.")
