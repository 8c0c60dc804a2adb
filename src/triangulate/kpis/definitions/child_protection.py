"""Child protection (Annex A list 7): see kpis.md, section "Child protection (list 7)".

Choices where kpis.md leaves room (each is repeated in the definition it affects):
- "Open at end": CP Plan Start Date <= end and (CP Plan End Date empty or > end). A plan ending on
  the period's end date is not open at end; a row without a start date is never open.
- `cp_open` counts distinct children (kpis.md: "distinct children"); every other KPI here counts
  plans (rows of list 7), as kpis.md says "plans".
- `cp_repeat_pct`: "an earlier plan for the same child in list 7" = another list 7 row for the same
  child whose start date is before this plan's start (or, when that row has no start date, whose
  end date is on or before this plan's start). A plan starting the same day is not earlier.
  An empty Number of Previous CP Plans is read as 0.
- `cp_ended_2y_plus_pct`: `start + 24 months` keeps the day, clamped to the month's end (a plan
  started 29/02/2024 reaches 24 months on 28/02/2026). Plans without a start date are left out.
- `cp_open_2y_plus`: `end - 24 months` is clamped the same way (end 28/02/2026 -> 28/02/2024, so a
  plan started 29/02/2024 is not yet counted on that date).
- `cp_visits_in_timescale_pct`: a plan without a Date of Last Statutory Visit is left out of the
  cohort (kpis.md conventions: a row whose needed date is missing is left out of that KPI and never
  counts as "in timescale"). A visit dated after `end` stays in the cohort but is not in timescale.
  A visit outside the shipped 1990-2040 working-day calendar is not in timescale.
- `cp_seen_alone_pct`: the cohort is every plan open at end; only the normalised "Yes" counts
  (No, Unknown or empty: denominator only).
- `cp_reviews_in_timescale_pct`: every plan open at end is in the cohort (its start date is known).
  Overdue when (no review date and start + 3 months < end) or (latest review + 6 months < end),
  months clamped to the month's end. A review dated after `end` is not overdue by the letter.
"""

from ..context import YES
from ..registry import kpi, rate

SECTION = "Child protection"
LIST = 7


def _open(ctx):
    """CP plans open at each period's end (one row per plan and period)."""
    return ctx.open_at_end(ctx.table(LIST), "cp_start", "cp_end")


def _starts(ctx):
    return ctx.in_period(ctx.table(LIST), "cp_start")


def _ended(ctx):
    return ctx.in_period(ctx.table(LIST), "cp_end")


@kpi("cp_open", "Children on a child protection plan", "count", lists=(LIST,), section=SECTION,
     distinct_children=True)
def cp_open(ctx):
    """Distinct children with a CP plan open at end."""
    return ctx.cohort(_open(ctx), num=True)


rate("cp_rate", "Children on a child protection plan per 10,000 children", of="cp_open", annualised=False)


@kpi("cp_starts", "Child protection plans started", "count", lists=(LIST,), section=SECTION)
def cp_starts(ctx):
    """Plans (rows) with a start date in the period."""
    return ctx.cohort(_starts(ctx), num=True)


rate("cp_starts_rate", "Child protection plans started per 10,000 children", of="cp_starts", annualised=True)


@kpi("cp_repeat_pct", "Child protection plans that are a repeat plan", "pct", polarity="lower", lists=(LIST,),
     section=SECTION)
def cp_repeat_pct(ctx):
    """Of plans started in the period, % with Number of Previous CP Plans > 0, or with an earlier plan
    for the same child in list 7 (another row starting before this one, or, with no start date,
    ending on or before this one's start). An empty number of previous plans reads as 0."""
    F = ctx.F
    plans = ctx.table(LIST)
    # the earliest date each child is known to have had a plan: a start date, or the end date of a
    # row with no start date (such a plan began before it ended)
    first = (plans.where(F.col("child_id").isNotNull())
             .select(F.col("child_id").alias("_first_child"),
                     F.when(F.col("cp_start").isNotNull(), F.col("cp_start")).alias("_s"),
                     F.when(F.col("cp_start").isNull(), F.col("cp_end")).alias("_e"))
             .groupBy("_first_child").agg(F.min("_s").alias("_first_start"), F.min("_e").alias("_first_end")))
    rows = _starts(ctx).join(first, F.col("_first_child") == F.col("child_id"), "left")
    earlier = ((F.col("_first_start").isNotNull() & (F.col("_first_start") < F.col("cp_start")))
               | (F.col("_first_end").isNotNull() & (F.col("_first_end") <= F.col("cp_start"))))
    repeat = (F.coalesce(F.col("previous_cp_plans"), F.lit(0)) > 0) | earlier
    return ctx.cohort(rows, num=repeat, den=True)


