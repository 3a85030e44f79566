"""Ingesting a document: validate it, let the judgment read it against the story's claims,
fold the evidence into the claims and write the resulting updates to the outbox, all in one
unit of work. Ingesting the same text twice adds nothing."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from bot.domain import events as ev
from bot.domain import identity
from bot.domain.model import Claim, Document, Evidence, Story, Update, UpdateKind
from bot.domain.vocab import Stance
from bot.errors import DocumentRejected
from bot.ports import (
    Bearing,
    ClaimIndex,
    Clock,
    Judge,
    Judgment,
    UnitOfWork,
    UnitOfWorkFactory,
)

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
CANDIDATES = 50  # claims the judge reads per document when an index picks them
LOOK_BACK = 5  # a new claim is also weighed against the story's latest other documents
_DECISIVE = (Stance.CONTRADICTS, Stance.RESOLVES)
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class IncomingDocument:
    text: str
    published: datetime
    source: str = ""
    url: str = ""
    title: str = ""
    external_id: str = ""


@dataclass
class IngestResult:
    document: Document
    duplicate: bool
    new_claims: list[Claim] = field(default_factory=list)
    updates: list[Update] = field(default_factory=list)
    touched: list[Claim] = field(default_factory=list)  # new claims and claims with new evidence


def check_document(incoming: IncomingDocument) -> None:
    """Reject what cannot be a document, with a reason a person can act on."""
    if not incoming.text.strip():
        raise DocumentRejected("The document has no text.")
    size = len(incoming.text.encode("utf-8"))
    if size > MAX_DOCUMENT_BYTES:
        raise DocumentRejected(
            f"The document is {size / 1_048_576:.1f} MB; the limit is "
            f"{MAX_DOCUMENT_BYTES // 1_048_576} MB."
        )
    if incoming.published.tzinfo is None:
        raise DocumentRejected("The document's published time has no time zone.")


async def ingest_document(
    *, uow_factory: UnitOfWorkFactory, judge: Judge, clock: Clock, story_id: str,
    incoming: IncomingDocument, index: ClaimIndex | None = None,
) -> IngestResult:
    """``index``, when given, picks the claims the judge reads (instead of every claim of the
    story) and is kept up to date after the commit; a failed index write heals at the next
    ``sync`` of the index with the database."""
    check_document(incoming)
    text_hash = identity.content_hash(incoming.text)
    doc = Document(
        id=identity.document_id(story_id, text_hash), story_id=story_id,
        external_id=incoming.external_id, source=incoming.source, url=incoming.url,
        title=incoming.title, text=incoming.text, published=incoming.published,
        content_hash=text_hash,
    )
    async with uow_factory() as uow:
        story = await uow.stories.get(story_id)
        if story is None:
            raise DocumentRejected("That story no longer exists.")
        if await uow.documents.get(doc.id) is not None:
            return IngestResult(doc, duplicate=True)
        claims = await _claims_to_read(uow, index, story_id, doc)
        judgment = await asyncio.to_thread(judge.judge, doc, story, claims)
        await uow.documents.add(doc)
        result = await _apply(uow, clock, story, doc, claims, judgment)
        if result.new_claims:
            await _look_back(uow, judge, clock, story, doc, result)
        await uow.commit()
    if index is not None:
        await _reindex(index, result)
    return result


async def _claims_to_read(
    uow: UnitOfWork, index: ClaimIndex | None, story_id: str, doc: Document
) -> list[Claim]:
    if index is None:
        return await uow.claims.for_story(story_id)
    ids = await index.candidates(story_id, f"{doc.title}\n{doc.text}", CANDIDATES)
    return await uow.claims.get_many(ids)


async def _reindex(index: ClaimIndex, result: IngestResult) -> None:
    try:
        await index.add([c for c in result.touched if not c.state.closed])
        await index.remove([c.id for c in result.touched if c.state.closed])
    except Exception:
        logger.exception("updating the claim index failed; it will be rebuilt from the database")


async def _apply(
    uow: UnitOfWork, clock: Clock, story: Story, doc: Document, claims: Sequence[Claim],
    judgment: Judgment,
) -> IngestResult:
    known = {c.id: c for c in claims}
    result = IngestResult(doc, duplicate=False)
    drafted: list[Claim] = []
    for draft in judgment.drafts:
        cid = identity.claim_id(story.id, draft.text)
        claim = known.get(cid) or await uow.claims.get(cid)  # restated, though not a candidate
        if claim is None:
            claim = Claim(cid, story.id, draft.text, draft.attributed_to, draft.modality,
                          draft.quote, doc.id, clock.now())
            await uow.claims.add(claim)
            result.new_claims.append(claim)
        known[cid] = claim
        drafted.append(claim)
    touched: dict[str, Claim] = {}
    for bearing in judgment.bearings:
        claim = _target(bearing, known, drafted)
        if claim is not None:
            await _record(uow, result, touched, claim, doc, bearing, clock.now())
    for claim in touched.values():
        await uow.claims.save(claim)
    result.touched = list({c.id: c for c in [*result.new_claims, *touched.values()]}.values())
    return result


async def _look_back(
    uow: UnitOfWork, judge: Judge, clock: Clock, story: Story, doc: Document,
    result: IngestResult,
) -> None:
    """Weigh the story's latest other documents against the claims this one put forward: a
    denial or a confirmation that reached the story before the claim did still counts. Only
    those: an older report that merely mentions the subject is not part of the claim's history."""
    new = {c.id: c for c in result.new_claims}
    earlier = [d for d in await uow.documents.recent(story.id, LOOK_BACK + 1)
               if d.id != doc.id][:LOOK_BACK]
    touched: dict[str, Claim] = {}
    for old in earlier:
        judgment = await asyncio.to_thread(judge.judge, old, story, list(new.values()))
        for bearing in judgment.bearings:
            claim = new.get(bearing.claim_id or "")
            # the old document's own drafts were weighed when it came in
            if claim is not None and bearing.stance in _DECISIVE:
                await _record(uow, result, touched, claim, old, bearing, clock.now())
    for claim in touched.values():
        await uow.claims.save(claim)


