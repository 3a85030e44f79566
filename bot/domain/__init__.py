"""The domain model: plain dataclasses and enums, and the rules for how a claim's state changes."""

from bot.domain.model import (
    Claim,
    ClaimState,
    Document,
    Evidence,
    Override,
    Progress,
    Stance,
    Story,
    Subscription,
    Update,
    UpdateKind,
)

__all__ = [
    "Claim",
    "ClaimState",
    "Document",
    "Evidence",
    "Override",
    "Progress",
    "Stance",
    "Story",
    "Subscription",
    "Update",
    "UpdateKind",
]
