from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Max, Q
from django.utils import timezone

from triangulate.core.predicates import role_of
from triangulate.core.roles import Role
from triangulate.people.scope import team_scope, visible_to

from .models import Action, Finding, ImprovementPlan, Priority
from .plan_status import Rag, action_rag, needs_update

Level = ImprovementPlan.Level
# team-scoped staff read their own line's service and team plans only (design §8: "team plans for the team's line")
LINE_ONLY = (Role.PRACTITIONER, Role.TEAM_MANAGER)


def findings_visible_to(user):
    return visible_to(user, Finding.objects.select_related("theme", "team", "recorded_by"))


def actions_visible_to(user):
    # An owner always sees their own actions, even for a team outside their scope.
    scoped = visible_to(user, Action.objects.all())
    return (Action.objects.filter(Q(pk__in=scoped.values("pk")) | Q(owner=user))
            .select_related("theme", "team", "owner", "finding"))


def actions_owned_by(user):
    return Action.objects.filter(owner=user, status__in=Action.OPEN_STATUSES).select_related("theme")


def overdue(today):
    """The rule for an overdue action (the home page's summary, the data feed): open, and due before today."""
    return Q(status__in=Action.OPEN_STATUSES, due_date__lt=today)


def action_summary(user):
    today = timezone.localdate()
    actions = actions_visible_to(user)
    open_actions = actions.filter(status__in=Action.OPEN_STATUSES)
    return [
        {"label": "open actions", "count": open_actions.count()},
        {"label": "overdue", "count": actions.filter(overdue(today)).count()},
        {"label": "due in the next 14 days",
         "count": open_actions.filter(due_date__gte=today, due_date__lte=today + timedelta(days=14)).count()},
        {"label": "complete", "count": actions.filter(status=Action.Status.COMPLETE).count()},
    ]


def possible_owners():
    return get_user_model().objects.filter(is_active=True, profile__role__gt="").order_by("first_name", "last_name")


def plans_visible_to(user):
    """Council plans for every reader; a service or team plan for a practitioner or team manager only when it is
    their team's (or their team's area's)."""
    found = ImprovementPlan.objects.select_related("owner", "service_area", "team", "parent")
    if role_of(user) in LINE_ONLY:
        scope = team_scope(user)
        found = found.filter(Q(level=Level.COUNCIL) | Q(level=Level.TEAM, team__in=scope)
                             | Q(level=Level.SERVICE, service_area__teams__in=scope)).distinct()
    return found


def plans_readable_by(user):
    """The plans whose pages the user may open: as plans_visible_to, less the service and team plans for the system
    administrator (views/plans.py's check_plan_readable refuses those one by one)."""
    found = plans_visible_to(user)
    if role_of(user) == Role.SYSTEM_ADMIN:
        found = found.filter(level=Level.COUNCIL)
    return found


def milestone_pairs(action):
    return [(m.due_on, m.done_on) for m in action.milestones.all()]


def with_rag(actions, today):
    """The actions, each with its `rag` for today (plan_status.action_rag) and its milestones (one query for all
    milestones)."""
    rows = list(actions.prefetch_related("milestones"))
    for action in rows:
        action.rag = action_rag(status=action.status, due_date=action.due_date, today=today,
                                milestones=milestone_pairs(action))
    return rows


def live_priorities_owned_by(user):
    """The user's priorities in live plans whose pages they may open (a draft plan asks nothing of its owners yet,
    a closed one nothing more; a priority whose page would refuse them is no use on their home page)."""
    return Priority.objects.filter(owner=user, plan__status=ImprovementPlan.Status.LIVE,
                                   plan__in=plans_readable_by(user))


def priorities_needing_update(user, today):
    """The user's live priorities with no progress update in the last 8 weeks (plan_status.needs_update), plan by
    plan in number order, each with its `last_update` date (None: never updated).

    A priority never updated counts from the later of its plan's start and the day the priority was made: it
    cannot have been updated before it existed, nor owed an update before its plan began."""
    rows = (live_priorities_owned_by(user).annotate(last_update=Max("updates__on")).select_related("plan")
            .order_by("plan__title", "plan_id", "number"))
    return [priority for priority in rows
            if needs_update(last_update=priority.last_update, today=today,
                            counted_from=max(priority.plan.starts_on, timezone.localdate(priority.created_at)))]


def actions_at_risk_under(user, today):
    """The open actions the user may see under their live priorities that plan_status rates overdue or at risk,
    overdue first, then by due date; each with its `rag`."""
    actions = (actions_visible_to(user).filter(plan_priority__in=live_priorities_owned_by(user),
                                               status__in=Action.OPEN_STATUSES)
               .select_related("plan_priority"))
    order = list(Rag)
    return sorted((action for action in with_rag(actions, today) if action.rag in (Rag.OVERDUE, Rag.AT_RISK)),
                  key=lambda action: (order.index(action.rag), action.due_date, action.pk))
