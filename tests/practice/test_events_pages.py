"""The events' pages (design §9.1): the list in its three parts with kind and year filters, planning a week
through the form, "Repeat this week" and "Follow up" from a complete event, the task list's links and counts,
the transitions' buttons, and the organisers' home panel."""

from datetime import date

import pytest

from triangulate.core.roles import Role
from triangulate.practice.home import organiser_panel
from triangulate.practice.models import Observation, PracticeEvent

from ..factories import make_user
from .factories import ObservationFactory, VisitFactory, make_event

Status = PracticeEvent.Status


@pytest.fixture
def qa(world):
    return world.users[Role.QA_LEAD]


def test_the_list_splits_upcoming_in_progress_and_complete_and_filters(world, qa, client_for):
    council = world.own.council
    make_event(council=council, organisers=[qa], title="Spring week", headings=False)
    make_event(council=council, organisers=[qa], title="Observed week", status=Status.OBSERVING, headings=False)
    make_event(council=council, organisers=[qa], title="Old day", kind="day", starts_on=date(2025, 3, 4),
               ends_on=date(2025, 3, 4), status=Status.COMPLETE, headings=False)
    page = client_for(world.users[Role.PRACTITIONER]).get("/practice/").content.decode()
    upcoming, in_progress, complete = (page.index(">Upcoming<"), page.index(">In progress<"),
                                       page.index(">Complete<"))
    assert upcoming < page.index("Spring week") < in_progress < page.index("Observed week") < complete
    assert page.index("Old day") > complete and "Plan a practice week or day" not in page
    filtered = client_for(qa).get("/practice/?kind=day&year=2025").content.decode()
    assert "Old day" in filtered and "Spring week" not in filtered and "No upcoming events." in filtered
    assert "Plan a practice week or day" in filtered


def test_planning_a_week_through_the_form(world, qa, client_for):
    client = client_for(qa)
    assert client.get("/practice/new/").status_code == 200
    response = client.post("/practice/new/", {
        "kind": "week", "title": "Spring week", "starts_on-day": "2", "starts_on-month": "2",
        "starts_on-year": "2026", "ends_on-day": "6", "ends_on-month": "2", "ends_on-year": "2026",
        "focus": "The voice of the child", "max_visits_per_day": "3", "organisers": [qa.pk]})
    event = PracticeEvent.objects.get()
    assert response.status_code == 302 and response.url == f"/practice/{event.pk}/"
    assert (event.title, event.kind, event.starts_on, event.council) == (
        "Spring week", "week", date(2026, 2, 2), world.own.council)
    assert event.headings.count() == 4


def test_a_day_over_two_dates_comes_back_with_the_error(world, qa, client_for):
    response = client_for(qa).post("/practice/new/", {
        "kind": "day", "title": "A day", "starts_on-day": "2", "starts_on-month": "2", "starts_on-year": "2026",
        "ends_on-day": "3", "ends_on-month": "2", "ends_on-year": "2026", "focus": "Voice",
        "max_visits_per_day": "3", "organisers": [qa.pk]})
    assert response.status_code == 200
    assert "A practice day starts and ends on the same day." in response.content.decode()
    assert not PracticeEvent.objects.exists()


def test_repeat_and_follow_up_from_a_complete_week(world, qa, client_for):
    week = make_event(council=world.own.council, organisers=[qa], teams=[world.own], status=Status.COMPLETE)
    client = client_for(qa)
    page = client.get(f"/practice/{week.pk}/").content.decode()
    assert f"/practice/new/?repeat={week.pk}" in page and f"/practice/new/?follows={week.pk}" in page
    response = client.post(f"/practice/new/?repeat={week.pk}", {
        "title": "Autumn week", "starts_on-day": "5", "starts_on-month": "10", "starts_on-year": "2026",
        "ends_on-day": "9", "ends_on-month": "10", "ends_on-year": "2026"})
    repeat = PracticeEvent.objects.get(title="Autumn week")
    assert response.status_code == 302 and repeat.benchmark == week and repeat.teams.get().team == world.own
    response = client.post(f"/practice/new/?follows={week.pk}", {
        "team": world.own.pk, "title": "North 1 day", "on-day": "4", "on-month": "3", "on-year": "2026"})
    day = PracticeEvent.objects.get(title="North 1 day")
    assert response.status_code == 302 and day.follows == week and day.kind == "day"
    planning = make_event(council=world.own.council, organisers=[qa])
    assert client.get(f"/practice/new/?repeat={planning.pk}").status_code == 404
    assert client.get("/practice/new/?follows=x").status_code == 404


def test_the_task_list_counts_and_links(world, qa, client_for):
    event = make_event(council=world.own.council, organisers=[qa], teams=[world.own, world.other],
                       status=Status.OBSERVING)
    visit = VisitFactory(event=event, event_team=event.teams.get(team=world.own))
    VisitFactory(event=event, event_team=event.teams.get(team=world.other), assessor=visit.assessor,
                 status="cancelled")
    ObservationFactory(visit=visit, state=Observation.State.HANDED_IN)
    page = client_for(qa).get(f"/practice/{event.pk}/").content.decode()
    assert "2 teams, 0 confirmed by the team" in page and "1 assessor" in page and "4 headings" in page
    assert "1 handed in of 1 planned" in page
    assert f'href="/practice/{event.pk}/timetable/edit/"' in page
    assert f'action="/practice/{event.pk}/close/"' in page
    reader = client_for(world.users[Role.INSPECTOR]).get(f"/practice/{event.pk}/").content.decode()
    assert "close/" not in reader and f'href="/practice/{event.pk}/timetable/"' in reader


