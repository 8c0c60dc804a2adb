"""improvement's own findings and actions as a source of a pack (docs/design/improvement.md §4.3, §5).

They are conclusions, not evidence, so the block never has a verdict ("none", and agreement leaves it out); it lists
the findings by kind and source, the actions by their state on the plan (§2.2) and the overdue ones. The reader sees
only the findings and actions they may see (selectors). The top 10's signals are one per finding, weight 2 when an
action from it is high priority; their words name the source, kind and theme, never the finding's free text (the top
10 is read by people who may not see every team's findings).
"""

from collections import Counter
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from triangulate.core.formatting import counted, date_uk

from ..models import Action, Finding, Source
from ..selectors import actions_visible_to, findings_visible_to
from . import registry, verdicts
from .registry import Block, Row, Signal

# design §2.2, in its order; S1's plan_status.py holds the same table for the plan's pages
STATES = (("overdue", "Overdue"), ("at_risk", "At risk"), ("on_track", "On track"), ("complete", "Complete"),
          ("cancelled", "Cancelled"))
SOON = timedelta(days=14)
LISTED = 10  # findings listed in a block, newest first


def state_of(action, today):
    """An action's state on the plan (§2.2): computed, never stored."""
    if action.status == Action.Status.COMPLETE:
        return "complete"
    if action.status == Action.Status.CANCELLED:
        return "cancelled"
    if action.due_date < today:
        return "overdue"
    late_milestone = any(m.done_on is None and m.due_on < today for m in action.milestones.all())
    if late_milestone or (action.status == Action.Status.NOT_STARTED and action.due_date <= today + SOON):
        return "at_risk"
    return "on_track"


def _in_scope(records, scope):
    records = records.filter(theme__in=scope.themes)
    return records if scope.teams is None else records.filter(team__in=scope.teams)


def findings_in(findings, scope):
    return _in_scope(findings, scope).filter(found_on__gte=scope.start, found_on__lte=scope.end)


def actions_in(actions, scope):
    """The scope's open actions, and those closed that were due in the period."""
    actions = _in_scope(actions, scope)
    return actions.filter(status__in=Action.OPEN_STATUSES) | actions.filter(due_date__gte=scope.start,
                                                                            due_date__lte=scope.end)


class FindingsEvidence:
    key = "findings"
    title = "Findings and actions"

    def block(self, scope, user):
        today = timezone.localdate()
        findings = list(findings_in(findings_visible_to(user), scope))
        actions = list(actions_in(actions_visible_to(user), scope).select_related("team")
                       .prefetch_related("milestones").order_by("due_date", "pk").distinct())
        sources = dict(Source.choices)
        rows = []
        for kind, label in Finding.Kind.choices:
            mine = [f for f in findings if f.kind == kind]
            by_source = Counter(sources.get(f.source, f.source) for f in mine)
            rows.append(Row(f"{label}s found" if kind == "strength" else "Areas for development found",
                            str(len(mine)), detail=", ".join(f"{s} {n}" for s, n in sorted(by_source.items()))))
        # the newest findings themselves, for a reader who may see them (the block is the reader's own); a copy for a
        # wide audience has the counts only (a finding's words may describe a child's case)
        words = not registry.controlled(scope, user)
        rows += [Row(f.text, f.get_kind_display(), reverse("improvement:finding_detail", args=[f.pk]),
                     f"{sources.get(f.source, f.source)}, {f.team.name if f.team else 'council-wide'}, "
                     f"{date_uk(f.found_on)}")
                 for f in sorted(findings, key=lambda f: (f.found_on, f.pk), reverse=True)[:LISTED] if words]
        states = {a.pk: state_of(a, today) for a in actions}
        tally = Counter(states.values())
        rows += [Row(f"Actions: {label.lower()}", str(tally[key])) for key, label in STATES]
        rows += [Row(f"Overdue: {a.title}", f"due {date_uk(a.due_date)}",
                     reverse("improvement:action_detail", args=[a.pk]), a.team.name if a.team else "Council-wide")
                 for a in actions if states[a.pk] == "overdue" and words]
        open_ = sum(1 for a in actions if a.is_open)
        basis = (f"{counted(len(findings), 'finding')}; {counted(open_, 'action')} open, "
                 f"{tally['overdue']} overdue")
        return Block(source=self.key, title=self.title, verdict="none", basis=basis, rows=tuple(rows),
                     note="Findings and actions are conclusions, not evidence: they have no verdict of their own.")

    def signals(self, scope):
        findings = findings_in(Finding.objects.select_related("theme", "team"), scope).prefetch_related("actions")
        return [Signal(kind=f.kind, theme=f.theme.slug, source=self.key, on=f.found_on,
                       weight=2 if any(a.priority == Action.Priority.HIGH for a in f.actions.all()) else 1,
                       team=f.team.name if f.team else "",
                       text=f"{f.get_source_display()}: {f.get_kind_display().lower()} on {verdicts.in_sentence(f.theme.name)}",
                       url=reverse("improvement:finding_detail", args=[f.pk]), extra={"finding": f.pk})
                for f in findings.order_by("found_on", "pk")]


def action_counts(scope, user, today=None):
    """(open, overdue) of the scope's actions the user can see: the pack's paragraph counts them (§4.5)."""
    today = today or timezone.localdate()
    actions = _in_scope(actions_visible_to(user), scope).filter(status__in=Action.OPEN_STATUSES)
    return actions.count(), actions.filter(due_date__lt=today).count()
