"""Children in care (Annex A list 8).

Short breaks (legal status V3 or V4, canonical codes) are excluded from every KPI here; a blank legal
status is *not* a short break, and an unreadable one leaves the row out of every KPI here (it may be a
short break), counted in `excluded` when the row would otherwise be in the cohort.

Choices where kpis.md is silent (also listed in each definition's docstring):
- "Age at end" is in completed years from Date of Birth (year difference, minus one when the
  (month, day) of `end` is before that of the birthday). So a birthday on `end` counts, and a
  29 February birthday is reached on 1 March in a year without 29 February. A row without a Date
  of Birth is left out of any KPI that needs the age and counted in `excluded` (the "Age of Child
  (Years)" column is an age at the extract date, not at `end`, and is not used).
- "Open at end" as in kpis.md; a row without a readable start date, or started by the end with an
  unreadable ceased date, is left out and counted in `excluded` (unless a readable ceased date on or
  before the end shows it closed).
- KPIs "of `cla_open`" count distinct children (a child with two open rows counts once, in the
  numerator if either row qualifies); `cla_starts` and `cla_ceased` count rows (episodes).
- A blank number (placements, missing episodes) counts as 0; an unreadable one leaves the row out.
- Measured dates (review, visit, health assessment, dental check) blank or unreadable: the child stays
  in the denominator, not in timescale. The most recent placement's start date is not a measured date
  in kpis.md's list: without it a child is left out of `cla_long_term_stability_pct` (`excluded`).
"""

from ..registry import kpi, rate

SECTION = "Children in care"
LIST = (8,)
FLOW, SNAPSHOT = "flow", "snapshot"
SHORT_BREAKS = ("V3", "V4")
OPEN = ("cla_start", "cla_end", "legal_status")


# --- helpers (shared with care_leavers) ---

def age_at(F, dob="date_of_birth", at="end"):
    """Completed years from column `dob` to column `at` (names); None when either is missing.

    Fresh Column objects are built for every reference: SQLFrame fails (KeyError while resolving an
    ambiguous column) when one Column object is used twice in a `where` after a join."""
    def d(name):
        return F.col(name)

    before_birthday = (F.month(d(at)) < F.month(d(dob))) | (
        (F.month(d(at)) == F.month(d(dob))) & (F.dayofmonth(d(at)) < F.dayofmonth(d(dob))))
    return F.year(d(at)) - F.year(d(dob)) - F.when(before_birthday, F.lit(1)).otherwise(F.lit(0))


def _months_before_end(F, months):
    return F.add_months(F.col("end"), -months)


def _looked_after(ctx):
    """List 8 without short-break rows (legal status V3 or V4; blank or unreadable kept)."""
    F = ctx.F
    return ctx.table(8).where(~F.coalesce(F.col("legal_status").isin(*SHORT_BREAKS), F.lit(False)))


def _open(ctx):
    """Rows looked after at each period's end (short breaks excluded), unplaceable ones flagged."""
    return ctx.open_at_end(_looked_after(ctx), "cla_start", "cla_end")


def _cohort(ctx, rows, num, den=True, excl=None):
    """ctx.cohort, also leaving out rows whose legal status is unreadable."""
    F = ctx.F
    unread = ctx.unreadable("legal_status")
    return ctx.cohort(rows, num=num, den=den, excl=unread if excl is None else (unread | F.coalesce(excl, F.lit(False))))


# --- KPIs ---

@kpi("cla_open", "Children in care", "count", kind=SNAPSHOT, lists=LIST, needs=OPEN, section=SECTION,
     distinct_children=True)
def cla_open(ctx):
    """Distinct children looked after at end: started <= end, ceased blank or > end; no short breaks."""
    return _cohort(ctx, _open(ctx), num=True)


rate("cla_rate", "Children in care per 10,000 children", of="cla_open", annualised=False, section=SECTION)


@kpi("cla_starts", "Children starting to be looked after", "count", kind=FLOW, lists=LIST,
     needs=("cla_start", "legal_status"), section=SECTION)
