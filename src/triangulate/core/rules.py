"""core's named permissions and who holds them (core/authority.py explains the pattern)."""

import rules

from .authority import Permission
from .predicates import has_any_role, has_role
from .roles import Role


class Perm(Permission):
    VIEW_HOME = "core.view_home"
    VIEW_THEMES = "core.view_themes"
    MANAGE_THEMES = "core.manage_themes"
    VIEW_AUDIT_EVENTS = "core.view_audit_events"
    VIEW_ACCESS_LOG = "core.view_access_log"


rules.add_perm(Perm.VIEW_HOME, has_any_role)
rules.add_perm(Perm.VIEW_THEMES, has_any_role)
rules.add_perm(Perm.MANAGE_THEMES, has_role(Role.QA_LEAD, Role.PRINCIPAL_SOCIAL_WORKER, Role.SYSTEM_ADMIN))
rules.add_perm(Perm.VIEW_AUDIT_EVENTS, has_role(Role.QA_LEAD, Role.SYSTEM_ADMIN))
rules.add_perm(Perm.VIEW_ACCESS_LOG, has_role(Role.QA_LEAD, Role.SYSTEM_ADMIN))
