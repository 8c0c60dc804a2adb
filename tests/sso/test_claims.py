"""The id token rules mozilla-django-oidc leaves to us (sso/claims.py), on hand-made claims."""

import pytest

from triangulate.sso.claims import (
    Mapping,
    TokenRefused,
    check_token,
    decide_access,
    email_of,
    groups_overflowed,
    memberships,
    subject_of,
)

ISSUER = "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0"
TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47"
GOOD = {"iss": ISSUER, "aud": "our-client", "exp": 1_900_000_000, "tid": TENANT, "oid": "o-1", "sub": "s-1"}


def test_a_token_from_our_tenant_for_us_passes():
    check_token(GOOD, issuer=ISSUER, client_id="our-client", tenant=TENANT)
    check_token({**GOOD, "aud": ["our-client", "other"], "azp": "our-client"}, issuer=ISSUER, client_id="our-client")


@pytest.mark.parametrize(("change", "why"), [
    ({"iss": "https://login.microsoftonline.com/another-tenant/v2.0"}, "issued by someone other"),
    ({"aud": "another-councils-app"}, "another application"),
    ({"aud": ["another-councils-app", "our-client"]}, "another application"),  # several audiences, no azp naming us
    ({"exp": None}, "no expiry"),
    ({"tid": "0e4f1c2d-0000-4000-8000-000000000000"}, "another organisation"),
    ({"oid": None, "sub": None}, "does not say who"),
])
def test_a_token_for_someone_else_or_without_what_sign_in_needs_is_refused(change, why):
    with pytest.raises(TokenRefused, match=why):
        check_token({k: v for k, v in {**GOOD, **change}.items() if v is not None}, issuer=ISSUER,
                    client_id="our-client", tenant=TENANT)


def test_entras_oid_is_the_subject_else_sub():
    assert subject_of({"oid": "o-1", "sub": "per-app-sub"}) == "o-1"
    assert subject_of({"sub": "s-9"}) == "s-9"
    assert subject_of({}) == ""


def test_the_address_is_email_else_an_address_like_upn_lower_cased():
    assert email_of({"email": " Tina.Marsh@Council.GOV.uk "}) == "tina.marsh@council.gov.uk"
    assert email_of({"preferred_username": "T.Marsh@council.gov.uk"}) == "t.marsh@council.gov.uk"
    assert email_of({"preferred_username": "tmarsh"}) == ""  # a bare login is not an address
    assert email_of({"email": None, "preferred_username": "a@b.c"}) == "a@b.c"


def test_memberships_are_groups_and_app_roles_ignoring_odd_values():
    claims = {"groups": ["g1", "g2", {"odd": 1}], "roles": ["Triangulate.Auditor"], "wids": ["admin-role"]}
    assert memberships(claims) == {"g1", "g2", "Triangulate.Auditor"}
    assert memberships({"groups": "g1"}) == set()  # not a list: nothing is guessed
    assert groups_overflowed({"_claim_names": {"groups": "src1"}})
    assert not groups_overflowed({"groups": []})


TM_NORTH = Mapping("tm-north", "team_manager", frozenset({1}), frozenset())
TM_SOUTH = Mapping("tm-south", "team_manager", frozenset({2}), frozenset())
AUDITORS = Mapping("auditors", "auditor", frozenset(), frozenset())
SM = Mapping("sm-safeguarding", "service_manager", frozenset(), frozenset({7}))


def test_the_first_held_mapping_gives_the_role_and_its_role_mates_the_teams():
    ranked = [SM, TM_NORTH, AUDITORS, TM_SOUTH]
    access = decide_access({"tm-north", "auditors", "tm-south"}, ranked)
    assert (access.role, access.team_ids, access.service_area_ids) == ("team_manager", {1, 2}, set())
    access = decide_access({"auditors", "sm-safeguarding", "tm-north"}, ranked)
    assert (access.role, access.team_ids, access.service_area_ids) == ("service_manager", set(), {7})
    assert decide_access({"unmapped"}, ranked) is None
    assert decide_access(set(), ranked) is None
