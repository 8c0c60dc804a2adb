"""The estate rows of the permission matrix (docs/design/estate.md §5), one module per slice of design §6 so slices
built side by side never edit one file; test_matrix.py adds them to its own. Each module defines PAGES, TEAM_PAGES,
POST_PAGES (test_matrix.py's shapes) and PUBLIC_PAGES (answered before sign-in, each testing its own credential),
and is listed in SLICES; the records they name are built by records.add_estate_records (kinds start "estate_")."""

from . import sso

SLICES = (sso,)

PAGES = [row for s in SLICES for row in s.PAGES]
TEAM_PAGES = [row for s in SLICES for row in s.TEAM_PAGES]
POST_PAGES = [row for s in SLICES for row in s.POST_PAGES]
PUBLIC_PAGES = {name for s in SLICES for name in s.PUBLIC_PAGES}
