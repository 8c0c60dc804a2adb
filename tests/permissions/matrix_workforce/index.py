"""The workforce index (W0): every role but the system administrator."""

PAGES = [
    ("workforce:index", None, "OOOOOOOOOF"),
]
TEAM_PAGES = []
POST_PAGES = []
