"""Immediate safeguarding concerns found while auditing (design §3.3): raised → acknowledged → action_recorded →
closed, with "Not enough" sending a recorded action back, and escalation when nobody acknowledges in time.

The concern, the action taken and every note stay on the flag: the trail, notifications and emails carry only
ids, states and the team's name, so a concern about a child never travels outside the page that guards it."""

from datetime import datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from triangulate.core import audit as trail
from triangulate.core.authority import System, service
from triangulate.core.concurrency import claim, lock
from triangulate.core.roles import Role
from triangulate.kpis.calendar import is_working_day
from triangulate.people.selectors import service_managers, team_managers

from ..models import CaseAudit, SafeguardingFlag
from ..notices import Notice, notify_on_commit, users_with_role
from ..rules import Perm
from ..verbs import Verb

Status = SafeguardingFlag.Status
OPEN = (Status.RAISED, Status.ACKNOWLEDGED, Status.ACTION_RECORDED)


def acknowledgement_due(raised_at):
    """The end of the next working day after the flag was raised (local time): a flag raised on Friday
    afternoon is due by the end of Monday, or of Tuesday after a bank holiday Monday."""
    day = timezone.localtime(raised_at).date() + timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def managers_to_tell(team):
    """The team's managers with accounts, or its service managers when no team manager has one (§3.3)."""
    managers = list(team_managers(team))
    return managers or list(service_managers(team))


def flag_url(flag):
    from django.urls import reverse

    return reverse("audits:flag_detail", args=[flag.pk])


@service(Perm.RAISE_FLAG, on="audit")
def raise_flag(*, actor, audit, concern):
    concern = concern.strip()
    if not concern:
        raise ValidationError({"concern": "Describe the concern"})
    lock(audit)
    if audit.state == CaseAudit.State.WITHDRAWN:
        raise ValidationError("A withdrawn audit cannot raise a flag: raise the concern with the team directly")
    flag = SafeguardingFlag.objects.create(audit=audit, team=audit.team, raised_by=actor, stage=audit.state,
                                           concern=concern)
    trail.record(actor, Verb.FLAG_RAISED, flag, audit=audit.pk, team=audit.team, stage=audit.state)
    title = f"Immediate safeguarding concern raised on an audit in {audit.team.name}"
    notify_on_commit(managers_to_tell(audit.team), Notice.FLAG_RAISED, title, flag_url(flag), email=True)
    notify_on_commit(users_with_role(Role.QA_LEAD), Notice.FLAG_RAISED, title, flag_url(flag))
    return flag


def _claimed(flag, expected_version, allowed, refusal):
    lock(flag)
    claim(flag, expected_version)
    if flag.status not in allowed:
        raise ValidationError(refusal.format(status=flag.get_status_display().lower()))
    return flag


@service(Perm.RESPOND_FLAG, on="flag")
def acknowledge_flag(*, actor, flag, expected_version=None):
    _claimed(flag, expected_version, (Status.RAISED,), "This flag is already {status}")
    flag.status, flag.acknowledged_by, flag.acknowledged_at = Status.ACKNOWLEDGED, actor, timezone.now()
    flag.save(update_fields=["status", "acknowledged_by", "acknowledged_at"])
    trail.record(actor, Verb.FLAG_ACKNOWLEDGED, flag, status=[Status.RAISED, Status.ACKNOWLEDGED])
    notify_on_commit([flag.raised_by], Notice.FLAG_ACKNOWLEDGED,
                     f"The safeguarding flag in {flag.team.name} has been acknowledged", flag_url(flag))
    return flag


