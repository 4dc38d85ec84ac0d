# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Which URLs events may be POSTed to, and the POST itself.

A listener's URL comes from a client over the API (a hub) or from a manager (a
technical system): left unchecked, it could make Odoo POST to itself, to the
database or to the cloud metadata service (SSRF).

- The URL is parsed once, by the library that sends it (requests, urllib3),
  so that the check and the connection see the same host. What URL parsers
  read in different ways is refused outright: backslashes, spaces and control
  characters, user names and passwords, IP addresses not written the usual way
  (``2130706433``, ``0x7f.1``, ``0177.0.0.1``, ``127.1``, ``[::ffff:127.0.0.1]``,
  ``[0:0::1]``), trailing dots and anything that is not a host name.
- Only http(s) URLs whose host resolves to public addresses only are accepted,
  unless the host is in the allow-list held in a system parameter.
- The POST dials the addresses that were checked, not a new DNS answer (a name
  pointed elsewhere between the check and the connection is not followed),
  keeps the host name for the Host header and for TLS (SNI, certificate
  check), ignores proxy settings and never follows a redirection."""

import ipaddress
import re
import socket
from dataclasses import dataclass

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError
from urllib3.poolmanager import PoolManager
from urllib3.util import connection, parse_url

from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

ALLOWED_HOSTS_PARAM = "oms_telecom_api.hub_allowed_hosts"
# Names of cloud metadata services that do not resolve to a link-local address everywhere.
METADATA_HOSTS = frozenset(
    {
        "metadata",
        "metadata.google.internal",
        "metadata.goog",
        "metadata.azure.com",
        "instance-data",
        "instance-data.ec2.internal",
    }
)
DEFAULT_PORTS = {"http": 80, "https": 443}
# Characters that URL parsers treat differently (a backslash ends the host for
# some and not for others) or strip silently.
AMBIGUOUS_CHARACTERS = re.compile(r"[\\\x00-\x20\x7f]")
# A label of a host name (underscores occur in real names).
HOST_LABEL = re.compile(r"(?!-)[a-z0-9_-]{1,63}(?<!-)\Z")
# A host whose last label is a number is read as an IPv4 address in some base
# by browsers and by the C library (inet_aton): 2130706433, 0x7f.1, 127.1...
NUMBER_LABEL = re.compile(r"(0x[0-9a-f]*|[0-9]+)\Z")
IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")
NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


class UnsafeCallback(ValueError):
    """The URL must not be called; `reason` (a lazy translation, for
    ``env._(error.reason)``) says why; `allowable`: the allow-list may let it
    through (the URL is plain, its address is not public)."""

    def __init__(self, reason, allowable=False):
        super().__init__(reason)
        self.allowable = allowable

    @property
    def reason(self):
        return self.args[0]

    def __str__(self):
        # Outside of a translated message (logs, tracebacks): in English.
        return self.reason._translate("en_US")


@dataclass(frozen=True)
class CheckedUrl:
    """A URL that may be called, as requests sends it, with the addresses to dial."""

    url: str
    scheme: str
    host: str  # as urllib3 names the connection: IPv6 in brackets
    port: int
    addresses: tuple


def parse_allowed_hosts(value):
    """(host names, networks) of the comma-separated allow-list `value`: an entry
    is a host name, an IP address or a network (10.1.0.0/16)."""
    names, networks = set(), []
    for entry in (value or "").split(","):
        entry = entry.strip().lower().strip("[]")
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            names.add(entry.rstrip("."))
    return frozenset(names), tuple(networks)


def _embedded_ipv4(address):
    """The IPv4 address an IPv6 address carries (mapped, compatible, 6to4,
    Teredo, NAT64), or None."""
    if address.ipv4_mapped:
        return address.ipv4_mapped
    if address.sixtofour:
        return address.sixtofour
    if address.teredo:
        return address.teredo[1]
    if (address in IPV4_COMPATIBLE and int(address) > 1) or address in NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def _is_public(address):
    if address.version == 6:
        embedded = _embedded_ipv4(address)
        if embedded is not None and not _is_public(embedded):
            return False
    return address.is_global and not address.is_multicast


def _parse(url):
    """(URL as requests sends it, its parts as urllib3 reads them)."""
    if not isinstance(url, str) or not url:
        raise UnsafeCallback(_lt("the URL is empty"))
    if AMBIGUOUS_CHARACTERS.search(url):
        raise UnsafeCallback(_lt("backslashes, spaces and control characters are not accepted in the URL"))
    prepared = requests.PreparedRequest()
    try:
        prepared.prepare_url(url, None)
        parts = parse_url(prepared.url)
    except (requests.RequestException, ValueError) as error:
        raise UnsafeCallback(_lt("the URL is invalid (%s)", error)) from error
    if parts.scheme not in DEFAULT_PORTS or not parts.host:
        raise UnsafeCallback(_lt("only http and https URLs with a host are accepted"))
    if parts.auth is not None:
        raise UnsafeCallback(_lt("a user name or password is not accepted in the URL"))
    return prepared.url, parts


def _ip_literal(host):
    """The IP address `host` is, None for a name; UnsafeCallback for a host
    that URL parsers may read in different ways."""
    if host.startswith("["):
        literal = host[1:-1]
        try:
            address = ipaddress.IPv6Address(literal)
        except ValueError as error:
            raise UnsafeCallback(_lt("%s is not a valid IPv6 address", host)) from error
        if address.scope_id:
            raise UnsafeCallback(_lt("an IPv6 address with a zone (%s) is not accepted", host))
        if address.ipv4_mapped or (address in IPV4_COMPATIBLE and int(address) > 1):
            raise UnsafeCallback(_lt("an IPv4 address is written as such, not inside an IPv6 address (%s)", host))
        if literal != address.compressed:
            raise UnsafeCallback(_lt("write the IPv6 address %(host)s as [%(address)s]", host=host, address=address))
        return address
    if host.endswith("."):
        raise UnsafeCallback(_lt("write the host %s without the trailing dot", host))
    labels = host.split(".")
    if NUMBER_LABEL.match(labels[-1]):
        try:
            address = ipaddress.IPv4Address(host)
        except ValueError:
            address = None
        if address is None or str(address) != host:
            raise UnsafeCallback(_lt("an IPv4 address is written as four decimal numbers, such as 192.0.2.10"))
        return address
    if len(host) > 253 or not all(HOST_LABEL.match(label) for label in labels):
        raise UnsafeCallback(_lt("%s is not a valid host name", host))
    return None


def _resolve(host, port):
    """The addresses of the host name `host`, in the resolver's order. The only
    name resolution of a call: the connection dials what this returned."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise UnsafeCallback(
            _lt("the host %(host)s cannot be resolved (%(error)s)", host=host, error=error), allowable=True
        ) from error
    addresses = []
    for info in infos:
        # A scoped IPv6 address ends with %interface.
        address = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        if address not in addresses:
            addresses.append(address)
    return addresses


