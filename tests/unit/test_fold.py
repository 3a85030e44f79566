"""The claim ledger's rules: attribution-aware resolution, disputes, overrides, transitions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.domain import events as ev
from bot.domain.model import Claim, ClaimState, Evidence, Modality, Override, Progress, Stance
from bot.errors import InvalidTransition

T0 = datetime(2025, 5, 16, tzinfo=UTC)
_n = iter(range(10_000))


def claim(attributed_to: str = "Rustem Umerov", modality: Modality = Modality.AGREED) -> Claim:
    return Claim("c1", "s1", "Russia and Ukraine will swap 1,000 prisoners each", attributed_to,
                 modality, "quote", "d0", T0)


def evidence(stance: Stance, speaker: str, *, progress: Progress = Progress.NONE,
             corroborated: bool = False) -> Evidence:
    n = next(_n)
    return Evidence(f"e{n}", "c1", f"d{n}", stance, "q", speaker, T0 + timedelta(hours=n),
                    T0 + timedelta(hours=n), progress, corroborated)


def test_one_party_saying_it_is_done_does_not_resolve():
    c = claim()
    c.resolve(evidence(Stance.RESOLVES, "Donald Trump (Truth Social)", progress=Progress.COMPLETE))
    assert c.state is ClaimState.OPEN
    assert "not confirmed" in c.status


def test_the_same_party_repeating_itself_does_not_resolve():
    c = claim()
    c.resolve(evidence(Stance.RESOLVES, "Donald Trump", progress=Progress.COMPLETE))
    c.resolve(evidence(Stance.RESOLVES, "Trump", progress=Progress.COMPLETE))
    assert c.state is ClaimState.OPEN


def test_two_distinct_parties_confirming_resolve_with_an_event():
    c = claim()
    c.resolve(evidence(Stance.RESOLVES, "Ukraine's defence ministry", progress=Progress.COMPLETE))
    c.resolve(evidence(Stance.RESOLVES, "Russia's defence ministry", progress=Progress.COMPLETE))
    assert c.state is ClaimState.RESOLVED
    assert any(isinstance(e, ev.ClaimResolved) for e in c.events)
    assert c.status.startswith("confirmed complete by")


def test_a_report_that_both_sides_confirmed_resolves():
    c = claim()
    c.resolve(evidence(Stance.RESOLVES, "Both governments", corroborated=True))
    assert c.state is ClaimState.RESOLVED


def test_the_asserter_confirming_its_own_claim_is_not_a_confirmation():
    c = claim(attributed_to="Donald Trump", modality=Modality.COMPLETED)
    c.resolve(evidence(Stance.RESOLVES, "Donald Trump"))
    c.resolve(evidence(Stance.RESOLVES, "Trump (Truth Social)"))
    assert c.state is ClaimState.OPEN


def test_a_contradiction_disputes_an_open_claim():
    c = claim(attributed_to="Donald Trump (Truth Social)", modality=Modality.COMPLETED)
    c.contradict(evidence(Stance.CONTRADICTS, "a senior Ukrainian official",
                          progress=Progress.NOT_COMPLETE))
    assert c.state is ClaimState.DISPUTED
    assert c.status == ("claimed by Donald Trump (Truth Social); disputed by a senior Ukrainian "
                        "official")


def test_refutation_needs_two_parties_calling_it_off():
    c = claim()
    c.contradict(evidence(Stance.CONTRADICTS, "Kremlin", progress=Progress.CALLED_OFF))
    assert c.state is ClaimState.DISPUTED
    c.contradict(evidence(Stance.CONTRADICTS, "Kyiv", progress=Progress.CALLED_OFF))
    assert c.state is ClaimState.REFUTED


def test_progress_under_way_reads_not_confirmed_complete():
    c = claim()
    c.support(evidence(Stance.SUPPORTS, "wire", progress=Progress.UNDER_WAY))
    assert (c.state, c.status) == (ClaimState.OPEN, "under way, not confirmed complete")


def test_a_delay_disputes_a_dated_claim_and_refutes_nothing():
    c = claim(modality=Modality.WILL)
    c.contradict(evidence(Stance.CONTRADICTS, "Kremlin", progress=Progress.DELAYED))
    c.contradict(evidence(Stance.CONTRADICTS, "Kyiv", progress=Progress.DELAYED))
    assert (c.state, c.status) == (
        ClaimState.DISPUTED, "disputed by Kremlin and Kyiv; reported delayed, not yet carried out")


def test_a_disputed_claim_reported_done_says_so():
    """A denial made the claim disputed; a later report that it happened, not yet confirmed,
    is news of it too."""
    c = claim(attributed_to="three government sources", modality=Modality.EXPECTED)
    c.contradict(evidence(Stance.CONTRADICTS, "Elena Varga", progress=Progress.DENIED))
    c.resolve(evidence(Stance.RESOLVES, "The Herald", progress=Progress.COMPLETE))
    assert (c.state, c.status) == (
        ClaimState.DISPUTED,
        "disputed by Elena Varga; reported complete by The Herald, not confirmed")


def test_a_mark_wins_over_later_evidence_and_is_kept():
    c = claim()
    c.mark(Override("o1", "c1", ClaimState.REFUTED, "ana", "talks collapsed", T0))
    c.resolve(evidence(Stance.RESOLVES, "Both governments", corroborated=True))
    assert c.state is ClaimState.REFUTED
    assert c.status == "marked refuted by ana: talks collapsed"
    assert [o.by for o in c.overrides] == ["ana"]


def test_marking_open_lets_later_evidence_count_again():
    c = claim()
    c.resolve(evidence(Stance.RESOLVES, "Both governments", corroborated=True))
    c.mark(Override("o1", "c1", ClaimState.OPEN, "ana", "", T0 + timedelta(days=100)))
    assert c.state is ClaimState.OPEN
    later = Evidence("e-late", "c1", "d-late", Stance.CONTRADICTS, "q", "Kremlin",
                     T0 + timedelta(days=101), T0 + timedelta(days=101))
    c.contradict(later)
    assert c.state is ClaimState.DISPUTED


def test_marking_a_state_a_person_cannot_set_is_refused():
    c = claim()
    with pytest.raises(InvalidTransition):
        c.mark(Override("o1", "c1", ClaimState.DISPUTED, "ana", "", T0))


def test_evidence_from_the_same_document_is_recorded_once():
    c = claim()
    e = evidence(Stance.SUPPORTS, "wire", progress=Progress.UNDER_WAY)
    c.support(e)
    c.support(e)
    assert len(c.evidence) == 1


def test_a_quiet_claim_goes_stale_and_new_evidence_reopens_it():
    c = claim()
    assert c.go_stale(T0 + timedelta(days=30), timedelta(days=14))
    assert c.state is ClaimState.STALE
    c.support(evidence(Stance.SUPPORTS, "wire", progress=Progress.UNDER_WAY))
    assert c.state is ClaimState.OPEN
