"""The improvement records the matrix's issue-12 rows name (docs/design/improvement.md §8). Each slice adds the
records its rows need in its own function below, called from add_improvement_records, with kinds starting
"improvement_" (per side: "own" is the matrix's own team, "other" the other team's)."""

from datetime import date

from triangulate.core.roles import Role
from triangulate.improvement.learning import add_training_topic
from triangulate.improvement.top_ten import save_top_ten

from ...factories import theme


class KindRef:
    """A page addressed by a list's kind rather than a row."""

    pk = None

    def __init__(self, kind):
        self.url_args = [kind]


def add_improvement_records(world, out):
    add_plan_records(world, out)
    add_top_ten_records(world, out)
    add_evidence_records(world, out)
    add_assessment_records(world, out)
    return out


def add_evidence_records(world, out):
    """A priority's pack: the plan records' priority (S1), else one of its own."""
    from ...improvement.factories import ImprovementPlanFactory, PriorityFactory

    if "improvement_priority" in out["own"]:
        return
    plan = ImprovementPlanFactory(council=world.own.council, owner=world.users[Role.QA_LEAD])
    priority = PriorityFactory(plan=plan, title="Purposeful visits", themes=[theme("visits-and-direct-work")])
    for side in ("own", "other"):
        out[side]["improvement_priority"] = priority


def add_top_ten_records(world, out):
    qa_lead = world.users[Role.QA_LEAD]
    save_top_ten(actor=qa_lead, council=world.own.council, kind="strength", ranked_on=date(2026, 12, 1),
                 items=[{"theme": theme(), "title": "Children's voices", "text": "", "evidence": [],
                         "added_reason": "Named by the reviewers"}])
    topic = add_training_topic(actor=qa_lead, council=world.own.council, title="Purposeful visits",
                               theme=theme("visits-and-direct-work"))
    for side in ("own", "other"):
        out[side]["improvement_top_ten_kind"] = KindRef("strength")
        out[side]["improvement_training_topic"] = topic


def add_plan_records(world, out):
    """S1: a live council plan with a priority owned by the service manager (both sides), a team plan per side,
    and a milestone on each side's action."""
    from triangulate.core.roles import Role
    from triangulate.improvement.models import ImprovementPlan

    from ...improvement.factories import ImprovementPlanFactory, MilestoneFactory, PriorityFactory

    lead = world.users[Role.QA_LEAD]
    plan = ImprovementPlanFactory(council=world.own.council, owner=lead, created_by=lead)
    priority = PriorityFactory(plan=plan, number=1, owner=world.users[Role.SERVICE_MANAGER])
    for side, team in (("own", world.own), ("other", world.other)):
        out[side]["improvement_plan"] = plan
        out[side]["improvement_priority"] = priority
        out[side]["improvement_team_plan"] = ImprovementPlanFactory(
            council=team.council, level=ImprovementPlan.Level.TEAM, team=team, parent=plan, owner=lead,
            created_by=lead, title=f"{team.name} plan")
        out[side]["improvement_milestone"] = MilestoneFactory(action=out[side]["action"])


def add_assessment_records(world, out):
    """S2: last year's self-assessment, judged and published (`improvement_assessment`), this year's draft with no
    domain judged (`improvement_assessment_draft`), a domain of the draft (`improvement_judgement`) and a domain
    template (`improvement_domain`); the same records on both sides (a self-assessment is council-wide)."""
    from triangulate.core.roles import Role
    from triangulate.improvement import assessment

    lead = world.users[Role.QA_LEAD]
    council = world.own.council
    published = assessment.create_assessment(actor=lead, council=council, year=2025)
    for judgement in published.judgements.all():
        assessment.edit_judgement(actor=lead, judgement=judgement, grade=published.scale.grades.get(value=4))
    assessment.publish_assessment(actor=lead, assessment=published)
    draft = assessment.create_assessment(actor=lead, council=council, year=2026)
    kinds = {"improvement_assessment": published, "improvement_assessment_draft": draft,
             "improvement_judgement": draft.judgements.order_by("number").first(),
             "improvement_domain": council.domain_templates.order_by("number").first()}
    for side in ("own", "other"):
        out[side].update(kinds)
