"""Writes to improvement plans, their priorities, progress updates and actions' milestones (design §2). Each is a
public service (core/authority.py): it names its actor, checks its permission, runs in its own transaction and
records an AuditEvent carrying ids, states and dates only."""

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils import timezone

from triangulate.core import audit
from triangulate.core.authority import service
from triangulate.core.concurrency import claim, lock
from triangulate.people.models import ServiceArea, Team

from . import kpi_links
from .models import ImprovementPlan, Milestone, Priority, PriorityUpdate, Progress
from .rules import KnowPerm, Perm
from .selectors import actions_visible_to
from .verbs import Verb

Level = ImprovementPlan.Level
Status = ImprovementPlan.Status
# a plan moves forward only: a closed plan is the record of its year
NEXT_STATUSES = {Status.DRAFT: {Status.DRAFT, Status.LIVE}, Status.LIVE: {Status.LIVE, Status.CLOSED},
                 Status.CLOSED: {Status.CLOSED}}


def check_dates(starts_on, ends_on):
    if ends_on < starts_on:
        raise ValidationError({"ends_on": "The plan must end on or after the day it starts"})


def check_scope(level, service_area, team):
    if level == Level.SERVICE and service_area is None:
        raise ValidationError({"service_area": "Select the service area of a service plan"})
    if level == Level.TEAM and team is None:
        raise ValidationError({"team": "Select the team of a team plan"})


@service(KnowPerm.MANAGE_PLANS)
def create_plan(*, actor, council, title, level, owner, starts_on, ends_on, service_area=None, team=None,
                parent=None):
    check_dates(starts_on, ends_on)
    check_scope(level, service_area, team)
    if level == Level.COUNCIL:
        service_area = team = None
    elif level == Level.SERVICE:
        team = None
    plan = ImprovementPlan.objects.create(council=council, title=title.strip(), level=level, owner=owner,
                                          starts_on=starts_on, ends_on=ends_on, service_area=service_area,
                                          team=team, parent=parent, created_by=actor)
    audit.record(actor, Verb.PLAN_CREATED, plan, level=level, owner=owner, starts_on=starts_on, ends_on=ends_on,
                 service_area=service_area, team=team, parent=parent)
    return plan


@service(KnowPerm.MANAGE_PLANS, on="plan")
def edit_plan(*, actor, plan, title, owner, starts_on, ends_on, status, expected_version=None):
    lock(plan)
    claim(plan, expected_version)
    check_dates(starts_on, ends_on)
    if status not in NEXT_STATUSES[plan.status]:
        raise ValidationError({"status": f"A {plan.get_status_display().lower()} plan cannot become "
                                         f"{Status(status).label.lower()}"})
    old_status = plan.status
    plan.title, plan.owner, plan.starts_on, plan.ends_on, plan.status = title.strip(), owner, starts_on, ends_on, status
    plan.save(update_fields=["title", "owner", "starts_on", "ends_on", "status", "version"])
    status_change = {"status": [old_status, status]} if old_status != status else {}
    audit.record(actor, Verb.PLAN_UPDATED, plan, owner=owner, starts_on=starts_on, ends_on=ends_on, **status_change)
    return plan


def child_scopes(plan):
    """(level, service_area, team, name) of the plans `plan` makes: one per service area of the council with active
    teams (a council plan), one per active team of the area (a service plan)."""
    if plan.level == Level.COUNCIL:
        areas = (ServiceArea.objects.filter(council=plan.council, teams__is_active=True).distinct()
                 .order_by("name"))
        return [(Level.SERVICE, area, None, area.name) for area in areas]
    teams = Team.objects.filter(service_area=plan.service_area, is_active=True).order_by("name")
    return [(Level.TEAM, plan.service_area, team, team.name) for team in teams]


