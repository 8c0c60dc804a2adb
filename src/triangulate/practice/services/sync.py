"""Saving an observation from a tablet that may lose its connection (design §5.1): every note carries the browser's
own id (`client_id`) and every save of it its own id (`edit_id`), so a save sent twice is applied once and a save
made on another device since is refused rather than overwritten.

Both services run under a row lock on the visit: its observation is made by the first sync, so two first saves
from two windows cannot make two observations. The rules, for an entry:

1. no entry with that client_id: create it at revision 1 (a simultaneous create loses on the unique constraint,
   re-reads and goes to 2);
2. the stored last_edit_id is this edit_id: a replay (the answer was lost); change nothing, answer as applied;
3. the stored revision is the browser's base, or the stored last_edit_id is one of this browser's own unconfirmed
   saves (`sent_edit_ids`): apply, revision + 1;
4. otherwise another device saved since: refuse (`SyncConflict`, answered 409 with the stored note).

The observation's own questions follow the same rules against `Observation.version`. Neither records a trail
event per keystroke: at most one "saved" event per observation and user every 15 minutes (as audits' autosave)."""

import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from triangulate.core import audit as trail
from triangulate.core.audit import AuditEvent
from triangulate.core.authority import service, user_of
from triangulate.core.concurrency import lock
from triangulate.core.models import Theme
from triangulate.datasets.parsers.annex_a.normalise import norm_id
from triangulate.people.models import StaffMember, TeamMembership

from ..follow_up import earlier_plan_items
from ..models import EventHeading, Observation, ObservationEntry, PracticeEvent, ProgressCheck, Visit
from ..names import named_in
from ..rules import Perm
from ..verbs import Verb

AUTOSAVE_TRAIL_EVERY = timedelta(minutes=15)
MAX_SENT_EDIT_IDS = 20
Status = PracticeEvent.Status
Kind = ObservationEntry.Kind
# §3.3: notes are typed while the timetable is out or observing; a returned observation also after closing.
OPEN_STATES = (Status.PUBLISHED, Status.OBSERVING)
CONSENT_ACTIVITIES = (Visit.Activity.HOME_VISIT, Visit.Activity.FAMILY_CONVERSATION)
ENTRY_FIELDS = ("heading", "kind", "theme", "text", "quote_by", "may_quote", "child_ref")


class ClosedObservation(ValidationError):
    """The observation cannot be changed (or started) now: answered 403 to the script (§5.1), shown on the page."""


class SyncConflict(Exception):
    """Rule 4: another device saved since the browser's base. `record` is the stored entry or observation."""

    def __init__(self, record):
        super().__init__("Saved from another device since this page was drawn")
        self.record = record


@dataclass
class Synced:
    record: object  # the entry or the observation as stored
    applied: bool  # False for a replay (rule 2): nothing changed
    warnings: list = field(default_factory=list)


def may_record(user, visit):
    """The visit's own assessor; or, for a guest on paper (no account), an organiser of the event typing their
    notes in (§3.3, `entered_by`)."""
    if user.has_perm(Perm.OBSERVE, visit):
        return True
    return visit.assessor.user_id is None and user.has_perm(Perm.MANAGE_EVENT, visit.event)


def editable_reason(observation, event):
    """Why the observation cannot be changed now, or None (§3.3: a draft, while the event is published or
    observing, or after it was returned)."""
    if observation is not None and observation.state != Observation.State.DRAFT:
        return "This observation is handed in: ask the organiser to return it to change it."
    if event.status in OPEN_STATES:
        return None
    if observation is not None and observation.returned_at and event.status == Status.ANALYSIS:
        return None
    return f"Notes cannot be changed: the event is {event.get_status_display().lower()}."


def start_reason(visit, today=None):
    """Why no observation can be started for `visit` now, or None (§3.3)."""
    today = today or timezone.localdate()
    if visit.status in (Visit.Status.CANCELLED, Visit.Status.DID_NOT_HAPPEN):
        return f"This visit is {visit.get_status_display().lower()}: no notes can be recorded."
    if visit.date > today:
        return f"Notes can be recorded from the day of the visit, {visit.date:%-d %B %Y}."
    if visit.activity in CONSENT_ACTIVITIES and visit.consent != Visit.Consent.GIVEN:
        return "Consent is not recorded for this visit"
    return None


def require_recorder(actor, visit):
    """PermissionDenied unless `actor` records this visit's observation (`may_record`)."""
    if not may_record(actor, visit):
        raise PermissionDenied(Perm.OBSERVE)


def _observation_for(actor, visit):
    """Lock the visit, then return its observation, making it (draft) on the first save (§3.3). Moves the event
    from published to observing when this is its first observation (§3.1)."""
    lock(visit)
    event = visit.event
    observation = Observation.objects.filter(visit=visit).first()
    reason = editable_reason(observation, event)
    if reason:
        raise ClosedObservation(reason)
    if observation is not None:
        return observation
    reason = start_reason(visit)
    if reason:
        raise ClosedObservation(reason)
    observation = Observation.objects.create(visit=visit, event=event, team=visit.team, assessor=visit.assessor,
                                             entered_by=user_of(actor))
    trail.record(actor, Verb.OBSERVATION_STARTED, observation, visit=visit.pk, event=event.pk)
    add_progress_checks(observation)
    if PracticeEvent.objects.filter(pk=event.pk, status=Status.PUBLISHED).update(
            status=Status.OBSERVING, version=F("version") + 1):
        event.refresh_from_db(fields=["status", "version"])
        trail.record(actor, Verb.EVENT_OBSERVING, event, status=[Status.PUBLISHED, Status.OBSERVING])
    return observation


