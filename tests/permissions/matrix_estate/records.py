"""The records the matrix's issue-14 rows name (docs/design/estate.md §5): each slice adds its own in a function
called from add_estate_records, with kinds starting "estate_"."""


def add_estate_records(world, out):
    add_sso_records(world, out)
    return out


def add_sso_records(world, out):
    from triangulate.core.roles import Role
    from triangulate.sso.models import GroupMapping

    mapping = GroupMapping.objects.create(claim_value="matrix-group", label="Matrix group", role=Role.TEAM_MANAGER)
    out["own"]["estate_group_mapping"] = out["other"]["estate_group_mapping"] = mapping
