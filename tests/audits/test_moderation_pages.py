"""The moderation pages (design §9.1): the list, one moderation (allocate, agree, re-grade), selecting by request,
and the agreement report with §5.2's figures per auditor."""

import pytest
from django.urls import reverse

from triangulate.audits.models import CaseAudit, Moderation
from triangulate.audits.services import moderation as services
from triangulate.audits.services import moderation_selection as selection
from triangulate.core.models import AccessLog
from triangulate.core.roles import Role

from ..factories import make_user
from .factories import RoundAuditorFactory
from .moderation_world import Example

Status = Moderation.Status


@pytest.fixture
def example(world):
    example = Example(world)
    for audit in example.audits.values():
        selection.select_on_submit(audit)
    selection.top_up_at_close(example.round, actor=world.users[Role.QA_LEAD])
    for auditor in example.auditors.values():
        auditor.first_name, auditor.last_name = auditor.username.title(), "Auditor"
        auditor.save()
    return example


def moderation_of(example, child_id):
    return Moderation.objects.get(audit=example.audits[child_id])


def allocated(world, example, child_id, moderator):
    return services.allocate_moderator(actor=world.users[Role.QA_LEAD], moderation=moderation_of(example, child_id),
                                       moderator=moderator)


def detail_url(moderation):
    return reverse("audits:moderation_detail", args=[moderation.pk])


def test_the_qa_lead_sees_every_moderation_waiting(world, example, client_for):
    page = client_for(world.users[Role.QA_LEAD]).get(reverse("audits:moderation_list"))
    assert page.status_code == 200
    rows = page.content.decode().count('href="/audits/moderation/')
    assert rows == 4  # A09, C01, A10 and B04
    assert "Graded inadequate" in page.content.decode() and "Top-up at close" in page.content.decode()


def test_a_moderator_sees_only_their_own(world, example, client_for):
    cat = example.auditors["cat"]
    mine = allocated(world, example, "A09", cat)
    page = client_for(cat).get(reverse("audits:moderation_list")).content.decode()
    assert detail_url(mine) in page
    assert detail_url(moderation_of(example, "C01")) not in page


def test_a_team_manager_given_a_moderation_reaches_the_list(world, example, client_for):
    manager = make_user(Role.TEAM_MANAGER, username="tm2")
    client = client_for(manager)
    assert client.get(reverse("audits:moderation_list")).status_code == 403
    mine = allocated(world, example, "A10", manager)
    page = client.get(reverse("audits:moderation_list"))
    assert page.status_code == 200 and detail_url(mine) in page.content.decode()


def test_finished_moderations_are_shown_on_asking(world, example, client_for):
    qa_lead = world.users[Role.QA_LEAD]
    done = allocated(world, example, "A09", qa_lead)
    services.moderate(actor=qa_lead, moderation=done, grade=example.grade("I"))
    client = client_for(qa_lead)
    assert detail_url(done) not in client.get(reverse("audits:moderation_list")).content.decode()
    assert detail_url(done) in client.get(reverse("audits:moderation_list") + "?show=all").content.decode()


def test_allocating_from_the_page(world, example, client_for):
    moderation = moderation_of(example, "A09")
    client = client_for(world.users[Role.QA_LEAD])
    page = client.get(detail_url(moderation)).content.decode()
    assert "Allocate a moderator" in page
    offered = page[page.index('<select'):page.index('</select>')]
    # bob audited A09 and ann works in North 1, so neither is offered
    assert "Cat Auditor" in offered and "Bob Auditor" not in offered and "Ann Auditor" not in offered
    response = client.post(reverse("audits:moderation_allocate", args=[moderation.pk]),
                           {"moderator": example.auditors["cat"].pk, "version": moderation.version})
    assert response.status_code == 302 and response["Location"] == detail_url(moderation)
    moderation.refresh_from_db()
    assert (moderation.status, moderation.moderator) == (Status.ALLOCATED, example.auditors["cat"])


def test_allocating_the_auditor_is_refused_with_a_message(world, example, client_for):
    moderation = moderation_of(example, "A09")
    client = client_for(world.users[Role.QA_LEAD])
    response = client.post(reverse("audits:moderation_allocate", args=[moderation.pk]),
                           {"moderator": example.auditors["bob"].pk}, follow=True)
    assert "Choose someone who can moderate this audit" in response.content.decode()
    moderation.refresh_from_db()
    assert moderation.moderator is None


def test_the_moderator_agrees_on_the_page_and_the_child_access_is_logged(world, example, client_for):
    cat = example.auditors["cat"]
    moderation = allocated(world, example, "A09", cat)
    client = client_for(cat)
    page = client.get(detail_url(moderation))
    assert "Inadequate (the auditor&#39;s grade)" in page.content.decode()
    assert AccessLog.objects.filter(user=cat, child_id="A09", resource="audit").exists()
    response = client.post(detail_url(moderation), {"grade": example.grade("I").pk, "reason_text": "",
                                                     "learning": "Well evidenced.", "version": moderation.version})
    assert response.status_code == 302
    moderation.refresh_from_db()
    assert (moderation.status, moderation.learning) == (Status.AGREED, "Well evidenced.")
    assert CaseAudit.objects.get(pk=moderation.audit_id).state == CaseAudit.State.MODERATED


def test_a_regrade_without_a_reason_comes_back_with_the_error(world, example, client_for):
    cat = example.auditors["cat"]
    moderation = allocated(world, example, "C01", cat)
    response = client_for(cat).post(detail_url(moderation), {"grade": example.grade("RI").pk, "reason_text": "",
                                                             "version": moderation.version})
    assert response.status_code == 200
    assert "Say why you would give a different grade" in response.content.decode()
    moderation.refresh_from_db()
    assert moderation.status == Status.ALLOCATED


