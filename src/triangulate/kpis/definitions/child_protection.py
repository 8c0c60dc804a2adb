"""Child protection (Annex A list 7): see kpis.md, section "Child protection (list 7)".

Choices where kpis.md leaves room (each is repeated in the definition it affects):
- "Open at end": CP Plan Start Date <= end and (CP Plan End Date blank or > end). A plan ending on
  the period's end date is not open at end. A plan without a readable start date, or started by the
  end with an unreadable end date, could be open but cannot be placed: left out of the open-at-end
  KPIs and counted in `excluded` (not when a readable end on or before the period's end shows it closed).
- `cp_open` counts distinct children (kpis.md: "distinct children"); every other KPI here counts
  plans (rows of list 7), as kpis.md says "plans".
- `cp_repeat_pct`: "an earlier plan for the same child in list 7" = another list 7 row for the same
  child whose start date is before this plan's start (or, when that row has no start date, whose
  end date is on or before this plan's start). A plan starting the same day is not earlier.
  A blank Number of Previous CP Plans reads as 0; an unreadable one leaves the plan out (`excluded`).
- `cp_ended_2y_plus_pct`: `start + 24 months` keeps the day, clamped to the month's end (a plan
  started 29/02/2024 reaches 24 months on 28/02/2026). Plans without a start date are left out and
  counted in `excluded`.
- `cp_open_2y_plus`: `end - 24 months` is clamped the same way (end 28/02/2026 -> 28/02/2024, so a
  plan started 29/02/2024 is not yet counted on that date).
- `cp_visits_in_timescale_pct`: a plan with no (or an unreadable) Date of Last Statutory Visit stays in
  the denominator, not in timescale (kpis.md "Missing facts"); so does a visit dated after `end`, or one
  outside the shipped 1990-2040 working-day calendar.
- `cp_seen_alone_pct`: the cohort is every plan open at end; only "Yes" counts (No, Unknown, blank:
  denominator only; unreadable: left out, `excluded`).
- `cp_reviews_in_timescale_pct`: every plan open at end is in the cohort. Overdue when (no review date
  and start + 3 months < end) or (latest review + 6 months < end), months clamped to the month's end;
  an unreadable review date counts as overdue (a measured date: not in timescale). A review dated
  after `end` is not overdue by the letter.
"""

from ..context import YES
from ..registry import kpi, rate

SECTION = "Child protection"
LIST = 7
FLOW, SNAPSHOT = "flow", "snapshot"
OPEN = ("cp_start", "cp_end")


def _open(ctx):
    """CP plans open at each period's end (one row per plan and period), unplaceable ones flagged."""
    return ctx.open_at_end(ctx.table(LIST), "cp_start", "cp_end")


def _starts(ctx):
    return ctx.in_period(ctx.table(LIST), "cp_start")


def _ended(ctx):
    return ctx.in_period(ctx.table(LIST), "cp_end", blank_is_not_done=True)


@kpi("cp_open", "Children on a child protection plan", "count", kind=SNAPSHOT, lists=(LIST,), needs=OPEN,
     section=SECTION, distinct_children=True)
def cp_open(ctx):
    """Distinct children with a CP plan open at end."""
    return ctx.cohort(_open(ctx), num=True)


rate("cp_rate", "Children on a child protection plan per 10,000 children", of="cp_open", annualised=False)


@kpi("cp_starts", "Child protection plans started", "count", kind=FLOW, lists=(LIST,), needs=("cp_start",),
     section=SECTION)
def cp_starts(ctx):
    """Plans (rows) with a start date in the period."""
    return ctx.cohort(_starts(ctx), num=True)


rate("cp_starts_rate", "Child protection plans started per 10,000 children", of="cp_starts", annualised=True)


@kpi("cp_repeat_pct", "Child protection plans that are a repeat plan", "pct", kind=FLOW, polarity="lower",
     lists=(LIST,), needs=("cp_start", "cp_end", "previous_cp_plans"), section=SECTION)
