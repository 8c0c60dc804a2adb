"""The daily timescale report: what is overdue or coming due at an extract's date (no Django).

What a team manager used to keep in a spreadsheet updated by hand each morning: open assessments against
45 working days, section 47 enquiries awaiting an initial conference against 15, and child protection and
children-in-care visits and reviews coming due or overdue. Each rule is the KPI's own (kpis.md), taken
at the extract date, so a section's overdue count is the matching snapshot KPI's denominator minus its
numerator (`KPI_OF_SECTION`); tests/kpis/test_timescales.py holds the two to each other.

Working days as kpis.md: `wd(a, b)` counts working days d with a < d <= b. A working-day deadline of N
after a date is the Nth working day after it; its "working days left" at the extract date E are
N - wd(date, E), so 0 means due today and a negative number is how many working days overdue. A
calendar-month deadline (a review) is the last day the rule allows; left = working days from E to it,
and once past it at least one day overdue (a deadline on a Saturday is overdue on the Sunday).

Rows the KPIs leave out for a missing or unreadable cohort date (no start date; an unreadable end) cannot
be placed here either: each section counts them in `unplaced`, never as on time. A missing or unreadable
*measured* date (a visit, a review) is overdue, as in the KPIs: a child with no recorded visit is listed
first, never dropped.
"""

from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import pyarrow as pa
import pyarrow.compute as pc

from .calendar import FIRST_YEAR, calendar_table
from .context import DEFAULT_SETTINGS, YES
from .periods import add_months
from .tables import absent_keys, complete

COMING_DUE_WD = 5  # "coming due": within the next five working days
ASSESSMENT_WD, ICPC_WD, CLA_FIRST_REVIEW_WD = 45, 15, 20
CP_FIRST_REVIEW_MONTHS, REVIEW_MONTHS = 3, 6
SHORT_BREAKS = ("V3", "V4")

# the snapshot KPI each section's overdue count equals (denominator - numerator, or the count itself)
KPI_OF_SECTION = {
    "assessments": "assessments_open_over_45wd",
    "cp_visits": "cp_visits_in_timescale_pct",
    "cp_reviews": "cp_reviews_in_timescale_pct",
    "cla_visits": "cla_visits_in_timescale_pct",
    "cla_reviews": "cla_reviews_in_timescale_pct",
}


@dataclass(frozen=True)
class Row:
    section: str
    child_id: str | None
    team: str | None          # as the extract spells it (None: no team recorded)
    worker: str | None
    start: date | None        # assessment start, strategy discussion, plan start, date came into care
    last: date | None         # the last visit or review (visits and reviews only)
    due: date | None          # None when the rule cannot name a day (no visit recorded)
    elapsed: int | None       # working days since `start` (assessments, S47s) or since `last`
    days_left: int | None     # working days to `due` (negative: overdue); None with `due`
    overdue: bool
    note: str = ""            # why there is no due date ("No visit recorded")

    @property
    def coming_due(self):
        return not self.overdue and self.days_left is not None and self.days_left <= COMING_DUE_WD


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    rule: str
    rows: tuple = ()          # most overdue first
    listed: str = "all"       # "all": every open case; "due": only those overdue or coming due
    open: int | None = None   # cases in the cohort at the extract date (None when the section is null)
    unplaced: int = 0         # rows left out for a missing or unreadable cohort date
    null_reason: str = ""     # set when the extract lacks a list or column: no figure, never 0

    @property
    def overdue(self):
        return None if self.null_reason else sum(1 for r in self.rows if r.overdue)

    @property
    def coming_due(self):
        return None if self.null_reason else sum(1 for r in self.rows if r.coming_due)


@dataclass(frozen=True)
class Report:
    extract_date: date
    sections: tuple = field(default_factory=tuple)

    def section(self, section_id):
        return next(s for s in self.sections if s.id == section_id)


# ---- working days ------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _index():
    """wd_index of every calendar day from 1 January FIRST_YEAR, as a list (position = days since then)."""
    return calendar_table().column("wd_index").to_pylist()


_ORIGIN = date(FIRST_YEAR, 1, 1)


def wd_index(day):
    """Working days from the calendar's start up to and including `day`; None outside the calendar."""
    if day is None:
        return None
    position = (day - _ORIGIN).days
    index = _index()
    return index[position] if 0 <= position < len(index) else None


