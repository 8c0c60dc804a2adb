"""The self-assessment's page (a year beside last year's and the external reviewer's, grade tags) and a domain's
edit page, in Chromium as the QA lead: axe finds no WCAG 2.2 A or AA fault and the console no error."""

from datetime import date

import pytest
from django.urls import reverse

from triangulate.core.roles import Role
from triangulate.improvement import assessment as svc
from triangulate.improvement.defaults import ensure_assessment_defaults

from ..improvement.factories import PriorityFactory
from .conftest import axe_violations, sign_in


@pytest.fixture
def assessments(transactional_db, world, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    lead = world.users[Role.QA_LEAD]
    council = world.own.council
    ensure_assessment_defaults(council)
    PriorityFactory(plan__council=council, title="Purposeful visits")
    published = []
    for year, grades in ((2025, (3, 3, 4, 4, 2, 3)), (2026, (4, 3, 4, 5, 2, 1))):
        draft = svc.create_assessment(actor=lead, council=council, year=year)
        svc.edit_assessment(actor=lead, assessment=draft, summary="We know ourselves.")
        for j, value in zip(draft.judgements.order_by("number"), grades, strict=True):
            svc.edit_judgement(actor=lead, judgement=j, grade=draft.scale.grades.get(value=value),
                               what_we_know="Known.", how_we_know="Audits.", what_we_are_doing="More.")
        published.append(svc.publish_assessment(actor=lead, assessment=draft))
    this = published[1]
    first = this.judgements.order_by("number").first()
    svc.record_external_view(actor=lead, assessment=this, reviewer_name="A. Reviewer", reviewed_on=date(2026, 6, 1),
                             domains={first: (this.scale.grades.get(value=5), "Leaders know their service.")})
    draft = svc.create_assessment(actor=lead, council=council, year=2027)
    return this, draft


def test_the_self_assessment_and_a_domains_edit_page_pass_axe(page, live_server, assessments):
    this, draft = assessments
    sign_in(page, live_server, "qa_lead")
    page.goto(live_server.url + reverse("improvement:assessment_detail", args=[this.pk]))
    page.get_by_role("heading", name=this.title, level=1).wait_for()
    assert page.get_by_text("Within one step").first.is_visible()
    assert axe_violations(page) == []
    assert page.console_errors == []
    judgement = draft.judgements.get(number=1)
    page.goto(live_server.url + reverse("improvement:judgement_edit", args=[judgement.pk]))
    page.get_by_role("heading", name=f"1. {judgement.title}", level=1).wait_for()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Save").click()
    page.get_by_role("heading", name=draft.title, level=1).wait_for()
    assert axe_violations(page) == []
    assert page.console_errors == []
