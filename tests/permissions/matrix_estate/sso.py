"""E1: the council sign-in pages (docs/design/estate.md §1.4). Which groups give which role decides everyone's access:
the system administrator's alone."""

PAGES = [
    ("sso:group_mappings", None, "FFFFFFFFFO"),
    ("sso:group_mapping_create", None, "FFFFFFFFFO"),
    ("sso:group_mapping_edit", "sso_group_mapping", "FFFFFFFFFO"),
]
TEAM_PAGES = []
POST_PAGES = [
    ("sso:group_mapping_delete", "sso_group_mapping", "FFFFFFFFFR", "FFFFFFFFFR"),
]
# The way in with the council's account: the provider's answer is the credential (tests/sso)
PUBLIC_PAGES = {"sso:start", "sso:callback"}


def add_records(world, out):
    from triangulate.core.roles import Role
    from triangulate.sso.models import GroupMapping

    mapping = GroupMapping.objects.create(claim_value="matrix-group", label="Matrix group", role=Role.TEAM_MANAGER)
    out["own"]["sso_group_mapping"] = out["other"]["sso_group_mapping"] = mapping
