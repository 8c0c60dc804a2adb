"""performance's named permissions and who holds them (core/authority.py explains the pattern)."""

import rules

from triangulate.core.authority import Permission
from triangulate.core.predicates import has_any_role, sees_individuals


class Perm(Permission):
    VIEW_KPIS = "performance.view_kpis"
    VIEW_CHILDREN = "performance.view_children"


rules.add_perm(Perm.VIEW_KPIS, has_any_role)
# child-level lists: never for aggregate-only roles (elected members)
rules.add_perm(Perm.VIEW_CHILDREN, sees_individuals)
