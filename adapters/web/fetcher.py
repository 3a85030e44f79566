"""``WebFetcher``: the core's ``Fetcher`` port. Fetches a user-given link through
:class:`~adapters.web.client.SafeHttp` and extracts the page's main text with trafilatura
(in a thread: it is CPU-bound)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from urllib.parse import urlsplit

import trafilatura

from adapters.web.client import FEED_TYPES, SafeHttp
from bot.errors import DocumentRejected
from bot.ports import FetchedPage


class WebFetcher:
    def __init__(self, http: SafeHttp) -> None:
        self.http = http

    async def fetch(self, url: str) -> FetchedPage:
        response = await self.http.get(url)
        if response.content_type in FEED_TYPES:
            raise DocumentRejected("That link is a feed; add it with `/story source add`.")
        extracted = await asyncio.to_thread(_extract, response.body, response.url)
        if extracted is None or not extracted[1].strip():
            raise DocumentRejected("I could not find the article text on that page.")
        title, text, published, site = extracted
        return FetchedPage(response.url, title, text, published,
                           site or urlsplit(response.url).hostname or "")


def _extract(body: bytes, url: str) -> tuple[str, str, datetime | None, str] | None:
    doc = trafilatura.bare_extraction(body, url=url, with_metadata=True)
    if doc is None or isinstance(doc, dict):
        return None
    return (doc.title or "", doc.text or "", _date(doc.date), doc.sitename or "")


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed
