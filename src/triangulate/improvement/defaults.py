"""The self-assessment's defaults (design §3.1): seed 004's six-point scale mapped to Ofsted's four grades, and the
domains of the ILACS judgements and the regional self-assessment template. `ensure_assessment_defaults(council)`
installs what a council lacks (idempotent): the demo, the tests and the self-assessment pages call it."""

from dataclasses import dataclass

# (value, label, GOV.UK tag colour, Ofsted grade), worst first: Devon's self-assessment scale (seed 004)
DEFAULT_SCALE_NAME = "Six-point scale"
DEFAULT_SCALE = (
    (1, "Inadequate", "red", "inadequate"),
    (2, "Requires significant improvement to be good", "orange", "requires_improvement"),
    (3, "Requires improvement to be good", "yellow", "requires_improvement"),
    (4, "Good", "green", "good"),
    (5, "Secure good", "turquoise", "good"),
    (6, "Outstanding", "purple", "outstanding"),
)


@dataclass(frozen=True)
class DefaultDomain:
    number: int
    title: str
    themes: tuple  # core theme slugs (core/defaults.py)
    guidance: str


DEFAULT_DOMAINS = (
    DefaultDomain(1, "The impact of leaders on social work practice with children and families",
                  ("leadership", "management-oversight-and-supervision"),
                  "Leaders' knowledge of practice, corporate parenting, partnerships and governance."),
    DefaultDomain(2, "The experiences and progress of children who need help and protection",
                  ("timeliness", "assessment-quality", "planning-smart", "multi-agency-working", "voice-of-the-child"),
                  "The front door and early help, children in need and child protection, exploitation and missing "
                  "children, the designated officer."),
    DefaultDomain(3, "The experiences and progress of children in care",
                  ("visits-and-direct-work", "voice-of-the-child", "outcomes"),
                  "Sufficiency, placement stability, health and education, permanence, adoption and special "
                  "guardianship."),
    DefaultDomain(4, "The experiences and progress of care leavers", ("outcomes", "voice-of-the-child"),
                  "Pathway plans, personal advisers, accommodation, education, employment and training."),
    DefaultDomain(5, "Workforce: recruitment, caseloads, supervision and learning",
                  ("workforce-and-caseloads", "management-oversight-and-supervision"),
                  "Stability, agency reliance, caseloads, the ASYE programme, training and the health check."),
    DefaultDomain(6, "Quality assurance and performance: how we know", ("recording", "parent-and-carer-experience"),
                  "Audits and moderation, practice weeks and days, feedback from families and staff, performance "
                  "data and how they change practice."),
)


def ensure_assessment_defaults(council):
    """Give `council` the default scale (if it has no scale) and the default domains (each it lacks, matched by
    title ignoring case). Returns the default scale."""
    from triangulate.core.models import Theme

    from .models import DomainTemplate, JudgementScale, ScaleGrade

    scale = JudgementScale.objects.filter(council=council, is_default=True).first()
    if scale is None and not JudgementScale.objects.filter(council=council).exists():
        scale = JudgementScale.objects.create(council=council, name=DEFAULT_SCALE_NAME, is_default=True)
        ScaleGrade.objects.bulk_create(ScaleGrade(scale=scale, value=v, label=label, colour=colour, ofsted=grade)
                                       for v, label, colour, grade in DEFAULT_SCALE)
    scale = scale or JudgementScale.objects.filter(council=council).first()
    have = {d.title.casefold() for d in DomainTemplate.objects.filter(council=council)}
    themes = {t.slug: t for t in Theme.objects.all()}
    for spec in DEFAULT_DOMAINS:
        if spec.title.casefold() in have:
            continue
        numbers = set(DomainTemplate.objects.filter(council=council).values_list("number", flat=True))
        domain = DomainTemplate.objects.create(
            council=council, number=spec.number if spec.number not in numbers else max(numbers) + 1,
            title=spec.title, guidance=spec.guidance)
        domain.themes.set([themes[slug] for slug in spec.themes if slug in themes])
    return scale