def cla_starts(ctx):
    """Rows (episodes) with Date Started to be Looked After in the period; short breaks excluded."""
    return _cohort(ctx, ctx.in_period(_looked_after(ctx), "cla_start"), num=True)


@kpi("cla_ceased", "Children ceasing to be looked after", "count", kind=FLOW, lists=LIST,
     needs=("cla_end", "legal_status"), section=SECTION)
def cla_ceased(ctx):
    """Rows (episodes) with Date Ceased to be Looked After in the period (blank: not ceased); short breaks
    excluded."""
    return _cohort(ctx, ctx.in_period(_looked_after(ctx), "cla_end", blank_is_not_done=True), num=True)


@kpi("cla_3plus_placements_pct", "Children in care with 3 or more placements in 12 months", "pct",
     kind=SNAPSHOT, polarity="lower", lists=LIST, needs=OPEN + ("placements_last_12m",), section=SECTION,
     distinct_children=True)
def cla_3plus_placements_pct(ctx):
    """Of children in care at end, % with Number of Placements in the Last 12 Months >= 3.
    A blank number counts as fewer than 3 (the child stays in the denominator); an unreadable one
    leaves the row out (`excluded`)."""
    F = ctx.F
    return _cohort(ctx, _open(ctx), num=F.coalesce(F.col("placements_last_12m"), F.lit(0)) >= 3,
                   excl=ctx.unreadable("placements_last_12m"))


@kpi("cla_long_term_stability_pct", "Long-term placement stability", "pct", kind=SNAPSHOT, polarity="higher",
     lists=LIST, needs=OPEN + ("date_of_birth", "placement_start"), section=SECTION, distinct_children=True)
def cla_long_term_stability_pct(ctx):
    """Cohort: in care at end, aged under 16 at end, started <= end - 30 months; numerator: most recent
    placement started <= end - 24 months. A row that could be in the cohort but has no Date of Birth or
    no most recent placement start date is left out (`excluded`)."""
    F = ctx.F
    rows = _open(ctx).withColumn("_age", age_at(F))
    could = ((F.col("cla_start") <= _months_before_end(F, 30)) | F.col("cla_start").isNull()) & (
        (F.col("_age") < 16) | F.col("_age").isNull())
    rows = rows.where(could)
    return _cohort(ctx, rows, num=F.col("placement_start") <= _months_before_end(F, 24),
                   excl=F.col("_age").isNull() | F.col("placement_start").isNull())


@kpi("cla_reviews_in_timescale_pct", "Children in care reviews in timescale", "pct", kind=SNAPSHOT,
     polarity="higher", lists=LIST, needs=OPEN + ("latest_review",), section=SECTION, distinct_children=True)
def cla_reviews_in_timescale_pct(ctx):
    """Of children in care at end, % not overdue. Overdue: no review date and wd(start, end) > 20; or
    latest review + 6 months < end (so review + 6 months == end is not overdue); or an unreadable
    review date (a measured date: not in timescale). As written in kpis.md, a review dated after `end`
    is not overdue."""
    F = ctx.F
    rows = ctx.with_wd(_open(ctx), "cla_start", "end", "_wd_since_start")
    overdue = ((F.col("latest_review").isNull() & (F.col("_wd_since_start") > 20))
               | (F.add_months(F.col("latest_review"), 6) < F.col("end")))
    return _cohort(ctx, rows, num=~F.coalesce(overdue, F.lit(False)) & ~ctx.unreadable("latest_review"))


@kpi("cla_visits_in_timescale_pct", "Children in care visits in timescale", "pct", kind=SNAPSHOT,
     polarity="higher", lists=LIST, needs=OPEN + ("last_visit",), section=SECTION, distinct_children=True)
def cla_visits_in_timescale_pct(ctx):
    """Of children in care at end, % with Date of Last Social Work Visit <= end and wd(visit, end) <=
    the care visit standard (setting cla_visit_wd, default 30). A child with no (or an unreadable)
    visit date stays in the denominator, not in timescale."""
    F = ctx.F
    standard = int(ctx.settings["cla_visit_wd"])
    rows = ctx.with_wd(_open(ctx), "last_visit", "end", "_wd_since_visit")
    return _cohort(ctx, rows, num=(F.col("last_visit") <= F.col("end")) & (F.col("_wd_since_visit") <= standard))


