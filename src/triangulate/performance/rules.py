import rules

from triangulate.core.predicates import has_any_role, sees_individuals

rules.add_perm("performance.view_kpis", has_any_role)
# child-level lists: never for aggregate-only roles (elected members)
rules.add_perm("performance.view_children", sees_individuals)
