"""Moderation after selection (design §3.4): `selected → allocated → agreed | regraded`.

A QA lead or PSW gives the moderation to a moderator who neither audited the case nor works in its team; the
moderator agrees, or re-grades with a reason. Only the overall grade is moderated (decision 9): a re-grade becomes
the audit's grade as an attributed `moderated` revision, in the same transaction. Either outcome moves the audit
to `moderated`. Agreement figures are measured against the grade taken at selection (decision 10).

The reason and the learning are free text: they stay on the moderation, never in an event or a notification."""

import math
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from triangulate.core import audit as trail
from triangulate.core.authority import service, user_of
from triangulate.core.concurrency import claim, lock
from triangulate.core.roles import Role
from triangulate.kpis.calendar import is_working_day
from triangulate.people.selectors import home_teams

from ..models import AuditRevision, CaseAudit, CaseType, Moderation, RoundAuditor
from ..notices import Notice, notify_on_commit, users_with_role
from ..rules import AUDITOR_ROLES, Perm
from ..verbs import Verb
from .agreement import ModerationOutcome
from .moderation_selection import request_moderation, select_on_submit, top_up_at_close

__all__ = ["allocate_all", "allocate_moderator", "balance", "moderate", "moderation_due", "moderation_outcomes", "moderator_conflict",
           "request_moderation", "select_on_submit", "top_up_at_close"]

Status = Moderation.Status
WORKING_DAYS_TO_MODERATE = 10


def moderation_due(allocated_on):
    """10 working days after the day it was allocated (§4.3): allocated on a Monday, due the Monday fortnight."""
    day, left = allocated_on, WORKING_DAYS_TO_MODERATE
    while left:
        day += timedelta(days=1)
        left -= is_working_day(day)
    return day


def moderator_conflict(moderation, user):
    """Why `user` cannot moderate this audit, or None when they can (§3.4)."""
    audit = moderation.audit
    if not user.is_active or not AUDITOR_ROLES.test(user, None):
        return "Choose someone whose role can be given moderations"
    if audit.auditor_id == user.pk:
        return "Choose someone other than the audit's auditor"
    if home_teams(user).filter(pk=audit.team_id).exists():
        return f"Choose someone outside {audit.team.name}: the moderator cannot be from the audit's own team"
    return None


def _detail_url(moderation):
    return reverse("audits:moderation_detail", args=[moderation.pk])


@service(Perm.MANAGE_MODERATION)
def allocate_moderator(*, actor, moderation, moderator, expected_version=None):
    """Give a selected moderation to `moderator`, or move an allocated one to someone else; due in 10 working
    days from today. The moderator is told, by email as well."""
    lock(moderation)
    claim(moderation, expected_version)
    if moderation.status not in (Status.SELECTED, Status.ALLOCATED):
        raise ValidationError(f"This moderation is already {moderation.get_status_display().lower()}")
    conflict = moderator_conflict(moderation, moderator)
    if conflict:
        raise ValidationError({"moderator": conflict})
    before = {"status": moderation.status, "moderator": moderation.moderator_id}
    moderation.moderator = moderator
    moderation.allocated_at, moderation.allocated_by = timezone.now(), user_of(actor)
    moderation.due_date = moderation_due(timezone.localdate())
    moderation.status = Status.ALLOCATED
    moderation.save(update_fields=["moderator", "allocated_at", "allocated_by", "due_date", "status"])
    trail.record(actor, Verb.MODERATION_ALLOCATED, moderation, audit=moderation.audit_id,
                 status=[before["status"], Status.ALLOCATED], moderator=[before["moderator"], moderator.pk],
                 due_date=moderation.due_date)
    notify_on_commit([moderator], Notice.MODERATION_ALLOCATED,
                     f"An audit in {moderation.audit.team.name} is yours to moderate", _detail_url(moderation),
                     email=True)
    return moderation


@dataclass(frozen=True)
class ToModerate:
    """A waiting moderation as "Allocate all" sees it."""

    key: object
    team_id: int
    order: tuple  # team name, case type in the fixed order, place in the sample
    conflicted: frozenset  # the ids of the people who cannot moderate it


def balance(items, moderators):
    """§4.3's greedy, least-loaded allocation, for moderations: `items` in order, each to the moderator (id,
    username) with the lowest load among those with no conflict and room under ⌈items ÷ moderators⌉; ties go to
    whoever has the fewest in that team, then by username. Returns key -> moderator id, or None when no one can."""
    if not moderators:
        return {item.key: None for item in items}
    capacity = math.ceil(len(items) / len(moderators))
    load = {pk: 0 for pk, _ in moderators}
    in_team = {}
    chosen = {}
    for item in sorted(items, key=lambda i: i.order):
        free = [(load[pk], in_team.get((pk, item.team_id), 0), name, pk) for pk, name in moderators
                if pk not in item.conflicted and load[pk] < capacity]
        if not free:
            chosen[item.key] = None
            continue
        pk = min(free)[3]
        chosen[item.key] = pk
        load[pk] += 1
        in_team[pk, item.team_id] = in_team.get((pk, item.team_id), 0) + 1
    return chosen


