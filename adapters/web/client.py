"""One safe HTTP GET for user-given URLs: redirects followed by hand (at most five, each hop
re-checked by the guarded transport), a total time limit, a size cap enforced while streaming
(a body is never read past the cap), and only HTML and feed content types. Every failure
becomes :class:`bot.errors.DocumentRejected` with a plain reason; exception text never
reaches a user."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from urllib.parse import urljoin

import httpx

from adapters.web.guard import BlockedAddress, GuardedTransport, check_url_shape
from bot.errors import DocumentRejected

logger = logging.getLogger(__name__)

USER_AGENT = "Storywatch/0.1 (+https://github.com/storywatch; news story tracker)"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml",
                        "application/xml", "text/xml"})
REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True)
class WebLimits:
    allow_private: bool = False
    timeout_seconds: float = 10.0
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5


@dataclass(frozen=True)
class WebResponse:
    url: str  # after redirects
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


class SafeHttp:
    """The shared HTTP client for pages and feeds; close it with :meth:`aclose`."""

    def __init__(self, limits: WebLimits, *, transport: httpx.AsyncBaseTransport | None = None):
        self.limits = limits
        self._client = httpx.AsyncClient(
            transport=transport or GuardedTransport(allow_private=limits.allow_private),
            follow_redirects=False, timeout=limits.timeout_seconds, trust_env=False,
            headers={"User-Agent": USER_AGENT})

    async def aclose(self) -> None:
        await self._client.aclose()

    async def get(self, url: str, *, headers: dict[str, str] | None = None) -> WebResponse:
        try:
            async with asyncio.timeout(self.limits.timeout_seconds):
                return await self._follow(url, headers or {})
        except TimeoutError:
            raise DocumentRejected(
                f"The site took longer than {self.limits.timeout_seconds:g} s to answer."
            ) from None
        except BlockedAddress as err:
            raise DocumentRejected(f"That link cannot be fetched: {err.reason}.") from None
        except httpx.HTTPError as err:
            logger.info("fetching %.200s failed (%s)", url, type(err).__name__)
            raise DocumentRejected("The site could not be reached.") from None

    async def _follow(self, url: str, headers: dict[str, str]) -> WebResponse:
        for _ in range(self.limits.max_redirects + 1):
            check_url_shape(url)
            async with self._client.stream("GET", url, headers=headers) as resp:
                location = resp.headers.get("location")
                if resp.status_code in REDIRECTS and location:
                    url = urljoin(str(resp.url), location)
                    continue
                return await self._response(resp)
        raise DocumentRejected(
            f"The link redirects more than {self.limits.max_redirects} times.")

    async def _response(self, resp: httpx.Response) -> WebResponse:
        status = resp.status_code
        if status == 304:
            return WebResponse(str(resp.url), status, "", b"", dict(resp.headers))
        if status >= 400 or status < 200 or status in REDIRECTS:
            raise DocumentRejected(status_reason(status))
        ctype = resp.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype not in HTML_TYPES | FEED_TYPES:
            raise DocumentRejected(
                f"The link is not a web page or a feed (it is {ctype or 'of unknown type'}).")
        body = await self._read_capped(resp)
        return WebResponse(str(resp.url), status, ctype, body, dict(resp.headers))

    async def _read_capped(self, resp: httpx.Response) -> bytes:
        cap = self.limits.max_bytes
        too_big = DocumentRejected(f"The page is larger than {cap / 1_048_576:g} MB.")
        declared = resp.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise too_big
        chunks: list[bytes] = []
        size = 0
        async for chunk in resp.aiter_bytes():
            size += len(chunk)
            if size > cap:
                raise too_big  # leaving the stream closes the connection: nothing more is read
            chunks.append(chunk)
        return b"".join(chunks)


def status_reason(status: int) -> str:
    if status in (404, 410):
        return f"The site says there is no such page ({status})."
    if status in (401, 403):
        return f"The site refused access ({status})."
    if status == 429:
        return "The site asks us to slow down (429)."
    if status >= 500:
        return f"The site had an error ({status}); it may be down."
    return f"The site answered with status {status}."
