"""A round's life (design §3.1): plan, draw the sample, change it (§4.2), allocate (§4.3), close or cancel.

Each transition is one service: a move from the wrong state is refused with a plain ValidationError, and each
records one trail event carrying ids, states and seeds, never a child id."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from triangulate.core import audit as trail
from triangulate.core.authority import service, user_of
from triangulate.core.concurrency import claim, lock
from triangulate.core.formatting import date_uk
from triangulate.people.models import Team
from triangulate.people.selectors import home_teams, team_managers

from ..models import AuditRound, CaseAudit, RoundAuditor, RoundTeam, SampleEntry, ToolVersion
from ..models.choices import CaseType
from ..models.rounds import random_seed
from ..notices import Notice, notify_on_commit
from ..rules import AUDITOR_ROLES, Perm
from ..verbs import Verb
from . import allocation, sampling
from .cases import Workers, read_extract
from .moderation_selection import top_up_at_close

Status = AuditRound.Status
State = CaseAudit.State
EDITABLE = (Status.PLANNED, Status.SAMPLING)
CHANGEABLE_SAMPLE = (Status.SAMPLING, Status.ALLOCATED, Status.IN_PROGRESS)
RUNNING_STATES = (State.ALLOCATED, State.RECORD_REVIEW, State.WORKER_CONVERSATION, State.FAMILY_FEEDBACK,
                  State.GRADED)
FIELDS = ("name", "kind", "tool_version", "closed_since", "case_types", "exclude_months", "moderation_share",
          "seed", "audits_due", "allow_own_team")


def refuse_unless(round_, statuses, doing):
    if round_.status not in statuses:
        raise ValidationError(f"A round that is {round_.get_status_display().lower()} cannot be {doing}.")


def _check(values, teams, *, today):
    version = values.get("tool_version")
    if version is None or version.status != ToolVersion.Status.LIVE:
        raise ValidationError("Choose a tool with a live version.")
    due = values.get("audits_due")
    if due is None or due < today:
        raise ValidationError("The audits' due date cannot be in the past.")
    if not teams:
        raise ValidationError("Choose at least one team, with how many of its cases to audit.")
    if not set(values.get("case_types") or ()) or not set(values["case_types"]) <= set(CaseType.values):
        raise ValidationError("Choose at least one case type.")
    if version.tool.population == "closed_cases" and values.get("closed_since") is None:
        raise ValidationError("A round of closed cases needs the date the cases closed since.")


def _set_teams(round_, teams):
    """`teams` is [(team, size, every_open_case)]: the round's teams become exactly these."""
    RoundTeam.objects.filter(round=round_).exclude(team__in=[t for t, _s, _e in teams]).delete()
    for team, size, every in teams:
        if team.council_id != round_.council_id:
            raise ValidationError("A round's teams must be the council's own.")
        RoundTeam.objects.update_or_create(round=round_, team=team, defaults={"size": size, "every_open_case": every})


@service(Perm.MANAGE_ROUNDS)
def create_round(*, actor, council, teams, today=None, **values):
    """A planned round. `teams` is [(team, size, every_open_case)]; `values` are the round's FIELDS."""
    today = today or timezone.localdate()
    values = {k: v for k, v in values.items() if k in FIELDS}
    values.setdefault("case_types", list(CaseType.values))
    _check(values, teams, today=today)
    if not values.get("seed"):
        values["seed"] = random_seed()
    population = values["tool_version"].tool.population
    round_ = AuditRound.objects.create(council=council, population=population, created_by=user_of(actor),
                                       status=Status.PLANNED, **values)
    _set_teams(round_, teams)
    trail.record(actor, Verb.ROUND_CREATED, round_, status=round_.status, seed=round_.seed,
                 tool_version=round_.tool_version_id, teams=sorted(t.pk for t, _s, _e in teams))
    return round_


