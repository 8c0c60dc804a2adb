"""improvement's own source for a pack (design §4.3): the findings recorded on the scope's themes and teams, and the
actions set on them. Findings are conclusions, not evidence, so the block has no verdict; the top 10 counts each
finding as a signal (weight 2 when an action from it is high priority, §5)."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from triangulate.core.formatting import counted

from ..models import Action, Finding
from ..selectors import actions_visible_to, findings_visible_to
from .registry import Block, Row, Signal


def _in_scope(queryset, scope, date_field):
    queryset = queryset.filter(theme__in=scope.themes, **{f"{date_field}__range": (scope.start, scope.end)})
    if scope.teams is not None:  # a team's pack: its own and the council-wide ones
        queryset = queryset.filter(Q(team__in=scope.teams) | Q(team__isnull=True))
    return queryset


def action_counts(scope, user, today=None):
    """(open, overdue) of the actions on the scope's themes and teams the user can see, whenever set."""
    today = today or timezone.localdate()
    actions = actions_visible_to(user).filter(theme__in=scope.themes, status__in=Action.OPEN_STATUSES)
    if scope.teams is not None:
        actions = actions.filter(Q(team__in=scope.teams) | Q(team__isnull=True))
    return actions.count(), actions.filter(due_date__lt=today).count()


class FindingsEvidence:
    key = "findings"
    title = "Findings and actions"

    def block(self, scope, user):
        findings = _in_scope(findings_visible_to(user), scope, "found_on")
        strengths = findings.filter(kind=Finding.Kind.STRENGTH).count()
        areas = findings.filter(kind=Finding.Kind.AREA_FOR_DEVELOPMENT).count()
        open_actions, overdue = action_counts(scope, user)
        rows = [Row("Strengths recorded", f"{strengths:,}"), Row("Areas for development recorded", f"{areas:,}"),
                Row("Actions open", f"{open_actions:,}"), Row("Actions overdue", f"{overdue:,}")]
        rows += [Row(f.text, f.get_kind_display(), reverse("improvement:finding_detail", args=[f.pk]),
                     f"{f.get_source_display()}, {f.team or 'council-wide'}") for f in findings[:10]]
        basis = (f"{counted(strengths, 'strength')} and {counted(areas, 'area for development', 'areas for development')}"
                 f" recorded; {counted(open_actions, 'action')} open, {overdue} overdue")
        return Block(source=self.key, title=self.title, verdict="none", basis=basis, rows=tuple(rows),
                     note="Findings and actions are conclusions drawn from the evidence, so they have no verdict.")

    def signals(self, scope):
        findings = _in_scope(Finding.objects.select_related("theme", "team"), scope, "found_on")
        urgent = set(Action.objects.filter(finding__in=findings, priority=Action.Priority.HIGH)
                     .values_list("finding_id", flat=True))
        return [Signal(kind=f.kind, theme=f.theme.slug, source=self.key, on=f.found_on,
                       weight=2 if f.pk in urgent else 1, team=f.team.name if f.team else "", text=f.text[:120],
                       url=reverse("improvement:finding_detail", args=[f.pk])) for f in findings]
