"""Past-tense domain events: what happened to a claim, recorded as it happened.

Use cases read a claim's events after a business action to decide what to publish (an
update for a resolution or a contradiction) and what to write to the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    claim_id: str


@dataclass(frozen=True)
class EvidenceRecorded(Event):
    evidence_id: str
    stance: str


@dataclass(frozen=True)
class StateChanged(Event):
    old: str
    new: str
    evidence_id: str | None


@dataclass(frozen=True)
class ClaimDisputed(StateChanged):
    pass


@dataclass(frozen=True)
class ClaimResolved(StateChanged):
    pass


@dataclass(frozen=True)
class ClaimRefuted(StateChanged):
    pass


@dataclass(frozen=True)
class ClaimReopened(StateChanged):
    pass


@dataclass(frozen=True)
class ClaimWentStale(StateChanged):
    pass


@dataclass(frozen=True)
class ClaimMarked(Event):
    state: str
    by: str


_BY_NEW_STATE: dict[str, type[StateChanged]] = {
    "disputed": ClaimDisputed,
    "resolved": ClaimResolved,
    "refuted": ClaimRefuted,
    "open": ClaimReopened,
    "stale": ClaimWentStale,
}


def for_transition(claim_id: str, old: str, new: str, evidence_id: str | None) -> StateChanged:
    """The event for a state change from ``old`` to ``new``."""
    return _BY_NEW_STATE[new](claim_id, old, new, evidence_id)
