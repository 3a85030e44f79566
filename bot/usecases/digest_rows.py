"""What a digest row carries besides its window: the stories it covers (each followed story's
subscription in the channel, with the start of that story's window), and handing a row over
when the subscription it goes out through is unfollowed. Shared by the digest use cases and
unfollowing."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime

from bot.domain.model import OutboxMessage, Subscription
from bot.ports import UnitOfWork


def members_text(windows: dict[str, datetime]) -> str:
    """A digest row's text: each followed story's subscription and the start of its window."""
    return json.dumps({sub_id: since.isoformat() for sub_id, since in windows.items()})


def members(message: OutboxMessage) -> dict[str, datetime]:
    """The subscriptions a digest row covers and their windows' starts ({} for a row written
    before digests were per channel: its own subscription and window)."""
    if not message.text:
        return {}
    try:
        raw = json.loads(message.text)
        return {str(k): datetime.fromisoformat(v) for k, v in raw.items()}
    except (ValueError, TypeError, AttributeError):
        return {}


async def hand_over_digests(uow: UnitOfWork, leaving: Subscription) -> None:
    """Before a subscription goes: its channel's undelivered digests that go out through it
    pass to the next of their stories still followed there (a row follows its subscription
    out of the database), without the story that is no longer followed."""
    for message in await uow.outbox.pending_for(leaving.id):
        covered = members(message)
        if message.kind != "digest" or not covered:
            continue
        rest = {sub_id: since for sub_id, since in covered.items() if sub_id != leaving.id}
        for sub_id in rest:
            if await uow.subscriptions.by_id(sub_id) is not None:
                await uow.outbox.save(replace(message, subscription_id=sub_id,
                                              text=members_text(rest)))
                break