def wd(a, b):
    """kpis.md's wd(a, b) from the shipped calendar; None when either date is missing or outside it."""
    ia, ib = wd_index(a), wd_index(b)
    return None if ia is None or ib is None else ib - ia


def add_working_days(day, n):
    """The nth working day after `day` (n >= 1); None outside the calendar."""
    start = wd_index(day)
    if start is None:
        return None
    index = _index()
    position = bisect_left(index, start + n)  # the first day whose count reaches start + n: a working day
    return None if position >= len(index) else date.fromordinal(_ORIGIN.toordinal() + position)


def _left_to(due, at):
    """Working days from `at` to a calendar deadline `due` (the last day allowed): >= 0 while `due` is
    today or later; once past, at least 1 overdue."""
    gap = wd(at, due)
    if gap is None:
        return None
    if due < at:
        return min(gap, -1)
    return gap


# ---- reading a list ----------------------------------------------------------------------------------

_NEEDS = {
    4: ("assessment_start", "assessment_authorised"),
    5: ("s47_start", "icpc_date", "icpc_unnecessary"),
    7: ("cp_start", "cp_end", "last_visit", "latest_review"),
    8: ("cla_start", "cla_end", "legal_status", "last_visit", "latest_review"),
}
_BASE = ("child_id", "allocated_team", "allocated_worker", "_unreadable")


def _rows(tables, number, at):
    """(rows as dicts, null reason) of list `number` with the columns the report reads: only those not
    ended by `at` (a readable end on or before it closes a row for good; most rows of a year's extract)."""
    given = tables.get(number)
    if given is None:
        return None, f"The extract has no list {number}."
    missing = sorted(absent_keys(given) & set(_NEEDS[number]))
    if missing:
        return None, f"List {number} in the extract has no column {', '.join(missing)}."
    table = complete(number, given).select(list(_BASE + _NEEDS[number]))
    end = table.column(_NEEDS[number][1])
    table = table.filter(pc.or_kleene(pc.is_null(end), pc.greater(end, pa.scalar(at, pa.date32()))))
    return table.to_pylist(), ""


def _unreadable(row, key):
    return f"|{key}|" in (row.get("_unreadable") or "")


def _placed(row, start, end, at):
    """"open" (started by `at`, not ended by it), "unplaced" (could be open, but its start is missing
    or unreadable, or its end unreadable: the KPIs' `excluded`), or None (not open). As KpiContext's
    open_at_end with the period's end at `at`."""
    s, e = row.get(start), row.get(end)
    end_blank = e is None and not _unreadable(row, end)
    if s is not None and s <= at and (end_blank or (e is not None and e > at)):
        return "open"
    could_be_open = end_blank or _unreadable(row, end) or (e is not None and e > at)
    may_have_started = s is None or s <= at
    if could_be_open and may_have_started and (s is None or _unreadable(row, end)):
        return "unplaced"
    return None


def _row(section, row, **values):
    return Row(section=section, child_id=row.get("child_id"), team=row.get("allocated_team") or None,
               worker=row.get("allocated_worker") or None, **values)


def _most_overdue_first(rows):
    """No date to count from first (longest open first), then fewest working days left, then child."""
    def key(r):
        return (r.days_left is not None, r.days_left if r.days_left is not None else 0,
                r.start or date.min, r.child_id or "")
    return tuple(sorted(rows, key=key))


# ---- the sections -----------------------------------------------------------------------------------

def _by_working_days(section, row, start, n, at):
    """A row due n working days after `start` (assessments, S47s): None outside the calendar."""
    elapsed = wd(start, at)
    if elapsed is None:
        return None
    left = n - elapsed
    return _row(section, row, start=start, last=None, due=add_working_days(start, n), elapsed=elapsed,
                days_left=left, overdue=left < 0)


def open_assessments(tables, at):
    """Every assessment started by `at` and not authorised by it (the cohort of assessments_open_over_45wd
    at `at`; overdue = that KPI)."""
    title, rule = "Open assessments", f"An assessment is due within {ASSESSMENT_WD} working days of its start."
    rows, reason = _rows(tables, 4, at)
    if rows is None:
        return Section("assessments", title, rule, null_reason=reason)
    out, unplaced = [], 0
    for row in rows:
        placed = _placed(row, "assessment_start", "assessment_authorised", at)
        if placed == "open":
            entry = _by_working_days("assessments", row, row["assessment_start"], ASSESSMENT_WD, at)
            if entry is None:
                unplaced += 1  # a start outside the calendar: the KPI leaves it out too
            else:
                out.append(entry)
        elif placed == "unplaced":
            unplaced += 1
    return Section("assessments", title, rule, _most_overdue_first(out), open=len(out), unplaced=unplaced)


