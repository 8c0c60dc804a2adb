"""The children behind a KPI as a list people can work from (no Django).

    listing(engine, kpi_id, periods, period_index=-1) -> Listing

One row per row of the KPI's own cohort frame (kpis/definitions, run by the engine with the Annex A columns
the definition reads carried along: KpiContext.detail), so the same rules decide membership: the rows in
the numerator and in the denominator are, in number, the KPI's numerator and denominator (a KPI counting
distinct children has one row per child, the row that decided it; one counting assessments, referrals or
plans has one row per assessment, referral or plan). tests/kpis/test_children.py holds them to the
engine's figures.

Each row carries the child's team and worker, the columns the definition reads (its `needs`: the dates
that decided it, and the coded values it compares), and, for a KPI with a timescale, the days overdue at
the period's end, counted as the KPI's rule counts them (`TIMESCALES`):
- working days (wd(a, b) of kpis.md, the shipped calendar) for a limit in working days: the days over the
  limit, so a visit 13 working days ago against a standard of 10 is 3 overdue, one 8 days ago is -2;
- calendar days for a rule in months: the days past the date the rule allows (latest review + 6 months), or,
  for "on or after end - N months" rules (health, dental, pathway plan), the days the date falls short
  of end - N months. Either way a positive count is exactly a row the KPI counts as not in time.
A row the rule cannot count (no visit recorded, an unreadable date) has no count and a note instead; it is
listed first among the failing rows, as the timescale report does.

Rows with no child id (the worker rows `avg_caseload` averages over) are not listed. Rows the KPI leaves
out for a missing or unreadable value are counted in `excluded`, not listed.

Building a cohort's SQL through SQLFrame costs more than running it, so each (KPI, columns) SQL is kept
on disk beside the figures' (kpis/sqlcache.py), under the same code and settings key.
"""

import hashlib
import threading
from dataclasses import dataclass, replace
from datetime import date

from triangulate.datasets.parsers.annex_a.schema import LISTS

from . import diskcache, sqlcache
from .context import DEFAULT_SETTINGS
from .periods import add_months
from .registry import all_kpis
from .timescales import wd

WORKING, CALENDAR = "working days", "calendar days"
PREFIX = "kpi-children-sql-"
_SQL_MEMORY = {}
# SQLFrame keeps one session per process (frames.duckdb_context): two threads of a web worker must not build
# SQL through it at once
_BUILDING = threading.Lock()
# what the rows of each list are, for "12 referrals for 11 children"
THINGS = {1: "contacts", 2: "early help episodes", 3: "referrals", 4: "assessments", 5: "section 47 enquiries",
          6: "episodes", 7: "plans", 8: "episodes in care", 9: "care leavers", 10: "adoptions", 11: "adopters"}
# KPIs whose rows are not one list's rows nor distinct children by the engine's rule
THINGS_OF = {"avg_caseload": "children on workers' caseloads", "unallocated_open": "children"}
# the heading of a mean or median KPI's per-row value
VALUE_LABELS = {
    "assessment_median_wd": "Working days to authorisation",
    "a1_avg_days": "Days from entering care to placement",
    "a2_avg_days": "Days from placement order to matching",
}
_SHOWN_ELSEWHERE = {"child_id", "allocated_team", "allocated_worker"}


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    label: str  # the Annex A heading


@dataclass(frozen=True, slots=True)
class Row:
    child_id: str | None
    team: str | None  # as the extract spells it; None when none is recorded
    worker: str | None
    in_numerator: bool
    in_denominator: bool
    values: tuple  # the listing's `columns`, in order (dates as dates, codes as text, None when blank)
    value: float | None  # a mean or median KPI's value for this row
    days_overdue: int | None  # positive: overdue; zero or negative: not (how many to spare); None: not counted
    days_unit: str  # WORKING or CALENDAR ("" when the KPI has no timescale)
    note: str  # why there is no count ("No visit recorded")
    counted_in: str  # a ratio's row: the title of the count it is in

    @property
    def failing(self):
        """In the denominator but not the numerator: the children a percentage measure misses."""
        return self.in_denominator and not self.in_numerator


