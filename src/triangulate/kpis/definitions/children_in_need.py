"""Children in need (Annex A list 6): see kpis.md, section "Children in need (list 6)".

Choices where kpis.md leaves room (each is repeated in the definition it affects):
- "Open at end": CIN Start Date <= end and (CIN Closure Date empty or > end). A closure on the
  period's end date means the episode is not open at end; a row without a start date is never open.
- `cin_open` and `cin_plan_seen_in_timescale_pct` count distinct children (kpis.md says
  "children"): a child with several open rows counts once, in the numerator if any of its
  qualifying rows is, and in the team of that row (the engine's distinct-children rule).
- Case Status "Child in need plan" is matched after trimming and case-insensitively (and with runs
  of whitespace read as one space); any other status (or none) is outside that KPI.
- `cin_plan_seen_in_timescale_pct`: a row without a Date Child Was Last Seen is left out of the
  cohort (kpis.md conventions: a row whose needed date is missing is left out of that KPI, never
  "in timescale"). A last-seen date after `end` stays in the cohort but is not in timescale.
  A last-seen date outside the shipped 1990-2040 working-day calendar is not in timescale.
"""

from ..registry import kpi, rate

SECTION = "Children in need"
LIST = 6
CIN_PLAN = "child in need plan"


def _open(ctx):
    """CIN episodes open at each period's end (one row per episode and period)."""
    return ctx.open_at_end(ctx.table(LIST), "cin_start", "cin_closure")


def _is_cin_plan(F):
    return F.lower(F.regexp_replace(F.trim(F.col("case_status")), r"\s+", " ")) == CIN_PLAN


@kpi("cin_open", "Children in need", "count", lists=(LIST,), section=SECTION, distinct_children=True)
def cin_open(ctx):
    """Distinct children with a CIN episode open at end."""
    return ctx.cohort(_open(ctx), num=True)


rate("cin_rate", "Children in need per 10,000 children", of="cin_open", annualised=False)


@kpi("cin_plan_seen_in_timescale_pct", "Children on a CIN plan seen within the visit standard", "pct",
     polarity="higher", lists=(LIST,), section=SECTION, distinct_children=True)
def cin_plan_seen_in_timescale_pct(ctx):
    """Of children open at end with Case Status "Child in need plan" (trimmed, case-insensitive), % with
    Date Child Was Last Seen <= end and wd(last_seen, end) <= the CIN visit standard (setting
    `cin_visit_wd`, default 20).

    Rows with no last-seen date are left out of the cohort; a child counts once (in the numerator if
    any of its CIN-plan rows is in timescale).
    """
    F = ctx.F
    standard = int(ctx.settings["cin_visit_wd"])
    rows = _open(ctx).where(_is_cin_plan(F) & F.col("last_seen").isNotNull())
    rows = ctx.with_wd(rows, "last_seen", "end", "_wd")
    seen = (F.col("last_seen") <= F.col("end")) & F.col("_wd").isNotNull() & (F.col("_wd") <= standard)
    return ctx.cohort(rows, num=seen, den=True)
