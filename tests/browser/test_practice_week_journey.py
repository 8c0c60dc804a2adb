"""Issue 11's "Done when", on the demo council in Chromium (design §10, the done-when journey): the QA lead plans a
two-day week with three teams, two staff assessors and a guest, finds and fixes a double booking, invites the guest,
publishes and prints a brief; the guest follows the link and sets a password; two assessors record on 820×1180 touch
screens, one of them offline for a while, and hand in; the QA lead closes observations, reads the analysis (checked
against the table below, worked by hand), puts two areas for development into an action plan item, fills, edits and
approves the report, and downloads the report (Word, PDF) and the plan (Word, Excel), each opened by LibreOffice.
axe finds no WCAG 2.2 A or AA fault on any page visited.

What the assessors write, and what the analysis must count (teams observed N = 2: Fostering's visit is never
observed):

| visit | team | assessor | heading | kind | theme |
|---|---|---|---|---|---|
| 1 | Front Door and MASH | demo.auditor | 1 Leadership | area for development | Management oversight and supervision |
| 1 | Front Door and MASH | demo.auditor | 2 Voice of the child | strength | Voice of the child |
| 3 | Adolescent Service | demo.psw (offline) | 1 Leadership | area for development | Management oversight and supervision |
| 3 | Adolescent Service | demo.psw (offline) | 3 Parent/carer | strength | Parent and carer experience |

By theme: oversight 0 of 2 (0%) strengths, 2 of 2 (100%) areas; voice 1 of 2 (50%), 0 of 2 (0%); parent and carer
1 of 2 (50%), 0 of 2 (0%). Felt supported: Front Door yes, Adolescent mixed → "1 of 2 teams asked said they felt
supported.\""""

import re
import shutil
import subprocess
import tempfile
from datetime import date, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from triangulate.core.models import Theme
from triangulate.people.models import Team
from triangulate.practice.models import (
    AnalysisReport,
    Assessor,
    EventTeam,
    Observation,
    ObservationEntry,
    PlanItem,
    PracticeEvent,
)
from triangulate.synth.demo import DEMO_PASSWORD, generate_demo_council

from .conftest import TABLET, axe_violations, new_page, sign_in

User = get_user_model()
FOCUS = "The voice of the child and what it is like to be a parent here"
TEAMS = ("Front Door and MASH", "Fostering", "Adolescent Service")
ALL_SAVED = re.compile(r"^All notes saved at \d\d:\d\d$")
OFFLINE_NOISE = ("ERR_INTERNET_DISCONNECTED", "ERR_FAILED", "Failed to fetch", "beforeunload")
GUEST_PASSWORD = "a long guest passphrase 42"


def demo(settings, tmp_path):
    from triangulate.synth.demo_data import import_demo_annex_a

    settings.DATA_DIR = tmp_path / "data"
    council = generate_demo_council(seed=3, children=3_000, as_of=date.today()).council
    import_demo_annex_a(council, seed=3, months=2)
    return council


def checked(page):
    page.wait_for_load_state("load")
    assert axe_violations(page) == [], page.url
    assert [e for e in page.console_errors if not any(n in e for n in OFFLINE_NOISE)] == [], page.url


def go(page, action, heading):
    with page.expect_navigation():
        action()
    page.get_by_role("heading", name=heading, level=1).wait_for()
    checked(page)


def fill_date(page, name, day):
    page.locator(f"[name='{name}-day']").fill(str(day.day))
    page.locator(f"[name='{name}-month']").fill(str(day.month))
    page.locator(f"[name='{name}-year']").fill(str(day.year))


def tablet(browser):
    page = new_page(browser, **TABLET)
    page.on("dialog", lambda dialog: dialog.accept())  # "leave this page?" while notes wait (beforeunload)
    return page


