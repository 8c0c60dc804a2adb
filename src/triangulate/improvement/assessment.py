"""The self-assessment's services (design §3): make a year's draft, write it domain by domain, record the external
reviewer's view, publish it (then it is read-only), start next year's from it; and a council's scale and domains.

- `create_assessment` copies the council's active domain templates (numbered 1.. in their order) into a draft for a
  year; `previous` is the latest published self-assessment, the one the pages compare with year on year.
- `edit_assessment` and `edit_judgement` save against the record's own version (a stale save raises StaleEdit).
- `record_external_view` is allowed on a draft and on a published self-assessment: the external review tests what
  the council published (seed 004's service review came after the self-assessment), and it changes none of the
  council's own text.
- `publish_assessment` refuses a draft with a domain not judged, naming the domains.
- `start_next_year` makes year + 1's draft from a published one: the domains are today's active templates, each
  starting from last year's texts for the domain of the same title; grades start empty, to be judged afresh.

The trail carries ids, states, years and the names of the fields changed, never the texts."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

from triangulate.core import audit as trail
from triangulate.core.authority import service, user_of
from triangulate.core.concurrency import claim, lock

from .defaults import ensure_assessment_defaults
from .models import DomainJudgement, DomainTemplate, Priority, SelfAssessment
from .models.assessment import OfstedGrade
from .rules import KnowPerm
from .verbs import Verb

TEXTS = ("what_we_know", "how_we_know", "what_we_are_doing")


def year_label(year):
    """2026 → "2026/27"."""
    return f"{year}/{(year + 1) % 100:02d}"


def latest_published(council, before_year=None):
    found = SelfAssessment.objects.filter(council=council, status=SelfAssessment.Status.PUBLISHED)
    if before_year is not None:
        found = found.filter(year__lt=before_year)
    return found.order_by("-year", "-published_at", "-pk").first()


def _refuse_unless_draft(assessment):
    if assessment.status != SelfAssessment.Status.DRAFT:
        raise ValidationError(f"{assessment.title} is published, so it can no longer be changed. "
                              "Start next year's to write a new one.")


def _new_draft(actor, council, year, title, period_start, period_end, source=None):
    if not 2000 <= year <= 2100:
        raise ValidationError(f"The year must be between 2000 and 2100 (got {year}).")
    if SelfAssessment.objects.filter(council=council, year=year).exists():
        raise ValidationError(f"There is already a self-assessment for {year_label(year)}.")
    period_start = period_start or date(year, 4, 1)
    period_end = period_end or date(year + 1, 3, 31)
    if period_end < period_start:
        raise ValidationError("The period must end on or after the day it starts.")
    scale = ensure_assessment_defaults(council)
    assessment = SelfAssessment.objects.create(
        council=council, title=(title or "").strip() or f"Self-assessment {year_label(year)}", year=year,
        period_start=period_start, period_end=period_end, scale=scale, created_by=user_of(actor),
        previous=latest_published(council, before_year=year), summary=source.summary if source else "")
    last = {j.title.casefold(): j for j in source.judgements.all()} if source else {}
    templates = DomainTemplate.objects.filter(council=council, is_active=True).order_by("number", "pk")
    for number, domain in enumerate(templates, start=1):
        before = last.get(domain.title.casefold())
        judgement = DomainJudgement.objects.create(
            assessment=assessment, number=number, title=domain.title, guidance=domain.guidance,
            **{field: getattr(before, field) for field in TEXTS} if before else {})
        judgement.themes.set(domain.themes.all())
    trail.record(actor, Verb.ASSESSMENT_CREATED, assessment, year=year, status=assessment.status,
                 domains=assessment.judgements.count(), from_assessment=source.pk if source else None)
    return assessment


@service(KnowPerm.MANAGE_ASSESSMENTS)
def create_assessment(*, actor, council, year, title="", period_start=None, period_end=None):
    """A draft self-assessment for `year` (2026 for 2026/27), one domain per active template."""
    return _new_draft(actor, council, year, title, period_start, period_end)


@service(KnowPerm.MANAGE_ASSESSMENTS, on="assessment")
def start_next_year(*, actor, assessment):
    """Next year's draft from a published self-assessment, its texts the starting point."""
    if assessment.status != SelfAssessment.Status.PUBLISHED:
        raise ValidationError("Only a published self-assessment can start next year's.")
    year = assessment.year + 1
    return _new_draft(actor, assessment.council, year, f"Self-assessment {year_label(year)}", None, None,
                      source=assessment)


@service(KnowPerm.MANAGE_ASSESSMENTS, on="assessment")
def edit_assessment(*, actor, assessment, expected_version=None, **values):
    """Change the title, period or summary of a draft."""
    lock(assessment)
    _refuse_unless_draft(assessment)
    allowed = {"title", "period_start", "period_end", "summary"}
    unknown = set(values) - allowed
    if unknown:
        raise ValidationError(f"A self-assessment has no field {', '.join(sorted(unknown))}.")
    claim(assessment, expected_version)
    for field, value in values.items():
        setattr(assessment, field, value.strip() if isinstance(value, str) else value)
    if not assessment.title:
        raise ValidationError("Give the self-assessment a title.")
    if assessment.period_end < assessment.period_start:
        raise ValidationError("The period must end on or after the day it starts.")
    assessment.save()
    trail.record(actor, Verb.ASSESSMENT_UPDATED, assessment, fields=sorted(values))
    return assessment


