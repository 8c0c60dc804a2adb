"""datasets' named permissions and who holds them (core/authority.py explains the pattern)."""

import rules

from triangulate.core.authority import Permission
from triangulate.core.predicates import has_role
from triangulate.core.roles import Role


class Perm(Permission):
    UPLOAD = "datasets.upload"  # upload extracts, run and review their imports, map team names
    VIEW_UPLOADS = "datasets.view_uploads"


rules.add_perm(Perm.UPLOAD, has_role(Role.QA_LEAD, Role.SYSTEM_ADMIN))
rules.add_perm(Perm.VIEW_UPLOADS, has_role(Role.QA_LEAD, Role.SYSTEM_ADMIN, Role.SENIOR_LEADER,
                                           Role.PRINCIPAL_SOCIAL_WORKER, Role.AUDITOR, Role.INSPECTOR))