async def _record(
    uow: UnitOfWork, result: IngestResult, touched: dict[str, Claim], claim: Claim,
    doc: Document, bearing: Bearing, now: datetime,
) -> None:
    """Weigh one bearing into its claim; an update it causes goes to the outbox and result."""
    update = _weigh(claim, doc, bearing, now)
    touched[claim.id] = claim
    if update is not None:
        await uow.updates.add(update)
        result.updates.append(update)


def _target(bearing: Bearing, known: dict[str, Claim], drafted: list[Claim]) -> Claim | None:
    if bearing.claim_id is not None:
        return known.get(bearing.claim_id)
    if bearing.draft_index is not None and 0 <= bearing.draft_index < len(drafted):
        return drafted[bearing.draft_index]
    return None


def _weigh(claim: Claim, doc: Document, bearing: Bearing, now: datetime) -> Update | None:
    if bearing.quote not in doc.text:
        raise ValueError("the judgment produced a quote that is not in the document")
    evidence = Evidence(
        id=identity.evidence_id(claim.id, doc.id), claim_id=claim.id, document_id=doc.id,
        stance=bearing.stance, quote=bearing.quote, speaker=bearing.speaker,
        published=doc.published, recorded_at=now, progress=bearing.progress,
        corroborated=bearing.corroborated,
    )
    seen = len(claim.events)
    claim.weigh(evidence)
    for event in claim.events[seen:]:
        kind = _update_kind(event)
        if kind is not None:
            return _update(claim, doc, evidence, kind, now)
    return None


def _update_kind(event: ev.Event) -> UpdateKind | None:
    if isinstance(event, ev.ClaimResolved):
        return UpdateKind.RESOLVES
    if isinstance(event, ev.ClaimDisputed | ev.ClaimRefuted):
        return UpdateKind.CONTRADICTS
    return None


def _update(claim: Claim, doc: Document, e: Evidence, kind: UpdateKind, now: datetime) -> Update:
    return Update(
        id=identity.update_id(claim.id, doc.id, kind.value), story_id=claim.story_id,
        claim_id=claim.id, document_id=doc.id, kind=kind, state=claim.state,
        status=claim.status, quote=e.quote, claim_text=claim.text,
        attributed_to=claim.attributed_to, speaker=e.speaker, url=doc.url, source=doc.source,
        title=doc.title, created_at=now,
    )
