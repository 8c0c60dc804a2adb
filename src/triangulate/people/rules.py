import rules

from triangulate.core.predicates import has_any_role, has_role, sees_individuals
from triangulate.core.roles import Role

rules.add_perm("people.view_council", has_any_role)
rules.add_perm("people.view_teams", has_any_role)
rules.add_perm("people.view_staff", sees_individuals)
rules.add_perm("people.manage_users", has_role(Role.SYSTEM_ADMIN))
rules.add_perm("people.manage_council", has_role(Role.SYSTEM_ADMIN, Role.QA_LEAD))
rules.add_perm("people.manage_teams", has_role(Role.SYSTEM_ADMIN))
rules.add_perm("people.manage_staff", has_role(Role.SYSTEM_ADMIN))
