"""Which URLs events may be POSTed to.

A hub's callback is given by a client over the API: left unchecked, it could
make Odoo POST to itself, to the database or to the cloud metadata service.
Only http(s) URLs whose host resolves to public addresses only are accepted,
unless the host is in the allow-list held in a system parameter."""

import ipaddress
import socket
from urllib.parse import urlsplit

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


class UnsafeCallback(ValueError):
    """The URL must not be called; the message says why."""


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


def _is_public(address):
    if address.version == 6 and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def _resolve(host, port):
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise UnsafeCallback(f"the host {host} cannot be resolved ({error})") from error
    # A scoped IPv6 address ends with %interface.
    return {ipaddress.ip_address(info[4][0].split("%", 1)[0]) for info in infos}


def check_callback(url, allowed_hosts=""):
    """Raise UnsafeCallback unless `url` is an http(s) URL whose host is in the
    allow-list `allowed_hosts` or resolves to public addresses only (every
    address is checked: one private address is enough to refuse)."""
    try:
        parts = urlsplit(url or "")
        host = (parts.hostname or "").rstrip(".")
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise UnsafeCallback(f"the URL is invalid ({error})") from error
    if parts.scheme not in ("http", "https") or not host:
        raise UnsafeCallback("only http and https URLs with a host are accepted")
    names, networks = parse_allowed_hosts(allowed_hosts)
    if host in names:
        return
    if host in METADATA_HOSTS:
        raise UnsafeCallback(f"the host {host} is a metadata service")
    for address in sorted(_resolve(host, port), key=str):
        if any(address in network for network in networks if network.version == address.version):
            continue
        if not _is_public(address):
            raise UnsafeCallback(f"the host {host} resolves to the non-public address {address}")