def office_text(download):
    """The file's text as LibreOffice reads it (it must open it), or None where LibreOffice is not installed."""
    if not shutil.which("soffice"):
        return None
    folder = Path(tempfile.mkdtemp())
    out, source = folder / "converted", folder / download.suggested_filename
    shutil.copy(download.path(), source)
    target = "csv" if source.suffix == ".xlsx" else "txt:Text"
    subprocess.run(["soffice", "--headless", "--convert-to", target, "--outdir", str(out), str(source)],
                   check=True, capture_output=True, timeout=120)
    return next(out.iterdir()).read_text(errors="replace")


def pdf_text(path):
    if not shutil.which("pdftotext"):
        return None
    done = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, check=True)
    return " ".join(done.stdout.decode().split())


# --- the organiser plans the week -------------------------------------------------------------------------------

def plan_the_week(page, live_server, today):
    menu = page.get_by_role("navigation", name="Menu")
    go(page, menu.get_by_role("link", name="Practice weeks").click, "Practice weeks")
    go(page, page.get_by_role("button", name="Plan a practice week or day").click, "Plan a practice week or day")
    page.get_by_label("Practice week", exact=True).check()
    page.get_by_label("Title").fill("Winter practice week")
    fill_date(page, "starts_on", today)
    fill_date(page, "ends_on", today + timedelta(days=1))
    page.get_by_label("Agreed focus").fill(FOCUS)
    go(page, page.get_by_role("button", name="Plan the event").click, "Winter practice week")
    event = PracticeEvent.objects.get(title="Winter practice week")

    page.goto(f"{live_server.url}/practice/{event.pk}/teams/")
    page.get_by_role("heading", name="Teams", level=1).wait_for()
    checked(page)
    for name in TEAMS:
        page.get_by_label("Team", exact=True).select_option(str(Team.objects.get(name=name).pk))
        with page.expect_navigation():
            page.get_by_role("button", name="Add the team").click()
        page.get_by_text(f"{name} added").wait_for()
    checked(page)
    front_door = EventTeam.objects.get(event=event, team__name=TEAMS[0])
    contact = front_door.team.memberships.filter(end_date__isnull=True).order_by("staff__staff_ref").first().staff
    go(page, page.get_by_role("link", name=f"Change the details of {TEAMS[0]}").click, f"Details of {TEAMS[0]}")
    page.get_by_label("Office contact").select_option(str(contact.pk))
    page.get_by_label("Meeting point").fill("Reception, County Hall")
    with page.expect_navigation():
        page.get_by_role("button", name="Save the details").click()
    page.get_by_text(f"Details of {TEAMS[0]} saved").wait_for()

    page.goto(f"{live_server.url}/practice/{event.pk}/assessors/")
    page.get_by_role("heading", name="Assessors", level=1).wait_for()
    checked(page)
    for username in ("demo.auditor", "demo.psw"):
        page.get_by_label("Member of staff").select_option(str(User.objects.get(username=username).pk))
        with page.expect_navigation():
            page.get_by_role("button", name="Add the assessor").click()
    go(page, page.get_by_role("link", name="Add a guest assessor").click, "Add a guest assessor")
    page.get_by_label("Name", exact=True).fill("Gail Guest")
    page.get_by_label("Organisation").fill("Northumbria Police")
    page.get_by_label("Email address (optional)").fill("gail.guest@police.example")
    with page.expect_navigation():
        page.get_by_role("button", name="Add the guest").click()
    page.get_by_text("Gail Guest (Northumbria Police) added as a guest assessor").wait_for()
    checked(page)
    return event, contact


def add_visit(page, event, team, assessor, day, starts, ends, activity):
    go(page, page.get_by_role("link", name="Add a visit").click, "Add a visit")
    page.get_by_label("Team", exact=True).select_option(str(EventTeam.objects.get(event=event, team__name=team).pk))
    page.get_by_label("Assessor", exact=True).select_option(str(assessor.pk))
    page.get_by_label("Day").select_option(day.isoformat())
    page.get_by_label("Starts at").fill(starts)
    page.get_by_label("Ends at").fill(ends)
    page.get_by_label(activity, exact=True).check()
    page.get_by_label("Where (optional)").fill("Team room, County Hall")
    with page.expect_navigation():
        page.get_by_role("button", name="Add the visit").click()
    page.get_by_role("heading", name="Plan the timetable", level=1).wait_for()


