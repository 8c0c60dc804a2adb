"""Adoption (Annex A list 10): adoption orders and A1 / A2 timeliness.

List 10 has no Allocated Team, so these KPIs have no team breakdown (kpis.md "Breakdowns").

Choices where kpis.md is silent:
- Children are counted once (a child on two rows with orders in the period counts once).
- A blank Date of Adoption Order means no order yet; an unreadable one cannot be placed: the row is
  left out and counted in `excluded` of every period.
- A1: the end date is the earlier of Date Placed for Adoption and the fostering-for-adoption
  placement date, whichever are present; a row with neither, without Date Entered Care, or with either
  placement date unreadable (it might be the earlier) is left out and counted in `excluded`.
- A2: "with both dates": a row lacking either is left out and counted in `excluded`.
- Days are calendar days (end date minus start date), unrounded means; negative intervals (dates
  recorded in the wrong order) are kept as recorded.
"""

from ..registry import kpi

SECTION = "Adoption"
LIST = (10,)
FLOW = "flow"


def _orders(ctx):
    return ctx.in_period(ctx.table(10), "adoption_order", blank_is_not_done=True)


@kpi("adoption_orders", "Adoption orders", "count", kind=FLOW, lists=LIST, needs=("adoption_order",),
     section=SECTION, distinct_children=True)
def adoption_orders(ctx):
    """Distinct children with Date of Adoption Order in the period."""
    return ctx.cohort(_orders(ctx), num=True)


@kpi("a1_avg_days", "A1: average days from entering care to placement for adoption", "mean", kind=FLOW,
     polarity="lower", lists=LIST, needs=("adoption_order", "entered_care", "placed_for_adoption", "ffa_placement"),
     section=SECTION, distinct_children=True)
def a1_avg_days(ctx):
    """Cohort adoption_orders; mean days from Date Entered Care to the earlier of Date Placed for Adoption
    and the FFA / concurrent planning placement date (either may be blank, not both)."""
    F = ctx.F
    placed = F.least(F.col("placed_for_adoption"), F.col("ffa_placement"))
    lost = (F.col("entered_care").isNull() | (F.col("placed_for_adoption").isNull() & F.col("ffa_placement").isNull())
            | ctx.unreadable("placed_for_adoption") | ctx.unreadable("ffa_placement"))
    return ctx.cohort(_orders(ctx), num=True, den=True, val=F.datediff(placed, F.col("entered_care")), excl=lost)


@kpi("a2_avg_days", "A2: average days from placement order to matching", "mean", kind=FLOW, polarity="lower",
     lists=LIST, needs=("adoption_order", "placement_order", "matching"), section=SECTION, distinct_children=True)
def a2_avg_days(ctx):
    """Cohort adoption_orders with both dates; mean days from Date of Placement Order to Date of Matching.
    A row lacking either date is left out (`excluded`)."""
    F = ctx.F
    lost = F.col("placement_order").isNull() | F.col("matching").isNull()
    return ctx.cohort(_orders(ctx), num=True, den=True, val=F.datediff(F.col("matching"), F.col("placement_order")),
                      excl=lost)
