"""A safeguarding flag in two browsers (design §3.3): the auditor raises it from the audit; the team manager,
in another browser, sees "Notifications (1 unread)" in the header at once, opens it, acknowledges and records
the action; the auditor closes it. Every page on the way, and the tool and moderation pages, pass axe."""

import pytest

from triangulate.audits.models import CaseAudit, SafeguardingFlag
from triangulate.audits.services.tools import ensure_default_tools
from triangulate.core.authority import System
from triangulate.core.roles import Role

from ..audits.factories import AuditRoundFactory, CaseAuditFactory, SampleEntryFactory
from .conftest import axe_violations, new_page, sign_in

CONCERN = "A new partner is living in the home and has not been checked."


@pytest.fixture
def audit(transactional_db, world):
    ensure_default_tools(actor=System.DEMO, council=world.own.council)
    from triangulate.audits.models import ToolVersion

    version = ToolVersion.objects.get(tool__key="full_case_audit", status=ToolVersion.Status.LIVE)
    round_ = AuditRoundFactory(council=world.own.council, tool_version=version, name="December audits")
    entry = SampleEntryFactory(round=round_, team=world.own, worker=world.own_worker, child_id="CH2201")
    return CaseAuditFactory(sample_entry=entry, auditor=world.users[Role.AUDITOR], worker=world.own_worker,
                            state=CaseAudit.State.RECORD_REVIEW)


@pytest.fixture
def manager_page(browser):
    page = new_page(browser)
    yield page
    page.context.close()


def checked(page):
    assert axe_violations(page) == [], page.url
    assert page.console_errors == [], page.url


def test_a_flag_reaches_the_manager_at_once_and_is_closed(page, manager_page, live_server, world, audit):
    sign_in(page, live_server, "auditor")
    page.goto(f"{live_server.url}/audits/{audit.pk}/flag/")
    checked(page)
    page.get_by_label("What is the concern?").fill(CONCERN)
    page.get_by_role("button", name="Raise the flag").click()
    page.wait_for_load_state("networkidle")
    assert "the managers of Safeguarding North 1 have been told" in page.content()
    checked(page)
    flag = SafeguardingFlag.objects.get()

    sign_in(manager_page, live_server, "teammanager")
    header_link = manager_page.get_by_role("link", name="Notifications (1 unread)")
    header_link.click()
    manager_page.wait_for_load_state("networkidle")
    checked(manager_page)
    manager_page.get_by_role("button", name="Immediate safeguarding concern raised on an audit in Safeguarding "
                                            "North 1").click()
    manager_page.wait_for_load_state("networkidle")
    assert manager_page.url.endswith(f"/audits/flags/{flag.pk}/")
    assert CONCERN in manager_page.content()
    checked(manager_page)
    manager_page.get_by_role("button", name="Acknowledge the flag").click()
    manager_page.wait_for_load_state("networkidle")
    manager_page.get_by_role("link", name="Record the action taken").click()
    # Wait for the form itself: axe run while the link's navigation is still under way finds no document.
    manager_page.get_by_label("What action has been taken?").wait_for()
    checked(manager_page)
    manager_page.get_by_label("What action has been taken?").fill("Checks requested; home visit made today.")
    manager_page.get_by_role("button", name="Record the action").click()
    manager_page.wait_for_load_state("networkidle")
    flag.refresh_from_db()
    assert flag.status == SafeguardingFlag.Status.ACTION_RECORDED

    page.goto(f"{live_server.url}/audits/flags/{flag.pk}/close/")
    checked(page)
    page.get_by_label("Close the flag: the action is enough").check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state("networkidle")
    flag.refresh_from_db()
    assert flag.status == SafeguardingFlag.Status.CLOSED
    page.goto(f"{live_server.url}/audits/flags/?show=all")
    checked(page)


def test_the_tool_and_moderation_pages_pass_axe(page, live_server, world, audit):
    from triangulate.audits.models import ToolVersion

    version = ToolVersion.objects.get(tool__key="full_case_audit", status=ToolVersion.Status.LIVE)
    sign_in(page, live_server, "qa_lead")
    for path in ("/audits/tools/", f"/audits/tools/{version.tool_id}/", f"/audits/versions/{version.pk}/",
                 "/audits/grades/", "/audits/moderation/", "/audits/reports/moderation/", "/"):
        page.goto(f"{live_server.url}{path}")
        assert page.title() and "Error" not in page.title(), path
        checked(page)