def build_the_timetable(page, live_server, event, today):
    assessors = {a.user.username if a.user else "guest": a for a in Assessor.objects.filter(event=event)}
    page.goto(f"{live_server.url}/practice/{event.pk}/timetable/edit/")
    page.get_by_role("heading", name="Plan the timetable", level=1).wait_for()
    checked(page)
    add_visit(page, event, TEAMS[0], assessors["demo.auditor"], today, "09:00", "10:00", "Team meeting")
    add_visit(page, event, TEAMS[1], assessors["demo.auditor"], today, "09:30", "10:30", "Case discussion")
    add_visit(page, event, TEAMS[2], assessors["demo.psw"], today, "10:00", "11:00", "Supervision")
    add_visit(page, event, TEAMS[1], assessors["guest"], today + timedelta(days=1), "10:00", "11:00",
              "Team meeting")
    checked(page)
    summary = page.locator(".govuk-error-summary")
    assert "1 error to fix before publishing" in summary.inner_text()
    assert "two visits at once" in summary.inner_text()

    go(page, page.get_by_role("link", name=f"Change the 09:30 visit to {TEAMS[1]}").click, "Change a visit")
    page.get_by_label("Starts at").fill("11:00")
    page.get_by_label("Ends at").fill("12:00")
    with page.expect_navigation():
        page.get_by_role("button", name="Save the visit").click()
    page.get_by_role("heading", name="Plan the timetable", level=1).wait_for()
    checked(page)
    assert page.locator(".govuk-error-summary").count() == 0
    return assessors


def invite_the_guest_and_publish(page, live_server, event, guest):
    page.goto(f"{live_server.url}/practice/assessors/{guest.pk}/invite/")
    page.get_by_role("heading", name="Invite Gail Guest", level=1).wait_for()
    checked(page)
    page.get_by_role("button", name="Invite Gail Guest").click()
    page.get_by_role("heading", name="Link sent to Gail Guest").wait_for()
    checked(page)
    link = page.locator("code.app-guest-link").inner_text().strip()
    path = "/practice/guest/" + link.split("/practice/guest/", 1)[1]

    page.goto(f"{live_server.url}/practice/{event.pk}/publish/")
    page.get_by_role("heading", name="Publish the timetable", level=1).wait_for()
    checked(page)
    publish = page.get_by_role("button", name=re.compile("^Publish"))
    go(page, publish.click, "Timetable")
    event.refresh_from_db()
    assert event.status == PracticeEvent.Status.PUBLISHED
    return path


def print_a_brief(page, live_server, event, assessor, contact):
    page.goto(f"{live_server.url}/practice/{event.pk}/assessors/")
    page.get_by_role("heading", name="Assessors", level=1).wait_for()
    checked(page)
    with page.expect_download() as download:
        page.get_by_role("link", name=f"Brief (PDF) for {assessor.name}").click()
    words = pdf_text(download.value.path())
    if words is not None:
        assert FOCUS in words
        assert contact.first_name in words and "Reception, County Hall" in words


# --- the guest, and the assessors on tablets ----------------------------------------------------------------------

def guest_sets_a_password(browser, live_server, path):
    guest = tablet(browser)
    try:
        guest.goto(f"{live_server.url}{path}")
        guest.get_by_role("heading", name="Welcome to Triangulate", level=1).wait_for()
        checked(guest)
        guest.get_by_label("Choose a password").fill(GUEST_PASSWORD)
        guest.get_by_label("Enter the password again").fill(GUEST_PASSWORD)
        guest.get_by_role("button", name="Set my password").click()
        guest.get_by_role("heading", name="Your practice visits", level=1).wait_for()
        checked(guest)
        assert TEAMS[1] in guest.locator("main").inner_text()
        assert TEAMS[0] not in guest.locator("main").inner_text()
    finally:
        guest.context.close()