def test_close_share_and_complete_through_the_pages(world, qa, client_for):
    event = make_event(council=world.own.council, organisers=[qa], status=Status.OBSERVING)
    client = client_for(qa)
    response = client.post(f"/practice/{event.pk}/close/", {"version": "1"})
    event.refresh_from_db()
    assert response.status_code == 302 and event.status == Status.ANALYSIS
    client.post(f"/practice/{event.pk}/share-summaries/", {"version": "2"})
    event.refresh_from_db()
    assert event.summaries_shared_by == qa
    page = client.post(f"/practice/{event.pk}/complete/", {"version": "3", "no_actions_reason": ""})
    assert page.status_code == 200 and "Approve the report before marking the event complete." in \
        page.content.decode()


def test_a_stale_close_is_refused_with_a_message(world, qa, client_for):
    event = make_event(council=world.own.council, organisers=[qa], status=Status.OBSERVING)
    client = client_for(qa)
    response = client.post(f"/practice/{event.pk}/close/", {"version": "7"}, follow=True)
    event.refresh_from_db()
    assert event.status == Status.OBSERVING
    assert "Someone changed this after you opened the page" in response.content.decode()


def test_cancel_needs_a_reason(world, qa, client_for):
    event = make_event(council=world.own.council, organisers=[qa])
    client = client_for(qa)
    assert "Enter the reason" in client.post(f"/practice/{event.pk}/cancel/", {"version": "1"}).content.decode()
    response = client.post(f"/practice/{event.pk}/cancel/", {"version": "1", "reason": "Postponed"})
    event.refresh_from_db()
    assert response.status_code == 302 and event.status == Status.CANCELLED


def test_the_organiser_panel_lists_what_is_left_to_do(world, qa):
    assert organiser_panel(qa) is None
    week = make_event(council=world.own.council, organisers=[qa], status=Status.ANALYSIS, title="Spring week")
    ObservationFactory(visit=VisitFactory(event=week))
    make_event(council=world.own.council, organisers=[make_user(Role.QA_LEAD, username="qa2")])
    rows = organiser_panel(qa)["practice_events"]
    assert [(r["event"].title, r["todo"]) for r in rows] == [
        ("Spring week", ["1 observation not handed in", "team summaries to share"])]


def test_the_home_page_shows_the_panel(world, qa, client_for):
    make_event(council=world.own.council, organisers=[qa], status=Status.ANALYSIS, title="Spring week")
    page = client_for(qa).get("/").content.decode()
    assert "Practice events to organise" in page and "team summaries to share" in page
    assert 'href="/practice/"' in page  # the "Practice weeks" menu item


def _edit_post(event, qa, **overrides):
    values = {"version": str(event.version), "title": "Renamed week", "starts_on-day": "2", "starts_on-month": "2",
              "starts_on-year": "2026", "ends_on-day": "6", "ends_on-month": "2", "ends_on-year": "2026",
              "focus": event.focus, "max_visits_per_day": "3", "organisers": [qa.pk]}
    return {**values, **overrides}


def test_changing_the_event_and_a_stale_save(world, qa, client_for):
    event = make_event(council=world.own.council, organisers=[qa])
    client = client_for(qa)
    assert 'value="Practice week' in client.get(f"/practice/{event.pk}/edit/").content.decode()
    response = client.post(f"/practice/{event.pk}/edit/", _edit_post(event, qa))
    event.refresh_from_db()
    assert response.status_code == 302 and event.title == "Renamed week" and event.version == 2
    stale = client.post(f"/practice/{event.pk}/edit/", _edit_post(event, qa, version="1", title="Lost"))
    assert stale.status_code == 200 and "Renamed week" in stale.content.decode()
    event.refresh_from_db()
    assert event.title == "Renamed week"


def test_a_complete_event_is_not_changed(world, qa, client_for):
    event = make_event(council=world.own.council, organisers=[qa], status=Status.COMPLETE)
    response = client_for(qa).get(f"/practice/{event.pk}/edit/", follow=True)
    assert "This event is complete: it can no longer be changed." in response.content.decode()


def test_reopening_keeps_the_reason(world, qa, client_for):
    event = make_event(council=world.own.council, organisers=[qa], status=Status.ANALYSIS)
    client = client_for(qa)
    assert "Why are observations reopened?" in client.get(f"/practice/{event.pk}/reopen/").content.decode()
    response = client.post(f"/practice/{event.pk}/reopen/", {"version": "1", "reason": "A visit moved"})
    event.refresh_from_db()
    assert response.status_code == 302 and event.status == Status.OBSERVING
    assert event.observation_reopened_reason == "A visit moved"
