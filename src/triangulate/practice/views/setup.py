"""The event's setup pages (design §3.1 "edit teams, assessors, headings", §9.1): its teams and their details (with a
"confirmed by the team" tag), and its headings. The assessors' pages are views/setup_assessors.py.

An event is open to every reader (its title and teams, §8), so it is looked up by primary key and the permission
decides (403); a team's details are in the team's scope, so a manager of another team finds nothing (404), and an
organiser role that does not organise this event is refused (403)."""

from django.shortcuts import get_object_or_404
from django.urls import path, reverse

from triangulate.core.concurrency import submitted_values, version_of
from triangulate.core.formatting import counted
from triangulate.core.views.decorators import requires
from triangulate.core.views.forms import service_action, service_form
from triangulate.people.scope import visible_to

from .. import checks
from ..forms_setup import AddTeamForm, HeadingForm, TeamDetailsForm
from ..models import EventHeading, EventTeam
from ..rules import Perm
from ..services import headings as heading_services
from ..services import teams as team_services
from .common import event_or_404, event_page, form_data, require

EDIT = ("GET", "HEAD", "POST")
POST = ("POST",)






def timetable_checks(event):
    """§3.1: each change to teams or assessors re-runs the §4 checks, and the page shows their result."""
    found = checks.problems(event)
    return {"errors": counted(len(checks.errors(found)), "error"),
            "warnings": counted(len(checks.warnings(found)), "warning"),
            "url": reverse("practice:timetable_edit", args=[event.pk])}


def _teams_url(event):
    return reverse("practice:event_teams", args=[event.pk])


@requires(Perm.MANAGE_EVENT, methods=EDIT)
def event_teams(request, pk):
    event = event_or_404(pk)
    require(request, Perm.MANAGE_EVENT, event)
    rows = list(event.teams.select_related("team", "office_contact", "details_confirmed_by").order_by("team__name"))
    form = AddTeamForm(form_data(request), event=event)
    return service_form(
        request, form, template="practice/setup/teams.html",
        save=lambda form: team_services.add_team(actor=request.user, event=event,
                                                 team=form.cleaned_data["team"]),
        success_message=lambda event_team: f"{event_team.team.name} added", success_url=_teams_url(event),
        context={"title": "Teams", "caption": event.title, "event": event, "rows": rows,
                 "teams_counted": counted(len(rows), "team"), "back_url": event_page(event),
                 "checks": timetable_checks(event),
                 "back_text": f"Back to {event.title}", "submit_text": "Add the team",
                 "editable": event.status in team_services.EDITABLE_STATES})


def _event_team(request, pk):
    teams = EventTeam.objects.select_related("event", "team", "office_contact", "details_confirmed_by")
    return get_object_or_404(visible_to(request.user, teams), pk=pk)


@requires(Perm.EDIT_TEAM_DETAILS, methods=EDIT)
def event_team_edit(request, pk):
    """A team's details: an organiser, or a manager of the team, who can also confirm them."""
    event_team = _event_team(request, pk)
    require(request, Perm.EDIT_TEAM_DETAILS, event_team)
    event = event_team.event
    may_manage = request.user.has_perm(Perm.MANAGE_EVENT, event)
    editable = event.status in team_services.EDITABLE_STATES
    may_confirm = editable and team_services.is_team_manager_of(request.user, event_team)
    form = TeamDetailsForm(form_data(request), event_team=event_team, may_confirm=may_confirm,
                           initial=TeamDetailsForm.initial_for(event_team))
    done = _teams_url(event) if may_manage else reverse("practice:event_team_edit", args=[event_team.pk])

    def save(form):
        values = submitted_values(form)
        values.pop("confirm", None)
        return team_services.edit_team_details(
            actor=request.user, event_team=EventTeam.objects.get(pk=event_team.pk),
            expected_version=version_of(form), confirm=bool(form.cleaned_data.get("confirm")), **values)

    return service_form(
        request, form, template="practice/setup/team_edit.html", save=save,
        success_message=lambda saved: (f"Details of {saved.team.name} saved"
                                       + (" and confirmed" if saved.details_confirmed_by_id else "")),
        success_url=done, stored_values=TeamDetailsForm.initial_for,
        context={"title": f"Details of {event_team.team.name}", "caption": event.title, "event_team": event_team,
                 "editable": editable, "may_confirm": may_confirm,
                 "back_url": _teams_url(event) if may_manage else event_page(event),
                 "back_text": "Back to the teams" if may_manage else f"Back to {event.title}",
                 "submit_text": "Save the details"})


