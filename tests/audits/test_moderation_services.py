"""Moderation's services (design §3.4, decisions 9 and 10): allocating a moderator who neither audited the case
nor works in its team, due in 10 working days; agreeing, or re-grading with a reason, which becomes the audit's
grade as an attributed `moderated` revision; and §5.2's example worked through the services end to end."""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from triangulate.audits.models import AuditRevision, CaseAudit, Moderation
from triangulate.audits.services import moderation as services
from triangulate.audits.services import moderation_selection as selection
from triangulate.audits.services.agreement import agreement_figures
from triangulate.core.audit import AuditEvent
from triangulate.core.concurrency import StaleEdit
from triangulate.core.models import Notification
from triangulate.core.roles import Role

from ..factories import make_user
from .factories import AuditRevisionFactory, RoundAuditorFactory, make_scale
from .moderation_world import Example

Status = Moderation.Status


@pytest.fixture
def example(world):
    example = Example(world)
    for audit in example.audits.values():
        selection.select_on_submit(audit)
        AuditRevisionFactory(audit=audit, made_by=audit.auditor,
                             snapshot={"outcome": {"overall_grade": audit.overall_grade.value}, "answers": {}})
    selection.top_up_at_close(example.round, actor=world.users[Role.QA_LEAD])
    return example


def moderation_of(example, child_id):
    return Moderation.objects.get(audit=example.audits[child_id])


def allocate(world, example, child_id, moderator=None):
    return services.allocate_moderator(actor=world.users[Role.QA_LEAD], moderation=moderation_of(example, child_id),
                                       moderator=moderator or world.users[Role.QA_LEAD])


@pytest.mark.parametrize(("allocated_on", "due"), [
    (date(2026, 12, 4), date(2026, 12, 18)),  # a Friday: the Friday a fortnight on
    # 17 December 2026: Christmas Day, Boxing Day's substitute (28th) and New Year's Day are not working days
    (date(2026, 12, 17), date(2027, 1, 5)),
])
def test_a_moderation_is_due_ten_working_days_after_allocation(allocated_on, due):
    assert services.moderation_due(allocated_on) == due


def test_allocating_a_moderator(world, example):
    qa_lead = world.users[Role.QA_LEAD]
    moderation = allocate(world, example, "A09", moderator=example.auditors["cat"])
    assert (moderation.status, moderation.moderator, moderation.allocated_by) == (Status.ALLOCATED,
                                                                                   example.auditors["cat"], qa_lead)
    assert moderation.due_date == services.moderation_due(moderation.allocated_at.date())
    event = AuditEvent.objects.get(verb="moderation.allocated", object_id=str(moderation.pk))
    assert event.changes["moderator"] == [None, example.auditors["cat"].pk]
    assert event.changes["status"] == ["selected", "allocated"]


def test_the_moderator_is_never_the_auditor(world, example):
    # A09 was audited by bob
    with pytest.raises(ValidationError, match="other than the audit's auditor"):
        allocate(world, example, "A09", moderator=example.auditors["bob"])


def test_the_moderator_is_not_from_the_audits_team(world, example):
    # A09 is North 1's; ann holds North 1 as a team on her account
    with pytest.raises(ValidationError, match="outside North 1"):
        allocate(world, example, "A09", moderator=example.auditors["ann"])


def test_the_moderator_must_have_a_role_that_moderates(world, example):
    for role in (Role.PRACTITIONER, Role.INSPECTOR, Role.ELECTED_MEMBER):
        with pytest.raises(ValidationError, match="role can be given moderations"):
            allocate(world, example, "A09", moderator=world.users[role])


@pytest.mark.parametrize("role", [Role.AUDITOR, Role.TEAM_MANAGER, Role.SENIOR_LEADER])
def test_only_qa_leads_and_psws_allocate(world, example, role):
    with pytest.raises(PermissionDenied):
        services.allocate_moderator(actor=world.users[role], moderation=moderation_of(example, "A09"),
                                    moderator=example.auditors["cat"])


def test_a_psw_can_move_an_allocated_moderation_to_someone_else(world, example):
    allocate(world, example, "A09", moderator=example.auditors["cat"])
    moved = services.allocate_moderator(actor=world.users[Role.PRINCIPAL_SOCIAL_WORKER],
                                        moderation=moderation_of(example, "A09"), moderator=world.users[Role.QA_LEAD])
    assert moved.moderator == world.users[Role.QA_LEAD]


def test_allocating_from_a_stale_page_is_refused(world, example):
    moderation = moderation_of(example, "A09")
    with pytest.raises(StaleEdit):
        services.allocate_moderator(actor=world.users[Role.QA_LEAD], moderation=moderation,
                                    moderator=example.auditors["cat"], expected_version=moderation.version + 1)


