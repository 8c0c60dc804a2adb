"""Issue 10's "Done when", on the demo council in Chromium: the QA lead plans a round and draws its sample from
the demo's latest published extract, and allocates it; the auditor conducts the audit through its three stages
(the record, the conversation with the worker, the family's feedback) and the outcome, raises a safeguarding flag,
records a finding and an action, and submits; the QA lead gives the moderation to the PSW, who moderates it; the QA
lead closes the round and prints its report. Every audit page on the way passes axe with no console error."""

import subprocess
from datetime import date, timedelta

from triangulate.audits.models import AuditRound, CaseAudit, Moderation, SafeguardingFlag
from triangulate.synth.demo import DEMO_PASSWORD

from .conftest import axe_violations, new_page, sign_in
from .test_head_of_service_journey import demo

ROUND = "Winter case file audit"
CONCERN = "The child told me an adult in the home hits them; nothing in the record shows it was acted on."
FINDING = "The summary is out of date: a new worker could not see why the family is known."
ACTION = "Update the case summary and chronology"


def checked(page):
    assert axe_violations(page) == [], page.url
    assert page.console_errors == [], page.url


def go(page, click, ready):
    """Follow a link or press a button, wait for the new page (a heading or field of it) and check it."""
    with page.expect_navigation():
        click()
    ready.wait_for()
    checked(page)


def heading(page, name):
    return page.get_by_role("heading", name=name, level=1)


def person(page, live_server, username):
    other = new_page(page.context.browser)
    sign_in(other, live_server, username, DEMO_PASSWORD)
    return other


PAGE_TOP = "e => e.getBoundingClientRect().top + window.scrollY"  # from the top of the page, wherever it is scrolled


def answer_the_record(page):
    """Every section of the full case audit, each question answered "Yes" or "Good", except the first
    section's grade, which is "Requires improvement" (so the findings page suggests a finding)."""
    number = 1
    while True:
        assert page.get_by_text(f"section {number} of 9").is_visible()
        first = page.locator("main .govuk-radios").first
        top = first.evaluate(PAGE_TOP)
        for group in page.locator("main .govuk-radios").all():
            labels = group.locator("label").all_inner_texts()
            group.get_by_label("Good" if "Good" in labels else "Yes", exact=True).check()
        if number == 1:
            page.locator("[data-question=summary_grade]").get_by_label("Requires improvement", exact=True).check()
            # leaving a field autosaves; "Saved at ..." must not push the answers down under the auditor's pointer
            page.locator("#autosave-status").get_by_text("Saved at").wait_for()
            assert first.evaluate(PAGE_TOP) == top
        if number == 9:
            go(page, page.get_by_role("button", name="Save", exact=True).click, heading(page, "Audit of child"))
            return
        number += 1
        go(page, page.get_by_role("button", name="Save and go to the next section").click,
           page.get_by_text(f"section {number} of 9"))


