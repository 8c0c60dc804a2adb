"""The self-assessment pages (design §3.2, §8): a year beside the last and the external reviewer's, drafts hidden
from practitioners, elected members and inspectors, editing against versions, publish and next year's, the files."""

from datetime import date

import pytest
from django.urls import reverse

from triangulate.core.roles import Role
from triangulate.improvement import assessment as svc
from triangulate.improvement.defaults import ensure_assessment_defaults
from triangulate.improvement.models import DomainTemplate, SelfAssessment
from triangulate.people.selectors import the_council

LAST_YEAR = (3, 3, 4, 4, 2, 3)
THIS_YEAR = (4, 3, 4, 5, 2, 1)


@pytest.fixture
def lead(world):
    return world.users[Role.QA_LEAD]


@pytest.fixture
def years(world, lead):
    council = the_council()
    ensure_assessment_defaults(council)
    out = []
    for year, grades in ((2025, LAST_YEAR), (2026, THIS_YEAR)):
        draft = svc.create_assessment(actor=lead, council=council, year=year)
        for j, value in zip(draft.judgements.order_by("number"), grades, strict=True):
            svc.edit_judgement(actor=lead, judgement=j, grade=draft.scale.grades.get(value=value),
                               what_we_know=f"Known {year} {j.number}")
        out.append(svc.publish_assessment(actor=lead, assessment=draft))
    this = out[1]
    judgements = this.judgements.order_by("number")
    svc.record_external_view(actor=lead, assessment=this, reviewer_name="A. Reviewer", reviewed_on=date(2026, 6, 1),
                             domains={judgements[0]: (this.scale.grades.get(value=4), "Fair"),
                                      judgements[5]: (this.scale.grades.get(value=3), "Too harsh")})
    draft = svc.create_assessment(actor=lead, council=council, year=2027)
    return out[0], this, draft


def test_detail_shows_grades_with_last_year_the_change_and_agreement(client_for, lead, years):
    _last, this, _draft = years
    html = client_for(lead).get(reverse("improvement:assessment_detail", args=[this.pk])).content.decode()
    assert '<strong class="govuk-tag govuk-tag--green">Good</strong>' in html  # colour AND text
    assert '<strong class="govuk-tag govuk-tag--red">Inadequate</strong>' in html
    assert "up 1" in html and "down 2" in html  # domain 1 (3 → 4); domain 6 (3 → 1)
    assert "no change" in html
    assert "Agrees" in html and "Differs by 2 steps" in html  # domain 1: 4 vs 4; domain 6: 1 vs 3
    assert "Agreed on 1 of 2 domains exactly, 1 of 2 within one step" in html
    assert "Too harsh" in html and "Known 2026 6" in html
    assert "Themes: Management oversight and supervision, Leadership" in html  # domain 1 copied its template's themes


def test_list_marks_superseded_and_shows_drafts_to_managers(client_for, world, lead, years):
    html = client_for(lead).get(reverse("improvement:assessment_list")).content.decode()
    assert "Published (superseded)" in html and "Self-assessment 2027/28" in html
    html = client_for(world.users[Role.ELECTED_MEMBER]).get(reverse("improvement:assessment_list")).content.decode()
    assert "Self-assessment 2026/27" in html and "Self-assessment 2027/28" not in html


@pytest.mark.parametrize(("role", "status"), [
    (Role.PRACTITIONER, 404), (Role.ELECTED_MEMBER, 404), (Role.INSPECTOR, 404), (Role.TEAM_MANAGER, 200),
    (Role.AUDITOR, 200), (Role.QA_LEAD, 200)])
def test_a_draft_is_not_found_for_those_who_read_published_ones_only(client_for, world, years, role, status):
    _last, _this, draft = years
    assert client_for(world.users[role]).get(
        reverse("improvement:assessment_detail", args=[draft.pk])).status_code == status


