from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from triangulate.core.predicates import role_of
from triangulate.people.selectors import ALL, team_scope

from .models import Action, Finding


def _scoped(queryset, user):
    if role_of(user) is None:
        return queryset.none()
    scope = team_scope(user)
    if scope == ALL:
        return queryset
    return queryset.filter(Q(team_id__in=scope) | Q(team__isnull=True))


def findings_visible_to(user):
    return _scoped(Finding.objects.select_related("theme", "team", "recorded_by"), user)


def actions_visible_to(user):
    # An owner always sees their own actions, even for a team outside their scope.
    scoped = _scoped(Action.objects.all(), user)
    return (Action.objects.filter(Q(pk__in=scoped.values("pk")) | Q(owner=user))
            .select_related("theme", "team", "owner", "finding"))


def actions_owned_by(user):
    return Action.objects.filter(owner=user, status__in=Action.OPEN_STATUSES).select_related("theme")


def action_summary(user):
    today = timezone.localdate()
    actions = actions_visible_to(user)
    open_actions = actions.filter(status__in=Action.OPEN_STATUSES)
    return [
        {"label": "open actions", "count": open_actions.count()},
        {"label": "overdue", "count": open_actions.filter(due_date__lt=today).count()},
        {"label": "due in the next 14 days",
         "count": open_actions.filter(due_date__gte=today, due_date__lte=today + timedelta(days=14)).count()},
        {"label": "complete", "count": actions.filter(status=Action.Status.COMPLETE).count()},
    ]


def possible_owners():
    return get_user_model().objects.filter(is_active=True, profile__role__gt="").order_by("first_name", "last_name")
