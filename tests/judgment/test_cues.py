"""Cue reading: what makes a report resolve a claim rather than merely repeat it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.domain.model import Document
from bot.domain.parties import same_party
from bot.domain.vocab import Modality, Progress, Stance
from bot.judgment import cues, events, rules
from bot.judgment.reading import read
from bot.judgment.rules import Target, cue_stance
from bot.judgment.text import content_words

_AT = datetime(2026, 3, 1, tzinfo=UTC)


def _stance(sentence: str, modality: Modality = Modality.CLAIMS) -> tuple[Stance, Progress]:
    doc = Document("d", "s", "d", "outlet", "", sentence, sentence, _AT, "")
    (reading,) = read(doc)
    return cue_stance(Target(set(), modality, "the first source", None, "c"), reading)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The ministry confirmed that the ship sank.", True),
        ("Police have confirmed the arrest.", True),
        ("Officials did not confirm the report.", False),
        ("The company declined to confirm the figure.", False),
        ("The ship sank, a witness said.", False),
    ],
)
def test_confirmation_cue(sentence: str, expected: bool) -> None:
    assert cues.confirms(sentence) is expected


def test_a_report_that_only_repeats_a_rumour_does_not_resolve_it() -> None:
    stance, _ = _stance("Tom Brokaw wants Brian Williams fired over helicopter story.")
    assert stance is not Stance.RESOLVES


def test_a_confirmation_resolves_a_claim_that_something_happened() -> None:
    assert _stance("NBC confirmed that Brian Williams had left the network.") == (
        Stance.RESOLVES,
        Progress.COMPLETE,
    )


def test_a_failure_to_confirm_does_not_resolve() -> None:
    stance, _ = _stance("NBC could not confirm that Brian Williams had left the network.")
    assert stance is not Stance.RESOLVES


def _contradicts_to_come(claim: str, sentence: str) -> bool:
    """The sentence contradicts ``claim``, a claim of something to come."""
    return _against(claim, sentence, Modality.WILL)[0] is Stance.CONTRADICTS


@pytest.mark.parametrize(
    "sentence",
    [
        "The envoy confirmed to state media that the two sides had agreed to a hostage swap.",
        "The ministry confirmed that the ferry will resume sailing next week.",
        "Police confirmed they plan to release the footage.",
    ],
)
def test_confirming_an_agreement_or_a_plan_does_not_resolve_a_claim_that_it_is_done(
    sentence: str,
) -> None:
    """Only what is confirmed as done resolves "X was completed"; an agreement or a plan that
    is confirmed is still to come."""
    stance, progress = _stance(sentence, Modality.CLAIMS)
    assert (stance, progress) == (Stance.DISCUSSES, Progress.NONE)


def test_a_confirmation_of_a_plan_only_supports_it() -> None:
    stance, _ = _stance("The ministry confirmed the talks are planned.", Modality.PLANS)
    assert stance is Stance.SUPPORTS


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Both governments confirmed that the swap was complete.", True),
        ("Both sides said the exchange was over.", True),
        ("Russia and Ukraine confirmed the exchange.", True),
        ("Both companies confirmed that the handover was complete.", True),
        ("Both the clubs announced the transfer on Monday.", True),
        ("The last 303 people on each side were handed over on Sunday.", False),
        ("Prisoners from both sides crossed the border.", False),
    ],
)
def test_corroboration_needs_the_parties_to_report_it(sentence: str, expected: bool) -> None:
    assert cues.corroborated(sentence) is expected


def _speaker(sentence: str) -> str | None:
    found = cues.attribution(sentence, cues.person_names(sentence))
    return found.speaker if found else None


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Both governments confirmed that the swap was complete.", "both governments"),
        ("The ministry said the talks would resume.", "the ministry"),
        ("The New York Times reported that the deal was signed.", "The New York Times"),
        ("Kremlin spokesman Dmitry Peskov said the venue will be announced.",
         "Kremlin spokesman Dmitry Peskov"),
    ],
)
def test_a_speaker_that_is_not_a_name_is_not_capitalised(sentence: str, speaker: str) -> None:
    assert _speaker(sentence) == speaker


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("The film will be released in May, Variety reports.", "Variety"),
        ("The film will be released in May, Variety reports, citing two executives.",
         "Variety"),
        ("Apple will unveil a watch next month, CNN has learned.", "CNN"),
        ("The talks will resume on Monday, the BBC understands.", "the BBC"),
        # said in the sentence itself: the one who said it, not the outlet that reports it
        ("The studio said the film will be released in May, Variety reports.", "the studio"),
    ],
)
def test_an_outlet_that_reports_it_at_the_end_is_the_speaker(sentence: str, speaker: str) -> None:
    assert _speaker(sentence) == speaker


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Ukrainian officials say the swap is complete.", "Ukrainian officials"),
        ("The swap is complete, Ukrainian officials say.", "Ukrainian officials"),
        ("The swap is complete, say Ukrainian officials.", "Ukrainian officials"),
        ("Police confirm the suspect was arrested.", "Police"),
        ("Port workers deny the ferry sailed.", "Port workers"),
        ("Officials Say Swap Complete", "Officials"),  # a title-case headline
        # no one says it: an infinitive, a modal or a negation before the verb
        ("Officials declined to say whether the swap was complete.", None),
        ("Officials would not confirm the swap was complete.", None),
        ("Officials didn't deny the swap was complete.", None),
        ("Needless to say, the swap is complete.", None),
    ],
)
def test_a_plural_subject_in_the_present_is_the_speaker(
    sentence: str, speaker: str | None
) -> None:
    assert _speaker(sentence) == speaker


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("The swap was confirmed by Ukraine's defence ministry.", "Ukraine's defence ministry"),
        ("The swap was confirmed by officials in Kyiv on Sunday.", "officials in Kyiv"),
        ("As first reported by Variety, the film will be released in May.", "Variety"),
        ("The deal, first reported by Reuters, will close next month.", "Reuters"),
        # the passive with no one named: what is reported, not who reports it
        ("The swap was confirmed on Sunday.", None),
        ("The swap has been officially confirmed.", None),
        # a means, not an agent
        ("The swap was complete, the ministry confirmed by phone.", "the ministry"),
    ],
)
def test_a_reporting_verb_in_the_passive_names_its_agent(
    sentence: str, speaker: str | None
) -> None:
    assert _speaker(sentence) == speaker


def test_a_passive_confirmation_by_the_asserters_own_people_is_the_asserters() -> None:
    """Read as the thing's ("the swap"), it would count as a second party beside Trump."""
    speaker = _speaker("The prisoner swap was confirmed by Trump's aides on Sunday.")
    assert speaker is not None
    assert same_party(speaker, "Donald Trump (Truth Social)")


@pytest.mark.parametrize(
    "sentence",
    [
        "Unconfirmed reports of a May release for the film circulated on Monday.",
        "The film will be released in May, and the studio reports strong demand.",
    ],
)
def test_reports_as_a_noun_or_mid_sentence_names_no_outlet(sentence: str) -> None:
    assert _speaker(sentence) is None


def _against(
    claim: str, sentence: str, modality: Modality = Modality.CLAIMS
) -> tuple[Stance, Progress]:
    doc = Document("d", "s", "d", "outlet", "", sentence, sentence, _AT, "")
    (reading,) = read(doc)
    return cue_stance(rules._target(claim, modality, "a tabloid", claim_id="c"), reading)


@pytest.mark.parametrize(
    "sentence",
    [
        "No, the harbour master hasn't resigned",
        "The harbour master did not resign, the port authority said",
        "Harbour master Ana Lopes has not resigned and never will",
        "Sorry, the harbour master isn't going to be resigning",
        "Port authority: No, the harbour master hasn't resigned",
    ],
)
def test_saying_it_did_not_happen_contradicts_the_claim(sentence: str) -> None:
    stance, progress = _against("Harbour master Ana Lopes resigned", sentence)
    assert (stance, progress) == (Stance.CONTRADICTS, Progress.DENIED)


@pytest.mark.parametrize(
    ("claim", "sentence"),
    [
        # a silence, not a denial
        ("Harbour master Ana Lopes resigned", "Harbour master Ana Lopes did not comment"),
        # the negation is about something else
        ("Harbour master Ana Lopes resigned",
         "Ana Lopes resigned as harbour master after the board never met"),
        # what is negated is the verb right after it ("did not tell"), not the words after that
        ("Harbour master Ana Lopes resigned",
         "Ana Lopes resigned but did not tell the harbour board"),
        # the claim is itself negative: agreeing with it is not contradicting it
        ("Russia will not attend the Geneva talks", "Russia did not attend the Geneva talks"),
    ],
)
def test_other_negations_do_not_contradict(claim: str, sentence: str) -> None:
    stance, _ = _against(claim, sentence)
    assert stance is not Stance.CONTRADICTS


