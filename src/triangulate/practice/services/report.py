"""The feedback and analysis report (design §7.1, §9.2): fill it from the analysis, edit a section, approve, reopen.

The report is written while the event is in `analysis` (observations closed, so the figures stand still); a
complete event's report stays as it was approved. The event's draft AnalysisReport may already exist: picking a
representative entry (services/picks.py) makes it.

- `fill_report` fills every **empty** part (a section, or a heading's strengths or development) from
  analysis/drafting.py and never overwrites what an organiser wrote; it moves the report's version on, so an edit
  page opened before the fill is told its save is stale rather than silently replacing the filled text.
  "Fill again from the analysis" for one section is the edit page's: it puts the drafted text in the box, and
  nothing is replaced until the organiser saves it (the asking of §7.1).
- `edit_section` saves one section against the report's version (a stale save raises StaleEdit: the page shows
  both versions). A section is one of AnalysisReport.SECTIONS or "heading-<EventHeading pk>".
- `approve_report` locks it (organisers; refused while every part is blank) and tells the senior leaders and the
  event's assessors in-app, each only if they may read it (a guest's account cannot, §3.4).
- `reopen_report(reason)` returns it to draft; the reason is kept on the report, never in the trail.

The trail carries ids, states and the names of the parts changed, never the report's text."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from triangulate.core import audit as trail
from triangulate.core.authority import service
from triangulate.core.concurrency import claim, lock
from triangulate.core.roles import Role

from ..analysis import drafting
from ..gather import event_records, handed_in
from ..models import AnalysisReport, Assessor, PracticeEvent, ReportHeading
from ..notices import Notice, notify_on_commit
from ..rules import Perm
from ..verbs import Verb
from .picks import picked_ids

SECTIONS = AnalysisReport.SECTIONS
HEADING_PREFIX = "heading-"
# a section's longest text: the seed's longest part is about 6,000 characters; room for four times that
MAX_TEXT = 25_000


# ---- the draft, from the event's records ----------------------------------------------------------------------

def event_facts(event):
    """The event's plain facts for analysis/drafting.py."""
    visits = event.visits.select_related("team")
    observers = handed_in(event).order_by().values("assessor").distinct().count()
    return drafting.EventFacts(
        title=event.title, starts_on=event.starts_on, ends_on=event.ends_on, focus=event.focus,
        headings=tuple(drafting.HeadingFacts(h.pk, h.number, h.title, h.mode)
                       for h in event.headings.order_by("number")),
        visits=tuple(drafting.VisitFacts(v.date, v.get_activity_display(), v.team.name, v.status,
                                         conflict_accepted=bool(v.conflict_accepted_at))
                     for v in visits.order_by("date", "starts_at", "pk")),
        assessors=tuple(drafting.AssessorFacts(a.kind, a.organisation) for a in event.assessors.order_by("pk")),
        observers=observers,
    )


def draft_of(event):
    """The report drafted from the event's analysis now (drafting.Draft)."""
    records = event_records(event)
    return drafting.draft(event_facts(event), records.observations, records.entries, records.theme_names,
                          records.theme_order, picks=picked_ids(event))


def heading_section(heading):
    return f"{HEADING_PREFIX}{heading.pk}"


def heading_of(report, section):
    """The EventHeading a "heading-<pk>" section names, of the report's event; a clear error otherwise."""
    pk = section[len(HEADING_PREFIX):] if section.startswith(HEADING_PREFIX) else ""
    heading = report.event.headings.filter(pk=int(pk)).first() if pk.isdigit() else None
    if heading is None:
        raise ValidationError(f"The report has no section {section!r}.")
    return heading


# ---- the services ---------------------------------------------------------------------------------------------

def _editable(report):
    if report.status == AnalysisReport.Status.APPROVED:
        raise ValidationError("The report is approved: reopen it to change it.")
    _in_analysis(report.event)


def _in_analysis(event):
    if event.status != PracticeEvent.Status.ANALYSIS:
        raise ValidationError(f"The report is written while the event is in analysis; this one is "
                              f"{event.get_status_display().lower()}.")


