"""The self-assessment's services (design §3): drafts from the domain templates, versioned edits, the external
view, publishing (refused with domains not judged), next year's draft, and the scale and domains."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from triangulate.core.concurrency import StaleEdit
from triangulate.core.models import AuditEvent
from triangulate.core.roles import Role
from triangulate.improvement import assessment as svc
from triangulate.improvement.defaults import ensure_assessment_defaults
from triangulate.improvement.models import DomainTemplate, SelfAssessment

from ..factories import CouncilFactory, make_user, theme
from .factories import PriorityFactory


@pytest.fixture
def lead(db):
    return make_user(Role.QA_LEAD)


@pytest.fixture
def council(db):
    council = CouncilFactory()
    ensure_assessment_defaults(council)
    return council


def grade(assessment, value):
    return assessment.scale.grades.get(value=value)


def judge_all(assessment, lead, values):
    for judgement, value in zip(assessment.judgements.order_by("number"), values, strict=True):
        svc.edit_judgement(actor=lead, judgement=judgement, grade=grade(assessment, value),
                           what_we_know=f"Known {judgement.number}")


def published(council, lead, year, values=(3, 3, 4, 4, 2, 3)):
    assessment = svc.create_assessment(actor=lead, council=council, year=year)
    judge_all(assessment, lead, values)
    return svc.publish_assessment(actor=lead, assessment=assessment)


def test_create_copies_the_active_domains_in_order_and_links_last_published(council, lead):
    DomainTemplate.objects.filter(council=council, number=4).update(is_active=False)  # care leavers off
    last = published(council, lead, 2025, values=(3, 3, 4, 2, 3))
    draft = svc.create_assessment(actor=lead, council=council, year=2026)
    assert draft.status == "draft"
    assert draft.title == "Self-assessment 2026/27"
    assert (draft.period_start, draft.period_end) == (date(2026, 4, 1), date(2027, 3, 31))
    assert draft.previous == last
    numbers_titles = list(draft.judgements.values_list("number", "title"))
    assert [n for n, _ in numbers_titles] == [1, 2, 3, 4, 5]  # renumbered without the gap
    assert numbers_titles[3][1] == "Workforce: recruitment, caseloads, supervision and learning"
    assert set(draft.judgements.get(number=1).themes.values_list("slug", flat=True)) == {
        "leadership", "management-oversight-and-supervision"}
    assert AuditEvent.objects.filter(verb="self_assessment.created", object_id=str(draft.pk)).exists()


def test_one_self_assessment_a_year(council, lead):
    svc.create_assessment(actor=lead, council=council, year=2026)
    with pytest.raises(ValidationError, match="already a self-assessment for 2026/27"):
        svc.create_assessment(actor=lead, council=council, year=2026)


@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.AUDITOR,
                                  Role.PRINCIPAL_SOCIAL_WORKER, Role.ELECTED_MEMBER, Role.INSPECTOR])
def test_only_qa_leads_and_senior_leaders_write(council, role):
    with pytest.raises(PermissionDenied):
        svc.create_assessment(actor=make_user(role), council=council, year=2026)


def test_edit_judgement_is_versioned_and_checks_the_scale(council, lead):
    draft = svc.create_assessment(actor=lead, council=council, year=2026)
    judgement = draft.judgements.get(number=2)
    read_at = judgement.version
    svc.edit_judgement(actor=lead, judgement=judgement, expected_version=read_at, grade=grade(draft, 3),
                       what_we_know="Contacts are screened within a day.", how_we_know="Audits, KPI 12.")
    judgement.refresh_from_db()
    assert (judgement.grade.label, judgement.version) == ("Requires improvement to be good", read_at + 1)
    with pytest.raises(StaleEdit):  # a second page opened at the same version
        svc.edit_judgement(actor=lead, judgement=judgement, expected_version=read_at, what_we_know="Other")
    judgement.refresh_from_db()
    assert judgement.what_we_know == "Contacts are screened within a day."
    other = CouncilFactory(la_code="998", name="Elsewhere")
    foreign = ensure_assessment_defaults(other).grades.get(value=4)
    with pytest.raises(ValidationError, match="not a grade of"):
        svc.edit_judgement(actor=lead, judgement=judgement, grade=foreign)


def test_edit_judgement_cites_priorities(council, lead):
    draft = svc.create_assessment(actor=lead, council=council, year=2026)
    priority = PriorityFactory(plan__council=council, themes=[theme()])
    judgement = draft.judgements.get(number=3)
    svc.edit_judgement(actor=lead, judgement=judgement, priorities=[priority])
    assert list(judgement.priorities.all()) == [priority]


def test_publish_is_refused_naming_the_domains_not_judged(council, lead):
    draft = svc.create_assessment(actor=lead, council=council, year=2026)
    for judgement in draft.judgements.exclude(number__in=(2, 5)):
        svc.edit_judgement(actor=lead, judgement=judgement, grade=grade(draft, 4))
    with pytest.raises(ValidationError) as refused:
        svc.publish_assessment(actor=lead, assessment=draft)
    message = refused.value.messages[0]
    assert "2 The experiences and progress of children who need help and protection" in message
    assert "5 Workforce: recruitment, caseloads, supervision and learning" in message
    assert "1 The impact" not in message
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_a_published_self_assessment_is_read_only(council, lead):
    done = published(council, lead, 2025)
    assert (done.status, done.published_by) == ("published", lead)
    assert done.published_at is not None
    with pytest.raises(ValidationError, match="is published"):
        svc.edit_assessment(actor=lead, assessment=done, summary="Changed")
    with pytest.raises(ValidationError, match="is published"):
        svc.edit_judgement(actor=lead, judgement=done.judgements.first(), what_we_know="Changed")
    with pytest.raises(ValidationError, match="is published"):
        svc.publish_assessment(actor=lead, assessment=done)


def test_edit_assessment_saves_against_its_version(council, lead):
    draft = svc.create_assessment(actor=lead, council=council, year=2026)
    svc.edit_assessment(actor=lead, assessment=draft, expected_version=1, summary="We know ourselves well.",
                        title="Knowing ourselves 2026/27")
    draft.refresh_from_db()
    assert (draft.summary, draft.title, draft.version) == ("We know ourselves well.", "Knowing ourselves 2026/27", 2)
    with pytest.raises(StaleEdit):
        svc.edit_assessment(actor=lead, assessment=draft, expected_version=1, summary="Stale")
    with pytest.raises(ValidationError, match="end on or after"):
        svc.edit_assessment(actor=lead, assessment=draft, period_start=date(2026, 4, 1),
                            period_end=date(2026, 3, 31))


def test_external_view_on_a_published_one(council, lead):
    done = published(council, lead, 2025)
    first, second = done.judgements.order_by("number")[:2]
    svc.record_external_view(actor=lead, assessment=done, reviewer_name="A. Reviewer",
                             reviewer_organisation="Regional improvement alliance", reviewed_on=date(2025, 6, 1),
                             domains={first: (grade(done, 4), "Leaders know their service."),
                                      second: (None, "")})
    first.refresh_from_db()
    done.refresh_from_db()
    assert (done.reviewer_name, done.reviewed_on) == ("A. Reviewer", date(2025, 6, 1))
    assert (first.external_grade.value, first.external_comment) == (4, "Leaders know their service.")
    event = AuditEvent.objects.get(verb="self_assessment.external_view_recorded")
    assert event.changes == {"reviewed_on": "2025-06-01", "graded": [1]}
    with pytest.raises(ValidationError, match="Name the external reviewer"):
        svc.record_external_view(actor=lead, assessment=done, reviewer_name=" ")


def test_start_next_year_copies_the_texts_not_the_grades(council, lead):
    done = published(council, lead, 2025)
    nxt = svc.start_next_year(actor=lead, assessment=done)
    assert (nxt.year, nxt.status, nxt.previous, nxt.title) == (2026, "draft", done, "Self-assessment 2026/27")
    assert list(nxt.judgements.order_by("number").values_list("what_we_know", "grade")) == [
        (f"Known {n}", None) for n in range(1, 7)]
    with pytest.raises(ValidationError, match="Only a published"):
        svc.start_next_year(actor=lead, assessment=nxt)
    with pytest.raises(ValidationError, match="already a self-assessment for 2026/27"):
        svc.start_next_year(actor=lead, assessment=done)


def test_scale_keeps_its_ofsted_mapping_once_used(council, lead):
    scale = ensure_assessment_defaults(council)
    secure = scale.grades.get(value=5)
    svc.edit_scale(actor=lead, scale=scale, expected_version=scale.version,
                   grades={secure: ("Good and improving", "green", "outstanding")})  # unused: the mapping may change
    secure.refresh_from_db()
    assert (secure.label, secure.colour, secure.ofsted) == ("Good and improving", "green", "outstanding")
    with pytest.raises(StaleEdit):
        svc.edit_scale(actor=lead, scale=scale, expected_version=1, grades={secure: ("Secure good", "green", None)})
    svc.create_assessment(actor=lead, council=council, year=2026)
    with pytest.raises(ValidationError, match="keep their Ofsted mapping"):
        svc.edit_scale(actor=lead, scale=scale, grades={secure: ("Secure good", "green", "good")})
    svc.edit_scale(actor=lead, scale=scale, grades={secure: ("Secure good", "turquoise", "outstanding")})
    secure.refresh_from_db()
    assert (secure.label, secure.colour, secure.ofsted) == ("Secure good", "turquoise", "outstanding")
    with pytest.raises(ValidationError, match="not a tag colour"):
        svc.edit_scale(actor=lead, scale=scale, grades={secure: ("Secure good", "lime", None)})


def test_domains_add_edit_reorder_and_switch_off(council, lead):
    added = svc.add_domain(actor=lead, council=council, title="Disabled children", guidance="Short breaks.",
                           themes=[theme()])
    assert added.number == 7
    with pytest.raises(ValidationError, match="already a domain called"):
        svc.add_domain(actor=lead, council=council, title="disabled CHILDREN")
    svc.move_domain(actor=lead, domain=added, up=True)
    order = list(DomainTemplate.objects.filter(council=council).order_by("number").values_list("title", flat=True))
    assert order[5:] == ["Disabled children", "Quality assurance and performance: how we know"]
    svc.edit_domain(actor=lead, domain=added, title="Disabled children and their families", is_active=False)
    draft = svc.create_assessment(actor=lead, council=council, year=2026)
    assert draft.judgements.count() == 6
    assert not draft.judgements.filter(title__startswith="Disabled").exists()
    first = DomainTemplate.objects.get(council=council, number=1)
    with pytest.raises(ValidationError, match="already first"):
        svc.move_domain(actor=lead, domain=first, up=True)


def test_latest_published_is_the_previous(council, lead):
    published(council, lead, 2024)
    last = published(council, lead, 2025)
    assert svc.latest_published(council) == last
    assert SelfAssessment.objects.filter(council=council).count() == 2
