"""Workload weighting (docs/design/workforce.md §3), pure: no Django, so every figure can be checked by hand.

- A child's points for a worker: the highest points among the kinds of the child's open cases with that worker,
  plus each modifier the child's cases show. A flag that is None (the extract could not tell, design decision 3)
  adds nothing and is listed in `unknown`, so the page can say the figure may be too low. A flag a case does not
  carry at all is not considered and not listed (sibling is False, never None: extract_hooks.py). A flag counts as
  present when any of the child's cases with the worker says True. A manager's override replaces the points.
- A worker's load is the sum over their children.
- Capacity = the role's points at 1.0 FTE × FTE × the ASYE factor: `asye_first_percent` before
  `asye_first_months` months have passed since `asye_started_on`, `asye_after_percent` after, 100% once
  `asye_completed_on` has come (or with no ASYE start, or before it).
- Loading % = load ÷ capacity × 100. Bands: green below `green_below`, amber from it up to `red_above` inclusive,
  red above. The band is decided on the exact quotient; the percentage shown is rounded to one decimal place, half
  up (so 84.96% shows 85.0% and is still green). No capacity → loading None and the reason.

All arithmetic is Decimal; points and capacities are exact (the scheme's one-decimal points multiplied by a
two-decimal FTE and a whole percentage), only the percentage is rounded.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

FLAGS = ("court", "missing", "disability", "out_of_area", "sibling")
GREEN, AMBER, RED = "green", "amber", "red"
HUNDRED = Decimal(100)
ONE_PLACE = Decimal("0.1")

NO_STAFF_RECORD = "Not matched to a staff record, so there is no role or FTE to give a capacity."
NO_ROLE_CAPACITY = "The scheme gives this role no capacity."
NO_FTE = "The staff record has no FTE."


@dataclass(frozen=True)
class Scheme:
    """The council's scheme as plain values: kind -> points, modifier -> points, staff role -> points at 1.0 FTE."""

    case_points: dict
    modifier_points: dict
    role_capacity: dict
    green_below: int = 85
    red_above: int = 100
    asye_first_months: int = 6
    asye_first_percent: int = 80
    asye_after_percent: int = 90


@dataclass(frozen=True)
class Case:
    """One open case of a child with the worker. `flags`: flag -> True, False or None (unknown)."""

    child_ref: str
    kind: str
    flags: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ChildPoints:
    child_ref: str
    kinds: tuple  # the child's kinds with the worker, highest points first
    base: Decimal  # the highest kind's points
    modifiers: tuple  # the modifiers present (those the scheme weighs)
    unknown: tuple  # flags no case could tell (None), the scheme weighs, none of the cases said True
    computed: Decimal  # base + modifiers
    override: Decimal | None = None

    @property
    def points(self):
        return self.override if self.override is not None else self.computed


@dataclass(frozen=True)
class Capacity:
    points: Decimal | None
    factor_percent: int  # the ASYE factor applied (100 when none)
    reason: str = ""  # why there is no capacity


@dataclass(frozen=True)
class Loading:
    load: Decimal
    capacity: Capacity
    percent: Decimal | None  # rounded to 0.1, half up
    band: str | None
    reason: str = ""
    children: tuple = ()  # the ChildPoints behind the load

    @property
    def unknown(self):
        """The flags some child's points could not take into account (the load may be too low)."""
        return sorted({flag for child in self.children for flag in child.unknown})


def _points(table, key):
    return Decimal(table.get(key, 0))


def child_points(scheme, cases, override=None):
    """`cases`: one child's open cases with one worker (at least one)."""
    cases = list(cases)
    if not cases:
        raise ValueError("a child's points need at least one case")
    kinds = sorted({c.kind for c in cases}, key=lambda k: (-_points(scheme.case_points, k), k))
    base = _points(scheme.case_points, kinds[0])
    present, unknown = [], []
    for flag in FLAGS:
        if flag not in scheme.modifier_points:
            continue
        said = [c.flags[flag] for c in cases if flag in c.flags]
        if any(v is True for v in said):
            present.append(flag)
        elif any(v is None for v in said):
            unknown.append(flag)
    computed = base + sum((_points(scheme.modifier_points, f) for f in present), Decimal(0))
    return ChildPoints(child_ref=cases[0].child_ref, kinds=tuple(kinds), base=base, modifiers=tuple(present),
                       unknown=tuple(unknown), computed=computed,
                       override=Decimal(override) if override is not None else None)


def children_points(scheme, cases, overrides=None):
    """Each child's points, in the order children first appear. `overrides`: child_ref -> points."""
    overrides = overrides or {}
    by_child = {}
    for case in cases:
        by_child.setdefault(case.child_ref, []).append(case)
    return [child_points(scheme, own, overrides.get(ref)) for ref, own in by_child.items()]


def load_of(children):
    return sum((c.points for c in children), Decimal(0))


def add_months(day, months):
    """The same day `months` later, the month's last day where it has no such day (31 Aug + 6 = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def asye_percent(scheme, on, started_on=None, completed_on=None):
    """The ASYE factor (a whole percentage) on the date `on`."""
    if started_on is None or on < started_on or (completed_on is not None and on >= completed_on):
        return 100
    if on < add_months(started_on, scheme.asye_first_months):
        return scheme.asye_first_percent
    return scheme.asye_after_percent


def capacity_of(scheme, on, *, role=None, fte=None, asye_started_on=None, asye_completed_on=None, has_staff=True):
    if not has_staff:
        return Capacity(None, 100, NO_STAFF_RECORD)
    if role not in scheme.role_capacity:
        return Capacity(None, 100, NO_ROLE_CAPACITY)
    if not fte:
        return Capacity(None, 100, NO_FTE)
    percent = asye_percent(scheme, on, asye_started_on, asye_completed_on)
    return Capacity(Decimal(scheme.role_capacity[role]) * Decimal(fte) * Decimal(percent) / HUNDRED, percent)


def band_of(scheme, ratio_percent):
    if ratio_percent < scheme.green_below:
        return GREEN
    if ratio_percent <= scheme.red_above:
        return AMBER
    return RED


def loading_of(scheme, children, capacity):
    """A worker's loading from their children's points and their capacity."""
    load = load_of(children)
    if capacity.points is None or capacity.points <= 0:
        return Loading(load, capacity, None, None, capacity.reason or NO_ROLE_CAPACITY, tuple(children))
    exact = load * HUNDRED / capacity.points
    return Loading(load, capacity, exact.quantize(ONE_PLACE, rounding=ROUND_HALF_UP), band_of(scheme, exact),
                   children=tuple(children))


def percent_of(load, capacity):
    """A total's loading % (sum load ÷ sum capacity), rounded as a worker's; None without capacity."""
    if not capacity:
        return None
    return (Decimal(load) * HUNDRED / Decimal(capacity)).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)