@dataclass(frozen=True)
class Listing:
    kpi_id: str
    unit: str
    end: date | None
    columns: tuple = ()
    rows: tuple = ()  # most urgent first (`urgency`)
    excluded: int = 0
    things: str = "children"  # what a row is: "children" when the KPI counts distinct children
    timescale: str = ""  # the rule in words; "" for a KPI without one
    value_label: str = ""
    null_reason: str = ""

    @property
    def numerator(self):
        return sum(r.in_numerator for r in self.rows)

    @property
    def denominator(self):
        return sum(r.in_denominator for r in self.rows)

    @property
    def can_fail(self):
        """Whether "not meeting the measure" means anything: a percentage's denominator without its numerator."""
        return self.unit == "pct"


def urgency(row):
    """Most overdue first: failing rows the rule cannot count (no visit recorded), then days overdue from
    most to fewest (so every overdue row comes before any in time), then a mean or median KPI's value from
    highest, then failing before passing, then the child."""
    counted = row.days_overdue is not None
    group = 0 if row.failing and not counted else (1 if counted else 2)
    return (group, -row.days_overdue if counted else 0, -row.value if row.value is not None else 0,
            not row.failing, row.child_id or "", row.team or "")


# ---- timescales: the days overdue, by each KPI's rule ------------------------------------------------
# Each rule is function(row, end, settings) -> (days overdue, unit, note): `row` a cohort row with the
# columns the KPI reads, `end` the period's end (the extract date for a snapshot).

def _unreadable(row, key):
    return f"|{key}|" in (row.get("_unreadable") or "")


def _missing(row, key, what):
    return f"{what} date unreadable" if _unreadable(row, key) else f"No {what.lower()} recorded"


def _working_days(start, finish, limit):
    """wd(start, finish) - limit (finish None: the period's end). The KPI leaves out a row whose working
    days cannot be counted, so every listed row has a count."""
    def rule(row, end, settings):
        n = wd(row.get(start), end if finish is None else row.get(finish))
        return (None, WORKING, "Date outside the working-day calendar") if n is None else (n - limit, WORKING, "")
    return rule


def _visit(key, setting, what):
    """wd(visit, end) - the visit standard; no count without a visit on or before the end."""
    def rule(row, end, settings):
        visit = row.get(key)
        if visit is None:
            return None, WORKING, _missing(row, key, what)
        if visit > end:
            return None, WORKING, f"{what} dated after {end:%d/%m/%Y}"
        n = wd(visit, end)
        if n is None:
            return None, WORKING, f"{what} date outside the working-day calendar"
        return n - int(settings[setting]), WORKING, ""
    return rule


def _review_then(first, months=6):
    """After a review: end - (latest review + `months`) in calendar days (positive: overdue, as the KPI's
    "review + 6 months < end"); before one: `first(row, end)`."""
    def rule(row, end, settings):
        review = row.get("latest_review")
        if review is not None:
            return (end - add_months(review, months)).days, CALENDAR, ""
        if _unreadable(row, "latest_review"):
            return None, CALENDAR, "Review date unreadable"
        return first(row, end)
    return rule


def _cp_first_review(row, end):
    """No review yet: due 3 calendar months after the plan started."""
    start = row.get("cp_start")
    return (end - add_months(start, 3)).days, CALENDAR, "No review yet"


def _cla_first_review(row, end):
    """No review yet: due within 20 working days of coming into care (the KPI's wd(start, end) > 20)."""
    n = wd(row.get("cla_start"), end)
    return (None, WORKING, "No review yet") if n is None else (n - 20, WORKING, "No review yet")


def _at_least(key, months, what):
    """"on or after end - `months`" rules: the calendar days `key` falls short of that date (`months` may
    be a function of the row and the end: the under-fives' health assessment)."""
    def rule(row, end, settings):
        day = row.get(key)
        if day is None:
            return None, CALENDAR, _missing(row, key, what)
        span = months(row, end) if callable(months) else months
        return (add_months(end, -span) - day).days, CALENDAR, ""
    return rule


