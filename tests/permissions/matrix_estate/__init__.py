"""The estate rows of the permission matrix (docs/design/estate.md §5), one module per slice of design §6 so slices
built side by side never edit one file; test_matrix.py adds them to its own. Each module defines PAGES, TEAM_PAGES,
POST_PAGES and PUBLIC_PAGES in test_matrix.py's shapes, and `add_records(world, out)` for the records its rows name
(kinds starting with the slice's name), and is listed in SLICES."""

from . import feed, sso

SLICES = (sso, feed)

PAGES = [row for s in SLICES for row in s.PAGES]
TEAM_PAGES = [row for s in SLICES for row in s.TEAM_PAGES]
POST_PAGES = [row for s in SLICES for row in s.POST_PAGES]
PUBLIC_PAGES = {name for s in SLICES for name in s.PUBLIC_PAGES}


def add_estate_records(world, out):
    for s in SLICES:
        s.add_records(world, out)
    return out