def moderate(world, example, child_id, letter, **kwargs):
    moderation = moderation_of(example, child_id)
    return services.moderate(actor=moderation.moderator, moderation=moderation, grade=example.grade(letter),
                             **kwargs)


def test_agreeing_keeps_the_grade_and_moves_the_audit_to_moderated(world, example):
    allocate(world, example, "A09")
    moderation = moderate(world, example, "A09", "I", learning="A clear, well-evidenced judgement.")
    assert (moderation.status, moderation.moderator_grade, moderation.completed_at is not None) == (
        Status.AGREED, example.grade("I"), True)
    audit = CaseAudit.objects.get(pk=example.audits["A09"].pk)
    assert (audit.state, audit.overall_grade) == (CaseAudit.State.MODERATED, example.grade("I"))
    assert audit.revisions.count() == 1  # nothing changed, so no revision
    event = AuditEvent.objects.get(verb="case_audit.moderated", object_id=str(audit.pk))
    assert event.changes == {"moderation": moderation.pk, "state": ["submitted", "moderated"]}
    assert AuditEvent.objects.filter(verb="moderation.agreed", object_id=str(moderation.pk)).exists()


def test_regrading_needs_a_reason(world, example):
    allocate(world, example, "C01")
    with pytest.raises(ValidationError) as refused:
        moderate(world, example, "C01", "RI", reason_text="  ")
    assert refused.value.message_dict == {"reason_text": ["Say why you would give a different grade"]}
    assert moderation_of(example, "C01").status == Status.ALLOCATED


def test_a_regrade_becomes_the_audits_grade_as_an_attributed_revision(world, example):
    qa_lead = world.users[Role.QA_LEAD]
    allocate(world, example, "C01")
    reason = "The plan was reviewed on time and the child was seen alone."
    moderation = moderate(world, example, "C01", "RI", reason_text=reason)
    assert (moderation.status, moderation.auditor_grade, moderation.moderator_grade) == (
        Status.REGRADED, example.grade("I"), example.grade("RI"))
    audit = CaseAudit.objects.get(pk=example.audits["C01"].pk)
    assert (audit.state, audit.overall_grade) == (CaseAudit.State.MODERATED, example.grade("RI"))
    revision = audit.revisions.get(number=2)
    assert (revision.kind, revision.made_by, revision.reason) == (AuditRevision.Kind.MODERATED, qa_lead, reason)
    assert revision.changes == {"overall_grade": [1, 2]}
    assert revision.snapshot == {"outcome": {"overall_grade": 2}, "answers": {}}
    # the reason is free text: it stays on the moderation and the revision, never on the trail
    events = AuditEvent.objects.filter(verb__in=["moderation.regraded", "case_audit.moderated"])
    assert events.count() == 2 and all(reason not in str(e.changes) for e in events)
    assert events.get(verb="case_audit.moderated").changes["overall_grade"] == [example.grade("I").pk,
                                                                                 example.grade("RI").pk]


def test_a_grade_from_another_scale_is_refused(world, example):
    allocate(world, example, "A09")
    other = make_scale(world.own.council, name="Another scale", is_default=False).grades.get(value=1)
    with pytest.raises(ValidationError, match="this audit's scale"):
        services.moderate(actor=world.users[Role.QA_LEAD], moderation=moderation_of(example, "A09"), grade=other)


def test_only_the_moderator_moderates(world, example):
    allocate(world, example, "A09", moderator=example.auditors["cat"])
    for user in (world.users[Role.QA_LEAD], example.auditors["bob"]):
        with pytest.raises(PermissionDenied):
            services.moderate(actor=user, moderation=moderation_of(example, "A09"), grade=example.grade("I"))


def test_a_finished_moderation_cannot_be_moderated_again(world, example):
    allocate(world, example, "A09")
    moderate(world, example, "A09", "I")
    with pytest.raises(ValidationError, match="is agreed"):
        moderate(world, example, "A09", "RI", reason_text="Second thoughts")
    with pytest.raises(ValidationError, match="already agreed"):
        allocate(world, example, "A09")


def test_moderating_from_a_stale_page_is_refused(world, example):
    allocate(world, example, "A09")
    moderation = moderation_of(example, "A09")
    with pytest.raises(StaleEdit):
        services.moderate(actor=moderation.moderator, moderation=moderation, grade=example.grade("I"),
                          expected_version=moderation.version - 1)


