"""Writes to findings and actions: each takes the acting user, is atomic and is audited."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from triangulate.core import audit
from triangulate.core.concurrency import claim, lock
from triangulate.people.scope import team_in_scope

from .models import Action, ActionStatusChange, Finding


def _check_team(actor, team):
    if team is not None and not team_in_scope(actor, team.pk):
        raise PermissionDenied("team outside the actor's scope")


@transaction.atomic
def record_finding(*, actor, kind, text, theme, team, source, found_on):
    if not actor.has_perm("improvement.add_finding"):
        raise PermissionDenied("improvement.add_finding")
    _check_team(actor, team)
    if found_on > timezone.localdate():
        raise ValidationError({"found_on": "The date of the finding must be today or in the past"})
    finding = Finding.objects.create(kind=kind, text=text.strip(), theme=theme, team=team, source=source,
                                     found_on=found_on, recorded_by=actor)
    audit.record(actor, "finding.recorded", finding, kind=kind, theme=theme, team=team, source=source,
                 found_on=found_on)
    return finding


@transaction.atomic
def create_action(*, actor, title, rationale, priority, owner, due_date, theme, team=None, finding=None):
    if not actor.has_perm("improvement.add_action"):
        raise PermissionDenied("improvement.add_action")
    _check_team(actor, team)
    if finding is not None and team is None:
        team = finding.team
    action = Action.objects.create(title=title.strip(), rationale=rationale.strip(), priority=priority, owner=owner,
                                   due_date=due_date, theme=theme, team=team, finding=finding, created_by=actor)
    ActionStatusChange.objects.create(action=action, status=action.status, changed_on=timezone.localdate(),
                                      note="Action set", changed_by=actor)
    audit.record(actor, "action.created", action, title=action.title, priority=priority, owner=owner,
                 due_date=due_date, theme=theme, team=team, finding=finding)
    return action


@transaction.atomic
def change_action_status(*, actor, action, status, changed_on, note="", evidence="", expected_version=None):
    """Move the action to `status`. `expected_version` is the version the user's page showed: a change
    posted from a page drawn before someone else's change is refused (StaleEdit), never laid on top.
    Evidence is only ever added to: completing again keeps the evidence already given."""
    if not actor.has_perm("improvement.update_action", action):
        raise PermissionDenied("improvement.update_action")
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
    audit.record(actor, "action.status_changed", action, status=[old, status], changed_on=changed_on,
                 evidence_added=bool(evidence))
    return action
