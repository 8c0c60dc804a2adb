"""Start the tests' real OpenID Connect provider (provider.mjs, npm oidc-provider) on 127.0.0.1 and point the
app's settings at it, as a council's IT team would with TRIANGULATE_OIDC_* (config/settings/oidc.py)."""

import json
import select
import subprocess
from pathlib import Path

from triangulate.config.settings.oidc import oidc_settings, provider_origin

PROVIDER = Path(__file__).with_name("provider.mjs")
CLIENT_ID, CLIENT_SECRET = "triangulate-tests", "a-client-secret-only-for-tests"


def start(tmp_path, app_url, accounts):
    """The provider's process and issuer, with `accounts` ({login: claims}) and our app registered as its one
    client. The caller terminates the process."""
    config = tmp_path / "provider.json"
    config.write_text(json.dumps({
        "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "accounts": accounts,
        "redirect_uri": f"{app_url}/oidc/callback/", "post_logout_redirect_uri": f"{app_url}/sign-in/"}))
    root = Path(__file__).resolve().parents[3]
    process = subprocess.Popen(["node", str(PROVIDER), str(config)], cwd=root, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
    ready, _, _ = select.select([process.stdout], [], [], 20)
    line = process.stdout.readline() if ready else ""
    if not line.startswith("listening "):
        process.kill()
        raise RuntimeError(f"the local OpenID Connect provider did not start (it said {line!r}); "
                           "is node_modules/oidc-provider installed (scripts/bootstrap.sh)?")
    return process, line.split()[1]


def configure(settings, issuer):
    """The settings the environment variables would give, set on pytest-django's `settings` fixture."""
    values = oidc_settings({
        "TRIANGULATE_OIDC_CLIENT_ID": CLIENT_ID, "TRIANGULATE_OIDC_CLIENT_SECRET": CLIENT_SECRET,
        "TRIANGULATE_OIDC_ISSUER": issuer, "TRIANGULATE_OIDC_AUTHORIZATION_ENDPOINT": f"{issuer}/auth",
        "TRIANGULATE_OIDC_TOKEN_ENDPOINT": f"{issuer}/token", "TRIANGULATE_OIDC_JWKS_ENDPOINT": f"{issuer}/jwks",
        "TRIANGULATE_OIDC_END_SESSION_ENDPOINT": f"{issuer}/session/end",
        "TRIANGULATE_OIDC_PROVIDER_NAME": "council"})
    for name, value in values.items():
        setattr(settings, name, value)
    csp = {**settings.SECURE_CSP}
    csp["form-action"] = [*csp["form-action"], provider_origin(issuer)]
    settings.SECURE_CSP = csp
