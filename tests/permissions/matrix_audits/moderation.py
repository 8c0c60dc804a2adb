"""The permission matrix's rows for the audits pages of slice 'moderation' (design §8 gives the letters).

The `moderation` is the `submitted_audit`'s, audited by the QA lead and allocated to the auditor-role user: the
auditor moderates it, the council-wide readers read it, and the team's managers (who can read the audit) cannot
read its moderation. Both POSTs are refused with a message for the QA lead and PSW: the audit is already selected,
an empty allocation names no moderator, and nothing in the round waits for "Allocate all"."""

PAGES = [
    ("audits:moderation_list", None, "FFFOOOOFOF"),
    ("audits:moderation_detail", "moderation", "FFFOOOOFOF"),
    ("audits:moderation_report", None, "FFFFOOOFOF"),
]
TEAM_PAGES = []
POST_PAGES = [
    ("audits:moderation_select", "submitted_audit", "FFFFRRFFFF", "FFFFRRFFFF"),
    ("audits:moderation_allocate", "moderation", "FFFFRRFFFF", "FFFFRRFFFF"),
    # "Allocate all" for the round: nothing is waiting, so the QA lead and PSW are told so
    ("audits:moderation_allocate_all", "round", "FFFFRRFFFF", "FFFFRRFFFF"),
]
