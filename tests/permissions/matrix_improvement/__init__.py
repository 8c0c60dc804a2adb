"""The improvement rows of the permission matrix for issue 12's pages (docs/design/improvement.md §8), one module
per slice of design §10 so slices built side by side never edit one file; test_matrix.py adds them to its own.
Each module defines PAGES, TEAM_PAGES and POST_PAGES in test_matrix.py's shapes and is listed in SLICES; the records
they name are built by records.add_improvement_records (their kinds all start "improvement_")."""

from . import assessment, evidence, plans, top_ten

SLICES = (plans, assessment, top_ten, evidence)

PAGES = [row for s in SLICES for row in s.PAGES]
TEAM_PAGES = [row for s in SLICES for row in s.TEAM_PAGES]
POST_PAGES = [row for s in SLICES for row in s.POST_PAGES]
