"""benchmarks' named permissions and who holds them (core/authority.py explains the pattern)."""

import rules

from triangulate.core.authority import Permission
from triangulate.core.predicates import has_any_role, has_role
from triangulate.core.roles import Role


class Perm(Permission):
    VIEW = "benchmarks.view"  # the uploads, their figures and the comparisons they give
    MANAGE = "benchmarks.manage"  # upload and delete
    VIEW_NOTES = "benchmarks.view_notes"  # analysts' notes on figures ("to be verified", "revised in 2025")


rules.add_perm(Perm.VIEW, has_any_role)
rules.add_perm(Perm.MANAGE, has_role(Role.QA_LEAD, Role.SYSTEM_ADMIN))
# Notes are for the people who read the figures for the council, never for councillors, inspectors or
# practitioners.
rules.add_perm(Perm.VIEW_NOTES, has_role(Role.QA_LEAD, Role.SYSTEM_ADMIN, Role.PRINCIPAL_SOCIAL_WORKER,
                                         Role.SENIOR_LEADER))
