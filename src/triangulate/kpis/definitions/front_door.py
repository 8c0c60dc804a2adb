"""Front door: contacts and referrals (Annex A lists 1 and 3).

Choices where kpis.md leaves room:
- Every KPI counts rows (contacts, referrals), not distinct children.
- A row without a readable Date of Contact / Date of referral cannot be placed in any period: it is
  left out and counted in `excluded` of every period.
- `rereferral_pct`: an unreadable "Number of Referrals in Last 12 Months" leaves the referral out
  (counted in `excluded`); a blank one reads as 0. Another referral on the same day is not "before it".
- `referral_nfa_pct`: a blank Referral NFA? stays in the denominator (neither Yes nor No); an unreadable
  one leaves the row out.
- `referrals_per_100_contacts` mixes list 1 (no team column) with list 3: no team breakdown.
"""

from ..context import YES
from ..registry import kpi, rate, ratio

SECTION = "Front door"
FLOW = "flow"


@kpi("contacts", "Contacts", "count", kind=FLOW, lists=(1,), needs=("contact_date",), section=SECTION)
def contacts(ctx):
    rows = ctx.in_period(ctx.table(1), "contact_date")
    return ctx.cohort(rows, num=True)


rate("contacts_rate", "Contacts per 10,000 children", of="contacts", annualised=True)


@kpi("referrals", "Referrals", "count", kind=FLOW, lists=(3,), needs=("referral_date",), section=SECTION)
def referrals(ctx):
    rows = ctx.in_period(ctx.table(3), "referral_date")
    return ctx.cohort(rows, num=True)


rate("referrals_rate", "Referrals per 10,000 children", of="referrals", annualised=True)
ratio("referrals_per_100_contacts", "Referrals per 100 contacts", of="referrals", per="contacts", section=SECTION)


@kpi("rereferral_pct", "Re-referrals within 12 months", "pct", kind=FLOW, polarity="lower", lists=(3,),
     needs=("referral_date", "referrals_last_12m"), section=SECTION)
def rereferral_pct(ctx):
    F = ctx.F
    refs = ctx.table(3)
    rows = ctx.in_period(refs, "referral_date")
    earlier = refs.select(F.col("child_id").alias("_prev_child"), F.col("referral_date").alias("_prev_date"))
    # another referral for the same child within the 12 months before this one
    matched = rows.join(
        earlier,
        (F.col("_prev_child") == F.col("child_id")) & (F.col("_prev_date") < F.col("referral_date"))
        & (F.col("_prev_date") >= F.add_months(F.col("referral_date"), -12)),
        "left",
    ).groupBy(*rows.columns).agg(F.count(F.col("_prev_date")).alias("_earlier"))
    repeat = (F.col("_earlier") > 0) | (F.coalesce(F.col("referrals_last_12m"), F.lit(0)) > 1)
    return ctx.cohort(matched, num=repeat, den=True, excl=ctx.unreadable("referrals_last_12m"))


@kpi("referral_nfa_pct", "Referrals with no further action", "pct", kind=FLOW, lists=(3,),
     needs=("referral_date", "referral_nfa"), section=SECTION)
def referral_nfa_pct(ctx):
    F = ctx.F
    rows = ctx.in_period(ctx.table(3), "referral_date")
    return ctx.cohort(rows, num=F.col("referral_nfa") == YES, den=True, excl=ctx.unreadable("referral_nfa"))