def test_the_agreement_example_through_the_services(world, example):
    """§5.2: A09 (bob) agreed; C01 (bob) up to RI; A10 (cat) agreed; B04 (ann) down to Inadequate."""
    for auditor in example.auditors.values():
        auditor.first_name, auditor.last_name = auditor.username.title(), "Auditor"
        auditor.save()
    moderator = make_user(Role.PRINCIPAL_SOCIAL_WORKER, username="psw2")
    for child_id in ("A09", "C01", "A10", "B04"):
        allocate(world, example, child_id, moderator=moderator)
    moderate(world, example, "A09", "I")
    moderate(world, example, "C01", "RI", reason_text="Better than graded")
    moderate(world, example, "A10", "G")
    moderate(world, example, "B04", "I", reason_text="Drift in the plan was missed")
    moderations = Moderation.objects.select_related("audit__auditor", "auditor_grade__scale",
                                                    "moderator_grade__scale")
    figures = agreement_figures(services.moderation_outcomes(moderations))
    assert (str(figures.overall.rate), figures.overall.direction) == ("50%", "1 up, 1 down")
    assert {name: (str(a.rate), a.direction) for name, a in figures.by_auditor.items()} == {
        "Ann Auditor": ("0%", "1 down"), "Bob Auditor": ("50%", "1 up"), "Cat Auditor": ("100%", "")}


def item(key, team, *conflicted):
    return services.ToModerate(key=key, team_id=team, order=(key,), conflicted=frozenset(conflicted))


def test_balancing_takes_the_lowest_load_then_the_fewest_in_the_team_then_the_username():
    ann, bob = (1, "ann"), (2, "bob")
    # x goes to ann by username; y to bob, the lower load; z ties on load, and bob has none in team 1
    assert services.balance([item("x", 1), item("y", 2), item("z", 1)], [ann, bob]) == {"x": 1, "y": 2, "z": 2}


def test_balancing_leaves_what_no_one_can_take():
    assert services.balance([item("x", 1, 1, 2)], [(1, "ann"), (2, "bob")]) == {"x": None}
    assert services.balance([item("x", 1)], []) == {"x": None}


def test_allocate_all_balances_the_example_over_the_rounds_auditors(world, example):
    """ann is in North 1, bob in South 2, cat in no case team; capacity ⌈4 ÷ 3⌉ = 2. A09 (North 1, bob's):
    only cat; A10 (North 1, cat's): bob; B04 (South 2, ann's): cat; C01 (West 1, bob's): ann, as cat is full."""
    for auditor in example.auditors.values():
        RoundAuditorFactory(round=example.round, user=auditor)
    done, left = services.allocate_all(actor=world.users[Role.QA_LEAD], round=example.round)
    assert left == 0
    given = {m.audit.child_id: m.moderator.username for m in done}
    assert given == {"A09": "cat", "A10": "bob", "B04": "cat", "C01": "ann"}
    assert all(m.status == Status.ALLOCATED for m in Moderation.objects.filter(audit__round=example.round))


def test_the_moderator_is_told_by_email_when_given_a_moderation(world, example, django_capture_on_commit_callbacks):
    cat = example.auditors["cat"]
    cat.email = "cat@council.example"
    cat.save()
    with django_capture_on_commit_callbacks(execute=True):
        moderation = allocate(world, example, "A09", moderator=cat)
    told = Notification.objects.get(user=cat)
    assert (told.kind, told.title, told.url) == ("audits.moderation_allocated",
                                                 "An audit in North 1 is yours to moderate",
                                                 f"/audits/moderation/{moderation.pk}/")
    assert [m.to for m in mail.outbox] == [["cat@council.example"]] and "A09" not in mail.outbox[0].body


def test_a_regrade_tells_the_auditor_and_the_qa_leads_and_asks_for_an_action(world, example,
                                                                              django_capture_on_commit_callbacks):
    cat, qa_lead = example.auditors["cat"], world.users[Role.QA_LEAD]
    allocate(world, example, "B04", moderator=cat)  # ann's audit, graded RI
    with django_capture_on_commit_callbacks(execute=True):
        moderate(world, example, "B04", "I", reason_text="Drift in the plan was missed")
    title = "An audit in South 2 was re-graded at moderation and needs an action"
    assert set(Notification.objects.filter(kind="audits.regraded").values_list("user__username", "title")) == {
        ("ann", title), (qa_lead.username, title)}
    assert not mail.outbox  # in-app only (§9.3)


def test_agreeing_tells_no_one(world, example, django_capture_on_commit_callbacks):
    allocate(world, example, "A10", moderator=example.auditors["bob"])
    with django_capture_on_commit_callbacks(execute=True):
        moderate(world, example, "A10", "G")
    assert not Notification.objects.filter(kind="audits.regraded").exists()