def test_a_question_asks_and_does_not_deny() -> None:
    stance, _ = _against("Harbour master Ana Lopes resigned",
                         "Was the harbour master's resignation a hoax?")
    assert stance is Stance.DISCUSSES


def test_a_wh_question_still_says_what_it_takes_for_granted() -> None:
    doc = Document("d", "s", "d", "outlet", "", "How did a fake letter fool the port?",
                   "How did a fake letter fool the port?", _AT, "")
    (reading,) = read(doc)
    assert not reading.question and reading.progress is Progress.DENIED


def test_a_hedged_denial_disputes_but_settles_nothing() -> None:
    assert _against("Harbour master Ana Lopes resigned",
                    "No, the harbour master probably hasn't resigned") == (
        Stance.CONTRADICTS, Progress.NONE)


def test_a_hedged_report_of_completion_does_not_resolve() -> None:
    assert _stance("The exchange was reportedly completed on Friday.") == (
        Stance.SUPPORTS, Progress.NONE)
    assert _stance("The exchange was completed on Friday.")[0] is Stance.RESOLVES


@pytest.mark.parametrize(
    ("sentence", "done"),
    [
        # a completion that is put off, awaited or ahead is still to come
        ("An inquiry into the ferry deal could delay its completion beyond June", False),
        ("The port sale is pending completion of the safety checks", False),
        ("Shares rose ahead of the takeover's completion", False),
        ("Shares rose after the completion of the takeover", True),
        ("The port announced the completion of the ferry handover", True),
    ],
)
def test_a_completion_still_ahead_is_no_report_of_one(sentence: str, done: bool) -> None:
    assert (cues.progress(sentence) is Progress.COMPLETE) is done


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The talks were abandoned on Friday", Progress.CALLED_OFF),
        ("The government abandoned its plan to sell the port", Progress.CALLED_OFF),
        ("A dog was found abandoned at the station with a suitcase", Progress.NONE),
        ("Police found an abandoned car near the border", Progress.NONE),
    ],
)
def test_abandoned_calls_off_only_plans_and_events(sentence: str, expected: Progress) -> None:
    assert cues.progress(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "contradicts"),
    [
        # "fake" describes something else: no denial of the claim
        ("Lebanon detained the commander's wife, who carried fake passports", False),
        # what is called false is the claimed thing
        ("Officials called it a false resignation", True),
        ("The reports of her resignation are false", True),
    ],
)
def test_fake_and_false_deny_only_what_they_describe(sentence: str, contradicts: bool) -> None:
    stance, _ = _against("Harbour master Ana Lopes resigned, Lebanon detained the wife", sentence)
    assert (stance is Stance.CONTRADICTS) is contradicts


def test_a_title_case_headline_names_who_denies() -> None:
    found = cues.attribution("Port Authority Denies Harbour Master Resigned", [])
    assert found is not None and found.speaker == "Port Authority"


@pytest.mark.parametrize(
    "sentence",
    [
        "The harbour master's resignation isn't real",
        "Port officials debunked the resignation report",
        "The resignation never happened, the port said",
    ],
)
def test_saying_it_is_not_real_or_debunked_is_a_denial(sentence: str) -> None:
    assert cues.progress(sentence) is Progress.DENIED


@pytest.mark.parametrize(
    "sentence",
    [
        "Police confirmed the harbour master was not arrested.",
        "Coast Guard Confirms: Harbour Master Not Arrested",
        "Harbour master not arrested, police say",
    ],
)
def test_a_confirmed_or_headlinese_negation_denies_the_claim(sentence: str) -> None:
    """What is confirmed is that it did not happen; a headline that drops the auxiliary
    ("X Not Arrested") negates all the same."""
    claim = "The harbour master was arrested on Monday"
    assert _against(claim, sentence) == (Stance.CONTRADICTS, Progress.DENIED)


@pytest.mark.parametrize(
    "sentence",
    [
        "It is unclear whether or not the harbour master was arrested.",
        "The harbour master, if not arrested by Friday, will leave the country.",
    ],
)
def test_whether_or_not_and_if_not_deny_nothing(sentence: str) -> None:
    stance, _ = _against("The harbour master was arrested on Monday", sentence)
    assert stance is not Stance.CONTRADICTS


def test_a_report_that_calls_itself_satire_settles_nothing() -> None:
    stance, progress = _against(
        "Doctors confirmed the first death from eating blue cheese",
        "First Death From Eating Blue Cheese Confirmed Satire",
    )
    assert stance is not Stance.RESOLVES and progress is Progress.NONE


@pytest.mark.parametrize(
    ("claim", "sentence"),
    [
        ("The video of the harbour rescue is real",
         "The harbour master insists the rescue video was NOT a hoax despite the doubters."),
        ("A bug erases your photos if you reset your phone",
         "Don't reset your phone unless you want to lose your photos"),
    ],
)
def test_a_negated_denial_and_an_imperative_deny_nothing(claim: str, sentence: str) -> None:
    """"NOT a hoax" affirms; "Don't reset ..." advises."""
    stance, progress = _against(claim, sentence)
    assert stance is not Stance.CONTRADICTS and progress is not Progress.DENIED


def test_a_calling_off_agrees_with_a_claim_that_it_was_called_off() -> None:
    claim, report = "The harbour festival was cancelled", "Organisers called off the festival"
    assert _against(claim, report) == (Stance.SUPPORTS, Progress.NONE)


@pytest.mark.parametrize(
    ("claim", "sentence", "not_this"),
    [
        ("The Geneva summit took place on Monday",
         "The Geneva summit was not called off, organisers said", Stance.CONTRADICTS),
        ("The prisoners' handover took place on Sunday",
         "The prisoners' handover was never carried out", Stance.RESOLVES),
    ],
)
def test_a_progress_word_under_negation_reports_no_progress(
    claim: str, sentence: str, not_this: Stance
) -> None:
    """"Was not called off" is no calling-off, "was never carried out" no completion and
    "hasn't begun" nothing under way."""
    stance, progress = _against(claim, sentence)
    assert stance is not not_this
    assert progress not in (Progress.CALLED_OFF, Progress.COMPLETE, Progress.UNDER_WAY)


def test_hasnt_begun_is_not_under_way() -> None:
    assert _stance("The hostage swap hasn't begun.", Modality.AGREED) == (
        Stance.DISCUSSES, Progress.NONE)


@pytest.mark.parametrize(
    "sentence",
    [
        "It remains unclear whether the ferry handover has been completed.",
        "Officials could not say whether the ferry handover was complete.",
        "The ferry handover is expected to be completed on Sunday.",
        "The ferry handover will be completed on Sunday, officials said.",
        "The ferry handover was supposed to be completed on Sunday.",
        "Once the ferry handover is completed, sailings will resume.",
        # a condition put first by inversion, and a time still to come
        "Should the ferry handover be completed on Sunday, sailings will resume.",
        "Were the ferry handover completed, sailings would resume.",
        "Had the ferry handover been completed, sailings would have resumed.",
        "After the ferry handover is completed, sailings will resume.",
        "Sailings will resume when the ferry handover has been completed.",
    ],
)
def test_a_completion_still_to_come_or_in_question_resolves_nothing(sentence: str) -> None:
    """Only a completion the sentence asserts resolves: not one expected, planned, supposed,
    conditional or asked about."""
    stance, progress = _against("The ferry handover was completed on Sunday", sentence)
    assert (stance, progress) == (Stance.DISCUSSES, Progress.NONE)


@pytest.mark.parametrize(
    "sentence",
    [
        "The ferry handover was completed on Sunday, according to the port authority.",
        "Asked whether it was over, the port authority said the ferry handover was completed.",
        "After the ferry handover was completed on Sunday, sailings resumed.",
        "When the ferry handover was completed on Sunday, crowds gathered at the pier.",
    ],
)
def test_an_asserted_completion_still_resolves(sentence: str) -> None:
    stance, progress = _against("The ferry handover was completed on Sunday", sentence)
    assert (stance, progress) == (Stance.RESOLVES, Progress.COMPLETE)


