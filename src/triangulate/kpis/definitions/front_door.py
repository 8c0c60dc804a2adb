"""Front door: contacts and referrals (Annex A lists 1 and 3)."""

from ..context import YES
from ..registry import kpi, rate, ratio

SECTION = "Front door"


@kpi("contacts", "Contacts", "count", lists=(1,), section=SECTION)
def contacts(ctx):
    rows = ctx.in_period(ctx.table(1), "contact_date")
    return ctx.cohort(rows, num=True)


rate("contacts_rate", "Contacts per 10,000 children", of="contacts", annualised=True)


@kpi("referrals", "Referrals", "count", lists=(3,), section=SECTION)
def referrals(ctx):
    rows = ctx.in_period(ctx.table(3), "referral_date")
    return ctx.cohort(rows, num=True)


rate("referrals_rate", "Referrals per 10,000 children", of="referrals", annualised=True)
ratio("referrals_per_100_contacts", "Referrals per 100 contacts", of="referrals", per="contacts", section=SECTION)


@kpi("rereferral_pct", "Re-referrals within 12 months", "pct", polarity="lower", lists=(3,), section=SECTION)
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
    return ctx.cohort(matched, num=repeat, den=True)


@kpi("referral_nfa_pct", "Referrals with no further action", "pct", lists=(3,), section=SECTION)
def referral_nfa_pct(ctx):
    F = ctx.F
    rows = ctx.in_period(ctx.table(3), "referral_date")
    return ctx.cohort(rows, num=F.col("referral_nfa") == YES, den=True)
