"""The plan pages (design §2, §9 "Plans"): plans with their priorities in order and the roll-up of service and team
plans, a priority with its dated history and the actions under it (their RAG computed on each read,
improvement/plan_status.py), and the forms that write through improvement/plans.py."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone

from triangulate.core.concurrency import VERSION, version_of
from triangulate.core.predicates import role_of
from triangulate.core.roles import Role
from triangulate.core.views.decorators import requires
from triangulate.core.views.forms import service_action, service_form
from triangulate.people.selectors import the_council

from .. import kpi_links, plans, selectors
from ..forms_plans import LinkForm, MilestoneForm, PlanEditForm, PlanForm, PriorityForm, ProgressForm
from ..models import ImprovementPlan, Milestone, Priority, Progress
from ..plan_status import priority_summary
from ..rules import KnowPerm, Perm
from ..selectors import milestone_pairs, plans_readable_by, plans_visible_to, with_rag

Level = ImprovementPlan.Level
# seed 002's progress key as GOV.UK tag colours (design §2.1); the words are always shown in the tag
PROGRESS_COLOURS = {Progress.NOT_ACHIEVED: "red", Progress.IN_PROGRESS: "yellow",
                    Progress.LARGELY_ACHIEVED: "blue", Progress.ACHIEVED: "green"}


def check_plan_readable(user, plan):
    # the system administrator runs the service, not the plans: they read the council plan only (design §8; the
    # lists apply the same rule through selectors.plans_readable_by)
    if plan.level != Level.COUNCIL and role_of(user) == Role.SYSTEM_ADMIN:
        raise PermissionDenied(KnowPerm.VIEW_PLANS)


def visible_plan(request, pk):
    plan = get_object_or_404(plans_visible_to(request.user), pk=pk)
    check_plan_readable(request.user, plan)
    return plan


def visible_priority(request, pk):
    priority = get_object_or_404(Priority.objects.select_related("plan", "owner", "parent__plan")
                                 .filter(plan__in=plans_visible_to(request.user)), pk=pk)
    check_plan_readable(request.user, priority.plan)
    return priority


def visible_action(request, pk, perm=Perm.UPDATE_ACTION):
    action = get_object_or_404(selectors.actions_visible_to(request.user), pk=pk)
    if not request.user.has_perm(perm, action):
        raise PermissionDenied(perm)
    return action


def summary_of(actions):
    return priority_summary([a.rag for a in actions], [pair for a in actions for pair in milestone_pairs(a)])


@requires(KnowPerm.VIEW_PLANS)
def plan_list(request):
    return render(request, "improvement/plans/plan_list.html", {
        "title": "Plans", "plans": plans_readable_by(request.user), "can_manage": request.user.has_perm(KnowPerm.MANAGE_PLANS)})


@requires(KnowPerm.VIEW_PLANS)
def plan_detail(request, pk):
    plan = visible_plan(request, pk)
    today = timezone.localdate()
    visible_actions = selectors.actions_visible_to(request.user)
    children = plans_visible_to(request.user).filter(parent=plan)
    rows = []
    for priority in plan.priorities.select_related("owner"):
        actions = with_rag(visible_actions.filter(plan_priority=priority), today)
        rolled_up = (priority.children.filter(plan__in=children).select_related("plan", "owner")
                     .order_by("plan__title"))
        rows.append((priority, summary_of(actions), rolled_up))
    return render(request, "improvement/plans/plan_detail.html", {
        "title": plan.title, "plan": plan, "rows": rows, "children": children, "colours": PROGRESS_COLOURS,
        "can_manage": request.user.has_perm(KnowPerm.MANAGE_PLANS),
        "can_make_children": plan.level != Level.TEAM and plan.status == ImprovementPlan.Status.LIVE})


def plan_form_context(title, back_url):
    return {"title": title, "back_url": back_url, "back_text": "Back", "submit_text": "Save plan"}


@requires(KnowPerm.MANAGE_PLANS, methods=("GET", "POST"))
def plan_create(request):
    form = PlanForm(request.POST or None, initial={"level": Level.COUNCIL, "owner": request.user.pk})
    return service_form(
        request, form, save=lambda form: plans.create_plan(actor=request.user, council=the_council(),
                                                           **form.cleaned_data),
        success_message="Plan made", success_url=lambda plan: reverse("improvement:plan_detail", args=[plan.pk]),
        context=plan_form_context("Make a plan", reverse("improvement:plan_list")))


@requires(KnowPerm.MANAGE_PLANS, methods=("GET", "POST"))
def plan_edit(request, pk):
    plan = visible_plan(request, pk)
    fields = ("title", "owner", "starts_on", "ends_on", "status")
    form = PlanEditForm(request.POST or None, initial={**{f: getattr(plan, f) for f in fields},
                                                      "owner": plan.owner_id, VERSION: plan.version})
    return service_form(
        request, form, save=lambda form: plans.edit_plan(actor=request.user, plan=plan,
                                                         expected_version=version_of(form),
                                                         **{f: form.cleaned_data[f] for f in fields}),
        success_message="Plan saved", success_url=reverse("improvement:plan_detail", args=[plan.pk]),
        stored_values=lambda plan: {**{f: getattr(plan, f) for f in fields}, "owner": plan.owner},
        context=plan_form_context("Edit the plan", reverse("improvement:plan_detail", args=[plan.pk])))


@requires(KnowPerm.MANAGE_PLANS, methods=("POST",))
def plan_children(request, pk):
    plan = visible_plan(request, pk)
    noun = "service plans" if plan.level == Level.COUNCIL else "team plans"
    return service_action(request, lambda: plans.make_child_plans(actor=request.user, plan=plan),
                          success_message=lambda made: f"{len(made)} draft {noun} made",
                          redirect_to=reverse("improvement:plan_detail", args=[plan.pk]))


@requires(KnowPerm.MANAGE_PLANS, methods=("GET", "POST"))
def priority_create(request, pk):
    plan = visible_plan(request, pk)
    form = PriorityForm(request.POST or None)
    fields = ("title", "owner", "themes", "teams", "kpi_ids", "target")
    return service_form(
        request, form, save=lambda form: plans.add_priority(actor=request.user, plan=plan,
                                                            **{f: form.cleaned_data[f] for f in fields}),
        success_message="Priority added",
        success_url=lambda priority: reverse("improvement:priority_detail", args=[priority.pk]),
        context={"title": "Add a priority", "caption": plan.title, "submit_text": "Save priority",
                 "back_url": reverse("improvement:plan_detail", args=[plan.pk]), "back_text": "Back to the plan"})


@requires(KnowPerm.VIEW_PLANS)
def priority_detail(request, pk):
    priority = visible_priority(request, pk)
    today = timezone.localdate()
    actions = with_rag(selectors.actions_visible_to(request.user).filter(plan_priority=priority), today)
    for action in actions:
        action.can_update = request.user.has_perm(Perm.UPDATE_ACTION, action)  # its milestones' buttons
    return render(request, "improvement/plans/priority_detail.html", {
        "title": priority.title, "priority": priority, "plan": priority.plan, "actions": actions,
        "summary": summary_of(actions), "colours": PROGRESS_COLOURS,
        "measures": [kpi_links.describe(kpi_id) for kpi_id in priority.kpi_ids],
        "history": priority.updates.select_related("recorded_by"),
        "can_manage": request.user.has_perm(KnowPerm.MANAGE_PLANS),
        "can_update": request.user.has_perm(KnowPerm.UPDATE_PRIORITY, priority)})


PRIORITY_FIELDS = ("title", "owner", "themes", "teams", "kpi_ids", "target")


def priority_values(priority):
    return {"title": priority.title, "owner": priority.owner, "themes": list(priority.themes.all()),
            "teams": list(priority.teams.all()), "kpi_ids": list(priority.kpi_ids), "target": priority.target}


@requires(KnowPerm.MANAGE_PLANS, methods=("GET", "POST"))
def priority_edit(request, pk):
    priority = visible_priority(request, pk)
    initial = {**priority_values(priority), "owner": priority.owner_id, VERSION: priority.version}
    form = PriorityForm(request.POST or None, initial=initial)
    return service_form(
        request, form, save=lambda form: plans.edit_priority(actor=request.user, priority=priority,
                                                             expected_version=version_of(form),
                                                             **{f: form.cleaned_data[f] for f in PRIORITY_FIELDS}),
        success_message="Priority saved", success_url=reverse("improvement:priority_detail", args=[priority.pk]),
        stored_values=priority_values,
        context={"title": "Edit the priority", "caption": priority.plan.title, "submit_text": "Save priority",
                 "back_url": reverse("improvement:priority_detail", args=[priority.pk]),
                 "back_text": "Back to the priority"})


@requires(KnowPerm.VIEW_PLANS, methods=("GET", "POST"))
def priority_progress(request, pk):
    priority = visible_priority(request, pk)
    if not request.user.has_perm(KnowPerm.UPDATE_PRIORITY, priority):
        raise PermissionDenied(KnowPerm.UPDATE_PRIORITY)
    fields = ("progress", "evidence_of_impact", "whats_next", "on")
    form = ProgressForm(request.POST or None, initial={
        "progress": priority.progress, "evidence_of_impact": priority.evidence_of_impact,
        "whats_next": priority.whats_next, "on": timezone.localdate(), VERSION: priority.version})
    return service_form(
        request, form, save=lambda form: plans.record_progress(actor=request.user, priority=priority,
                                                               expected_version=version_of(form),
                                                               **{f: form.cleaned_data[f] for f in fields}),
        success_message="Progress recorded",
        success_url=reverse("improvement:priority_detail", args=[priority.pk]),
        stored_values=lambda p: {"progress": p.progress, "evidence_of_impact": p.evidence_of_impact,
                                 "whats_next": p.whats_next},
        context={"title": "Record progress", "caption": f"{priority.number}. {priority.title}",
                 "submit_text": "Save update", "back_text": "Back to the priority",
                 "back_url": reverse("improvement:priority_detail", args=[priority.pk])})


@requires(Perm.VIEW_ACTIONS, methods=("GET", "POST"))
def action_link(request, pk):
    action = visible_action(request, pk)
    priorities = (Priority.objects.filter(plan__in=plans_visible_to(request.user),
                                          plan__status__in=(ImprovementPlan.Status.DRAFT, ImprovementPlan.Status.LIVE))
                  .select_related("plan").order_by("plan__title", "plan_id", "number"))
    form = LinkForm(request.POST or None, priorities=priorities,
                    initial={"priority": action.plan_priority_id, VERSION: action.version})
    return service_form(
        request, form, save=lambda form: plans.link_action(actor=request.user, action=action,
                                                           priority=form.cleaned_data["priority"],
                                                           expected_version=version_of(form)),
        success_message="Priority saved", success_url=reverse("improvement:action_detail", args=[action.pk]),
        stored_values=lambda action: {"priority": action.plan_priority},
        context={"title": "Link to a priority", "caption": "Action", "submit_text": "Save",
                 "back_url": reverse("improvement:action_detail", args=[action.pk]),
                 "back_text": "Back to the action"})


@requires(Perm.VIEW_ACTIONS, methods=("GET", "POST"))
def milestone_create(request, pk):
    action = visible_action(request, pk)
    form = MilestoneForm(request.POST or None)
    return service_form(
        request, form, save=lambda form: plans.add_milestone(actor=request.user, action=action, **form.cleaned_data),
        success_message="Milestone added", success_url=reverse("improvement:action_detail", args=[action.pk]),
        context={"title": "Add a milestone", "caption": "Action", "submit_text": "Save milestone",
                 "back_url": reverse("improvement:action_detail", args=[action.pk]),
                 "back_text": "Back to the action"})


@requires(Perm.VIEW_ACTIONS, methods=("POST",))
def milestone_done(request, pk):
    milestone = get_object_or_404(Milestone.objects.filter(
        action__in=selectors.actions_visible_to(request.user)), pk=pk)
    action = visible_action(request, milestone.action_id)
    return service_action(
        request, lambda: plans.mark_milestone_done(actor=request.user, action=action, milestone=milestone,
                                                   done_on=timezone.localdate()),
        success_message="Milestone done", redirect_to=reverse("improvement:action_detail", args=[action.pk]))


urlpatterns = [
    path("plans/", plan_list, name="plan_list"),
    path("plans/new/", plan_create, name="plan_create"),
    path("plans/<int:pk>/", plan_detail, name="plan_detail"),
    path("plans/<int:pk>/edit/", plan_edit, name="plan_edit"),
    path("plans/<int:pk>/children/", plan_children, name="plan_children"),
    path("plans/<int:pk>/priorities/new/", priority_create, name="priority_create"),
    path("priorities/<int:pk>/", priority_detail, name="priority_detail"),
    path("priorities/<int:pk>/edit/", priority_edit, name="priority_edit"),
    path("priorities/<int:pk>/progress/", priority_progress, name="priority_progress"),
    path("actions/<int:pk>/priority/", action_link, name="action_link"),
    path("actions/<int:pk>/milestones/new/", milestone_create, name="milestone_create"),
    path("milestones/<int:pk>/done/", milestone_done, name="milestone_done"),
]
