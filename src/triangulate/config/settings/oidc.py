"""Sign-in with the council's OpenID Connect provider (docs/design/estate.md §1.1), from the environment only.

Entra ID needs three variables: TRIANGULATE_OIDC_TENANT, TRIANGULATE_OIDC_CLIENT_ID and
TRIANGULATE_OIDC_CLIENT_SECRET. Any other provider names its issuer and endpoints by hand, because
mozilla-django-oidc does not read discovery documents. SSO is off while the client id is empty; a half
configuration stops the app at start, naming what is missing, rather than failing at someone's first sign-in.
"""

import re
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

ENTRA = "https://login.microsoftonline.com/{tenant}"
ENDPOINTS = ("AUTHORIZATION", "TOKEN", "JWKS", "USERINFO", "END_SESSION")
# Every variable read here (tests/deploy checks deploy/triangulate.env.example and docs/deployment.md name them)
VARIABLES = tuple(f"TRIANGULATE_OIDC_{name}" for name in (
    "TENANT", "CLIENT_ID", "CLIENT_SECRET", "ISSUER", "PROVIDER_NAME", "TIMEOUT", *(f"{e}_ENDPOINT" for e in ENDPOINTS)))
GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def _get(environ, name):
    variable = f"TRIANGULATE_OIDC_{name}"
    if variable not in VARIABLES:
        raise KeyError(f"{variable} is not in VARIABLES")  # keeps the list the deployment files are checked against whole
    return environ.get(variable, "").strip()


def _entra(tenant):
    if not GUID.match(tenant):
        raise ImproperlyConfigured(
            f"TRIANGULATE_OIDC_TENANT must be the Entra ID tenant's id, a GUID like "
            f"72f988bf-86f1-41af-91ab-2d7cd011db47 (it is {tenant!r}). Find it on the app registration's overview.")
    base = ENTRA.format(tenant=tenant)
    return {
        "ISSUER": f"{base}/v2.0",
        "AUTHORIZATION": f"{base}/oauth2/v2.0/authorize",
        "TOKEN": f"{base}/oauth2/v2.0/token",
        "JWKS": f"{base}/discovery/v2.0/keys",
        # Entra's id token carries every claim we read (oid, tid, email, preferred_username, groups, roles);
        # its userinfo endpoint (Microsoft Graph) would add nothing and omits groups.
        "USERINFO": "",
        "END_SESSION": f"{base}/oauth2/v2.0/logout",
    }


def oidc_settings(environ):
    client_id = _get(environ, "CLIENT_ID")
    tenant = _get(environ, "TENANT")
    endpoints = _entra(tenant) if tenant else {}
    # a variable set by hand wins over the tenant's default (a sovereign cloud, a proxy)
    endpoints.update({name: _get(environ, f"{name}_ENDPOINT") for name in ENDPOINTS if _get(environ, f"{name}_ENDPOINT")})
    if _get(environ, "ISSUER"):
        endpoints["ISSUER"] = _get(environ, "ISSUER")
    secret = _get(environ, "CLIENT_SECRET")
    if client_id:
        missing = [f"TRIANGULATE_OIDC_{name}" for name, value in (
            ("CLIENT_SECRET", secret), ("ISSUER", endpoints.get("ISSUER")),
            ("AUTHORIZATION_ENDPOINT", endpoints.get("AUTHORIZATION")), ("TOKEN_ENDPOINT", endpoints.get("TOKEN")),
            ("JWKS_ENDPOINT", endpoints.get("JWKS"))) if not value]
        if missing:
            raise ImproperlyConfigured(
                "Sign-in with the council's provider is half set up: TRIANGULATE_OIDC_CLIENT_ID is set but "
                f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'} not. For Entra ID set "
                "TRIANGULATE_OIDC_TENANT, which gives the issuer and every endpoint.")
    timeout = _get(environ, "TIMEOUT") or "10"
    if not timeout.isdigit() or int(timeout) == 0:
        raise ImproperlyConfigured(f"TRIANGULATE_OIDC_TIMEOUT must be a whole number of seconds (it is {timeout!r}).")
    return {
        "TRIANGULATE_SSO": {
            "PROVIDER_NAME": _get(environ, "PROVIDER_NAME") or "council",
            "ISSUER": endpoints.get("ISSUER", ""),
            "TENANT": tenant.lower(),
            "END_SESSION_ENDPOINT": endpoints.get("END_SESSION", ""),
        },
        "OIDC_RP_CLIENT_ID": client_id,
        "OIDC_RP_CLIENT_SECRET": secret,
        "OIDC_OP_AUTHORIZATION_ENDPOINT": endpoints.get("AUTHORIZATION", ""),
        "OIDC_OP_TOKEN_ENDPOINT": endpoints.get("TOKEN", ""),
        "OIDC_OP_JWKS_ENDPOINT": endpoints.get("JWKS", ""),
        "OIDC_OP_USER_ENDPOINT": endpoints.get("USERINFO", ""),
        "OIDC_RP_SIGN_ALGO": "RS256",
        "OIDC_RP_SCOPES": "openid email profile",
        "OIDC_USE_NONCE": True,
        "OIDC_USE_PKCE": True,
        "OIDC_TIMEOUT": int(timeout),
        # kept for the id_token_hint of sign-out at the provider (§1.5); the session is server-side
        "OIDC_STORE_ID_TOKEN": True,
        "OIDC_AUTHENTICATION_CALLBACK_URL": "sso:callback",
        "LOGIN_REDIRECT_URL_FAILURE": "core:login",
        # `next` after sign-in: this host only (the library checks it against these and the request's host)
        "OIDC_REDIRECT_ALLOWED_HOSTS": [],
    }


def provider_origin(url):
    """scheme://host[:port] of one of the provider's endpoints, for the content security policy."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
