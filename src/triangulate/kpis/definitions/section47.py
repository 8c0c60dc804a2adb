"""Section 47 enquiries and initial child protection conferences (Annex A list 5): see kpis.md,
section "Section 47 and ICPC (list 5)".

Choices where kpis.md leaves room (each is repeated in the definition it affects):
- Every KPI counts rows of list 5 (one row per enquiry), not distinct children.
- `icpc_within_15wd_pct`: the cohort is the ICPCs in the period with an S47 start date on or before
  the ICPC date and whose working days can be computed (dates inside the shipped 1990-2040
  calendar). ICPCs without an S47 start date, or dated before it, are left out.
- `s47_to_icpc_pct`: "with an ICPC date" means any non-empty ICPC date on the row, whether it falls
  in the period or after it (the letter of kpis.md). "ICPC deemed unnecessary" is not consulted.
- Yes/No columns compare with the normalised code "Yes"; Unknown or empty is not Yes.
"""

from ..context import YES
from ..registry import kpi, rate

SECTION = "Section 47 and ICPC"
LIST = 5


def _enquiries(ctx):
    return ctx.in_period(ctx.table(LIST), "s47_start")


def _icpcs(ctx):
    return ctx.in_period(ctx.table(LIST), "icpc_date")


@kpi("s47_enquiries", "Section 47 enquiries", "count", lists=(LIST,), section=SECTION)
def s47_enquiries(ctx):
    """Rows with a strategy discussion (S47 start) date in the period."""
    return ctx.cohort(_enquiries(ctx), num=True)


rate("s47_rate", "Section 47 enquiries per 10,000 children", of="s47_enquiries", annualised=True)


@kpi("icpcs", "Initial child protection conferences", "count", lists=(LIST,), section=SECTION)
def icpcs(ctx):
    """Rows with a Date of ICPC in the period."""
    return ctx.cohort(_icpcs(ctx), num=True)


rate("icpc_rate", "ICPCs per 10,000 children", of="icpcs", annualised=True)


@kpi("icpc_within_15wd_pct", "ICPCs within 15 working days of the strategy discussion", "pct",
     polarity="higher", lists=(LIST,), section=SECTION)
def icpc_within_15wd_pct(ctx):
    """Of ICPCs in the period whose ICPC date >= S47 start, % with wd(s47_start, icpc) <= 15.

    Rows without an S47 start date, or with the ICPC before it, are left out of the cohort.
    """
    F = ctx.F
    rows = _icpcs(ctx).where(F.col("s47_start").isNotNull() & (F.col("icpc_date") >= F.col("s47_start")))
    rows = ctx.with_wd(rows, "s47_start", "icpc_date", "_wd").where(F.col("_wd").isNotNull())
    return ctx.cohort(rows, num=F.col("_wd") <= 15, den=True)


@kpi("s47_to_icpc_pct", "Section 47 enquiries leading to an ICPC", "pct", polarity="contextual",
     lists=(LIST,), section=SECTION)
def s47_to_icpc_pct(ctx):
    """Of S47 enquiries in the period, % with an ICPC date (any non-empty date, in or after the period)."""
    F = ctx.F
    return ctx.cohort(_enquiries(ctx), num=F.col("icpc_date").isNotNull(), den=True)


@kpi("icpc_to_cp_pct", "ICPCs resulting in a child protection plan", "pct", polarity="contextual",
     lists=(LIST,), section=SECTION)
def icpc_to_cp_pct(ctx):
    """Of ICPCs in the period, % where the ICPC resulted in a CP plan = Yes."""
    F = ctx.F
    return ctx.cohort(_icpcs(ctx), num=F.col("icpc_to_cp") == YES, den=True)
