"""The one line a person reads about a claim: "swap under way, not confirmed complete".

It is derived from the fold's tally (state, who confirmed or contradicted, the latest progress
reported), never stored by hand, so it always agrees with the evidence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.domain.parties import distinct_parties, join_names
from bot.domain.vocab import ClaimState, Modality, Progress

if TYPE_CHECKING:
    from bot.domain.fold import Tally

_MODALITY_STATUS: dict[Modality, str] = {
    Modality.AGREED: "agreed, not yet carried out",
    Modality.WILL: "announced, not yet carried out",
    Modality.PLANS: "planned, not yet carried out",
    Modality.EXPECTED: "expected, not yet confirmed",
    Modality.POSSIBLE: "under discussion, nothing agreed",
    Modality.NOT_YET: "not yet done",
    Modality.UNDER_WAY: "under way, not confirmed complete",
}

_PROGRESS_STATUS: dict[Progress, str] = {
    Progress.PLANNED: "planned, not yet carried out",
    Progress.UNDER_WAY: "under way, not confirmed complete",
    Progress.NOT_COMPLETE: "under way, not confirmed complete",
    Progress.DELAYED: "reported delayed, not yet carried out",
    Progress.CALLED_OFF: "reported called off, not confirmed",
    Progress.DENIED: "denied, not settled",
}


def status_line(tally: Tally) -> str:
    if tally.override is not None and tally.state is tally.override.state:
        note = f": {tally.override.note}" if tally.override.note else ""
        return f"marked {tally.state.value} by {tally.override.by}{note}"
    if tally.state is ClaimState.RESOLVED:
        return _resolved(tally)
    if tally.state is ClaimState.REFUTED:
        return _refuted(tally)
    if tally.state is ClaimState.DISPUTED:
        return _disputed(tally)
    return _open(tally)


def _who(evidence: list[object]) -> str:
    return join_names(distinct_parties([getattr(e, "speaker", "") for e in evidence]))


def _resolved(tally: Tally) -> str:
    done = any(e.progress is Progress.COMPLETE for e in tally.resolvers)
    return f"confirmed{' complete' if done else ''} by {_who(list(tally.resolvers))}"


def _refuted(tally: Tally) -> str:
    called_off = any(e.progress is Progress.CALLED_OFF for e in tally.contradictions)
    verdict = "called off" if called_off else "shown false"
    return f"{verdict}, confirmed by {_who(list(tally.contradictions))}"


def _disputed(tally: Tally) -> str:
    by = _who(list(tally.contradictions))
    # a report that it is done, not yet confirmed, is news of a disputed claim too
    done = (f"; reported complete by {_who(list(tally.resolvers))}, not confirmed"
            if tally.resolvers else "")
    if tally.modality in (Modality.COMPLETED, Modality.CONFIRMED, Modality.CLAIMS, Modality.SAYS):
        return f"claimed by {tally.attributed_to}; disputed by {by}{done}"
    progress = "" if done else _progress_phrase(tally)
    return f"disputed by {by}" + (f"; {progress}" if progress else "") + done


def _open(tally: Tally) -> str:
    if tally.resolvers:
        return f"reported complete by {_who(list(tally.resolvers))}, not confirmed"
    progress = _progress_phrase(tally)
    if progress:
        return progress
    if tally.modality in _MODALITY_STATUS:
        return _MODALITY_STATUS[tally.modality]
    if tally.modality is Modality.DENIES:
        return f"denied by {tally.attributed_to}, not settled"
    return f"claimed by {tally.attributed_to}, not independently confirmed"


def _progress_phrase(tally: Tally) -> str:
    if tally.progress is None:
        return ""
    return _PROGRESS_STATUS.get(tally.progress.progress, "")
