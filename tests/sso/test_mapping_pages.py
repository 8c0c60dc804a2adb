"""The system administrator's group mappings (sso/views/mappings.py): saved through services, audited, a stale save
refused with both versions shown; and sign-out at the provider (core/views/auth.py)."""

from urllib.parse import parse_qs, urlsplit

from triangulate.core.models import AuditEvent
from triangulate.core.roles import Role
from triangulate.sso.models import GroupMapping


def test_an_administrator_maps_changes_and_removes_a_group(world, client_for):
    admin = client_for(world.users[Role.SYSTEM_ADMIN])
    response = admin.post("/people/council-sign-in/new/", {
        "label": "CSC team managers", "claim_value": " 0b6f7e1c-5d7a-4c55-9a36-2f4e8c1d9a10 ",
        "role": Role.TEAM_MANAGER, "teams": [world.own.pk], "rank": "20"})
    assert response.status_code == 302
    mapping = GroupMapping.objects.get()
    assert (mapping.claim_value, mapping.role, list(mapping.teams.all())) == (
        "0b6f7e1c-5d7a-4c55-9a36-2f4e8c1d9a10", Role.TEAM_MANAGER, [world.own])
    listing = admin.get("/people/council-sign-in/").content.decode()
    assert "CSC team managers" in listing and "Sign-in with the council's accounts is off" in listing

    duplicate = admin.post("/people/council-sign-in/new/", {
        "label": "Again", "claim_value": "0b6f7e1c-5d7a-4c55-9a36-2f4e8c1d9a10", "role": Role.AUDITOR, "rank": "5"})
    assert duplicate.status_code == 200 and "Another row already maps this group" in duplicate.content.decode()

    edit = f"/people/council-sign-in/{mapping.pk}/edit/"
    assert admin.post(edit, {"label": "CSC team managers", "claim_value": mapping.claim_value, "role": Role.AUDITOR,
                             "rank": "20", "version": "1"}).status_code == 302
    stale = admin.post(edit, {"label": "Old page", "claim_value": mapping.claim_value, "role": Role.TEAM_MANAGER,
                              "rank": "20", "version": "1"})
    assert stale.status_code == 200 and "Someone else saved this" in stale.content.decode()
    mapping.refresh_from_db()
    assert (mapping.role, mapping.label, list(mapping.teams.all())) == (Role.AUDITOR, "CSC team managers", [])

    assert admin.post(f"/people/council-sign-in/{mapping.pk}/delete/", {"version": "2"}).status_code == 302
    assert not GroupMapping.objects.exists()
    verbs = list(AuditEvent.objects.filter(object_type="sso.groupmapping").values_list("verb", flat=True))
    assert sorted(verbs) == ["sso_group_mapping.created", "sso_group_mapping.deleted", "sso_group_mapping.updated"]


def test_signing_out_after_the_providers_sign_in_ends_its_session_too(world, client_for, settings):
    settings.OIDC_RP_CLIENT_ID = "our-client"
    settings.TRIANGULATE_SSO = {**settings.TRIANGULATE_SSO, "END_SESSION_ENDPOINT": "https://idp.example/logout"}
    client = client_for(world.users[Role.AUDITOR])
    session = client.session
    session["oidc_id_token"] = "header.payload.signature"
    session.save()
    response = client.post("/sign-out/")
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == "https://idp.example/logout"
    assert parse_qs(location.query) == {"id_token_hint": ["header.payload.signature"], "client_id": ["our-client"],
                                        "post_logout_redirect_uri": ["http://testserver/sign-in/"]}
    assert "_auth_user_id" not in client.session

    password_user = client_for(world.users[Role.INSPECTOR])  # signed in with a password: no id token
    assert password_user.post("/sign-out/")["Location"] == "/sign-in/"


def test_the_account_page_says_when_groups_set_the_access(world, client_for):
    from triangulate.sso.models import ExternalIdentity

    manager = world.users[Role.TEAM_MANAGER]
    admin = client_for(world.users[Role.SYSTEM_ADMIN])
    assert "council account" not in admin.get(f"/people/users/{manager.pk}/").content.decode()
    ExternalIdentity.objects.create(user=manager, issuer="https://idp.example", subject="s", access_from_groups=True)
    page = admin.get(f"/people/users/{manager.pk}/").content.decode()
    assert "signs in with their council account: their role and teams come from their council groups" in page


def test_no_password_can_be_given_to_someone_who_signs_in_with_the_council(world, client_for):
    from triangulate.core.models import AuditEvent as Event
    from triangulate.sso.models import ExternalIdentity

    manager = world.users[Role.TEAM_MANAGER]
    manager.set_unusable_password()
    manager.save()
    ExternalIdentity.objects.create(user=manager, issuer="https://idp.example", subject="s")
    admin = client_for(world.users[Role.SYSTEM_ADMIN])
    assert 'name="new_password"' not in admin.get(f"/people/users/{manager.pk}/").content.decode()
    admin.post(f"/people/users/{manager.pk}/", {"role": Role.TEAM_MANAGER, "new_password": "Correct-Horse-Battery-9"})
    manager.refresh_from_db()
    assert not manager.has_usable_password()
    assert not Event.objects.filter(verb="account.password_reset", object_id=str(manager.pk)).exists()
