"""The timetable pages (design §4, §9.1): the grid per day with the checks at the top, rows filtered to what the
reader may see, the visit form, consent, cancelling, accepting a line conflict, and publishing with its notices."""

import pytest
from django.urls import reverse

from triangulate.core.models import Notification
from triangulate.core.roles import Role
from triangulate.practice.models import PracticeEvent, Visit

from ..factories import StaffFactory, add_to_team, make_user
from .timetable_world import FOSTERING, FRONT_DOOR, WEST_1, build


@pytest.fixture
def week(db):
    return build()


def page(client, name, pk):
    response = client.get(reverse(f"practice:{name}", args=[pk]))
    assert response.status_code == 200
    return response.content.decode()


def visit_post(week, **overrides):
    data = {"event_team": week.teams[FOSTERING].pk, "assessor": week.assessors["bob"].pk, "date": "2026-02-02",
            "starts_at": "12:00", "ends_at": "13:00", "activity": "supervision", "activity_note": "",
            "location": "Travel with the worker", "host": ""}
    data.update(overrides)
    return data


def test_the_organisers_timetable_shows_the_checks_and_a_table_per_day(week, client_for):
    html = page(client_for(week.qa_lead), "timetable_edit", week.event.pk)
    assert "4 errors to fix before publishing" in html
    assert f'href="#visit-{week.visits[4].pk}"' in html  # the double booking links to its row
    assert "Front Door has no visit. Remove the team or add a visit." in html
    assert "3 warnings: these do not stop publishing" in html
    for caption in ("Monday 2 February 2026", "Tuesday 3 February 2026", "Wednesday 4 February 2026",
                    "Thursday 5 February 2026"):
        assert caption in html
    assert html.count('class="govuk-tag govuk-tag--red">Double-booked') == 2
    assert reverse("practice:visit_create", args=[week.event.pk]) in html
    assert reverse("practice:publish", args=[week.event.pk]) in html


def test_a_practitioner_sees_only_their_teams_rows_and_no_checks(week, client_for):
    worker = StaffFactory(council=week.event.council, first_name="Pia", last_name="Worker")
    add_to_team(worker, week.teams[FOSTERING].team)
    html = page(client_for(make_user(Role.PRACTITIONER, staff=worker, username="pia")), "timetable", week.event.pk)
    assert html.count("<td class=\"govuk-table__cell\">Fostering</td>") == 3  # V2, V5, V6
    assert WEST_1 not in html and "errors to fix" not in html and "govuk-error-summary" not in html
    assert reverse("practice:timetable_edit", args=[week.event.pk]) not in html


def test_adding_a_double_booking_shows_the_error_and_moving_it_fixes_it(week, client_for):
    client = client_for(week.qa_lead)
    url = reverse("practice:visit_create", args=[week.event.pk])
    response = client.post(url, visit_post(week, starts_at="12:00", ends_at="13:00"))  # bob is at V5 until 12:30
    assert response.status_code == 302
    added = Visit.objects.get(event=week.event, starts_at="12:00", assessor=week.assessors["bob"])
    html = page(client, "timetable_edit", week.event.pk)
    bob = week.assessors["bob"].name
    assert f"{bob} has two visits at once on Monday 2 February: Fostering 11:00–12:30 (team meeting) and " \
           "Fostering 12:00–13:00 (supervision)." in html
    edit = reverse("practice:visit_edit", args=[added.pk])
    response = client.post(edit, visit_post(week, starts_at="14:00", ends_at="15:00", version=added.version))
    assert response.status_code == 302
    added.refresh_from_db()
    assert added.starts_at.hour == 14


def test_the_visit_form_refuses_bad_times_and_days_outside_the_event(week, client_for):
    client = client_for(week.qa_lead)
    url = reverse("practice:visit_create", args=[week.event.pk])
    html = client.post(url, visit_post(week, starts_at="11:00", ends_at="10:00")).content.decode()
    assert "The visit must end after it starts." in html
    html = client.post(url, visit_post(week, date="2026-02-09", starts_at="half nine")).content.decode()
    assert "Select a valid choice" in html and "Enter the start time as hours and minutes, like 09:30" in html
    form = page(client, "visit_create", week.event.pk)
    assert "Never a family’s name or address" in form


def test_accepting_a_line_conflict_and_cancelling_need_a_reason(week, client_for):
    client = client_for(week.qa_lead)
    v4 = week.visits[4]
    edit = page(client, "visit_edit", v4.pk)
    assert f"Safeguarding West 1 is in {week.assessors['bob'].name}'s management line." in edit
    url = reverse("practice:conflict_accept", args=[v4.pk])
    response = client.post(url, {"reason": ""}, follow=True)
    assert "Give a reason for accepting this visit" in response.content.decode()
    client.post(url, {"reason": "bob leaves the Safeguarding service in March", "version": v4.version})
    v4.refresh_from_db()
    assert v4.conflict_reason == "bob leaves the Safeguarding service in March"
    assert "accepted: bob leaves the Safeguarding service in March" in page(client, "timetable_edit", week.event.pk)
    cancel = reverse("practice:visit_cancel", args=[week.visits[1].pk])
    response = client.post(cancel, {"outcome": "cancelled", "reason": ""}, follow=True)
    assert "Give a reason for cancelling the visit." in response.content.decode()
    client.post(cancel, {"outcome": "did_not_happen", "reason": "Family cancelled"})
    week.visits[1].refresh_from_db()
    assert week.visits[1].status == "did_not_happen"