def test_judgement_edit_saves_and_a_stale_save_shows_both_versions(client_for, lead, years):
    draft = years[2]
    judgement = draft.judgements.get(number=2)
    url = reverse("improvement:judgement_edit", args=[judgement.pk])
    client = client_for(lead)
    assert "The experiences and progress of children who need help and protection" in client.get(url).content.decode()
    good = draft.scale.grades.get(value=4)
    form = {"version": judgement.version, "grade": good.pk, "what_we_know": "Front door is timely.",
            "how_we_know": "Audits.", "what_we_are_doing": "More."}
    response = client.post(url, form)
    assert response.status_code == 302
    judgement.refresh_from_db()
    assert (judgement.grade, judgement.what_we_know) == (good, "Front door is timely.")
    stale = client.post(url, {**form, "what_we_know": "Another view."})  # the same, older version
    assert stale.status_code == 200
    assert "Someone else saved this" in stale.content.decode()
    judgement.refresh_from_db()
    assert judgement.what_we_know == "Front door is timely."


def test_publish_names_the_domains_not_judged_then_next_year_starts(client_for, lead, years):
    _last, this, draft = years
    client = client_for(lead)
    response = client.post(reverse("improvement:assessment_publish", args=[draft.pk]), {"version": draft.version},
                           follow=True)
    assert "Not judged yet: 1 The impact of leaders" in response.content.decode()
    assert SelfAssessment.objects.get(pk=draft.pk).status == "draft"
    # a published one's edit pages go back to it
    edit = client.get(reverse("improvement:assessment_edit", args=[this.pk]))
    assert edit.status_code == 302
    # 2027 exists already, so next year's from 2026 is refused with the reason
    refused = client.post(reverse("improvement:assessment_next", args=[this.pk]), follow=True)
    assert "already a self-assessment for 2027/28" in refused.content.decode()


def test_create_and_edit_the_introduction(client_for, lead, world):
    client = client_for(lead)
    response = client.post(reverse("improvement:assessment_create"), {"year": "2026", "title": ""})
    made = SelfAssessment.objects.get(year=2026)
    assert response["Location"] == reverse("improvement:assessment_detail", args=[made.pk])
    assert made.judgements.count() == 6
    url = reverse("improvement:assessment_edit", args=[made.pk])
    response = client.post(url, {"version": made.version, "title": made.title, "period_start-day": "1",
                                 "period_start-month": "4", "period_start-year": "2026", "period_end-day": "31",
                                 "period_end-month": "3", "period_end-year": "2027", "summary": "We know ourselves."})
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.summary == "We know ourselves."


def test_files_published_for_everyone_a_draft_for_its_writers(client_for, world, years):
    _last, this, draft = years
    member = client_for(world.users[Role.ELECTED_MEMBER])
    response = member.get(reverse("improvement:assessment_docx", args=[this.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="self-assessment-2026-27.docx"'
    assert member.get(reverse("improvement:assessment_docx", args=[draft.pk])).status_code == 403
    assert client_for(world.users[Role.TEAM_MANAGER]).get(
        reverse("improvement:assessment_pdf", args=[draft.pk])).status_code == 403


def test_scale_keeps_ofsted_once_used_and_domains_reorder(client_for, lead, years):
    client = client_for(lead)
    page = client.get(reverse("improvement:scale_edit")).content.decode()
    assert "keeps its Ofsted grade" in page and "Grade 1: Ofsted grade" not in page
    council = the_council()
    scale = ensure_assessment_defaults(council)
    form = {"version": scale.version}
    for g in scale.grades.all():
        form.update({f"label_{g.value}": g.label, f"colour_{g.value}": g.colour})
    form["label_5"] = "Good and improving"
    assert client.post(reverse("improvement:scale_edit"), form).status_code == 302
    assert scale.grades.get(value=5).label == "Good and improving"
    second = DomainTemplate.objects.get(council=council, number=2)
    client.post(reverse("improvement:domain_list"), {"move": second.pk, "direction": "up"})
    second.refresh_from_db()
    assert second.number == 1
    response = client.post(reverse("improvement:domain_list"), {"title": "Disabled children"})
    added = DomainTemplate.objects.get(council=council, title="Disabled children")
    assert response["Location"] == reverse("improvement:domain_edit", args=[added.pk])
