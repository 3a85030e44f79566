"""A local web server for the source tests (aiohttp on 127.0.0.1): feeds that change, a 304
for a known ETag, a malformed feed, 404, 500, a slow answer, a 50 MB body streamed in chunks,
redirects, and an article page. It records what it was asked and how much it sent."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any

from aiohttp import web

ARTICLE = """<html><head><title>Swap completed</title>
<meta property="og:site_name" content="Wire Daily"></head><body><article>
<h1>Prisoner swap completed</h1>
<p>Russia and Ukraine completed the exchange of 1,000 prisoners each on Sunday, officials in
Kyiv and Moscow said, ending a three-day swap agreed in Istanbul.</p>
<p>The final stage returned 303 soldiers to each side at the Belarus border.</p>
</article></body></html>"""


def item(n: int, text: str | None = None, link: str | None = None) -> str:
    body = text or (f"Item {n}: officials said the exchange of prisoners continued on day {n} "
                    f"with {n * 37} people returned and more stages planned near the border "
                    f"according to a statement published in the capital on the morning of {n}.")
    when = format_datetime(datetime(2025, 5, 20 + n % 9, 8, n % 60, tzinfo=UTC), usegmt=True)
    return (f"<item><guid>item-{n}</guid><title>Item {n}</title>"
            f"<link>{link or f'https://news.test/item-{n}'}</link>"
            f"<description><![CDATA[<p>{body}</p>]]></description>"
            f"<pubDate>{when}</pubDate></item>")


def rss(items: list[str]) -> str:
    return ('<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title>'
            f"<link>https://news.test/</link>{''.join(items)}</channel></rss>")


def fixed(**kwargs: Any) -> Callable[[web.Request], Awaitable[web.Response]]:
    async def handler(request: web.Request) -> web.Response:
        return web.Response(**kwargs)
    return handler


@dataclass
class LocalWeb:
    feed: str = field(default_factory=lambda: rss([item(1), item(2)]))
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    huge_sent: int = 0
    fail_feed: int = 0  # answer the feed with 500 this many more times
    release: asyncio.Event = field(default_factory=asyncio.Event)
    base: str = ""

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def app(self) -> web.Application:
        app = web.Application()
        app.middlewares.append(self._record)
        app.router.add_get("/feed.xml", self.serve_feed)
        app.router.add_get("/malformed.xml", fixed(
            text='<?xml version="1.0"?><rss version="2.0"><channel><title>Te</ti<<',
            content_type="application/rss+xml"))
        app.router.add_get("/missing", fixed(status=404, text="no"))
        app.router.add_get("/broken", fixed(status=500, text="boom"))
        app.router.add_get("/slow", self.slow)
        app.router.add_get("/huge", self.huge)
        app.router.add_get("/article.html", fixed(text=ARTICLE, content_type="text/html"))
        app.router.add_get("/image.png", fixed(body=b"\x89PNG....", content_type="image/png"))
        app.router.add_get("/redirect", self.redirect)
        app.router.add_get("/loop", fixed(status=302, headers={"Location": "/loop"}))
        return app

    @web.middleware
    async def _record(self, request: web.Request, handler):  # type: ignore[no-untyped-def]
        self.requests.append((request.path, dict(request.headers)))
        return await handler(request)

    async def serve_feed(self, request: web.Request) -> web.StreamResponse:
        if self.fail_feed > 0:
            self.fail_feed -= 1
            return web.Response(status=500, text="down")
        etag = '"' + hashlib.sha256(self.feed.encode()).hexdigest()[:16] + '"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(text=self.feed, content_type="application/rss+xml",
                            headers={"ETag": etag})

    async def slow(self, request: web.Request) -> web.Response:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.release.wait(), 30)
        return web.Response(text="<html>late</html>", content_type="text/html")

    async def huge(self, request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/html"})
        await response.prepare(request)
        chunk = b"<p>" + b"x" * 65_530 + b"</p>"
        try:
            while self.huge_sent < 50 * 1024 * 1024:
                await response.write(chunk)
                self.huge_sent += len(chunk)
        except (ConnectionResetError, ConnectionError):
            pass
        return response

    async def redirect(self, request: web.Request) -> web.Response:
        raise web.HTTPFound(request.query["to"])


@asynccontextmanager
async def local_web() -> AsyncIterator[LocalWeb]:
    site_state = LocalWeb()
    runner = web.AppRunner(site_state.app(), handler_cancellation=True, shutdown_timeout=0.1)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    site_state.base = f"http://127.0.0.1:{port}"
    try:
        yield site_state
    finally:
        site_state.release.set()
        await runner.cleanup()
