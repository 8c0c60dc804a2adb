import rules

from triangulate.core.predicates import has_any_role

rules.add_perm("performance.view_kpis", has_any_role)
