"""people's named permissions and who holds them (core/authority.py explains the pattern)."""

import rules

from triangulate.core.authority import Permission
from triangulate.core.predicates import has_any_role, has_role, sees_individuals
from triangulate.core.roles import Role


class Perm(Permission):
    VIEW_COUNCIL = "people.view_council"
    VIEW_TEAMS = "people.view_teams"
    VIEW_STAFF = "people.view_staff"
    MANAGE_USERS = "people.manage_users"
    MANAGE_COUNCIL = "people.manage_council"
    MANAGE_TEAMS = "people.manage_teams"
    MANAGE_STAFF = "people.manage_staff"
    CHANGE_PASSWORD = "people.change_password"  # of an account: its own user, or an administrator
    INVITE_GUESTS = "people.invite_guests"  # role-less, expiring guest accounts (docs/design/practice.md §3.4)


@rules.predicate
def is_own_account(user, account):
    return account is not None and account.pk == user.pk


rules.add_perm(Perm.VIEW_COUNCIL, has_any_role)
rules.add_perm(Perm.VIEW_TEAMS, has_any_role)
rules.add_perm(Perm.VIEW_STAFF, sees_individuals)
rules.add_perm(Perm.MANAGE_USERS, has_role(Role.SYSTEM_ADMIN))
rules.add_perm(Perm.MANAGE_COUNCIL, has_role(Role.SYSTEM_ADMIN, Role.QA_LEAD))
rules.add_perm(Perm.MANAGE_TEAMS, has_role(Role.SYSTEM_ADMIN))
rules.add_perm(Perm.MANAGE_STAFF, has_role(Role.SYSTEM_ADMIN))
rules.add_perm(Perm.INVITE_GUESTS, has_role(Role.QA_LEAD, Role.PRINCIPAL_SOCIAL_WORKER, Role.SENIOR_LEADER))
# Anyone signed in may change their own password (even without a current role: the page is how a user with
# a temporary password sets their own); an administrator may set anyone's.
rules.add_perm(Perm.CHANGE_PASSWORD, rules.is_authenticated & (is_own_account | has_role(Role.SYSTEM_ADMIN)))
