"""The improvement records the matrix's issue-12 rows name (docs/design/improvement.md §8). Each slice adds the
records its rows need in its own function below, called from add_improvement_records, with kinds starting
"improvement_" (per side: "own" is the matrix's own team, "other" the other team's)."""


def add_improvement_records(world, out):
    add_plan_records(world, out)
    return out


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