def test_a_calling_off_that_might_happen_contradicts_nothing() -> None:
    stance, _ = _against("The ferry talks will take place in Oslo",
                         "The ferry talks could be cancelled if the unions refuse.")
    assert stance is not Stance.CONTRADICTS


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The port authority denied reports that the ferry handover had been completed.",
         Stance.CONTRADICTS),
        ("The claim that the ferry handover was completed is false.", Stance.CONTRADICTS),
        ("The mayor's claim that the ferry handover was completed was premature, officials said.",
         Stance.DISCUSSES),
        ("Nobody has confirmed that the ferry handover was completed.", Stance.DISCUSSES),
        ("Officials confirmed reports that the ferry handover had been completed.",
         Stance.RESOLVES),
    ],
)
def test_a_completion_that_is_somebodys_claim_is_not_the_sentences_own(
    sentence: str, expected: Stance
) -> None:
    """A completion inside a denial, a claim reported as such, or a confirmation nobody gave
    resolves nothing; confirming the reports does."""
    stance, _ = _against("The ferry handover was completed on Sunday", sentence)
    assert stance is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The first stage of the ferry handover was completed on Sunday.", Stance.DISCUSSES),
        ("Half of the ferry handover was completed on Sunday, the port authority said.",
         Stance.DISCUSSES),
        ("Only half of the ferry handover was completed on Sunday.", Stance.CONTRADICTS),
        ("The ferry handover was only partly completed on Sunday.", Stance.CONTRADICTS),
        ("The ferry handover was far from complete on Sunday.", Stance.CONTRADICTS),
        ("The ferry handover had not been fully completed by Sunday.", Stance.CONTRADICTS),
        ("The final stage of the ferry handover was completed on Sunday.", Stance.RESOLVES),
        ("The ferry handover is over, the port authority said on Sunday.", Stance.RESOLVES),
    ],
)
def test_a_part_done_is_not_the_whole_done(sentence: str, expected: Stance) -> None:
    """A stage or a share of it completed says the whole is under way, "only half" or "partly"
    that it is not complete; the last stage done, or the whole "over", completes it."""
    stance, _ = _against("The ferry handover was completed on Sunday", sentence)
    assert stance is expected


def test_over_as_a_number_or_a_time_is_no_completion() -> None:
    stance, _ = _against("The ferry handover was completed on Sunday",
                         "Over 400 crew took part in the ferry handover over the weekend.")
    assert stance is not Stance.RESOLVES


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The port authority rejected the mayor's claim that the ferry handover was completed.",
         Stance.CONTRADICTS),
        ("The port authority dismissed reports that the ferry handover had been completed.",
         Stance.CONTRADICTS),
        ("Reports that the ferry handover had been completed were wrong, the port authority "
         "said.", Stance.CONTRADICTS),
        ("Reports that the ferry handover was completed are inaccurate, the port authority said.",
         Stance.CONTRADICTS),
        ("The port authority rejected an offer to speed up the ferry handover on Sunday.",
         Stance.DISCUSSES),
        ("The mayor said the way the ferry handover was completed on Sunday was wrong.",
         Stance.RESOLVES),
        ("The port authority could neither confirm nor deny that the ferry handover was "
         "completed.", Stance.DISCUSSES),
        ("The port authority would not confirm or deny that the ferry handover was completed.",
         Stance.DISCUSSES),
    ],
)
def test_rejecting_a_claim_denies_it_and_rejecting_an_offer_does_not(
    sentence: str, expected: Stance
) -> None:
    stance, _ = _against("The ferry handover was completed on Sunday", sentence)
    assert stance is expected


@pytest.mark.parametrize(
    ("claim", "sentence", "expected"),
    [
        # a denial of something else said about the same thing
        ("The ferry handover was completed on Sunday",
         "The port authority denied that any crew had been mistreated during the ferry handover.",
         Stance.DISCUSSES),
        ("The ferry handover was completed on Sunday",
         "The port authority denied mistreating crews during the ferry handover.",
         Stance.DISCUSSES),
        ("The harbour master resigned on Friday",
         "The harbour master, who resigned on Friday, denied any wrongdoing.", Stance.DISCUSSES),
        ("The harbour master resigned on Friday",
         "The harbour master denied taking bribes before he resigned on Friday.",
         Stance.DISCUSSES),
        ("The harbour master launched a seafood festival",
         "The harbour master denied plans for a lobster flavored seafood festival.",
         Stance.CONTRADICTS),
        # a denial of the claim itself, however it is put
        ("The ferry handover was completed on Sunday",
         "Asked about the ferry handover, the port authority denied it had been completed.",
         Stance.CONTRADICTS),
        ("The ferry handover was completed on Sunday",
         "The port authority denied the mayor's account of the ferry handover on Sunday.",
         Stance.CONTRADICTS),
        ("The ferry handover was completed on Sunday",
         "The port authority denied that the ferry handover took place.", Stance.CONTRADICTS),
        ("The harbour master resigned on Friday",
         "The harbour master's resignation on Friday was denied by the port authority.",
         Stance.CONTRADICTS),
        ("Smugglers killed the harbour master in the port",
         "The smugglers denied killing the harbour master.", Stance.CONTRADICTS),
        ("Smugglers killed the harbour master in the port",
         "The smugglers denied that the harbour master was killed in the port.",
         Stance.CONTRADICTS),
        ("The port flooded after the harbour master opened the sluices",
         "The harbour master denied flooding the port by opening the sluices.",
         Stance.CONTRADICTS),
    ],
)
def test_a_denial_contradicts_the_claim_only_when_it_denies_the_claim(
    claim: str, sentence: str, expected: Stance
) -> None:
    stance, _ = _against(claim, sentence)
    assert stance is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The harbour master has refused to resign.", Stance.CONTRADICTS),
        ("The harbour master is not among those who resigned on Friday.", Stance.CONTRADICTS),
        ("The harbour master declined to comment on reports that he resigned.", Stance.DISCUSSES),
    ],
)
def test_refusing_or_not_being_among_them_says_it_did_not_happen(
    sentence: str, expected: Stance
) -> None:
    stance, _ = _against("The harbour master resigned on Friday", sentence)
    assert stance is expected


_AGREED = "The two ports agreed to a ferry handover next month"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The port of Dover pulled out of the ferry handover on Monday.", Stance.CONTRADICTS),
        ("The port of Dover withdrew from the ferry handover on Monday.", Stance.CONTRADICTS),
        ("The port of Dover walked away from the ferry handover deal.", Stance.CONTRADICTS),
        ("The ferry handover is off, the port of Dover said.", Stance.CONTRADICTS),
        ("Plans for the ferry handover have been shelved.", Stance.CONTRADICTS),
        ("The ferry handover was axed on Monday.", Stance.CONTRADICTS),
        ("The port of Dover said no ferry handover had been agreed.", Stance.CONTRADICTS),
        ("The port of Dover said there was no agreement on a ferry handover.",
         Stance.CONTRADICTS),
        ("The port of Dover denied any deal on a ferry handover had been reached.",
         Stance.CONTRADICTS),
        ("The ferry handover went ahead on Monday.", Stance.SUPPORTS),
        # leaving a place calls nothing off; no one hurt denies nothing
        ("Ferry crews pulled out of the port of Dover before the ferry handover next month.",
         Stance.DISCUSSES),
        ("No ferry crews were hurt, the two ports said of the handover agreed last week.",
         Stance.DISCUSSES),
    ],
)
def test_leaving_shelving_or_no_agreement_contradicts_an_agreement(
    sentence: str, expected: Stance
) -> None:
    stance, _ = _against(_AGREED, sentence, Modality.AGREED)
    assert stance is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The two ports exchanged all 40 ferries on Sunday.", Stance.RESOLVES),
        ("The last ferries changed hands on Sunday, completing the ferry handover.",
         Stance.RESOLVES),
        ("The ferry handover wrapped up on Sunday, the port authority said.", Stance.RESOLVES),
        ("The ferry handover has been finalised.", Stance.RESOLVES),
        ("The port authority is completing the ferry handover this week.", Stance.DISCUSSES),
        ("The ferry handover is continuing.", Stance.CONTRADICTS),
        ("The ferry handover is still going on.", Stance.CONTRADICTS),
        ("Work on the ferry handover has not started.", Stance.CONTRADICTS),
        ("The ferry handover has yet to begin.", Stance.CONTRADICTS),
        ("The ferry handover never took place.", Stance.CONTRADICTS),
        ("There was no ferry handover on Sunday.", Stance.CONTRADICTS),
        ("The port authority has yet to comment on the ferry handover.", Stance.DISCUSSES),
    ],
)
def test_how_a_completion_or_its_absence_is_put(sentence: str, expected: Stance) -> None:
    stance, _ = _against("The ferry handover of all 40 ferries was completed on Sunday", sentence)
    assert stance is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The port authority of Calais and Dover's harbour office both confirmed the handover.",
         True),
        ("Calais and Dover each said the ferry handover was complete.", True),
        ("The handover is complete, the French transport ministry and British officials said.",
         True),
        ("Reuters and the Associated Press reported the handover was complete.", True),
        ("Both ports, in a joint statement, confirmed the handover was complete.", True),
        ("Ferries on each side were handed over, officials said.", False),
        ("Mr Macron and his aides said the handover was complete.", False),
        ("Russia's defence ministry and Ukrainian officials said the swap was complete.", True),
        # an institution that names nobody's could be either side's
        ("The defence ministry and Ukrainian officials said the swap was complete.", False),
        ("Both the prime minister's office and the health ministry confirmed she resigned.",
         False),
        ("The handover began and Dover said it was complete.", False),
    ],
)
def test_two_parties_as_one_subject_corroborate(sentence: str, expected: bool) -> None:
    """Two different parties reporting it together corroborate; one party with its own people,
    or parties named in another clause, do not."""
    assert cues.corroborated(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Both Calais and Dover confirmed the ferry handover.", "Calais and Dover"),
        ("Calais and Dover each said the ferry handover was complete.", "Calais and Dover"),
        ("A senior French official, speaking on condition of anonymity, said it was complete.",
         "a senior French official"),
        ("The handover began and Dover said it was complete.", "Dover"),
        ("Calais began the handover and Dover said it was complete.", "Dover"),
        ("The ports of Calais and Dover both confirmed the handover.",
         "the ports of Calais and Dover"),
        ("The handover began in Calais and Dover said it was complete.", "Dover"),
        ("Mr Macron and his aides said the handover was complete.", "Mr Macron and his aides"),
        ("In a post on Truth Social, Trump wrote that the handover was done.",
         "Trump (Truth Social)"),
        ("In a statement on Monday, Dover said the handover was complete.", "Dover"),
        # a number or a lowercase word after a name still leaves the name as the speaker
        ("Jean Dupont, 45, said the handover was complete.", "Jean Dupont"),
    ],
)
def test_who_speaks_when_two_parties_or_an_aside_precede_the_verb(
    sentence: str, speaker: str
) -> None:
    assert _speaker(sentence) == speaker


