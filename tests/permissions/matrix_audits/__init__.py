"""The audits rows of the permission matrix (design §8), one module per slice of design §10 so slices built side
by side never edit one file; test_matrix.py adds them to its own. Each module defines PAGES, TEAM_PAGES and
POST_PAGES in test_matrix.py's shapes; the records they name are built by records.add_audit_records."""

from . import conduct, flags, imports, moderation, reports, rounds, tools

SLICES = (tools, rounds, conduct, flags, moderation, reports, imports)

PAGES = [row for s in SLICES for row in s.PAGES]
TEAM_PAGES = [row for s in SLICES for row in s.TEAM_PAGES]
POST_PAGES = [row for s in SLICES for row in s.POST_PAGES]