@service(Perm.MANAGE_MODERATION)
def allocate_all(*, actor, round):
    """"Allocate all": give the round's selected moderations to the round's auditors, balanced (§3.4, §4.3).
    Returns (allocated, left): the moderations allocated, and the number no one could take."""
    waiting = list(Moderation.objects.filter(audit__round=round, status=Status.SELECTED)
                   .select_related("audit__team", "audit__sample_entry"))
    people = [place.user for place in RoundAuditor.objects.filter(round=round).select_related("user__profile")
              .order_by("user__username")]
    types = list(CaseType.values)
    items = [ToModerate(
        key=m.pk, team_id=m.audit.team_id,
        order=(m.audit.team.name, types.index(m.audit.case_type) if m.audit.case_type in types else len(types),
               getattr(m.audit.sample_entry, "position", None) or 0, m.audit_id),
        conflicted=frozenset(u.pk for u in people if moderator_conflict(m, u))) for m in waiting]
    chosen = balance(items, [(u.pk, u.get_username()) for u in people])
    users = {u.pk: u for u in people}
    done = [allocate_moderator.step(actor=actor, moderation=m, moderator=users[chosen[m.pk]])
            for m in waiting if chosen[m.pk] is not None]
    return done, len(waiting) - len(done)


def _grade_on_scale(audit, grade):
    if grade is None:
        raise ValidationError({"grade": "Choose the grade you would give"})
    if grade.scale_id != audit.tool_version.grade_scale_id:
        raise ValidationError({"grade": "Choose a grade on this audit's scale"})
    return grade


def _record_regrade(audit, old_grade, new_grade, *, actor, reason):
    """The audit takes the moderator's grade, as an attributed revision (decision 9): the latest revision's
    snapshot with the new grade, and the change as [old, new] grade values."""
    latest = audit.revisions.order_by("-number").first()
    snapshot = dict(latest.snapshot) if latest else {}
    outcome = dict(snapshot.get("outcome") or {})
    outcome["overall_grade"] = new_grade.value
    snapshot["outcome"] = outcome
    number = (audit.revisions.aggregate(n=Max("number"))["n"] or 0) + 1
    return AuditRevision.objects.create(
        audit=audit, number=number, kind=AuditRevision.Kind.MODERATED, made_by=user_of(actor), reason=reason,
        snapshot=snapshot, changes={"overall_grade": [old_grade.value if old_grade else None, new_grade.value]})


@service(Perm.MODERATE, on="moderation")
def moderate(*, actor, moderation, grade, reason_text="", learning="", expected_version=None):
    """The moderator's judgement: the same grade (agreed; a reason is optional) or a different one (re-graded; a
    reason is required). Either way the audit becomes `moderated`; a re-grade also becomes its overall grade."""
    lock(moderation)
    claim(moderation, expected_version)
    if moderation.status != Status.ALLOCATED:
        raise ValidationError(f"This moderation is {moderation.get_status_display().lower()}, so it cannot be "
                              "moderated now")
    audit = lock(CaseAudit.objects.select_related("tool_version", "team").get(pk=moderation.audit_id))
    if audit.state != CaseAudit.State.SUBMITTED:
        raise ValidationError(f"The audit is {audit.get_state_display().lower()}, so it cannot be moderated")
    grade = _grade_on_scale(audit, grade)
    reason_text, learning = reason_text.strip(), learning.strip()
    regraded = grade.pk != moderation.auditor_grade_id
    if regraded and not reason_text:
        raise ValidationError({"reason_text": "Say why you would give a different grade"})
    moderation.moderator_grade, moderation.reason_text, moderation.learning = grade, reason_text, learning
    moderation.status = Status.REGRADED if regraded else Status.AGREED
    moderation.completed_at = timezone.now()
    moderation.save(update_fields=["moderator_grade", "reason_text", "learning", "status", "completed_at"])
    trail.record(actor, Verb.MODERATION_REGRADED if regraded else Verb.MODERATION_AGREED, moderation,
                 audit=audit.pk, status=[Status.ALLOCATED, moderation.status],
                 grade=[moderation.auditor_grade_id, grade.pk])

    claim(audit, None)  # the audit changes state: a form drawn before this (an amendment) is now stale
    old_grade = audit.overall_grade
    changes = {"state": [audit.state, CaseAudit.State.MODERATED]}
    audit.state = CaseAudit.State.MODERATED
    fields = ["state"]
    if regraded and audit.overall_grade_id != grade.pk:
        changes["overall_grade"] = [audit.overall_grade_id, grade.pk]
        audit.overall_grade = grade
        fields.append("overall_grade")
        _record_regrade(audit, old_grade, grade, actor=actor, reason=reason_text)
    audit.save(update_fields=fields)
    trail.record(actor, Verb.AUDIT_MODERATED, audit, moderation=moderation.pk, **changes)

    if regraded:
        asks = " and needs an action" if grade.is_inadequate and not (old_grade and old_grade.is_inadequate) else ""
        notify_on_commit([audit.auditor, *users_with_role(Role.QA_LEAD)], Notice.AUDIT_REGRADED,
                         f"An audit in {audit.team.name} was re-graded at moderation{asks}", _detail_url(moderation))
    return moderation


def auditor_label(audit):
    """How the figures name an audit's auditor: their full name, username, or the imported name."""
    if audit.auditor_id:
        return audit.auditor.get_full_name() or audit.auditor.get_username()
    return audit.auditor_name or "Unknown auditor"


def moderation_outcomes(moderations):
    """Moderation rows as agreement.py's plain records: each grade as its place on its scale (1 = the lowest),
    attributed to the audit's auditor. `moderations` should select_related audit__auditor and both grades."""
    places = {}

    def place(grade):
        if grade.scale_id not in places:
            values = sorted(grade.scale.grades.values_list("value", flat=True))
            places[grade.scale_id] = {value: n for n, value in enumerate(values, start=1)}
        return places[grade.scale_id][grade.value]

    return [ModerationOutcome(auditor=auditor_label(m.audit), given=place(m.auditor_grade),
                              moderated=place(m.moderator_grade) if m.status in Moderation.DONE_STATUSES else None)
            for m in moderations]
