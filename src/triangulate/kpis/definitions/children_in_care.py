"""Children in care (Annex A list 8).

Short breaks (legal status V3 or V4) are excluded from every KPI here: the legal status is compared
trimmed and case-insensitively, and a missing legal status is *not* a short break.

Choices where kpis.md is silent (also listed in each definition's docstring):
- "Age at end" is in completed years from Date of Birth (year difference, minus one when the
  (month, day) of `end` is before that of the birthday). So a birthday on `end` counts, and a
  29 February birthday is reached on 1 March in a year without 29 February. A row without a Date
  of Birth is left out of any KPI that needs the age (the "Age of Child (Years)" column is an age at
  the extract date, not at `end`, and is not used).
- KPIs "of `cla_open`" count distinct children (a child with two open rows counts once, in the
  numerator if either row qualifies); `cla_starts` and `cla_ceased` count rows (episodes).
- A missing number (placements, missing episodes) counts as 0; a missing text flag as "not".
"""

from ..registry import kpi, rate

SECTION = "Children in care"
LIST = (8,)


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


def norm(F, column):
    """Trimmed lower-case text, '' when missing."""
    return F.coalesce(F.lower(F.trim(F.col(column))), F.lit(""))


def is_yes(F, column):
    return norm(F, column).isin("yes", "y")


def _months_before_end(F, months):
    return F.add_months(F.col("end"), -months)


def _looked_after(ctx):
    """List 8 without short-break rows (legal status V3 or V4)."""
    F = ctx.F
    return ctx.table(8).where(~norm(F, "legal_status").rlike("^v[34]([^0-9]|$)"))


def _open(ctx):
    """Rows looked after at each period's end (short breaks excluded)."""
    return ctx.open_at_end(_looked_after(ctx), "cla_start", "cla_end")


# --- KPIs ---

@kpi("cla_open", "Children in care", "count", lists=LIST, section=SECTION, distinct_children=True)
def cla_open(ctx):
    """Distinct children looked after at end: started <= end, ceased empty or > end; no short breaks."""
    return ctx.cohort(_open(ctx), num=True)


rate("cla_rate", "Children in care per 10,000 children", of="cla_open", annualised=False, section=SECTION)


@kpi("cla_starts", "Children starting to be looked after", "count", lists=LIST, section=SECTION)
def cla_starts(ctx):
    """Rows (episodes) with Date Started to be Looked After in the period; short breaks excluded."""
    return ctx.cohort(ctx.in_period(_looked_after(ctx), "cla_start"), num=True)


@kpi("cla_ceased", "Children ceasing to be looked after", "count", lists=LIST, section=SECTION)
def cla_ceased(ctx):
    """Rows (episodes) with Date Ceased to be Looked After in the period; short breaks excluded."""
    return ctx.cohort(ctx.in_period(_looked_after(ctx), "cla_end"), num=True)


@kpi("cla_3plus_placements_pct", "Children in care with 3 or more placements in 12 months", "pct",
     polarity="lower", lists=LIST, section=SECTION, distinct_children=True)
def cla_3plus_placements_pct(ctx):
    """Of children in care at end, % with Number of Placements in the Last 12 Months >= 3.
    A missing number of placements counts as fewer than 3 (the child stays in the denominator)."""
    F = ctx.F
    return ctx.cohort(_open(ctx), num=F.coalesce(F.col("placements_last_12m"), F.lit(0)) >= 3, den=True)


@kpi("cla_long_term_stability_pct", "Long-term placement stability", "pct", polarity="higher", lists=LIST,
     section=SECTION, distinct_children=True)
def cla_long_term_stability_pct(ctx):
    """Cohort: in care at end, aged under 16 at end, started <= end - 30 months; numerator: most recent
    placement started <= end - 24 months. Rows without a Date of Birth or a most recent placement start
    date are left out."""
    F = ctx.F
    rows = _open(ctx)
    age = age_at(F)
    den = ((age < 16) & (F.col("cla_start") <= _months_before_end(F, 30))
           & F.col("placement_start").isNotNull())
    num = den & (F.col("placement_start") <= _months_before_end(F, 24))
    return ctx.cohort(rows, num=num, den=den)


@kpi("cla_reviews_in_timescale_pct", "Children in care reviews in timescale", "pct", polarity="higher",
     lists=LIST, section=SECTION, distinct_children=True)
def cla_reviews_in_timescale_pct(ctx):
    """Of children in care at end, % not overdue. Overdue: no review date and wd(start, end) > 20; or
    latest review + 6 months < end (so review + 6 months == end is not overdue). As written in kpis.md,
    a review dated after `end` is not overdue."""
    F = ctx.F
    rows = ctx.with_wd(_open(ctx), "cla_start", "end", "_wd_since_start")
    overdue = ((F.col("latest_review").isNull() & (F.col("_wd_since_start") > 20))
               | (F.add_months(F.col("latest_review"), 6) < F.col("end")))
    return ctx.cohort(rows, num=~F.coalesce(overdue, F.lit(False)), den=True)