def test_all_of_them_returned_by_the_time_of_the_report_completes_it() -> None:
    assert cues.progress("The mayor wrote on X that all 40 had been returned.") is (
        Progress.COMPLETE)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The port authority disputed that the ferry handover had been completed.",
         Stance.CONTRADICTS),
        ("Dover falsely claimed the ferry handover was completed.", Stance.CONTRADICTS),
        ("Dover prematurely announced that the ferry handover was completed.",
         Stance.CONTRADICTS),
        ("There is no evidence that the ferry handover was completed.", Stance.CONTRADICTS),
        ("The port authority said it had no knowledge of the ferry handover being completed.",
         Stance.DISCUSSES),
        ("Dover claimed without evidence that the ferry handover was completed.",
         Stance.DISCUSSES),
        ("The port authority said the ferry handover would only be completed next month.",
         Stance.DISCUSSES),
        ("Port Authority Completes Ferry Handover", Stance.RESOLVES),
        # what looks like doubt but is none, and a falsehood about something else
        ("There is no doubt the ferry handover was completed on Sunday.", Stance.RESOLVES),
        ("The disputed ferry handover was completed on Sunday.", Stance.RESOLVES),
        ("Dover falsely claimed that crews had been mistreated during the ferry handover.",
         Stance.DISCUSSES),
        ("Police found no evidence of sabotage during the ferry handover on Sunday.",
         Stance.DISCUSSES),
    ],
)
def test_what_the_writer_says_of_a_completion_claim(sentence: str, expected: Stance) -> None:
    """Disputing it, calling it false, or finding no evidence for it is no completion; "no
    doubt" and an adjective "disputed" leave it asserted."""
    stance, _ = _against("The ferry handover was completed on Sunday", sentence)
    assert stance is expected


@pytest.mark.parametrize(
    ("claim", "sentence", "expected"),
    [
        ("Smugglers killed the harbour master in the port",
         "The smugglers denied any role in the harbour master's death in the port.",
         Stance.CONTRADICTS),
        ("The harbour master launched a seafood festival",
         "The harbour master denied plans for a seafood festival.", Stance.CONTRADICTS),
        ("The harbour master signed a deal to sell the port",
         "The harbour master denied any deal to sell the port had been reached.",
         Stance.CONTRADICTS),
    ],
)
def test_a_denial_of_its_role_plans_or_deal_denies_the_thing(
    claim: str, sentence: str, expected: Stance
) -> None:
    stance, _ = _against(claim, sentence)
    assert stance is expected


@pytest.mark.parametrize(
    ("claim", "modality", "sentence", "expected"),
    [
        ("The venue of the next round of talks will be announced later", Modality.WILL,
         "The venue of the next round of talks was announced on Monday: Calais.",
         Stance.RESOLVES),
        ("The harbour bridge would reopen in March", Modality.WILL,
         "The harbour bridge reopened on Monday after months of repairs.", Stance.RESOLVES),
        ("The two harbour masters are set to meet in Calais on June 16", Modality.WILL,
         "The two harbour masters met in Calais on Wednesday.", Stance.RESOLVES),
        ("Acme Corp plans to close its harbour plant", Modality.PLANS,
         "Acme Corp closed its harbour plant on Friday.", Stance.RESOLVES),
        # "as harbour master" is the role she left, not what she resigned
        ("Harbour master Ana Lopes is expected to resign this week", Modality.EXPECTED,
         "Ana Lopes resigned as harbour master on Friday.", Stance.RESOLVES),
        # one deed in other words: resigning is stepping down, standing down or quitting
        ("Harbour master Ana Lopes is expected to resign this week", Modality.EXPECTED,
         "Ana Lopes stepped down on Friday.", Stance.RESOLVES),
        ("Harbour master Ana Lopes is expected to resign this week", Modality.EXPECTED,
         "Ana Lopes quit on Friday.", Stance.RESOLVES),
        ("Harbour master Ana Lopes will step down this week", Modality.WILL,
         "Ana Lopes resigned as harbour master on Friday.", Stance.RESOLVES),
        ("Harbour master Ana Lopes will step down this week", Modality.WILL,
         "Ana Lopes stood down on Friday.", Stance.RESOLVES),
        # stepping up, or another's resignation, is not her stepping down
        ("Harbour master Ana Lopes is expected to resign this week", Modality.EXPECTED,
         "Ana Lopes stepped up her inspections of the harbour on Friday.", Stance.DISCUSSES),
        ("Harbour master Ana Lopes will step down this week", Modality.WILL,
         "Her deputy, Tomas Berg, resigned on Friday, Ana Lopes said.", Stance.DISCUSSES),
        # a part of it, still to come, not yet, supposed or reported: no resolution
        ("The two ports agreed to exchange 40 ferries next month", Modality.AGREED,
         "The two ports exchanged 12 ferries on Friday.", Stance.SUPPORTS),
        ("The venue of the next round of talks will be announced later", Modality.WILL,
         "The Kremlin said the venue of the next round of talks would be announced soon.",
         Stance.SUPPORTS),
        ("The venue of the next round of talks will be announced later", Modality.WILL,
         "The venue of the next round of talks has not been announced yet.", Stance.DISCUSSES),
        ("Acme Corp plans to close its harbour plant", Modality.PLANS,
         "If Acme Corp closed its harbour plant, 300 jobs would go.", Stance.DISCUSSES),
        ("Acme Corp plans to close its harbour plant", Modality.PLANS,
         "Acme Corp reportedly closed its harbour plant.", Stance.SUPPORTS),
        ("Acme Corp plans to close its harbour plant", Modality.PLANS,
         "Acme Corp denied it had closed its harbour plant.", Stance.CONTRADICTS),
    ],
)
def test_what_was_to_happen_reported_as_done_resolves(
    claim: str, modality: Modality, sentence: str, expected: Stance
) -> None:
    """A claim of something to come is resolved by a report that it happened, in the claim's
    own verb ("will reopen" → "reopened", "are set to meet" → "met"); a different amount is a
    part of it, and "not yet" denies nothing still to come."""
    stance, _ = _against(claim, sentence, modality)
    assert stance is expected


