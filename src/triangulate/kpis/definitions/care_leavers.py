"""Care leavers (Annex A list 9).

List 9 is a snapshot of the council's care leavers: every row is considered for every period, with
ages taken at the period's `end`. Rows with LA in Touch = Died, NREQ or Rhom (trimmed,
case-insensitive) are excluded from every KPI here.

Choices where kpis.md is silent:
- Age at `end` in completed years from Date of Birth (see children_in_care.age_at: a birthday on `end`
  counts; a 29 February birthday is reached on 1 March in other years). Rows without a Date of Birth
  are left out of the 19-21 KPIs.
- Care leavers are counted as distinct children (a child on two rows counts once, in the numerator
  if either row qualifies).
- "Yes" and "Suitable" are compared trimmed and case-insensitively ("a) Suitable" is read as
  Suitable); Activity Status is EET when it begins with F or P (either case).
"""

from ..registry import kpi
from .children_in_care import age_at, norm

SECTION = "Care leavers"
LIST = (9,)
EXCLUDED_IN_TOUCH = ("died", "nreq", "rhom")


def _care_leavers(ctx):
    """List 9 without Died / NREQ / Rhom, once per period."""
    F = ctx.F
    return ctx.for_each_period(ctx.table(9).where(~norm(F, "in_touch").isin(*EXCLUDED_IN_TOUCH)))


def _aged_19_21(ctx):
    F = ctx.F
    rows = _care_leavers(ctx).withColumn("_age_at_end", age_at(F))
    return rows.where((F.col("_age_at_end") >= 19) & (F.col("_age_at_end") <= 21))


@kpi("cl_19_21", "Care leavers aged 19 to 21", "count", lists=LIST, section=SECTION, distinct_children=True)
def cl_19_21(ctx):
    """Distinct care leavers aged 19, 20 or 21 at end (completed years from Date of Birth), excluding LA in
    Touch = Died, NREQ or Rhom. Rows without a Date of Birth are left out."""
    return ctx.cohort(_aged_19_21(ctx), num=True)


@kpi("cl_in_touch_pct", "Care leavers aged 19 to 21 in touch", "pct", polarity="higher", lists=LIST,
     section=SECTION, distinct_children=True)
def cl_in_touch_pct(ctx):
    """Of cl_19_21, % with LA in Touch = Yes (case-insensitive)."""
    F = ctx.F
    return ctx.cohort(_aged_19_21(ctx), num=norm(F, "in_touch").isin("yes", "y"), den=True)


@kpi("cl_suitable_accommodation_pct", "Care leavers aged 19 to 21 in suitable accommodation", "pct",
     polarity="higher", lists=LIST, section=SECTION, distinct_children=True)
def cl_suitable_accommodation_pct(ctx):
    """Of cl_19_21, % with Suitability = Suitable: the text trimmed, lower-cased, with an optional "a) "
    style prefix removed, starts with "suitable" ("Unsuitable", "Not suitable" and empty are not)."""
    F = ctx.F
    text = F.regexp_replace(norm(F, "accommodation_suitability"), r"^[a-z0-9]\)\s*", "")
    return ctx.cohort(_aged_19_21(ctx), num=text.startswith("suitable"), den=True)


@kpi("cl_eet_pct", "Care leavers aged 19 to 21 in education, employment or training", "pct", polarity="higher",
     lists=LIST, section=SECTION, distinct_children=True)
def cl_eet_pct(ctx):
    """Of cl_19_21, % with Activity Status beginning F or P (F1-F6, P1-P6; case-insensitive). A missing
    activity is not EET."""
    F = ctx.F
    return ctx.cohort(_aged_19_21(ctx), num=norm(F, "activity").rlike("^[fp]"), den=True)


@kpi("cl_pathway_plan_in_date_pct", "Care leavers with a pathway plan reviewed in time", "pct", polarity="higher",
     lists=LIST, section=SECTION, distinct_children=True)
def cl_pathway_plan_in_date_pct(ctx):
    """Of all care leavers in list 9 (any age; excluding Died, NREQ, Rhom), % with Latest Pathway Plan
    Review >= end - 6 months (setting pathway_review_months). Rows without a review date are left out
    (missing needed date); a review dated after `end` counts (kpis.md sets only a lower bound)."""
    F = ctx.F
    months = int(ctx.settings["pathway_review_months"])
    rows = _care_leavers(ctx)
    den = F.col("pathway_plan_review").isNotNull()
    num = den & (F.col("pathway_plan_review") >= F.add_months(F.col("end"), -months))
    return ctx.cohort(rows, num=num, den=den)
