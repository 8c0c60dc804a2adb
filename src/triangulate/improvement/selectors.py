from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from triangulate.people.scope import visible_to

from .models import Action, Finding


def findings_visible_to(user):
    return visible_to(user, Finding.objects.select_related("theme", "team", "recorded_by"))


def actions_visible_to(user):
    # An owner always sees their own actions, even for a team outside their scope.
    scoped = visible_to(user, Action.objects.all())
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