@pytest.mark.parametrize(
    ("claim", "sentence"),
    [
        # the same verb about something else
        ("The two ports agreed to release 40 impounded ferries",
         "In a video released late on Friday, the port of Dover said talks would go on."),
        ("The harbour master said talks would continue with the unions",
         '"They have agreed to the new rota," the harbour master continued.'),
        ("Smugglers are trying to seize the harbour",
         "The coastguard confirmed that weapons were seized by smugglers near the harbour."),
        # still going on, or only reported to have happened
        ("The ferry timetables were to be managed by the port authority",
         "The ferry timetables are being managed by the port authority until May."),
        ("Acme Corp plans to close its harbour plant",
         "Acme Corp is reported to have closed its harbour plant."),
    ],
)
def test_the_claims_verb_about_something_else_or_not_done_resolves_nothing(
    claim: str, sentence: str
) -> None:
    modality = Modality.PLANS if "plans" in claim else Modality.WILL
    stance, _ = _against(claim, sentence, modality)
    assert stance is not Stance.RESOLVES


@pytest.mark.parametrize(
    "sentence",
    ["The harbour master is reported to have resigned.",
     "The smugglers are believed to have fled to Calais.",
     "The ferry was said to be carrying 40 crew."],
)
def test_reported_or_believed_to_is_hedged(sentence: str) -> None:
    assert cues.hedged(sentence)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The ferry handover was halted on Sunday after a dispute.", Stance.CONTRADICTS),
        ("The ferry handover has been put on hold.", Stance.CONTRADICTS),
        ("The ferry handover was delayed until next week.", Stance.CONTRADICTS),
        ("Ferry flights were delayed during the ferry handover on Sunday.", Stance.DISCUSSES),
        ("The ferry handover was not delayed, the port said on Sunday.", Stance.DISCUSSES),
        ("The ferry handover, delayed twice, was finally completed on Sunday.", Stance.RESOLVES),
    ],
)
def test_a_halt_or_delay_of_the_thing_itself_says_it_is_not_complete(
    sentence: str, expected: Stance
) -> None:
    stance, _ = _against("The ferry handover was completed on Sunday", sentence)
    assert stance is expected


@pytest.mark.parametrize(
    "sentence",
    ["The harbour master rejected calls to resign on Friday.",
     "The harbour master has resisted mounting calls for him to resign."],
)
def test_rejecting_calls_to_do_it_says_it_was_not_done(sentence: str) -> None:
    stance, _ = _against("The harbour master resigned on Friday", sentence)
    assert stance is Stance.CONTRADICTS


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("If confirmed, the ferry handover would be the largest in the port's history.",
         Stance.DISCUSSES),
        ("The ferry handover, if confirmed, would end a decade of disputes.", Stance.DISCUSSES),
        ("The completion of the ferry handover has yet to be confirmed.", Stance.DISCUSSES),
        ("The ferry handover is still to be confirmed by the port authority.", Stance.DISCUSSES),
        ("Neither side has confirmed the ferry handover.", Stance.DISCUSSES),
        ("The port authority has since confirmed the ferry handover.", Stance.RESOLVES),
    ],
)
def test_a_confirmation_supposed_or_still_to_come_confirms_nothing(
    sentence: str, expected: Stance
) -> None:
    stance, _ = _against("The ferry handover was completed on Sunday", sentence)
    assert stance is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("No hostages were released on Friday", Stance.CONTRADICTS),
        ("No hostages have been released on Friday", Stance.CONTRADICTS),
        # "no fewer than" counts; it negates nothing
        ("No fewer than 40 hostages were released on Friday", Stance.RESOLVES),
        ("Twelve of the 40 hostages were released on Friday", Stance.SUPPORTS),
        ("12 of the hostages were released on Friday", Stance.SUPPORTS),
        ("The first 12 hostages were released on Friday", Stance.SUPPORTS),
        ("The hostages were released on Friday, the Red Cross said", Stance.RESOLVES),
    ],
)
def test_none_or_some_of_them_released_is_not_the_release(sentence: str, expected: Stance) -> None:
    stance, _ = _against("The hostages will be released on Friday", sentence, Modality.WILL)
    assert stance is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Berg said he had no intention of resigning", Stance.CONTRADICTS),
        ("Berg has no plans to resign, his office said", Stance.CONTRADICTS),
        ("Berg is not planning to resign", Stance.CONTRADICTS),
        ("Berg denied he was planning to resign", Stance.CONTRADICTS),
        ("Jonas Berg remains in his post, a government spokesman said", Stance.CONTRADICTS),
        ("Berg will stay on as minister until the election", Stance.CONTRADICTS),
        ("Berg is still in office", Stance.CONTRADICTS),
        ("Berg is still minister", Stance.CONTRADICTS),
        ("Berg remains the country's finance minister, officials said", Stance.CONTRADICTS),
        ("Berg, who remains minister, said the port would reopen", Stance.CONTRADICTS),
        ("Berg remains the main target of the opposition", Stance.DISCUSSES),
        # someone else stays; and an aide's plans are the aide's
        ("His deputy remains in her post", Stance.DISCUSSES),
        ("Berg denied he was planning a reshuffle", Stance.DISCUSSES),
        ("Berg resigned on Monday, the prime minister's office confirmed", Stance.RESOLVES),
    ],
)
def test_staying_in_post_or_not_meaning_to_leave_contradicts_a_resignation(
    sentence: str, expected: Stance
) -> None:
    stance, _ = _against("Minister Jonas Berg resigned", sentence)
    assert stance is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The merger remains subject to regulatory approval", Stance.CONTRADICTS),
        ("The merger is still pending approval from regulators", Stance.CONTRADICTS),
        ("The merger is awaiting clearance from Brussels", Stance.CONTRADICTS),
        ("Regulators blocked the merger on Monday", Stance.CONTRADICTS),
        ("The merger was vetoed by the competition authority", Stance.CONTRADICTS),
        # a blocked road is no blocked merger
        ("Protesters blocked the road outside the merger talks", Stance.DISCUSSES),
        ("The merger was completed on Monday, both companies confirmed", Stance.RESOLVES),
    ],
)
def test_pending_or_blocked_is_not_completed(sentence: str, expected: Stance) -> None:
    stance, _ = _against("The merger was completed", sentence)
    assert stance is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The rail strike continues into its third week", Stance.CONTRADICTS),
        ("Unions said the rail strike would continue until Friday", Stance.CONTRADICTS),
        ("The rail strike ended on Tuesday after unions accepted the offer", Stance.RESOLVES),
        ("Trains ran normally again as the rail strike came to an end", Stance.RESOLVES),
        # something else goes on or ends; an end still to come or without agreement
        ("Rail strike talks continued on Monday", Stance.DISCUSSES),
        ("Talks to end the rail strike ended without agreement", Stance.DISCUSSES),
        ("The rail strike is due to end on Friday", Stance.DISCUSSES),
        ("The rail strike did not end on Tuesday", Stance.CONTRADICTS),
    ],
)
def test_an_end_claim_is_met_by_its_end_and_contradicted_by_going_on(
    sentence: str, expected: Stance
) -> None:
    stance, _ = _against("The rail strike ended", sentence)
    assert stance is expected


def test_going_on_supports_a_claim_that_it_started() -> None:
    # continuing is no contradiction of a start: "the ceasefire continued to hold"
    stance, _ = _against("The ceasefire took effect", "The ceasefire continued to hold on Monday")
    assert stance is not Stance.CONTRADICTS


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Preparations for the prisoner swap were completed on Sunday", Stance.DISCUSSES),
        ("Negotiations over the prisoner swap concluded in Istanbul", Stance.DISCUSSES),
        ("The paperwork for the prisoner swap was finalised", Stance.DISCUSSES),
        ("The list of prisoners for the swap was finalised on Monday", Stance.DISCUSSES),
        ("Checks on the returning prisoners were completed before the swap resumed",
         Stance.DISCUSSES),
        # the swap's own completion, however its subject is put
        ("The prisoner swap, which began on Friday, was completed on Sunday", Stance.RESOLVES),
        ("The swap of 1,000 prisoners was completed on Sunday", Stance.RESOLVES),
        ("Russia and Ukraine completed the prisoner swap on Sunday", Stance.RESOLVES),
    ],
)
def test_the_preparations_or_talks_for_it_done_are_not_it_done(
    sentence: str, expected: Stance
) -> None:
    stance, _ = _against("The prisoner swap was completed", sentence)
    assert stance is expected