def add_note(page, event, heading_number, kind, theme_slug, text):
    heading = event.headings.get(number=heading_number)
    form = page.locator(f'form.app-note--new[data-heading="{heading.pk}"]')
    client_id = form.get_attribute("data-client-id")
    note = page.locator(f'form[data-client-id="{client_id}"]')
    note.get_by_label(kind, exact=True).check()
    note.get_by_label("Theme").select_option(str(Theme.objects.get(slug=theme_slug).pk))
    note.get_by_label("Note", exact=True).fill(text)
    note.get_by_label("Note", exact=True).blur()
    return client_id


def observe(browser, live_server, event, visit, username, notes, felt_supported, offline=False):
    page = tablet(browser)
    try:
        sign_in(page, live_server, username, password=DEMO_PASSWORD)
        page.goto(f"{live_server.url}/practice/visits/{visit.pk}/observe/")
        status = page.locator("[data-status]")
        expect(status).to_have_text("All notes saved")
        checked(page)
        page.get_by_label("What you observed").fill("Observed for an hour with the team")
        page.get_by_label("What you observed").blur()
        # the status line's length changes as it saves, moving what is below it: wait, as a person's eye would
        expect(status).to_have_text(ALL_SAVED, timeout=10_000)
        page.get_by_label(felt_supported, exact=True).check()
        expect(status).to_have_text(ALL_SAVED, timeout=10_000)
        first, *rest = notes
        add_note(page, event, *first)
        expect(status).to_have_text(ALL_SAVED, timeout=10_000)
        if offline:
            page.context.set_offline(True)
        for note in rest:
            add_note(page, event, *note)
        if offline:
            expect(status).to_have_text(re.compile(r"^Not sent yet: 1 note is kept on this tablet"), timeout=10_000)
            expect(page.get_by_role("button", name="Hand in")).to_be_disabled()
            checked(page)
            page.context.set_offline(False)
        expect(status).to_have_text(ALL_SAVED, timeout=20_000)
        assert ObservationEntry.objects.filter(observation__visit=visit).count() == len(notes)
        with page.expect_navigation():
            page.get_by_role("button", name="Hand in").click()
        checked(page)
        assert Observation.objects.get(visit=visit).state == Observation.State.HANDED_IN
    finally:
        page.context.close()


# --- the organiser closes, analyses, plans and reports ------------------------------------------------------------

def theme_row(page, theme):
    return page.locator("#by-theme + table tbody tr").filter(
        has=page.get_by_role("rowheader", name=theme, exact=True))


