"""The safeguarding flag pages (design §3.3, §9.1): raising one from an audit, the managers' answers and the
raiser's close or "not enough" through the forms, a stale answer refused, the list's download without the
concern or the child, and the flag's page logged as a view of the child."""

import pytest
from django.urls import reverse

from triangulate.audits.models import CaseAudit, SafeguardingFlag
from triangulate.core.models import AccessLog
from triangulate.core.roles import Role

from .factories import AuditRoundFactory, CaseAuditFactory, SampleEntryFactory, make_tool

CONCERN = "The father of the baby has moved back in; no checks recorded."
Status = SafeguardingFlag.Status


@pytest.fixture
def audit(world):
    version = make_tool(council=world.own.council)
    round_ = AuditRoundFactory(council=world.own.council, tool_version=version, name="December audits")
    entry = SampleEntryFactory(round=round_, team=world.own, worker=world.own_worker, child_id="CH4471")
    return CaseAuditFactory(sample_entry=entry, auditor=world.users[Role.AUDITOR], worker=world.own_worker,
                            state=CaseAudit.State.RECORD_REVIEW)


def test_the_auditor_raises_a_flag_and_the_manager_answers_it(world, audit, client_for):
    auditor = client_for(world.users[Role.AUDITOR])
    response = auditor.post(reverse("audits:flag_create", args=[audit.pk]), {"concern": CONCERN})
    flag = SafeguardingFlag.objects.get()
    assert response["Location"] == reverse("audits:flag_detail", args=[flag.pk])
    assert CONCERN not in response["Location"] and "CH4471" not in response["Location"]

    manager = client_for(world.users[Role.TEAM_MANAGER])
    page = manager.get(reverse("audits:flag_detail", args=[flag.pk]))
    assert CONCERN in page.content.decode() and "Acknowledge the flag" in page.content.decode()
    assert AccessLog.objects.filter(user=world.users[Role.TEAM_MANAGER], child_id="CH4471", resource="flag").exists()

    manager.post(reverse("audits:flag_acknowledge", args=[flag.pk]), {"version": flag.version})
    flag.refresh_from_db()
    assert flag.status == Status.ACKNOWLEDGED
    # a second manager's page, drawn before the acknowledgement, is refused rather than laid on top
    stale = manager.post(reverse("audits:flag_action", args=[flag.pk]),
                         {"version": flag.version - 1, "action_taken": "Visited"})
    assert stale.status_code == 200 and "Someone else saved this" in stale.content.decode()
    manager.post(reverse("audits:flag_action", args=[flag.pk]),
                 {"version": flag.version, "action_taken": "Strategy discussion held; checks requested."})
    flag.refresh_from_db()
    assert flag.status == Status.ACTION_RECORDED

    back = auditor.post(reverse("audits:flag_close", args=[flag.pk]),
                        {"version": flag.version, "decision": "return", "note": ""})
    assert back.status_code == 200 and "Say why the action is not enough" in back.content.decode()
    auditor.post(reverse("audits:flag_close", args=[flag.pk]),
                 {"version": flag.version, "decision": "return", "note": "The baby has not been seen."})
    flag.refresh_from_db()
    assert (flag.status, flag.returned_count) == (Status.ACKNOWLEDGED, 1)
    manager.post(reverse("audits:flag_action", args=[flag.pk]),
                 {"version": flag.version, "action_taken": "Baby seen at home today with the health visitor."})
    flag.refresh_from_db()
    auditor.post(reverse("audits:flag_close", args=[flag.pk]), {"version": flag.version, "decision": "close"})
    flag.refresh_from_db()
    assert flag.status == Status.CLOSED


def test_the_list_shows_open_flags_and_downloads_without_the_concern(world, audit, client_for):
    from triangulate.audits.services import flags

    flags.raise_flag(actor=world.users[Role.AUDITOR], audit=audit, concern=CONCERN)
    closed = flags.raise_flag(actor=world.users[Role.AUDITOR], audit=audit, concern="Raised in error")
    flags.close_flag(actor=world.users[Role.QA_LEAD], flag=closed, note="Wrong audit")
    client = client_for(world.users[Role.QA_LEAD])
    page = client.get(reverse("audits:flag_list")).content.decode()
    assert page.count(reverse("audits:flag_detail", args=[closed.pk - 1])) == 1
    assert reverse("audits:flag_detail", args=[closed.pk]) not in page
    assert reverse("audits:flag_detail", args=[closed.pk]) in client.get(reverse("audits:flag_list") + "?show=all"
                                                                        ).content.decode()
    csv = client.get(reverse("audits:flag_list") + "?format=csv&show=all").content.decode()
    assert csv.count("Safeguarding North 1") == 2
    assert CONCERN not in csv and "CH4471" not in csv and "Raised in error" not in csv
    assert not AccessLog.objects.exists()  # no child in the list or its download


def test_a_team_manager_elsewhere_cannot_find_the_flag(world, audit, client_for):
    from triangulate.audits.services import flags

    flag = flags.raise_flag(actor=world.users[Role.AUDITOR], audit=audit, concern=CONCERN)
    other = client_for(world.users[Role.TEAM_MANAGER])
    assert other.get(reverse("audits:flag_detail", args=[flag.pk])).status_code == 200
    audit.team = world.other
    audit.save()
    SafeguardingFlag.objects.filter(pk=flag.pk).update(team=world.other)
    assert other.get(reverse("audits:flag_detail", args=[flag.pk])).status_code == 404
    assert reverse("audits:flag_detail", args=[flag.pk]) not in other.get(reverse("audits:flag_list")).content.decode()