def test_a_claim_about_the_talks_is_met_by_the_talks_concluding() -> None:
    stance, _ = _against("Negotiations over the prisoner swap concluded",
                         "Negotiations over the prisoner swap concluded in Istanbul on Monday")
    assert stance is Stance.RESOLVES


@pytest.mark.parametrize(
    "sentence",
    [
        "The remaining prisoners are due to be exchanged on Monday",
        "More prisoners are expected to be freed in the coming days",
        "The rest of the prisoners will be exchanged next week",
        "The prisoner swap could take several more days to complete",
        "Officials said it would take weeks to complete the swap",
    ],
)
def test_some_still_to_come_says_it_is_not_complete(sentence: str) -> None:
    stance, _ = _against("The prisoner swap was completed", sentence)
    assert stance is Stance.CONTRADICTS


@pytest.mark.parametrize(
    "sentence",
    [
        "It took three days to complete the prisoner swap",
        "More than 1,000 prisoners were exchanged, completing the swap",
    ],
)
def test_done_after_a_while_or_with_more_than_is_complete(sentence: str) -> None:
    stance, _ = _against("The prisoner swap was completed", sentence)
    assert stance is Stance.RESOLVES


@pytest.mark.parametrize(
    "sentence",
    [
        "Ukraine said the swap was completed, but Russia disputed that",
        "Kyiv announced the swap had been completed, but Moscow denied it",
    ],
)
def test_a_completion_then_disputed_in_the_same_sentence_is_a_dispute(sentence: str) -> None:
    stance, _ = _against("The prisoner swap was completed", sentence)
    assert stance is Stance.CONTRADICTS
    doc = Document("d", "s", "d", "outlet", "", sentence, sentence, _AT, "")
    (reading,) = read(doc)
    assert reading.speaker in ("Russia", "Moscow")  # the one who disputes it


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Board members admitted they had forced the harbour master out", Stance.RESOLVES),
        ("The board acknowledged that the harbour master had been forced out", Stance.RESOLVES),
        # a hospital admission confirms nothing
        ("The harbour master was admitted to hospital after she was forced out by the board",
         Stance.DISCUSSES),
    ],
)
def test_an_admission_is_a_confirmation(sentence: str, expected: Stance) -> None:
    stance, _ = _against("the harbour master had been forced out by the board", sentence)
    assert stance is expected


@pytest.mark.parametrize(
    ("claim", "sentence", "expected"),
    [
        # a confirmation negated past an adverb confirms nothing
        ("The hijackers seized the ferry in Calais",
         "The hijackers' seizure of the ferry was not initially confirmed by the port",
         Stance.DISCUSSES),
        # held captive is no event held
        ("The hijackers killed the ferry captain in Calais",
         "The ferry captain was held captive in Calais for 63 days", Stance.DISCUSSES),
        ("The ferry handover ceremony took place in Calais",
         "The ferry handover ceremony was held in Calais on Monday", Stance.RESOLVES),
    ],
)
def test_not_initially_confirmed_and_held_captive_resolve_nothing(
    claim: str, sentence: str, expected: Stance
) -> None:
    stance, _ = _against(claim, sentence)
    assert stance is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a completion word said of something else completes that
        ("This week marked six months since the ferry hijacking took place", Stance.DISCUSSES),
        ("The handover of the ferry to the new owners took place on Monday", Stance.RESOLVES),
        ("The new owners completed the handover of the ferry on Monday", Stance.RESOLVES),
        # talks between the parties are talks, whoever holds them
        ("Talks between the owners and Harbor Foods took place on Monday", Stance.DISCUSSES),
        ("The new round of talks between Northwind and Harbor Foods took place on Monday",
         Stance.DISCUSSES),
        ("Northwind and Harbor Foods completed the handover of the ferry on Monday",
         Stance.RESOLVES),
    ],
)
def test_a_completion_of_something_else_resolves_no_agreement(
    sentence: str, expected: Stance
) -> None:
    stance, _ = _against("Northwind and Harbor Foods agreed to the handover of the ferry",
                         sentence, Modality.AGREED)
    assert stance is expected


@pytest.mark.parametrize(
    ("claim", "sentence", "expected"),
    [
        # the claim's news is the release; the agreement is its circumstance
        ("The ferry crew will be freed after the port authority agreed a truce with the strikers",
         "A truce agreement has been concluded between the port authority and the strikers",
         False),
        ("The ferry crew will be freed after the port authority agreed a truce with the strikers",
         "The ferry crew were freed on Monday", True),
        # where the agreement is the news, its conclusion completes it
        ("The port authority will conclude a truce agreement with the strikers",
         "A truce agreement has been concluded between the port authority and the strikers",
         True),
    ],
)
def test_a_completion_of_a_claims_circumstance_does_not_resolve_it(
    claim: str, sentence: str, expected: bool
) -> None:
    stance, _ = _against(claim, sentence, Modality.WILL)
    assert (stance is Stance.RESOLVES) is expected


@pytest.mark.parametrize(
    ("claim", "sentence", "expected"),
    [
        # who someone is, told by what they did, reports nothing of the deed
        ("Police have named a dock worker as the suspect in the sabotage of the ferry",
         "Police are hunting the man who carried out the sabotage of the ferry", Stance.DISCUSSES),
        ("Police have named a dock worker as the suspect in the sabotage of the ferry",
         "Police said the sabotage of the ferry was carried out by a dock worker",
         Stance.RESOLVES),
        # a comma before "who" tells something new
        ("Harbour master Ana Lopes resigned",
         "Harbour master Ana Lopes, who remains in her post, said the port would reopen",
         Stance.CONTRADICTS),
    ],
)
def test_a_deed_that_only_says_who_is_meant_reports_nothing(
    claim: str, sentence: str, expected: Stance
) -> None:
    stance, _ = _against(claim, sentence)
    assert stance is expected


@pytest.mark.parametrize(
    ("claim", "sentence", "expected"),
    [
        # a confirmation that something is not so confirms nothing of the claim
        ("More wreckage of the ferry has been found near the harbour",
         "The wreckage found near the harbour was confirmed not to be from the ferry",
         False),
        ("More wreckage of the ferry has been found near the harbour",
         "The coastguard confirmed that wreckage of the ferry had been found near the harbour",
         True),
        # carried out of a building is carried, not done
        ("The harbour master's body was found in the flat",
         "A body was carried out of the harbour master's flat on a stretcher", False),
        ("The raid on the harbour master's flat took place", "The raid on the harbour "
         "master's flat was carried out at dawn", True),
    ],
)
def test_a_confirmation_of_a_negative_or_a_body_carried_out_resolves_nothing(
    claim: str, sentence: str, expected: bool
) -> None:
    stance, _ = _against(claim, sentence)
    assert (stance is Stance.RESOLVES) is expected


@pytest.mark.parametrize(
    ("claim", "sentence", "expected"),
    [
        # a claim that says when is contradicted by a delay of the thing itself
        ("The ferry will sail to Calais on Friday",
         "The ferry to Calais was delayed until Monday", (Stance.CONTRADICTS, Progress.DELAYED)),
        ("The ferry will sail to Calais on Friday",
         "The ferry's sailing to Calais has been pushed back to next week",
         (Stance.CONTRADICTS, Progress.DELAYED)),
        # one that does not say when is still to come, later
        ("The ferry will sail to Calais", "The ferry to Calais was delayed until Monday",
         (Stance.SUPPORTS, Progress.DELAYED)),
        # the delay must be the thing's: passengers held up are not the ferry
        ("The ferry will sail to Calais on Friday",
         "Passengers for the ferry to Calais were delayed at the gate",
         (Stance.DISCUSSES, Progress.NONE)),
        ("The ferry will sail to Calais on Friday", "The ferry to Calais was not delayed",
         (Stance.DISCUSSES, Progress.NONE)),
    ],
)
def test_a_delay_contradicts_a_claim_that_says_when(
    claim: str, sentence: str, expected: tuple[Stance, Progress]
) -> None:
    assert _against(claim, sentence, Modality.WILL) == expected


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("The ferry will sail to Calais on Friday", True),
        ("The port will reopen by March 3", True),
        ("Talks are set to resume within 48 hours", True),
        ("The bridge will reopen next week", True),
        ("The venue will be announced later", False),
        ("The two sides may meet in Geneva", False),
    ],
)
def test_a_claim_that_says_when(claim: str, expected: bool) -> None:
    assert events.dated(claim) is expected