@service(Perm.RESPOND_FLAG, on="flag")
def record_flag_action(*, actor, flag, action_taken, expected_version=None):
    """Record what was done. Recording it on a flag not yet acknowledged acknowledges it too: a manager who
    has already acted should not have to press two buttons to say so."""
    action_taken = action_taken.strip()
    if not action_taken:
        raise ValidationError({"action_taken": "Enter the action taken"})
    old = flag.status
    _claimed(flag, expected_version, (Status.RAISED, Status.ACKNOWLEDGED), "This flag is {status}")
    now = timezone.now()
    if flag.acknowledged_at is None:
        flag.acknowledged_by, flag.acknowledged_at = actor, now
    flag.status, flag.action_taken = Status.ACTION_RECORDED, action_taken
    flag.action_recorded_by, flag.action_recorded_at = actor, now
    flag.save(update_fields=["status", "acknowledged_by", "acknowledged_at", "action_taken", "action_recorded_by",
                             "action_recorded_at"])
    trail.record(actor, Verb.FLAG_ACTION_RECORDED, flag, status=[old, Status.ACTION_RECORDED])
    title = f"Action recorded on the safeguarding flag in {flag.team.name}"
    notify_on_commit([flag.raised_by, *users_with_role(Role.QA_LEAD)], Notice.FLAG_ACTION_RECORDED, title,
                     flag_url(flag))
    return flag


@service(Perm.CLOSE_FLAG, on="flag")
def return_flag(*, actor, flag, reason, expected_version=None):
    """"Not enough": the recorded action goes back to the managers, who record another."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why the action is not enough"})
    _claimed(flag, expected_version, (Status.ACTION_RECORDED,), "Only a flag with its action recorded can be "
             "sent back; this one is {status}")
    flag.status, flag.return_reason = Status.ACKNOWLEDGED, reason
    flag.returned_count += 1
    flag.save(update_fields=["status", "return_reason", "returned_count"])
    trail.record(actor, Verb.FLAG_RETURNED, flag, status=[Status.ACTION_RECORDED, Status.ACKNOWLEDGED],
                 returned_count=flag.returned_count)
    notify_on_commit(managers_to_tell(flag.team), Notice.FLAG_RETURNED,
                     f"A safeguarding flag in {flag.team.name} needs more action", flag_url(flag))
    return flag


@service(Perm.CLOSE_FLAG, on="flag")
def close_flag(*, actor, flag, note="", expected_version=None):
    """Close the flag. One closed before any action was recorded (raised in error, or dealt with elsewhere)
    needs a note saying why, so an open concern is never closed without a word."""
    note = note.strip()
    old = flag.status
    _claimed(flag, expected_version, OPEN, "This flag is already {status}")
    if old != Status.ACTION_RECORDED and not note:
        raise ValidationError({"note": "No action has been recorded: say why the flag can be closed"})
    flag.status, flag.closed_by, flag.closed_at, flag.closing_note = Status.CLOSED, actor, timezone.now(), note
    flag.save(update_fields=["status", "closed_by", "closed_at", "closing_note"])
    trail.record(actor, Verb.FLAG_CLOSED, flag, status=[old, Status.CLOSED])
    return flag


def escalate_overdue_flags(now=None):
    """Housekeeping (every 5 minutes): a flag still `raised` after its acknowledgement was due is escalated,
    once, to the team's service managers and the QA leads, in-app and by email. Returns the flags escalated."""
    now = now or timezone.now()
    escalated = []
    for flag in SafeguardingFlag.objects.filter(status=Status.RAISED, escalated_at=None).select_related("team"):
        if acknowledgement_due(flag.raised_at) <= now:
            escalated.append(_escalate.step(actor=System.HOUSEKEEPING, flag=flag, now=now))
    return [flag for flag in escalated if flag is not None]


@service(Perm.VIEW_FLAGS, on="flag")
def _escalate(*, actor, flag, now):
    lock(flag)
    if flag.status != Status.RAISED or flag.escalated_at is not None:
        return None  # acknowledged or escalated since the list was read
    flag.escalated_at = now
    flag.save(update_fields=["escalated_at"])
    trail.record(actor, Verb.FLAG_ESCALATED, flag, team=flag.team)
    recipients = [*service_managers(flag.team), *users_with_role(Role.QA_LEAD)]
    notify_on_commit(recipients, Notice.FLAG_ESCALATED,
                     f"A safeguarding flag in {flag.team.name} has not been acknowledged in time", flag_url(flag),
                     email=True, dedupe_key=f"flag-escalated:{flag.pk}")
    return flag