def awaiting_icpc(tables, at):
    """Section 47 enquiries started by `at` with no initial conference held by it and not recorded as
    unnecessary, against 15 working days from the strategy discussion (as icpc_within_15wd_pct counts).
    A blank "deemed unnecessary" is not Yes: the enquiry may still need its conference, so it is listed."""
    title = "Section 47 enquiries awaiting an initial child protection conference"
    rule = f"The conference is due within {ICPC_WD} working days of the strategy discussion."
    rows, reason = _rows(tables, 5, at)
    if rows is None:
        return Section("s47", title, rule, null_reason=reason)
    out, unplaced = [], 0
    for row in rows:
        if row.get("icpc_unnecessary") == YES:
            continue
        placed = _placed(row, "s47_start", "icpc_date", at)
        if placed == "open" and _unreadable(row, "icpc_unnecessary"):
            placed = "unplaced"
        if placed == "open":
            entry = _by_working_days("s47", row, row["s47_start"], ICPC_WD, at)
            if entry is None:
                unplaced += 1
            else:
                out.append(entry)
        elif placed == "unplaced":
            unplaced += 1
    return Section("s47", title, rule, _most_overdue_first(out), open=len(out), unplaced=unplaced)


def _visit(section, row, start, standard, at):
    """A visit row as the visit KPIs judge it: in time when last visit <= at and wd(visit, at) <= standard;
    anything else (no visit, an unreadable one, one after `at` or outside the calendar) is overdue."""
    visit = row.get("last_visit")
    since = wd(visit, at) if visit is not None and visit <= at else None
    if since is None:
        if visit is None:
            note = "Visit date unreadable" if _unreadable(row, "last_visit") else "No visit recorded"
        elif visit > at:
            note = "Visit dated after the extract date"
        else:
            note = "Visit date outside the working-day calendar"
        return _row(section, row, start=start, last=visit, due=None, elapsed=None, days_left=None, overdue=True,
                    note=note)
    left = standard - since
    return _row(section, row, start=start, last=visit, due=add_working_days(visit, standard), elapsed=since,
                days_left=left, overdue=left < 0)


def _review_rule(section, row, start, at, first):
    """A review row: `first(start, at)` gives the first review's (due, working days left, overdue), or
    None when it cannot be counted; after a review, latest review + 6 months. An unreadable review date
    is overdue (as the KPIs). None: the KPI cannot call it overdue and neither does the report."""
    review = row.get("latest_review")
    if review is None and _unreadable(row, "latest_review"):
        return _row(section, row, start=start, last=None, due=None, elapsed=None, days_left=None, overdue=True,
                    note="Review date unreadable")
    if review is None:
        judged = first(start, at)
    else:
        due = add_months(review, REVIEW_MONTHS)
        left = _left_to(due, at)
        judged = None if left is None else (due, left, due < at)
    if judged is None:
        return None
    due, left, overdue = judged
    return _row(section, row, start=start, last=review, due=due, elapsed=wd(review, at) if review else None,
                days_left=left, overdue=overdue)


def _cp_first_review(start, at):
    # "no review date and start + 3 months < end": a calendar deadline
    due = add_months(start, CP_FIRST_REVIEW_MONTHS)
    left = _left_to(due, at)
    return None if left is None else (due, left, due < at)


def _cla_first_review(start, at):
    # "no review and wd(start, end) > 20": a working-day deadline, overdue from the 21st working day
    elapsed = wd(start, at)
    if elapsed is None:
        return None
    left = CLA_FIRST_REVIEW_WD - elapsed
    return add_working_days(start, CLA_FIRST_REVIEW_WD), left, left < 0


def _due_only(rows):
    return _most_overdue_first(r for r in rows if r.overdue or r.coming_due)