@pytest.mark.parametrize(
    ("claim", "modality", "sentence", "expected"),
    [
        # a negated verb denies the claim only when what it was not done to is the claim's
        ("The port authority will release the seized ferries", Modality.WILL,
         "The port authority has not released a statement about the ferries", False),
        ("The port authority will release the seized ferries", Modality.WILL,
         "The port authority has not released the seized ferries", True),
        # a negation inside a condition says nothing did not happen
        ("The port authority will meet the hijackers' demands", Modality.WILL,
         "The hijackers threatened to sink the ferry if the port authority did not meet their "
         "demands", False),
        # silences: not going to confirm, no immediate comment
        ("Police confirmed the arrest of the ferry captain", Modality.CLAIMS,
         "Police said they are not going to confirm the arrest of the captain at this stage",
         False),
        ("The port completed the ferry handover", Modality.COMPLETED,
         "There was no immediate comment from the port on the ferry handover", False),
        ("The port completed the ferry handover", Modality.COMPLETED,
         "The ferry handover never took place", True),
    ],
)
def test_what_a_negation_denies(
    claim: str, modality: Modality, sentence: str, expected: bool
) -> None:
    stance, _ = _against(claim, sentence, modality)
    assert (stance is Stance.CONTRADICTS) is expected


def test_a_negated_verb_with_the_claims_object_denies_it() -> None:
    stance, _ = _against("The port authority will release the ferry crew", "The port authority "
                         "said it would not release the striking dockers", Modality.WILL)
    assert stance is not Stance.CONTRADICTS
    stance, _ = _against("The hijackers will release the ferry crew",
                         "The hijackers said they would not release the ferry crew", Modality.WILL)
    assert stance is Stance.CONTRADICTS


@pytest.mark.parametrize(
    ("claim", "sentence", "expected"),
    [
        ("Harbour pilot Tom Reed is set to steer the new ferry",
         "Tom Reed will not be steering the new ferry, the port said", True),
        ("Harbour pilot Tom Reed is set to steer the new ferry",
         "Tom Reed will no longer be steering the new ferry, the port said", True),
        ("Harbour police search ferry passengers' cars",
         "Harbour police stopped searching ferry passengers' cars last year", True),
        ("Harbour police will arrest passengers who smoke on the ferry deck",
         "Passengers who smoke on the ferry deck will get a fine, not an arrest, police said",
         True),
        # one name and not the other
        ("Karl Lund will play harbour master Tom Reed in the ferry film",
         "Anna Berg, not Karl Lund, will play harbour master Tom Reed, the studio said", True),
        # one person is not another: that denies the role to that person only
        ("Anna Berg will play harbour master Tom Reed in the ferry film",
         "Karl Lund will not be Tom Reed after all, the studio said", False),
        ("Karl Lund will play harbour master Tom Reed in the ferry film",
         "Karl Lund will not be Tom Reed after all, the studio said", True),
        ("Anna Berg will play harbour master Tom Reed's brother in the ferry film",
         "Karl Lund will not be playing harbour master Tom Reed, the studio said", False),
        ("Karl Lund will play harbour master Tom Reed in the ferry film",
         "Karl Lund will not be playing harbour master Tom Reed, the studio said", True),
        # a bracket glued to the negated word is not part of it
        ("The harbour's patrol robots are fitted with cameras and sirens",
         "Unlike harbour guards, the patrol robots are not armed(Harbourbot)", False),
        # "wasn't the right move" negates the move, not "right"
        ("The port authority said the ferry company was right to cancel the crossings",
         "Lopes thought it wasn't the right move to make", False),
        # "not much different" negates nothing the claim says "much" of
        ("Analysts are pretty much certain the new ferry will sail in March",
         "The new ferry's fare was not much different to the old ferry's", False),
    ],
)
def test_a_negation_of_someone_or_something_else(
    claim: str, sentence: str, expected: bool
) -> None:
    assert _contradicts_to_come(claim, sentence) is expected


def test_what_someone_is_to_ensure_is_not_reported_done() -> None:
    claim = "The hijackers agreed to release the ferry crew"
    stance, _ = _against(claim, "Families said the port had done nothing to ensure the ferry "
                         "crew were released", Modality.AGREED)
    assert stance is not Stance.RESOLVES
    stance, _ = _against(claim, "The ferry crew were released on Monday", Modality.AGREED)
    assert stance is Stance.RESOLVES


def test_not_the_first_time_denies_nothing() -> None:
    stance, _ = _against("Thieves stole the harbour master's car in Calais",
                         "It would not be the first time a car was stolen from the harbour in "
                         "Calais", Modality.CLAIMS)
    assert stance is not Stance.CONTRADICTS


@pytest.mark.parametrize(
    ("claim", "modality", "sentence", "expected"),
    [
        # a report that what a negative claim says did not happen happened denies it
        ("The hijackers will not release the ferry crew", Modality.WILL,
         "The hijackers released the ferry crew on Monday", Stance.CONTRADICTS),
        ("The ferry handover was not completed", Modality.COMPLETED,
         "The ferry handover was completed on Sunday, both governments confirmed",
         Stance.CONTRADICTS),
        # a confirmation of something else resolves nothing
        ("Harbour master Lopes probably isn't dead", Modality.CLAIMS,
         "The deaths of three harbour officials were confirmed by police", Stance.DISCUSSES),
        # a confirmation that it did not happen resolves it
        ("The ferry did not sail on Friday", Modality.CLAIMS,
         "Port officials confirmed the ferry did not sail on Friday", Stance.RESOLVES),
        # "no longer" says it will not happen, as "not" does: the same news agrees
        ("Harbour pilot Tom Reed will no longer be steering the new ferry", Modality.WILL,
         "Tom Reed will not be steering the new ferry, the port said", Stance.SUPPORTS),
        ("Harbour police will stop searching ferry passengers' cars", Modality.WILL,
         "Harbour police will no longer search ferry passengers' cars, the port said",
         Stance.SUPPORTS),
        # "a fine, not an arrest" says there will be no arrest
        ("Smoking on the ferry deck will mean a fine, not an arrest", Modality.WILL,
         "Harbour police will stop arresting passengers who smoke on the ferry deck",
         Stance.SUPPORTS),
    ],
)
def test_a_negative_claim_is_denied_by_the_thing_happening(
    claim: str, modality: Modality, sentence: str, expected: Stance
) -> None:
    stance, _ = _against(claim, sentence, modality)
    assert stance is expected


def test_complete_with_is_whole_not_done() -> None:
    stance, _ = _against("The harbour master is expected to put the ferry up for sale",
                         "The harbour master's ferry, complete with six cabins, is now up for "
                         "sale", Modality.EXPECTED)
    assert stance is not Stance.RESOLVES


def test_a_claim_negative_only_before_its_news_is_resolved() -> None:
    stance, _ = _against("The port did not name the ship, but said the handover took place in "
                         "Calais", "The port authority confirmed the handover had taken place in "
                         "Calais", Modality.COMPLETED)
    assert stance is Stance.RESOLVES


def test_a_negative_claim_before_a_contrast_stays_negative() -> None:
    stance, _ = _against("Harbour master Lopes probably isn't dead, but no one in a position to "
                         "know is saying anything", "The deaths of three harbour officials were "
                         "confirmed by police", Modality.CLAIMS)
    assert stance is not Stance.RESOLVES


def test_a_complete_thing_is_whole_not_done() -> None:
    claim = "The port is still assessing the completion of the ferry handover"
    stance, _ = _against(claim, "We're still working through a complete assessment of the "
                         "ferry handover", Modality.COMPLETED)
    assert stance is not Stance.RESOLVES
    stance, _ = _against(claim, "The ferry handover is complete, the port said",
                         Modality.COMPLETED)
    assert stance is Stance.RESOLVES


def test_a_denial_reads_past_an_aside_between_subject_and_verb() -> None:
    """"denied reports that the mayor, a former engineer, is personally opening the bridge"
    denies the opening; it says nothing of what the mayor's response will be."""
    sentence = ("A city spokesman denied reports that the mayor, a former engineer, is "
                "personally opening the bridge")
    assert cues.denied_clauses(sentence) == (
        " the mayor, a former engineer, is personally opening the bridge",)
    stance, _ = _against("The mayor will personally open the new bridge on Friday", sentence,
                         Modality.WILL)
    assert stance is Stance.CONTRADICTS
    stance, _ = _against("The mayor's response will be swift, the council said", sentence,
                         Modality.WILL)
    assert stance is not Stance.CONTRADICTS


