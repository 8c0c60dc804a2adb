"""Two people editing the same record: the later save, drawn from an older page, is refused with what is
stored now beside the user's own entries, never laid over the earlier save (issue 8, "Edits silently
overwrite each other"). And a POST that sends nothing changes nothing."""

import html as html_lib
import re
from datetime import date, timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from triangulate.core.models import AuditEvent
from triangulate.core.roles import Role
from triangulate.people import services
from triangulate.people.models import Council, StaffMember, StatisticalNeighbour, Team, UserProfile

from ..factories import make_user


def version_on(client, url):
    """The version the edit page was drawn from, as its hidden input carries it."""
    page = client.get(url).content.decode()
    return re.search(r'name="version" value="(\d+)"', page).group(1)


def text_of(response):
    return html_lib.unescape(response.content.decode())


def team_post(team, version, **changes):
    data = {"name": team.name, "team_type": team.team_type, "service_area": str(team.service_area_id or ""),
            "locality": "", "establishment_fte": str(team.establishment_fte),
            "case_system_name": team.case_system_name, "is_active": "on", "version": version}
    return {**data, **changes}


def test_a_team_edit_from_an_older_page_is_refused_and_keeps_the_first_save(world, client_for):
    a, b = client_for(world.users[Role.SYSTEM_ADMIN]), client_for(make_user(Role.SYSTEM_ADMIN, username="admin2"))
    url = reverse("people:team_edit", args=[world.own.pk])
    seen_by_a, seen_by_b = version_on(a, url), version_on(b, url)
    assert seen_by_a == seen_by_b == "1"
    assert a.post(url, team_post(world.own, seen_by_a, establishment_fte="12")).status_code == 302
    # B's page still shows 10 funded posts; B only meant to set the extract name.
    response = b.post(url, team_post(world.own, seen_by_b, case_system_name="SGN1"))
    assert response.status_code == 200
    page = text_of(response)
    assert "Not saved" in page and "Stored now" in page
    assert re.search(r"Funded posts \(FTE\).*?</th>\s*<td[^>]*>12</td>\s*<td[^>]*>10</td>", page, re.S)
    assert 'value="SGN1"' in page  # B's own entry is still in the form
    team = Team.objects.get(pk=world.own.pk)
    assert (team.establishment_fte, team.case_system_name, team.version) == (Decimal("12"), "", 2)
    # The refused page stands on version 2: saving it again keeps B's entries on purpose.
    assert 'name="version" value="2"' in page
    assert b.post(url, team_post(team, "2", case_system_name="SGN1")).status_code == 302
    team.refresh_from_db()
    assert (team.establishment_fte, team.case_system_name, team.version) == (Decimal("12"), "SGN1", 3)


def staff_post(member, version, **changes):
    data = {"staff_ref": member.staff_ref, "first_name": member.first_name, "last_name": member.last_name,
            "role": member.role, "fte": str(member.fte), "employment": member.employment,
            "start_date-day": str(member.start_date.day), "start_date-month": str(member.start_date.month),
            "start_date-year": str(member.start_date.year),
            "leave_date-day": "", "leave_date-month": "", "leave_date-year": "", "version": version}
    return {**data, **changes}


def test_a_staff_edit_from_an_older_page_does_not_put_back_the_old_role(world, client_for):
    a, b = client_for(world.users[Role.SYSTEM_ADMIN]), client_for(world.users[Role.SYSTEM_ADMIN])
    member = world.own_worker
    url = reverse("people:staff_edit", args=[member.pk])
    seen = version_on(a, url)
    assert a.post(url, staff_post(member, seen, role="senior_practitioner")).status_code == 302
    response = b.post(url, staff_post(member, seen, fte="0.6"))
    assert "Not saved" in text_of(response)
    member = StaffMember.objects.get(pk=member.pk)
    assert (member.role, member.fte) == ("senior_practitioner", Decimal("1.00"))


def test_a_council_edit_from_an_older_page_is_refused(world, client_for):
    a, b = client_for(world.users[Role.SYSTEM_ADMIN]), client_for(world.users[Role.SYSTEM_ADMIN])
    url = reverse("people:council_edit")
    seen = version_on(a, url)
    assert a.post(url, {"name": "Testshire County Council", "la_code": "999", "region": "north_east",
                        "version": seen}).status_code == 302
    response = b.post(url, {"name": "Testshire Council", "la_code": "999", "region": "north_west",
                            "version": seen})
    page = text_of(response)
    assert "Not saved" in page
    assert re.search(r"Council name.*?<td[^>]*>Testshire County Council</td>\s*<td[^>]*>Testshire Council</td>",
                     page, re.S)
    council = Council.objects.get()
    assert (council.name, council.region) == ("Testshire County Council", "north_east")


def access_post(version, role, staff="", teams=(), **extra):
    return {"role": role, "staff": staff, "teams": [str(t) for t in teams], "expires_on-day": "",
            "expires_on-month": "", "expires_on-year": "", "new_password": "", "version": version, **extra}


def test_an_access_edit_from_an_older_page_does_not_undo_a_role_change(world, client_for):
    a, b = client_for(world.users[Role.SYSTEM_ADMIN]), client_for(world.users[Role.SYSTEM_ADMIN])
    account = world.users[Role.PRACTITIONER]
    url = reverse("people:user_edit", args=[account.pk])
    seen = version_on(a, url)
    staff = str(world.own_worker.pk)
    assert a.post(url, access_post(seen, "team_manager", staff)).status_code == 302
    response = b.post(url, access_post(seen, "practitioner", staff, teams=[world.other.pk]))
    assert "Not saved" in text_of(response)
    profile = UserProfile.objects.get(user=account)
    assert profile.role == "team_manager"
    assert list(profile.teams.all()) == []