def _health_months(row, end):
    birth = row.get("date_of_birth")  # never None on a listed row: the KPI leaves such rows out
    age = end.year - birth.year - ((end.month, end.day) < (birth.month, birth.day))
    return 6 if age < 5 else 12


# kpi id -> (the rule in words, its function)
TIMESCALES = {
    "assessments_within_45wd_pct": ("Working days over 45 from the start to authorisation.",
                                    _working_days("assessment_start", "assessment_authorised", 45)),
    "assessments_open_over_45wd": ("Working days over 45 from the start to the extract date.",
                                   _working_days("assessment_start", None, 45)),
    "icpc_within_15wd_pct": ("Working days over 15 from the strategy discussion to the conference.",
                             _working_days("s47_start", "icpc_date", 15)),
    "cp_visits_in_timescale_pct": ("Working days since the last visit, over the visit standard.",
                                   _visit("last_visit", "cp_visit_wd", "Visit")),
    "cla_visits_in_timescale_pct": ("Working days since the last visit, over the visit standard.",
                                    _visit("last_visit", "cla_visit_wd", "Visit")),
    "cin_plan_seen_in_timescale_pct": ("Working days since the child was last seen, over the visit standard.",
                                       _visit("last_seen", "cin_visit_wd", "Seen")),
    "cp_reviews_in_timescale_pct": ("Calendar days past the review's due date: 3 months after the plan started, "
                                    "then 6 months after the latest review.", _review_then(_cp_first_review)),
    "cla_reviews_in_timescale_pct": ("Before a first review, working days over 20 since coming into care; after "
                                     "it, calendar days past 6 months from the latest review.",
                                     _review_then(_cla_first_review)),
    "cla_health_assessment_pct": ("Calendar days the last health assessment falls short of 12 months before the "
                                  "extract date (6 months for a child under 5).",
                                  _at_least("last_health_assessment", _health_months, "Health assessment")),
    "cla_dental_check_pct": ("Calendar days the last dental check falls short of 12 months before the extract "
                             "date.", _at_least("last_dental_check", 12, "Dental check")),
    "cl_pathway_plan_in_date_pct": ("Calendar days the latest pathway plan review falls short of 6 months before "
                                    "the extract date.", _at_least("pathway_plan_review", 6, "Pathway plan review")),
}


# ---- the listing -------------------------------------------------------------------------------------

def columns_read(spec):
    """The Annex A columns a (non-derived) KPI's definition reads, in the lists' order, as Columns."""
    wanted = {key for _, key in spec.needs} - _SHOWN_ELSEWHERE
    out, seen = [], set()
    for number in sorted({n for n, _ in spec.needs}):
        for column in LISTS[number].columns:
            if column.key in wanted and column.key not in seen:
                seen.add(column.key)
                out.append(Column(column.key, column.heading))
    return tuple(out)


def lists_needed(kpi_id):
    """The Annex A lists a KPI's listing reads (a caller may load only these)."""
    specs = all_kpis()
    spec = specs[kpi_id]
    ids = [k for k in (spec.of, spec.per) if k] if spec.derived else [kpi_id]
    return tuple(sorted({n for k in ids for n in (*specs[k].lists_read, *specs[k].lists)}))


