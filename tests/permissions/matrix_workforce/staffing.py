"""W3's row (design §7): the staffing page, for managers, the QA lead, the PSW, senior leaders, elected members
(council-wide, under disclosure control) and inspectors."""

PAGES = [
    ("workforce:staffing", None, "FOOFOOOOOF"),
]
TEAM_PAGES = []
POST_PAGES = []
