"""A practice week or day from planning to complete (design §1.2, §3.1, §9.2).

Creating an event copies the council's active heading templates into the event's own headings. "Repeat this
week" starts a new week from a complete one (its teams with a fresh staffing snapshot, its headings and focus)
and sets it as the benchmark; "Follow up" starts a practice day following a complete event for one of its teams.
Publishing is services/publish.py's. Each transition locks the event, refuses a move from the wrong state with a
plain ValidationError, claims the version the page was drawn from and records one trail event (ids, states and
times, never a reason's words)."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from triangulate.core import audit as trail
from triangulate.core.authority import service, user_of
from triangulate.core.concurrency import claim, lock
from triangulate.core.formatting import counted
from triangulate.people.selectors import service_managers, team_managers

from ..defaults import ensure_default_headings
from ..models import (
    AnalysisReport,
    Assessor,
    EventHeading,
    EventTeam,
    HeadingTemplate,
    Observation,
    PracticeEvent,
    Visit,
)
from ..notices import Notice, notify_on_commit
from ..rules import ORGANISER_ROLES, Perm
from ..verbs import Verb
from .teams import team_snapshot

Status = PracticeEvent.Status
# "Edit it: teams, assessors, headings, visits" holds in any state before complete (§3.1).
EDITABLE = (Status.PLANNING, Status.PUBLISHED, Status.OBSERVING, Status.ANALYSIS)
EDITABLE_FIELDS = ("title", "starts_on", "ends_on", "focus", "focus_themes", "max_visits_per_day", "organisers")


def refuse_unless(event, allowed, doing):
    if event.status not in allowed:
        raise ValidationError(f"This event is at the “{event.get_status_display()}” stage, so it cannot be {doing}.")


def _check(*, kind, title, starts_on, ends_on, focus, organisers, max_visits_per_day):
    errors = {}
    if not (title or "").strip():
        errors["title"] = "Enter a title."
    if not (focus or "").strip():
        errors["focus"] = "Enter the agreed focus: it goes in every brief."
    if starts_on and ends_on:
        if ends_on < starts_on:
            errors["ends_on"] = "The last day must be on or after the first day."
        elif kind == PracticeEvent.Kind.DAY and ends_on != starts_on:
            errors["ends_on"] = "A practice day starts and ends on the same day."
        elif (ends_on - starts_on).days > PracticeEvent.MAX_WEEK_SPAN_DAYS:
            errors["ends_on"] = (f"A practice week's first and last days are at most "
                                 f"{PracticeEvent.MAX_WEEK_SPAN_DAYS} days apart.")
    if max_visits_per_day is not None and not 1 <= max_visits_per_day <= 8:
        errors["max_visits_per_day"] = "Visits per assessor per day must be from 1 to 8."
    organisers = list(organisers)
    if not organisers:
        errors["organisers"] = "Choose at least one organiser."
    else:
        unable = [user.get_full_name() or user.get_username() for user in organisers
                  if not (user.is_active and ORGANISER_ROLES(user))]
        if unable:
            errors["organisers"] = (f"{', '.join(unable)} cannot organise a practice event: organisers are QA "
                                    "leads, principal social workers or senior leaders.")
    if errors:
        raise ValidationError(errors)
    return organisers


def _copy_templates(event):
    """The council's active heading templates become the event's own headings (§1.1)."""
    if not HeadingTemplate.objects.filter(council=event.council).exists():
        ensure_default_headings(event.council)
    templates = HeadingTemplate.objects.filter(council=event.council, is_active=True).order_by("number")
    _copy_headings(event, templates)


def _copy_headings(event, sources):
    for number, source in enumerate(sources, start=1):
        heading = EventHeading.objects.create(event=event, number=number, title=source.title, mode=source.mode,
                                              guidance=source.guidance, prompts=source.prompts)
        heading.themes.set(source.themes.all())


def _add_team(event, team, *, copy_from=None):
    """An EventTeam with a fresh staffing snapshot; from an earlier event's row, its contact, meeting point,
    context and focus note carry over as a starting point (never its confirmation)."""
    carried = {}
    if copy_from is not None:
        carried = {"office_contact": copy_from.office_contact, "contact_details": copy_from.contact_details,
                   "meeting_point": copy_from.meeting_point, "context": copy_from.context,
                   "focus_note": copy_from.focus_note}
    return EventTeam.objects.create(event=event, team=team, **carried, **team_snapshot(team))


def _new_event(actor, *, council, kind, title, starts_on, ends_on, focus, organisers, max_visits_per_day=None,
               benchmark=None, follows=None):
    organisers = _check(kind=kind, title=title, starts_on=starts_on, ends_on=ends_on, focus=focus,
                        organisers=organisers, max_visits_per_day=max_visits_per_day)
    extra = {} if max_visits_per_day is None else {"max_visits_per_day": max_visits_per_day}
    event = PracticeEvent.objects.create(council=council, kind=kind, title=title.strip(), starts_on=starts_on,
                                         ends_on=ends_on, focus=focus.strip(), benchmark=benchmark,
                                         follows=follows, created_by=user_of(actor), **extra)
    event.organisers.set(organisers)
    return event


@service(Perm.PLAN_EVENT)
def create_event(*, actor, council, kind, title, starts_on, ends_on, focus, organisers, focus_themes=(),
                 max_visits_per_day=None):
    """A week or day in planning, with the council's active headings copied."""
    if kind not in PracticeEvent.Kind.values:
        raise ValidationError({"kind": "Choose a practice week or a practice day."})
    event = _new_event(actor, council=council, kind=kind, title=title, starts_on=starts_on, ends_on=ends_on,
                       focus=focus, organisers=organisers, max_visits_per_day=max_visits_per_day)
    event.focus_themes.set(focus_themes)
    _copy_templates(event)
    trail.record(actor, Verb.EVENT_CREATED, event, status=event.status, kind=event.kind,
                 starts_on=event.starts_on.isoformat(), ends_on=event.ends_on.isoformat(),
                 headings=event.headings.count())
    return event


