"""Entities and value objects of the story ledger.

A :class:`Story` collects :class:`Document` s; the judgment turns documents into
:class:`Claim` s and :class:`Evidence`. A claim's state is never set directly: it changes only
through business actions (``claim.contradict(evidence)``, ``claim.mark(...)``), each of which
appends to the claim's append-only ledger and re-folds it (see :mod:`bot.domain.fold`). Every
change is recorded as a past-tense event (see :mod:`bot.domain.events`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.domain import events as ev
from bot.domain.fold import fold_ledger
from bot.domain.vocab import (
    ALLOWED_TRANSITIONS,
    MARKABLE_STATES,
    ClaimState,
    Modality,
    Progress,
    Stance,
    UpdateKind,
)
from bot.errors import InvalidTransition

__all__ = [
    "ALLOWED_TRANSITIONS",
    "Claim",
    "ClaimState",
    "Document",
    "DocumentSource",
    "Evidence",
    "Modality",
    "OutboxMessage",
    "Override",
    "Progress",
    "Source",
    "Stance",
    "Story",
    "Subscription",
    "Update",
    "UpdateKind",
]


@dataclass
class Story:
    id: str
    workspace: str
    name: str
    keywords: tuple[str, ...] = ()
    created_at: datetime | None = None


@dataclass(frozen=True)
class Document:
    id: str
    story_id: str
    external_id: str
    source: str
    url: str
    title: str
    text: str
    published: datetime
    content_hash: str


@dataclass(frozen=True)
class Evidence:
    """One document's bearing on one claim, with the verbatim quote behind it."""

    id: str
    claim_id: str
    document_id: str
    stance: Stance
    quote: str
    speaker: str
    published: datetime
    recorded_at: datetime
    progress: Progress = Progress.NONE
    corroborated: bool = False


@dataclass(frozen=True)
class Override:
    """A person's decision about a claim's state; kept forever in the audit trail."""

    id: str
    claim_id: str
    state: ClaimState
    by: str
    note: str
    at: datetime


@dataclass
class Claim:
    id: str
    story_id: str
    text: str
    attributed_to: str
    modality: Modality
    quote: str
    first_document_id: str
    created_at: datetime
    state: ClaimState = ClaimState.OPEN
    status: str = ""
    last_changed: datetime | None = None
    evidence: list[Evidence] = field(default_factory=list)
    overrides: list[Override] = field(default_factory=list)
    events: list[ev.Event] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.status:
            self.status = fold_ledger(self.attributed_to, self.modality, [], []).status

    # -- business actions -------------------------------------------------------------------
    def support(self, evidence: Evidence) -> None:
        self._record(evidence, Stance.SUPPORTS)

    def discuss(self, evidence: Evidence) -> None:
        self._record(evidence, Stance.DISCUSSES)

    def contradict(self, evidence: Evidence) -> None:
        self._record(evidence, Stance.CONTRADICTS)

    def resolve(self, evidence: Evidence) -> None:
        self._record(evidence, Stance.RESOLVES)

    def weigh(self, evidence: Evidence) -> None:
        """Record evidence of any stance (dispatches to the matching business action)."""
        {
            Stance.SUPPORTS: self.support,
            Stance.DISCUSSES: self.discuss,
            Stance.CONTRADICTS: self.contradict,
            Stance.RESOLVES: self.resolve,
        }[evidence.stance](evidence)

    def mark(self, override: Override) -> None:
        """A person's override: it wins over the evidence until the next override."""
        if override.state not in MARKABLE_STATES:
            raise InvalidTransition("A claim can be marked resolved, refuted or open.")
        self.overrides.append(override)
        self.events.append(ev.ClaimMarked(self.id, override.state.value, override.by))
        self._refold(override.at, cause=None)

    def go_stale(self, now: datetime, after: timedelta) -> bool:
        """Mark an open or disputed claim stale when nothing was heard for ``after``."""
        if self.state not in (ClaimState.OPEN, ClaimState.DISPUTED):
            return False
        last = max((e.recorded_at for e in self.evidence), default=self.created_at)
        if now - last < after:
            return False
        self._change_state(ClaimState.STALE, now, cause=None)
        self.status = f"no news since {last:%d %b %Y}"
        return True

    def has_evidence_from(self, document_id: str) -> bool:
        return any(e.document_id == document_id for e in self.evidence)

    # -- the fold ---------------------------------------------------------------------------
    def _record(self, evidence: Evidence, stance: Stance) -> None:
        if evidence.stance is not stance:
            raise ValueError(f"evidence stance {evidence.stance} recorded as {stance}")
        if evidence.claim_id != self.id:
            raise ValueError("evidence belongs to another claim")
        if self.has_evidence_from(evidence.document_id):
            return  # one document bears on one claim once: replays add nothing
        self.evidence.append(evidence)
        self.events.append(ev.EvidenceRecorded(self.id, evidence.id, stance.value))
        self._refold(evidence.recorded_at, cause=evidence)

    def _refold(self, at: datetime, cause: Evidence | None) -> None:
        folded = fold_ledger(self.attributed_to, self.modality, self.evidence, self.overrides)
        self.status = folded.status
        self._change_state(ClaimState(folded.state), at, cause)

    def _change_state(self, new: ClaimState, at: datetime, cause: Evidence | None) -> None:
        old = self.state
        if new is old:
            return
        if new not in ALLOWED_TRANSITIONS[old] and not self._override_allows(new):
            raise InvalidTransition(f"A claim cannot go from {old} to {new}.")
        self.state = new
        self.last_changed = at
        self.events.append(ev.for_transition(self.id, old.value, new.value, cause_id(cause)))

    def _override_allows(self, new: ClaimState) -> bool:
        return bool(self.overrides) and self.overrides[-1].state is new


