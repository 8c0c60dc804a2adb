"""factory-boy factories for issue 12's records (docs/design/improvement.md §2–§6), for every slice's tests: the
least that is valid. A council plan for 2026/27 owned by a QA lead; a priority of it on the voice of the child; a
self-assessment on the council's default scale (installed by `ensure_assessment_defaults`)."""

from datetime import date

import factory

from triangulate.core.roles import Role
from triangulate.improvement.defaults import ensure_assessment_defaults
from triangulate.improvement.models import (
    EvidenceNote,
    ImprovementPlan,
    Milestone,
    Priority,
    SelfAssessment,
    TrainingTopic,
)

from ..factories import CouncilFactory, make_user, theme


def qa_lead():
    return make_user(Role.QA_LEAD)


class ImprovementPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImprovementPlan

    council = factory.SubFactory(CouncilFactory)
    title = factory.Sequence(lambda n: f"Improvement plan {n}")
    level = ImprovementPlan.Level.COUNCIL
    owner = factory.LazyFunction(qa_lead)
    created_by = factory.SelfAttribute("owner")
    starts_on = date(2026, 4, 1)
    ends_on = date(2027, 3, 31)
    status = ImprovementPlan.Status.LIVE


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority
        skip_postgeneration_save = True

    plan = factory.SubFactory(ImprovementPlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Priority {n}")
    owner = factory.SelfAttribute("plan.owner")

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create:
            self.themes.set(extracted if extracted is not None else [theme()])


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    title = factory.Sequence(lambda n: f"Milestone {n}")
    due_on = date(2026, 6, 30)


def make_assessment(council=None, *, year=2026, created_by=None, **fields):
    """A draft self-assessment on the council's default scale, with a judgement per default domain."""
    from triangulate.improvement.models import DomainJudgement, DomainTemplate

    council = council or CouncilFactory()
    scale = ensure_assessment_defaults(council)
    assessment = SelfAssessment.objects.create(
        council=council, title=fields.pop("title", f"Self-assessment {year}/{(year + 1) % 100:02d}"), year=year,
        period_start=date(year, 4, 1), period_end=date(year + 1, 3, 31), scale=scale,
        created_by=created_by or qa_lead(), **fields)
    for domain in DomainTemplate.objects.filter(council=council, is_active=True):
        judgement = DomainJudgement.objects.create(assessment=assessment, number=domain.number, title=domain.title,
                                                   guidance=domain.guidance)
        judgement.themes.set(domain.themes.all())
    return assessment


class EvidenceNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EvidenceNote

    council = factory.SubFactory(CouncilFactory)
    scope_kind = EvidenceNote.ScopeKind.THEME
    scope_id = factory.LazyFunction(lambda: theme().pk)
    text = "The sources agree."
    period_start = date(2025, 12, 1)
    period_end = date(2026, 11, 30)
    updated_by = factory.LazyFunction(qa_lead)


class TrainingTopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingTopic

    council = factory.SubFactory(CouncilFactory)
    title = factory.Sequence(lambda n: f"Training topic {n}")
    theme = factory.LazyFunction(theme)
    owner = factory.LazyFunction(lambda: make_user(Role.PRINCIPAL_SOCIAL_WORKER))