def test_a_post_with_nothing_in_it_leaves_an_account_as_it_was(world, client_for):
    account = make_user(Role.INSPECTOR, staff=world.other_worker, teams=[world.other], username="ofsted",
                        expires_at=timezone.now() + timedelta(days=10))
    before = UserProfile.objects.get(user=account)
    response = client_for(world.users[Role.SYSTEM_ADMIN]).post(reverse("people:user_edit", args=[account.pk]),
                                                                   {"csrfmiddlewaretoken": "only this"})
    assert response.status_code == 302
    profile = UserProfile.objects.get(user=account)
    assert (profile.role, profile.staff, profile.expires_at, list(profile.teams.all()), profile.version) == \
        ("inspector", world.other_worker, before.expires_at, [world.other], 1)
    assert not AuditEvent.objects.filter(verb="account.access_changed").exists()


def test_an_access_edit_does_not_switch_a_switched_off_account_back_on(world, client_for):
    account = world.users[Role.PRACTITIONER]
    account.is_active = False
    account.save(update_fields=["is_active"])
    client = client_for(world.users[Role.SYSTEM_ADMIN])
    url = reverse("people:user_edit", args=[account.pk])
    response = client.post(url, access_post(version_on(client, url), "auditor", str(world.own_worker.pk)))
    assert response.status_code == 302
    account.refresh_from_db()
    assert (account.profile.role, account.is_active) == ("auditor", False)
    assert AuditEvent.objects.get(verb="account.access_changed").changes == {"role": ["practitioner", "auditor"]}


def test_the_service_changes_only_the_access_it_is_given(world):
    account = world.users[Role.SERVICE_MANAGER]
    services.change_access(actor=world.users[Role.SYSTEM_ADMIN], user=account, teams=[world.other])
    profile = UserProfile.objects.get(user=account)
    assert (profile.role, list(profile.service_areas.all()), list(profile.teams.all())) == \
        ("service_manager", [world.own.service_area], [world.other])


def test_an_empty_post_keeps_the_statistical_neighbours(world, client_for):
    client = client_for(world.users[Role.QA_LEAD])
    url = reverse("people:neighbours_edit")
    client.post(url, {"neighbours": "929 Northumberland\n940 Durham"})
    assert client.post(url, {"csrfmiddlewaretoken": "only this"}).status_code == 302
    assert list(StatisticalNeighbour.objects.values_list("la_code", flat=True)) == ["929", "940"]


def test_removing_the_neighbours_on_purpose_is_audited_so_the_list_can_be_typed_back(world, client_for):
    client = client_for(world.users[Role.QA_LEAD])
    url = reverse("people:neighbours_edit")
    client.post(url, {"neighbours": "929 Northumberland\n940 Durham"})
    assert client.post(url, {"neighbours": "", "version": version_on(client, url)}).status_code == 302
    assert StatisticalNeighbour.objects.count() == 0
    event = AuditEvent.objects.filter(verb="council.neighbours_replaced").first()
    assert event.changes["before"] == [["929", "Northumberland"], ["940", "Durham"]]
    assert event.changes["after"] == []


def test_a_neighbour_list_from_an_older_page_is_refused(world, client_for):
    a, b = client_for(world.users[Role.QA_LEAD]), client_for(world.users[Role.QA_LEAD])
    url = reverse("people:neighbours_edit")
    seen = version_on(a, url)
    assert a.post(url, {"neighbours": "929 Northumberland", "version": seen}).status_code == 302
    response = b.post(url, {"neighbours": "940 Durham", "version": seen})
    page = text_of(response)
    assert "Not saved" in page
    assert re.search(r"<td[^>]*>929 Northumberland</td>\s*<td[^>]*>940 Durham</td>", page)
    assert list(StatisticalNeighbour.objects.values_list("la_code", flat=True)) == ["929"]


def test_an_unchanged_save_from_an_older_page_is_not_refused(world):
    # Nothing would be overwritten, so there is nothing to refuse; the version does not move.
    team = world.own
    services.update_team(actor=world.users[Role.SYSTEM_ADMIN], team=Team.objects.get(pk=team.pk), establishment_fte=Decimal("11"))
    services.update_team(actor=world.users[Role.SYSTEM_ADMIN], team=Team.objects.get(pk=team.pk), expected_version=1,
                         establishment_fte=Decimal("11"))
    assert Team.objects.get(pk=team.pk).version == 2


def test_a_leaving_date_from_an_older_page_is_refused_too(world):
    from triangulate.core.concurrency import StaleEdit

    member = world.own_worker
    services.update_staff(actor=world.users[Role.SYSTEM_ADMIN], member=StaffMember.objects.get(pk=member.pk), fte=Decimal("0.5"))
    try:
        services.update_staff(actor=world.users[Role.SYSTEM_ADMIN], member=StaffMember.objects.get(pk=member.pk), expected_version=1,
                              leave_date=date(2026, 12, 31))
    except StaleEdit as stale:
        assert (stale.current.version, stale.expected) == (2, 1)
    else:
        raise AssertionError("a stale save went through")
    assert StaffMember.objects.get(pk=member.pk).leave_date is None
    assert member.memberships.get().end_date is None  # the team spell was not ended either
