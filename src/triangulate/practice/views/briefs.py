"""The assessor's brief and the blank form for a guest on paper (design §7.4), as tagged A4 PDFs.

The brief is one assessor's: the event's focus and headings, how to record, then each of their visits with the
team's details (office contact, meeting point, size, structure, context, focus note) and, on a follow-up day, the
team's earlier actions. An organiser may print any assessor's; an assessor their own (§8.2). Neither file holds
child data. Files are named from the event's pk and kind, never its title."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import path
from django.utils import timezone

from triangulate.core.formatting import date_uk
from triangulate.core.views.decorators import requires
from triangulate.reports import pdf

from .. import follow_up
from ..models import Assessor, EventHeading, ObservationEntry, PracticeEvent, Visit
from ..rules import Perm
from ..services.publish import event_dates

REPORTS_CACHE = ("cache", "reports")
NOT_VISITING = (Visit.Status.CANCELLED, Visit.Status.DID_NOT_HAPPEN)


def _may_print(user, record):
    """An organiser prints any; an assessor their own (OBSERVE is the assessor's own brief, §8)."""
    return user.has_perm(Perm.MANAGE_EVENT, record) or user.has_perm(Perm.OBSERVE, record)


def _pdf(request, template, context, *, title, filename):
    html = render_to_string(template, {**context, "title": title, "printed_on": date_uk(timezone.localdate())},
                            request=request)
    document = pdf.cached_html_to_pdf(html, pdf.PRINT_CSS + BRIEF_CSS, title=title,
                                      folder=settings.DATA_DIR.joinpath(*REPORTS_CACHE))
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


# Room to write on the blank form, and each visit of the brief starting on a fresh page.
BRIEF_CSS = """
.visit { break-before: page; }
.write { border: 1px solid #505a5f; min-height: 5cm; margin: 0 0 0.5cm; }
.write.short { min-height: 2cm; }
"""


def _file_stem(event):
    return f"practice-{event.kind}-{event.pk}"


def _headings(event):
    return list(EventHeading.objects.filter(event=event).prefetch_related("themes").order_by("number"))


def _prompts(heading):
    return [line.strip() for line in heading.prompts.splitlines() if line.strip()]


@dataclass
class BriefVisit:
    visit: object
    team: object  # the EventTeam: office contact, details, size, structure, context, focus note
    earlier_actions: list  # follow_up.PlanItemRow, on a follow-up day


def _brief_visits(assessor):
    event = assessor.event
    visits = (Visit.objects.filter(assessor=assessor).exclude(status__in=NOT_VISITING)
              .select_related("team", "host", "event_team__office_contact").order_by("date", "starts_at", "pk"))
    follows_up = event.follows_id is not None or event.kind == PracticeEvent.Kind.DAY
    earlier = {}
    out = []
    for visit in visits:
        if follows_up and visit.team_id not in earlier:
            earlier[visit.team_id] = follow_up.plan_item_rows(follow_up.earlier_plan_items(event, visit.team))
        out.append(BriefVisit(visit, visit.event_team, earlier.get(visit.team_id, [])))
    return out


@requires(Perm.OBSERVE)
def brief_pdf(request, pk):
    assessor = get_object_or_404(Assessor.objects.select_related("event"), pk=pk)
    if not _may_print(request.user, assessor):
        raise PermissionDenied(Perm.OBSERVE)
    event = assessor.event
    headings = _headings(event)
    context = {"event": event, "dates": event_dates(event), "assessor": assessor,
               "guest": assessor.kind == Assessor.Kind.GUEST, "on_paper": assessor.user_id is None,
               "headings": [(h, _prompts(h)) for h in headings], "visits": _brief_visits(assessor),
               "focus_themes": list(event.focus_themes.order_by("order", "name")),
               "planning": event.status == PracticeEvent.Status.PLANNING,
               "access_ends_on": (date_uk(timezone.localtime(assessor.access_ends_at).date())
                                  if assessor.access_ends_at else "")}
    return _pdf(request, "practice/briefs/brief.html", context, title=f"Brief for {assessor.name}: {event.title}",
                filename=f"{_file_stem(event)}-brief-{assessor.pk}")


@requires(Perm.OBSERVE)
def blank_form_pdf(request, pk):
    event = get_object_or_404(PracticeEvent, pk=pk)
    if not _may_print(request.user, event):
        raise PermissionDenied(Perm.OBSERVE)
    headings = _headings(event)
    context = {"event": event, "dates": event_dates(event), "headings": [(h, _prompts(h)) for h in headings],
               "kinds": dict(ObservationEntry.Kind.choices)}
    return _pdf(request, "practice/briefs/blank_form.html", context, title=f"Observation form: {event.title}",
                filename=f"{_file_stem(event)}-blank-form")


urlpatterns = [
    path("assessors/<int:pk>/brief.pdf", brief_pdf, name="brief_pdf"),
    path("<int:pk>/blank-form.pdf", blank_form_pdf, name="blank_form_pdf"),
]