@service(KnowPerm.MANAGE_PLANS, on="plan")
def make_child_plans(*, actor, plan):
    """A live council plan → one draft service plan per service area; a live service plan → one draft team plan
    per active team of its area. Each copies the parent's priorities, linked back by Priority.parent (design §2.1,
    decision 8). Areas or teams that already have a plan under this one are left as they are."""
    lock(plan)
    if plan.level == Level.TEAM:
        raise ValidationError("A team plan has no service or team plans under it")
    if plan.status != Status.LIVE:
        raise ValidationError(f"Service and team plans are made from a live plan; this plan is "
                              f"{plan.get_status_display().lower()}")
    scopes = child_scopes(plan)
    done = {(child.service_area_id, child.team_id) for child in plan.children.all()}
    made = []
    for level, area, team, name in scopes:
        if (area.pk, team.pk if team else None) in done:
            continue
        child = ImprovementPlan.objects.create(
            council=plan.council, title=f"{name}: {plan.title}", level=level, service_area=area, team=team,
            parent=plan, owner=plan.owner, starts_on=plan.starts_on, ends_on=plan.ends_on, status=Status.DRAFT,
            created_by=actor)
        for priority in plan.priorities.all():
            copy = Priority.objects.create(plan=child, number=priority.number, title=priority.title,
                                           owner=priority.owner, kpi_ids=list(priority.kpi_ids),
                                           target=priority.target, parent=priority)
            copy.themes.set(priority.themes.all())
            copy.teams.set([team] if team else priority.teams.all())
        made.append(child)
    if not made:
        raise ValidationError("Every service area or team already has a plan made from this one" if scopes
                              else "There are no active teams to make plans for")
    audit.record(actor, Verb.PLANS_MADE_FROM, plan, level=made[0].level, plans=len(made))
    return made


def check_priority_fields(title, themes, kpi_ids):
    errors = {}
    if not title.strip():
        errors["title"] = "Enter the priority"
    if not list(themes):
        errors["themes"] = "Select at least one theme"
    unknown = [kpi_id for kpi_id in kpi_ids if not kpi_links.is_known(kpi_id)]
    if unknown:
        errors["kpi_ids"] = "Select measures from the list"
    if errors:
        raise ValidationError(errors)


@service(KnowPerm.MANAGE_PLANS, on="plan")
def add_priority(*, actor, plan, title, owner, themes, teams=(), kpi_ids=(), target=""):
    themes, teams, kpi_ids = list(themes), list(teams), list(kpi_ids)
    check_priority_fields(title, themes, kpi_ids)
    lock(plan)  # two leads adding at once must not both take the same number
    number = (plan.priorities.aggregate(last=Max("number"))["last"] or 0) + 1
    priority = Priority.objects.create(plan=plan, number=number, title=title.strip(), owner=owner, kpi_ids=kpi_ids,
                                       target=target.strip())
    priority.themes.set(themes)
    priority.teams.set(teams)
    audit.record(actor, Verb.PRIORITY_ADDED, priority, plan=plan, number=number, owner=owner, kpis=kpi_ids)
    return priority


@service(KnowPerm.MANAGE_PLANS, on="priority")
def edit_priority(*, actor, priority, title, owner, themes, teams=(), kpi_ids=(), target="", expected_version=None):
    themes, teams, kpi_ids = list(themes), list(teams), list(kpi_ids)
    lock(priority)
    claim(priority, expected_version)
    check_priority_fields(title, themes, kpi_ids)
    priority.title, priority.owner, priority.kpi_ids, priority.target = title.strip(), owner, kpi_ids, target.strip()
    priority.save(update_fields=["title", "owner", "kpi_ids", "target", "version"])
    priority.themes.set(themes)
    priority.teams.set(teams)
    audit.record(actor, Verb.PRIORITY_UPDATED, priority, owner=owner, kpis=kpi_ids)
    return priority


