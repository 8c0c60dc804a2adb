"""The analysis pages (design §6.1–6.4, §6.6, §7.3, §8.1, §9.1): the event's analysis with its Excel, a team's
summary, the comparison with the benchmark week with its Excel, and the organiser's representative picks.

Downloads are answered by each page's own view (?format=xlsx), so a file has the page's permission check and
the reader's own rows (§7.3). The figures are presenters.py's over gather.event_records: handed-in observations
only. Events are council-wide records every role but the administrator may see (VIEW_EVENTS), so an event is
found by pk and the permission is then asked about it (403); a team summary is looked up through the reader's
team scope first (404), as every team page is."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse

from triangulate.core import exports
from triangulate.core.formatting import counted
from triangulate.core.predicates import role_of
from triangulate.core.roles import Role
from triangulate.core.views.decorators import requires
from triangulate.core.views.forms import service_action
from triangulate.people.scope import ALL, team_scope

from .. import gather, presenters
from ..analysis import counts
from ..models import Assessor, EventTeam, ObservationEntry, Visit
from ..rules import Perm
from ..services import picks
from .common import download_name, event_for

# Who gets the Excel "Entries" sheet besides the event's organisers (§7.3).
ENTRIES_SHEET_ROLES = (Role.QA_LEAD, Role.PRINCIPAL_SOCIAL_WORKER, Role.INSPECTOR)




@requires(Perm.VIEW_ANALYSIS)
def analysis(request, pk):
    event = event_for(request, pk, Perm.VIEW_ANALYSIS)
    records = gather.event_records(event)
    c = counts.cohort(records.observations, records.entries)
    organiser = request.user.has_perm(Perm.EDIT_REPORT, event)
    # every entry, on the page as in the Excel "Entries" sheet (§7.3); ticking and picking are the organisers'
    with_entries = organiser or role_of(request.user) in ENTRIES_SHEET_ROLES
    if exports.requested(request) == "xlsx":
        return exports.download(request, "xlsx", filename=download_name(event, "analysis"),
                                sheets=presenters.analysis_sheets(records, c, with_entries=with_entries))
    chosen = picks.picked_ids(event)
    context = {
        "title": f"Analysis: {event.title}",
        "event": event,
        "cohort": c,
        "themes": presenters.theme_rows(records, c),
        "supported": presenters.felt_supported_view(c, name_teams=True),
        "heard": presenters.heard_directly_view(c),
        "tables": presenters.heading_tables(records, c),
        "representative": presenters.representative_view(records, c, chosen),
        "organiser": organiser,
        "picked": chosen,
        "entries": presenters.entry_rows(records, c) if with_entries else [],
        "flagged": presenters.entries_naming_staff(event, c) if organiser else {},
        "quotes": presenters.quotes_view(records, c),
        "drafts": list(gather.drafts(event)) if organiser else [],
        "did_not_happen": list(Visit.objects.filter(event=event, status=Visit.Status.DID_NOT_HAPPEN)
                               .select_related("team", "assessor").order_by("date", "starts_at", "pk"))
        if organiser else [],
        "teams": list(event.teams.select_related("team").order_by("team__name")),
        "counted_line": (f"Counted from {counted(len(c.observations), 'handed-in observation')} in "
                         f"{counted(c.teams_observed, 'team')}"),
        "links": {"event": reverse("practice:event_detail", args=[event.pk]),
                  "plan": reverse("practice:plan_item_create", args=[event.pk]) if organiser else None},
    }
    return render(request, "practice/analysis/analysis.html", context)


def _team_in_reach(user, event_team):
    """The team's summary exists for this reader: a council-wide reader, a team in their scope, or an assessor
    of the event (an assessor reads the summaries of the teams they visited and the others, §8)."""
    scope = team_scope(user)
    return (scope == ALL or scope.filter(pk=event_team.team_id).exists()
            or Assessor.objects.filter(event_id=event_team.event_id, user=user).exists())


@requires(Perm.VIEW_TEAM_SUMMARY)
def team_summary(request, pk, team_pk):
    event_team = get_object_or_404(EventTeam.objects.select_related("event", "team"), event_id=pk, team_id=team_pk)
    if not _team_in_reach(request.user, event_team):
        raise Http404("No such team in this event")
    if not request.user.has_perm(Perm.VIEW_TEAM_SUMMARY, event_team):
        raise PermissionDenied(Perm.VIEW_TEAM_SUMMARY)
    event = event_team.event
    records = gather.event_records(event)
    c = counts.cohort(records.observations, records.entries, teams={event_team.team_id})
    supported = counts.felt_supported(c).by_team.get(event_team.team_id)
    visits = (Visit.objects.filter(event=event, team_id=event_team.team_id).select_related("assessor")
              .order_by("date", "starts_at", "pk"))
    context = {
        "title": f"{event_team.team.name}: {event.title}",
        "event": event,
        "event_team": event_team,
        "visits": visits,
        "supported": presenters.SUPPORT_NAMES[supported] if supported else None,
        "by_heading": _entries_by_heading(records, c),
        "can_see_analysis": request.user.has_perm(Perm.VIEW_ANALYSIS, event),
    }
    return render(request, "practice/analysis/team_summary.html", context)


def _entries_by_heading(records, c):
    """[(heading, [(kind name, [entry row])])]: a team's entries, kinds in the model's order; no assessor and no
    child id (§6.4)."""
    rows = presenters.entry_rows(records, c)
    out = []
    for heading in records.headings:
        mine = [r for r in rows if r["heading_number"] == heading.number]
        kinds = [(name, [r for r in mine if r["kind_key"] == kind])
                 for kind, name in ObservationEntry.Kind.choices]
        kinds = [(name, entries) for name, entries in kinds if entries]
        if kinds:
            out.append((heading, kinds))
    return out


@requires(Perm.VIEW_COMPARISON)
def comparison(request, pk):
    event = event_for(request, pk, Perm.VIEW_COMPARISON)
    view = None
    if event.benchmark_id:
        aggregate_only = role_of(request.user) == Role.ELECTED_MEMBER  # §8.1: the all-teams rows only
        view = presenters.comparison_view(gather.event_records(event), gather.event_records(event.benchmark),
                                          aggregate_only=aggregate_only)
        if exports.requested(request) == "xlsx":
            return exports.download(request, "xlsx", filename=download_name(event, "comparison"),
                                    sheets=[presenters.comparison_sheet(view)])
    return render(request, "practice/analysis/comparison.html",
                  {"title": f"Comparison with the benchmark: {event.title}", "event": event, "view": view})


PICK_ACTIONS = {"pick": picks.pick, "unpick": picks.unpick}


@requires(Perm.EDIT_REPORT, methods=("POST",))
def entry_pick(request, pk):
    """"Choose as representative", "Remove", "Move up", "Move down" on the analysis page (§6.3)."""
    event = event_for(request, pk, Perm.EDIT_REPORT)
    back = reverse("practice:analysis", args=[event.pk]) + "#representative"
    entry_pk, action = request.POST.get("entry", ""), request.POST.get("action", "")
    entry = (ObservationEntry.objects.filter(pk=int(entry_pk), observation__event=event).first()
             if entry_pk.isdigit() else None)

    def run():
        if entry is None:
            raise ValidationError("Choose an entry of this event.")
        if action in ("up", "down"):
            return picks.move(actor=request.user, event=event, entry=entry, up=action == "up")
        if action not in PICK_ACTIONS:
            raise ValidationError("Choose what to do with the entry.")
        return PICK_ACTIONS[action](actor=request.user, event=event, entry=entry)

    messages = {"pick": "Entry chosen as representative", "unpick": "Entry no longer chosen",
                "up": "Entry moved up", "down": "Entry moved down"}
    return service_action(request, run, success_message=messages.get(action, "Done"), redirect_to=back)


urlpatterns = [
    path("<int:pk>/analysis/", analysis, name="analysis"),
    path("<int:pk>/analysis/picks/", entry_pick, name="entry_pick"),
    path("<int:pk>/teams/<int:team_pk>/summary/", team_summary, name="team_summary"),
    path("<int:pk>/comparison/", comparison, name="comparison"),
]