def check_callback(url, allowed_hosts=""):
    """The CheckedUrl of `url`; UnsafeCallback unless it is an http(s) URL
    written plainly whose host is in the allow-list `allowed_hosts` or resolves
    to public addresses only (every address is checked: one private address is
    enough to refuse)."""
    prepared_url, parts = _parse(url)
    port = parts.port or DEFAULT_PORTS[parts.scheme]
    literal = _ip_literal(parts.host)
    names, networks = parse_allowed_hosts(allowed_hosts)
    if literal is None and parts.host in METADATA_HOSTS and parts.host not in names:
        raise UnsafeCallback(_lt("the host %s is a metadata service", parts.host), allowable=True)
    addresses = [literal] if literal is not None else _resolve(parts.host, port)
    if literal is not None or parts.host not in names:
        for address in sorted(addresses, key=str):
            if any(address in network for network in networks if network.version == address.version):
                continue
            if literal is not None and not _is_public(address):
                raise UnsafeCallback(_lt("%s is not a public address", parts.host), allowable=True)
            if not _is_public(address):
                raise UnsafeCallback(
                    _lt(
                        "the host %(host)s resolves to the non-public address %(address)s",
                        host=parts.host,
                        address=address,
                    ),
                    allowable=True,
                )
    return CheckedUrl(prepared_url, parts.scheme, parts.host, port, tuple(addresses))


