"""The timetable's visits (design §1.3, §3.2, §4): create, edit or move, cancel, "did not happen", consent, an
accepted line conflict, and an assessor's unplanned visit.

Visits change only before the event's analysis (planning, published, observing). After publishing, each change
tells the visit's assessor and the visited team's managers in-app (Notice.VISIT_CHANGED; no email, §9.2); whoever
made the change is not told of it. A visit never holds a family's name or address: `location` is an office or
"travel with the worker"."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from triangulate.core import audit as trail
from triangulate.core.authority import service, user_of
from triangulate.core.concurrency import claim, lock
from triangulate.people.models import StaffMember
from triangulate.people.selectors import team_managers

from ..models import Assessor, EventTeam, PracticeEvent, Visit
from ..notices import Notice, notify_on_commit
from ..rules import Perm
from ..selectors import management_line
from ..verbs import Verb

Status = PracticeEvent.Status
# §3.2: visits are created, moved and cancelled in any state before analysis.
CHANGEABLE = (Status.PLANNING, Status.PUBLISHED, Status.OBSERVING)
# The fields an organiser edits on the visit form; the rest move only through their own service.
EDITABLE = ("event_team", "assessor", "date", "starts_at", "ends_at", "activity", "activity_note", "location",
            "host")
# Changing any of these puts the visit in another place in someone's line: an accepted conflict no longer applies.
LINE_FIELDS = ("event_team", "assessor")
CONSENT_CHOICES = (Visit.Consent.NOT_ASKED, Visit.Consent.REQUESTED, Visit.Consent.GIVEN, Visit.Consent.REFUSED)


def _require_changeable(event):
    if event.status not in CHANGEABLE:
        raise ValidationError(f"Visits can no longer change: the event is {event.get_status_display().lower()}.")


def _require_planned(visit, doing):
    if visit.status != Visit.Status.PLANNED:
        raise ValidationError(f"Only a planned visit can be {doing}: this one is "
                              f"{visit.get_status_display().lower()}.")


def _check_fields(event, fields):
    """The visit's own rules (§1.3), with the field each error belongs to."""
    errors = {}
    event_team, assessor = fields.get("event_team"), fields.get("assessor")
    if event_team is None or not isinstance(event_team, EventTeam) or event_team.event_id != event.pk:
        errors["event_team"] = "Choose a team of this event."
    if assessor is None or not isinstance(assessor, Assessor) or assessor.event_id != event.pk:
        errors["assessor"] = "Choose an assessor of this event."
    day = fields.get("date")
    if day is None:
        errors["date"] = "Enter the date of the visit."
    elif not event.starts_on <= day <= event.ends_on:
        errors["date"] = (f"The date must be within the event, {event.starts_on:%-d %B} to "
                          f"{event.ends_on:%-d %B %Y}.")
    starts_at, ends_at = fields.get("starts_at"), fields.get("ends_at")
    if starts_at is None:
        errors["starts_at"] = "Enter the time the visit starts."
    if ends_at is None:
        errors["ends_at"] = "Enter the time the visit ends."
    elif starts_at is not None and ends_at <= starts_at:
        errors["ends_at"] = "The visit must end after it starts."
    if fields.get("activity") not in Visit.Activity.values:
        errors["activity"] = "Choose what the assessor will join."
    host = fields.get("host")
    if host is not None and not isinstance(host, StaffMember):
        errors["host"] = "Choose the worker or manager the assessor joins."
    for name, limit in (("activity_note", 200), ("location", 200)):
        if len(fields.get(name) or "") > limit:
            errors[name] = f"Keep this to {limit} characters."
    if errors:
        raise ValidationError(errors)


def timetable_url(event):
    return reverse("practice:timetable", args=[event.pk])


def tell_of_change(visit, actor, *, cancelled=False, before=None):
    """After publishing, tell the visit's assessor and the team's managers (and, for a visit moved to another
    assessor or team, the earlier ones too); never the person who made the change."""
    if visit.event.status == Status.PLANNING:
        return
    people = [visit.assessor.user, *team_managers(visit.team)]
    if before is not None:
        people += [before.assessor.user, *team_managers(before.team)]
    actor_pk = getattr(user_of(actor), "pk", None)
    what = "was cancelled" if cancelled else "changed"
    notify_on_commit([p for p in people if p is not None and p.pk != actor_pk], Notice.VISIT_CHANGED,
                     f"A visit to {visit.team.name} in {visit.event.title} {what}"[:200], timetable_url(visit.event))


