"""What the self-assessment's page and its Word and PDF files show per domain (design §3.2): the grade beside last
published year's with the change in scale steps, and the external reviewer's grade with the agreement. Reads the
records once; the comparisons themselves are assessment_compare's (pure)."""

from dataclasses import dataclass

from triangulate.core.predicates import role_of
from triangulate.core.roles import Role

from .assessment_compare import Agreement, Change, Grade, agreement, overall_agreement, year_on_year
from .models import ImprovementPlan, SelfAssessment


def _grade(scale_grade):
    return Grade(scale_grade.value, scale_grade.ofsted) if scale_grade else None


@dataclass(frozen=True)
class DomainRow:
    judgement: object  # DomainJudgement
    last: object | None  # last published year's DomainJudgement of the same title, or None
    change: Change | None  # None when there is no earlier published self-assessment
    agreement: Agreement

    @property
    def grade(self):
        return self.judgement.grade

    @property
    def last_grade(self):
        return self.last.grade if self.last else None


def _judgements(assessment):
    return (assessment.judgements.select_related("grade", "external_grade").prefetch_related("priorities__plan")
            .order_by("number"))


def domain_rows(assessment):
    previous = assessment.previous
    last = {j.title.casefold(): j for j in _judgements(previous)} if previous else {}
    rows = []
    for judgement in _judgements(assessment):
        before = last.get(judgement.title.casefold())
        change = None
        if previous is not None:
            change = year_on_year(_grade(judgement.grade), _grade(before.grade) if before else None,
                                  had_domain=before is not None)
        rows.append(DomainRow(judgement, before, change,
                              agreement(_grade(judgement.grade), _grade(judgement.external_grade))))
    return rows


def overall(rows):
    """"Agreed on 4 of 6 domains exactly, 6 of 6 within one step", or None with no external grade."""
    return overall_agreement([(_grade(r.judgement.grade), _grade(r.judgement.external_grade)) for r in rows])


def has_external_view(assessment):
    return bool(assessment.reviewer_name)


def live_council_plan(assessment):
    """The live council plan whose priorities the self-evaluation reports (seed 002's table): the one covering the
    end of the assessment's period, else the latest live one; None without a live council plan."""
    plans = ImprovementPlan.objects.filter(council=assessment.council, level=ImprovementPlan.Level.COUNCIL,
                                           status=ImprovementPlan.Status.LIVE).order_by("-starts_on", "-pk")
    covering = plans.filter(starts_on__lte=assessment.period_end, ends_on__gte=assessment.period_end).first()
    return covering or plans.first()


# A draft is the writers' and their managers' to read; practitioners, elected members and inspectors read what the
# council published (design §8: a draft is 404 to them).
PUBLISHED_ONLY = frozenset({Role.PRACTITIONER, Role.ELECTED_MEMBER, Role.INSPECTOR})


def reads_drafts(user):
    role = role_of(user)
    return role is not None and role not in PUBLISHED_ONLY


def visible_assessments(user, council=None):
    """The self-assessments `user` may read: published ones, and drafts too for those who read drafts."""
    found = SelfAssessment.objects.select_related("scale", "previous", "council")
    if council is not None:
        found = found.filter(council=council)
    if not reads_drafts(user):
        found = found.filter(status=SelfAssessment.Status.PUBLISHED)
    return found
