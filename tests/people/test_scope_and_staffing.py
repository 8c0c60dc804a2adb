import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from triangulate.core.models import AuditEvent
from triangulate.core.roles import Role
from triangulate.people import selectors, services
from triangulate.people.models import StaffMember, Team, TeamMembership, UserProfile

from ..factories import ServiceAreaFactory, StaffFactory, TeamFactory, add_to_team, make_user


def test_team_scoped_roles_see_only_their_teams(world):
    own, other = world.own, world.other
    assert list(selectors.teams_visible_to(world.users[Role.PRACTITIONER])) == [own]
    assert list(selectors.teams_visible_to(world.users[Role.TEAM_MANAGER])) == [own]
    assert list(selectors.teams_visible_to(world.users[Role.SERVICE_MANAGER])) == [own]
    for role in (Role.AUDITOR, Role.QA_LEAD, Role.INSPECTOR, Role.SENIOR_LEADER):
        assert set(selectors.teams_visible_to(world.users[role])) == {own, other}


def test_a_service_manager_sees_every_team_in_their_service_areas(world):
    third = TeamFactory(name="Safeguarding North 2", service_area=world.own.service_area)
    assert set(selectors.teams_visible_to(world.users[Role.SERVICE_MANAGER])) == {world.own, third}


def test_a_practitioner_who_moved_teams_sees_only_the_new_team(world):
    worker = world.own_worker
    services.move_staff(actor=world.users[Role.SYSTEM_ADMIN], staff=worker, team=world.other, on=timezone.localdate())
    user = world.users[Role.PRACTITIONER]
    assert list(selectors.teams_visible_to(user)) == [world.other]


def test_extra_teams_on_an_account_widen_its_scope(world):
    user = make_user(Role.TEAM_MANAGER, teams=[world.other], username="cover")
    assert list(selectors.teams_visible_to(user)) == [world.other]


def test_elected_members_see_teams_but_no_individual_staff(world):
    user = world.users[Role.ELECTED_MEMBER]
    assert selectors.teams_visible_to(user).count() == 2
    assert selectors.staff_visible_to(user).count() == 0


def test_leavers_stay_visible_to_their_former_team(world):
    leaver = StaffFactory(last_name="Leaver", leave_date=date(2025, 3, 31))
    add_to_team(leaver, world.own, end=date(2025, 3, 31))
    assert leaver in selectors.staff_visible_to(world.users[Role.TEAM_MANAGER])
    assert leaver not in StaffMember.objects.in_post_on(date(2025, 4, 1))
    assert leaver in StaffMember.objects.in_post_on(date(2025, 3, 30))


def test_team_staffing_counts_fte_agency_and_vacancies_on_the_day(db):
    day = date(2026, 6, 1)
    team = TeamFactory(establishment_fte=Decimal("5"))
    permanent = StaffFactory(fte=Decimal("1"))
    part_time = StaffFactory(fte=Decimal("0.6"))
    agency = StaffFactory(fte=Decimal("1"), employment="agency")
    manager = StaffFactory(fte=Decimal("1"), role="team_manager")
    left_council = StaffFactory(fte=Decimal("1"), leave_date=date(2026, 5, 31))
    moved_out = StaffFactory(fte=Decimal("1"))
    not_started = StaffFactory(fte=Decimal("1"), start_date=date(2026, 6, 2))
    for member in (permanent, part_time, agency, manager, left_council, not_started):
        add_to_team(member, team, start=member.start_date)
    add_to_team(moved_out, team, end=date(2026, 6, 1))  # end is exclusive: gone on the day
    row = next(selectors.team_staffing(Team.objects.filter(pk=team.pk), day))
    assert row.headcount == 4
    assert row.fte_in_post == Decimal("3.6")
    assert row.agency_fte == Decimal("1")
    assert row.case_holding_fte == Decimal("2.6")  # the manager holds no caseload
    assert row.permanent_fte == Decimal("2.6")
    assert row.vacancy_fte == Decimal("2.4")  # 5 − 2.6 permanent: the agency worker covers a vacant post (DfE)
    assert round(row.agency_share, 1) == Decimal("27.8")  # 1 / 3.6


