"""The address of the person making a request, for login lockout (django-axes) and the access log.

By default that is the socket's address (REMOTE_ADDR) and X-Forwarded-For is ignored: anyone can send
that header. Behind the council's reverse proxy, REMOTE_ADDR is the proxy's address for everyone, so
lockout keyed on it would let one person lock anyone out; TRIANGULATE_TRUSTED_PROXIES then names the
proxies' addresses (or networks), and only for a request that comes from one of them is
X-Forwarded-For read, from the right (each proxy appends the address it received the request from):
the first address that is not a trusted proxy is the client. Entries further left were written by
the client itself and are never believed.

Hand-written rather than django-ipware (the package axes would otherwise use): ipware matches trusted
proxies by string prefix and falls back to the left-most, client-written address when the chain does
not match its configuration; this rule is short and has neither weakness. Axes calls it through its
AXES_CLIENT_IP_CALLABLE setting.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(trusted):
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in trusted)


def _address(text):
    """An address from a header entry ("203.0.113.7", "203.0.113.7:5123", "[2001:db8::1]:443"), or None."""
    text = text.strip()
    if text.startswith("[") and "]" in text:
        text = text[1:text.index("]")]
    elif text.count(":") == 1:  # IPv4 with a port; a bare IPv6 address has several colons
        text = text.split(":")[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped:  # "::ffff:203.0.113.7" from a dual-stack socket
        return address.ipv4_mapped
    return address


def _trusted(address, networks):
    return address is not None and any(address in network for network in networks)


def client_ip(request):
    """The client's address as a string (None if the request has none)."""
    peer = request.META.get("REMOTE_ADDR") or None
    networks = _networks(tuple(settings.TRIANGULATE_TRUSTED_PROXIES))
    if not networks or not _trusted(_address(peer or ""), networks):
        return peer
    client = peer
    for entry in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        if not entry.strip():
            continue
        address = _address(entry)
        if address is None:  # a trusted proxy would not write this: stop at the last address we know
            break
        client = str(address)
        if not _trusted(address, networks):
            break
    return client


def not_a_password_sign_in(request, credentials):
    """django-axes' whitelist (AXES_WHITELIST_CALLABLE): an authentication with no username, such as the council
    provider's callback (docs/design/estate.md §1), is neither counted nor locked; the provider guards its own
    passwords."""
    return not (credentials or {}).get("username")
