"""Feed tokens and the feed's credentials (docs/design/estate.md §4, docs/feed.md): hashed at rest, shown once,
only in the Authorization header; revoked, expired and unknown tokens refused with 401; scope with 403; GET only;
no cookie; every call logged; 120 calls a minute."""

import hashlib
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from triangulate.core.models import AuditEvent
from triangulate.core.roles import Role
from triangulate.feed import services
from triangulate.feed.models import FeedCall, FeedToken
from triangulate.feed.views import endpoints

from .helpers import feed_url, get, issue

# ---- tokens at rest ------------------------------------------------------------------------------------------


def test_a_token_is_kept_only_as_its_sha256_and_first_characters(world):
    issued = issue(world)
    secret, token = issued.secret, FeedToken.objects.get()
    assert secret.startswith("tri_") and len(secret) == 4 + 52  # 32 bytes in base32, no padding
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert token.prefix == secret[:12]
    stored = [str(v) for v in FeedToken.objects.values().get().values()]
    assert not any(secret in v or secret[12:] in v for v in stored)
    event = AuditEvent.objects.get(verb="feed_token.issued")
    assert secret not in str(event.changes) and token.token_hash not in str(event.changes)
    assert event.changes["scope"] == "aggregates" and event.changes["publication"] is False


def test_two_tokens_have_different_secrets(world):
    assert issue(world).secret != issue(world, name="Excel").secret


def test_only_the_system_administrator_issues_and_revokes(world):
    with pytest.raises(PermissionDenied):
        services.issue_token(actor=world.users[Role.QA_LEAD], name="x", purpose="y", scope="aggregates",
                             publication=False, expires_at=timezone.now() + timedelta(days=1))
    token = issue(world).token
    with pytest.raises(PermissionDenied):
        services.revoke_token(actor=world.users[Role.QA_LEAD], token=token)


def test_a_publication_token_cannot_be_given_the_children_scope(world, client_for):
    with pytest.raises(ValidationError):
        issue(world, scope=FeedToken.Scope.CHILDREN, publication=True)
    with pytest.raises(IntegrityError), transaction.atomic():  # nor by writing the row directly
        FeedToken.objects.create(name="x", purpose="y", scope="children", publication=True, token_hash="0" * 64,
                                 prefix="tri_x", created_by=world.users[Role.SYSTEM_ADMIN],
                                 expires_at=timezone.now() + timedelta(days=1))
    response = client_for(world.users[Role.SYSTEM_ADMIN]).post(reverse("feed:token_issue"), _form(
        scope="children", publication="on"))
    assert response.status_code == 200
    assert "A token for publication cannot read child-level lists" in response.content.decode()
    assert not FeedToken.objects.exists()


def _form(**changes):
    expires = timezone.localdate() + timedelta(days=90)
    data = {"name": "Performance Power BI", "purpose": "The monthly performance pack", "scope": "aggregates",
            "expires_on-day": expires.day, "expires_on-month": expires.month, "expires_on-year": expires.year}
    data.update(changes)
    return data


def test_the_secret_is_shown_once_on_the_issue_response_and_never_again(world, client_for):
    client = client_for(world.users[Role.SYSTEM_ADMIN])
    response = client.post(reverse("feed:token_issue"), _form())
    assert response.status_code == 200
    html = response.content.decode()
    token = FeedToken.objects.get()
    secret = next(word for word in html.replace('"', " ").split() if word.startswith("tri_") and len(word) == 56)
    assert hashlib.sha256(secret.encode()).hexdigest() == token.token_hash
    assert "no-store" in response["Cache-Control"]
    for page in (reverse("feed:token_list"), reverse("feed:call_log"), reverse("feed:token_revoke", args=[token.pk])):
        shown = client.get(page).content.decode()
        assert secret not in shown
        assert token.prefix in shown or page == reverse("feed:call_log")  # no call yet
    assert get(secret, "actions").status_code == 200  # the secret shown is the one that works


def test_revoking_asks_first_then_the_token_stops_working(world, client_for):
    issued = issue(world)
    client = client_for(world.users[Role.SYSTEM_ADMIN])
    confirm = client.get(reverse("feed:token_revoke", args=[issued.token.pk]))
    assert confirm.status_code == 200 and "will stop working at once" in confirm.content.decode()
    assert FeedToken.objects.get().revoked_at is None  # the GET changed nothing
    assert client.post(reverse("feed:token_revoke", args=[issued.token.pk])).status_code == 302
    token = FeedToken.objects.get()
    assert token.revoked_at is not None and token.revoked_by == world.users[Role.SYSTEM_ADMIN]
    assert AuditEvent.objects.filter(verb="feed_token.revoked", object_id=str(token.pk)).exists()
    response = get(issued.secret, "kpis")
    assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Bearer")


# ---- refusals ------------------------------------------------------------------------------------------------


def test_no_token_or_an_unknown_one_is_401_with_www_authenticate(world):
    issue(world)
    for secret in (None, "tri_" + "A" * 52, "not-a-token"):
        response = get(secret, "kpis")
        assert response.status_code == 401
        assert response["WWW-Authenticate"].startswith("Bearer")
    assert not FeedCall.objects.exists()  # no token to keep them against


