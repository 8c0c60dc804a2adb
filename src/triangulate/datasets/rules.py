import rules

from triangulate.core.predicates import has_role
from triangulate.core.roles import Role

rules.add_perm("datasets.upload", has_role(Role.QA_LEAD, Role.SYSTEM_ADMIN))
rules.add_perm("datasets.view_uploads", has_role(Role.QA_LEAD, Role.SYSTEM_ADMIN, Role.SENIOR_LEADER,
                                                 Role.PRINCIPAL_SOCIAL_WORKER, Role.AUDITOR, Role.INSPECTOR))