def cause_id(evidence: Evidence | None) -> str | None:
    return evidence.id if evidence else None


@dataclass(frozen=True)
class Subscription:
    """A channel following a story on one platform."""

    id: str
    workspace: str
    story_id: str
    platform: str
    channel: str
    created_at: datetime
    muted_until: datetime | None = None
    digest_time: str = "09:00"
    digest_tz: str = "UTC"
    paused_reason: str = ""
    last_digest_at: datetime | None = None
    digest_always: bool = False  # post a digest even on a day with no change


@dataclass(frozen=True)
class Source:
    """A feed a story reads. Polling state (ETag, failures) belongs to the scheduler."""

    id: str
    story_id: str
    url: str
    added_by: str
    created_at: datetime
    etag: str = ""
    last_modified: str = ""
    failures: int = 0
    failing: bool = False
    next_poll_at: datetime | None = None
    last_error: str = ""


@dataclass(frozen=True)
class Update:
    """A post that a document resolved or contradicted a claim (an outbox row)."""

    id: str
    story_id: str
    claim_id: str
    document_id: str
    kind: UpdateKind
    state: ClaimState
    status: str
    quote: str
    claim_text: str
    attributed_to: str
    speaker: str
    url: str
    source: str
    title: str
    created_at: datetime


@dataclass(frozen=True)
class DocumentSource:
    """One outlet that carried a document: the same wire story republished by several
    outlets is one document with several sources. ``signature`` is its near-duplicate
    fingerprint (see :mod:`bot.dedup`)."""

    document_id: str
    story_id: str
    canonical_url: str
    url: str
    source: str
    title: str
    published: datetime
    signature: str = ""


@dataclass(frozen=True)
class OutboxMessage:
    """A post other than an update that must reach one channel exactly once: a daily digest
    (``kind`` "digest", the window it covers; its text names every followed story's
    subscription in the channel with the start of that story's window, and ``subscription_id``
    is the first of them, whose channel it goes to) or a notice (``kind`` "notice", its text).
    The id is the exactly-once key, e.g. one digest per channel per local day."""

    id: str
    subscription_id: str
    kind: str
    created_at: datetime
    text: str = ""
    window_start: datetime | None = None
    window_end: datetime | None = None
    attempts: int = 0
    next_attempt_at: datetime | None = None
    in_flight: bool = False
    delivered_at: datetime | None = None
    message_ref: str = ""
    last_error: str = ""
