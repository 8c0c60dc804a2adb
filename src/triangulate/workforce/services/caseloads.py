"""Writing caseload settings (design §2.3, §2.4): which staff record an extract's worker means, and the caseload
targets. Public services (core/authority.py): each names its actor, checks Perm.MANAGE_MATCHING, runs in its own
transaction and records an audit event with ids and figures only (never a worker's name: the row has it).

Both records name the person who decided (`decided_by`, `changed_by`), so they are written by a signed-in user,
not a System reason."""

from decimal import Decimal

from django.core.exceptions import ValidationError

from triangulate.core import audit
from triangulate.core.authority import service, user_of
from triangulate.datasets.teams.selectors import name_key, tidy

from ..models import CaseloadTarget, WorkerMatch
from ..rules import Perm
from ..verbs import Verb

MAX_AVERAGE = Decimal("99.9")


def _author(actor):
    user = user_of(actor)
    if user is None:
        raise TypeError("a caseload decision names the person who made it: call with a signed-in user")
    return user


@service(Perm.MANAGE_MATCHING)
def match_worker(*, actor, council, extract_name, staff=None, not_staff=False):
    """Say which staff record the extract's worker `extract_name` means, or (not_staff) that it means no member of
    staff (a duty inbox, a locum without a record). An explicit decision wins over a same-reference or same-name
    match (workforce/matching.py). Returns the WorkerMatch."""
    name = tidy(extract_name)
    if not name:
        raise ValidationError({"worker": "Choose a worker from the extract"})
    if len(name) > WorkerMatch._meta.get_field("extract_name").max_length:
        raise ValidationError({"worker": "The worker's name must be 255 characters or fewer"})
    if (staff is None) == (not not_staff):
        raise ValidationError({"staff": "Choose the member of staff, or say the worker is not a member of staff"})
    if staff is not None and staff.council_id != council.pk:
        raise ValidationError({"staff": "Choose one of the council's staff"})
    user = _author(actor)
    row = WorkerMatch.objects.select_for_update().filter(council=council, key=name_key(name)).first()
    before = [row.staff_id, row.not_staff] if row else [None, False]
    if row is None:
        row = WorkerMatch(council=council, key=name_key(name))
    elif before == [staff.pk if staff else None, bool(not_staff)]:
        return row  # nothing to change
    row.extract_name, row.staff, row.not_staff, row.decided_by = name, staff, bool(not_staff), user
    row.save()
    audit.record(actor, Verb.WORKER_MATCHED, row, staff=[before[0], staff.pk if staff else None],
                 not_staff=[before[1], bool(not_staff)])
    return row


@service(Perm.MANAGE_MATCHING)
def clear_worker_match(*, actor, council, extract_name):
    """Remove the decision for `extract_name`: the worker is matched by reference or name again, if at all."""
    row = WorkerMatch.objects.select_for_update().filter(council=council, key=name_key(extract_name)).first()
    if row is None:
        raise ValidationError({"worker": "That worker has no decision to clear"})
    audit.record(actor, Verb.WORKER_MATCH_CLEARED, row, staff=[row.staff_id, None], not_staff=[row.not_staff, False])
    row.delete()


def _check(average, maximum):
    errors = {}
    if average is None or not (Decimal("0") < Decimal(average) <= MAX_AVERAGE):
        errors["average"] = "Enter an average caseload between 0.1 and 99.9"
    if maximum is not None and not (0 < maximum <= 999):
        errors["maximum"] = "Enter a maximum caseload between 1 and 999, or leave it blank"
    elif maximum is not None and average is not None and Decimal(maximum) < Decimal(average):
        errors["maximum"] = "The maximum must be at least the average"
    if errors:
        raise ValidationError(errors)


@service(Perm.MANAGE_MATCHING)
def set_target(*, actor, council, team=None, average, maximum=None):
    """Set the council's default caseload target (team None) or a team's own. Returns the CaseloadTarget."""
    _check(average, maximum)
    if team is not None and team.council_id != council.pk:
        raise ValidationError({"team": "Choose one of the council's teams"})
    user = _author(actor)
    row = CaseloadTarget.objects.select_for_update().filter(council=council, team=team).first()
    before = [row.average, row.maximum] if row else [None, None]
    if row is None:
        row = CaseloadTarget(council=council, team=team)
    elif Decimal(before[0]) == Decimal(average) and before[1] == maximum:
        return row
    row.average, row.maximum, row.changed_by = Decimal(average), maximum, user
    row.save()
    audit.record(actor, Verb.TARGET_SET, row, team=team.pk if team else None, average=[before[0], row.average],
                 maximum=[before[1], maximum])
    return row


@service(Perm.MANAGE_MATCHING)
def clear_target(*, actor, council, team=None):
    """Remove a team's own target (it takes the council default again) or the council default."""
    row = CaseloadTarget.objects.select_for_update().filter(council=council, team=team).first()
    if row is None:
        raise ValidationError({"team": "There is no target to remove"})
    audit.record(actor, Verb.TARGET_CLEARED, row, team=team.pk if team else None, average=[row.average, None],
                 maximum=[row.maximum, None])
    row.delete()