def add_progress_checks(observation):
    """On a follow-up day, one unrated check per earlier plan item's action for the visited team (§6.5)."""
    if observation.event.follows_id is None:
        return []
    have = set(observation.progress_checks.values_list("action_id", flat=True))
    for item in earlier_plan_items(observation.event, observation.team):
        if item.action_id not in have:
            ProgressCheck.objects.create(observation=observation, action_id=item.action_id)
            have.add(item.action_id)
    return have


def record_autosave(actor, observation):
    """At most one trail event per observation and user every 15 minutes: the entries hold the record."""
    since = timezone.now() - AUTOSAVE_TRAIL_EVERY
    recent = AuditEvent.objects.filter(verb=Verb.OBSERVATION_SAVED, object_type=observation._meta.label_lower,
                                       object_id=str(observation.pk), actor=user_of(actor),
                                       occurred_at__gte=since).exists()
    if not recent:
        trail.record(actor, Verb.OBSERVATION_SAVED, observation, state=observation.state)


def _as_uuid(value, name):
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        raise ValidationError({name: "This note's id is not valid: reload the page."}) from None


def _clean_entry(observation, fields):
    """The entry's fields checked (§1.4), or a ValidationError naming each wrong field."""
    errors, clean = {}, {}
    heading = fields.get("heading")
    if not isinstance(heading, EventHeading):
        heading = EventHeading.objects.filter(event=observation.event, pk=_int(heading)).first()
    if heading is None or heading.event_id != observation.event_id:
        errors["heading"] = "Choose a heading of this event."
    kind = fields.get("kind") or ""
    if kind not in Kind.values:
        errors["kind"] = "Choose what kind of note this is."
    elif heading is not None and kind not in ObservationEntry.kinds_allowed_under(heading.mode):
        errors["kind"] = (f"A {Kind(kind).label.lower()} cannot go under “{heading.title}”: choose another kind "
                          f"or heading.")
    theme = fields.get("theme")
    if not isinstance(theme, Theme):
        theme = Theme.objects.filter(pk=_int(theme)).first()
    if theme is None:
        errors["theme"] = "Choose the theme this note is about."
    text = (fields.get("text") or "").strip()
    limit = ObservationEntry(kind=kind).max_length()
    if not text:
        errors["text"] = "Write the note."
    elif len(text) > limit:
        errors["text"] = f"The note must be {limit:,} characters or fewer (it has {len(text):,})."
    quote_by = fields.get("quote_by") or ""
    if kind == Kind.QUOTE and quote_by not in ObservationEntry.QuoteBy.values[1:]:
        errors["quote_by"] = "Say who said it."
    if kind != Kind.QUOTE:
        quote_by = ""
    child_ref = ""
    if kind == Kind.EXEMPLAR and (fields.get("child_ref") or "").strip():
        child_ref, problem = norm_id(fields["child_ref"])
        if problem or not child_ref or len(child_ref) > 64:
            errors["child_ref"] = "Enter the child's id as the case system shows it (64 characters or fewer)."
    elif (fields.get("child_ref") or "").strip():
        errors["child_ref"] = "A child's id can go only with a case example."
    if errors:
        raise ValidationError(errors)
    may_quote = bool(fields.get("may_quote")) and kind == Kind.QUOTE
    clean.update(heading=heading, kind=kind, theme=theme, text=text, quote_by=quote_by, may_quote=may_quote,
                 child_ref=child_ref or "")
    return clean


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def name_warnings(team, text):
    """§1.4: a warning, never a refusal, for each member of the visited team whose first or last name is in the
    text as a whole word ("This may contain a name: Jo Bell is in this team")."""
    today = timezone.localdate()
    staff_ids = TeamMembership.objects.current().filter(team=team).values("staff_id")
    team_staff = StaffMember.objects.filter(pk__in=staff_ids).in_post_on(today).order_by("last_name", "first_name")
    return [f"This may contain a name: {person.first_name} {person.last_name} is in this team"
            for person in named_in(text, team_staff)]


def _accepts(stored_revision_or_version, stored_last_edit, base, sent_edit_ids):
    """Rule 3: the browser's base is what is stored, or what is stored came from this browser's own unconfirmed
    save."""
    return stored_revision_or_version == base or (stored_last_edit is not None and stored_last_edit in sent_edit_ids)


def _sent_ids(values):
    return {_as_uuid(v, "sent_edit_ids") for v in list(values or [])[:MAX_SENT_EDIT_IDS] if str(v).strip()}


