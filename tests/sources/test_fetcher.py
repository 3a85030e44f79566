"""Fetching user-given links safely, against a real HTTP server on 127.0.0.1: what is refused
(and that the server never sees it), what is cut off, and what comes back as plain reasons."""

from __future__ import annotations

import ipaddress

import pytest

from adapters.web.client import SafeHttp, WebLimits
from adapters.web.fetcher import WebFetcher
from adapters.web.guard import GuardedNetworkBackend, GuardedTransport, IPAddress
from bot.errors import DocumentRejected
from tests.sources.server import LocalWeb, local_web


async def rejection(http: SafeHttp, url: str) -> str:
    with pytest.raises(DocumentRejected) as caught:
        await WebFetcher(http).fetch(url)
    return caught.value.user_message


async def test_an_article_link_gives_its_main_text_title_and_site(web: LocalWeb, http: SafeHttp):
    page = await WebFetcher(http).fetch(web.url("/article.html"))
    assert "completed the exchange of 1,000 prisoners" in page.text
    assert page.title == "Prisoner swap completed"
    assert page.source == "Wire Daily"


async def test_the_default_settings_refuse_127_0_0_1_before_any_request(
        web: LocalWeb, default_http: SafeHttp):
    reason = await rejection(default_http, web.url("/article.html"))
    assert reason == ("That link cannot be fetched: the link was refused: it points at this "
                      "machine (a loopback address).")
    assert web.requests == []


@pytest.mark.parametrize("url", ["http://10.1.2.3/x", "http://[::1]/x", "http://169.254.1.1/x",
                                 "http://224.0.0.1/x", "http://0.0.0.0/x",
                                 "http://[::ffff:127.0.0.1]/x"])
async def test_private_link_local_multicast_and_mapped_addresses_are_refused_by_default(
        default_http: SafeHttp, url: str):
    assert "was refused" in await rejection(default_http, url)


async def test_the_metadata_address_is_refused_even_when_private_networks_are_allowed(
        web: LocalWeb, http: SafeHttp):
    reason = await rejection(http, web.url("/redirect?to=http://169.254.169.254/latest/"))
    assert "cloud metadata" in reason
    assert "cloud metadata" in await rejection(http, "http://[fd00:ec2::254]/latest/")


class FirstSiteIsPublic(GuardedNetworkBackend):
    """Stands in for a public web site, which cannot be reached from here: the first server's
    port counts as public; every other address gets the default checks."""

    def __init__(self, public_port: int) -> None:
        super().__init__(allow_private=False)
        self.public_port = public_port

    def refuse(self, ip: IPAddress, port: int) -> str | None:
        if ip == ipaddress.ip_address("127.0.0.1") and port == self.public_port:
            return None
        return super().refuse(ip, port)


async def test_a_redirect_to_127_0_0_1_is_refused_by_default(web: LocalWeb):
    async with local_web() as inner:
        public_port = int(web.base.rsplit(":", 1)[1])
        transport = GuardedTransport(allow_private=False, backend=FirstSiteIsPublic(public_port))
        http = SafeHttp(WebLimits(), transport=transport)
        try:
            reason = await rejection(http, web.url(f"/redirect?to={inner.url('/article.html')}"))
        finally:
            await http.aclose()
        assert "loopback" in reason
        assert [path for path, _ in web.requests] == ["/redirect"]
        assert inner.requests == []


async def test_only_http_and_https_links_are_fetched(http: SafeHttp):
    assert "only http and https" in await rejection(http, "file:///etc/passwd")
    assert "only http and https" in await rejection(http, "ftp://example.com/x")


async def test_error_statuses_become_plain_reasons(web: LocalWeb, http: SafeHttp):
    assert await rejection(http, web.url("/missing")) == (
        "The site says there is no such page (404).")
    assert await rejection(http, web.url("/broken")) == (
        "The site had an error (500); it may be down.")


async def test_a_slow_site_is_given_up_on_at_the_time_limit(web: LocalWeb, http: SafeHttp):
    assert await rejection(http, web.url("/slow")) == "The site took longer than 0.5 s to answer."


async def test_a_50_mb_body_is_cut_at_the_cap_without_reading_it_whole(
        web: LocalWeb, http: SafeHttp):
    assert await rejection(http, web.url("/huge")) == "The page is larger than 1 MB."
    assert web.huge_sent < 20 * 1024 * 1024  # the server was stopped long before 50 MB


async def test_other_content_types_and_redirect_loops_are_refused(web: LocalWeb, http: SafeHttp):
    assert await rejection(http, web.url("/image.png")) == (
        "The link is not a web page or a feed (it is image/png).")
    assert await rejection(http, web.url("/loop")) == "The link redirects more than 5 times."


async def test_a_feed_link_given_as_an_article_points_to_source_add(
        web: LocalWeb, http: SafeHttp):
    assert "/story source add" in await rejection(http, web.url("/feed.xml"))