@requires(Perm.MANAGE_EVENT, methods=POST)
def event_team_remove(request, pk):
    event_team = _event_team(request, pk)
    require(request, Perm.MANAGE_EVENT, event_team)
    name = event_team.team.name
    return service_action(request, lambda: team_services.remove_team(actor=request.user, event_team=event_team),
                          success_message=f"{name} removed", redirect_to=_teams_url(event_team.event))


def _headings_url(event):
    return reverse("practice:event_headings", args=[event.pk])


def _heading(request, pk):
    heading = get_object_or_404(EventHeading.objects.select_related("event"), pk=pk)
    require(request, Perm.MANAGE_EVENT, heading)
    return heading


@requires(Perm.MANAGE_EVENT, methods=EDIT)
def event_headings(request, pk):
    event = event_or_404(pk)
    require(request, Perm.MANAGE_EVENT, event)
    fixed = heading_services.has_entries(event)
    editable = event.status in team_services.EDITABLE_STATES
    form = HeadingForm(form_data(request), initial={"mode": "strengths_and_development"})
    return service_form(
        request, form, template="practice/setup/headings.html",
        save=lambda form: heading_services.add_heading(actor=request.user, event=event,
                                                       **form.cleaned_data),
        success_message=lambda heading: f"Heading {heading.number}, {heading.title}, added",
        success_url=_headings_url(event),
        context={"title": "Headings", "caption": event.title, "event": event,
                 "headings": list(event.headings.prefetch_related("themes").order_by("number")),
                 "fixed": fixed, "editable": editable, "back_url": event_page(event),
                 "back_text": f"Back to {event.title}", "submit_text": "Add the heading"})


@requires(Perm.MANAGE_EVENT, methods=EDIT)
def heading_edit(request, pk):
    heading = _heading(request, pk)
    event = heading.event
    fixed = heading_services.has_entries(event)
    form = HeadingForm(form_data(request), fixed=fixed, initial=HeadingForm.initial_for(heading))
    return service_form(
        request, form,
        save=lambda form: heading_services.edit_heading(actor=request.user, heading=heading,
                                                        **form.cleaned_data),
        success_message=lambda saved: f"Heading {saved.number}, {saved.title}, saved",
        success_url=_headings_url(event),
        context={"title": f"Change heading {heading.number}", "caption": event.title,
                 "intro": (f"Entries have been saved under “{heading.title}”, so only its guidance and prompts "
                           "change." if fixed else None),
                 "back_url": _headings_url(event), "back_text": "Back to the headings",
                 "submit_text": "Save the heading"})


@requires(Perm.MANAGE_EVENT, methods=POST)
def heading_move(request, pk):
    heading = _heading(request, pk)
    direction = request.POST.get("direction", "")
    return service_action(
        request, lambda: heading_services.move_heading(actor=request.user, heading=heading, direction=direction),
        success_message=lambda moved: f"“{moved.title}” is now heading {moved.number}",
        redirect_to=_headings_url(heading.event))


@requires(Perm.MANAGE_EVENT, methods=POST)
def heading_delete(request, pk):
    heading = _heading(request, pk)
    return service_action(
        request, lambda: heading_services.delete_heading(actor=request.user, heading=heading),
        success_message=f"Heading “{heading.title}” deleted", redirect_to=_headings_url(heading.event))


urlpatterns = [
    path("<int:pk>/teams/", event_teams, name="event_teams"),
    path("teams/<int:pk>/edit/", event_team_edit, name="event_team_edit"),
    path("teams/<int:pk>/remove/", event_team_remove, name="event_team_remove"),
    path("<int:pk>/headings/", event_headings, name="event_headings"),
    path("headings/<int:pk>/edit/", heading_edit, name="heading_edit"),
    path("headings/<int:pk>/move/", heading_move, name="heading_move"),
    path("headings/<int:pk>/delete/", heading_delete, name="heading_delete"),
]
