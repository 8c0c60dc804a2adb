import rules

from .predicates import has_any_role, has_role
from .roles import Role

rules.add_perm("core.view_home", has_any_role)
rules.add_perm("core.view_themes", has_any_role)
rules.add_perm("core.manage_themes", has_role(Role.QA_LEAD, Role.PRINCIPAL_SOCIAL_WORKER, Role.SYSTEM_ADMIN))
rules.add_perm("core.view_audit_events", has_role(Role.QA_LEAD, Role.SYSTEM_ADMIN))
rules.add_perm("core.view_access_log", has_role(Role.QA_LEAD, Role.SYSTEM_ADMIN))
