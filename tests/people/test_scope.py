"""people/scope.py: the one team scope that findings, actions, the drill-down and every new app read through."""

from datetime import date

import pytest

from triangulate.core.roles import Role
from triangulate.improvement.models import Action, Finding, Source
from triangulate.people.scope import ALL, in_scope, team_in_scope, team_scope, visible_to

from ..factories import make_user, theme


@pytest.fixture
def findings(world):
    """One finding for the own team, one for the other team, one council-wide (no team)."""
    recorder = world.users[Role.QA_LEAD]

    def finding(team, text):
        return Finding.objects.create(kind=Finding.Kind.STRENGTH, text=text, theme=theme(), team=team,
                                      source=Source.OTHER, found_on=date(2026, 1, 5), recorded_by=recorder)

    return {"own": finding(world.own, "own"), "other": finding(world.other, "other"),
            "council": finding(None, "council")}


# Which of the three findings each role sees, written out by hand from the scope rules.
SEES = {
    Role.PRACTITIONER: {"own", "council"},
    Role.TEAM_MANAGER: {"own", "council"},
    Role.SERVICE_MANAGER: {"own", "council"},
    Role.AUDITOR: {"own", "other", "council"},
    Role.ELECTED_MEMBER: {"own", "other", "council"},  # aggregates only, but by permission, not by scope
    Role.SYSTEM_ADMIN: {"own", "other", "council"},
}


@pytest.mark.parametrize("role", SEES)
def test_visible_to_and_in_scope_agree_on_each_record(world, findings, role):
    user = world.users[role]
    seen = {finding.text for finding in visible_to(user, Finding.objects.all())}
    assert seen == SEES[role]
    assert {key for key, finding in findings.items() if in_scope(user, finding)} == SEES[role]


def test_a_user_without_a_role_sees_no_record_not_even_council_wide_ones(world, findings):
    nobody = make_user("", username="norole")
    assert list(visible_to(nobody, Finding.objects.all())) == []
    assert not in_scope(nobody, findings["council"])
    assert not team_in_scope(nobody, world.own.pk)


def test_a_record_scoped_through_another_uses_the_team_field_lookup(world, findings):
    owner = world.users[Role.PRACTITIONER]
    for key in ("own", "other"):
        Action.objects.create(title=key, rationale="r", priority="high", owner=owner, due_date=date(2026, 2, 1),
                              theme=theme(), team=None, finding=findings[key], created_by=owner)
    visible = visible_to(world.users[Role.TEAM_MANAGER], Action.objects.all(), team_field="finding__team")
    assert [action.title for action in visible] == ["own"]


def test_scope_is_not_cached_on_the_user_a_new_team_shows_at_once(world):
    user = world.users[Role.TEAM_MANAGER]
    assert not team_in_scope(user, world.other.pk)
    user.profile.teams.add(world.other)
    assert team_in_scope(user, world.other.pk)
    assert set(team_scope(user)) == {world.own.pk, world.other.pk}


def test_council_wide_roles_have_the_all_scope(world):
    assert team_scope(world.users[Role.INSPECTOR]) == ALL
    assert team_in_scope(world.users[Role.INSPECTOR], world.other.pk)


def test_rules_ask_without_a_record_for_the_model_level_check(world):
    assert in_scope(world.users[Role.PRACTITIONER], None)