def _organisers_for(actor):
    user = user_of(actor)
    return [user] if user is not None else []


@service(Perm.PLAN_EVENT, on="event")
def repeat_week(*, actor, event, title, starts_on, ends_on):
    """"Repeat this week": a new week in planning with the complete week's teams (a fresh staffing snapshot),
    headings, focus and focus themes, and that week as its benchmark. The actor organises it."""
    if event.kind != PracticeEvent.Kind.WEEK or event.status != Status.COMPLETE:
        raise ValidationError("Only a complete practice week can be repeated.")
    week = _new_event(actor, council=event.council, kind=PracticeEvent.Kind.WEEK, title=title, starts_on=starts_on,
                      ends_on=ends_on, focus=event.focus, organisers=_organisers_for(actor),
                      max_visits_per_day=event.max_visits_per_day, benchmark=event)
    week.focus_themes.set(event.focus_themes.all())
    _copy_headings(week, event.headings.order_by("number"))
    for earlier in event.teams.select_related("team", "office_contact").filter(team__is_active=True):
        _add_team(week, earlier.team, copy_from=earlier)
    trail.record(actor, Verb.EVENT_CREATED, week, status=week.status, kind=week.kind, benchmark=event.pk,
                 starts_on=week.starts_on.isoformat(), ends_on=week.ends_on.isoformat(),
                 headings=week.headings.count(), teams=sorted(week.teams.values_list("team_id", flat=True)))
    return week


@service(Perm.PLAN_EVENT, on="event")
def follow_up_day(*, actor, event, team, title, on):
    """"Follow up": a practice day in planning following a complete event, for one of the teams it visited, with
    the earlier event's focus and the council's active headings. The actor organises it."""
    if event.status != Status.COMPLETE:
        raise ValidationError("Only a complete practice event can be followed up.")
    earlier = event.teams.filter(team=team).first()
    if earlier is None:
        raise ValidationError({"team": f"{team.name} was not visited in {event.title}: choose one of its teams."})
    day = _new_event(actor, council=event.council, kind=PracticeEvent.Kind.DAY, title=title, starts_on=on,
                     ends_on=on, focus=event.focus, organisers=_organisers_for(actor), follows=event)
    day.focus_themes.set(event.focus_themes.all())
    _copy_templates(day)
    _add_team(day, team, copy_from=earlier)
    trail.record(actor, Verb.EVENT_CREATED, day, status=day.status, kind=day.kind, follows=event.pk,
                 starts_on=on.isoformat(), ends_on=on.isoformat(), headings=day.headings.count(), teams=[team.pk])
    return day


