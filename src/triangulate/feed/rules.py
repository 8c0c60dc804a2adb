"""feed's named permissions and who holds them (core/authority.py explains the pattern; the letters are the
permission matrix's: PR TM SM AU QA PW SL EM IN SA).

The feed's endpoints are not pages of a signed-in person: a token is their credential (tokens.py). These
permissions are for the token pages: the system administrator issues and revokes tokens (the council's IT
team), the QA and performance lead reads who holds one and what was read with it."""

import rules

from triangulate.core.authority import Permission
from triangulate.core.predicates import has_role
from triangulate.core.roles import Role


class Perm(Permission):
    VIEW_TOKENS = "feed.view_tokens"  # the list, the call log, the help page: FFFFOFFFFO
    MANAGE_TOKENS = "feed.manage_tokens"  # issue and revoke: FFFFFFFFFO


rules.add_perm(Perm.VIEW_TOKENS, has_role(Role.QA_LEAD, Role.SYSTEM_ADMIN))
rules.add_perm(Perm.MANAGE_TOKENS, has_role(Role.SYSTEM_ADMIN))
