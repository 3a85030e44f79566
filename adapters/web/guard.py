"""Which addresses a user-given URL may reach. Only http and https; the host is resolved and
every address it resolves to must be public: loopback, private, link-local, multicast,
reserved and unspecified addresses are refused, and the cloud metadata addresses are refused
always, even where private networks are allowed (local test servers). The check runs when the
connection is made (a network backend wrapped around httpcore's), so it holds on every redirect
and cannot be dodged by a DNS answer that changes between a check and the connect."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

import httpcore
import httpx

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

METADATA_ADDRESSES = frozenset({ipaddress.ip_address("169.254.169.254"),
                                ipaddress.ip_address("fd00:ec2::254")})
SCHEMES = frozenset({"http", "https"})


class BlockedAddress(Exception):
    """The URL may not be fetched; ``reason`` is plain words, safe to show."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def refused_reason(ip: IPAddress, *, allow_private: bool) -> str | None:
    """Why this address may not be reached, or None when it may."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip in METADATA_ADDRESSES:
        return "it points at the cloud metadata service"
    if allow_private:
        return None
    if ip.is_loopback:
        return "it points at this machine (a loopback address)"
    if ip.is_link_local:
        return "it points at a link-local address"
    if ip.is_multicast:
        return "it points at a multicast address"
    if ip.is_private or ip.is_reserved or ip.is_unspecified or not ip.is_global:
        return "it points at a private or reserved network address"
    return None


def check_url_shape(url: str) -> str:
    """The URL's host, after checking the scheme; raises BlockedAddress otherwise."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in SCHEMES:
        raise BlockedAddress("only http and https links can be fetched")
    if not parts.hostname:
        raise BlockedAddress("the link has no host name")
    if parts.username or parts.password:
        raise BlockedAddress("links with a user name or password are not fetched")
    return parts.hostname


async def resolve(host: str, port: int) -> list[IPAddress]:
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        raise BlockedAddress("the site's name could not be found") from None
    return list(dict.fromkeys(ipaddress.ip_address(str(info[4][0])) for info in infos))


class GuardedNetworkBackend(httpcore.AsyncNetworkBackend):
    """httpcore's network backend, resolving and checking each address before connecting."""

    def __init__(self, *, allow_private: bool) -> None:
        self.allow_private = allow_private
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None,  # noqa: ASYNC109 - httpcore's signature
                          local_address: str | None = None,
                          socket_options: Iterable[Any] | None = None,
                          ) -> httpcore.AsyncNetworkStream:
        addresses = await resolve(host, port)
        for ip in addresses:
            reason = self.refuse(ip, port)
            if reason is not None:
                raise BlockedAddress(f"the link was refused: {reason}")
        # connect to the address we checked, not to a name that could resolve anew
        return await self._inner.connect_tcp(str(addresses[0]), port, timeout, local_address,
                                             socket_options)

    def refuse(self, ip: IPAddress, port: int) -> str | None:
        """Why this address may not be reached (None: it may)."""
        return refused_reason(ip, allow_private=self.allow_private)

    async def connect_unix_socket(self, path: str, timeout: float | None = None,  # noqa: ASYNC109
                                  socket_options: Iterable[Any] | None = None,
                                  ) -> httpcore.AsyncNetworkStream:
        raise BlockedAddress("unix sockets are not fetched")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class GuardedTransport(httpx.AsyncHTTPTransport):
    """httpx's transport with the guarded backend; never uses proxies from the environment."""

    def __init__(self, *, allow_private: bool,
                 backend: GuardedNetworkBackend | None = None) -> None:
        super().__init__(trust_env=False, retries=0)
        ssl_context = self._pool._ssl_context  # httpx built it with certifi; keep it
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=ssl_context, max_connections=50, max_keepalive_connections=10,
            keepalive_expiry=5.0,
            network_backend=backend or GuardedNetworkBackend(allow_private=allow_private))
