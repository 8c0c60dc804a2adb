"""The workforce rows of the permission matrix (docs/design/workforce.md §7), one module per slice of design §9 so
slices built side by side never edit one file; test_matrix.py adds them to its own. Each module defines PAGES,
TEAM_PAGES and POST_PAGES in test_matrix.py's shapes and is listed in SLICES; the records they name are built by
records.add_workforce_records (their kinds all start "workforce_")."""

from . import caseloads, health, index, staffing, weighting

SLICES = (index, caseloads, weighting, health, staffing)

PAGES = [row for s in SLICES for row in s.PAGES]
TEAM_PAGES = [row for s in SLICES for row in s.TEAM_PAGES]
POST_PAGES = [row for s in SLICES for row in s.POST_PAGES]