@service(Perm.MANAGE_ROUNDS, on="round")
def edit_round(*, actor, round, expected_version=None, teams=None, today=None, **values):
    """Edit while planned or sampling; the seed only while planned (§3.1)."""
    round_ = lock(round)
    refuse_unless(round_, EDITABLE, "changed")
    values = {k: v for k, v in values.items() if k in FIELDS}
    if "seed" in values and values["seed"] != round_.seed and round_.status != Status.PLANNED:
        raise ValidationError("The seed can be changed only before the sample is drawn: use “Draw again”.")
    claim(round_, expected_version)
    merged = {name: values.get(name, getattr(round_, name)) for name in FIELDS}
    if teams is None:
        teams = [(rt.team, rt.size, rt.every_open_case) for rt in round_.teams.select_related("team")]
    _check(merged, teams, today=today or timezone.localdate())
    for name, value in values.items():
        setattr(round_, name, value)
    round_.population = round_.tool_version.tool.population
    round_.save()
    _set_teams(round_, teams)
    trail.record(actor, Verb.ROUND_UPDATED, round_, fields=sorted(values), teams=sorted(t.pk for t, _s, _e in teams))
    return round_


@service(Perm.MANAGE_ROUNDS, on="round")
def set_auditors(*, actor, round, auditors):
    """The allocation pool: `auditors` is [(user, capacity or None)]."""
    round_ = lock(round)
    if round_.status in (Status.CLOSED, Status.CANCELLED):
        raise ValidationError("The round has ended: its auditors cannot change.")
    RoundAuditor.objects.filter(round=round_).exclude(user__in=[u for u, _c in auditors]).delete()
    for user, capacity in auditors:
        if not may_be_given_audits(user):
            raise ValidationError(f"{user.get_full_name() or user.get_username()} cannot be given audits.")
        RoundAuditor.objects.update_or_create(round=round_, user=user, defaults={"capacity": capacity})
    trail.record(actor, Verb.ROUND_UPDATED, round_, auditors=sorted(u.pk for u, _c in auditors))
    return round_


def may_be_given_audits(user):
    """§8 "Be given audits or moderations": team and service managers, auditors, QA leads, PSWs, senior leaders."""
    return user.is_active and AUDITOR_ROLES(user)


def prior_audits(round_):
    """Every other audit of the council's children, for §4.1 step 6."""
    rows = (CaseAudit.objects.filter(round__council_id=round_.council_id).exclude(round=round_)
            .values_list("child_id", "state", "completed_on"))
    done = (State.SUBMITTED, State.MODERATED, State.WITHDRAWN)
    return [sampling.Prior(child, state not in done, completed_on if state != State.WITHDRAWN else None)
            for child, state, completed_on in rows]


def sampling_params(round_, sampled_on):
    plans = tuple(sampling.TeamPlan(rt.team_id, rt.team.name, rt.size, rt.every_open_case)
                  for rt in round_.teams.select_related("team").order_by("team__name", "team_id"))
    return sampling.Params(seed=round_.seed, sampled_on=sampled_on, teams=plans,
                           case_types=tuple(round_.case_types), exclude_months=round_.exclude_months)


def round_extract(round_, upload):
    return read_extract(upload, round_.council, population=round_.population, closed_since=round_.closed_since)


def _draw(round_, upload, actor, today):
    extract = round_extract(round_, upload)
    drawn = sampling.draw(extract.cases, prior_audits(round_), sampling_params(round_, today), left_out=extract.left_out)
    workers = Workers(round_.council, upload.extract_date)
    round_.entries.all().delete()
    SampleEntry.objects.bulk_create([
        SampleEntry(round=round_, child_id=c.child_id, case_type=c.case_type, team_id=c.team_id,
                    worker_name=c.worker_name[:120], worker=workers.match(c.worker_name), rank_key=c.rank_key,
                    position=c.position, reason=c.reason, source=SampleEntry.Source.SAMPLED)
        for c in drawn.chosen])
    round_.upload = upload
    round_.sampled_at = timezone.now()
    round_.sampled_by = user_of(actor)
    round_.sample_counts = drawn.counts
    return drawn


