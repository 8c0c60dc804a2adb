"""Children in need (Annex A list 6): see kpis.md, section "Children in need (list 6)".

Choices where kpis.md leaves room (each is repeated in the definition it affects):
- "Open at end": CIN Start Date <= end and (CIN Closure Date blank or > end). A closure on the
  period's end date means the episode is not open at end. A row without a readable start date, or
  started by the end with an unreadable closure date, could be open but cannot be placed: it is left
  out and counted in `excluded` (not when a readable closure on or before the end shows it closed).
- Both KPIs count distinct children (kpis.md says "children"): a child with several open rows counts
  once, in the numerator if any of its qualifying rows is, and in the team of that row (the engine's
  distinct-children rule); a child is "excluded" only when none of its rows is in the cohort.
- Case Status is compared with the canonical code "CIN plan" (the reader maps "c) Child in need plan",
  "CiN Plan"...); an unreadable status leaves the row out of `cin_plan_seen_in_timescale_pct`.
- `cin_plan_seen_in_timescale_pct`: a blank or unreadable Date Child Was Last Seen keeps the child in
  the denominator, not in timescale (kpis.md "Missing facts": measured date). So does a last-seen date
  after `end`, or one outside the shipped 1990-2040 working-day calendar.
"""

from ..registry import kpi, rate

SECTION = "Children in need"
LIST = 6
SNAPSHOT = "snapshot"
CIN_PLAN = "CIN plan"


def _open(ctx):
    """CIN episodes open at each period's end (one row per episode and period), unplaceable ones flagged."""
    return ctx.open_at_end(ctx.table(LIST), "cin_start", "cin_closure")


@kpi("cin_open", "Children in need", "count", kind=SNAPSHOT, lists=(LIST,), needs=("cin_start", "cin_closure"),
     section=SECTION, distinct_children=True)
def cin_open(ctx):
    """Distinct children with a CIN episode open at end."""
    return ctx.cohort(_open(ctx), num=True)


rate("cin_rate", "Children in need per 10,000 children", of="cin_open", annualised=False)


@kpi("cin_plan_seen_in_timescale_pct", "Children on a CIN plan seen within the visit standard", "pct",
     kind=SNAPSHOT, polarity="higher", lists=(LIST,), needs=("cin_start", "cin_closure", "case_status", "last_seen"),
     section=SECTION, distinct_children=True)
def cin_plan_seen_in_timescale_pct(ctx):
    """Of children open at end with Case Status "CIN plan", % with Date Child Was Last Seen <= end and
    wd(last_seen, end) <= the CIN visit standard (setting `cin_visit_wd`, default 20).

    A child with no (or an unreadable) last-seen date stays in the denominator, not in timescale. A row
    whose status is unreadable is left out (`excluded`); a child counts once (in the numerator if any of
    its CIN-plan rows is in timescale).
    """
    F = ctx.F
    standard = int(ctx.settings["cin_visit_wd"])
    rows = _open(ctx).where((F.col("case_status") == CIN_PLAN) | ctx.unreadable("case_status"))
    rows = ctx.with_wd(rows, "last_seen", "end", "_wd")
    seen = (F.col("last_seen") <= F.col("end")) & (F.col("_wd") <= standard)
    return ctx.cohort(rows, num=seen, den=True, excl=ctx.unreadable("case_status"))
