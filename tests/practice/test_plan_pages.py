"""The action plan pages (design §7.2, §9.1): the organiser adds an item from the analysis page's chosen entries,
changes, moves and removes it; readers see the plan; CSV and Excel have §7.3's columns."""

import csv
import io

import pytest
from django.urls import reverse

from triangulate.core.roles import Role
from triangulate.improvement.models import Action
from triangulate.practice.models import PlanItem, PracticeEvent

from ..factories import make_user, theme
from .analysis_example import LEADERSHIP, VOICE, build_example

pytestmark = pytest.mark.django_db

COLUMNS = ["Category", "No.", "Issue identified", "Action to be taken", "Anticipated risk if not completed",
           "Priority", "Proposed date for completion", "Responsibility for completion", "Status", "Evidence"]


def _post(example, owner, entries=(), **extra):
    data = {"heading": example.event.headings.get(number=LEADERSHIP).pk,
            "issue_identified": "- Caseloads high\n- Caseloads above 25", "title": "Review caseload weighting",
            "rationale": "Staff leave and children wait", "priority": "high", "owner": owner.pk,
            "due_date-day": "31", "due_date-month": "3", "due_date-year": "2027",
            "responsibility_note": "with the heads of service", "theme": theme("workforce-and-caseloads").pk,
            "team": "", "entries": [e.pk for e in entries]}
    data.update(extra)
    return data


def test_the_form_is_pre_filled_from_the_chosen_entries(client_for):
    ex = build_example()
    url = reverse("practice:plan_item_create", args=[ex.event.pk])
    e = ex.entries
    response = client_for(ex.organiser).get(f"{url}?entry={e['e2'].pk}&entry={e['e9'].pk}&entry={e['e10'].pk}")
    assert response.status_code == 200
    page = response.content.decode()
    # e10 is on a draft observation: left out
    assert "• Caseloads high\n• Caseloads above 25</textarea>" in page
    heading = ex.event.headings.get(number=LEADERSHIP)
    assert f'<option value="{heading.pk}" selected>' in page
    assert f'<option value="{theme("workforce-and-caseloads").pk}" selected>' in page
    team_select = page[page.index('id="id_team"'):]
    assert "selected" not in team_select[:team_select.index("</select>")]  # South 2 and West 1: council-wide
    assert f'name="entries" value="{e["e2"].pk}"' in page and f'name="entries" value="{e["e9"].pk}"' in page
    assert f'name="entries" value="{e["e10"].pk}"' not in page
    assert "2 entries chosen" in page


def test_adding_an_item_creates_the_action_and_the_plan_shows_it(client_for):
    ex = build_example()
    owner = make_user(Role.SERVICE_MANAGER, first_name="Sam", last_name="Owner")
    client = client_for(ex.organiser)
    response = client.post(reverse("practice:plan_item_create", args=[ex.event.pk]),
                           _post(ex, owner, [ex.entries["e2"], ex.entries["e9"]]))
    assert response.status_code == 302 and response["Location"] == reverse("practice:plan", args=[ex.event.pk])
    item = PlanItem.objects.get()
    assert (item.heading.number, item.number, item.action.owner) == (LEADERSHIP, 1, owner)
    assert set(item.entries.values_list("pk", flat=True)) == {ex.entries["e2"].pk, ex.entries["e9"].pk}
    page = client.get(reverse("practice:plan", args=[ex.event.pk])).content.decode()
    assert "Review caseload weighting" in page and "Sam Owner (with the heads of service)" in page
    assert "Remove" in page and reverse("practice:plan_item_edit", args=[item.pk]) in page


def test_a_missing_field_is_shown_and_nothing_is_saved(client_for):
    ex = build_example()
    response = client_for(ex.organiser).post(reverse("practice:plan_item_create", args=[ex.event.pk]),
                                             _post(ex, ex.organiser, title=""))
    assert response.status_code == 200
    assert "Enter the action to be taken" in response.content.decode()
    assert not Action.objects.exists()


def test_a_complete_event_refuses_a_new_item_with_a_message(client_for):
    ex = build_example(status=PracticeEvent.Status.COMPLETE)
    response = client_for(ex.organiser).post(reverse("practice:plan_item_create", args=[ex.event.pk]),
                                             _post(ex, ex.organiser))
    assert response.status_code == 200
    assert "only be changed while the event is in analysis" in response.content.decode()


def test_readers_see_the_plan_without_the_organisers_buttons(client_for):
    ex = build_example()
    client_for(ex.organiser).post(reverse("practice:plan_item_create", args=[ex.event.pk]), _post(ex, ex.organiser))
    page = client_for(make_user(Role.PRACTITIONER)).get(reverse("practice:plan", args=[ex.event.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Review caseload weighting" in text and "Remove" not in text and "Add an item" not in text


def test_change_move_and_remove(client_for):
    ex = build_example()
    client = client_for(ex.organiser)
    create = reverse("practice:plan_item_create", args=[ex.event.pk])
    client.post(create, _post(ex, ex.organiser, title="First"))
    client.post(create, _post(ex, ex.organiser, title="Second"))
    first, second = PlanItem.objects.order_by("number")
    client.post(reverse("practice:plan_item_move", args=[second.pk]), {"direction": "up"})
    assert list(PlanItem.objects.order_by("number").values_list("action__title", flat=True)) == ["Second", "First"]
    response = client.post(reverse("practice:plan_item_edit", args=[first.pk]), {
        "heading": ex.event.headings.get(number=VOICE).pk, "issue_identified": "- Changed",
        "responsibility_note": ""})
    assert response.status_code == 302
    first.refresh_from_db()
    assert (first.heading.number, first.number, first.issue_identified) == (VOICE, 1, "- Changed")
    client.post(reverse("practice:plan_item_remove", args=[second.pk]))
    assert not PlanItem.objects.filter(pk=second.pk).exists()
    assert Action.objects.get(title="Second").status == Action.Status.CANCELLED


def test_csv_has_the_designs_columns_and_the_items_row(client_for):
    ex = build_example()
    owner = make_user(Role.SERVICE_MANAGER, first_name="Sam", last_name="Owner")
    client = client_for(ex.organiser)
    client.post(reverse("practice:plan_item_create", args=[ex.event.pk]), _post(ex, owner, issue_identified="=1+1"))
    response = client.get(reverse("practice:plan", args=[ex.event.pk]) + "?format=csv")
    assert response["Content-Disposition"] == f'attachment; filename="practice-week-{ex.event.pk}-action-plan.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == COLUMNS
    assert rows[1] == ["1. Leadership", "1", "'=1+1", "Review caseload weighting", "Staff leave and children wait",
                       "High", "2027-03-31", "Sam Owner (with the heads of service)", "Not started", ""]