@service(Perm.EDIT_REPORT, on="event")
def fill_report(*, actor, event):
    """Fill the report's empty parts from the analysis; returns (report, the names of the parts filled)."""
    _in_analysis(event)
    report, created = AnalysisReport.objects.get_or_create(event=event, defaults={"updated_by": actor})
    if created:
        trail.record(actor, Verb.REPORT_CREATED, report, event=event.pk)
    lock(report)
    _editable(report)
    made = draft_of(event)
    filled = []
    for name in SECTIONS:
        text = getattr(made, name)
        if text and not getattr(report, name).strip():
            setattr(report, name, text)
            filled.append(name)
    for heading in event.headings.order_by("number"):
        part, _ = ReportHeading.objects.get_or_create(report=report, heading=heading)
        drafted = made.headings.get(heading.pk)
        changed = []
        for name in ("strengths", "development"):
            text = getattr(drafted, name, "")
            if text and not getattr(part, name).strip():
                setattr(part, name, text)
                changed.append(name)
        if changed:
            part.save(update_fields=changed)
            filled.extend(f"{heading_section(heading)}-{name}" for name in changed)
    claim(report, None)  # a page opened before the fill is now stale
    report.updated_by = actor
    report.save()
    trail.record(actor, Verb.REPORT_FILLED, report, event=event.pk, filled=filled)
    return report, filled


def _checked_text(text, label):
    text = (text or "").replace("\r\n", "\n").strip("\n")
    if len(text) > MAX_TEXT:
        raise ValidationError({label: f"Keep this to {MAX_TEXT:,} characters; it has {len(text):,}."})
    return text


@service(Perm.EDIT_REPORT, on="report")
def edit_section(*, actor, report, section, expected_version=None, text=None, strengths=None, development=None):
    """Save one section: `text` for a text section; `strengths` and `development` for a heading's (an
    `examples` heading has strengths only). Claimed against `expected_version`."""
    lock(report)
    _editable(report)
    if section in SECTIONS:
        if text is None:
            raise ValidationError("No text was sent for this section.")
        claim(report, expected_version)
        setattr(report, section, _checked_text(text, "text"))
    else:
        heading = heading_of(report, section)
        claim(report, expected_version)
        part, _ = ReportHeading.objects.get_or_create(report=report, heading=heading)
        part.strengths = _checked_text(strengths, "strengths") if strengths is not None else part.strengths
        if development is not None and heading.mode != "examples":
            part.development = _checked_text(development, "development")
        part.save()
    report.updated_by = actor
    report.save()
    trail.record(actor, Verb.REPORT_UPDATED, report, event=report.event_id, section=section,
                 version=report.version)
    return report


def is_blank(report):
    return (not any(getattr(report, name).strip() for name in SECTIONS)
            and not any(p.strengths.strip() or p.development.strip() for p in report.headings.all()))


@service(Perm.EDIT_REPORT, on="report")
def approve_report(*, actor, report, expected_version=None):
    """Approve the draft: readers beyond the organisers see it from now (decision 14)."""
    lock(report)
    _editable(report)
    if is_blank(report):
        raise ValidationError("The report is empty: fill it from the analysis or write it before approving it.")
    claim(report, expected_version)
    report.status = AnalysisReport.Status.APPROVED
    report.approved_by, report.approved_at = actor, timezone.now()
    report.updated_by = actor
    report.save()
    trail.record(actor, Verb.REPORT_APPROVED, report, event=report.event_id, status=report.status)
    _tell_readers(report)
    return report


def _tell_readers(report):
    """§9.2: the senior leaders and the event's assessors, in-app, once each; only those who may read it."""
    event = report.event
    leaders = get_user_model().objects.filter(is_active=True, profile__role=Role.SENIOR_LEADER)
    assessors = [a.user for a in Assessor.objects.filter(event=event, user__isnull=False).select_related("user")]
    told = [u for u in [*leaders, *assessors] if u.has_perm(Perm.VIEW_REPORT, report)]
    notify_on_commit(told, Notice.REPORT_APPROVED, f"The report of {event.title} is approved"[:200],
                     reverse("practice:report", args=[event.pk]))


@service(Perm.EDIT_REPORT, on="report")
def reopen_report(*, actor, report, reason):
    """Return the approved report to draft, with a reason (kept on the report)."""
    lock(report)
    if report.status != AnalysisReport.Status.APPROVED:
        raise ValidationError("The report is a draft already.")
    _in_analysis(report.event)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the report is reopened."})
    if len(reason) > 1000:
        raise ValidationError({"reason": "Keep the reason to 1,000 characters."})
    claim(report, None)
    report.status = AnalysisReport.Status.DRAFT
    report.approved_by = report.approved_at = None
    report.reopened_reason = reason
    report.updated_by = actor
    report.save()
    trail.record(actor, Verb.REPORT_REOPENED, report, event=report.event_id, status=report.status)
    return report