def _trail(actor, verb, visit, **extra):
    trail.record(actor, verb, visit, event=visit.event_id, team=visit.team_id, assessor=visit.assessor_id,
                 date=visit.date.isoformat(), starts_at=visit.starts_at.strftime("%H:%M"),
                 ends_at=visit.ends_at.strftime("%H:%M"), status=visit.status, **extra)


@service(Perm.MANAGE_EVENT, on="event")
def create_visit(*, actor, event, event_team, assessor, date, starts_at, ends_at, activity, activity_note="",
                 location="", host=None):
    """Add a visit to the timetable. Consent starts `not_asked` for a home visit or family conversation and
    `not_needed` otherwise (§1.3)."""
    event = lock(event)
    _require_changeable(event)
    fields = {"event_team": event_team, "assessor": assessor, "date": date, "starts_at": starts_at,
              "ends_at": ends_at, "activity": activity, "activity_note": activity_note or "",
              "location": location or "", "host": host}
    _check_fields(event, fields)
    visit = Visit.objects.create(event=event, team_id=event_team.team_id, consent=Visit.default_consent(activity),
                                 created_by=user_of(actor), **fields)
    _trail(actor, Verb.VISIT_CREATED, visit, activity=activity)
    tell_of_change(visit, actor)
    return visit


