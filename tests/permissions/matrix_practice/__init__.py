"""The practice rows of the permission matrix (docs/design/practice.md §8.2), one module per slice of design §10
so slices built side by side never edit one file; test_matrix.py adds them to its own. Each module defines PAGES,
TEAM_PAGES and POST_PAGES in test_matrix.py's shapes; the records they name are built by
records.add_practice_records (their kinds all start "practice_", clear of the other apps' kinds)."""

from . import analysis, guests, library, observe, plan, planning, report, setup, timetable

SLICES = (planning, setup, timetable, guests, observe, analysis, report, plan, library)

PAGES = [row for s in SLICES for row in s.PAGES]
TEAM_PAGES = [row for s in SLICES for row in s.TEAM_PAGES]
POST_PAGES = [row for s in SLICES for row in s.POST_PAGES]