@service(Perm.OBSERVE)
def sync_entry(*, actor, visit, client_id, edit_id, base_revision, sent_edit_ids=(), removed=False, **fields):
    """Apply one note from the browser by rules 1–4 of §5.1. Returns `Synced`; raises SyncConflict (rule 4),
    ValidationError (a field that does not fit), ClosedObservation or PermissionDenied."""
    require_recorder(actor, visit)
    observation = _observation_for(actor, visit)  # first: a closed observation is closed whatever was sent
    client_id, edit_id = _as_uuid(client_id, "client_id"), _as_uuid(edit_id, "edit_id")
    sent = _sent_ids(sent_edit_ids)
    base = _int(base_revision) or 0
    entry = ObservationEntry.objects.filter(observation=observation, client_id=client_id).first()
    if entry is None and removed:
        return Synced(record=None, applied=False)  # removed before it was ever sent: nothing to keep
    if entry is not None and entry.last_edit_id == edit_id:
        return Synced(record=entry, applied=False)  # rule 2
    if entry is not None and not _accepts(entry.revision, entry.last_edit_id, base, sent):
        raise SyncConflict(entry)  # rule 4
    if removed:  # rule 3, a removal: a tombstone, so a late retry cannot bring it back
        entry.removed_at = timezone.now()
        entry.revision += 1
        entry.last_edit_id = edit_id
        entry.save(update_fields=["removed_at", "revision", "last_edit_id", "updated_at"])
        trail.record(actor, Verb.ENTRY_REMOVED, entry, observation=observation.pk, revision=entry.revision)
        return Synced(record=entry, applied=True)
    clean = _clean_entry(observation, fields)
    if entry is None:  # rule 1
        try:
            with transaction.atomic():
                entry = ObservationEntry.objects.create(observation=observation, client_id=client_id, revision=1,
                                                        last_edit_id=edit_id, **clean)
        except IntegrityError:  # another request made it first: read it and apply rules 2–4 to it
            entry = ObservationEntry.objects.get(observation=observation, client_id=client_id)
            if entry.last_edit_id == edit_id:
                return Synced(record=entry, applied=False)
            if not _accepts(entry.revision, entry.last_edit_id, base, sent):
                raise SyncConflict(entry) from None
            _apply(entry, clean, edit_id)
    else:  # rule 3
        _apply(entry, clean, edit_id)
    record_autosave(actor, observation)
    return Synced(record=entry, applied=True, warnings=name_warnings(visit.team, clean["text"]))


def _apply(entry, clean, edit_id):
    for name, value in clean.items():
        setattr(entry, name, value)
    entry.removed_at = None
    entry.revision += 1
    entry.last_edit_id = edit_id
    entry.save()


QUESTION_FIELDS = ("what_happened", "felt_supported", "heard_from")


@service(Perm.OBSERVE)
def sync_observation(*, actor, visit, edit_id, base_version, sent_edit_ids=(), what_happened=None,
                     felt_supported=None, heard_from=None, ratings=None):
    """The observation's own questions (and, on a follow-up day, its progress ratings: {action id: (rating,
    note)}) by the same rules, against `Observation.version`. A question never saved before (the observation was
    made by a note's sync) accepts any base."""
    require_recorder(actor, visit)
    observation = _observation_for(actor, visit)
    edit_id = _as_uuid(edit_id, "edit_id")
    sent = _sent_ids(sent_edit_ids)
    base = _int(base_version) or 0
    lock(observation)
    if observation.last_edit_id == edit_id:
        return Synced(record=observation, applied=False)  # rule 2
    if observation.last_edit_id is not None and not _accepts(observation.version, observation.last_edit_id, base,
                                                             sent):
        raise SyncConflict(observation)  # rule 4
    errors = {}
    if felt_supported is not None and felt_supported not in Observation.FeltSupported.values:
        errors["felt_supported"] = "Choose one of the answers."
    heard = None
    if heard_from is not None:
        heard = [v for v in Observation.HeardFrom.values if v in set(heard_from)]
        if len(heard) != len(set(heard_from)):
            errors["heard_from"] = "Choose from the list."
    checks = {c.action_id: c for c in observation.progress_checks.all()}
    for action_id, (rating, _note) in (ratings or {}).items():
        if action_id not in checks:
            errors[f"progress_{action_id}"] = "This action is not one of this visit's to rate."
        elif rating and rating not in ProgressCheck.Rating.values:
            errors[f"progress_{action_id}"] = "Choose one of the ratings."
    if errors:
        raise ValidationError(errors)
    if what_happened is not None:
        observation.what_happened = what_happened.strip()
    if felt_supported is not None:
        observation.felt_supported = felt_supported
    if heard is not None:
        observation.heard_from = heard
    for action_id, (rating, note) in (ratings or {}).items():
        check = checks[action_id]
        if (check.rating, check.note) != (rating or "", (note or "").strip()):
            check.rating, check.note = rating or "", (note or "").strip()
            check.save(update_fields=["rating", "note"])
    observation.last_edit_id = edit_id
    observation.version += 1
    observation.save()
    record_autosave(actor, observation)
    return Synced(record=observation, applied=True)