def cp_repeat_pct(ctx):
    """Of plans started in the period, % with Number of Previous CP Plans > 0, or with an earlier plan
    for the same child in list 7 (another row starting before this one, or, with no start date,
    ending on or before this one's start). A blank number of previous plans reads as 0; an unreadable
    one leaves the plan out (`excluded`)."""
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
    return ctx.cohort(rows, num=repeat, den=True, excl=ctx.unreadable("previous_cp_plans"))


@kpi("cp_ended", "Child protection plans ended", "count", kind=FLOW, lists=(LIST,), needs=("cp_end",),
     section=SECTION)
def cp_ended(ctx):
    """Plans (rows) with an end date in the period (a blank end date: not ended)."""
    return ctx.cohort(_ended(ctx), num=True)


@kpi("cp_ended_2y_plus_pct", "Child protection plans ended that lasted two years or more", "pct", kind=FLOW,
     polarity="lower", lists=(LIST,), needs=OPEN, section=SECTION)
def cp_ended_2y_plus_pct(ctx):
    """Of plans ended in the period that have a start date, % with end >= start + 24 months (clamped:
    29/02/2024 + 24 months = 28/02/2026). Plans without a start date are left out (`excluded`)."""
    F = ctx.F
    return ctx.cohort(_ended(ctx), num=F.col("cp_end") >= F.add_months(F.col("cp_start"), 24), den=True,
                      excl=F.col("cp_start").isNull())


@kpi("cp_open_2y_plus", "Child protection plans open for two years or more", "count", kind=SNAPSHOT,
     polarity="lower", lists=(LIST,), needs=OPEN, section=SECTION)
def cp_open_2y_plus(ctx):
    """Plans (rows) open at end with start <= end - 24 months (clamped: 28/02/2026 - 24 months = 28/02/2024)."""
    F = ctx.F

    def long():  # a fresh Column per use (SQLFrame)
        return F.col("cp_start") <= F.add_months(F.col("end"), -24)

    return ctx.cohort(_open(ctx), num=long(), den=long())


@kpi("cp_visits_in_timescale_pct", "Child protection visits within the visit standard", "pct", kind=SNAPSHOT,
     polarity="higher", lists=(LIST,), needs=OPEN + ("last_visit",), section=SECTION)
def cp_visits_in_timescale_pct(ctx):
    """Of plans open at end, % with Date of Last Statutory Visit <= end and wd(visit, end) <= the CP
    visit standard (setting `cp_visit_wd`, default 10).

    A plan with no (or an unreadable) visit date stays in the denominator, not in timescale."""
    F = ctx.F
    standard = int(ctx.settings["cp_visit_wd"])
    rows = ctx.with_wd(_open(ctx), "last_visit", "end", "_wd")
    in_time = (F.col("last_visit") <= F.col("end")) & (F.col("_wd") <= standard)
    return ctx.cohort(rows, num=in_time, den=True)


@kpi("cp_seen_alone_pct", "Children on a CP plan seen alone", "pct", kind=SNAPSHOT, polarity="higher",
     lists=(LIST,), needs=OPEN + ("seen_alone",), section=SECTION)
def cp_seen_alone_pct(ctx):
    """Of plans open at end, % with Was the Child Seen Alone = Yes (No, Unknown, blank: denominator only;
    unreadable: left out, `excluded`)."""
    F = ctx.F
    return ctx.cohort(_open(ctx), num=F.col("seen_alone") == YES, den=True, excl=ctx.unreadable("seen_alone"))


@kpi("cp_reviews_in_timescale_pct", "Child protection plans reviewed within timescale", "pct", kind=SNAPSHOT,
     polarity="higher", lists=(LIST,), needs=OPEN + ("latest_review",), section=SECTION)
def cp_reviews_in_timescale_pct(ctx):
    """Of plans open at end, % not overdue. Overdue: no review date and start + 3 months < end; or
    latest review + 6 months < end (months clamped to the month's end); or an unreadable review date."""
    F = ctx.F
    unread = ctx.unreadable("latest_review")
    overdue = ((F.col("latest_review").isNull() & (F.add_months(F.col("cp_start"), 3) < F.col("end")))
               | (F.add_months(F.col("latest_review"), 6) < F.col("end")))
    return ctx.cohort(_open(ctx), num=~F.coalesce(overdue, F.lit(False)) & ~unread, den=True)
