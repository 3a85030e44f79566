"""The closed vocabularies of the ledger: claim states and their allowed transitions, stances,
progress, modality and update kinds."""

from enum import StrEnum


class ClaimState(StrEnum):
    OPEN = "open"
    DISPUTED = "disputed"
    RESOLVED = "resolved"
    REFUTED = "refuted"
    STALE = "stale"

    @property
    def closed(self) -> bool:
        return self in (ClaimState.RESOLVED, ClaimState.REFUTED)


# Which state may follow which. Closed claims reopen only through a person's override.
ALLOWED_TRANSITIONS: dict[ClaimState, frozenset[ClaimState]] = {
    ClaimState.OPEN: frozenset(
        {ClaimState.DISPUTED, ClaimState.RESOLVED, ClaimState.REFUTED, ClaimState.STALE}
    ),
    ClaimState.DISPUTED: frozenset(
        {ClaimState.OPEN, ClaimState.RESOLVED, ClaimState.REFUTED, ClaimState.STALE}
    ),
    ClaimState.STALE: frozenset(
        {ClaimState.OPEN, ClaimState.DISPUTED, ClaimState.RESOLVED, ClaimState.REFUTED}
    ),
    ClaimState.RESOLVED: frozenset({ClaimState.OPEN, ClaimState.REFUTED}),
    ClaimState.REFUTED: frozenset({ClaimState.OPEN, ClaimState.RESOLVED}),
}

MARKABLE_STATES = (ClaimState.RESOLVED, ClaimState.REFUTED, ClaimState.OPEN)


class Stance(StrEnum):
    SUPPORTS = "supports"
    RESOLVES = "resolves"
    CONTRADICTS = "contradicts"
    DISCUSSES = "discusses"


class Progress(StrEnum):
    """How far along the claimed thing is, as one piece of evidence reports it."""

    NONE = "none"
    PLANNED = "planned"
    UNDER_WAY = "under_way"
    NOT_COMPLETE = "not_complete"
    DELAYED = "delayed"  # put off: still to come, later than said
    COMPLETE = "complete"
    CALLED_OFF = "called_off"
    DENIED = "denied"


class Modality(StrEnum):
    """How the claim was put when it was first made."""

    AGREED = "agreed"
    WILL = "will"
    PLANS = "plans"
    EXPECTED = "expected"
    CLAIMS = "claims"
    SAYS = "says"
    DENIES = "denies"
    NOT_YET = "not yet"
    UNDER_WAY = "under way"
    COMPLETED = "completed"
    CONFIRMED = "confirmed"
    POSSIBLE = "possible"


class UpdateKind(StrEnum):
    RESOLVES = "resolves"
    CONTRADICTS = "contradicts"
