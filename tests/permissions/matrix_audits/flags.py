"""The permission matrix's rows for the safeguarding flag pages (design §8). Letters in the order
PR TM SM AU QA PW SL EM IN SA; the auditor-role user raised the `flag` on each side's `audit`."""

PAGES = [
    ("audits:flag_list", None, "FOOOOOOFOF"),
]
TEAM_PAGES = [
    ("audits:flag_detail", "flag", "FOOOOOOFOF", "NNNOOOOFOF"),
    ("audits:flag_action", "flag", "FOOFFFFFFF", "NNNFFFFFFF"),
    ("audits:flag_close", "flag", "FFFOOFFFFF", "NNNOOFFFFF"),
    ("audits:flag_create", "audit", "FFFOOFFFFF", "NNNOOFFFFF"),
]
POST_PAGES = [
    # an empty POST carries no version: the managers' acknowledgement goes through, then back to the flag
    ("audits:flag_acknowledge", "flag", "FRRFFFFFFF", "NNNFFFFFFF"),
]