def test_a_qa_lead_and_an_auditor_run_a_whole_case_file_audit_round(page, live_server, transactional_db, settings,
                                                                     tmp_path):
    council = demo(settings, tmp_path)
    team = council.teams.filter(team_type="locality_safeguarding").order_by("id").first()
    today = date.today()

    # The QA lead plans the round: one case from the demo team manager's team, due in four weeks
    sign_in(page, live_server, "demo.qalead", DEMO_PASSWORD)
    menu = page.get_by_role("navigation", name="Menu")
    go(page, menu.get_by_role("link", name="Audits", exact=True).click, heading(page, "Audits"))
    go(page, page.get_by_role("link", name="Audit rounds").click, heading(page, "Audit rounds"))
    go(page, page.get_by_role("link", name="Plan a round").click, heading(page, "Plan an audit round"))
    page.get_by_label("Name", exact=True).fill(ROUND)
    page.get_by_label("Audit tool").select_option(label="Full case audit (version 1)")
    due = today + timedelta(days=28)
    page.locator("[name='audits_due-day']").fill(str(due.day))
    page.locator("[name='audits_due-month']").fill(str(due.month))
    page.locator("[name='audits_due-year']").fill(str(due.year))
    page.get_by_label(f"{team.name}: cases to audit").fill("1")
    go(page, page.get_by_role("button", name="Save round").click, heading(page, ROUND))
    round_ = AuditRound.objects.get(name=ROUND)
    assert round_.status == AuditRound.Status.PLANNED

    # ... draws the sample from the latest published extract, chooses the auditor and allocates
    go(page, page.get_by_role("button", name="Draw the sample").click, page.get_by_text("Sample drawn: 1"))
    round_.refresh_from_db()
    assert round_.status == AuditRound.Status.SAMPLING and round_.upload_id is not None
    entry = round_.entries.get()
    assert entry.team_id == team.pk and page.get_by_role("cell", name=entry.child_id).is_visible()
    go(page, page.get_by_role("link", name="Auditors").click, heading(page, f"Auditors for {ROUND}"))
    auditor = council_user("demo.auditor")
    page.get_by_label(f"{auditor.get_full_name()} audits in this round").check()
    go(page, page.get_by_role("button", name="Save auditors").click, page.get_by_text("Auditors saved"))
    go(page, page.get_by_role("link", name="Back to the round").click, heading(page, ROUND))
    go(page, page.get_by_role("button", name="Allocate", exact=True).click, page.get_by_text("1 audit allocated"))
    audit = CaseAudit.objects.get(round=round_)
    assert (audit.auditor, audit.state, audit.child_id) == (auditor, CaseAudit.State.ALLOCATED, entry.child_id)

    # The auditor finds it among their audits and reads the record, section by section
    auditor_page = person(page, live_server, "demo.auditor")
    go(auditor_page, auditor_page.get_by_role("navigation", name="Menu").get_by_role("link", name="Audits",
                                                                                      exact=True).click,
       heading(auditor_page, "Your audits"))
    go(auditor_page, auditor_page.get_by_role("link", name=audit.child_id, exact=True).click,
       heading(auditor_page, f"Audit of child {audit.child_id}"))
    go(auditor_page, auditor_page.get_by_role("link", name="1. Summary and chronology").click,
       auditor_page.get_by_text("section 1 of 9"))
    answer_the_record(auditor_page)
    audit.refresh_from_db()
    assert audit.state == CaseAudit.State.RECORD_REVIEW and audit.answers.count() >= 30
    go(auditor_page, auditor_page.get_by_role("button", name="Share the draft").click,
       auditor_page.get_by_text("Draft shared"))

    # stage 2: the conversation with the worker
    go(auditor_page, auditor_page.get_by_role("link", name="Conversation with the worker").click,
       heading(auditor_page, "Conversation with the worker"))
    go(auditor_page, auditor_page.get_by_role("button", name="Save the conversation").click,
       auditor_page.locator(".govuk-error-summary"))
    auditor_page.get_by_label("Held", exact=True).check()
    auditor_page.locator("[name='conversation_on-day']").fill(str(today.day))
    auditor_page.locator("[name='conversation_on-month']").fill(str(today.month))
    auditor_page.locator("[name='conversation_on-year']").fill(str(today.year))
    auditor_page.locator("[name=manager_present][value=no]").check()
    auditor_page.get_by_label("Notes of the conversation").fill("We agreed the summary needs rewriting.")
    go(auditor_page, auditor_page.get_by_role("button", name="Save the conversation").click,
       auditor_page.get_by_text("Conversation recorded"))

    # stage 3: the family's feedback
    go(auditor_page, auditor_page.get_by_role("link", name="Family feedback").click,
       heading(auditor_page, "Family feedback"))
    auditor_page.get_by_label("Reached", exact=True).check()
    auditor_page.get_by_role("group", name="Consent: without it, only whether they were reached is kept").get_by_label(
        "They agreed that what they said can be recorded, without their name").check()
    auditor_page.get_by_label("Who did you speak with?").select_option(label="Parent")
    auditor_page.get_by_label("Has the social worker made a positive difference?").select_option(label="Partly")
    auditor_page.get_by_label("What went well, in their words").fill("She listens to my son.")
    go(auditor_page, auditor_page.get_by_role("button", name="Save the family's feedback").click,
       auditor_page.get_by_text("Family feedback saved"))

    # the outcome
    go(auditor_page, auditor_page.get_by_role("link", name="Outcome", exact=True).click,
       heading(auditor_page, "Outcome"))
    auditor_page.get_by_label("Inadequate", exact=True).check()
    auditor_page.get_by_label("Next steps").fill("Strategy discussion today; rewrite the summary.")
    go(auditor_page, auditor_page.get_by_role("button", name="Save the outcome").click,
       auditor_page.get_by_text("Outcome saved"))

    # a safeguarding flag, at once
    go(auditor_page, auditor_page.get_by_role("link", name="Raise a safeguarding flag").click,
       auditor_page.get_by_label("What is the concern?"))
    auditor_page.get_by_label("What is the concern?").fill(CONCERN)
    go(auditor_page, auditor_page.get_by_role("button", name="Raise the flag").click,
       auditor_page.get_by_text(f"the managers of {team.name} have been told"))
    flag = SafeguardingFlag.objects.get(audit=audit)
    assert flag.status == SafeguardingFlag.Status.RAISED

    # a finding, from the suggestion for the answer graded "Requires improvement", and an action from it
    auditor_page.goto(f"{live_server.url}/audits/{audit.pk}/")
    go(auditor_page, auditor_page.get_by_role("link", name="Findings and actions").click,
       heading(auditor_page, "Findings"))
    go(auditor_page, auditor_page.get_by_role("link", name="Quality of the summary and chronology").click,
       auditor_page.get_by_label("Finding", exact=True))
    auditor_page.get_by_label("Area for development").check()
    auditor_page.get_by_label("Finding", exact=True).fill(FINDING)
    go(auditor_page, auditor_page.get_by_role("button", name="Record the finding").click,
       auditor_page.get_by_text("Finding recorded"))
    go(auditor_page, auditor_page.get_by_role("link", name="Set an action").click,
       auditor_page.get_by_label("What needs to happen"))
    auditor_page.locator("[name=kind]").first.check()
    auditor_page.get_by_label("What needs to happen").fill(ACTION)
    auditor_page.get_by_label("Why, and the risk if it is not done").fill("A new worker would miss the risk.")
    auditor_page.get_by_label("Theme").select_option(index=1)
    auditor_page.get_by_label("From the finding").select_option(label=FINDING[:80])
    go(auditor_page, auditor_page.get_by_role("button", name="Set the action").click,
       auditor_page.get_by_text("Action set"))

    # check and submit
    go(auditor_page, auditor_page.get_by_role("link", name="Check and submit").click,
       heading(auditor_page, "Check and submit the audit"))
    go(auditor_page, auditor_page.get_by_role("button", name="Submit the audit").click,
       auditor_page.get_by_text("Audit submitted"))
    audit.refresh_from_db()
    assert audit.state == CaseAudit.State.SUBMITTED and audit.overall_grade.label == "Inadequate"
    assert [link.finding.text for link in audit.finding_links.all()] == [FINDING]
    assert [link.action.title for link in audit.action_links.all()] == [ACTION]
    moderation = Moderation.objects.get(audit=audit)
    assert (moderation.status, moderation.reason) == (Moderation.Status.SELECTED, "inadequate")
    auditor_page.context.close()

    # The QA lead gives the moderation to the PSW ...
    page.goto(f"{live_server.url}/audits/rounds/")
    go(page, page.get_by_role("link", name="Moderation", exact=True).click, heading(page, "Moderation"))
    go(page, page.get_by_role("link", name=f"Allocate the moderation of an audit in {team.name}, {ROUND}").click, heading(page, "Moderation"))
    psw = council_user("demo.psw")
    page.get_by_label("Moderator").select_option(label=psw.get_full_name())
    go(page, page.get_by_role("button", name="Allocate", exact=True).click,
       page.get_by_text(f"Allocated to {psw.get_full_name()}"))

    # ... who agrees with the auditor's grade
    psw_page = person(page, live_server, "demo.psw")
    psw_page.goto(f"{live_server.url}/audits/moderation/")
    go(psw_page, psw_page.get_by_role("link", name=f"View the moderation of an audit in {team.name}, {ROUND}").click,
       psw_page.get_by_label("Inadequate (the auditor's grade)"))
    psw_page.get_by_label("Inadequate (the auditor's grade)").check()
    psw_page.get_by_label("Learning for the auditor (optional)").fill("Clear evidence for the grade.")
    go(psw_page, psw_page.get_by_role("button", name="Save the moderation").click,
       psw_page.get_by_text("You agreed with the auditor's grade"))
    audit.refresh_from_db()
    assert audit.state == CaseAudit.State.MODERATED
    psw_page.context.close()

    # The QA lead closes the round and prints its report
    page.goto(f"{live_server.url}/audits/rounds/{round_.pk}/")
    go(page, page.get_by_role("button", name="Close the round").click, page.get_by_text(f"Round {ROUND} closed"))
    round_.refresh_from_db()
    assert round_.status == AuditRound.Status.CLOSED
    go(page, page.get_by_role("link", name="The round report").click, heading(page, ROUND))
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the round report as a PDF").click()
    pdf = download.value.path()
    assert open(pdf, "rb").read(5) == b"%PDF-"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert ROUND in text


def council_user(username):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)

