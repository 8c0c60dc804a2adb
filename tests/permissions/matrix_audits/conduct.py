"""The permission matrix's rows for conducting an audit (design §8). Letters in the order PR TM SM AU QA PW SL EM IN
SA. Each side's `audit` is in worker_conversation (shared), with that side's worker, allocated to the auditor-role
user; the own side's practitioner is its worker and the own team's managers read it."""

CONDUCT = "FFFOFFFFFF", "NNNOFFFFFF"

PAGES = [
    ("audits:audit_list", None, "OOOOOOOFOF"),
]
TEAM_PAGES = [
    ("audits:audit_detail", "audit", "OOOOOOOFOF", "NNNOOOOFOF"),
    ("audits:audit_history", "audit", "OOOOOOOFOF", "NNNOOOOFOF"),
    ("audits:audit_pdf", "audit", "OOOOOOOFOF", "NNNOOOOFOF"),
    ("audits:audit_section", "audit_section_1", *CONDUCT),
    ("audits:audit_conversation", "audit", *CONDUCT),
    ("audits:audit_family", "audit", *CONDUCT),
    ("audits:audit_outcome", "audit", *CONDUCT),
    ("audits:audit_findings", "audit", *CONDUCT),
    ("audits:audit_action_create", "audit", *CONDUCT),
    ("audits:audit_submit", "audit", *CONDUCT),
    ("audits:audit_reflection", "audit", "OFFFFFFFFF", "NNNFFFFFFF"),
    ("audits:audit_manager_comment", "audit", "FOOFFFFFFF", "NNNFFFFFFF"),
    # the QA lead is the submitted audit's auditor; the auditor-role user only moderates it
    ("audits:audit_amend", "submitted_audit", "FFFFOFFFFF", "NNNFOFFFFF"),
    ("audits:audit_withdraw", "audit", "FFFFOOFFFF", "NNNFOOFFFF"),
    ("audits:audit_reallocate", "audit", "FFFFOOFFFF", "NNNFOOFFFF"),
    ("audits:team_audits", "team", "OOOOOOOOOF", "NNNOOOOOOF"),
]
POST_PAGES = [
    # the child-id search (§9.1) answers with its page: an empty POST asks for the id
    ("audits:audit_find", None, "OOOOOOOFOF", "OOOOOOOFOF"),
    # the draft is already shared: the auditor is told so and sent back to the audit
    ("audits:audit_share", "audit", "FFFRFFFFFF", "NNNRFFFFFF"),
    # an empty POST carries no version, so it is not the page's script: the auditor goes to the section page
    ("audits:audit_autosave", "audit_section_1", "FFFRFFFFFF", "NNNRFFFFFF"),
]