@service(Perm.MANAGE_EVENT, on="visit")
def update_visit(*, actor, visit, expected_version=None, **changes):
    """Edit or move a planned visit. Changing the activity between one with a family and one without resets
    consent to that activity's default; changing its team or assessor withdraws an accepted line conflict (the
    reason was given for the other pairing)."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise TypeError(f"update_visit cannot change {sorted(unknown)}")
    visit = lock(visit)
    before = Visit.objects.select_related("assessor__user", "team").get(pk=visit.pk)
    event = visit.event
    _require_changeable(event)
    _require_planned(visit, "changed")
    fields = {name: getattr(visit, name) for name in EDITABLE}
    fields.update({name: ("" if value is None and name in ("activity_note", "location") else value)
                   for name, value in changes.items()})
    _check_fields(event, fields)
    claim(visit, expected_version)
    changed = [name for name in EDITABLE if fields[name] != getattr(before, name)]
    if hasattr(visit, "observation") and any(name in changed for name in (*LINE_FIELDS, "date")):
        raise ValidationError("This visit has an observation, so its team, assessor and date stay as they are.")
    for name in EDITABLE:
        setattr(visit, name, fields[name])
    visit.team_id = visit.event_team.team_id
    if (visit.activity in Visit.WITH_A_FAMILY) != (before.activity in Visit.WITH_A_FAMILY):
        visit.consent = Visit.default_consent(visit.activity)
        visit.consent_recorded_by = visit.consent_recorded_at = None
    if any(name in changed for name in LINE_FIELDS) and visit.conflict_reason:
        visit.conflict_reason, visit.conflict_accepted_by, visit.conflict_accepted_at = "", None, None
        changed.append("conflict_reason")
    visit.save()
    _trail(actor, Verb.VISIT_UPDATED, visit, changed=sorted(changed))
    moved = before if (before.assessor_id != visit.assessor_id or before.team_id != visit.team_id) else None
    if changed:
        tell_of_change(visit, actor, before=moved)
    return visit


def _reason(reason, what):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": f"Give a reason {what}."})
    return reason


@service(Perm.MANAGE_EVENT, on="visit")
def cancel_visit(*, actor, visit, reason, expected_version=None):
    """Take a planned visit off the timetable, with a reason. A visit with an observation cannot be cancelled:
    its notes are kept (set it to did-not-happen only if nothing was observed)."""
    visit = lock(visit)
    _require_changeable(visit.event)
    _require_planned(visit, "cancelled")
    if hasattr(visit, "observation"):
        raise ValidationError("This visit has an observation, so it cannot be cancelled.")
    return _take_off(actor, visit, Visit.Status.CANCELLED, _reason(reason, "for cancelling the visit"),
                     Verb.VISIT_CANCELLED, expected_version)


@service(Perm.MANAGE_EVENT, on="visit")
def mark_did_not_happen(*, actor, visit, reason, expected_version=None):
    """A planned visit that did not take place on the day ("family cancelled"), with a reason. Refused once an
    observation is handed in (the visit happened)."""
    visit = lock(visit)
    _require_changeable(visit.event)
    _require_planned(visit, "marked as not happening")
    observation = getattr(visit, "observation", None)
    if observation is not None and observation.state == observation.State.HANDED_IN:
        raise ValidationError("This visit's observation is handed in, so it happened.")
    return _take_off(actor, visit, Visit.Status.DID_NOT_HAPPEN, _reason(reason, "why the visit did not happen"),
                     Verb.VISIT_DID_NOT_HAPPEN, expected_version)


def _take_off(actor, visit, status, reason, verb, expected_version):
    """Take a checked, locked visit off the timetable with its reason: claimed against the version the form
    read, recorded, and told to its assessor and team (a cancelled visit and one that did not happen alike)."""
    visit.status_reason = reason
    claim(visit, expected_version)
    visit.status = status
    visit.save(update_fields=["status", "status_reason"])
    _trail(actor, verb, visit)
    tell_of_change(visit, actor, cancelled=True)
    return visit


@service(Perm.EDIT_TEAM_DETAILS, on="visit")
def record_consent(*, actor, visit, consent, expected_version=None):
    """Record the family's answer for a home visit or family conversation (§1.3): by an organiser or a manager
    of the visited team. The worker asks; this records what the family said."""
    visit = lock(visit)
    _require_changeable(visit.event)
    _require_planned(visit, "given consent")
    if visit.activity not in Visit.WITH_A_FAMILY:
        raise ValidationError("Consent is only asked for a home visit or a conversation with a family.")
    if consent not in CONSENT_CHOICES:
        raise ValidationError({"consent": "Choose what the family said."})
    claim(visit, expected_version)
    previous = visit.consent
    visit.consent = consent
    visit.consent_recorded_by, visit.consent_recorded_at = user_of(actor), timezone.now()
    visit.save(update_fields=["consent", "consent_recorded_by", "consent_recorded_at"])
    _trail(actor, Verb.CONSENT_RECORDED, visit, consent_from=previous, consent_to=consent)
    if previous != consent:
        tell_of_change(visit, actor)
    return visit


@service(Perm.MANAGE_EVENT, on="visit")
def accept_conflict(*, actor, visit, reason, expected_version=None):
    """Accept a visit in the assessor's own management line, with a reason (§4, decision 4): it stops blocking
    publication and is shown as a note in the brief and the report's process section."""
    visit = lock(visit)
    _require_changeable(visit.event)
    _require_planned(visit, "accepted")
    if visit.team_id not in management_line(visit.assessor):
        raise ValidationError(f"{visit.team.name} is not in {visit.assessor.name}'s management line: there is "
                              "nothing to accept.")
    visit.conflict_reason = _reason(reason, "for accepting this visit in the assessor's line")
    claim(visit, expected_version)
    visit.conflict_accepted_by, visit.conflict_accepted_at = user_of(actor), timezone.now()
    visit.save(update_fields=["conflict_reason", "conflict_accepted_by", "conflict_accepted_at"])
    _trail(actor, Verb.CONFLICT_ACCEPTED, visit)
    return visit


@service(Perm.OBSERVE, on="event")
def add_unplanned_visit(*, actor, event, event_team, date, starts_at, ends_at, activity, activity_note="",
                        location=""):
    """An assessor adds a visit to their own timetable while the event is observing ("I joined a strategy
    meeting", §3.2). It runs the checks like any other visit; the team's managers are told."""
    event = lock(event)
    if event.status != Status.OBSERVING:
        raise ValidationError("An unplanned visit can be added only while the event is observing.")
    assessor = Assessor.objects.get(event=event, user=actor)  # OBSERVE on the event: they assess in it
    fields = {"event_team": event_team, "assessor": assessor, "date": date, "starts_at": starts_at,
              "ends_at": ends_at, "activity": activity, "activity_note": activity_note or "",
              "location": location or "", "host": None}
    _check_fields(event, fields)
    visit = Visit.objects.create(event=event, team_id=event_team.team_id, consent=Visit.default_consent(activity),
                                 created_by=user_of(actor), **fields)
    _trail(actor, Verb.VISIT_CREATED, visit, activity=activity, unplanned=True)
    tell_of_change(visit, actor)
    return visit
