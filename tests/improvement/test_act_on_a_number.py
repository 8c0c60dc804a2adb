"""Acting on a number: findings and actions about a performance measure. The create pages fill themselves in
from the address a figure's links send (?kpi=&team=&theme=), the measure is checked against the KPI
catalogue (registered by performance: improvement sits below it), audited, and shown with a link back."""

import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from triangulate.core.models import AuditEvent
from triangulate.core.roles import Role
from triangulate.improvement import kpi_links, services
from triangulate.improvement.models import Action, Finding, Source
from triangulate.performance import act_on_number

from ..factories import theme


def selected(html, name):
    """The value of the option selected in the select called `name`, or None."""
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, name
    option = re.search(r'<option value="([^"]*)" selected', select.group(1))
    return option.group(1) if option else None


def test_the_catalogue_is_registered_from_above():
    assert kpi_links.is_known("rereferral_pct") and not kpi_links.is_known("made_up")
    measure = kpi_links.describe("rereferral_pct")
    assert measure.title == "Re-referrals within 12 months"
    assert measure.url == reverse("performance:kpi_detail", args=["rereferral_pct"])
    assert measure.theme == "multi-agency-working"  # Front door's usual theme
    gone = kpi_links.describe("retired_kpi")
    assert gone.url is None and "no longer in the catalogue" in gone.title


def test_the_finding_form_is_filled_in_from_a_figures_link(world, client_for):
    client = client_for(world.users[Role.QA_LEAD])
    query = f"?kpi=cp_visits_in_timescale_pct&team={world.own.pk}&theme=timeliness"
    html = client.get(reverse("improvement:finding_create") + query).content.decode()
    assert selected(html, "kpi_id") == "cp_visits_in_timescale_pct"
    assert selected(html, "team") == str(world.own.pk)
    assert selected(html, "theme") == str(theme("timeliness").pk)
    assert selected(html, "source") == Source.PERFORMANCE
    assert "About the measure" in html and reverse("performance:kpi_detail", args=["cp_visits_in_timescale_pct"]) in html


def test_a_measure_alone_brings_its_sections_theme_and_nonsense_is_left_out(world, client_for):
    client = client_for(world.users[Role.TEAM_MANAGER])
    # a team outside the team manager's scope and an unknown theme are not filled in, and not an error
    query = f"?kpi=avg_caseload&team={world.other.pk}&theme=no-such-theme"
    html = client.get(reverse("improvement:action_create") + query).content.decode()
    assert selected(html, "kpi_id") == "avg_caseload"
    assert selected(html, "theme") == str(theme("workforce-and-caseloads").pk)
    assert selected(html, "team") in (None, "")
    html = client.get(reverse("improvement:finding_create") + "?kpi=made_up&team=abc").content.decode()
    assert selected(html, "kpi_id") in (None, "") and "About the measure" not in html


def test_the_saved_finding_carries_the_measure_and_its_action_inherits_it(world, client_for):
    client = client_for(world.users[Role.QA_LEAD])
    url = reverse("improvement:finding_create") + f"?kpi=rereferral_pct&team={world.own.pk}"
    response = client.post(url, {
        "kind": "area_for_development", "text": "Re-referrals are rising in North 1", "theme": theme().pk,
        "team": world.own.pk, "source": "performance", "kpi_id": "rereferral_pct",
        "found_on-day": "2", "found_on-month": "11", "found_on-year": "2026"})
    assert response.status_code == 302
    finding = Finding.objects.get()
    assert finding.kpi_id == "rereferral_pct" and finding.team == world.own
    assert AuditEvent.objects.get(verb="finding.recorded").changes["kpi"] == "rereferral_pct"
    page = client.get(reverse("improvement:finding_detail", args=[finding.pk])).content.decode()
    assert f'href="{reverse("performance:kpi_detail", args=["rereferral_pct"])}">Re-referrals within 12 months' in page

    action = services.create_action(actor=world.users[Role.QA_LEAD], title="Review step-downs", rationale="Why",
                                    priority="high", owner=world.users[Role.QA_LEAD], due_date=date(2027, 1, 5),
                                    theme=theme(), finding=finding)
    assert action.kpi_id == "rereferral_pct"
    assert AuditEvent.objects.get(verb="action.created").changes["kpi"] == "rereferral_pct"
    page = client.get(reverse("improvement:action_detail", args=[action.pk])).content.decode()
    assert "Re-referrals within 12 months</a>" in page


def test_a_measure_outside_the_catalogue_is_refused(world, client_for):
    with pytest.raises(ValidationError) as error:
        services.record_finding(actor=world.users[Role.QA_LEAD], kind=Finding.Kind.STRENGTH, text="x",
                                theme=theme(), team=None, source=Source.PERFORMANCE, found_on=date(2026, 1, 1),
                                kpi_id="made_up")
    assert "kpi_id" in error.value.message_dict
    response = client_for(world.users[Role.QA_LEAD]).post(reverse("improvement:action_create"), {
        "title": "x", "rationale": "y", "priority": "low", "owner": world.users[Role.QA_LEAD].pk,
        "due_date-day": "1", "due_date-month": "1", "due_date-year": "2027", "theme": theme().pk,
        "kpi_id": "made_up"})
    assert response.status_code == 200 and "Select a measure from the list" in response.content.decode()
    assert Action.objects.count() == 0


@pytest.mark.parametrize(("role", "finding", "action"), [
    (Role.QA_LEAD, True, True), (Role.TEAM_MANAGER, True, True), (Role.PRACTITIONER, False, False),
    (Role.ELECTED_MEMBER, False, False), (Role.INSPECTOR, False, False)])
def test_the_links_are_only_for_those_who_may_record(world, role, finding, action):
    allowed = act_on_number.permissions(world.users[role])
    assert allowed == {"finding": finding, "action": action}
    spec = act_on_number.all_kpis()["rereferral_pct"]
    links = act_on_number.links(allowed, spec, world.own)
    if not finding:
        assert links is None
    else:
        assert links["finding"] == (f"{reverse('improvement:finding_create')}?kpi=rereferral_pct&team={world.own.pk}"
                                    "&theme=multi-agency-working")