def extract_age_warning(upload, today=None):
    """§3.1: a warning when the extract is more than 45 days old, else None."""
    today = today or timezone.localdate()
    age = (today - upload.extract_date).days
    if age > 45:
        return (f"The extract is {age} days old (extract date {date_uk(upload.extract_date)}): children who "
                "started or ended since then are not in it.")
    return None


@service(Perm.MANAGE_ROUNDS, on="round")
def draw_sample(*, actor, round, upload, today=None):
    """planned → sampling: runs §4.1 over `upload` (the latest published one) in the request, all or nothing."""
    round_ = lock(round)
    refuse_unless(round_, (Status.PLANNED,), "sampled")
    if upload is None:
        raise ValidationError("There is no published Annex A extract to draw the sample from.")
    drawn = _draw(round_, upload, actor, today or timezone.localdate())
    round_.status = Status.SAMPLING
    round_.save()
    claim(round_, None)
    trail.record(actor, Verb.ROUND_SAMPLED, round_, status=round_.status, seed=round_.seed, upload=upload.pk,
                 selected=len(drawn.chosen))
    return round_


@service(Perm.MANAGE_ROUNDS, on="round")
def redraw_sample(*, actor, round, upload, today=None, seed=None):
    """sampling → sampling "Draw again": a new seed replaces the entries; the trail keeps both seeds."""
    round_ = lock(round)
    refuse_unless(round_, (Status.SAMPLING,), "drawn again")
    if upload is None:
        raise ValidationError("There is no published Annex A extract to draw the sample from.")
    old = round_.seed
    round_.seed = seed or random_seed()
    drawn = _draw(round_, upload, actor, today or timezone.localdate())
    round_.save()
    claim(round_, None)
    trail.record(actor, Verb.ROUND_RESAMPLED, round_, old_seed=old, seed=round_.seed, upload=upload.pk,
                 selected=len(drawn.chosen))
    return round_


def withdraw_audit(audit, reason, note, actor):
    audit.state = State.WITHDRAWN
    audit.withdrawn_reason = reason
    audit.withdrawn_note = note
    audit.save(update_fields=["state", "withdrawn_reason", "withdrawn_note"])
    claim(audit, None)
    trail.record(actor, Verb.AUDIT_WITHDRAWN, audit, state=audit.state, reason=reason, round=audit.round_id)


def audit_for(entry, round_, auditor, actor):
    audit = CaseAudit.objects.create(
        round=round_, sample_entry=entry, tool_version=round_.tool_version, child_id=entry.child_id,
        case_type=entry.case_type, team_id=entry.team_id, worker=entry.worker, worker_name=entry.worker_name,
        auditor=auditor, auditor_name=auditor.get_full_name() or auditor.get_username(), state=State.ALLOCATED,
        due_date=round_.audits_due, allocated_at=timezone.now(), allocated_by=user_of(actor),
        source=CaseAudit.Source.ADDED if entry.source == SampleEntry.Source.ADDED else CaseAudit.Source.SAMPLED)
    trail.record(actor, Verb.AUDIT_ALLOCATED, audit, state=audit.state, auditor=auditor.pk, round=round_.pk)
    return audit


def _pool(round_):
    places = list(round_.auditors.select_related("user__profile").order_by("user__username"))
    return [allocation.Auditor(key=p.user_id, username=p.user.get_username(),
                               home_team_ids=frozenset(home_teams(p.user).values_list("pk", flat=True)),
                               staff_id=getattr(getattr(p.user, "profile", None), "staff_id", None),
                               capacity=p.capacity) for p in places], {p.user_id: p.user for p in places}


