"""The ORM tables. Rows never leave ``storage/``: :mod:`storage.mapping` turns them into domain
objects and back."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

Stamp = DateTime(timezone=True)


class Base(DeclarativeBase):
    pass


class StoryRow(Base):
    __tablename__ = "stories"
    __table_args__ = (UniqueConstraint("workspace", "name_key"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    workspace: Mapped[str] = mapped_column(String(100), index=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200))
    keywords: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime | None] = mapped_column(Stamp, nullable=True)


class DocumentRow(Base):
    __tablename__ = "documents"
    __table_args__ = (Index("ix_documents_story_published", "story_id", "published"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    story_id: Mapped[str] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), index=True)
    external_id: Mapped[str] = mapped_column(String(500), default="")
    source: Mapped[str] = mapped_column(String(500), default="")
    url: Mapped[str] = mapped_column(Text, default="")
    title: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text)
    published: Mapped[datetime] = mapped_column(Stamp)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)


class ClaimRow(Base):
    __tablename__ = "claims"
    __table_args__ = (Index("ix_claims_story_state", "story_id", "state"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    story_id: Mapped[str] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    attributed_to: Mapped[str] = mapped_column(Text, default="")
    modality: Mapped[str] = mapped_column(String(20))
    quote: Mapped[str] = mapped_column(Text)
    first_document_id: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(Stamp)
    state: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(Text, default="")
    last_changed: Mapped[datetime | None] = mapped_column(Stamp, nullable=True)
    evidence: Mapped[list[EvidenceRow]] = relationship(
        order_by="EvidenceRow.recorded_at", cascade="all, delete-orphan", lazy="raise")
    overrides: Mapped[list[OverrideRow]] = relationship(
        order_by="OverrideRow.at", cascade="all, delete-orphan", lazy="raise")


class EvidenceRow(Base):
    __tablename__ = "evidence"
    __table_args__ = (UniqueConstraint("claim_id", "document_id"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[str] = mapped_column(String(40))
    stance: Mapped[str] = mapped_column(String(20))
    quote: Mapped[str] = mapped_column(Text)
    speaker: Mapped[str] = mapped_column(Text, default="")
    published: Mapped[datetime] = mapped_column(Stamp)
    recorded_at: Mapped[datetime] = mapped_column(Stamp)
    progress: Mapped[str] = mapped_column(String(20))
    corroborated: Mapped[bool] = mapped_column(Boolean, default=False)


class OverrideRow(Base):
    __tablename__ = "overrides"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    state: Mapped[str] = mapped_column(String(20))
    by: Mapped[str] = mapped_column(String(200))
    note: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(Stamp)


class SubscriptionRow(Base):
    __tablename__ = "subscriptions"
    __table_args__ = (
        UniqueConstraint("story_id", "platform", "channel"),
        Index("ix_subscriptions_channel", "platform", "workspace", "channel"),
    )

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    workspace: Mapped[str] = mapped_column(String(100))
    story_id: Mapped[str] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"))
    platform: Mapped[str] = mapped_column(String(20))
    channel: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(Stamp)
    muted_until: Mapped[datetime | None] = mapped_column(Stamp, nullable=True)
    digest_time: Mapped[str] = mapped_column(String(5), default="09:00")
    digest_tz: Mapped[str] = mapped_column(String(64), default="UTC")
    paused_reason: Mapped[str] = mapped_column(Text, default="")
    last_digest_at: Mapped[datetime | None] = mapped_column(Stamp, nullable=True)
    digest_always: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class UpdateRow(Base):
    __tablename__ = "updates"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    story_id: Mapped[str] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), index=True)
    claim_id: Mapped[str] = mapped_column(String(40))
    document_id: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(Text)
    quote: Mapped[str] = mapped_column(Text)
    claim_text: Mapped[str] = mapped_column(Text)
    attributed_to: Mapped[str] = mapped_column(Text)
    speaker: Mapped[str] = mapped_column(Text)
    url: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(Stamp, index=True)


class DeliveryRow(Base):
    """One row per (update, subscription) posted: the exactly-once key."""

    __tablename__ = "deliveries"

    update_id: Mapped[str] = mapped_column(
        ForeignKey("updates.id", ondelete="CASCADE"), primary_key=True)
    subscription_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    message_ref: Mapped[str] = mapped_column(String(200))
    delivered_at: Mapped[datetime] = mapped_column(Stamp)


class SourceRow(Base):
    __tablename__ = "sources"
    __table_args__ = (UniqueConstraint("story_id", "url"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    story_id: Mapped[str] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(Text)
    added_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(Stamp)
    etag: Mapped[str] = mapped_column(Text, default="")
    last_modified: Mapped[str] = mapped_column(Text, default="")
    failures: Mapped[int] = mapped_column(Integer, default=0)
    failing: Mapped[bool] = mapped_column(Boolean, default=False)
    next_poll_at: Mapped[datetime | None] = mapped_column(Stamp, nullable=True)
    last_error: Mapped[str] = mapped_column(Text, default="")


class DeliveryAttemptRow(Base):
    """Tries of one (update, subscription) pair not yet delivered: the retry schedule, and
    whether a post was claimed (in flight) when the process last stopped."""

    __tablename__ = "delivery_attempts"

    update_id: Mapped[str] = mapped_column(
        ForeignKey("updates.id", ondelete="CASCADE"), primary_key=True)
    subscription_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(Stamp)
    in_flight: Mapped[bool] = mapped_column(Boolean, default=False)
    last_error: Mapped[str] = mapped_column(Text, default="")


class OutboxRow(Base):
    """Digests and notices to post; the id is the exactly-once key."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "delivered_at", "next_attempt_at"),)

    id: Mapped[str] = mapped_column(String(120), primary_key=True)
    subscription_id: Mapped[str] = mapped_column(
        ForeignKey("subscriptions.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(Stamp)
    text: Mapped[str] = mapped_column(Text, default="")
    window_start: Mapped[datetime | None] = mapped_column(Stamp, nullable=True)
    window_end: Mapped[datetime | None] = mapped_column(Stamp, nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(Stamp, nullable=True)
    in_flight: Mapped[bool] = mapped_column(Boolean, default=False)
    delivered_at: Mapped[datetime | None] = mapped_column(Stamp, nullable=True)
    message_ref: Mapped[str] = mapped_column(String(200), default="")
    last_error: Mapped[str] = mapped_column(Text, default="")


class DocumentSourceRow(Base):
    """Each outlet that carried a document, by canonical URL."""

    __tablename__ = "document_sources"
    __table_args__ = (Index("ix_document_sources_story_url", "story_id", "canonical_url"),)

    document_id: Mapped[str] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    canonical_url: Mapped[str] = mapped_column(String(2000), primary_key=True)
    story_id: Mapped[str] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"))
    url: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text, default="")
    title: Mapped[str] = mapped_column(Text, default="")
    published: Mapped[datetime] = mapped_column(Stamp)
    signature: Mapped[str] = mapped_column(Text, default="")