def test_an_expired_token_is_401_and_the_refusal_is_logged(world):
    issued = issue(world)
    FeedToken.objects.filter(pk=issued.token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = get(issued.secret, "audits", "json")
    assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Bearer")
    call = FeedCall.objects.get()
    assert (call.token_id, call.endpoint, call.status) == (issued.token.pk, "audits", 401)


def test_a_token_in_the_address_is_ignored(world, client):
    issued = issue(world)
    for name in ("token", "access_token", "bearer"):
        response = client.get(feed_url("kpis"), {name: issued.secret})
        assert response.status_code == 401


def test_the_authorization_header_needs_the_bearer_scheme(world, client):
    issued = issue(world)
    assert client.get(feed_url("kpis"), headers={"Authorization": f"Token {issued.secret}"}).status_code == 401
    assert client.get(feed_url("kpis"), headers={"Authorization": f"bearer {issued.secret}"}).status_code == 200


def test_an_aggregates_token_is_403_on_children_and_so_is_a_publication_token(world):
    aggregates = issue(world)
    publication = issue(world, publication=True, name="Published")
    for issued in (aggregates, publication):
        response = get(issued.secret, "children", child_kpi="referrals")
        assert response.status_code == 403
    assert list(FeedCall.objects.values_list("status", flat=True)) == [403, 403]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_every_method_but_get_is_405(world, client, method):
    issued = issue(world)
    response = getattr(client, method)(feed_url("kpis"), headers={"Authorization": f"Bearer {issued.secret}"})
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"


def test_a_feed_response_sets_no_cookie_even_for_a_signed_in_browser(world, client_for):
    issued = issue(world)
    plain = get(issued.secret, "kpis")
    assert plain.status_code == 200 and not plain.cookies
    assert "Cookie" not in plain.get("Vary", "")
    browser = client_for(world.users[Role.QA_LEAD])  # a session cookie sent along changes nothing
    response = get(issued.secret, "actions", "json", client=browser)
    assert response.status_code == 200 and not response.cookies
    refused = get(None, "kpis", client=browser)  # the session is not a credential here
    assert refused.status_code == 401 and not refused.cookies


def test_the_feed_urls_are_public_to_the_sign_in_middleware_and_only_they_are(world):
    from triangulate.core.middleware.login_required import FEED_URL_NAMES

    assert endpoints.URL_NAMES == FEED_URL_NAMES


# ---- logging and rate -----------------------------------------------------------------------------------------


def test_every_call_is_logged_with_its_filters_rows_status_and_address(world):
    issued = issue(world)
    assert get(issued.secret, "actions", "json", team="council").status_code == 200
    assert get(issued.secret, "kpis", period="nonsense").status_code == 400
    calls = list(FeedCall.objects.order_by("pk").values("endpoint", "filters", "rows", "status", "address"))
    assert calls == [
        {"endpoint": "actions", "filters": {"team": "council"}, "rows": 0, "status": 200, "address": "127.0.0.1"},
        {"endpoint": "kpis", "filters": {"period": "nonsense"}, "rows": None, "status": 400, "address": "127.0.0.1"},
    ]
    assert FeedToken.objects.get().last_used_at is not None


def test_the_121st_call_in_a_minute_is_429(world):
    issued = issue(world)
    now = timezone.now()
    FeedCall.objects.bulk_create([FeedCall(token=issued.token, endpoint="kpis", status=200, at=now)
                                  for _ in range(endpoints.RATE_LIMIT - 1)])
    assert get(issued.secret, "actions").status_code == 200  # the 120th
    response = get(issued.secret, "actions")
    assert response.status_code == 429 and response["Retry-After"] == "60"
    assert FeedCall.objects.filter(status=429).count() == 1
    # a minute later the calls have aged out
    FeedCall.objects.update(at=now - timedelta(seconds=61))
    assert get(issued.secret, "actions").status_code == 200


def test_another_token_is_not_slowed_by_the_first(world):
    first, second = issue(world), issue(world, name="Excel")
    FeedCall.objects.bulk_create([FeedCall(token=first.token, endpoint="kpis", status=200)
                                  for _ in range(endpoints.RATE_LIMIT)])
    assert get(first.secret, "actions").status_code == 429
    assert get(second.secret, "actions").status_code == 200


def test_an_unknown_format_is_not_found(world, client):
    issued = issue(world)
    response = client.get("/feed/v1/kpis.xlsx", headers={"Authorization": f"Bearer {issued.secret}"})
    assert response.status_code == 404


def test_the_call_log_page_lists_the_calls_and_the_qa_lead_reads_it(world, client_for):
    issued = issue(world, name="Monthly pack")
    get(issued.secret, "kpis", period="2025-03")
    get(issued.secret, "children", child_kpi="referrals")
    html = client_for(world.users[Role.QA_LEAD]).get(reverse("feed:call_log") + f"?token={issued.token.pk}")
    text = html.content.decode()
    assert html.status_code == 200
    assert "Monthly pack" in text and "period=2025-03" in text and "children/referrals" in text and ">403<" in text
    listing = client_for(world.users[Role.QA_LEAD]).get(reverse("feed:token_list")).content.decode()
    assert "Monthly pack" in listing and "Issue a token" not in listing  # the QA lead reads, does not issue