@kpi("cla_visits_in_timescale_pct", "Children in care visits in timescale", "pct", polarity="higher",
     lists=LIST, section=SECTION, distinct_children=True)
def cla_visits_in_timescale_pct(ctx):
    """Of children in care at end, % with Date of Last Social Work Visit <= end and wd(visit, end) <=
    the care visit standard (setting cla_visit_wd, default 30). Rows without a visit date are left out
    (kpis.md conventions: a missing needed date leaves the row out)."""
    F = ctx.F
    standard = int(ctx.settings["cla_visit_wd"])
    rows = ctx.with_wd(_open(ctx), "last_visit", "end", "_wd_since_visit")
    den = F.col("last_visit").isNotNull()
    num = den & (F.col("last_visit") <= F.col("end")) & (F.col("_wd_since_visit") <= standard)
    return ctx.cohort(rows, num=num, den=den)


def _settled(ctx):
    """In care at end and started <= end - 12 months."""
    F = ctx.F
    rows = _open(ctx)
    return rows.where(F.col("cla_start") <= _months_before_end(F, 12))


@kpi("cla_health_assessment_pct", "Children in care with an up-to-date health assessment", "pct",
     polarity="higher", lists=LIST, section=SECTION, distinct_children=True)
def cla_health_assessment_pct(ctx):
    """Cohort: in care at end and started <= end - 12 months; % with last health assessment >= end - 12
    months (>= end - 6 months if aged under 5 at end). Rows without a health assessment date or a Date
    of Birth are left out (missing needed date); an assessment dated after `end` counts (kpis.md sets
    only a lower bound)."""
    F = ctx.F
    rows = _settled(ctx)
    age = age_at(F)
    since = F.when(age < 5, _months_before_end(F, 6)).otherwise(_months_before_end(F, 12))
    den = F.col("last_health_assessment").isNotNull() & age.isNotNull()
    num = den & (F.col("last_health_assessment") >= since)
    return ctx.cohort(rows, num=num, den=den)


@kpi("cla_dental_check_pct", "Children in care with an up-to-date dental check", "pct", polarity="higher",
     lists=LIST, section=SECTION, distinct_children=True)
def cla_dental_check_pct(ctx):
    """Cohort: in care at end and started <= end - 12 months; % with last dental check >= end - 12 months.
    Rows without a dental check date are left out (missing needed date)."""
    F = ctx.F
    rows = _settled(ctx)
    den = F.col("last_dental_check").isNotNull()
    num = den & (F.col("last_dental_check") >= _months_before_end(F, 12))
    return ctx.cohort(rows, num=num, den=den)


@kpi("cla_missing_pct", "Children in care who went missing in 12 months", "pct", polarity="lower", lists=LIST,
     section=SECTION, distinct_children=True)
def cla_missing_pct(ctx):
    """Of children in care at end, % with at least one 'Missing' episode in the last 12 months (a missing
    number counts as 0)."""
    F = ctx.F
    return ctx.cohort(_open(ctx), num=F.coalesce(F.col("missing_episodes_12m"), F.lit(0)) >= 1, den=True)


def out_of_area(F, column="placement_location"):
    """Tolerant reading of "Placement Location (In/Out of LA area)": out when the trimmed lower-case text
    has a word starting with "out" ("Out", "Out of LA area", "b) Out of LA", "Outside LA") or is exactly
    "o". Anything else ("In LA area", "In", "Inside", empty) is not out of area."""
    text = norm(F, column)
    return text.rlike("(^|[^a-z])out") | (text == "o")


@kpi("cla_out_of_area_pct", "Children in care placed out of the council's area", "pct", polarity="lower",
     lists=LIST, section=SECTION, distinct_children=True)
def cla_out_of_area_pct(ctx):
    """Of children in care at end, % with Placement Location = out of LA area. Rule: the text, trimmed and
    lower-cased, contains a word starting with "out" ("Out", "Out of LA area", "b) Out of LA area",
    "Outside") or is "o". A missing location is not out of area (the child stays in the denominator)."""
    F = ctx.F
    return ctx.cohort(_open(ctx), num=out_of_area(F), den=True)


@kpi("cla_s20_pct", "Children in care under section 20", "pct", lists=LIST, section=SECTION,
     distinct_children=True)
def cla_s20_pct(ctx):
    """Of children in care at end, % with legal status V2 (trimmed, case-insensitive)."""
    F = ctx.F
    return ctx.cohort(_open(ctx), num=norm(F, "legal_status").rlike("^v2([^0-9]|$)"), den=True)


@kpi("cla_uasc", "Unaccompanied asylum-seeking children in care", "count", lists=LIST, section=SECTION,
     distinct_children=True)
def cla_uasc(ctx):
    """Of children in care at end, the number with UASC = Yes (distinct children)."""
    F = ctx.F
    return ctx.cohort(_open(ctx), num=is_yes(F, "uasc"), den=True)
