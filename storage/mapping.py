"""Rows to domain objects and back, in one place.

SQLite hands back naive datetimes, so every timestamp is made UTC-aware on the way out; enums
are stored as their string values.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import overload

from bot.domain.model import (
    Claim,
    ClaimState,
    Document,
    DocumentSource,
    Evidence,
    Modality,
    OutboxMessage,
    Override,
    Progress,
    Source,
    Stance,
    Story,
    Subscription,
    Update,
    UpdateKind,
)
from storage.tables import (
    ClaimRow,
    DocumentRow,
    DocumentSourceRow,
    EvidenceRow,
    OutboxRow,
    OverrideRow,
    SourceRow,
    StoryRow,
    SubscriptionRow,
    UpdateRow,
)


@overload
def utc(value: datetime) -> datetime: ...
@overload
def utc(value: None) -> None: ...
def utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def story_row(s: Story) -> StoryRow:
    return StoryRow(id=s.id, workspace=s.workspace, name=s.name, name_key=s.name.casefold(),
                    keywords="\n".join(s.keywords), created_at=s.created_at)


def to_story(r: StoryRow) -> Story:
    keywords = tuple(k for k in r.keywords.split("\n") if k)
    return Story(r.id, r.workspace, r.name, keywords, utc(r.created_at))


def document_row(d: Document) -> DocumentRow:
    return DocumentRow(id=d.id, story_id=d.story_id, external_id=d.external_id, source=d.source,
                       url=d.url, title=d.title, text=d.text, published=d.published,
                       content_hash=d.content_hash)


def to_document(r: DocumentRow) -> Document:
    return Document(r.id, r.story_id, r.external_id, r.source, r.url, r.title, r.text,
                    utc(r.published), r.content_hash)


def evidence_row(e: Evidence) -> EvidenceRow:
    return EvidenceRow(id=e.id, claim_id=e.claim_id, document_id=e.document_id,
                       stance=e.stance.value, quote=e.quote, speaker=e.speaker,
                       published=e.published, recorded_at=e.recorded_at,
                       progress=e.progress.value, corroborated=e.corroborated)


def to_evidence(r: EvidenceRow) -> Evidence:
    return Evidence(r.id, r.claim_id, r.document_id, Stance(r.stance), r.quote, r.speaker,
                    utc(r.published), utc(r.recorded_at), Progress(r.progress), r.corroborated)


def override_row(o: Override) -> OverrideRow:
    return OverrideRow(id=o.id, claim_id=o.claim_id, state=o.state.value, by=o.by, note=o.note,
                       at=o.at)


def to_override(r: OverrideRow) -> Override:
    return Override(r.id, r.claim_id, ClaimState(r.state), r.by, r.note, utc(r.at))


def claim_row(c: Claim) -> ClaimRow:
    row = ClaimRow(id=c.id, story_id=c.story_id, text=c.text, attributed_to=c.attributed_to,
                   modality=c.modality.value, quote=c.quote,
                   first_document_id=c.first_document_id, created_at=c.created_at)
    copy_claim_state(c, row)
    row.evidence = [evidence_row(e) for e in c.evidence]
    row.overrides = [override_row(o) for o in c.overrides]
    return row


def copy_claim_state(c: Claim, row: ClaimRow) -> None:
    row.state, row.status, row.last_changed = c.state.value, c.status, c.last_changed


def to_claim(r: ClaimRow) -> Claim:
    return Claim(
        id=r.id, story_id=r.story_id, text=r.text, attributed_to=r.attributed_to,
        modality=Modality(r.modality), quote=r.quote, first_document_id=r.first_document_id,
        created_at=utc(r.created_at), state=ClaimState(r.state), status=r.status,
        last_changed=utc(r.last_changed), evidence=[to_evidence(e) for e in r.evidence],
        overrides=[to_override(o) for o in r.overrides],
    )


def subscription_row(s: Subscription) -> SubscriptionRow:
    row = SubscriptionRow(id=s.id)
    copy_subscription(s, row)
    return row


def copy_subscription(s: Subscription, row: SubscriptionRow) -> None:
    row.workspace, row.story_id, row.platform, row.channel = (
        s.workspace, s.story_id, s.platform, s.channel)
    row.created_at, row.muted_until, row.digest_time, row.digest_tz = (
        s.created_at, s.muted_until, s.digest_time, s.digest_tz)
    row.paused_reason, row.last_digest_at = s.paused_reason, s.last_digest_at
    row.digest_always = s.digest_always


def to_subscription(r: SubscriptionRow) -> Subscription:
    return Subscription(r.id, r.workspace, r.story_id, r.platform, r.channel, utc(r.created_at),
                        utc(r.muted_until), r.digest_time, r.digest_tz, r.paused_reason,
                        utc(r.last_digest_at), bool(r.digest_always))


def update_row(u: Update) -> UpdateRow:
    return UpdateRow(id=u.id, story_id=u.story_id, claim_id=u.claim_id,
                     document_id=u.document_id, kind=u.kind.value, state=u.state.value,
                     status=u.status, quote=u.quote, claim_text=u.claim_text,
                     attributed_to=u.attributed_to, speaker=u.speaker, url=u.url,
                     source=u.source, title=u.title, created_at=u.created_at)


def to_update(r: UpdateRow) -> Update:
    return Update(r.id, r.story_id, r.claim_id, r.document_id, UpdateKind(r.kind),
                  ClaimState(r.state), r.status, r.quote, r.claim_text, r.attributed_to,
                  r.speaker, r.url, r.source, r.title, utc(r.created_at))


def source_row(s: Source) -> SourceRow:
    row = SourceRow(id=s.id)
    copy_source(s, row)
    return row


def copy_source(s: Source, row: SourceRow) -> None:
    row.story_id, row.url, row.added_by = s.story_id, s.url, s.added_by
    row.created_at = s.created_at
    row.etag, row.last_modified, row.failures, row.failing = (
        s.etag, s.last_modified, s.failures, s.failing)
    row.next_poll_at, row.last_error = s.next_poll_at, s.last_error


def to_source(r: SourceRow) -> Source:
    return Source(r.id, r.story_id, r.url, r.added_by, utc(r.created_at), r.etag,
                  r.last_modified, r.failures, r.failing, utc(r.next_poll_at), r.last_error)


def document_source_row(d: DocumentSource) -> DocumentSourceRow:
    return DocumentSourceRow(document_id=d.document_id, canonical_url=d.canonical_url,
                             story_id=d.story_id, url=d.url, source=d.source, title=d.title,
                             published=d.published, signature=d.signature)


def to_document_source(r: DocumentSourceRow) -> DocumentSource:
    return DocumentSource(r.document_id, r.story_id, r.canonical_url, r.url, r.source, r.title,
                          utc(r.published), r.signature)


def outbox_row(o: OutboxMessage) -> OutboxRow:
    row = OutboxRow(id=o.id)
    copy_outbox(o, row)
    return row


def copy_outbox(o: OutboxMessage, row: OutboxRow) -> None:
    row.subscription_id, row.kind, row.created_at, row.text = (
        o.subscription_id, o.kind, o.created_at, o.text)
    row.window_start, row.window_end = o.window_start, o.window_end
    row.attempts, row.next_attempt_at, row.in_flight = o.attempts, o.next_attempt_at, o.in_flight
    row.delivered_at, row.message_ref, row.last_error = (
        o.delivered_at, o.message_ref, o.last_error)


def to_outbox(r: OutboxRow) -> OutboxMessage:
    return OutboxMessage(r.id, r.subscription_id, r.kind, utc(r.created_at), r.text,
                         utc(r.window_start), utc(r.window_end), r.attempts,
                         utc(r.next_attempt_at), bool(r.in_flight), utc(r.delivered_at),
                         r.message_ref, r.last_error)
