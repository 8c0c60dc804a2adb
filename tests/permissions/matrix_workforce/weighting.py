"""W2's rows (design §7): the weighting scheme (read by all but the system admin; changed by the PSW and senior
leaders), the heat map of teams by loading (the caseload readers), a team's workers and a worker's cases
(child-level; a team-scoped reader of another team: N), and the weight override (managers, the PSW and senior
leaders; posted empty, the form comes back with its errors)."""

PAGES = [
    ("workforce:scheme", None, "OOOOOOOFOF"),
    ("workforce:scheme_edit", None, "FFFFFOOFFF"),
    ("workforce:loading", None, "FOOFOOOFOF"),
]
TEAM_PAGES = [
    ("workforce:loading_team", "team", "FOOFOOOFOF", "FNNFOOOFOF"),
    ("workforce:worker", "staff", "FOOFOOOFOF", "FNNFOOOFOF"),
]
POST_PAGES = [
    ("workforce:scheme_edit", None, "FFFFFOOFFF", "FFFFFOOFFF"),
    ("workforce:worker_override", "staff", "FOOFFOOFFF", "FNNFFOOFFF"),
]
