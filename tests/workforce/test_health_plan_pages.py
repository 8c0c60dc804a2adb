"""The plan's edit and remove pages (design §5.4, §7): one page a row, saved against the row's version (a stale save
shows what is stored beside what was entered), removal behind a confirmation page; the plan page links to both for
the health leads, and to the Word and PDF copies for every reader."""

from datetime import date

from django.urls import reverse

from triangulate.core.roles import Role
from triangulate.improvement.models import Action
from triangulate.workforce.models import HealthPlanItem
from triangulate.workforce.services import health as services
from triangulate.workforce.services import health_plan

from ..factories import make_user
from .health_helpers import lead, open_check


def planned(world):
    check = services.close_check(actor=lead(world), health_check=open_check(world))
    owner = make_user(Role.SERVICE_MANAGER, first_name="Sam", last_name="Owner")
    item = health_plan.add_plan_item(actor=lead(world), health_check=check, theme="workload",
                                     you_said="Caseloads are too high.", we_will="Recruit four social workers",
                                     owner=owner, due_date=date(2027, 3, 31), we_expect_you="Tell your manager.")
    return check, item, owner


def form_data(item, action, owner, **changes):
    data = {"version": str(item.version), "you_said": item.you_said, "we_expect_you": item.we_expect_you,
            f"we_will_{action.pk}": action.title, f"owner_{action.pk}": str(owner.pk),
            f"due_date_{action.pk}-day": "31", f"due_date_{action.pk}-month": "3", f"due_date_{action.pk}-year": "2027"}
    return {**data, **changes}


def test_the_plan_page_links_each_row_to_its_pages_and_the_copies(world, client_for):
    check, item, _ = planned(world)
    page = client_for(lead(world)).get(reverse("workforce:health_plan", args=[check.pk])).content.decode()
    for name, arg in (("health_plan_edit", item.pk), ("health_plan_remove", item.pk), ("health_plan_docx", check.pk),
                      ("health_plan_pdf", check.pk)):
        assert f'href="{reverse(f"workforce:{name}", args=[arg])}"' in page
    assert "Sam Owner, by 31 March 2027 · Not started" in page
    services.publish_check(actor=lead(world), health_check=check)
    reader = client_for(world.users[Role.PRACTITIONER]).get(reverse("workforce:health_plan", args=[check.pk]))
    text = reader.content.decode()
    assert reverse("workforce:health_plan_docx", args=[check.pk]) in text
    assert reverse("workforce:health_plan_edit", args=[item.pk]) not in text


def test_a_row_is_corrected_on_its_page(world, client_for):
    check, item, owner = planned(world)
    action = Action.objects.get(finding_id=item.finding_id)
    client = client_for(lead(world))
    url = reverse("workforce:health_plan_edit", args=[item.pk])
    page = client.get(url).content.decode()
    assert "Change row 1 of the plan" in page and "Recruit four social workers" in page
    assert f'id="id_due_date_{action.pk}-day"' in page
    qa = world.users[Role.QA_LEAD]
    sent = client.post(url, form_data(item, action, owner, you_said="Caseloads are far too high.",
                                      **{f"we_will_{action.pk}": "Recruit six", f"owner_{action.pk}": str(qa.pk),
                                         f"due_date_{action.pk}-month": "6", f"due_date_{action.pk}-day": "30"}))
    assert sent.status_code == 302 and sent["Location"] == reverse("workforce:health_plan", args=[check.pk])
    item.refresh_from_db()
    action.refresh_from_db()
    assert (item.you_said, item.version) == ("Caseloads are far too high.", 2)
    assert (action.title, action.owner, action.due_date) == ("Recruit six", qa, date(2027, 6, 30))


def test_a_stale_save_shows_both_versions_and_keeps_the_entries(world, client_for):
    check, item, owner = planned(world)
    action = Action.objects.get(finding_id=item.finding_id)
    health_plan.update_plan_item(actor=world.users[Role.QA_LEAD], item=item, expected_version=1,
                                 we_expect_you="Theirs: come to supervision prepared.")
    response = client_for(lead(world)).post(reverse("workforce:health_plan_edit", args=[item.pk]), form_data(
        item, action, owner, version="1", we_expect_you="Mine: raise it early."))
    page = response.content.decode()
    assert response.status_code == 200 and 'id="stale-save"' in page
    assert "Theirs: come to supervision prepared." in page and "Mine: raise it early." in page
    assert 'name="version" value="2"' in page  # saving again keeps the entries on purpose
    item.refresh_from_db()
    assert item.we_expect_you == "Theirs: come to supervision prepared."


def test_an_empty_we_will_is_refused_by_the_field(world, client_for):
    check, item, owner = planned(world)
    action = Action.objects.get(finding_id=item.finding_id)
    page = client_for(lead(world)).post(reverse("workforce:health_plan_edit", args=[item.pk]), form_data(
        item, action, owner, **{f"we_will_{action.pk}": ""})).content.decode()
    assert "Enter what we will do" in page and f'href="#id_we_will_{action.pk}"' in page


def test_a_row_is_removed_after_confirming(world, client_for):
    check, item, _ = planned(world)
    client = client_for(lead(world))
    url = reverse("workforce:health_plan_remove", args=[item.pk])
    page = client.get(url).content.decode()
    assert "Remove row 1 of the plan" in page and "1 open action will be cancelled" in page
    sent = client.post(url, {"version": "1"}, follow=True)
    assert b"Row 1 removed from the plan: 1 open action cancelled" in sent.content
    assert not HealthPlanItem.objects.exists()
    assert Action.objects.get(finding_id=item.finding_id).status == "cancelled"


def test_a_stale_removal_goes_back_to_the_confirmation(world, client_for):
    check, item, _ = planned(world)
    health_plan.update_plan_item(actor=lead(world), item=item, we_expect_you="Changed.")
    url = reverse("workforce:health_plan_remove", args=[item.pk])
    sent = client_for(lead(world)).post(url, {"version": "1"})
    assert sent.status_code == 302 and sent["Location"] == url
    assert HealthPlanItem.objects.filter(pk=item.pk).exists()


def test_only_the_leads_change_the_plan(world, client_for):
    check, item, _ = planned(world)
    services.publish_check(actor=lead(world), health_check=check)
    for role in (Role.PRACTITIONER, Role.SERVICE_MANAGER, Role.INSPECTOR):
        client = client_for(world.users[role])
        assert client.get(reverse("workforce:health_plan_edit", args=[item.pk])).status_code == 403
        assert client.post(reverse("workforce:health_plan_remove", args=[item.pk])).status_code == 403
    assert HealthPlanItem.objects.filter(pk=item.pk).exists()
    assert client_for(world.users[Role.SENIOR_LEADER]).get(
        reverse("workforce:health_plan_edit", args=[item.pk])).status_code == 200
