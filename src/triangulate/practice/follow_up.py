"""The follow-up panel's data (design §6.5): what a team was told before, shown on a practice day for that team.

"Since <earlier event>" gathers, for one event and one of its teams: the plan items of every earlier complete
event that visited the team whose action is the team's or council-wide (with the action's status and its last
status change), the team's other open actions from improvement, the team's earlier practice entries by theme,
and improvement's findings for the team from the last 12 months. S3's observation form asks one ProgressCheck
per earlier plan action (`earlier_plan_items`); the day's progress figures come from analysis/comparison."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from triangulate.improvement.models import Action, ActionStatusChange, Finding

from .analysis import comparison
from .analysis.records import DEVELOPMENT, POSITIVE
from .models import ObservationEntry, PlanItem, PracticeEvent, ProgressCheck, Visit

# Findings older than this are not shown on the panel (§6.5 "from the last 12 months").
FINDINGS_DAYS = 365
# Visits that took place, or were meant to: a cancelled or missed visit did not visit the team.
NOT_VISITED = (Visit.Status.CANCELLED, Visit.Status.DID_NOT_HAPPEN)


def earlier_events(event, team):
    """Complete events of the council, ended before this one starts, that visited `team`, newest first."""
    visited = Visit.objects.filter(team=team).exclude(status__in=NOT_VISITED).values("event_id")
    return (PracticeEvent.objects.filter(council_id=event.council_id, status=PracticeEvent.Status.COMPLETE,
                                         ends_on__lt=event.starts_on, pk__in=visited)
            .exclude(pk=event.pk).order_by("-ends_on", "-pk"))


def earlier_plan_items(event, team):
    """PlanItems of every earlier complete event that visited `team`, whose action is the team's or council-wide
    (no team), oldest event first, in the plan's own order. Cancelled actions are left in: the panel shows them."""
    return list(PlanItem.objects.filter(event__in=earlier_events(event, team))
                .filter(Q(action__team=team) | Q(action__team__isnull=True))
                .select_related("event", "heading", "action", "action__owner", "action__team", "action__theme")
                .order_by("event__ends_on", "event_id", "heading__number", "number"))


@dataclass(frozen=True)
class PlanItemRow:
    item: object
    action: object
    last_change: object  # the action's last ActionStatusChange, or None
    overdue: bool


@dataclass(frozen=True)
class ThemeEntries:
    theme: object
    positive: int  # P: strengths, good practice and case examples (§6.1)
    development: int  # D: areas for development
    development_texts: list


@dataclass(frozen=True)
class Panel:
    earlier_events: list
    plan_items: list  # PlanItemRow
    other_open_actions: list  # improvement Actions of the team, open, not on an earlier plan
    entries_by_theme: list  # ThemeEntries, in theme order
    findings_by_theme: list  # (theme, [Finding]) in theme order
    progress: object  # comparison.FollowUpProgress for this event's handed-in checks of this team


def _last_changes(actions):
    last = {}
    for change in (ActionStatusChange.objects.filter(action__in=actions)
                   .order_by("action_id", "changed_on", "recorded_at", "pk")):
        last[change.action_id] = change  # the latest wins
    return last


def plan_item_rows(items, today=None):
    today = today or timezone.localdate()
    actions = [item.action for item in items]
    last = _last_changes(actions)
    return [PlanItemRow(item=item, action=item.action, last_change=last.get(item.action_id),
                        overdue=item.action.is_overdue(today)) for item in items]


def _theme_key(theme):
    return (theme.order, theme.name)


def earlier_entries_by_theme(event, team):
    """The team's entries from earlier complete events' handed-in observations, counted by theme (P and D) with
    the development entries' texts."""
    entries = (ObservationEntry.objects
               .filter(observation__team=team, observation__state="handed_in", removed_at__isnull=True,
                       observation__event__in=earlier_events(event, team))
               .select_related("theme").order_by("observation__event__ends_on", "pk"))
    themes = {}
    positive, development, texts = defaultdict(int), defaultdict(int), defaultdict(list)
    for entry in entries:
        themes[entry.theme_id] = entry.theme
        if entry.kind in POSITIVE:
            positive[entry.theme_id] += 1
        elif entry.kind in DEVELOPMENT:
            development[entry.theme_id] += 1
            texts[entry.theme_id].append(entry.text)
    return [ThemeEntries(theme=t, positive=positive[t.pk], development=development[t.pk],
                         development_texts=texts[t.pk])
            for t in sorted(themes.values(), key=_theme_key) if positive[t.pk] or development[t.pk]]


def recent_findings_by_theme(team, today=None):
    """improvement's findings about the team (any source: audits' among them) found in the last 12 months."""
    today = today or timezone.localdate()
    findings = (Finding.objects.filter(team=team, found_on__gte=today - timedelta(days=FINDINGS_DAYS))
                .select_related("theme").order_by("-found_on", "-pk"))
    grouped = defaultdict(list)
    for finding in findings:
        grouped[finding.theme].append(finding)
    return sorted(grouped.items(), key=lambda pair: _theme_key(pair[0]))


def progress(event, team, items):
    """§6.5's progress and actions-complete figures: the event's handed-in progress checks of this team's visits
    over the earlier plan actions."""
    checks = [comparison.ProgressRecord(action_id=c.action_id, rating=c.rating)
              for c in ProgressCheck.objects.filter(observation__event=event, observation__team=team,
                                                    observation__state="handed_in",
                                                    action__in=[i.action_id for i in items])]
    return comparison.follow_up_progress(checks, {i.action_id: i.action.status for i in items})


def panel(event, team, today=None):
    today = today or timezone.localdate()
    items = earlier_plan_items(event, team)
    planned = {item.action_id for item in items}
    other = (Action.objects.filter(team=team, status__in=Action.OPEN_STATUSES).exclude(pk__in=planned)
             .select_related("owner", "theme").order_by("due_date", "pk"))
    return Panel(earlier_events=list(earlier_events(event, team)), plan_items=plan_item_rows(items, today),
                 other_open_actions=list(other), entries_by_theme=earlier_entries_by_theme(event, team),
                 findings_by_theme=recent_findings_by_theme(team, today), progress=progress(event, team, items))
