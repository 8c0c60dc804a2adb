"""TRIANGULATE_OIDC_* (config/settings/oidc.py): Entra ID from three values; a half configuration stops the app."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from triangulate.config.settings.oidc import oidc_settings

TENANT = "72F988BF-86F1-41AF-91AB-2D7CD011DB47"
ENTRA = {"TRIANGULATE_OIDC_TENANT": TENANT, "TRIANGULATE_OIDC_CLIENT_ID": "cid",
         "TRIANGULATE_OIDC_CLIENT_SECRET": "secret"}


def test_off_without_a_client_id():
    values = oidc_settings({})
    assert values["OIDC_RP_CLIENT_ID"] == "" and values["TRIANGULATE_SSO"]["ISSUER"] == ""


def test_entra_id_needs_only_tenant_client_and_secret():
    values = oidc_settings(ENTRA)
    base = "https://login.microsoftonline.com/72F988BF-86F1-41AF-91AB-2D7CD011DB47"
    assert values["TRIANGULATE_SSO"]["ISSUER"] == f"{base}/v2.0"
    assert values["TRIANGULATE_SSO"]["TENANT"] == TENANT.lower()  # tokens carry it in lower case
    assert values["OIDC_OP_AUTHORIZATION_ENDPOINT"] == f"{base}/oauth2/v2.0/authorize"
    assert values["OIDC_OP_TOKEN_ENDPOINT"] == f"{base}/oauth2/v2.0/token"
    assert values["OIDC_OP_JWKS_ENDPOINT"] == f"{base}/discovery/v2.0/keys"
    assert values["TRIANGULATE_SSO"]["END_SESSION_ENDPOINT"] == f"{base}/oauth2/v2.0/logout"
    assert values["OIDC_OP_USER_ENDPOINT"] == ""
    assert (values["OIDC_USE_NONCE"], values["OIDC_USE_PKCE"], values["OIDC_RP_SIGN_ALGO"]) == (True, True, "RS256")
    assert values["OIDC_TIMEOUT"] == 10


@pytest.mark.parametrize(("environ", "named"), [
    ({**ENTRA, "TRIANGULATE_OIDC_CLIENT_SECRET": ""}, "TRIANGULATE_OIDC_CLIENT_SECRET is not"),
    ({"TRIANGULATE_OIDC_CLIENT_ID": "cid", "TRIANGULATE_OIDC_CLIENT_SECRET": "s"},
     "TRIANGULATE_OIDC_ISSUER, TRIANGULATE_OIDC_AUTHORIZATION_ENDPOINT, TRIANGULATE_OIDC_TOKEN_ENDPOINT, "
     "TRIANGULATE_OIDC_JWKS_ENDPOINT are not"),
    ({**ENTRA, "TRIANGULATE_OIDC_TENANT": "council.onmicrosoft.com"}, "must be the Entra ID tenant's id"),
    ({**ENTRA, "TRIANGULATE_OIDC_TIMEOUT": "ten"}, "whole number of seconds"),
])
def test_a_half_or_wrong_configuration_stops_the_app_naming_what_to_fix(environ, named):
    with pytest.raises(ImproperlyConfigured, match=named):
        oidc_settings(environ)


def test_with_entra_the_sign_out_form_may_send_the_browser_on_to_entra(tmp_path):
    """Chromium applies the policy's form-action to the redirect after the sign-out form (design §1.5)."""
    import json
    import os
    import subprocess
    import sys

    env = {**os.environ, **ENTRA, "DJANGO_SETTINGS_MODULE": "triangulate.config.settings.test",
           "TRIANGULATE_DATA_DIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", "import json; from django.conf import settings; "
                          "print(json.dumps(settings.SECURE_CSP['form-action']))"],
                         env=env, capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == ["'self'", "https://login.microsoftonline.com"]