def test_what_a_denied_doing_verb_does_is_its_object() -> None:
    stance, _ = _against("The navy will launch strikes on the port",
                         "The defence ministry denied that the navy had carried out strikes on "
                         "the port", Modality.WILL)
    assert stance is Stance.CONTRADICTS


@pytest.mark.parametrize(
    "sentence",
    [
        "The club laughed off reports that the coach had resigned",
        "The club has squashed rumours that the coach resigned",
        "The club shot down claims that the coach had resigned",
        "The club brushed aside reports that the coach resigned",
    ],
)
def test_laughing_off_or_squashing_reports_denies_them(sentence: str) -> None:
    stance, _ = _against("Coach Ana Lopes resigned on Monday", sentence, Modality.COMPLETED)
    assert stance is Stance.CONTRADICTS


@pytest.mark.parametrize(
    ("claim", "sentence"),
    [
        ("The minister said the government would never agree to talks with the rebels",
         "The rebel commander denied having agreed to talks with the government"),
        ("The club has squashed rumours that the coach will resign",
         "The coach denied he would resign"),
        ("An analyst said he didn't think the rebels had agreed to a truce",
         "The rebel leader denied having agreed to a truce"),
    ],
)
def test_a_denial_agrees_with_a_claim_that_it_did_not_happen(claim: str, sentence: str) -> None:
    stance, _ = _against(claim, sentence, Modality.CLAIMS)
    assert stance is Stance.SUPPORTS


def test_a_denial_of_what_a_negative_claim_says_happened_contradicts_it() -> None:
    stance, _ = _against("Both sides agreed there will be no more shelling of the port",
                         "The rebels denied having agreed to any truce", Modality.AGREED)
    assert stance is Stance.CONTRADICTS


def test_a_bare_hoax_settles_nothing_against_a_negative_claim() -> None:
    stance, _ = _against("The club says coach Lopes has not resigned",
                         "The coach's resignation letter is a hoax", Modality.CLAIMS)
    assert stance is Stance.DISCUSSES


def test_a_bid_to_get_them_released_releases_nobody() -> None:
    claim = "The kidnappers have agreed to release the hostages"
    stance, _ = _against(claim, "The envoy flew to Doha in a bid to get the hostages released",
                         Modality.AGREED)
    assert stance is not Stance.RESOLVES
    stance, _ = _against(claim, "The kidnappers released the hostages on Friday",
                         Modality.AGREED)
    assert stance is Stance.RESOLVES


def test_a_hoax_named_in_the_sentence_refutes_only_what_it_names() -> None:
    sentence = "Harbour officials said the video of a tanker hitting the pier is a hoax"
    assert cues.called_false(sentence) == content_words("video tanker hitting pier")
    assert cues.called_false("It made a great story, but it wasn't true") is None
    stance, _ = _against("A video shows a tanker hitting the harbour pier", sentence)
    assert stance is Stance.CONTRADICTS
    stance, _ = _against("The harbour's insurers will ask experts to assess the harbour's storm "
                         "damage", sentence, Modality.WILL)
    assert stance is not Stance.CONTRADICTS


def test_a_calling_off_calls_off_what_its_clause_names() -> None:
    sentence = "Lopes is back in the running after talks with Marta Rios fell through"
    assert cues.called_off_words(sentence) == content_words("talks with Marta Rios")
    # a caption run into the next paragraph: the line ends the clause
    caption = sentence + "\n\nMarta Rios may coach the first team after all"
    assert cues.called_off_words(caption) == content_words("talks with Marta Rios")
    stance, _ = _against("Ana Silva is set to coach the youth team", sentence, Modality.WILL)
    assert stance is not Stance.CONTRADICTS
    stance, _ = _against("Marta Rios will coach the first team", sentence, Modality.WILL)
    assert stance is Stance.CONTRADICTS
    stance, _ = _against("The band will play the festival on Friday", "It was called off",
                         Modality.WILL)
    assert stance is Stance.CONTRADICTS


def test_a_quoted_false_names_what_it_calls_false() -> None:
    assert cues.called_false('Lin told reporters that the council\'s allegation is "false."') == (
        content_words("council"))


def test_a_claim_that_a_rumour_is_not_right_agrees_with_its_denial() -> None:
    stance, _ = _against("the ferry sale rumour is not right",
                         "The port denied rumours of a ferry sale", Modality.CLAIMS)
    assert stance is Stance.SUPPORTS


@pytest.mark.parametrize(
    "sentence",
    [
        "Violence at the port raises fears that the hostages will not be released",
        "Families worry that the hostages will not be released before the elections",
    ],
)
def test_what_someone_fears_or_hopes_is_not_asserted(sentence: str) -> None:
    stance, _ = _against("The kidnappers have agreed to release the hostages", sentence,
                         Modality.AGREED)
    assert stance is not Stance.CONTRADICTS


@pytest.mark.parametrize(
    "sentence",
    [
        "\"I hope that it isn't true,\" the harbour master said of the ferry sale",
        "If the reports of a ferry sale are false, the port will say so",
    ],
)
def test_a_refutation_hoped_for_or_supposed_refutes_nothing(sentence: str) -> None:
    assert cues.progress(sentence) is not Progress.DENIED
    stance, _ = _against("The port sold the ferry", sentence, Modality.COMPLETED)
    assert stance is not Stance.CONTRADICTS


@pytest.mark.parametrize(
    ("claim", "sentence", "expected"),
    [
        # news that undoes what a claim says will happen disputes it
        ("The port company would keep its ferry terminal in Dover open",
         "The union said the port company plans to close the Dover ferry terminal", True),
        ("The port company plans to close its ferry terminal in Dover",
         "The port company said it would keep the Dover ferry terminal open", True),
        ("The harbour board will raise mooring fees for ferries in March",
         "The harbour board cut mooring fees for ferries on Monday", True),
        ("Regulators are expected to approve the ferry merger",
         "Regulators blocked the ferry merger on Friday", True),
        # not when it is negated, denied, refused or about something else
        ("The port company would keep its ferry terminal in Dover open",
         "The port company has no plans to close the Dover ferry terminal", False),
        ("The port company would keep its ferry terminal in Dover open",
         "The port company denied reports that it would close the Dover ferry terminal", False),
        ("The port company would keep its ferry terminal in Dover open",
         "The port company plans to close its offices in Calais", False),
    ],
)
def test_news_that_undoes_a_claim_to_come_disputes_it(
    claim: str, sentence: str, expected: bool
) -> None:
    assert _contradicts_to_come(claim, sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The port authority will no longer inspect fishing boats in the bay.", Stance.SUPPORTS),
        ("The port authority will stop inspecting fishing boats in the bay.", Stance.SUPPORTS),
        ("The port authority will not reduce inspections of fishing boats in the bay, skippers "
         "said.", Stance.CONTRADICTS),
    ],
)
def test_less_of_something_is_denied_only_by_denying_the_lessening(
    sentence: str, expected: Stance
) -> None:
    """"Will no longer inspect boats" agrees with "will reduce inspections of boats"."""
    stance, _ = _against("The port authority will reduce inspections of fishing boats in the bay",
                         sentence, Modality.WILL)
    assert stance is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The harbour master said rumours that its drones are patrolling the north pier are "
         "not true.", Stance.DISCUSSES),
        ("Rumours that the port authority will expand the use of its harbour drones are not "
         "true, the harbour master said.", Stance.CONTRADICTS),
    ],
)
def test_rumours_called_false_deny_what_their_clause_says_happened(
    sentence: str, expected: Stance
) -> None:
    """"Rumours that its drones are patrolling the pier are not true" denies the patrolling,
    not every plan for the drones."""
    stance, _ = _against("The port authority plans to expand the use of its harbour drones",
                         sentence, Modality.PLANS)
    assert stance is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Northwind will run the new terminal, designed by Harbor Architects, from next year.",
         Stance.SUPPORTS),
        ("The new terminal, designed by Harbor Architects, opened on Monday.", Stance.RESOLVES),
    ],
)
def test_a_participle_that_describes_a_thing_still_to_come_reports_nothing_done(
    sentence: str, expected: Stance
) -> None:
    stance, _ = _against("The new terminal will be designed by Harbor Architects", sentence,
                         Modality.WILL)
    assert stance is expected


def test_a_lessening_agreed_is_denied_by_saying_no_agreement_was_reached() -> None:
    stance, _ = _against(
        "An agreement to end the harbour blockade had been reached following talks",
        "Skippers said that progress had been made in the talks but that no agreement had been "
        "reached.", Modality.AGREED)
    assert stance is Stance.CONTRADICTS
