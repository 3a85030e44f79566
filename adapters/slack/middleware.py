"""Cross-cutting Bolt middleware: dropping Events API redeliveries.

Slack redelivers an event (with ``X-Slack-Retry-Num``) when it did not see our ack in time.
Each event carries an ``event_id``; the first delivery is processed, any later one with the same
id is acknowledged and dropped, so nothing is processed twice. The memory is per process and
bounded; Slack retries within minutes, so the most recent ids are the ones that matter.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable

from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

logger = logging.getLogger(__name__)

Next = Callable[[], Awaitable[BoltResponse]]


class EventDeduplicator:
    """Bolt global middleware: ``app.use(EventDeduplicator())``."""

    def __init__(self, capacity: int = 10_000) -> None:
        self.capacity = capacity
        self._seen: OrderedDict[str, None] = OrderedDict()

    async def __call__(self, req: AsyncBoltRequest, resp: BoltResponse, next: Next
                       ) -> BoltResponse:
        event_id = req.body.get("event_id") if isinstance(req.body, dict) else None
        if not event_id:
            return await next()
        if event_id in self._seen:
            retry = _header(req, "x-slack-retry-num") or "none"
            logger.info("dropping redelivered event %s (retry %s)", event_id, retry)
            return BoltResponse(status=200, body="")
        self._remember(str(event_id))
        return await next()

    def _remember(self, event_id: str) -> None:
        self._seen[event_id] = None
        while len(self._seen) > self.capacity:
            self._seen.popitem(last=False)


def _header(req: AsyncBoltRequest, name: str) -> str | None:
    values = req.headers.get(name)
    return values[0] if values else None
