"""Writing the team-name mapping: a public service (core/authority.py) that names its actor, checks its
permission, runs in its own transaction and records an AuditEvent."""

from django.core.exceptions import ValidationError

from triangulate.core import audit
from triangulate.core.authority import service, user_of

from ..models import TeamNameMapping
from ..rules import Perm
from ..verbs import Verb
from .selectors import TeamNames, name_key, tidy

UNCHECKED = object()


def _team_label(team):
    return team.name if team is not None else "no council team"


@service(Perm.UPLOAD)
def map_team_name(*, actor, council, extract_name, team, expected_team_id=UNCHECKED):
    """Say which council team `extract_name` means, or (team None) that it means none. Returns the
    effective Match afterwards.

    `expected_team_id` is the team (pk, or None for none) the name meant when the user's page was drawn:
    if someone has changed it since, the save is refused with both versions, never applied over theirs.

    Unmapping keeps a row with no team only when the implicit same-name match would otherwise map the
    name again; else the row goes, so a team later given that case-system name picks the name up.
    """
    name = tidy(extract_name)
    if not name:
        raise ValidationError({"extract_name": "Choose a team name from the extracts"})
    if len(name) > TeamNameMapping._meta.get_field("extract_name").max_length:
        raise ValidationError({"extract_name": "The team name must be 255 characters or fewer"})
    if team is not None:
        if team.council_id != council.pk:
            raise ValidationError({"team": "Choose one of the council's teams"})
        if not team.is_active:
            raise ValidationError({"team": f"{team.name} is no longer an active team: choose a current team, "
                                           "or leave the name not mapped"})
    key = name_key(name)
    row = TeamNameMapping.objects.select_for_update().filter(council=council, key=key).first()
    names = TeamNames(council)  # read after the lock, so the check below sees any save just made
    before = names.resolve(name)
    if expected_team_id is not UNCHECKED and (before.team.pk if before.team else None) != expected_team_id:
        raise ValidationError({"team": f"Someone changed this mapping after you opened the page: “{name}” now "
                                       f"counts under {_team_label(before.team)}; you chose {_team_label(team)}. "
                                       "Nothing was saved: check it and save again to keep your choice."})
    if team is None and names.implicit(name).team is None:
        if row is not None:
            audit.record(actor, Verb.TEAM_NAME_UNMAPPED, row, extract_name=name, team=[row.team_id, None])
            row.delete()
        return names.implicit(name)
    if row is not None and row.team_id == (team.pk if team else None):
        return before  # nothing to change
    if row is None:
        row = TeamNameMapping(council=council, key=key)
    row.extract_name, row.team = name, team
    row.changed_by = user_of(actor)
    row.save()
    audit.record(actor, Verb.TEAM_NAME_MAPPED if team else Verb.TEAM_NAME_UNMAPPED, row, extract_name=name,
                 team=[before.team.pk if before.team else None, team.pk if team else None])
    return TeamNames(council).resolve(name)
