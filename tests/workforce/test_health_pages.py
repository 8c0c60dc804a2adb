"""The health check's pages (design §5.3, §5.4, §6): starting, opening, links shown once, results with suppression,
comments only to the health leads, and the plan as findings and actions."""

import re
from datetime import date, timedelta
from urllib.parse import unquote

from django.urls import reverse

from triangulate.core.roles import Role
from triangulate.improvement.models import Action, Finding
from triangulate.workforce.models import Agreement, HealthCheck, HealthLink, HealthPlanItem
from triangulate.workforce.services import health as services
from triangulate.workforce.services import health_plan

from ..factories import StaffFactory, TeamFactory, add_to_team
from .health_helpers import lead, open_check, respond


def _csrf(page):
    return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.content).group(1).decode()


def test_a_lead_starts_a_check_and_opens_it_from_its_page(world, client_for):
    client = client_for(lead(world))
    sent = client.post(reverse("workforce:health_create"), {"year": "2026", "title": "", "min_responses": "6"})
    check = HealthCheck.objects.get()
    assert sent.status_code == 302 and sent["Location"] == reverse("workforce:health_detail", args=[check.pk])
    page = client.get(sent["Location"])
    assert b"My workload is manageable." in page.content and b"Open for answers" in page.content
    client.post(reverse("workforce:health_move", args=[check.pk]), {"to": "open", "version": check.version})
    check.refresh_from_db()
    assert check.status == "open"
    stale = client.post(reverse("workforce:health_move", args=[check.pk]), {"to": "close", "version": "1"}, follow=True)
    assert b"Someone changed this" in stale.content and HealthCheck.objects.get().status == "open"


def test_links_default_to_the_teams_staff_in_post_and_are_shown_once(world, client_for):
    check = open_check(world)
    client = client_for(lead(world))
    # the own team has two in post (world's worker and manager) and one who has left
    gone = StaffFactory(leave_date=date.today() - timedelta(days=3))
    add_to_team(gone, world.own)
    page = client.post(reverse("workforce:health_links", args=[check.pk]), {"team": world.own.pk, "count": ""})
    assert page.status_code == 200
    links = re.findall(rb"/workforce/health-check/([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/", page.content)
    tokens = set(links)
    assert len(tokens) == 2 and HealthLink.objects.filter(health_check=check, team=world.own).count() == 2
    # each slip also carries its code to type at the short address
    assert all(b"enter the code <strong class=\"govuk-!-font-size-24\">" + t in page.content for t in tokens)
    assert b"/workforce/health-check/code/" in page.content
    csv_href = re.search(rb'href="(data:text/csv[^"]+)"', page.content).group(1).decode()
    csv_text = unquote(csv_href.split(",", 1)[1])
    assert csv_text.splitlines()[0] == "team,code,link" and all(t.decode() in csv_text for t in tokens)
    again = client.get(reverse("workforce:health_links", args=[check.pk]))
    assert not any(t in again.content for t in tokens)  # never shown again
    detail = client.get(reverse("workforce:health_detail", args=[check.pk]))
    assert not any(t in detail.content for t in tokens)


def test_results_hide_small_teams_pool_others_and_show_comments_only_to_leads(world, client_for):
    check = open_check(world)
    small = TeamFactory(name="Tiny Team")
    middle = TeamFactory(name="Middle Team")
    respond(world, check, world.own, 8, comment="Too many cases.")
    respond(world, check, middle, 6, choice=Agreement.DISAGREE)
    respond(world, check, small, 2, choice=Agreement.STRONGLY_AGREE)
    page = client_for(lead(world)).get(reverse("workforce:health_results", args=[check.pk])).content.decode()
    assert "16 people answered" in page
    # Tiny's 2 alone would be derivable: Middle (the smallest shown, 6) joins it as Other teams
    assert "Other teams (Middle Team, Tiny Team)" in page
    assert '<th scope="row" class="govuk-table__header">Middle Team</th>' not in page
    assert '<th scope="row" class="govuk-table__header">Tiny Team</th>' not in page
    assert f'<th scope="row" class="govuk-table__header">{world.own.name}</th>' in page  # 8 answers: shown alone
    assert "Too many cases." in page
    # not published: 403 to a reader without MANAGE_HEALTH
    assert client_for(world.users[Role.PRACTITIONER]).get(
        reverse("workforce:health_results", args=[check.pk])).status_code == 403
    services.close_check(actor=lead(world), health_check=check)
    services.publish_check(actor=lead(world), health_check=check)
    member = client_for(world.users[Role.ELECTED_MEMBER]).get(reverse("workforce:health_results", args=[check.pk]))
    assert member.status_code == 200 and b"Other teams" in member.content
    assert b"Too many cases." not in member.content


def test_results_need_the_minimum_council_wide_and_show_year_on_year(world, client_for):
    last = open_check(world, year=2025)
    respond(world, last, world.own, 6, by_key={"workload-manageable": Agreement.DISAGREE})
    services.close_check(actor=lead(world), health_check=last)
    services.publish_check(actor=lead(world), health_check=last)
    this = open_check(world, year=2026)
    respond(world, this, world.own, 3)
    client = client_for(lead(world))
    page = client.get(reverse("workforce:health_results", args=[this.pk])).content.decode()
    assert "there are no results to show" in page
    respond(world, this, world.own, 3)
    page = client.get(reverse("workforce:health_results", args=[this.pk])).content.decode()
    assert "+100 points" in page and "no change" in page  # workload 0% → 100%; the rest 100% both years