@service(Perm.MANAGE_EVENT, on="event")
def edit_event(*, actor, event, expected_version=None, **fields):
    """Change the event's details before it is complete. Its dates must still hold every visit not cancelled."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"edit_event() cannot change {sorted(unknown)}")
    event = lock(event)
    refuse_unless(event, EDITABLE, "changed")
    claim(event, expected_version)
    merged = {name: fields.get(name, getattr(event, name)) for name in
              ("title", "starts_on", "ends_on", "focus", "max_visits_per_day")}
    organisers = fields.get("organisers", list(event.organisers.all()))
    _check(kind=event.kind, organisers=organisers, **merged)
    outside = (Visit.objects.filter(event=event).exclude(status=Visit.Status.CANCELLED)
               .exclude(date__gte=merged["starts_on"], date__lte=merged["ends_on"]).count())
    if outside:
        raise ValidationError({"starts_on": f"{counted(outside, 'visit')} would fall outside these dates: move or "
                                            "cancel them first."})
    changed = []
    for name in ("title", "starts_on", "ends_on", "focus", "max_visits_per_day"):
        if name in fields:
            value = fields[name].strip() if isinstance(fields[name], str) else fields[name]
            if getattr(event, name) != value:
                changed.append(name)
            setattr(event, name, value)
    event.save()
    if "focus_themes" in fields:
        event.focus_themes.set(fields["focus_themes"])
        changed.append("focus_themes")
    if "organisers" in fields:
        event.organisers.set(organisers)
        changed.append("organisers")
    trail.record(actor, Verb.EVENT_UPDATED, event, fields=sorted(changed), status=event.status)
    return event


@service(Perm.MANAGE_EVENT, on="event")
def close_observations(*, actor, event, expected_version=None):
    """observing → analysis. Drafts stay drafts, out of the analysis, until returned and handed in."""
    event = lock(event)
    refuse_unless(event, (Status.OBSERVING,), "closed for observations (only an event being observed can)")
    claim(event, expected_version)
    event.status = Status.ANALYSIS
    event.observation_closed_at, event.observation_closed_by = timezone.now(), user_of(actor)
    event.save(update_fields=["status", "observation_closed_at", "observation_closed_by"])
    drafts = Observation.objects.filter(event=event, state=Observation.State.DRAFT).count()
    trail.record(actor, Verb.OBSERVATIONS_CLOSED, event, status=event.status, drafts=drafts)
    return event


@service(Perm.MANAGE_EVENT, on="event")
def reopen_observations(*, actor, event, reason, expected_version=None):
    """analysis → observing, with a reason: assessors can edit and hand in again."""
    event = lock(event)
    refuse_unless(event, (Status.ANALYSIS,), "reopened for observations (only an event in analysis can)")
    if not (reason or "").strip():
        raise ValidationError({"reason": "Say why observations are reopened."})
    claim(event, expected_version)
    event.status = Status.OBSERVING
    event.observation_reopened_reason = reason.strip()
    event.save(update_fields=["status", "observation_reopened_reason"])
    trail.record(actor, Verb.OBSERVATIONS_REOPENED, event, status=event.status)
    return event


def team_and_service_managers(team):
    return list(team_managers(team)) + list(service_managers(team))


@service(Perm.MANAGE_EVENT, on="event")
def share_summaries(*, actor, event, expected_version=None):
    """Share the team summaries (the state stays analysis): each team's team and service managers are told, by
    email too, and may then read their team's summary (§8 ‡)."""
    event = lock(event)
    refuse_unless(event, (Status.ANALYSIS,), "shared with teams (summaries are shared once observations close)")
    if event.summaries_shared_at is not None:
        raise ValidationError("The team summaries are already shared.")
    claim(event, expected_version)
    event.summaries_shared_at, event.summaries_shared_by = timezone.now(), user_of(actor)
    event.save(update_fields=["summaries_shared_at", "summaries_shared_by"])
    teams = list(event.teams.select_related("team"))
    trail.record(actor, Verb.SUMMARIES_SHARED, event, status=event.status, teams=sorted(t.team_id for t in teams))
    for event_team in teams:
        notify_on_commit(team_and_service_managers(event_team.team), Notice.SUMMARIES_SHARED,
                         f"{event_team.team.name}'s summary from {event.title} is ready"[:200],
                         reverse("practice:team_summary", args=[event.pk, event_team.team_id]), email=True)
    return event