def test_an_empty_team_has_no_agency_share_rather_than_a_division_error(db):
    team = TeamFactory(establishment_fte=Decimal("3"))
    row = next(selectors.team_staffing(Team.objects.filter(pk=team.pk), date(2026, 1, 1)))
    assert (row.headcount, row.fte_in_post, row.vacancy_fte, row.agency_share) == (0, 0, Decimal("3"), None)


def test_moving_staff_closes_the_old_spell_and_is_audited(world):
    on = date(2026, 3, 2)
    services.move_staff(actor=world.users[Role.SYSTEM_ADMIN], staff=world.own_worker, team=world.other, on=on)
    spells = list(TeamMembership.objects.filter(staff=world.own_worker).order_by("start_date")
                  .values_list("team__name", "start_date", "end_date"))
    assert spells == [(world.own.name, date(2020, 1, 6), on), (world.other.name, on, None)]
    assert AuditEvent.objects.filter(verb="staff.moved_team", object_id=str(world.own_worker.pk)).count() == 1


def test_inspector_accounts_must_end_within_28_days(world):
    with pytest.raises(ValidationError, match="at most 28 days"):
        services.create_account(actor=world.users[Role.SYSTEM_ADMIN], username="ofsted1", password="x" * 20, role=Role.INSPECTOR,
                                expires_at=timezone.now() + timedelta(days=29))
    with pytest.raises(ValidationError, match="date the inspector's access ends"):
        services.create_account(actor=world.users[Role.SYSTEM_ADMIN], username="ofsted1", password="x" * 20, role=Role.INSPECTOR)
    user = services.create_account(actor=world.users[Role.SYSTEM_ADMIN], username="ofsted1", password="x" * 20, role=Role.INSPECTOR,
                                   expires_at=timezone.now() + timedelta(days=27))
    assert user.profile.is_current()


def test_changing_access_records_old_and_new_values(world):
    user = world.users[Role.PRACTITIONER]
    admin = world.users[Role.SYSTEM_ADMIN]
    services.change_access(actor=admin, user=user, role=Role.TEAM_MANAGER, staff=world.own_worker)
    event = AuditEvent.objects.get(verb="account.access_changed")
    assert event.actor == admin
    assert event.changes == {"role": ["practitioner", "team_manager"]}


def test_an_admin_creates_an_account_through_the_form(world, client_for):
    area = ServiceAreaFactory(name="Early help")
    response = client_for(world.users[Role.SYSTEM_ADMIN]).post("/people/users/new/", {
        "username": "new.manager", "first_name": "Nia", "last_name": "Jones", "email": "nia@example.gov.uk",
        "password": "correct horse battery staple", "role": "service_manager", "service_areas": [str(area.pk)],
        "expires_on-day": "", "expires_on-month": "", "expires_on-year": ""})
    assert response.status_code == 302
    profile = UserProfile.objects.get(user__username="new.manager")
    assert (profile.role, list(profile.service_areas.all())) == ("service_manager", [area])
    assert profile.user.check_password("correct horse battery staple")


def test_account_form_errors_are_summarised_and_nothing_is_saved(world, client_for):
    response = client_for(world.users[Role.SYSTEM_ADMIN]).post("/people/users/new/", {
        "username": "bad name!", "password": "short", "role": "inspector", "email": "not-an-email",
        "expires_on-day": "31", "expires_on-month": "2", "expires_on-year": "2027"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Username must only include letters" in html
    assert "This password is too short" in html
    assert "Enter an email address in the correct format" in html
    assert "The date access ends must be a real date" in html
    assert 'value="short"' not in html  # passwords are never echoed back
    assert not UserProfile.objects.filter(user__username="bad name!").exists()


def test_the_team_page_counts_an_agency_covered_post_as_vacant(world, client_for):
    add_to_team(StaffFactory(employment="agency", fte=Decimal("1")), world.own)
    html = client_for(world.users[Role.TEAM_MANAGER]).get(reverse("people:team_detail", args=[world.own.pk]))
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.content.decode()))
    # 10 funded posts; Olive and Mo permanent (2.0): 8.0 vacant, the agency worker's 1.0 beside it
    assert "Vacant FTE (posts with no permanent member of staff, agency-covered included) 8.0" in text
    assert "Agency FTE in post 1.0" in text