def child_protection(tables, at, settings):
    """CP visits and reviews for every plan open at `at` (rows: the CP KPIs count plans)."""
    standard = int(settings["cp_visit_wd"])
    visits_title, visits_rule = "Child protection visits", f"A child on a plan is visited every {standard} working days."
    reviews_title = "Child protection reviews"
    reviews_rule = (f"The first review is due within {CP_FIRST_REVIEW_MONTHS} months of the plan starting, then "
                    f"every {REVIEW_MONTHS} months.")
    rows, reason = _rows(tables, 7, at)
    if rows is None:
        return (Section("cp_visits", visits_title, visits_rule, listed="due", null_reason=reason),
                Section("cp_reviews", reviews_title, reviews_rule, listed="due", null_reason=reason))
    visits, reviews, plans, unplaced = [], [], 0, 0
    for row in rows:
        placed = _placed(row, "cp_start", "cp_end", at)
        if placed == "unplaced":
            unplaced += 1
        if placed != "open":
            continue
        plans += 1
        start = row["cp_start"]
        visits.append(_visit("cp_visits", row, start, standard, at))
        review = _review_rule("cp_reviews", row, start, at, _cp_first_review)
        if review is not None:
            reviews.append(review)
    return (Section("cp_visits", visits_title, visits_rule, _due_only(visits), "due", plans, unplaced),
            Section("cp_reviews", reviews_title, reviews_rule, _due_only(reviews), "due", plans, unplaced))


def _one_per_child(rows):
    """The children-in-care KPIs count children: a child is in time if any open row is. Keep each child's
    row that is in time with the most working days left (else the overdue one with the most left, no date
    to count from last); ties go to the first team name, as the engine's one_row_per_child."""
    best = {}
    for r in sorted(rows, key=lambda r: (r.team is None, r.team or "")):
        rank = (not r.overdue, r.days_left if r.days_left is not None else float("-inf"))
        if r.child_id not in best or rank > best[r.child_id][0]:
            best[r.child_id] = (rank, r)
    return [r for _, r in best.values()]


def children_in_care(tables, at, settings):
    """Visits and reviews of every child looked after at `at` (short breaks V3/V4 excluded; an unreadable
    legal status leaves the row out, as the KPIs). One row per child."""
    standard = int(settings["cla_visit_wd"])
    visits_title = "Visits to children in care"
    visits_rule = f"A child in care is visited every {standard} working days."
    reviews_title = "Reviews of children in care"
    reviews_rule = (f"The first review is due within {CLA_FIRST_REVIEW_WD} working days of coming into care, then "
                    f"every {REVIEW_MONTHS} months (the rule of the reviews measure).")
    rows, reason = _rows(tables, 8, at)
    if rows is None:
        return (Section("cla_visits", visits_title, visits_rule, listed="due", null_reason=reason),
                Section("cla_reviews", reviews_title, reviews_rule, listed="due", null_reason=reason))
    visits, reviews, children, unplaced, not_overdue = [], [], set(), set(), set()
    for row in rows:
        if row.get("legal_status") in SHORT_BREAKS:
            continue
        placed = _placed(row, "cla_start", "cla_end", at)
        if placed == "open" and _unreadable(row, "legal_status"):
            placed = "unplaced"
        if placed == "unplaced":
            unplaced.add(row.get("child_id"))
        if placed != "open":
            continue
        children.add(row.get("child_id"))
        start = row["cla_start"]
        visits.append(_visit("cla_visits", row, start, standard, at))
        review = _review_rule("cla_reviews", row, start, at, _cla_first_review)
        if review is None:
            not_overdue.add(row.get("child_id"))  # by the KPI's letter this row is in time
        else:
            reviews.append(review)
    # a child in the cohort through one row is not "unplaced" because another row could not be placed
    unplaced = len(unplaced - children)
    return (Section("cla_visits", visits_title, visits_rule, _due_only(_one_per_child(visits)), "due",
                    len(children), unplaced),
            Section("cla_reviews", reviews_title, reviews_rule, _due_only(
                        r for r in _one_per_child(reviews) if r.overdue is False or r.child_id not in not_overdue),
                    "due", len(children), unplaced))


def report(tables, extract_date, settings=None):
    """The timescale report at `extract_date` from an extract's tables (list number -> pyarrow Table)."""
    settings = {**DEFAULT_SETTINGS, **(settings or {})}
    cp_visits, cp_reviews = child_protection(tables, extract_date, settings)
    cla_visits, cla_reviews = children_in_care(tables, extract_date, settings)
    return Report(extract_date, (open_assessments(tables, extract_date), awaiting_icpc(tables, extract_date),
                                 cp_visits, cp_reviews, cla_visits, cla_reviews))