@service(Perm.MANAGE_ROUNDS, on="round")
def allocate_round(*, actor, round):
    """sampling → allocated (§3.1, §4.3): one allocated CaseAudit per selected entry without one. Run again while
    allocated or in progress, it allocates the entries added or left over since. Returns the Allocation."""
    round_ = lock(round)
    refuse_unless(round_, CHANGEABLE_SAMPLE, "allocated")
    auditors, users = _pool(round_)
    if not auditors:
        raise ValidationError("Add at least one auditor on the allocation page first.")
    waiting = list(round_.entries.filter(status=SampleEntry.Status.SELECTED, audit__isnull=True)
                   .select_related("team"))
    loads = {}
    for auditor_id, team_id in (round_.audits.exclude(state=State.WITHDRAWN).values_list("auditor_id", "team_id")):
        loads.setdefault(auditor_id, []).append(team_id)
    result = allocation.allocate(
        [allocation.Entry(e.pk, e.team_id, e.team.name, e.case_type, e.position or 0, e.worker_id) for e in waiting],
        auditors, allow_own_team=round_.allow_own_team, loads=loads)
    by_pk = {e.pk: e for e in waiting}
    given = {}
    for entry_pk, user_pk in result.assigned.items():
        audit = audit_for(by_pk[entry_pk], round_, users[user_pk], actor)
        given.setdefault(user_pk, []).append(audit)
    if round_.status == Status.SAMPLING:
        round_.status = Status.ALLOCATED
        round_.save(update_fields=["status"])
    claim(round_, None)
    trail.record(actor, Verb.ROUND_ALLOCATED, round_, status=round_.status, allocated=len(result.assigned),
                 unallocated=len(result.unallocated))
    _tell(round_, given)
    return result


def _tell(round_, given):
    """Each auditor once per round, by email; each team manager in-app, with how many of their team's cases."""
    due = date_uk(round_.audits_due)
    url = reverse("audits:round_detail", args=[round_.pk])
    for audits in given.values():
        n = len(audits)
        notify_on_commit([audits[0].auditor], Notice.AUDITS_ALLOCATED,
                         f"{n} {'audit' if n == 1 else 'audits'} allocated to you, due {due}", url,
                         email=True, dedupe_key=f"audits-allocated:{round_.pk}")
    per_team = {}
    for audits in given.values():
        for audit in audits:
            per_team.setdefault(audit.team_id, []).append(audit)
    for team in Team.objects.filter(pk__in=per_team).order_by("name"):
        n = round_.audits.filter(team=team).exclude(state=State.WITHDRAWN).count()
        notify_on_commit(team_managers(team), Notice.TEAM_CASES_IN_ROUND,
                         f"{n} {'case' if n == 1 else 'cases'} of {team.name} in an audit round, due {due}", url,
                         dedupe_key=f"team-cases-in-round:{round_.pk}:{team.pk}:{n}")


@service(Perm.MANAGE_ROUNDS, on="round")
def close_round(*, actor, round):
    """in progress (or allocated) → closed: audits not finished are withdrawn with `round_closed`, then the
    moderation top-up meets the share exactly (§5.1). Moderation can finish after the round closes."""
    round_ = lock(round)
    refuse_unless(round_, (Status.ALLOCATED, Status.IN_PROGRESS), "closed")
    for audit in round_.audits.filter(state__in=RUNNING_STATES).order_by("pk"):
        withdraw_audit(lock(audit), CaseAudit.WithdrawnReason.ROUND_CLOSED, "", actor)
    top_up_at_close(round_, actor=actor)
    round_.status = Status.CLOSED
    round_.closed_at = timezone.now()
    round_.closed_by = user_of(actor)
    round_.save(update_fields=["status", "closed_at", "closed_by"])
    claim(round_, None)
    trail.record(actor, Verb.ROUND_CLOSED, round_, status=round_.status)
    return round_


