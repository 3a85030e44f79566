"""The scheduler: APScheduler 3.x ``AsyncIOScheduler`` in the bot's event loop, with four
static jobs (explicit ids, ``coalesce=True``, ``max_instances=1``, the memory job store): poll
due sources, deliver the outbox (updates, then digests and notices), write due digests, and
mark stale claims. What is due lives in our tables (``sources.next_poll_at``,
``subscriptions.last_digest_at`` and ``digest_time``/``digest_tz``, the outbox), never in the
job store, so a restart loses nothing.

Start it inside the running loop with ``scheduler.start()``; stop it with
``await scheduler.aclose()``, which shuts the scheduler down (running jobs finish their
current unit of work; the outbox makes an interrupted post safe) and closes the HTTP client."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from adapters.web.client import SafeHttp, WebLimits
from adapters.web.feeds import HttpFeedReader
from bot.commands import Services
from bot.ports import FeedReader, Notifier
from bot.usecases.delivery import deliver_updates
from bot.usecases.digest import enqueue_due_digests
from bot.usecases.outbox import deliver_outbox
from bot.usecases.polling import Polling, PollOutcome, PollPolicy, poll_due_sources
from bot.usecases.staleness import mark_stale_claims
from runtime.config import Settings, SourcesSettings

logger = logging.getLogger(__name__)

JOB_IDS = ("poll_sources", "deliver_outbox", "send_digests", "mark_stale_claims")
STALE_CHECK_SECONDS = 3600


def make_http(sources: SourcesSettings) -> SafeHttp:
    """The one HTTP client for links and feeds; close it with ``await http.aclose()``."""
    return SafeHttp(WebLimits(allow_private=sources.allow_private_networks,
                              timeout_seconds=sources.timeout_seconds,
                              max_bytes=sources.max_bytes))


def make_polling(settings: Settings, services: Services, reader: FeedReader) -> Polling:
    policy = PollPolicy(interval=timedelta(seconds=settings.sources.poll_interval_seconds),
                        failures_before_failing=settings.sources.failures_before_failing)
    return Polling(services.uow_factory, services.judge, services.clock, reader, policy,
                   services.index)


def report_failing(outcomes: list[PollOutcome]) -> None:
    for outcome in outcomes:
        if outcome.error:
            logger.warning("source %s: %s", outcome.url, outcome.error)


@dataclass
class Jobs:
    """The job functions, each safe to run again at any time (all state is in the tables)."""

    settings: Settings
    services: Services
    notifiers: Mapping[str, Notifier]
    polling: Polling
    owned_http: SafeHttp | None = field(default=None, repr=False)

    async def poll_sources(self) -> None:
        report_failing(await poll_due_sources(self.polling))

    async def deliver_outbox(self) -> None:
        svc = self.services
        await deliver_updates(uow_factory=svc.uow_factory, notifiers=self.notifiers,
                              clock=svc.clock)
        await deliver_outbox(uow_factory=svc.uow_factory, notifiers=self.notifiers,
                             clock=svc.clock)

    async def send_digests(self) -> None:
        await enqueue_due_digests(uow_factory=self.services.uow_factory,
                                  clock=self.services.clock)

    async def mark_stale_claims(self) -> None:
        await mark_stale_claims(uow_factory=self.services.uow_factory, clock=self.services.clock,
                                after=timedelta(days=self.settings.scheduler.stale_after_days))

    async def aclose(self) -> None:
        if self.owned_http is not None:
            await self.owned_http.aclose()


class StorywatchScheduler(AsyncIOScheduler):  # type: ignore[misc]
    """An AsyncIOScheduler that also owns the jobs' resources (the HTTP client)."""

    def __init__(self, jobs: Jobs, **options: Any) -> None:
        super().__init__(**options)
        self.jobs = jobs

    async def aclose(self) -> None:
        if self.running:
            self.shutdown(wait=False)  # cancels running jobs: claims and leases make it safe
            await asyncio.sleep(0)  # the shutdown itself is scheduled on the loop
        await self.jobs.aclose()


def build_scheduler(settings: Settings, services: Services, notifiers: Mapping[str, Notifier],
                    *, reader: FeedReader | None = None) -> StorywatchScheduler:
    """The scheduler with its four jobs, not started. Without ``reader`` it makes (and on
    ``aclose`` closes) its own safe HTTP client from ``[sources]``."""
    owned = None
    if reader is None:
        owned = make_http(settings.sources)
        reader = HttpFeedReader(owned)
    jobs = Jobs(settings, services, notifiers, make_polling(settings, services, reader), owned)
    scheduler = StorywatchScheduler(jobs, job_defaults={
        "coalesce": True, "max_instances": 1, "misfire_grace_time": 60})
    poll_every = max(5, min(30, settings.sources.poll_interval_seconds))
    for job_id, seconds in zip(JOB_IDS, (
            poll_every, settings.scheduler.deliver_interval_seconds,
            settings.scheduler.digest_check_seconds, STALE_CHECK_SECONDS), strict=True):
        scheduler.add_job(_logged(getattr(jobs, job_id), job_id), "interval", seconds=seconds,
                          id=job_id, name=job_id, coalesce=True, max_instances=1,
                          replace_existing=True)
    return scheduler


def _logged(job: Any, job_id: str) -> Any:
    async def run() -> None:
        try:
            await job()
        except Exception:
            # one bad round must not stop the job: the next one starts from the tables again
            logger.exception("scheduled job %s failed", job_id)

    run.__name__ = job_id
    return run
