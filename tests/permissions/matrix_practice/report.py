"""The permission matrix's rows for the practice pages of slice S5 report and Word (report, its PDF and Word, edit, fill, approve, reopen).
Letters: docs/design/practice.md §8.2; records: records.add_practice_records.

The matrix week's report is approved, so everyone but the administrator reads it, its PDF and its Word file. The
QA lead (its organiser) opens a section's edit page and is told the approved report cannot be changed (200, for a
GET and a POST alike); its buttons are refused with a message and a redirect (R): filling and approving because the
report is approved, reopening because the empty POST gives no reason. The principal social worker and the senior
leader hold the organisers' roles but do not organise this week (F)."""

PAGES = [
    ("practice:report", "practice_event", "OOOOOOOOOF"),
    ("practice:report_pdf", "practice_event", "OOOOOOOOOF"),
    ("practice:report_docx", "practice_event", "OOOOOOOOOF"),
    ("practice:report_edit", "practice_report_section", "FFFFOFFFFF"),
]
TEAM_PAGES = []
POST_PAGES = [
    ("practice:report_edit", "practice_report_section", "FFFFOFFFFF", "FFFFOFFFFF"),
    ("practice:report_fill", "practice_event", "FFFFRFFFFF", "FFFFRFFFFF"),
    ("practice:report_approve", "practice_event", "FFFFRFFFFF", "FFFFRFFFFF"),
    ("practice:report_reopen", "practice_event", "FFFFRFFFFF", "FFFFRFFFFF"),
]