def test_consent_by_the_visited_teams_manager(week, client_for):
    v8 = week.visits[8]  # West 1's home visit
    manager = client_for(week.managers[WEST_1])
    assert f'href="{reverse("practice:visit_consent", args=[v8.pk])}"' in page(manager, "timetable", week.event.pk)
    html = page(manager, "visit_consent", v8.pk)
    assert "What did the family say?" in html
    response = manager.post(reverse("practice:visit_consent", args=[v8.pk]),
                            {"consent": "given", "version": v8.version})
    assert response.status_code == 302
    v8.refresh_from_db()
    assert v8.consent == "given" and v8.consent_recorded_by == week.managers[WEST_1]
    other = client_for(week.managers[FOSTERING])  # Fostering's manager: not their team's visit
    assert other.get(reverse("practice:visit_consent", args=[v8.pk])).status_code == 404


def test_publish_lists_warnings_refuses_errors_then_publishes(week, client_for, django_capture_on_commit_callbacks):
    client = client_for(week.qa_lead)
    html = page(client, "publish", week.event.pk)
    assert "4 errors to fix before publishing" in html and "Go to the timetable" in html
    response = client.post(reverse("practice:publish", args=[week.event.pk]), follow=True)
    assert "The timetable has 4 errors to fix before it can be published." in response.content.decode()
    v = week.visits
    Visit.objects.filter(pk=v[5].pk).update(starts_at="13:00", ends_at="14:00")
    Visit.objects.filter(pk=v[4].pk).update(conflict_reason="Agreed with the director")
    Visit.objects.filter(pk=v[3].pk).update(assessor=week.assessors["cat"])
    Visit.objects.filter(pk=v[10].pk).update(status="planned")
    html = page(client, "publish", week.event.pk)
    assert "2 warnings: these do not stop publishing" in html
    assert "Cat Clay has 4 visits on Wednesday 4 February, more than 3" in html
    assert "Publish anyway" in html and "tells 3 assessors with an account" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("practice:publish", args=[week.event.pk]),
                               {"version": week.event.version})
    assert response["Location"] == reverse("practice:timetable", args=[week.event.pk])
    week.event.refresh_from_db()
    assert week.event.status == PracticeEvent.Status.PUBLISHED
    assert Notification.objects.filter(kind="practice.team_in_event").count() == 4
    assert "was published" in page(client, "publish", week.event.pk)


def test_an_assessor_adds_an_unplanned_visit_only_while_observing(week, client_for):
    cat = client_for(week.users["cat"])
    url = reverse("practice:visit_create", args=[week.event.pk])
    assert cat.get(url).status_code == 403
    PracticeEvent.objects.filter(pk=week.event.pk).update(status=PracticeEvent.Status.OBSERVING)
    assert f'href="{url}"' in page(cat, "timetable", week.event.pk)
    html = page(cat, "visit_create", week.event.pk)
    assert "Add an unplanned visit" in html and 'name="assessor"' not in html
    response = cat.post(url, {"event_team": week.teams[FRONT_DOOR].pk, "date": "2026-02-05", "starts_at": "14:00",
                              "ends_at": "15:00", "activity": "meeting_observation",
                              "activity_note": "Strategy meeting"})
    assert response.status_code == 302
    assert Visit.objects.get(activity_note="Strategy meeting").assessor == week.assessors["cat"]


def test_a_guest_cannot_read_the_timetable(week, client_for):
    from .factories import make_guest

    guest = make_guest(week.event, first_name="Pat", last_name="Partner")
    assert client_for(guest.user).get(reverse("practice:timetable", args=[week.event.pk])).status_code in (403, 404)


def test_a_visit_saved_from_an_older_page_shows_both_versions(week, client_for):
    v1 = week.visits[1]
    first, second = client_for(week.qa_lead), client_for(week.qa_lead)
    url = reverse("practice:visit_edit", args=[v1.pk])
    assert first.post(url, visit_post(week, event_team=week.teams[WEST_1].pk, assessor=week.assessors["ann"].pk,
                                      starts_at="09:00", ends_at="10:30", activity="team_meeting",
                                      version=1)).status_code == 302
    response = second.post(url, visit_post(week, event_team=week.teams[WEST_1].pk,
                                           assessor=week.assessors["ann"].pk, starts_at="09:45", ends_at="11:00",
                                           activity="team_meeting", version=1))
    html = response.content.decode()
    assert response.status_code == 200 and "Someone else saved this after you opened the page" in html
    v1.refresh_from_db()
    assert (v1.starts_at.hour, v1.starts_at.minute, v1.version) == (9, 0, 2)
