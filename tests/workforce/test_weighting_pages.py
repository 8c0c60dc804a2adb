"""The weighting pages (design §3, §6): the scheme read and changed (a stale save shows both versions), the heat map
with no worker's name, a team's workers, a worker's cases access-logged, and overrides set and cleared with the
child in the POST body."""

from datetime import date
from decimal import Decimal as D

from django.urls import reverse

from triangulate.core.models import AccessLog
from triangulate.core.roles import Role
from triangulate.workforce.models import WeightOverride
from triangulate.workforce.services import weighting as services

from .test_weighting_data import snapshot_with


def scheme_post(**changes):
    body = {"green_below": 85, "red_above": 100, "asye_first_months": 6, "asye_first_percent": 80,
            "asye_after_percent": 90, "case_assessment": 2, "case_s47": 2.5, "case_cin": 1.5, "case_cp": 2.5,
            "case_cla": 2, "case_care_leaver": 1, "modifier_court": 1.5, "modifier_missing": 1,
            "modifier_disability": 0.5, "modifier_out_of_area": 0.5, "modifier_sibling": "",
            "role_social_worker": 40, "role_senior_practitioner": 36, "role_asye": 40, "role_personal_adviser": 50}
    for name in ("deputy_team_manager", "team_manager", "service_manager", "head_of_service", "iro",
                 "family_support_worker", "auditor", "principal_social_worker", "director"):
        body[f"role_{name}"] = ""
    return {**body, **changes}


def test_the_scheme_page_shows_the_defaults_before_any_change(world, client_for):
    page = client_for(world.users[Role.PRACTITIONER]).get(reverse("workforce:scheme")).content.decode()
    assert "Child protection plan" in page and "2.5" in page and "has not changed the scheme yet" in page
    assert "Change the scheme" not in page


def test_the_psw_changes_the_scheme(world, client_for):
    client = client_for(world.users[Role.PRINCIPAL_SOCIAL_WORKER])
    response = client.post(reverse("workforce:scheme_edit"), scheme_post(case_cp=3, version=0))
    assert response.status_code == 302
    scheme = services.active_scheme(world.own.council)
    assert scheme.case_weights.get(kind="cp").points == D("3")
    assert not scheme.modifier_weights.filter(modifier="sibling").exists()
    assert not scheme.capacities.filter(staff_role="team_manager").exists()


def test_a_stale_scheme_save_shows_both_versions(world, client_for):
    psw = world.users[Role.PRINCIPAL_SOCIAL_WORKER]
    services.update_scheme(actor=psw, council=world.own.council, red_above=110)  # now version 2
    response = client_for(world.users[Role.SENIOR_LEADER]).post(reverse("workforce:scheme_edit"),
                                                                   scheme_post(red_above=120, version=1))
    page = response.content.decode()
    assert response.status_code == 200 and "Not saved" in page and "110" in page and "120" in page
    assert services.active_scheme(world.own.council).red_above == 110


def test_the_heat_map_shows_teams_and_counts_not_workers(world, client_for):
    snapshot_with(world, [("C1", "cp", "Olive Own", "", {}), ("C2", "cla", "Otto Other", "", {})])
    page = client_for(world.users[Role.SENIOR_LEADER]).get(reverse("workforce:loading")).content.decode()
    assert world.own.name in page and world.other.name in page
    assert "Olive" not in page and "Otto" not in page
    scoped = client_for(world.users[Role.TEAM_MANAGER]).get(reverse("workforce:loading")).content.decode()
    assert world.own.name in scoped and world.other.name not in scoped


def test_a_teams_page_lists_only_its_workers(world, client_for):
    snapshot_with(world, [("C1", "cp", "Olive Own", "", {}), ("C2", "cla", "Otto Other", "", {})])
    page = client_for(world.users[Role.TEAM_MANAGER]).get(
        reverse("workforce:loading_team", args=[world.own.pk])).content.decode()
    assert "Olive Own" in page and "Otto Other" not in page and "6.3%" in page  # 2.5 / 40 = 6.25 -> 6.3


def test_a_workers_cases_are_shown_and_access_logged(world, client_for):
    snapshot_with(world, [("CH-1", "cp", "Olive Own", "", {"court": True, "missing": None})])
    manager = world.users[Role.TEAM_MANAGER]
    page = client_for(manager).get(reverse("workforce:worker", args=[world.own_worker.pk])).content.decode()
    assert "CH-1" in page and ">4<" in page.replace(" ", "")  # cp 2.5 + court 1.5
    assert "missing or exploitation" in page  # named as unknown
    assert "Change the weight" in page
    log = AccessLog.objects.get()
    assert (log.user, log.child_id, log.resource) == (manager, "CH-1", "workforce:worker")


def test_an_inspector_reads_a_worker_but_gets_no_override_form(world, client_for):
    snapshot_with(world, [("CH-1", "cp", "Olive Own", "", {})])
    page = client_for(world.users[Role.INSPECTOR]).get(
        reverse("workforce:worker", args=[world.own_worker.pk])).content.decode()
    assert "CH-1" in page and "Change the weight" not in page


def test_an_override_is_set_and_cleared_from_the_workers_page(world, client_for):
    snapshot_with(world, [("CH-1", "cp", "Olive Own", "", {})])
    client = client_for(world.users[Role.TEAM_MANAGER])
    url = reverse("workforce:worker_override", args=[world.own_worker.pk])
    assert "CH-1" not in url
    response = client.post(url, {"child": "CH-1", "points": "7", "reason": "Five siblings", "version": 0})
    assert response.status_code == 302
    override = WeightOverride.objects.get()
    assert (override.child_ref, override.worker_key, override.points) == ("CH-1", "olive own", D("7"))
    page = client.get(reverse("workforce:worker", args=[world.own_worker.pk])).content.decode()
    assert "Five siblings" in page and "scheme: 2.5" in page
    client.post(url, {"child": "CH-1", "points": "7", "reason": "x", "version": override.version, "clear": "1"})
    assert not WeightOverride.objects.exists()


def test_an_override_without_a_reason_comes_back_with_the_error(world, client_for):
    snapshot_with(world, [("CH-1", "cp", "Olive Own", "", {})])
    response = client_for(world.users[Role.TEAM_MANAGER]).post(
        reverse("workforce:worker_override", args=[world.own_worker.pk]), {"child": "CH-1", "points": "7"})
    assert response.status_code == 200 and b"Say why this case carries a different weight" in response.content
    assert not WeightOverride.objects.exists()


def test_a_child_not_on_the_workers_caseload_cannot_be_overridden(world, client_for):
    snapshot_with(world, [("CH-1", "cp", "Olive Own", "", {}), ("CH-2", "cp", "Otto Other", "", {})])
    response = client_for(world.users[Role.PRINCIPAL_SOCIAL_WORKER]).post(
        reverse("workforce:worker_override", args=[world.own_worker.pk]),
        {"child": "CH-2", "points": "7", "reason": "r"})
    assert response.status_code == 200 and not WeightOverride.objects.exists()


def test_an_asye_capacity_is_scaled(world, client_for):
    world.own_worker.role, world.own_worker.asye_started_on = "asye", date(2026, 1, 1)
    world.own_worker.save()
    snapshot_with(world, [("CH-1", "cp", "Olive Own", "", {})], on=date(2026, 3, 31))
    page = client_for(world.users[Role.PRINCIPAL_SOCIAL_WORKER]).get(
        reverse("workforce:worker", args=[world.own_worker.pk])).content.decode()
    assert "32 points (80% during the ASYE)" in page and "7.8%" in page  # 2.5 / 32 = 7.8125%
