"""The caseload pages (W1; docs/design/workforce.md §7). Records: records.add_caseload_records (a snapshot of the
matrix's published upload with a case in each team).

The council's caseloads are read by managers, the QA lead, the principal social worker, senior leaders and the
inspector (FOOFOOOFOF); a team's by the same, with team and service managers not finding another team (N). Worker
matching and targets are the QA lead's, the principal social worker's and the administrator's (FFFFOOFFFO, design §7
and its decision 9); an empty POST redraws the form with its errors (O)."""

READERS = "FOOFOOOFOF"
SETTERS = "FFFFOOFFFO"

PAGES = [
    ("workforce:caseloads", None, READERS),
    ("workforce:worker_matching", None, SETTERS),
    ("workforce:targets", None, SETTERS),
]
TEAM_PAGES = [
    ("workforce:caseload_team", "team", READERS, "FNNFOOOFOF"),
]
POST_PAGES = [
    ("workforce:worker_matching", None, SETTERS, SETTERS),
    ("workforce:targets", None, SETTERS, SETTERS),
]
