"""Feed tokens: making a secret, and finding the token a request's `Authorization: Bearer` header names.

- The secret is `tri_` + 32 random bytes in base32 (upper case, no padding): 256 bits, easy to paste into Power BI.
- Only its SHA-256 is kept. A presented secret is found by its first characters (`prefix`, not secret) and then
  its hash is compared with each candidate's with `hmac.compare_digest`, so the comparison takes the same time
  however many characters match.
- The header is the only place a token is read from: never the address (`?token=` or `?access_token=` is
  ignored), because addresses are kept in proxy logs, browser histories and Power BI's list of data sources."""

import base64
import hashlib
import hmac
import secrets

from django.utils import timezone

from .models import FeedToken

PREFIX = "tri_"
SHOWN = 12  # "tri_" and 8 characters: enough to tell tokens apart on a page, 40 of the 256 bits
SCHEME = "bearer"


def new_secret():
    return PREFIX + base64.b32encode(secrets.token_bytes(32)).decode("ascii").rstrip("=")


def hash_of(secret):
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def prefix_of(secret):
    return secret[:SHOWN]


def presented(request):
    """The secret in the request's Authorization header, or None."""
    header = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _, value = header.partition(" ")
    value = value.strip()
    if scheme.lower() != SCHEME or not value.startswith(PREFIX):
        return None
    return value


def find(secret):
    """The FeedToken whose secret this is (usable or not), or None."""
    if not secret:
        return None
    wanted = hash_of(secret)
    found = None
    for token in FeedToken.objects.filter(prefix=prefix_of(secret)):
        if hmac.compare_digest(token.token_hash, wanted):
            found = token
    return found


def refusal(token, now=None):
    """Why a found token may not be used ("" when it may)."""
    if token is None:
        return "unknown token"
    if token.revoked:
        return "token revoked"
    if token.expired(now or timezone.now()):
        return "token expired"
    return ""
