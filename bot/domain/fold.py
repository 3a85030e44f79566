"""The fold: a claim's state and status line computed from its append-only ledger.

The rules are attribution-aware. One interested party's word is a claim, not a confirmation:
a resolution needs confirmation by two distinct parties, or a single report of confirmation
by the parties concerned (``corroborated``). The claim's own asserter repeating it confirms
nothing. Any contradiction makes an open claim ``disputed``; ``refuted`` needs the same
confirmation as ``resolved``, for the opposite. A person's override always wins: ``resolved``
or ``refuted`` marks hold until the next mark, and an ``open`` mark starts the fold afresh from
that point.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from bot.domain.parties import distinct_parties, same_party
from bot.domain.status import status_line
from bot.domain.vocab import ClaimState, Modality, Progress, Stance

if TYPE_CHECKING:
    from bot.domain.model import Evidence, Override

_REFUTING = (Progress.CALLED_OFF, Progress.DENIED)


@dataclass(frozen=True)
class Folded:
    state: ClaimState
    status: str


@dataclass
class Tally:
    """What the fold has seen so far; read by the status line."""

    attributed_to: str
    modality: Modality
    state: ClaimState = ClaimState.OPEN
    resolvers: list[Evidence] = field(default_factory=list)
    contradictions: list[Evidence] = field(default_factory=list)
    progress: Evidence | None = None
    override: Override | None = None

    def confirmed(self, evidence: list[Evidence]) -> bool:
        speakers = [e.speaker for e in evidence]
        return any(e.corroborated for e in evidence) or len(distinct_parties(speakers)) >= 2


def fold_ledger(
    attributed_to: str,
    modality: Modality,
    evidence: Sequence[Evidence],
    overrides: Sequence[Override],
) -> Folded:
    tally = Tally(attributed_to, modality)
    for entry in _in_order(evidence, overrides):
        if isinstance(entry[2], _OverrideBox):
            _apply_override(tally, entry[2].override)
        elif tally.override is None or not tally.override.state.closed:
            _apply_evidence(tally, entry[2].evidence)
    return Folded(tally.state, status_line(tally))


@dataclass(frozen=True)
class _EvidenceBox:
    evidence: Evidence


@dataclass(frozen=True)
class _OverrideBox:
    override: Override


def _in_order(
    evidence: Sequence[Evidence], overrides: Sequence[Override]
) -> list[tuple[datetime, int, _EvidenceBox | _OverrideBox]]:
    rows: list[tuple[datetime, int, _EvidenceBox | _OverrideBox]] = []
    rows += [(e.recorded_at, 0, _EvidenceBox(e)) for e in evidence]
    rows += [(o.at, 1, _OverrideBox(o)) for o in overrides]
    rows.sort(key=lambda r: (r[0], r[1]))
    return rows


def _apply_override(tally: Tally, override: Override) -> None:
    tally.override = override
    tally.state = override.state
    if override.state is ClaimState.OPEN:
        tally.resolvers.clear()
        tally.contradictions.clear()
        tally.progress = None


def _apply_evidence(tally: Tally, e: Evidence) -> None:
    if e.progress is not Progress.NONE:
        tally.progress = e
    if e.stance is Stance.RESOLVES:
        if same_party(e.speaker, tally.attributed_to) and not e.corroborated:
            return  # the asserter repeating the claim confirms nothing
        tally.resolvers.append(e)
        if tally.confirmed(tally.resolvers) and tally.state is not ClaimState.REFUTED:
            tally.state = ClaimState.RESOLVED
    elif e.stance is Stance.CONTRADICTS:
        tally.contradictions.append(e)
        refuting = [c for c in tally.contradictions if c.progress in _REFUTING]
        if refuting and tally.confirmed(refuting) and tally.state is not ClaimState.RESOLVED:
            tally.state = ClaimState.REFUTED
        elif tally.state in (ClaimState.OPEN, ClaimState.STALE):
            tally.state = ClaimState.DISPUTED
    elif tally.state is ClaimState.STALE:
        tally.state = ClaimState.DISPUTED if tally.contradictions else ClaimState.OPEN
