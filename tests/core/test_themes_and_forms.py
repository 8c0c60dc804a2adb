from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal
from django.urls import reverse

from triangulate.core.forms import GovukDateField, GovukForm
from triangulate.core.models import Theme
from triangulate.core.roles import Role

DEFAULT_THEMES = ["Voice of the child", "Management oversight and supervision", "Assessment quality",
                  "Planning (SMART)", "Visits and direct work", "Multi-agency working", "Recording", "Timeliness",
                  "Workforce and caseloads", "Leadership", "Parent and carer experience", "Outcomes"]


def test_the_default_themes_are_installed_in_order(db):
    assert list(Theme.objects.values_list("name", flat=True)) == DEFAULT_THEMES


@pytest.mark.django_db(transaction=True)
def test_a_flushed_database_gets_the_default_themes_back_and_a_councils_own_are_left_alone():
    # Django's flush (run after every transactional test) re-sends post_migrate: the defaults come back,
    # so no test or page depends on which test ran before it on the same worker
    call_command("flush", interactive=False, verbosity=0)
    assert list(Theme.objects.values_list("name", flat=True)) == DEFAULT_THEMES
    Theme.objects.exclude(slug="outcomes").delete()
    Theme.objects.filter(slug="outcomes").update(name="Outcomes for children")
    emit_post_migrate_signal(0, False, "default")  # as `migrate` does at the end of every run
    assert list(Theme.objects.values_list("name", flat=True)) == ["Outcomes for children"]


def test_a_qa_lead_adds_a_theme(world, client_for):
    client = client_for(world.users[Role.QA_LEAD])
    response = client.post(reverse("core:theme_create"),
                           {"name": "  Neglect   and  cumulative harm ", "description": "x", "order": "", "is_active": "on"})
    assert response.status_code == 302
    theme = Theme.objects.get(slug="neglect-and-cumulative-harm")
    assert (theme.name, theme.order, theme.is_active) == ("Neglect and cumulative harm", 130, True)


def test_a_duplicate_theme_is_rejected_with_an_error_summary(world, client_for):
    client = client_for(world.users[Role.QA_LEAD])
    response = client.post(reverse("core:theme_create"), {"name": "voice of the CHILD", "order": "5"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert 'href="#id_name"' in html
    assert "A theme with this name already exists" in html
    assert Theme.objects.count() == 12


def test_a_theme_can_be_retired(world, client_for):
    theme = Theme.objects.get(slug="outcomes")
    client = client_for(world.users[Role.QA_LEAD])
    response = client.post(reverse("core:theme_edit", args=[theme.pk]),
                           {"name": "Outcomes", "description": "", "order": "120"})
    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.is_active is False


class DateForm(GovukForm):
    when = GovukDateField(label="When", label_lower="date of the visit")


@pytest.mark.parametrize(("day", "month", "year", "error"), [
    ("", "", "", "Enter the date of the visit"),
    ("29", "2", "2025", "The date of the visit must be a real date"),
    ("31", "", "2026", "The date of the visit must include a month"),
    ("", "", "2026", "The date of the visit must include a day and month"),
    ("1", "2", "26", "Year must include 4 numbers"),
    ("first", "2", "2026", "The date of the visit must be a real date, in numbers"),
])
def test_the_date_input_explains_what_is_wrong(day, month, year, error):
    form = DateForm({"when-day": day, "when-month": month, "when-year": year})
    assert not form.is_valid()
    assert form.errors["when"] == [error]
    assert form.error_summary() == [{"text": error, "href": "#id_when-day"}]


def test_the_date_input_accepts_a_leap_day_and_spaces():
    form = DateForm({"when-day": " 29", "when-month": "02 ", "when-year": "2024"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["when"] == date(2024, 2, 29)


def test_missing_default_themes_are_restored_and_others_left_alone(db):
    from triangulate.core.authority import System
    from triangulate.core.services import ensure_default_themes

    Theme.objects.filter(slug="outcomes").delete()
    Theme.objects.filter(slug="recording").update(description="Our own wording")
    added = ensure_default_themes(actor=System.COMMAND_LINE)
    assert [t.name for t in added] == ["Outcomes"]
    assert Theme.objects.get(slug="recording").description == "Our own wording"
    assert ensure_default_themes(actor=System.COMMAND_LINE) == []


@pytest.mark.parametrize(("count", "shown"), [(0, "0"), (1, "fewer than 6"), (5, "fewer than 6"), (6, "6"),
                                              (1234, "1234"), (None, "")])
def test_small_counts_are_suppressed_for_wide_audiences(count, shown):
    from triangulate.core.formatting import suppress_small

    assert suppress_small(count) == shown


def test_dates_read_the_gov_uk_way():
    from triangulate.core.formatting import date_uk

    assert date_uk(date(2024, 2, 29)) == "29 February 2024"
    assert date_uk(None) == ""
