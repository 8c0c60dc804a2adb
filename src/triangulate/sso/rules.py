"""sso's named permissions and who holds them (core/authority.py explains the pattern)."""

import rules

from triangulate.core.authority import Permission
from triangulate.core.predicates import has_role
from triangulate.core.roles import Role


class Perm(Permission):
    # Which of the council's groups give which role and teams: whoever edits this decides everyone's access,
    # so only the system administrator. SA only.
    MANAGE_SIGN_IN = "sso.manage_sign_in"
    # Signing someone in through the provider: only the system does it (core.authority.System.SIGN_IN), after the
    # provider has vouched for them. Held by no role.
    SIGN_IN_WITH_PROVIDER = "sso.sign_in_with_provider"


rules.add_perm(Perm.MANAGE_SIGN_IN, has_role(Role.SYSTEM_ADMIN))
rules.add_perm(Perm.SIGN_IN_WITH_PROVIDER, rules.always_deny)