@kpi("cp_ended", "Child protection plans ended", "count", lists=(LIST,), section=SECTION)
def cp_ended(ctx):
    """Plans (rows) with an end date in the period."""
    return ctx.cohort(_ended(ctx), num=True)


@kpi("cp_ended_2y_plus_pct", "Child protection plans ended that lasted two years or more", "pct",
     polarity="lower", lists=(LIST,), section=SECTION)
def cp_ended_2y_plus_pct(ctx):
    """Of plans ended in the period that have a start date, % with end >= start + 24 months (clamped:
    29/02/2024 + 24 months = 28/02/2026). Plans without a start date are left out."""
    F = ctx.F
    rows = _ended(ctx).where(F.col("cp_start").isNotNull())
    return ctx.cohort(rows, num=F.col("cp_end") >= F.add_months(F.col("cp_start"), 24), den=True)


@kpi("cp_open_2y_plus", "Child protection plans open for two years or more", "count", polarity="lower",
     lists=(LIST,), section=SECTION)
def cp_open_2y_plus(ctx):
    """Plans (rows) open at end with start <= end - 24 months (clamped: 28/02/2026 - 24 months = 28/02/2024)."""
    F = ctx.F
    rows = _open(ctx).where(F.col("cp_start") <= F.add_months(F.col("end"), -24))
    return ctx.cohort(rows, num=True)


@kpi("cp_visits_in_timescale_pct", "Child protection visits within the visit standard", "pct",
     polarity="higher", lists=(LIST,), section=SECTION)
def cp_visits_in_timescale_pct(ctx):
    """Of plans open at end with a Date of Last Statutory Visit, % with visit <= end and
    wd(visit, end) <= the CP visit standard (setting `cp_visit_wd`, default 10).

    Plans with no visit date are left out of the cohort (never "in timescale")."""
    F = ctx.F
    standard = int(ctx.settings["cp_visit_wd"])
    rows = _open(ctx).where(F.col("last_visit").isNotNull())
    rows = ctx.with_wd(rows, "last_visit", "end", "_wd")
    in_time = (F.col("last_visit") <= F.col("end")) & F.col("_wd").isNotNull() & (F.col("_wd") <= standard)
    return ctx.cohort(rows, num=in_time, den=True)


@kpi("cp_seen_alone_pct", "Children on a CP plan seen alone", "pct", polarity="higher", lists=(LIST,),
     section=SECTION)
def cp_seen_alone_pct(ctx):
    """Of plans open at end, % with Was the Child Seen Alone = Yes (No, Unknown, empty: denominator only)."""
    F = ctx.F
    return ctx.cohort(_open(ctx), num=F.col("seen_alone") == YES, den=True)


@kpi("cp_reviews_in_timescale_pct", "Child protection plans reviewed within timescale", "pct", polarity="higher",
     lists=(LIST,), section=SECTION)
def cp_reviews_in_timescale_pct(ctx):
    """Of plans open at end, % not overdue. Overdue: no review date and start + 3 months < end; or
    latest review + 6 months < end (months clamped to the month's end)."""
    F = ctx.F
    overdue = ((F.col("latest_review").isNull() & (F.add_months(F.col("cp_start"), 3) < F.col("end")))
               | (F.col("latest_review").isNotNull() & (F.add_months(F.col("latest_review"), 6) < F.col("end"))))
    return ctx.cohort(_open(ctx), num=~overdue, den=True)
