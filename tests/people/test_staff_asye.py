"""The ASYE dates on a member of staff (workforce design §3, §4): recorded through the staff form and the service,
validated so a completion has a start on or before it, and neither is before the member started here nor in the
future; each error names its field. Today is the test run's date, so the dates are set relative to it."""

import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from triangulate.core.models import AuditEvent
from triangulate.core.roles import Role
from triangulate.people import services
from triangulate.people.models import check_asye_dates

START = date(2020, 1, 6)  # the world's staff start on this day


def form(member, started=None, completed=None):
    body = {"staff_ref": member.staff_ref, "first_name": member.first_name, "last_name": member.last_name,
            "role": "asye", "fte": "1", "employment": "permanent", "version": str(member.version),
            "start_date-day": "6", "start_date-month": "1", "start_date-year": "2020"}
    for name, day in (("asye_started_on", started), ("asye_completed_on", completed)):
        if day:
            body.update({f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)})
    return body


def test_the_staff_form_records_the_asye_and_the_trail_has_it(world, client_for):
    member = world.own_worker
    response = client_for(world.users[Role.SYSTEM_ADMIN]).post(
        reverse("people:staff_edit", args=[member.pk]), form(member, date(2023, 9, 4), date(2024, 9, 2)))
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.asye_started_on, member.asye_completed_on) == (date(2023, 9, 4), date(2024, 9, 2))
    changes = AuditEvent.objects.get(verb="staff.updated", object_id=str(member.pk)).changes
    assert changes["asye_started_on"] == [None, "2023-09-04"] and changes["asye_completed_on"] == [None, "2024-09-02"]
    page = client_for(world.users[Role.SYSTEM_ADMIN]).get(reverse("people:staff_detail", args=[member.pk]))
    assert "Started 4 September 2023, completed 2 September 2024" in page.content.decode()


@pytest.mark.parametrize("started, completed, field, message", [
    (None, date(2024, 9, 2), "asye_started_on", "Enter the ASYE start date: an ASYE with a completion date has started"),
    (date(2024, 9, 2), date(2024, 9, 1), "asye_completed_on",
     "The ASYE completion date must be on or after the ASYE start date"),
    (date(2019, 9, 2), None, "asye_started_on", "The ASYE start date must be on or after the start date"),
    (date(2019, 9, 2), date(2019, 12, 1), "asye_completed_on",
     "The ASYE completion date must be on or after the start date"),
    ("tomorrow", None, "asye_started_on", "The ASYE start date must be today or in the past"),
    (date(2024, 9, 2), "tomorrow", "asye_completed_on", "The ASYE completion date must be today or in the past"),
])
def test_the_form_names_the_field_in_error_and_saves_nothing(world, client_for, started, completed, field, message):
    tomorrow = timezone.localdate() + timedelta(days=1)
    started, completed = (tomorrow if d == "tomorrow" else d for d in (started, completed))
    member = world.own_worker
    response = client_for(world.users[Role.SYSTEM_ADMIN]).post(
        reverse("people:staff_edit", args=[member.pk]), form(member, started, completed))
    html = response.content.decode()
    assert response.status_code == 200 and message in html
    assert f'href="#id_{field}-day"' in html  # the error summary links to the field
    member.refresh_from_db()
    assert (member.asye_started_on, member.asye_completed_on) == (None, None)


def test_the_service_refuses_bad_asye_dates_by_field(world):
    admin = world.users[Role.SYSTEM_ADMIN]
    with pytest.raises(ValidationError) as error:
        services.update_staff(actor=admin, member=world.own_worker, asye_completed_on=date(2024, 9, 1))
    assert set(error.value.message_dict) == {"asye_started_on"}
    with pytest.raises(ValidationError) as error:
        services.add_staff(actor=admin, council=world.own.council, team=world.own, staff_ref="E1", first_name="A",
                           last_name="B", role="asye", fte=1, employment="permanent", start_date=date(2025, 9, 1),
                           asye_started_on=date(2025, 8, 1))
    assert error.value.message_dict == {"asye_started_on": ["The ASYE start date must be on or after the start date"]}


def test_the_rules_on_their_own():
    today = date(2026, 6, 1)
    check_asye_dates(START, None, None, today)
    check_asye_dates(START, START, today, today)  # the first day and today are both allowed
    check_asye_dates(None, date(2024, 1, 1), None, today)  # the start date's own error is the form's
    with pytest.raises(ValidationError) as error:
        check_asye_dates(START, date(2026, 6, 2), None, today)
    assert error.value.message_dict == {"asye_started_on": ["The ASYE start date must be today or in the past"]}


def test_each_date_on_the_staff_form_has_its_own_boxes(world, client_for):
    """Four dates on one form: each box's id is its own, so its label names it and the error summary reaches it."""
    member = world.own_worker
    html = client_for(world.users[Role.SYSTEM_ADMIN]).post(
        reverse("people:staff_edit", args=[member.pk]), form(member, date(2019, 9, 2))).content.decode()
    ids = re.findall(r'<input[^>]* id="([^"]+-(?:day|month|year))"', html)
    assert len(ids) == 12 and len(set(ids)) == 12
    assert 'id="id_asye_started_on-day"' in html and 'for="id_leave_date-month"' in html
