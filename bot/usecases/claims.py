"""Reading and overriding the ledger: a story's status, its claims, one claim's history, and a
person's ``mark`` (kept in the audit trail as an override)."""

from __future__ import annotations

from bot.domain import identity
from bot.domain.model import Claim, ClaimState, Override, Story
from bot.errors import BadArguments, UnknownClaim
from bot.ports import Clock, UnitOfWork, UnitOfWorkFactory
from bot.usecases.stories import find_story
from bot.views import (
    STATE_ORDER,
    ClaimLine,
    ClaimListView,
    EvidenceLine,
    HistoryView,
    OverrideLine,
    StatusView,
)

MAX_NOTE = 500


def claim_line(claim: Claim) -> ClaimLine:
    return ClaimLine(claim.id, claim.text, claim.attributed_to, claim.state, claim.status,
                     claim.last_changed or claim.created_at)


def ordered(claims: list[Claim]) -> list[ClaimLine]:
    """Disputed first, then open, stale and closed; newest change first within each."""
    lines = [claim_line(c) for c in claims]
    lines.sort(key=lambda c: (c.last_changed.timestamp() if c.last_changed else 0), reverse=True)
    lines.sort(key=lambda c: STATE_ORDER[c.state])
    return lines


async def story_status(
    *, uow_factory: UnitOfWorkFactory, workspace: str, name: str, platform: str = "",
    channel: str = "",
) -> StatusView:
    async with uow_factory() as uow:
        story = await find_story(uow, workspace, name)
        claims = await uow.claims.for_story(story.id, include_closed=False)
        documents = await uow.documents.count(story.id)
        notices = await _notices(uow, story, platform, channel)
    last = max((c.last_changed or c.created_at for c in claims), default=None)
    return StatusView(story.name, ordered(claims), documents, last, notices)


async def _notices(uow: UnitOfWork, story: Story, platform: str, channel: str) -> list[str]:
    notices = []
    for sub in await uow.subscriptions.for_story(story.id):
        here = not channel or (sub.platform, sub.channel) == (platform, channel)
        if sub.paused_reason and here:
            notices.append(f"Updates to this channel are paused: {sub.paused_reason}")
    for source in await uow.sources.for_story(story.id):
        if source.failing:
            notices.append(f"The feed {source.url} is failing: {source.last_error}")
    return notices


async def list_claims(
    *, uow_factory: UnitOfWorkFactory, workspace: str, name: str, include_closed: bool
) -> ClaimListView:
    async with uow_factory() as uow:
        story = await find_story(uow, workspace, name)
        claims = await uow.claims.for_story(story.id, include_closed=include_closed)
    return ClaimListView(story.name, ordered(claims), include_closed)


async def find_claim(uow: UnitOfWork, workspace: str, claim_ref: str) -> tuple[Claim, Story]:
    ref = claim_ref.strip().lstrip("#")
    claim = await uow.claims.get(ref)
    story = await uow.stories.get(claim.story_id) if claim else None
    if claim is None or story is None or story.workspace != workspace:
        raise UnknownClaim(claim_ref)
    return claim, story


async def claim_history(
    *, uow_factory: UnitOfWorkFactory, workspace: str, claim_ref: str
) -> HistoryView:
    async with uow_factory() as uow:
        claim, story = await find_claim(uow, workspace, claim_ref)
        origin_doc = await uow.documents.get(claim.first_document_id)
        lines = []
        for e in sorted(claim.evidence, key=lambda e: (e.published, e.recorded_at)):
            doc = await uow.documents.get(e.document_id)
            lines.append(EvidenceLine(e.stance, e.quote, e.speaker, doc.source if doc else "",
                                      doc.title if doc else "", doc.url if doc else "",
                                      e.published))
    origin = EvidenceLine(
        None, claim.quote, claim.attributed_to, origin_doc.source if origin_doc else "",
        origin_doc.title if origin_doc else "", origin_doc.url if origin_doc else "",
        origin_doc.published if origin_doc else claim.created_at,
    )
    overrides = [OverrideLine(o.state, o.by, o.note, o.at) for o in claim.overrides]
    return HistoryView(story.name, claim_line(claim), origin, lines, overrides)


async def mark_claim(
    *, uow_factory: UnitOfWorkFactory, clock: Clock, workspace: str, claim_ref: str,
    state: str, by: str, note: str = "",
) -> Claim:
    try:
        target = ClaimState(state.lower())
    except ValueError:
        raise BadArguments("Mark a claim `resolved`, `refuted` or `open`.") from None
    if target not in (ClaimState.RESOLVED, ClaimState.REFUTED, ClaimState.OPEN):
        raise BadArguments("Mark a claim `resolved`, `refuted` or `open`.")
    if len(note) > MAX_NOTE:
        raise BadArguments(f"Keep the note under {MAX_NOTE} characters.")
    async with uow_factory() as uow:
        claim, _ = await find_claim(uow, workspace, claim_ref)
        now = clock.now()
        oid = identity.make_id("o", claim.id, now.isoformat(), by, length=12)
        claim.mark(Override(oid, claim.id, target, by, note.strip(), now))
        await uow.claims.save(claim)
        await uow.commit()
    return claim
