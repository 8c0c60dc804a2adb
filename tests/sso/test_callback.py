"""The way back from the provider (sso/views/signin.py, sso/backend.py): state, nonce and PKCE are checked, and a
token for another issuer, application or tenant, expired, unsigned or signed with the wrong key signs nobody in;
`next` stays on this host; SSO switched off answers 404. Every refusal ends on the sign-in page with a sentence."""

from urllib.parse import parse_qs, urlsplit

import pytest

from triangulate.config.settings.oidc import oidc_settings
from triangulate.core.roles import Role
from triangulate.sso.models import ExternalIdentity

from .token_server import OTHER_KEY, TokenServer

CLIENT_ID = "our-client"


@pytest.fixture
def provider(settings):
    server = TokenServer()
    for name, value in oidc_settings({
            "TRIANGULATE_OIDC_CLIENT_ID": CLIENT_ID, "TRIANGULATE_OIDC_CLIENT_SECRET": "the-client-secret-for-these-tests-only",
            "TRIANGULATE_OIDC_ISSUER": server.url, "TRIANGULATE_OIDC_AUTHORIZATION_ENDPOINT": f"{server.url}/auth",
            "TRIANGULATE_OIDC_TOKEN_ENDPOINT": f"{server.url}/token",
            "TRIANGULATE_OIDC_JWKS_ENDPOINT": f"{server.url}/jwks"}).items():
        setattr(settings, name, value)
    yield server
    server.close()


@pytest.fixture
def tina(world):
    user = world.users[Role.AUDITOR]
    user.email = "tina@council.gov.uk"
    user.save()
    return user


def start(client, next_url="/people/teams/"):
    response = client.get("/oidc/authenticate/", {"next": next_url})
    assert response.status_code == 302
    query = parse_qs(urlsplit(response["Location"]).query)
    assert query["code_challenge_method"] == ["S256"] and query["redirect_uri"] == ["http://testserver/oidc/callback/"]
    return query["state"][0], query["nonce"][0]


def come_back(client, state):
    return client.get("/oidc/callback/", {"code": "a-code", "state": state})


def refusal_shown(client, response):
    assert response.status_code == 302 and response["Location"] == "/sign-in/"
    page = client.get("/sign-in/").content.decode()
    assert "_auth_user_id" not in client.session
    return page.split('<h2 class="govuk-error-summary__title">You could not be signed in</h2>', 1)[1].split("</p>")[0]


def test_a_good_token_signs_in_and_returns_to_next(client, provider, tina):
    state, nonce = start(client)
    provider.claims = provider.good_claims(CLIENT_ID, nonce)
    response = come_back(client, state)
    assert (response.status_code, response["Location"]) == (302, "/people/teams/")
    assert client.session["_auth_user_id"] == str(tina.pk)
    assert "code_verifier=" in provider.token_requests[0]  # PKCE: the verifier goes with the code


@pytest.mark.parametrize("change", [
    {"nonce": "a-nonce-from-another-sign-in"},
    {"iss": "https://login.example.net/someone-else"},
    {"aud": "another-application"},
    {"exp": None},
    {"exp": 1_000_000_000},  # long expired
    {"oid": None, "sub": None},
])
def test_a_token_failing_a_check_signs_nobody_in(client, provider, tina, change):
    state, nonce = start(client)
    provider.claims = provider.good_claims(CLIENT_ID, nonce, change)
    assert "did not work" in refusal_shown(client, come_back(client, state))
    assert not ExternalIdentity.objects.exists()


@pytest.mark.parametrize("how", ["none", "HS256", "another key"])
def test_an_unsigned_or_wrongly_signed_token_signs_nobody_in(client, provider, tina, how):
    state, nonce = start(client)
    provider.claims = provider.good_claims(CLIENT_ID, nonce)
    if how == "another key":
        provider.key = OTHER_KEY
    else:
        provider.algorithm = how
    assert "did not work" in refusal_shown(client, come_back(client, state))


def test_the_tenant_must_be_the_councils(client, provider, tina, settings):
    settings.TRIANGULATE_SSO = {**settings.TRIANGULATE_SSO, "TENANT": "72f988bf-86f1-41af-91ab-2d7cd011db47"}
    state, nonce = start(client)
    provider.claims = provider.good_claims(CLIENT_ID, nonce, {"tid": "0e4f1c2d-0000-4000-8000-000000000000"})
    assert "did not work" in refusal_shown(client, come_back(client, state))


def test_a_state_this_browser_was_never_given_is_refused(client, provider, tina):
    start(client)
    provider.claims = provider.good_claims(CLIENT_ID, "whatever")
    assert "did not work" in refusal_shown(client, come_back(client, "a-state-from-someone-elses-browser"))
    assert provider.token_requests == []  # no code was exchanged


def test_a_state_is_used_once(client, provider, tina):
    state, nonce = start(client)
    provider.claims = provider.good_claims(CLIENT_ID, nonce)
    assert come_back(client, state)["Location"] == "/people/teams/"
    client.post("/sign-out/")
    assert "did not work" in refusal_shown(client, come_back(client, state))  # a replayed answer


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/path", "/\\evil.example",
                                      "javascript:alert(1)"])
def test_next_never_leaves_this_host(client, provider, tina, next_url):
    state, nonce = start(client, next_url)
    provider.claims = provider.good_claims(CLIENT_ID, nonce)
    assert come_back(client, state)["Location"] == "/"


def test_someone_without_an_account_reads_why_on_the_sign_in_page(client, provider, world):
    state, nonce = start(client)
    provider.claims = provider.good_claims(CLIENT_ID, nonce, {"email": "nobody@council.gov.uk"})
    sentence = refusal_shown(client, come_back(client, state))
    assert "There is no Triangulate account for you" in sentence
    assert "could not be signed in" not in client.get("/sign-in/").content.decode()  # said once


def test_a_password_sign_in_with_code_and_state_in_its_address_starts_no_exchange(client, provider, world):
    from ..factories import PASSWORD

    response = client.post("/sign-in/?code=x&state=y", {"username": "qa_lead", "password": PASSWORD})
    assert response.status_code == 302 and provider.token_requests == []


def test_refused_sign_ins_with_the_provider_never_lock_an_address_out(client, provider, world):
    for _ in range(6):
        state, nonce = start(client)
        provider.claims = provider.good_claims(CLIENT_ID, nonce, {"email": "nobody@council.gov.uk"})
        refusal_shown(client, come_back(client, state))
    from axes.models import AccessAttempt

    assert not AccessAttempt.objects.exists()


def test_switched_off_the_provider_pages_do_not_exist_and_sign_in_shows_no_button(client, world):
    assert client.get("/oidc/authenticate/").status_code == 404
    assert client.get("/oidc/callback/", {"code": "c", "state": "s"}).status_code == 404
    assert b"council account" not in client.get("/sign-in/").content


def test_sign_in_page_offers_the_council_account_first(client, provider, world):
    page = client.get("/sign-in/?next=/people/teams/")
    assert b'href="/oidc/authenticate/?next=%2Fpeople%2Fteams%2F"' in page.content
    assert b"Sign in with your council account" in page.content
