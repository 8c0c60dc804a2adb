"""The round pages over the stored extract of test_round_services (31 October 2026): a QA lead plans a round, draws
the sample, sees why each child was chosen, sets the auditors, allocates, withdraws and adds children; who sees
which child ids, and that showing them is logged."""

import re

import pytest
from django.db.models import Count
from django.urls import reverse

from triangulate.audits.models import AuditRound, CaseAudit, RoundAuditor, SampleEntry
from triangulate.core.models import AccessLog
from triangulate.core.roles import Role

from .factories import make_tool
from .test_round_services import store


@pytest.fixture
def upload(world, tmp_path, settings):
    settings.DATA_DIR = tmp_path / "data"
    return store(world)


@pytest.fixture
def qa_client(world, client_for):
    return client_for(world.users[Role.QA_LEAD])


def plan(world, qa_client):
    version = make_tool(council=world.own.council)
    response = qa_client.post(reverse("audits:round_create"), {
        "name": "November audits", "kind": "monthly", "tool_version": version.pk,
        "case_types": ["cin", "cp", "cla", "care_leaver"], "audits_due-day": "31", "audits_due-month": "1",
        "audits_due-year": "2030", "exclude_months": "12", "moderation_share": "0.20", "seed": "7",
        f"size_{world.own.pk}": "3", f"size_{world.other.pk}": "2"})
    round_ = AuditRound.objects.get(name="November audits")
    assert response.status_code == 302 and response["Location"] == reverse("audits:round_detail", args=[round_.pk])
    return round_


def shown(response):
    """The page after a redirect, where the flashed message is shown."""
    return response.content.decode()


def test_plan_draw_and_see_why_each_child_was_chosen(world, upload, qa_client):
    round_ = plan(world, qa_client)
    assert (round_.status, round_.seed, round_.exclude_months) == ("planned", 7, 12)
    assert sorted(round_.teams.values_list("team__name", "size")) == [("Children in Care South", 2),
                                                                       ("Safeguarding North 1", 3)]
    page = qa_client.get(reverse("audits:round_detail", args=[round_.pk])).content.decode()
    assert "Draw the sample" in page and "Annex A extract of 31 October 2026" in page
    response = qa_client.post(reverse("audits:round_sample", args=[round_.pk]), follow=True)
    assert "Sample drawn: 5 children" in shown(response)
    page = response.content.decode()
    assert "This child is 2nd of 5 in the seeded order (seed 7)." in page
    assert "1 with no team, 1 with a team name not matched to a team" in page
    logged = set(AccessLog.objects.filter(resource="round_sample").values_list("child_id", flat=True))
    assert logged == {"N04", "N02", "N06", "S01", "S02"}