@service(KnowPerm.MANAGE_PLANS, on="priority")
def move_priority(*, actor, priority, direction):
    """Swap the priority with its neighbour above ("up") or below ("down") in the plan's order."""
    if direction not in ("up", "down"):
        raise ValidationError(f"Move a priority up or down, not {direction!r}")
    lock(priority.plan)
    lock(priority)
    siblings = priority.plan.priorities.exclude(pk=priority.pk)
    neighbour = (siblings.filter(number__lt=priority.number).order_by("-number").first() if direction == "up"
                 else siblings.filter(number__gt=priority.number).order_by("number").first())
    if neighbour is None:
        raise ValidationError(f"Priority {priority.number} is already {'first' if direction == 'up' else 'last'}")
    mine, theirs = priority.number, neighbour.number
    # through 0 (no priority's number), so the plan's unique numbers hold at every step
    Priority.objects.filter(pk=priority.pk).update(number=0)
    Priority.objects.filter(pk=neighbour.pk).update(number=mine)
    Priority.objects.filter(pk=priority.pk).update(number=theirs)
    priority.number = theirs
    audit.record(actor, Verb.PRIORITY_UPDATED, priority, number=[mine, theirs])
    return priority


@service(KnowPerm.UPDATE_PRIORITY, on="priority")
def record_progress(*, actor, priority, progress, on, evidence_of_impact="", whats_next="", expected_version=None):
    """One dated row of the priority's history, copied to the priority, against the version the form was drawn
    from (a stale update is refused, never laid on top)."""
    if progress not in Progress.values:
        raise ValidationError({"progress": "Select the progress"})
    lock(priority)
    claim(priority, expected_version)
    if on > timezone.localdate():
        raise ValidationError({"on": "The date of the update must be today or in the past"})
    update = PriorityUpdate.objects.create(priority=priority, progress=progress, on=on, recorded_by=actor,
                                           evidence_of_impact=evidence_of_impact.strip(),
                                           whats_next=whats_next.strip())
    old = priority.progress
    priority.progress, priority.evidence_of_impact, priority.whats_next = (
        update.progress, update.evidence_of_impact, update.whats_next)
    priority.save(update_fields=["progress", "evidence_of_impact", "whats_next", "version"])
    audit.record(actor, Verb.PRIORITY_PROGRESS, priority, progress=[old, progress], on=on)
    return update


@service(Perm.UPDATE_ACTION, on="action")
def link_action(*, actor, action, priority, expected_version=None):
    """Put the action under a priority of a plan (None takes it off). The owner or a recorder in scope may link."""
    if not actions_visible_to(actor).filter(pk=action.pk).exists():
        raise ValidationError("You cannot see that action")
    if priority is not None and priority.plan.status == Status.CLOSED:
        raise ValidationError({"priority": "That plan is closed: choose a priority of a draft or live plan"})
    lock(action)
    claim(action, expected_version)
    old = action.plan_priority_id
    action.plan_priority = priority
    action.save(update_fields=["plan_priority", "version"])
    audit.record(actor, Verb.ACTION_LINKED, action, plan_priority=[old, priority.pk if priority else None])
    return action


def check_open(action):
    if not action.is_open:
        raise ValidationError(f"The action is {action.get_status_display().lower()}: its milestones are fixed")


@service(Perm.UPDATE_ACTION, on="action")
def add_milestone(*, actor, action, title, due_on):
    check_open(action)
    if not title.strip():
        raise ValidationError({"title": "Enter the milestone"})
    milestone = Milestone.objects.create(action=action, title=title.strip(), due_on=due_on)
    audit.record(actor, Verb.MILESTONE_ADDED, milestone, action=action, due_on=due_on)
    return milestone


@service(Perm.UPDATE_ACTION, on="action")
def mark_milestone_done(*, actor, action, milestone, done_on):
    """`action` is the milestone's own (the permission is the action's)."""
    if milestone.action_id != action.pk:
        raise ValidationError("That milestone belongs to another action")
    check_open(action)
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    if milestone.done_on is not None:
        raise ValidationError(f"The milestone was already done on {milestone.done_on:%-d %B %Y}")
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": "The date it was done must be today or in the past"})
    milestone.done_on = done_on
    milestone.save(update_fields=["done_on"])
    audit.record(actor, Verb.MILESTONE_DONE, milestone, action=action, done_on=done_on)
    return milestone