def test_a_stale_moderation_shows_what_is_stored(world, example, client_for):
    cat = example.auditors["cat"]
    moderation = allocated(world, example, "C01", cat)
    response = client_for(cat).post(detail_url(moderation), {"grade": example.grade("RI").pk, "reason_text": "Why",
                                                             "version": moderation.version - 1})
    assert response.status_code == 200
    assert "Someone else saved this after you opened the page" in response.content.decode()
    moderation.refresh_from_db()
    assert moderation.status == Status.ALLOCATED


def test_only_the_moderator_can_post_the_judgement(world, example, client_for):
    moderation = allocated(world, example, "C01", example.auditors["cat"])
    response = client_for(world.users[Role.QA_LEAD]).post(detail_url(moderation), {"grade": example.grade("I").pk})
    assert response.status_code == 403


def test_the_auditor_reads_the_outcome_once_it_is_finished(world, example, client_for):
    cat, bob = example.auditors["cat"], example.auditors["bob"]
    moderation = allocated(world, example, "C01", cat)
    assert client_for(bob).get(detail_url(moderation)).status_code == 403
    services.moderate(actor=cat, moderation=moderation, grade=example.grade("RI"), reason_text="Seen alone twice",
                      learning="Weigh the visits recorded.")
    page = client_for(bob).get(detail_url(moderation))
    assert page.status_code == 200
    assert "Re-graded" in page.content.decode() and "Weigh the visits recorded." in page.content.decode()


def test_a_manager_outside_the_team_finds_nothing(world, example, client_for):
    # The world's team manager is not in North 1: the moderation's audit is outside their scope
    response = client_for(world.users[Role.TEAM_MANAGER]).get(detail_url(moderation_of(example, "A09")))
    assert response.status_code == 404


def test_a_qa_lead_selects_an_audit_by_request(world, example, client_for):
    audit = example.audits["B06"]
    response = client_for(world.users[Role.QA_LEAD]).post(reverse("audits:moderation_select", args=[audit.pk]))
    moderation = Moderation.objects.get(audit=audit)
    assert moderation.reason == Moderation.Reason.REQUESTED
    assert response.status_code == 302 and response["Location"] == detail_url(moderation)


def test_the_report_shows_the_agreement_example(world, example, client_for):
    psw = world.users[Role.PRINCIPAL_SOCIAL_WORKER]
    for child_id in ("A09", "C01", "A10", "B04"):
        allocated(world, example, child_id, psw)
    services.moderate(actor=psw, moderation=moderation_of(example, "A09"), grade=example.grade("I"))
    services.moderate(actor=psw, moderation=moderation_of(example, "C01"), grade=example.grade("RI"),
                      reason_text="Better than graded")
    services.moderate(actor=psw, moderation=moderation_of(example, "A10"), grade=example.grade("G"))
    services.moderate(actor=psw, moderation=moderation_of(example, "B04"), grade=example.grade("I"),
                      reason_text="Drift missed")
    dee = make_user(Role.AUDITOR, username="dee", first_name="Dee", last_name="Auditor")
    waiting = selection.request_moderation(actor=psw, audit=example.audits["B06"])
    CaseAudit.objects.filter(pk=waiting.audit_id).update(auditor=dee)

    page = client_for(world.users[Role.SENIOR_LEADER]).get(reverse("audits:moderation_report"))
    assert page.status_code == 200
    html = " ".join(page.content.decode().split())
    assert "1 moderation is not finished yet" in html
    row = '<th scope="row" class="govuk-table__header">{}</th> <td class="govuk-table__cell govuk-table__cell--numeric">'
    assert row.format("Overall") + "4</td>" in html
    assert "50%" in html and "1 up, 1 down" in html
    assert row.format("Cat Auditor") + "1</td>" in html and "100%" in html
    assert row.format("Dee Auditor") + "0</td>" in html and html.count("none moderated") == 2  # rate, direction


def test_the_report_by_round(world, example, client_for):
    page = client_for(world.users[Role.QA_LEAD]).get(reverse("audits:moderation_report"),
                                                     {"round": example.round.pk})
    assert page.status_code == 200 and f"Agreement in {example.round.name}" in page.content.decode()


def test_no_grade_is_chosen_for_the_moderator(world, example, client_for):
    cat = example.auditors["cat"]
    moderation = allocated(world, example, "A09", cat)
    client = client_for(cat)
    assert "checked" not in client.get(detail_url(moderation)).content.decode().split("What overall grade")[1]
    response = client.post(detail_url(moderation), {"reason_text": "", "version": moderation.version})
    assert "Choose the grade you would give" in response.content.decode()


def test_allocate_all_from_the_list(world, example, client_for):
    for auditor in example.auditors.values():
        RoundAuditorFactory(round=example.round, user=auditor)
    client = client_for(world.users[Role.QA_LEAD])
    assert "4 waiting" in client.get(reverse("audits:moderation_list")).content.decode()
    response = client.post(reverse("audits:moderation_allocate_all", args=[example.round.pk]), follow=True)
    assert "4 moderations allocated" in response.content.decode()
    assert not Moderation.objects.filter(status=Status.SELECTED).exists()
    response = client.post(reverse("audits:moderation_allocate_all", args=[example.round.pk]), follow=True)
    assert "are waiting for a moderator" in response.content.decode()
