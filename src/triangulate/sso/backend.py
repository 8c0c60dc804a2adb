"""The authentication backend for sign-in with the council's provider (docs/design/estate.md §1.2).

mozilla-django-oidc does the authorization code flow: state, nonce and PKCE, the code exchanged for tokens at the
token endpoint, the id token's signature checked against the provider's published keys (RS256 only). This subclass
adds the checks it leaves out (claims.check_token: issuer, audience, expiry present, Entra tenant) and hands the
verified claims to services.sign_in, which decides the account. A refusal's sentence is left on the request for
the callback view to show; it is never put in a URL or a log.
"""

import logging

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from triangulate.core.authority import System

from . import claims as read
from . import services

log = logging.getLogger(__name__)


def sso_enabled():
    return bool(getattr(settings, "OIDC_RP_CLIENT_ID", ""))


class CouncilSignIn(OIDCAuthenticationBackend):
    def __init__(self, *args, **kwargs):
        # Django makes a backend for every authenticate() call, password sign-ins included: while SSO is off the
        # library's constructor would fail on the missing endpoints, so it is not called.
        self.enabled = sso_enabled()
        if self.enabled:
            super().__init__(*args, **kwargs)
        else:
            self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        # Only the callback view passes a nonce: a password sign-in whose address happens to carry ?code=&state=
        # must not start a token exchange.
        if not self.enabled or request is None or "nonce" not in kwargs or "password" in kwargs:
            return None
        return super().authenticate(request, **kwargs)

    def get_payload_data(self, token, key):
        try:
            payload = super().get_payload_data(token, key)  # the signature (and exp when present, by PyJWT)
        except jwt.InvalidTokenError as invalid:
            # the library turns only a bad signature into a refusal: an expired or not-yet-valid token would
            # otherwise end in a server error
            raise SuspiciousOperation(f"id token refused: {type(invalid).__name__}") from None
        sso = settings.TRIANGULATE_SSO
        try:
            read.check_token(payload, issuer=sso["ISSUER"], client_id=self.OIDC_RP_CLIENT_ID, tenant=sso["TENANT"])
        except read.TokenRefused as refused:
            raise SuspiciousOperation(f"id token refused: {refused}") from None
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        """The id token's claims (Entra puts groups, oid and tid there and nowhere else), topped up from the userinfo
        endpoint when the provider has one. The id token wins where both say something; userinfo's `sub` must be
        the id token's (OpenID Connect Core 5.3.2), else its claims describe someone else."""
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT:
            response = requests.get(self.OIDC_OP_USER_ENDPOINT, headers={"Authorization": f"Bearer {access_token}"},
                                    verify=self.get_settings("OIDC_VERIFY_SSL", True),
                                    timeout=self.get_settings("OIDC_TIMEOUT", None),
                                    proxies=self.get_settings("OIDC_PROXY", None))
            response.raise_for_status()
            extra = response.json()
            if extra.get("sub") != payload.get("sub"):
                raise SuspiciousOperation("userinfo describes another subject than the id token")
            claims = {**extra, **claims}
        return claims

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        outcome = services.sign_in(actor=System.SIGN_IN, issuer=settings.TRIANGULATE_SSO["ISSUER"], claims=claims)
        if outcome.refusal:
            self.request.sso_refusal = outcome.refusal
            log.info("sign-in through the council's provider refused")
            return None
        return outcome.user