def post(checked, data, headers, timeout):
    """POST `data` to the CheckedUrl `checked`, dialling its checked addresses
    only; no proxy, no redirection followed (a 3xx is the answer)."""
    with requests.Session() as session:
        # Proxies (and .netrc credentials) from the environment would move the connection elsewhere.
        session.trust_env = False
        adapter = PinnedAdapter(checked)
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        return session.post(checked.url, data=data, headers=headers, timeout=timeout, allow_redirects=False)


class PinnedConnectionMixin:
    """Dials the checked addresses instead of resolving the host again; the
    host stays the name, for the Host header, SNI and the certificate check."""

    pinned_addresses = ()

    def _new_conn(self):
        options = {}
        if self.source_address:
            options["source_address"] = self.source_address
        if self.socket_options:
            options["socket_options"] = self.socket_options
        failure = NewConnectionError(self, f"Failed to establish a new connection to {self.host}: no checked address")
        for address in self.pinned_addresses:
            try:
                return connection.create_connection((str(address), self.port), self.timeout, **options)
            except TimeoutError:
                failure = ConnectTimeoutError(
                    self, f"Connection to {self.host} ({address}) timed out. (connect timeout={self.timeout})"
                )
            except OSError as error:
                failure = NewConnectionError(
                    self, f"Failed to establish a new connection to {self.host} ({address}): {error}"
                )
        raise failure


class PinnedHTTPConnection(PinnedConnectionMixin, HTTPConnection):
    pass


class PinnedHTTPSConnection(PinnedConnectionMixin, HTTPSConnection):
    pass


class PinnedPoolMixin:
    """Hands its checked addresses to each connection it makes."""

    pinned_addresses = ()

    def _new_conn(self):
        conn = super()._new_conn()
        conn.pinned_addresses = self.pinned_addresses
        return conn


class PinnedHTTPConnectionPool(PinnedPoolMixin, HTTPConnectionPool):
    ConnectionCls = PinnedHTTPConnection


class PinnedHTTPSConnectionPool(PinnedPoolMixin, HTTPSConnectionPool):
    ConnectionCls = PinnedHTTPSConnection


class PinnedPoolManager(PoolManager):
    """Connects to the checked scheme, host and port only, at the checked addresses."""

    def __init__(self, checked, **kwargs):
        super().__init__(**kwargs)
        self.checked = checked
        self.pool_classes_by_scheme = {"http": PinnedHTTPConnectionPool, "https": PinnedHTTPSConnectionPool}

    def _new_pool(self, scheme, host, port, request_context=None):
        if (scheme, host, port) != (self.checked.scheme, self.checked.host, self.checked.port):
            raise UnsafeCallback(_lt("the connection to %s was not checked", host))
        pool = super()._new_pool(scheme, host, port, request_context=request_context)
        pool.pinned_addresses = self.checked.addresses
        return pool


class PinnedAdapter(HTTPAdapter):
    """A requests adapter for one CheckedUrl."""

    def __init__(self, checked):
        self.checked = checked
        super().__init__(max_retries=0)

    def init_poolmanager(self, connections, maxsize, block=False, **pool_kwargs):
        # What HTTPAdapter keeps (for pickling), with the pinned pool manager instead of its own.
        self._pool_connections, self._pool_maxsize, self._pool_block = connections, maxsize, block
        self.poolmanager = PinnedPoolManager(
            self.checked, num_pools=connections, maxsize=maxsize, block=block, **pool_kwargs
        )

    def proxy_manager_for(self, proxy, **proxy_kwargs):
        raise UnsafeCallback(_lt("events are not sent through a proxy"))
