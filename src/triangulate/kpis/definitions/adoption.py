"""Adoption (Annex A list 10): adoption orders and A1 / A2 timeliness.

Choices where kpis.md is silent:
- Children are counted once (a child on two rows with orders in the period counts once).
- A1: the end date is the earlier of Date Placed for Adoption and the fostering-for-adoption
  placement date, whichever are present; a row with neither, or without Date Entered Care, is left out.
- Days are calendar days (end date minus start date), unrounded means; negative intervals (dates
  recorded in the wrong order) are kept as recorded.
"""

from ..registry import kpi

SECTION = "Adoption"
LIST = (10,)


def _orders(ctx):
    return ctx.in_period(ctx.table(10), "adoption_order")


@kpi("adoption_orders", "Adoption orders", "count", lists=LIST, section=SECTION, distinct_children=True)
def adoption_orders(ctx):
    """Distinct children with Date of Adoption Order in the period."""
    return ctx.cohort(_orders(ctx), num=True)


@kpi("a1_avg_days", "A1: average days from entering care to placement for adoption", "mean", polarity="lower",
     lists=LIST, section=SECTION, distinct_children=True)
def a1_avg_days(ctx):
    """Cohort adoption_orders; mean days from Date Entered Care to the earlier of Date Placed for Adoption
    and the FFA / concurrent planning placement date (either may be missing, not both)."""
    F = ctx.F
    placed = F.least(F.col("placed_for_adoption"), F.col("ffa_placement"))
    days = F.datediff(placed, F.col("entered_care"))
    has = F.col("entered_care").isNotNull() & placed.isNotNull()
    return ctx.cohort(_orders(ctx), num=has, den=has, val=F.when(has, days))


@kpi("a2_avg_days", "A2: average days from placement order to matching", "mean", polarity="lower", lists=LIST,
     section=SECTION, distinct_children=True)
def a2_avg_days(ctx):
    """Cohort adoption_orders with both dates; mean days from Date of Placement Order to Date of Matching."""
    F = ctx.F
    has = F.col("placement_order").isNotNull() & F.col("matching").isNotNull()
    days = F.datediff(F.col("matching"), F.col("placement_order"))
    return ctx.cohort(_orders(ctx), num=has, den=has, val=F.when(has, days))
