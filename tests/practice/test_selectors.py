"""observations_visible_to and visits_visible_to are the rules of rules.py as one query: over a grid of three
events (organised by the QA lead, a senior leader and the principal social worker; observations handed in and
draft, in the own and the other team, by staff, a guest with an account and a guest on paper) every role's
queryset holds exactly what `has_perm(VIEW_OBSERVATIONS)` and `has_perm(VIEW_TIMETABLE)` allow, and a guest's
exactly what OBSERVE and GUEST_VISITS allow."""

import pytest

from triangulate.core.roles import Role
from triangulate.practice.models import Observation
from triangulate.practice.rules import Perm
from triangulate.practice.selectors import observations_visible_to, visits_visible_to

from ..factories import make_user
from .factories import AssessorFactory, EventTeamFactory, ObservationFactory, VisitFactory, make_event, make_guest

HANDED_IN, DRAFT = Observation.State.HANDED_IN, Observation.State.DRAFT


@pytest.fixture
def grid(world):
    u = world.users
    council = world.own.council
    e1 = make_event(council=council, organisers=[u[Role.QA_LEAD]], headings=False)
    e2 = make_event(council=council, organisers=[u[Role.SENIOR_LEADER]], headings=False)
    e3 = make_event(council=council, organisers=[u[Role.PRINCIPAL_SOCIAL_WORKER]], headings=False)
    teams = {}
    for event in (e1, e2, e3):
        for side, team in (("own", world.own), ("other", world.other)):
            teams[event.pk, side] = EventTeamFactory(event=event, team=team)
    guest = make_guest(e2)
    paper = make_guest(e2, first_name="Pat", last_name="Paper", with_account=False)
    observations = {}

    def observe(name, event, side, assessor, state, entered_by=None):
        visit = VisitFactory(event=event, event_team=teams[event.pk, side], assessor=assessor)
        observations[name] = ObservationFactory(visit=visit, state=state,
                                                entered_by=entered_by or assessor.user)

    au = AssessorFactory(event=e1, user=u[Role.AUDITOR])
    tm = AssessorFactory(event=e1, user=u[Role.TEAM_MANAGER])
    observe("O1", e1, "own", au, HANDED_IN)
    observe("O2", e1, "other", au, DRAFT)
    observe("O3", e1, "other", tm, HANDED_IN)
    observe("O4", e2, "own", AssessorFactory(event=e2, user=u[Role.SERVICE_MANAGER]), HANDED_IN)
    observe("O5", e2, "other", AssessorFactory(event=e2, user=u[Role.PRINCIPAL_SOCIAL_WORKER]), DRAFT)
    observe("O6", e2, "other", guest, HANDED_IN)
    observe("O7", e2, "own", paper, DRAFT, entered_by=u[Role.SENIOR_LEADER])
    observe("O8", e3, "own", AssessorFactory(event=e3, user=u[Role.QA_LEAD]), HANDED_IN)
    return type("Grid", (), {"observations": observations, "guest": guest.user})


def names(grid, queryset):
    by_pk = {o.pk: name for name, o in grid.observations.items()}
    return {by_pk[pk] for pk in queryset.values_list("pk", flat=True)}


def visit_names(grid, queryset):
    by_pk = {o.visit_id: name for name, o in grid.observations.items()}
    return {by_pk[pk] for pk in queryset.values_list("pk", flat=True)}


@pytest.mark.parametrize("role", list(Role))
def test_the_observation_queryset_is_the_view_rule(world, grid, role):
    user = world.users[role]
    expected = {name for name, o in grid.observations.items() if user.has_perm(Perm.VIEW_OBSERVATIONS, o)}
    assert names(grid, observations_visible_to(user)) == expected


@pytest.mark.parametrize("role", list(Role))
def test_the_visit_queryset_is_the_timetable_rule(world, grid, role):
    user = world.users[role]
    expected = {name for name, o in grid.observations.items() if user.has_perm(Perm.VIEW_TIMETABLE, o.visit)}
    assert visit_names(grid, visits_visible_to(user)) == expected


def test_a_guest_sees_only_their_own_visit_and_observation(grid):
    guest = grid.guest
    assert names(grid, observations_visible_to(guest)) == {"O6"}
    assert visit_names(grid, visits_visible_to(guest)) == {"O6"}
    for name, o in grid.observations.items():
        assert guest.has_perm(Perm.OBSERVE, o) == (name == "O6")
        assert guest.has_perm(Perm.GUEST_VISITS, o.visit) == (name == "O6")
        assert not guest.has_perm(Perm.VIEW_OBSERVATIONS, o)
        assert not guest.has_perm(Perm.VIEW_TIMETABLE, o.visit)


def test_an_account_without_a_role_that_assesses_nothing_sees_nothing(grid):
    nobody = make_user("", username="norole")
    assert not observations_visible_to(nobody).exists()
    assert not visits_visible_to(nobody).exists()


def test_the_grid_tells_roles_apart(world, grid):
    """Hand-worked from the grid: who reads which observation, and whose timetable rows."""
    seen = {role: names(grid, observations_visible_to(world.users[role])) for role in Role}
    handed_in = {"O1", "O3", "O4", "O6", "O8"}
    assert seen[Role.QA_LEAD] == handed_in | {"O2"}  # every handed-in one; the draft of the event it organises
    assert seen[Role.PRINCIPAL_SOCIAL_WORKER] == handed_in | {"O5"}  # and its own draft
    assert seen[Role.INSPECTOR] == handed_in
    assert seen[Role.SENIOR_LEADER] == {"O4", "O5", "O6", "O7"}  # the event it organises, drafts included
    assert seen[Role.AUDITOR] == {"O1", "O2", "O3"}  # its event's handed-in ones and its own draft
    assert seen[Role.TEAM_MANAGER] == {"O1", "O3"}
    assert seen[Role.SERVICE_MANAGER] == {"O4", "O6"}
    assert seen[Role.PRACTITIONER] == seen[Role.ELECTED_MEMBER] == seen[Role.SYSTEM_ADMIN] == set()
    rows = {role: visit_names(grid, visits_visible_to(world.users[role])) for role in Role}
    own_team = {"O1", "O4", "O7", "O8"}
    assert rows[Role.QA_LEAD] == rows[Role.SENIOR_LEADER] == rows[Role.INSPECTOR] == set(grid.observations)
    assert rows[Role.PRACTITIONER] == own_team
    assert rows[Role.TEAM_MANAGER] == own_team | {"O2", "O3"}  # and the whole of the event it assesses in
    assert rows[Role.SERVICE_MANAGER] == own_team | {"O5", "O6"}
    assert rows[Role.AUDITOR] == {"O1", "O2", "O3"}
    assert rows[Role.ELECTED_MEMBER] == rows[Role.SYSTEM_ADMIN] == set()


def test_an_expired_guest_holds_nothing(grid):
    from django.utils import timezone

    guest = grid.guest
    guest.profile.expires_at = timezone.now()
    guest.profile.save()
    observation = grid.observations["O6"]
    assert not guest.has_perm(Perm.OBSERVE, observation)
    assert not guest.has_perm(Perm.GUEST_VISITS)
    assert not observations_visible_to(guest).exists() and not visits_visible_to(guest).exists()


def test_a_guest_holds_no_other_practice_permission(grid):
    guest, observation = grid.guest, grid.observations["O6"]
    held = {perm for perm in Perm for record in (None, observation, observation.visit, observation.event)
            if guest.has_perm(perm, record)}
    assert held == {Perm.OBSERVE, Perm.GUEST_VISITS}