@service(KnowPerm.MANAGE_ASSESSMENTS, on="judgement")
def edit_judgement(*, actor, judgement, expected_version=None, **values):
    """Save a domain's grade, what we know, how we know, what we are doing and the priorities it cites. `grade` is
    a ScaleGrade of the assessment's scale or None; `priorities` Priority records of the council's plans."""
    lock(judgement)
    assessment = judgement.assessment
    _refuse_unless_draft(assessment)
    allowed = {"grade", "priorities", *TEXTS}
    unknown = set(values) - allowed
    if unknown:
        raise ValidationError(f"A judgement has no field {', '.join(sorted(unknown))}.")
    grade = values.get("grade")
    if grade is not None and grade.scale_id != assessment.scale_id:
        raise ValidationError(f"{grade.label} is not a grade of {assessment.scale.name}.")
    priorities = values.pop("priorities", None)
    if priorities is not None:
        priorities = list(priorities)
        foreign = [p for p in priorities if p.plan.council_id != assessment.council_id]
        if foreign:
            raise ValidationError(f"Priority {foreign[0].title} is not one of this council's.")
    claim(judgement, expected_version)
    before = judgement.grade.value if judgement.grade else None
    for field, value in values.items():
        setattr(judgement, field, value.strip() if isinstance(value, str) else value)
    judgement.save()
    if priorities is not None:
        judgement.priorities.set(priorities)
    changed = sorted(values) + (["priorities"] if priorities is not None else [])
    trail.record(actor, Verb.JUDGEMENT_UPDATED, judgement, assessment=assessment.pk, domain=judgement.number,
                 grade_before=before, grade=judgement.grade.value if judgement.grade else None, fields=changed)
    return judgement


@service(KnowPerm.MANAGE_ASSESSMENTS, on="assessment")
def record_external_view(*, actor, assessment, reviewer_name, reviewer_organisation="", reviewed_on=None,
                         domains=None, expected_version=None):
    """The external reviewer's name, organisation and date, and per domain their grade and comment: `domains` is
    {DomainJudgement: (ScaleGrade or None, comment)} for the domains the review covered."""
    lock(assessment)
    reviewer_name = (reviewer_name or "").strip()
    if not reviewer_name:
        raise ValidationError("Name the external reviewer.")
    if reviewed_on is not None and reviewed_on > timezone.localdate():
        raise ValidationError("The review date cannot be in the future.")
    domains = domains or {}
    for judgement, (grade, _comment) in domains.items():
        if judgement.assessment_id != assessment.pk:
            raise ValidationError(f"{judgement.title} is not a domain of {assessment.title}.")
        if grade is not None and grade.scale_id != assessment.scale_id:
            raise ValidationError(f"{grade.label} is not a grade of {assessment.scale.name}.")
    claim(assessment, expected_version)
    assessment.reviewer_name = reviewer_name
    assessment.reviewer_organisation = (reviewer_organisation or "").strip()
    assessment.reviewed_on = reviewed_on
    assessment.save(update_fields=["reviewer_name", "reviewer_organisation", "reviewed_on", "version"])
    for judgement, (grade, comment) in domains.items():
        judgement.external_grade = grade
        judgement.external_comment = (comment or "").strip()
        judgement.save(update_fields=["external_grade", "external_comment"])
    trail.record(actor, Verb.EXTERNAL_VIEW_RECORDED, assessment, reviewed_on=reviewed_on,
                 graded=sorted(j.number for j, (grade, _c) in domains.items() if grade is not None))
    return assessment


@service(KnowPerm.MANAGE_ASSESSMENTS, on="assessment")
def publish_assessment(*, actor, assessment, expected_version=None):
    """Draft → published. Refused while any domain is not judged (naming them)."""
    lock(assessment)
    _refuse_unless_draft(assessment)
    unjudged = list(assessment.judgements.filter(grade__isnull=True).order_by("number"))
    if unjudged:
        names = "; ".join(f"{j.number} {j.title}" for j in unjudged)
        raise ValidationError(f"Judge every domain before publishing. Not judged yet: {names}.")
    claim(assessment, expected_version)
    assessment.status = SelfAssessment.Status.PUBLISHED
    assessment.published_at = timezone.now()
    assessment.published_by = user_of(actor)
    assessment.save(update_fields=["status", "published_at", "published_by", "version"])
    trail.record(actor, Verb.ASSESSMENT_PUBLISHED, assessment, year=assessment.year, status=assessment.status)
    return assessment


def cited_priorities(council):
    """The priorities a judgement may cite: those of the council's plans."""
    return Priority.objects.filter(plan__council=council).select_related("plan").order_by("plan__title", "number")


