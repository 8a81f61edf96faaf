"""Server-side request forgery guard for webhook targets.

A target must be http(s) and every address its host resolves to must be public: loopback,
private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16 with the cloud
metadata address, fe80::/10), shared (100.64/10), multicast, reserved and unspecified
addresses are refused, IPv4-mapped IPv6 included. Checked at registration and again before
every delivery, after DNS resolution; the delivery then connects to the address that was
checked (so a name cannot re-resolve elsewhere in between), and redirects are never
followed. `MLSD_WEBHOOKS_ALLOW_PRIVATE=true` turns the address checks off (on-prem)."""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from app.errors import Unprocessable

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class BlockedTarget(Unprocessable, ValueError):
    """The URL may not receive webhooks (scheme, unresolvable or non-public address)."""

    default_code = "webhook-target"


def resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (tests replace this)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def is_public(ip: IPAddress) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_unspecified)


@dataclass(frozen=True)
class Target:
    url: str
    host: str  # the name in the URL, sent as Host and used for TLS
    port: int
    address: str | None  # the checked address to connect to; None when checks are off


def check(url: str, allow_private: bool = False) -> Target:
    """The target to connect to, or BlockedTarget saying why not."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise BlockedTarget(f"not a valid URL: {exc}") from None
    if parts.scheme not in ("http", "https"):
        raise BlockedTarget("only http and https targets are allowed")
    host = parts.hostname or ""
    if not host:
        raise BlockedTarget("the URL has no host")
    if parts.username or parts.password:
        raise BlockedTarget("credentials in the URL are not allowed; use the signing secret")
    port = port or (443 if parts.scheme == "https" else 80)
    if allow_private:
        return Target(url, host, port, None)
    try:
        literal: IPAddress | None = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None:
        addresses = [str(literal)]
    else:
        try:
            addresses = resolve(host, port)
        except (OSError, UnicodeError) as exc:
            raise BlockedTarget(f"cannot resolve '{host}': {exc}") from None
        if not addresses:
            raise BlockedTarget(f"cannot resolve '{host}'")
    for addr in addresses:
        ip = ipaddress.ip_address(addr.split("%", 1)[0])  # drop an IPv6 zone id
        if not is_public(ip):
            raise BlockedTarget(
                f"'{host}' resolves to {ip}, a loopback, private, link-local or reserved "
                "address (set MLSD_WEBHOOKS_ALLOW_PRIVATE=true for on-prem targets)"
            )
    return Target(url, host, port, addresses[0])