def listing(engine, kpi_id, periods, period_index=-1, settings=None):
    """The Listing of one KPI in one of `periods`, from `engine` (kpis/engine.Engine on DuckDB or Spark)."""
    specs = engine.specs
    spec = specs[kpi_id]
    end = periods[period_index].end
    settings = {**DEFAULT_SETTINGS, **(engine.settings or {}), **(settings or {})}
    if spec.derived:
        parts = [(specs[spec.of], True, False, specs[spec.of].title if spec.per else "")]
        if spec.per:
            parts.append((specs[spec.per], False, True, specs[spec.per].title))
    else:
        parts = [(spec, None, None, "")]
    columns, rows, excluded = [], [], 0
    for base, num, den, counted_in in parts:
        if engine.availability.null(base):  # a missing list or column: no list, never an empty one
            return Listing(kpi_id, spec.unit, end, null_reason=_null_reason(engine, spec))
        wanted = columns_read(base)
        carried = tuple(c.key for c in wanted) + ("_unreadable",)
        found = engine.cohort_rows(base.id, periods, period_index, carried, sql=_sql(engine, base.id, carried))
        present = [c for c in wanted if not found or c.key in found[0]]
        columns += [c for c in present if c not in columns]
        for r in found:
            excluded += bool(r["excl"])
        rows.append((base, num, den, counted_in, found))
    timescale, rule = TIMESCALES.get(kpi_id, ("", None))
    out = []
    for base, num, den, counted_in, found in rows:
        for r in found:
            in_num, in_den = bool(r["num"]), bool(r["den"])
            if r["child_id"] is None or not (in_num or in_den) or (base.unit == "count" and not in_num):
                continue
            if num is not None:  # a ratio's count: in its numerator or its denominator
                in_num, in_den = num, den
            elif base.unit == "count":  # a count has no denominator
                in_den = False
            days, unit, note = rule(r, end, settings) if rule else (None, "", "")
            out.append(Row(
                child_id=str(r["child_id"]), team=r["team"] or None, worker=r["worker"] or None,
                in_numerator=in_num, in_denominator=in_den, values=tuple(r.get(c.key) for c in columns),
                value=r["val"] if base.unit in ("mean", "median") else None, days_overdue=days,
                days_unit=unit, note=note, counted_in=counted_in))
    out.sort(key=urgency)
    # a column blank on every row says nothing the measure does not (an open plan's end date): left out
    kept = [i for i, _ in enumerate(columns) if any(r.values[i] is not None for r in out)]
    if len(kept) < len(columns):
        columns = [columns[i] for i in kept]
        out = [replace(r, values=tuple(r.values[i] for i in kept)) for r in out]
    bases = [p[0] for p in rows]
    if kpi_id in THINGS_OF or spec.of in THINGS_OF:
        things = THINGS_OF.get(kpi_id) or THINGS_OF[spec.of]
    elif all(b.distinct_children for b in bases):
        things = "children"
    else:
        things = " or ".join(dict.fromkeys(THINGS.get((b.lists or b.lists_read)[0], "records") for b in bases))
    return Listing(kpi_id, spec.unit, end, tuple(columns), tuple(out), excluded, things, timescale,
                   VALUE_LABELS.get(kpi_id, "Value" if spec.unit in ("mean", "median") else ""))


def _null_reason(engine, spec):
    blocked = engine.availability.blocked(spec)
    if blocked:
        return "The extract lacks " + ", ".join(f"list {n}'s {LISTS[n].column(k).heading}" for n, k in sorted(blocked)) + "."
    return "The extract lacks a list this measure reads."


# ---- the cohort SQL, kept on disk -----------------------------------------------------------------------

def _file_name(settings):
    digest = hashlib.sha256(sqlcache.settings_text(settings).encode()).hexdigest()
    return f"{PREFIX}{sqlcache.code_key()[:20]}-{digest[:12]}.json"


def _sql(engine, kpi_id, columns):
    """engine.cohort_sql(kpi_id, columns), from memory or disk when built before by the same code and
    settings; None on Spark (the engine builds its frame itself)."""
    if getattr(engine, "_connection", None) is None:
        return None
    name, key = _file_name(engine.settings), f"{kpi_id}|{','.join(columns)}"
    entries = _SQL_MEMORY.get(name)
    if entries is None:
        data = diskcache.read_json(name)
        valid = isinstance(data, dict) and data.get("code") == sqlcache.code_key() and data.get(
            "settings") == sqlcache.settings_text(engine.settings) and isinstance(data.get("entries"), dict)
        entries = _SQL_MEMORY[name] = dict(data["entries"]) if valid else {}
    sql = entries.get(key)
    if isinstance(sql, str):
        return sql
    with _BUILDING:
        sql = engine.cohort_sql(kpi_id, columns)
    entries[key] = sql
    written = diskcache.write_json(name, {"code": sqlcache.code_key(), "settings": sqlcache.settings_text(
        engine.settings), "entries": entries})
    if written is not None:
        diskcache.prune(PREFIX, keep_prefix=f"{PREFIX}{sqlcache.code_key()[:20]}-")
    return sql
