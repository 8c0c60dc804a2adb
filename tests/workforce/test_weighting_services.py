"""services/weighting.py: the scheme made from the defaults, edited with stale edits refused, and overrides set and
cleared with ids and points only on the audit trail (design §3)."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from triangulate.core.concurrency import StaleEdit
from triangulate.core.models import AuditEvent
from triangulate.core.roles import Role
from triangulate.workforce.models import WeightOverride
from triangulate.workforce.services import weighting as services
from triangulate.workforce.verbs import Verb


def test_the_scheme_is_made_once_from_the_defaults(world):
    psw = world.users[Role.PRINCIPAL_SOCIAL_WORKER]
    scheme = services.ensure_scheme(actor=psw, council=world.own.council)
    assert services.ensure_scheme(actor=psw, council=world.own.council).pk == scheme.pk
    assert {w.kind: w.points for w in scheme.case_weights.all()}["cp"] == D("2.5")
    assert {c.staff_role: c.points for c in scheme.capacities.all()}["senior_practitioner"] == D("36")
    assert AuditEvent.objects.filter(verb=Verb.SCHEME_CREATED).count() == 1


def test_only_the_psw_and_senior_leaders_edit_the_scheme(world):
    with pytest.raises(PermissionDenied):
        services.ensure_scheme(actor=world.users[Role.QA_LEAD], council=world.own.council)


def test_an_edit_changes_points_and_rule_and_records_what_changed(world):
    leader = world.users[Role.SENIOR_LEADER]
    scheme = services.update_scheme(actor=leader, council=world.own.council, expected_version=None,
                                    green_below=80, case_points={"cp": D("3")}, role_capacity={"asye": None})
    assert scheme.green_below == 80 and scheme.version == 2
    assert scheme.case_weights.get(kind="cp").points == D("3")
    assert not scheme.capacities.filter(staff_role="asye").exists()
    event = AuditEvent.objects.get(verb=Verb.SCHEME_UPDATED)
    assert event.changes == {"green_below": [85, 80], "case.cp": ["2.5", "3"], "role.asye": ["40", None]}


def test_a_stale_edit_is_refused_and_nothing_changes(world):
    psw = world.users[Role.PRINCIPAL_SOCIAL_WORKER]
    services.update_scheme(actor=psw, council=world.own.council, red_above=110)  # version 2
    with pytest.raises(StaleEdit):
        services.update_scheme(actor=psw, council=world.own.council, expected_version=1, red_above=120,
                               case_points={"cin": D("9")})
    scheme = services.active_scheme(world.own.council)
    assert scheme.red_above == 110 and scheme.case_weights.get(kind="cin").points == D("1.5")


def test_green_cannot_end_above_red(world):
    with pytest.raises(ValidationError):
        services.update_scheme(actor=world.users[Role.PRINCIPAL_SOCIAL_WORKER], council=world.own.council,
                               green_below=101)


def test_an_override_needs_points_and_a_reason(world):
    manager = world.users[Role.TEAM_MANAGER]
    with pytest.raises(ValidationError) as caught:
        services.set_override(actor=manager, team=world.own, child_ref="CH1", worker_key="olive own", points=None,
                              reason=" ")
    assert set(caught.value.message_dict) == {"points", "reason"}


def test_an_override_is_audited_with_ids_and_points_only(world):
    manager = world.users[Role.TEAM_MANAGER]
    override = services.set_override(actor=manager, team=world.own, child_ref="CHILD-7781", worker_key="olive own",
                                     points=D("6"), reason="Sibling group of five in proceedings")
    services.set_override(actor=manager, team=world.own, child_ref="CHILD-7781", worker_key="olive own",
                          points=D("7"), reason="More now", expected_version=1)
    override.refresh_from_db()
    assert override.points == D("7") and override.version == 2
    services.clear_override(actor=manager, team=world.own, override=override, expected_version=2)
    assert not WeightOverride.objects.exists()
    events = AuditEvent.objects.filter(verb__startswith="workforce_weight_override").order_by("pk")
    assert [e.changes["points"] for e in events] == [[None, "6"], ["6", "7"], ["7", None]]
    trail = " ".join(str(e.changes) + e.object_id for e in events)
    assert "CHILD-7781" not in trail and "Sibling" not in trail and "More now" not in trail


def test_a_stale_override_is_refused(world):
    manager = world.users[Role.TEAM_MANAGER]
    services.set_override(actor=manager, team=world.own, child_ref="C1", worker_key="k", points=D("6"), reason="r")
    services.set_override(actor=manager, team=world.own, child_ref="C1", worker_key="k", points=D("5"), reason="r",
                          expected_version=1)
    with pytest.raises(StaleEdit):
        services.set_override(actor=manager, team=world.own, child_ref="C1", worker_key="k", points=D("4"),
                              reason="r", expected_version=1)


def test_a_manager_of_another_team_and_the_qa_lead_may_not_override(world):
    for user, team in ((world.users[Role.TEAM_MANAGER], world.other), (world.users[Role.QA_LEAD], world.own)):
        with pytest.raises(PermissionDenied):
            services.set_override(actor=user, team=team, child_ref="C1", worker_key="k", points=D("1"), reason="r")