def test_the_plan_records_findings_and_actions_and_is_read_with_the_results(world, client_for):
    check = open_check(world)
    client = client_for(lead(world))
    assert b"Close the health check" in client.get(reverse("workforce:health_plan", args=[check.pk])).content
    services.close_check(actor=lead(world), health_check=check)
    form = client.get(reverse("workforce:health_plan_add", args=[check.pk]))
    sent = client.post(reverse("workforce:health_plan_add", args=[check.pk]), {
        "csrfmiddlewaretoken": _csrf(form), "theme": "workload", "you_said": "Caseloads are too high.",
        "we_will": "Recruit four social workers", "owner": lead(world).pk, "due_date-day": "31",
        "due_date-month": "3", "due_date-year": "2027", "we_expect_you": "Tell your manager early."})
    assert sent.status_code == 302
    item = HealthPlanItem.objects.get()
    finding = Finding.objects.get(pk=item.finding_id)
    assert (finding.source, finding.kind, finding.theme.slug, finding.team) == (
        "staff_survey", "area_for_development", "workforce-and-caseloads", None)
    action = Action.objects.get(finding=finding)
    assert action.title == "Recruit four social workers" and action.theme.slug == "workforce-and-caseloads"
    health_plan.add_we_will(actor=lead(world), item=item, we_will="Weighted allocation", owner=lead(world),
                            due_date=date(2027, 6, 30))
    assert Action.objects.filter(finding=finding).count() == 2
    assert client_for(world.users[Role.INSPECTOR]).get(
        reverse("workforce:health_plan", args=[check.pk])).status_code == 403
    services.publish_check(actor=lead(world), health_check=check)
    page = client_for(world.users[Role.INSPECTOR]).get(reverse("workforce:health_plan", args=[check.pk]))
    assert page.status_code == 200
    assert b"Caseloads are too high." in page.content and b"Weighted allocation" in page.content


def test_a_plan_row_whose_action_fails_leaves_no_finding(world):
    check = open_check(world)
    services.close_check(actor=lead(world), health_check=check)
    import pytest
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        health_plan.add_plan_item(actor=lead(world), health_check=check, theme="workload", you_said="Too much.",
                                  we_will="  ", owner=lead(world), due_date=date(2027, 1, 1))
    assert not Finding.objects.exists() and not HealthPlanItem.objects.exists()


def test_the_list_shows_readers_only_published_checks(world, client_for):
    check = open_check(world)
    assert check.title.encode() not in client_for(world.users[Role.PRACTITIONER]).get(
        reverse("workforce:health_list")).content
    assert check.title.encode() in client_for(lead(world)).get(reverse("workforce:health_list")).content


def test_an_open_check_is_not_offered_for_editing(world, client_for):
    check = open_check(world)
    page = client_for(lead(world)).get(reverse("workforce:health_edit", args=[check.pk]), follow=True)
    assert b"can no longer be changed" in page.content


def test_links_for_every_team_at_once_each_as_many_as_its_staff_in_post(world, client_for):
    check = open_check(world)
    client = client_for(lead(world))
    url = reverse("workforce:health_links", args=[check.pk])
    refused = client.post(url, {"team": "every", "count": "3"})
    assert b"Leave the number blank to make links for every team" in refused.content
    assert not HealthLink.objects.filter(health_check=check).exists()
    page = client.post(url, {"team": "every", "count": ""})
    assert page.status_code == 200 and b"Links for every team" in page.content
    # world: two in post in its own team (a worker and the manager), one in the other; no other team has staff
    made = {t: HealthLink.objects.filter(health_check=check, team=t).count() for t in (world.own, world.other)}
    assert made == {world.own: 2, world.other: 1}
    assert HealthLink.objects.filter(health_check=check).count() == 3
    assert f"{world.own.name}: 2 slips".encode() in page.content and f"{world.other.name}: 1 slip<".encode() in page.content
    codes = re.findall(rb"/workforce/health-check/([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/", page.content)
    assert len(set(codes)) == 3


def test_each_team_s_count_of_answers_is_for_the_leads_only(world, client_for):
    check = open_check(world)
    respond(world, check, world.own, 6)
    respond(world, check, TeamFactory(name="Tiny Team"), 2)
    services.close_check(actor=lead(world), health_check=check)
    services.publish_check(actor=lead(world), health_check=check)
    url = reverse("workforce:health_results", args=[check.pk])
    leads = client_for(lead(world)).get(url).content.decode()
    assert "Responses by team against the staff in post" in leads and "Tiny Team" in leads
    for role in (Role.PRACTITIONER, Role.ELECTED_MEMBER):
        page = client_for(world.users[role]).get(url).content.decode()
        # named once, in Other teams (pooled with the own team: the second suppression), with no count of its own
        assert page.count("Tiny Team") == 1 and f"Other teams ({world.own.name}, Tiny Team)" in page, role
        assert "Responses by team" not in page and "shown to the health check's leads only" in page
