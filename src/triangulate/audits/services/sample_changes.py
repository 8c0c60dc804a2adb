"""Changing a round's sample after it is drawn (design §4.2): a child withdrawn with a reason, and replaced by the
next child in the round's seeded order, or a child added by hand. Each records trail events carrying ids and
reasons, never a child id."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from triangulate.core import audit as trail
from triangulate.core.authority import service, user_of
from triangulate.core.concurrency import claim, lock
from triangulate.core.formatting import date_uk
from triangulate.people.models import Team

from ..models import CaseAudit, SampleEntry
from ..models.choices import CaseType
from ..rules import Perm
from ..verbs import Verb
from . import sampling
from .cases import Workers
from .rounds import (
    CHANGEABLE_SAMPLE,
    RUNNING_STATES,
    State,
    audit_for,
    prior_audits,
    refuse_unless,
    round_extract,
    sampling_params,
    withdraw_audit,
)

WITHDRAW_REASONS = [(value, label) for value, label in CaseAudit.WithdrawnReason.choices
                    if value not in ("", CaseAudit.WithdrawnReason.ROUND_CLOSED)]


def replacement_for(entry, *, today=None):
    """§4.2: the first child of the withdrawn entry's stratum, in the round's seeded order over `round.upload`,
    with the same exclusions, leaving out every child already in the round. (rank_key, position, case) or None.
    Raises cases.TablesGone when the extract is no longer held."""
    round_ = entry.round
    extract = round_extract(round_, round_.upload)
    sampled_on = timezone.localdate(round_.sampled_at) if round_.sampled_at else (today or timezone.localdate())
    in_round = set(round_.entries.values_list("child_id", flat=True))
    for key, position, case in sampling.stratum_order(extract.cases, prior_audits(round_), sampling_params(round_, sampled_on),
                                                      entry.team_id, entry.case_type):
        if case.child_id not in in_round:
            return key, position, case
    return None


@service(Perm.MANAGE_ROUNDS, on="round")
def withdraw_entry(*, actor, round, entry, reason, note="", replace=False, today=None):
    """Withdraw a child (and its audit) with a reason; with `replace`, the next child in the seeded order takes its
    place, for the same auditor (§4.2). Returns the replacement entry or None."""
    round_ = lock(round)
    refuse_unless(round_, CHANGEABLE_SAMPLE, "changed")
    entry = SampleEntry.objects.select_for_update().get(pk=entry.pk, round=round_)
    if entry.status == SampleEntry.Status.WITHDRAWN:
        raise ValidationError("This child is already withdrawn.")
    if reason not in dict(WITHDRAW_REASONS):
        raise ValidationError("Choose why the child is withdrawn.")
    if reason == CaseAudit.WithdrawnReason.OTHER and not note.strip():
        raise ValidationError("Say why the child is withdrawn.")
    audit = CaseAudit.objects.filter(sample_entry=entry).exclude(state=State.WITHDRAWN).first()
    if audit is not None:
        if audit.state not in RUNNING_STATES:
            raise ValidationError("A submitted audit cannot be withdrawn.")
        withdraw_audit(lock(audit), reason, note, actor)
    entry.status = SampleEntry.Status.WITHDRAWN
    entry.save(update_fields=["status"])
    trail.record(actor, Verb.ENTRY_WITHDRAWN, entry, round=round_.pk, reason=reason,
                 audit=audit.pk if audit else None)
    new = None
    if replace:
        found = replacement_for(entry, today=today)
        if found is None:
            raise ValidationError("No other eligible child is left in this team and case type: "
                                  "withdraw without a replacement, or add a child by hand.")
        key, position, case = found
        worker = Workers(round_.council, round_.upload.extract_date).match(case.worker_name)
        new = SampleEntry.objects.create(
            round=round_, child_id=case.child_id, case_type=case.case_type, team_id=case.team_id,
            worker_name=case.worker_name[:120], worker=worker, rank_key=key, position=position,
            source=SampleEntry.Source.REPLACEMENT, replaces=entry, added_by=user_of(actor),
            reason=f"Replaces a child withdrawn on {date_uk(today or timezone.localdate())}: "
                   f"next in the seeded order (seed {round_.seed}).")
        trail.record(actor, Verb.ENTRY_REPLACED, new, round=round_.pk, replaces=entry.pk)
        if audit is not None:
            audit_for(new, round_, audit.auditor, actor)
    claim(round_, None)
    return new


@service(Perm.MANAGE_ROUNDS, on="round")
def add_child(*, actor, round, child_id, reason, case_type=None, team=None, worker_name="", today=None):
    """"Add a child" (§4.2): the type, team and worker come from the round's extract when the child is in it;
    otherwise from what was entered. The id arrives in the POST body, never the address."""
    from triangulate.datasets.parsers.annex_a.normalise import norm_id

    round_ = lock(round)
    refuse_unless(round_, CHANGEABLE_SAMPLE, "changed")
    child_id, _problem = norm_id(child_id)
    if not child_id:
        raise ValidationError("Enter the child's ID.")
    if not (reason or "").strip():
        raise ValidationError("Say why the child is added.")
    if round_.entries.filter(child_id=child_id).exists():
        raise ValidationError("This child is already in the round.")
    found = None
    try:
        found = next((c for c in round_extract(round_, round_.upload).cases if c.child_id == child_id), None)
    except ValidationError:
        found = None  # the extract is gone: what was entered stands
    if found is not None:
        case_type, team_id, worker_name = found.case_type, found.team_id, found.worker_name
    else:
        if case_type not in CaseType.values or team is None:
            raise ValidationError("This child is not in the round's extract: choose their case type and team.")
        team_id = team.pk
    team = Team.objects.get(pk=team_id, council=round_.council)
    day = round_.upload.extract_date if round_.upload else (today or timezone.localdate())
    entry = SampleEntry.objects.create(
        round=round_, child_id=child_id, case_type=case_type, team=team, worker_name=(worker_name or "")[:120],
        worker=Workers(round_.council, day).match(worker_name), source=SampleEntry.Source.ADDED,
        added_by=user_of(actor), reason=f"Added by hand: {reason.strip()}")
    trail.record(actor, Verb.ENTRY_ADDED, entry, round=round_.pk, team=team.pk, case_type=case_type)
    claim(round_, None)
    return entry