def scale_is_used(scale):
    return SelfAssessment.objects.filter(scale=scale).exists()


def grade_of(judgement, field="grade"):
    """A judgement's grade as assessment_compare.Grade (None when not judged)."""
    from .assessment_compare import Grade

    grade = getattr(judgement, field)
    return Grade(grade.value, grade.ofsted) if grade else None



# ---- a council's scale and domains (design §3.1) ---------------------------------------------------------------

TAG_COLOURS = ("grey", "green", "turquoise", "blue", "light-blue", "purple", "pink", "red", "orange", "yellow")


@service(KnowPerm.MANAGE_ASSESSMENTS, on="scale")
def edit_scale(*, actor, scale, grades, expected_version=None):
    """Relabel or recolour the scale's grades in one save: `grades` is {ScaleGrade: (label, colour, ofsted)}. The
    Ofsted mapping may change only while no self-assessment uses the scale (a published judgement must keep meaning
    what it meant), so ofsted None or unchanged is the rule once it is used."""
    lock(scale)
    used = scale_is_used(scale)
    cleaned = []
    for grade, (label, colour, ofsted) in grades.items():
        if grade.scale_id != scale.pk:
            raise ValidationError(f"{grade.label} is not a grade of {scale.name}.")
        label = (label or "").strip()
        if not label:
            raise ValidationError(f"Give grade {grade.value} a label.")
        if colour not in TAG_COLOURS:
            raise ValidationError(f"{colour!r} is not a tag colour: use one of {', '.join(TAG_COLOURS)}.")
        ofsted = ofsted or grade.ofsted
        if ofsted not in OfstedGrade.values:
            raise ValidationError(f"{ofsted!r} is not an Ofsted grade.")
        if used and ofsted != grade.ofsted:
            raise ValidationError(f"{scale.name} is used by a self-assessment, so its grades keep their Ofsted "
                                  "mapping; only labels and colours can change.")
        cleaned.append((grade, label, colour, ofsted))
    claim(scale, expected_version)
    changed = []
    for grade, label, colour, ofsted in cleaned:
        if (grade.label, grade.colour, grade.ofsted) != (label, colour, ofsted):
            grade.label, grade.colour, grade.ofsted = label, colour, ofsted
            grade.save()
            changed.append(grade.value)
    trail.record(actor, Verb.ASSESSMENT_UPDATED, scale, grades_changed=changed)
    return scale


def _clean_domain(council, title, exclude=None):
    title = (title or "").strip()
    if not title:
        raise ValidationError("Give the domain a title.")
    same = DomainTemplate.objects.filter(council=council, title__iexact=title)
    if exclude is not None:
        same = same.exclude(pk=exclude.pk)
    if same.exists():
        raise ValidationError(f"There is already a domain called {title}.")
    return title


@service(KnowPerm.MANAGE_ASSESSMENTS)
def add_domain(*, actor, council, title, guidance="", themes=()):
    """A new active domain template, last in the order. Next self-assessment made has it; this one does not."""
    title = _clean_domain(council, title)
    last = DomainTemplate.objects.filter(council=council).order_by("-number").first()
    domain = DomainTemplate.objects.create(council=council, title=title, guidance=(guidance or "").strip(),
                                           number=(last.number + 1) if last else 1)
    domain.themes.set(themes)
    trail.record(actor, Verb.ASSESSMENT_UPDATED, domain, domain=domain.number, fields=["added"])
    return domain


@service(KnowPerm.MANAGE_ASSESSMENTS, on="domain")
def edit_domain(*, actor, domain, title, guidance="", themes=None, is_active=None, expected_version=None):
    """Change a domain template's title, guidance, themes, or switch it off (kept, left out of new drafts)."""
    lock(domain)
    title = _clean_domain(domain.council, title, exclude=domain)
    claim(domain, expected_version)
    domain.title, domain.guidance = title, (guidance or "").strip()
    if is_active is not None:
        domain.is_active = is_active
    domain.save()
    if themes is not None:
        domain.themes.set(themes)
    trail.record(actor, Verb.ASSESSMENT_UPDATED, domain, domain=domain.number, active=domain.is_active)
    return domain


@service(KnowPerm.MANAGE_ASSESSMENTS, on="domain")
def move_domain(*, actor, domain, up):
    """Swap a domain with its neighbour in the order (up: towards number 1)."""
    lock(domain)
    siblings = DomainTemplate.objects.filter(council=domain.council).order_by("number", "pk")
    neighbour = (siblings.filter(number__lt=domain.number).order_by("-number", "-pk") if up
                 else siblings.filter(number__gt=domain.number)).first()
    if neighbour is None:
        raise ValidationError(f"{domain.title} is already {'first' if up else 'last'}.")
    domain.number, neighbour.number = neighbour.number, domain.number
    domain.save(update_fields=["number"])
    neighbour.save(update_fields=["number"])
    trail.record(actor, Verb.ASSESSMENT_UPDATED, domain, domain=domain.number, fields=["number"])
    return domain
