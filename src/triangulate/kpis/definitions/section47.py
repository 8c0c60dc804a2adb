"""Section 47 enquiries and initial child protection conferences (Annex A list 5): see kpis.md,
section "Section 47 and ICPC (list 5)".

Choices where kpis.md leaves room (each is repeated in the definition it affects):
- Every KPI counts rows of list 5 (one row per enquiry), not distinct children.
- A row without a readable S47 start date cannot be placed: left out of the S47 KPIs and counted in
  their `excluded`. A blank Date of ICPC means "no ICPC"; an unreadable one cannot be placed: left out
  of the ICPC KPIs and of `s47_to_icpc_pct` (counted in `excluded`).
- `icpc_within_15wd_pct`: the cohort is the ICPCs in the period with an S47 start date on or before
  the ICPC date. An ICPC without an S47 start date (or with a date outside the shipped 1990-2040
  calendar) is left out and counted in `excluded`; one dated before its S47 start (a data error, not a
  missing value) is left out without being counted.
- `s47_to_icpc_pct`: "with an ICPC date" means any non-blank ICPC date on the row, whether it falls
  in the period or after it (the letter of kpis.md). "ICPC deemed unnecessary" is not consulted.
  Flow: judged from a later extract, an older enquiry's later ICPC counts.
- Yes/No columns compare with the canonical code "Yes"; Unknown or blank is not Yes; unreadable: left out.
"""

from ..context import YES
from ..registry import kpi, rate

SECTION = "Section 47 and ICPC"
LIST = 5
FLOW = "flow"


def _enquiries(ctx):
    return ctx.in_period(ctx.table(LIST), "s47_start")


def _icpcs(ctx):
    return ctx.in_period(ctx.table(LIST), "icpc_date", blank_is_not_done=True)


@kpi("s47_enquiries", "Section 47 enquiries", "count", kind=FLOW, lists=(LIST,), needs=("s47_start",),
     section=SECTION)
def s47_enquiries(ctx):
    """Rows with a strategy discussion (S47 start) date in the period."""
    return ctx.cohort(_enquiries(ctx), num=True)


rate("s47_rate", "Section 47 enquiries per 10,000 children", of="s47_enquiries", annualised=True)


@kpi("icpcs", "Initial child protection conferences", "count", kind=FLOW, lists=(LIST,), needs=("icpc_date",),
     section=SECTION)
def icpcs(ctx):
    """Rows with a Date of ICPC in the period."""
    return ctx.cohort(_icpcs(ctx), num=True)


rate("icpc_rate", "ICPCs per 10,000 children", of="icpcs", annualised=True)


@kpi("icpc_within_15wd_pct", "ICPCs within 15 working days of the strategy discussion", "pct", kind=FLOW,
     polarity="higher", lists=(LIST,), needs=("s47_start", "icpc_date"), section=SECTION)
def icpc_within_15wd_pct(ctx):
    """Of ICPCs in the period whose ICPC date >= S47 start, % with wd(s47_start, icpc) <= 15.

    Rows without an S47 start date (or a date outside the working-day calendar) are left out and counted
    in `excluded`; rows with the ICPC before the S47 start are left out of the cohort.
    """
    F = ctx.F
    rows = _icpcs(ctx).where(F.col("s47_start").isNull() | F.col("icpc_date").isNull()
                             | (F.col("icpc_date") >= F.col("s47_start")))
    rows = ctx.with_wd(rows, "s47_start", "icpc_date", "_wd")
    return ctx.cohort(rows, num=F.col("_wd") <= 15, den=True, excl=F.col("_wd").isNull())


@kpi("s47_to_icpc_pct", "Section 47 enquiries leading to an ICPC", "pct", kind=FLOW, polarity="contextual",
     lists=(LIST,), needs=("s47_start", "icpc_date"), section=SECTION)
def s47_to_icpc_pct(ctx):
    """Of S47 enquiries in the period, % with an ICPC date (any date, in or after the period). An
    unreadable ICPC date leaves the enquiry out (counted in `excluded`)."""
    F = ctx.F
    return ctx.cohort(_enquiries(ctx), num=F.col("icpc_date").isNotNull(), den=True,
                      excl=ctx.unreadable("icpc_date"))


@kpi("icpc_to_cp_pct", "ICPCs resulting in a child protection plan", "pct", kind=FLOW, polarity="contextual",
     lists=(LIST,), needs=("icpc_date", "icpc_to_cp"), section=SECTION)
def icpc_to_cp_pct(ctx):
    """Of ICPCs in the period, % where the ICPC resulted in a CP plan = Yes (blank, No, Unknown:
    denominator only; unreadable: left out, counted in `excluded`)."""
    F = ctx.F
    return ctx.cohort(_icpcs(ctx), num=F.col("icpc_to_cp") == YES, den=True, excl=ctx.unreadable("icpc_to_cp"))