@service(Perm.MANAGE_EVENT, on="event")
def complete_event(*, actor, event, no_actions_reason="", expected_version=None):
    """analysis → complete: the report is approved and the plan has at least one item, or (the report approved)
    the organiser records "No actions" with a reason. The plan's actions carry on in improvement."""
    event = lock(event)
    refuse_unless(event, (Status.ANALYSIS,), "completed (only an event in analysis can)")
    report = AnalysisReport.objects.filter(event=event).first()
    if report is None or report.status != AnalysisReport.Status.APPROVED:
        raise ValidationError("Approve the report before marking the event complete.")
    no_actions_reason = (no_actions_reason or "").strip()
    items = event.plan_items.count()
    if items and no_actions_reason:
        raise ValidationError({"no_actions_reason": f"The action plan has {counted(items, 'item')}: "
                                                    "“No actions” is only for an empty plan."})
    if not items and not no_actions_reason:
        raise ValidationError({"no_actions_reason": "Add an item to the action plan, or say why there are no "
                                                    "actions."})
    claim(event, expected_version)
    event.status = Status.COMPLETE
    event.completed_at, event.completed_by = timezone.now(), user_of(actor)
    event.no_actions_reason = no_actions_reason
    event.save(update_fields=["status", "completed_at", "completed_by", "no_actions_reason"])
    trail.record(actor, Verb.EVENT_COMPLETED, event, status=event.status, plan_items=items,
                 no_actions=not items)
    return event


@service(Perm.MANAGE_EVENT, on="event")
def cancel_event(*, actor, event, reason, expected_version=None):
    """planning or published → cancelled, with a reason, while no observation is handed in. Those the
    publication told (assessors with accounts, each team's team managers) are told, by email too: their
    diaries held the visits."""
    event = lock(event)
    refuse_unless(event, (Status.PLANNING, Status.PUBLISHED), "cancelled (only one not yet observed can)")
    if not (reason or "").strip():
        raise ValidationError({"reason": "Say why the event is cancelled."})
    if Observation.objects.filter(event=event, state=Observation.State.HANDED_IN).exists():
        raise ValidationError("An observation has been handed in: this event cannot be cancelled.")
    claim(event, expected_version)
    was_published = event.status == Status.PUBLISHED
    event.status = Status.CANCELLED
    event.cancelled_at, event.cancelled_by = timezone.now(), user_of(actor)
    event.cancelled_reason = reason.strip()
    event.save(update_fields=["status", "cancelled_at", "cancelled_by", "cancelled_reason"])
    trail.record(actor, Verb.EVENT_CANCELLED, event, status=event.status, was_published=was_published)
    if was_published:
        title = f"{event.title} is cancelled"[:200]
        detail = reverse("practice:event_detail", args=[event.pk])
        told = [a.user for a in event.assessors.select_related("user").filter(user__isnull=False)
                if a.kind == Assessor.Kind.STAFF]
        for event_team in event.teams.select_related("team"):
            told += list(team_managers(event_team.team))
        notify_on_commit(told, Notice.EVENT_CANCELLED, title, detail, email=True)
        guests = [a.user for a in event.assessors.select_related("user").filter(user__isnull=False,
                                                                                 kind=Assessor.Kind.GUEST)]
        notify_on_commit(guests, Notice.EVENT_CANCELLED, title, reverse("practice:my_visits"), email=True)
    return event
