"""The permission matrix's rows for the practice pages of slice S4 analysis and comparison (analysis, team summary,
comparison, picks). Letters: docs/design/practice.md §8.2; records: records.add_practice_records.

The matrix week has no benchmark: the comparison page says so to the readers it lets in. An empty POST to
entry_pick names no entry: the organiser (the QA lead) is sent back to the analysis with the error."""

PAGES = [
    ("practice:analysis", "practice_event", "FOFOOOOFOF"),
    ("practice:comparison", "practice_event", "FFFFOOOOOF"),
]
TEAM_PAGES = [
    ("practice:team_summary", "practice_team", "FOOOOOFFOF", "FONOOOFFOF"),
]
POST_PAGES = [
    ("practice:entry_pick", "practice_event", "FFFFRFFFFF", "FFFFRFFFFF"),
]
