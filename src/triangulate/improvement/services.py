"""Writes to findings and actions. Each is a public service (core/authority.py): it names its actor, checks
its permission, runs in its own transaction and records an AuditEvent."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from triangulate.core import audit
from triangulate.core.authority import service
from triangulate.core.concurrency import claim, lock
from triangulate.people.scope import check_team

from . import kpi_links
from .models import Action, ActionStatusChange, Finding
from .rules import Perm
from .verbs import Verb


def check_kpi(kpi_id):
    """Refuse a measure the catalogue does not hold ("" is no measure). The catalogue is registered by the
    app that owns it (kpi_links.py), so a command or another service cannot store a made-up id either."""
    if kpi_id and not kpi_links.is_known(kpi_id):
        raise ValidationError({"kpi_id": "Select a measure from the list"})


def measure_change(kpi_id):
    # the audit event names the measure only when there is one: records about none read as they always have
    return {"kpi": kpi_id} if kpi_id else {}


@service(Perm.ADD_FINDING)
def record_finding(*, actor, kind, text, theme, team, source, found_on, kpi_id="", grant=None):
    check_team(actor, team, grant)
    check_kpi(kpi_id)
    if found_on > timezone.localdate():
        raise ValidationError({"found_on": "The date of the finding must be today or in the past"})
    finding = Finding.objects.create(kind=kind, text=text.strip(), theme=theme, team=team, source=source,
                                     found_on=found_on, recorded_by=actor, kpi_id=kpi_id)
    audit.record(actor, Verb.FINDING_RECORDED, finding, kind=kind, theme=theme, team=team, source=source,
                 found_on=found_on, **measure_change(kpi_id))
    return finding


@service(Perm.ADD_ACTION)
def create_action(*, actor, title, rationale, priority, owner, due_date, theme, team=None, finding=None, kpi_id="",
                  grant=None):
    """`grant` (people.scope.Grant) lets a peer auditor set the action for the audited team."""
    check_team(actor, team, grant)
    check_kpi(kpi_id)
    if finding is not None and team is None:
        team = finding.team
    if finding is not None and not kpi_id:
        kpi_id = finding.kpi_id  # an action from a finding about a measure is about it too, as with its team
    action = Action.objects.create(title=title.strip(), rationale=rationale.strip(), priority=priority, owner=owner,
                                   due_date=due_date, theme=theme, team=team, finding=finding, kpi_id=kpi_id,
                                   created_by=actor)
    ActionStatusChange.objects.create(action=action, status=action.status, changed_on=timezone.localdate(),
                                      note="Action set", changed_by=actor)
    audit.record(actor, Verb.ACTION_CREATED, action, title=action.title, priority=priority, owner=owner,
                 due_date=due_date, theme=theme, team=team, finding=finding, **measure_change(kpi_id))
    return action


@service(Perm.UPDATE_ACTION, on="action")
def change_action_status(*, actor, action, status, changed_on, note="", evidence="", expected_version=None):
    """Move the action to `status`. `expected_version` is the version the user's page showed: a change
    posted from a page drawn before someone else's change is refused (StaleEdit), never laid on top.
    Evidence is only ever added to: completing again keeps the evidence already given."""
    lock(action)  # re-read under the lock: the caller's object shows the action as stored now
    claim(action, expected_version)
    evidence = evidence.strip()
    errors = {}
    if status == action.status:
        errors["status"] = f"The action is already {action.get_status_display().lower()}"
    if status == Action.Status.COMPLETE and not (evidence or action.evidence):
        errors["evidence"] = "Enter the evidence that the action is complete"
    if changed_on > timezone.localdate():
        errors["changed_on"] = "The date of the change must be today or in the past"
    elif changed_on < action.created_at.date():
        errors["changed_on"] = "The date of the change cannot be before the action was set"
    if errors:
        raise ValidationError(errors)
    old = action.status
    action.status = status
    if evidence and evidence not in action.evidence:
        action.evidence = f"{action.evidence}\n\n{evidence}" if action.evidence else evidence
    action.save(update_fields=["status", "evidence", "version"])
    ActionStatusChange.objects.create(action=action, status=status, changed_on=changed_on, note=note.strip(),
                                      changed_by=actor)
    audit.record(actor, Verb.ACTION_STATUS_CHANGED, action, status=[old, status], changed_on=changed_on,
                 evidence_added=bool(evidence))
    return action
