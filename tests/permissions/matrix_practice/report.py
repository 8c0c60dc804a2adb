"""The permission matrix's rows for the practice pages of slice S5 report and Word (report, its PDF and Word, edit, fill, approve, reopen).
Letters: docs/design/practice.md §8.2; records: records.add_practice_records. Only the report page so far: its downloads and the organisers' actions are not built yet."""

PAGES = [
    ("practice:report", "practice_event", "OOOOOOOOOF"),
]
TEAM_PAGES = []
POST_PAGES = []