@service(Perm.MANAGE_ROUNDS, on="round")
def cancel_round(*, actor, round):
    """planned or sampling → cancelled, only while the round has no audits."""
    round_ = lock(round)
    refuse_unless(round_, EDITABLE, "cancelled")
    if round_.audits.exists():
        raise ValidationError("A round with audits cannot be cancelled: close it instead.")
    round_.status = Status.CANCELLED
    round_.save(update_fields=["status"])
    claim(round_, None)
    trail.record(actor, Verb.ROUND_CANCELLED, round_, status=round_.status)
    return round_



@service(Perm.MANAGE_ROUNDS, on="round")
def allocate_by_hand(*, actor, round, entry, auditor):
    """§4.3 "By hand": give a selected entry to `auditor`, making its audit or moving an unfinished one to them.
    Refused for someone from the case's team (unless the round allows own team) or the case's own worker."""
    round_ = lock(round)
    refuse_unless(round_, (Status.ALLOCATED, Status.IN_PROGRESS), "allocated by hand")
    entry = SampleEntry.objects.select_related("team").get(pk=entry.pk, round=round_)
    if entry.status != SampleEntry.Status.SELECTED:
        raise ValidationError("This child is withdrawn from the round.")
    name = auditor.get_full_name() or auditor.get_username()
    if not may_be_given_audits(auditor):
        raise ValidationError(f"{name} cannot be given audits.")
    candidate = allocation.Auditor(key=auditor.pk, username=auditor.get_username(),
                                   home_team_ids=frozenset(home_teams(auditor).values_list("pk", flat=True)),
                                   staff_id=getattr(getattr(auditor, "profile", None), "staff_id", None))
    case = allocation.Entry(entry.pk, entry.team_id, entry.team.name, entry.case_type, entry.position or 0,
                            entry.worker_id)
    if allocation.conflicted(candidate, case, allow_own_team=round_.allow_own_team):
        raise ValidationError(f"{name} cannot audit this case: it is their own team's, or their own case.")
    audit = CaseAudit.objects.filter(sample_entry=entry).exclude(state=State.WITHDRAWN).first()
    if audit is None:
        audit = audit_for(entry, round_, auditor, actor)
    else:
        audit = lock(audit)
        if audit.state not in RUNNING_STATES:
            raise ValidationError("A submitted audit cannot be given to someone else.")
        if audit.auditor_id == auditor.pk:
            raise ValidationError(f"{name} already has this audit.")
        before = audit.auditor_id
        audit.auditor, audit.auditor_name = auditor, name
        audit.allocated_at, audit.allocated_by = timezone.now(), user_of(actor)
        audit.save(update_fields=["auditor", "auditor_name", "allocated_at", "allocated_by"])
        claim(audit, None)
        trail.record(actor, Verb.AUDIT_REALLOCATED, audit, auditor=[before, auditor.pk], round=round_.pk)
    notify_on_commit([auditor], Notice.AUDITS_ALLOCATED,
                     f"An audit was allocated to you, due {date_uk(round_.audits_due)}",
                     reverse("audits:round_detail", args=[round_.pk]), email=True)
    claim(round_, None)
    return audit


@service(Perm.MANAGE_ROUNDS, on="round")
def set_worker(*, actor, round, entry, worker):
    """§1.5: the QA lead names the worker the extract's name could not be matched to (on the entry and its audit)."""
    round_ = lock(round)
    refuse_unless(round_, CHANGEABLE_SAMPLE, "changed")
    entry = SampleEntry.objects.select_for_update().get(pk=entry.pk, round=round_)
    if worker.council_id != round_.council_id:
        raise ValidationError("Choose a member of the council's staff.")
    entry.worker = worker
    entry.save(update_fields=["worker"])
    audit = CaseAudit.objects.filter(sample_entry=entry).exclude(state=State.WITHDRAWN).first()
    if audit is not None:
        audit = lock(audit)
        audit.worker = worker
        audit.save(update_fields=["worker"])
        claim(audit, None)
    trail.record(actor, Verb.ROUND_UPDATED, round_, entry=entry.pk, worker=worker.pk)
    claim(round_, None)
    return entry
