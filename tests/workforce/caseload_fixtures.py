"""Caseload snapshots built by hand (as the deriver stores them), for the caseload pages' tests and the matrix."""

from datetime import date

from triangulate.datasets.models import Upload
from triangulate.workforce.extract_hooks import Derived, store


def case(child, kind, worker, team, court=False, missing=False, disability=False, out_of_area=False):
    return (child, kind, worker, team, court, missing, disability, out_of_area)


def snapshot(council, day, cases, unknown=None, status=Upload.Status.SUCCEEDED):
    upload = Upload.objects.create(council=council, extract_date=day, original_name=f"{day}.xlsx", status=status)
    return store(upload, Derived(cases=list(cases), unknown_flags=unknown or {}))


MARCH = date(2025, 3, 31)
FEBRUARY = date(2025, 2, 28)


def march_cases():
    """Own team (Safeguarding North 1): Olive Own (matched by name) 3 children; Al Agency (no staff record, placed
    by the extract's team name) 1; an unallocated child. Other team: Otto Other 5, a care leaver for Pat Adviser.
    A duty inbox under a team name that means no council team holds 2."""
    north, south = "Safeguarding North 1", "Children in Care South"
    return [
        case("A", "cin", "Olive Own", north), case("A", "cp", "Olive Own", north), case("B", "cin", "Olive Own", north),
        case("C", "cla", "Olive Own", north), case("P", "assessment", "Olive Own", north),
        case("D", "cin", "Al Agency", north), case("E", "cin", "", north),
        *[case(f"O{i}", "cla", "Otto Other", south) for i in range(5)],
        case("L1", "care_leaver", "Pat Adviser", south), case("L2", "care_leaver", "", south),
        case("X1", "cin", "Duty Inbox", "Mystery"), case("X2", "cin", "Duty Inbox", "Mystery"),
    ]