def _settled(ctx):
    """In care at end and started <= end - 12 months (and the unplaceable rows that might be)."""
    F = ctx.F
    return _open(ctx).where((F.col("cla_start") <= _months_before_end(F, 12)) | F.col("cla_start").isNull())


@kpi("cla_health_assessment_pct", "Children in care with an up-to-date health assessment", "pct",
     kind=SNAPSHOT, polarity="higher", lists=LIST, needs=OPEN + ("date_of_birth", "last_health_assessment"),
     section=SECTION, distinct_children=True)
def cla_health_assessment_pct(ctx):
    """Cohort: in care at end and started <= end - 12 months; % with last health assessment >= end - 12
    months (>= end - 6 months if aged under 5 at end). No (or an unreadable) assessment date: in the
    denominator, not in time. No Date of Birth: left out (`excluded`; the age decides the rule). An
    assessment dated after `end` counts (kpis.md sets only a lower bound)."""
    F = ctx.F
    age = age_at(F)
    since = F.when(age < 5, _months_before_end(F, 6)).otherwise(_months_before_end(F, 12))
    return _cohort(ctx, _settled(ctx), num=F.col("last_health_assessment") >= since,
                   excl=F.col("date_of_birth").isNull())


@kpi("cla_dental_check_pct", "Children in care with an up-to-date dental check", "pct", kind=SNAPSHOT,
     polarity="higher", lists=LIST, needs=OPEN + ("last_dental_check",), section=SECTION, distinct_children=True)
def cla_dental_check_pct(ctx):
    """Cohort: in care at end and started <= end - 12 months; % with last dental check >= end - 12 months.
    No (or an unreadable) dental check date: in the denominator, not in time."""
    F = ctx.F
    return _cohort(ctx, _settled(ctx), num=F.col("last_dental_check") >= _months_before_end(F, 12))


@kpi("cla_missing_pct", "Children in care who went missing in 12 months", "pct", kind=SNAPSHOT, polarity="lower",
     lists=LIST, needs=OPEN + ("missing_episodes_12m",), section=SECTION, distinct_children=True)
def cla_missing_pct(ctx):
    """Of children in care at end, % with at least one 'Missing' episode in the last 12 months (a blank
    number counts as 0; an unreadable one leaves the row out)."""
    F = ctx.F
    return _cohort(ctx, _open(ctx), num=F.coalesce(F.col("missing_episodes_12m"), F.lit(0)) >= 1,
                   excl=ctx.unreadable("missing_episodes_12m"))


@kpi("cla_out_of_area_pct", "Children in care placed out of the council's area", "pct", kind=SNAPSHOT,
     polarity="lower", lists=LIST, needs=OPEN + ("placement_location",), section=SECTION, distinct_children=True)
def cla_out_of_area_pct(ctx):
    """Of children in care at end, % with Placement Location = "Out" (canonical code). A blank location is
    not out of area (the child stays in the denominator); an unreadable one leaves the row out."""
    F = ctx.F
    return _cohort(ctx, _open(ctx), num=F.col("placement_location") == "Out",
                   excl=ctx.unreadable("placement_location"))


@kpi("cla_s20_pct", "Children in care under section 20", "pct", kind=SNAPSHOT, lists=LIST, needs=OPEN,
     section=SECTION, distinct_children=True)
def cla_s20_pct(ctx):
    """Of children in care at end, % with legal status V2 (canonical code)."""
    F = ctx.F
    return _cohort(ctx, _open(ctx), num=F.col("legal_status") == "V2")


@kpi("cla_uasc", "Unaccompanied asylum-seeking children in care", "count", kind=SNAPSHOT, lists=LIST,
     needs=OPEN + ("uasc",), section=SECTION, distinct_children=True)
def cla_uasc(ctx):
    """Of children in care at end, the number with UASC = Yes (distinct children); an unreadable UASC
    value leaves the row out (`excluded`)."""
    F = ctx.F
    return _cohort(ctx, _open(ctx), num=F.col("uasc") == "Yes", excl=ctx.unreadable("uasc"))