def test_a_practitioner_sees_the_counts_but_no_child_of_the_sample(world, upload, qa_client, client_for):
    round_ = plan(world, qa_client)
    qa_client.post(reverse("audits:round_sample", args=[round_.pk]))
    page = client_for(world.users[Role.PRACTITIONER]).get(reverse("audits:round_detail", args=[round_.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and "Safeguarding North 1" in html
    assert not re.search(r"\b(N0\d|S0\d)\b", html)
    assert not AccessLog.objects.filter(user=world.users[Role.PRACTITIONER]).exists()


def test_auditors_allocation_withdrawal_and_adding_a_child(world, upload, qa_client):
    round_ = plan(world, qa_client)
    qa_client.post(reverse("audits:round_sample", args=[round_.pk]))
    auditor, lead = world.users[Role.AUDITOR], world.users[Role.QA_LEAD]
    response = qa_client.post(reverse("audits:round_allocation", args=[round_.pk]),
                              {f"in_{auditor.pk}": "on", f"in_{lead.pk}": "on", f"capacity_{lead.pk}": "1"})
    assert response.status_code == 302
    assert dict(RoundAuditor.objects.filter(round=round_).values_list("user__username", "capacity")) == {
        "auditor": None, "qa_lead": 1}
    response = qa_client.post(reverse("audits:round_allocate", args=[round_.pk]), follow=True)
    # Capacities: the QA lead 1; the auditor a balanced ⌈5/2⌉ = 3. S01 goes to "auditor" (a tie, by username),
    # S02 to the QA lead, N04 and N02 to the auditor; N06 is left for the allocation page.
    assert "4 audits allocated; 1 could not be given to anyone in the pool" in shown(response)
    page = qa_client.get(reverse("audits:round_allocation", args=[round_.pk])).content.decode()
    assert re.search(r"<td[^>]*>N06</td>", page)
    n06 = SampleEntry.objects.get(round=round_, child_id="N06")
    response = qa_client.post(reverse("audits:round_allocation", args=[round_.pk]),
                              {"entry": n06.pk, "auditor": lead.pk}, follow=True)
    assert "Allocated to" in shown(response)
    assert CaseAudit.objects.get(sample_entry=n06).auditor == lead
    # N06's worker was not in the extract: the QA lead names them (§1.5), on the entry and its audit.
    assert "Workers not matched to a staff record" in page and re.search(r"<td[^>]*>N06</td>", page)
    response = qa_client.post(reverse("audits:round_allocation", args=[round_.pk]),
                              {"entry": n06.pk, "worker": world.own_worker.pk}, follow=True)
    assert "Worker set to Olive Own" in shown(response)
    assert CaseAudit.objects.get(sample_entry=n06).worker == world.own_worker
    assert dict(CaseAudit.objects.filter(round=round_).values("auditor__username").annotate(n=Count("pk"))
                .values_list("auditor__username", "n")) == {"auditor": 3, "qa_lead": 2}
    entry = SampleEntry.objects.get(round=round_, child_id="N04")
    response = qa_client.post(reverse("audits:entry_withdraw", args=[entry.pk]),
                              {"reason": "moved_away", "replace": "on"}, follow=True)
    assert "Child withdrawn; the next child in the seeded order replaces them" in shown(response)
    replacement = SampleEntry.objects.get(round=round_, replaces=entry)
    assert replacement.child_id == "N03"
    assert CaseAudit.objects.get(sample_entry=replacement).auditor == CaseAudit.objects.get(sample_entry=entry).auditor
    response = qa_client.post(reverse("audits:round_add_child", args=[round_.pk]),
                              {"child_id": "N01", "reason": "Asked for by the IRO"})
    assert response.status_code == 302
    added = SampleEntry.objects.get(round=round_, child_id="N01")
    assert (added.source, added.team, added.case_type) == ("added", world.own, "cin")


def test_a_withdrawal_without_a_reason_is_refused_with_a_message(world, upload, qa_client):
    round_ = plan(world, qa_client)
    qa_client.post(reverse("audits:round_sample", args=[round_.pk]))
    entry = SampleEntry.objects.filter(round=round_).first()
    response = qa_client.post(reverse("audits:entry_withdraw", args=[entry.pk]), {}, follow=True)
    assert "Choose why the child is withdrawn" in shown(response)
    assert SampleEntry.objects.get(pk=entry.pk).status == "selected"


def test_the_edit_page_changes_a_planned_round_and_the_seed(world, upload, qa_client):
    round_ = plan(world, qa_client)
    page = qa_client.get(reverse("audits:round_edit", args=[round_.pk]))
    assert page.status_code == 200 and 'name="seed"' in page.content.decode()
    response = qa_client.post(reverse("audits:round_edit", args=[round_.pk]), {
        "version": round_.version, "name": "November audits", "kind": "monthly",
        "tool_version": round_.tool_version_id, "case_types": ["cin"], "audits_due-day": "31",
        "audits_due-month": "1", "audits_due-year": "2030", "exclude_months": "0", "moderation_share": "0.20",
        "seed": "8", f"size_{world.own.pk}": "2"})
    assert response.status_code == 302
    round_.refresh_from_db()
    assert (round_.seed, round_.case_types, round_.exclude_months) == (8, ["cin"], 0)
    assert list(round_.teams.values_list("team__name", "size")) == [("Safeguarding North 1", 2)]


def test_cancel_a_planned_round_from_its_page(world, qa_client):
    round_ = plan(world, qa_client)
    response = qa_client.post(reverse("audits:round_cancel", args=[round_.pk]), follow=True)
    assert "Round November audits cancelled" in shown(response)
    assert "No published extract yet" in shown(response)
    assert AuditRound.objects.get(pk=round_.pk).status == "cancelled"


def test_a_team_manager_sees_the_rows_of_their_teams_audits_before_sharing_but_cannot_open_them(
        world, upload, qa_client, client_for):
    round_ = plan(world, qa_client)
    qa_client.post(reverse("audits:round_sample", args=[round_.pk]))
    RoundAuditor.objects.create(round=round_, user=world.users[Role.AUDITOR])
    qa_client.post(reverse("audits:round_allocate", args=[round_.pk]))
    html = client_for(world.users[Role.TEAM_MANAGER]).get(reverse("audits:round_detail", args=[round_.pk])).content
    html = html.decode()
    assert set(re.findall(r"\b(?:N0\d|S0\d)\b", html)) == {"N02", "N04", "N06"}  # their team only
    own = CaseAudit.objects.get(round=round_, child_id="N04")
    assert f'href="{reverse("audits:audit_detail", args=[own.pk])}"' not in html  # not shared yet: a row, no link
    qa_page = qa_client.get(reverse("audits:round_detail", args=[round_.pk])).content.decode()
    assert f'href="{reverse("audits:audit_detail", args=[own.pk])}"' in qa_page
    assert set(AccessLog.objects.filter(user=world.users[Role.TEAM_MANAGER]).values_list("child_id", flat=True)) == {
        "N02", "N04", "N06"}
