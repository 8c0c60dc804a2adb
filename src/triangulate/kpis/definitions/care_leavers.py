"""Care leavers (Annex A list 9).

List 9 is a snapshot of the council's care leavers: every row is considered for every period, with
ages taken at the period's `end`. Rows with LA in Touch = Died, NREQ or Rhom (canonical codes) are
excluded from every KPI here; a row whose LA in Touch is unreadable is left out of every KPI here and
counted in `excluded` (it might be one of those).

Choices where kpis.md is silent:
- Age at `end` in completed years from Date of Birth (see children_in_care.age_at: a birthday on `end`
  counts; a 29 February birthday is reached on 1 March in other years). Rows without a Date of Birth
  are left out of the 19-21 KPIs and counted in their `excluded`.
- Care leavers are counted as distinct children (a child on two rows counts once, in the numerator
  if either row qualifies).
- "Yes", "Suitable" and the activity codes are compared as canonical codes; a blank value counts in the
  denominator only, an unreadable one leaves the row out (`excluded`). EET = Activity Status code
  beginning with F or P (G codes, including G6 pregnancy or parenting, are not EET).
- `cl_pathway_plan_in_date_pct`: a blank or unreadable Latest Pathway Plan Review Date keeps the care
  leaver in the denominator, not in date (a measured date).
"""

from ..registry import kpi
from .children_in_care import age_at

SECTION = "Care leavers"
LIST = (9,)
SNAPSHOT = "snapshot"
EXCLUDED_IN_TOUCH = ("Died", "NREQ", "Rhom")
AGED = ("date_of_birth", "in_touch")


def _care_leavers(ctx):
    """List 9 without Died / NREQ / Rhom, once per period."""
    F = ctx.F
    leavers = ctx.table(9).where(~F.coalesce(F.col("in_touch").isin(*EXCLUDED_IN_TOUCH), F.lit(False)))
    return ctx.for_each_period(leavers)


def _aged_19_21(ctx):
    """Care leavers aged 19-21 at end, and those whose age is unknown (to be counted as excluded)."""
    F = ctx.F
    rows = _care_leavers(ctx).withColumn("_age_at_end", age_at(F))
    return rows.where(((F.col("_age_at_end") >= 19) & (F.col("_age_at_end") <= 21)) | F.col("_age_at_end").isNull())


def _cohort(ctx, rows, num, excl=None):
    """ctx.cohort leaving out rows without an age (19-21 KPIs) or with an unreadable LA in Touch."""
    F = ctx.F
    lost = ctx.unreadable("in_touch")
    if "_age_at_end" in rows.columns:
        lost = lost | F.col("_age_at_end").isNull()
    if excl is not None:
        lost = lost | F.coalesce(excl, F.lit(False))
    return ctx.cohort(rows, num=num, den=True, excl=lost)


@kpi("cl_19_21", "Care leavers aged 19 to 21", "count", kind=SNAPSHOT, lists=LIST, needs=AGED, section=SECTION,
     distinct_children=True)
def cl_19_21(ctx):
    """Distinct care leavers aged 19, 20 or 21 at end (completed years from Date of Birth), excluding LA in
    Touch = Died, NREQ or Rhom. Rows without a Date of Birth are left out (`excluded`)."""
    return _cohort(ctx, _aged_19_21(ctx), num=True)


@kpi("cl_in_touch_pct", "Care leavers aged 19 to 21 in touch", "pct", kind=SNAPSHOT, polarity="higher", lists=LIST,
     needs=AGED, section=SECTION, distinct_children=True)
def cl_in_touch_pct(ctx):
    """Of cl_19_21, % with LA in Touch = Yes (blank, No, Refu: denominator only)."""
    F = ctx.F
    return _cohort(ctx, _aged_19_21(ctx), num=F.col("in_touch") == "Yes")


@kpi("cl_suitable_accommodation_pct", "Care leavers aged 19 to 21 in suitable accommodation", "pct",
     kind=SNAPSHOT, polarity="higher", lists=LIST, needs=AGED + ("accommodation_suitability",), section=SECTION,
     distinct_children=True)
def cl_suitable_accommodation_pct(ctx):
    """Of cl_19_21, % with Suitability = Suitable (Unsuitable or blank: denominator only; unreadable: left
    out, `excluded`)."""
    F = ctx.F
    return _cohort(ctx, _aged_19_21(ctx), num=F.col("accommodation_suitability") == "Suitable",
                   excl=ctx.unreadable("accommodation_suitability"))


@kpi("cl_eet_pct", "Care leavers aged 19 to 21 in education, employment or training", "pct", kind=SNAPSHOT,
     polarity="higher", lists=LIST, needs=AGED + ("activity",), section=SECTION, distinct_children=True)
def cl_eet_pct(ctx):
    """Of cl_19_21, % with an Activity Status code beginning F or P (F1-F5, P1-P5). Blank: not EET (in
    the denominator); unreadable: left out (`excluded`)."""
    F = ctx.F
    return _cohort(ctx, _aged_19_21(ctx), num=F.substring(F.col("activity"), 1, 1).isin("F", "P"),
                   excl=ctx.unreadable("activity"))


@kpi("cl_pathway_plan_in_date_pct", "Care leavers with a pathway plan reviewed in time", "pct", kind=SNAPSHOT,
     polarity="higher", lists=LIST, needs=("in_touch", "pathway_plan_review"), section=SECTION,
     distinct_children=True)
def cl_pathway_plan_in_date_pct(ctx):
    """Of all care leavers in list 9 (any age; excluding Died, NREQ, Rhom), % with Latest Pathway Plan
    Review >= end - 6 months (setting pathway_review_months). A blank or unreadable review date: in the
    denominator, not in date. A review dated after `end` counts (kpis.md sets only a lower bound)."""
    F = ctx.F
    months = int(ctx.settings["pathway_review_months"])
    return _cohort(ctx, _care_leavers(ctx), num=F.col("pathway_plan_review") >= F.add_months(F.col("end"), -months))
