"""Access roles: what a signed-in person may do, before team scope is applied.

A role is about access, not job title: a team manager's staff record says
"team manager" and their account usually has the TEAM_MANAGER role, but an
auditor's account may belong to a senior practitioner.
"""

from django.db import models


class Role(models.TextChoices):
    PRACTITIONER = "practitioner", "Practitioner"
    TEAM_MANAGER = "team_manager", "Team manager"
    SERVICE_MANAGER = "service_manager", "Service manager"
    AUDITOR = "auditor", "Auditor"
    QA_LEAD = "qa_lead", "QA and performance lead"
    PRINCIPAL_SOCIAL_WORKER = "psw", "Principal social worker"
    SENIOR_LEADER = "senior_leader", "Senior leader"
    ELECTED_MEMBER = "elected_member", "Elected member"
    INSPECTOR = "inspector", "Inspector"
    SYSTEM_ADMIN = "system_admin", "System administrator"


# Roles that see every team's records (subject to their page permissions).
COUNCIL_WIDE = frozenset(
    {
        Role.AUDITOR,
        Role.QA_LEAD,
        Role.PRINCIPAL_SOCIAL_WORKER,
        Role.SENIOR_LEADER,
        Role.INSPECTOR,
        Role.SYSTEM_ADMIN,
    }
)
# Roles that see only aggregates: never a named child or member of staff.
AGGREGATES_ONLY = frozenset({Role.ELECTED_MEMBER})
# Roles that may never change anything.
READ_ONLY = frozenset({Role.INSPECTOR, Role.ELECTED_MEMBER})
