"""Records S1's tests share (design §2): a live council plan for 2026/27 in the world's council with a priority on
the voice of the child owned by the service manager, and an action under it."""

from datetime import date

from triangulate.core.roles import Role
from triangulate.improvement import services
from triangulate.improvement.models import ImprovementPlan

from ..factories import theme
from .factories import ImprovementPlanFactory, PriorityFactory


def council_plan(world, **fields):
    lead = world.users[Role.QA_LEAD]
    fields.setdefault("title", "Improvement plan 2026/27")
    return ImprovementPlanFactory(council=world.own.council, owner=lead, created_by=lead, **fields)


def team_plan(world, team, **fields):
    parent = fields.pop("parent", None) or council_plan(world)
    return ImprovementPlanFactory(council=team.council, level=ImprovementPlan.Level.TEAM, team=team,
                                  service_area=team.service_area, parent=parent, owner=parent.owner,
                                  created_by=parent.owner, title=f"{team.name} plan", **fields)


def visits_priority(plan, owner, **fields):
    fields.setdefault("number", 1)
    return PriorityFactory(plan=plan, owner=owner, title="Purposeful visits within the child's timescales",
                           themes=[theme(), theme("visits-and-direct-work")], **fields)


def action_under(world, priority, *, owner=None, due_date=date(2026, 12, 1), team=None):
    action = services.create_action(actor=world.users[Role.QA_LEAD], title="Audit visits in timescale",
                                    rationale="Visits drift", priority="high",
                                    owner=owner or world.users[Role.PRACTITIONER], due_date=due_date,
                                    theme=theme(), team=team or world.own)
    action.plan_priority = priority
    action.save(update_fields=["plan_priority"])
    return action
