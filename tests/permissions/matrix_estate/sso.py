"""E1: the council sign-in pages (docs/design/estate.md §1.4). Which groups give which role decides everyone's access:
the system administrator's alone."""

PAGES = [
    ("sso:group_mappings", None, "FFFFFFFFFO"),
    ("sso:group_mapping_create", None, "FFFFFFFFFO"),
    ("sso:group_mapping_edit", "estate_group_mapping", "FFFFFFFFFO"),
]
TEAM_PAGES = []
POST_PAGES = [
    ("sso:group_mapping_delete", "estate_group_mapping", "FFFFFFFFFR", "FFFFFFFFFR"),
]
# The way in with the council's account: the provider's answer is the credential (tests/sso)
PUBLIC_PAGES = {"sso:start", "sso:callback"}
