"""Platform-neutral views: what a reply or a post says, before any platform renders it.

Adapters turn these into console text, Block Kit or embeds with pure functions; the views carry
plain data only (strings, datetimes, enums), already ordered the way a person should read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from bot.domain.vocab import ClaimState, Stance, UpdateKind

STATE_ORDER = {
    ClaimState.DISPUTED: 0,
    ClaimState.OPEN: 1,
    ClaimState.STALE: 2,
    ClaimState.RESOLVED: 3,
    ClaimState.REFUTED: 4,
}


@dataclass(frozen=True)
class ClaimLine:
    id: str
    text: str
    attributed_to: str
    state: ClaimState
    status: str
    last_changed: datetime | None


@dataclass(frozen=True)
class EvidenceLine:
    stance: Stance | None
    quote: str
    speaker: str
    source: str
    title: str
    url: str
    published: datetime


@dataclass(frozen=True)
class OverrideLine:
    state: ClaimState
    by: str
    note: str
    at: datetime


@dataclass(frozen=True)
class TextView:
    text: str


@dataclass(frozen=True)
class HelpView:
    entries: list[tuple[str, str]]


@dataclass(frozen=True)
class StoryListView:
    stories: list[tuple[str, int, bool]]  # (name, open claims, followed here)


@dataclass(frozen=True)
class StatusView:
    story: str
    claims: list[ClaimLine]
    documents: int
    last_change: datetime | None
    notices: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ClaimListView:
    story: str
    claims: list[ClaimLine]
    include_closed: bool


@dataclass(frozen=True)
class HistoryView:
    story: str
    claim: ClaimLine
    origin: EvidenceLine
    evidence: list[EvidenceLine]
    overrides: list[OverrideLine]


@dataclass(frozen=True)
class UpdateView:
    story: str
    kind: UpdateKind
    claim: ClaimLine
    quote: str
    speaker: str
    source: str
    title: str
    url: str


@dataclass(frozen=True)
class DigestStory:
    story: str
    resolved: list[ClaimLine]
    contradicted: list[ClaimLine]
    new: list[ClaimLine]
    still_open: list[ClaimLine]

    @property
    def changed(self) -> bool:
        return bool(self.resolved or self.contradicted or self.new)


@dataclass(frozen=True)
class DigestView:
    day: date
    stories: list[DigestStory]


View = (
    TextView
    | HelpView
    | StoryListView
    | StatusView
    | ClaimListView
    | HistoryView
    | UpdateView
    | DigestView
)


@dataclass(frozen=True)
class Reply:
    """A command's answer. ``private`` replies go only to the caller (ephemeral)."""

    view: View
    private: bool = True