def analyse(page, live_server, event):
    page.goto(f"{live_server.url}/practice/{event.pk}/")
    page.get_by_role("heading", name="Winter practice week", level=1).wait_for()
    checked(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Close observations").click()
    checked(page)
    event.refresh_from_db()
    assert event.status == PracticeEvent.Status.ANALYSIS

    page.goto(f"{live_server.url}/practice/{event.pk}/analysis/")
    page.get_by_role("heading", name="Analysis", level=1).wait_for()
    checked(page)
    assert theme_row(page, "Management oversight and supervision").locator("td").all_inner_texts() == [
        "0 of 2 (0%)", "2 of 2 (100%)"]
    assert theme_row(page, "Voice of the child").locator("td").all_inner_texts() == ["1 of 2 (50%)", "0 of 2 (0%)"]
    assert theme_row(page, "Parent and carer experience").locator("td").all_inner_texts() == [
        "1 of 2 (50%)", "0 of 2 (0%)"]
    assert page.locator("#felt-supported-text").inner_text().startswith(
        "1 of 2 teams asked said they felt supported.")


def plan_an_action(page, event, owner):
    for text in ("Supervision notes list tasks, not reflection", "Supervision is often cancelled"):
        page.locator("#entries ~ table tr").filter(has_text=text).first.locator("input[type=checkbox]").check()
    go(page, page.get_by_role("button", name="Add to the action plan").click, "Add to the action plan")
    assert page.get_by_label("Issue identified").input_value() in (
        "• Supervision notes list tasks, not reflection\n• Supervision is often cancelled",
        "• Supervision is often cancelled\n• Supervision notes list tasks, not reflection")
    page.get_by_label("Action to be taken").fill("Audit supervision records in both teams each month")
    page.get_by_label("Anticipated risk if not completed").fill("Drift in children's plans goes unseen")
    page.get_by_label("Priority").select_option("high")
    due = date.today() + timedelta(days=90)
    page.get_by_label("Day").fill(str(due.day))
    page.get_by_label("Month").fill(str(due.month))
    page.get_by_label("Year").fill(str(due.year))
    page.locator("#id_owner").select_option(str(owner.pk))
    go(page, page.get_by_role("button", name="Add to the action plan").click, "Action plan")
    item = PlanItem.objects.get(event=event)
    assert item.entries.count() == 2 and item.heading.number == 1

    with page.expect_download() as word:
        page.get_by_role("link", name="Download the action plan as Word").click()
    text = office_text(word.value)
    assert text is None or "Audit supervision records in both teams each month" in text
    with page.expect_download() as excel:
        page.get_by_role("link", name="Download the action plan as Excel").click()
    text = office_text(excel.value)
    assert text is None or "Drift in children's plans goes unseen" in text


def report(page, live_server, event):
    page.goto(f"{live_server.url}/practice/{event.pk}/report/")
    page.get_by_role("heading", name="Winter practice week", level=1).wait_for()
    checked(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Fill the empty parts from the analysis").click()
    page.get_by_text(re.compile(r"parts? filled from the analysis")).first.wait_for()
    checked(page)
    go(page, page.get_by_role("link", name="Change Conclusion").click, "Conclusion")
    page.get_by_label("Conclusion").fill("- Supervision needs to be reflective in every team we visited")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    page.get_by_text("Conclusion saved").wait_for()
    with page.expect_navigation():
        page.get_by_role("button", name="Approve the report").click()
    page.get_by_text("Report approved").wait_for()
    checked(page)
    assert AnalysisReport.objects.get(event=event).status == AnalysisReport.Status.APPROVED

    with page.expect_download() as word:
        page.get_by_role("link", name="Download the report as Word (.docx)").click()
    text = office_text(word.value)
    assert text is None or "Supervision needs to be reflective in every team we visited" in text
    with page.expect_download() as printed:
        page.get_by_role("link", name="Download the report as PDF").click()
    words = pdf_text(printed.value.path())
    assert words is None or "Supervision needs to be reflective in every team we visited" in words


def test_an_organiser_plans_a_week_assessors_observe_one_offline_and_the_organiser_reports(
        page, browser, live_server, transactional_db, settings, tmp_path):
    demo(settings, tmp_path)
    today = date.today()
    sign_in(page, live_server, "demo.qalead", password=DEMO_PASSWORD)
    event, contact = plan_the_week(page, live_server, today)
    assessors = build_the_timetable(page, live_server, event, today)
    path = invite_the_guest_and_publish(page, live_server, event, assessors["guest"])
    print_a_brief(page, live_server, event, assessors["demo.auditor"], contact)

    guest_sets_a_password(browser, live_server, path)
    visits = {v.team.name: v for v in event.visits.select_related("team")}
    observe(browser, live_server, event, visits[TEAMS[0]], "demo.auditor", [
        (1, "Area for development", "management-oversight-and-supervision",
         "Supervision notes list tasks, not reflection"),
        (2, "Strength", "voice-of-the-child", "The child's own words lead the plan"),
    ], felt_supported="Yes")
    observe(browser, live_server, event, visits[TEAMS[2]], "demo.psw", [
        (3, "Strength", "parent-and-carer-experience", "Mum said she knows what happens next"),
        (1, "Area for development", "management-oversight-and-supervision", "Supervision is often cancelled"),
    ], felt_supported="Mixed", offline=True)

    analyse(page, live_server, event)
    plan_an_action(page, event, User.objects.get(username="demo.servicemanager"))
    report(page, live_server, event)
