"""``HttpFeedReader``: the core's ``FeedReader`` port. A conditional GET (ETag /
Last-Modified) through :class:`~adapters.web.client.SafeHttp`, then feedparser (in a thread)
on the bytes; each entry's HTML is reduced to plain text. A body that is not a feed, or a feed
with no readable entries and a parse error, is refused with a plain reason."""

from __future__ import annotations

import asyncio
import calendar
import html
import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import feedparser

from adapters.web.client import SafeHttp
from bot.errors import DocumentRejected
from bot.ports import FeedEntry, FeedPage

_SPACE = re.compile(r"[ \t\r\f\v]+")
_BLOCK = frozenset({"p", "br", "div", "li", "h1", "h2", "h3", "h4", "blockquote", "tr"})


class HttpFeedReader:
    def __init__(self, http: SafeHttp) -> None:
        self.http = http

    async def read(self, url: str, *, etag: str = "", last_modified: str = "") -> FeedPage:
        headers = {"Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9,"
                             " text/xml;q=0.9, */*;q=0.1"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        response = await self.http.get(url, headers=headers)
        if response.status == 304:
            return FeedPage([], etag, last_modified, not_modified=True)
        entries = await asyncio.to_thread(parse_feed, response.body, response.url)
        return FeedPage(entries, response.headers.get("etag", ""),
                        response.headers.get("last-modified", ""))


def parse_feed(body: bytes, url: str) -> list[FeedEntry]:
    parsed: Any = feedparser.parse(body, sanitize_html=True, resolve_relative_uris=True)
    if not parsed.get("version") and not parsed.entries:
        raise DocumentRejected("That address did not return an RSS or Atom feed.")
    if parsed.get("bozo") and not parsed.entries:
        raise DocumentRejected("The feed is malformed and has no readable items.")
    site = str(parsed.feed.get("title") or urlsplit(url).hostname or "")
    return [e for e in (_entry(raw, site) for raw in parsed.entries) if e is not None]


def _entry(raw: Any, site: str) -> FeedEntry | None:
    link = str(raw.get("link") or "")
    title = html_to_text(str(raw.get("title") or ""))
    bodies = [c.get("value", "") for c in raw.get("content") or []]
    text = html_to_text(max(bodies, key=len) if bodies else str(raw.get("summary") or ""))
    if not text.strip():
        text = title
    external = str(raw.get("id") or link or title)
    if not external or not text.strip():
        return None
    when = raw.get("published_parsed") or raw.get("updated_parsed")
    published = datetime.fromtimestamp(calendar.timegm(when), UTC) if when else None
    return FeedEntry(external, link, title, text, published, site)


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: tags dropped, entities decoded, blocks on new lines."""
    if "<" not in fragment:
        return html.unescape(fragment).strip()
    parser = _TextParser()
    parser.feed(fragment)
    parser.close()
    lines = (_SPACE.sub(" ", line).strip() for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)
