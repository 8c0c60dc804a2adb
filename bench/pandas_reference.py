"""A plain pandas implementation of a subset of KPIs, to check the engine and to time it against.

Written the way an analyst would: boolean masks over each list. Same definitions as kpis.md.
"""

import pandas as pd

SUBSET = ["contacts", "referrals", "referral_nfa_pct", "assessments_completed", "assessments_child_seen_pct",
          "s47_enquiries", "icpcs", "icpc_to_cp_pct", "cp_starts", "cp_ended", "cla_starts", "cla_ceased",
          "adoption_orders", "cp_open", "cin_open"]


def _frame(tables, n):
    table = tables.get(n)
    return None if table is None else table.to_pandas()


def _in(df, column, period):
    d = pd.to_datetime(df[column])
    return (d >= pd.Timestamp(period.start)) & (d <= pd.Timestamp(period.end))


def _open(df, start, end, period):
    s, e = pd.to_datetime(df[start]), pd.to_datetime(df[end])
    stop = pd.Timestamp(period.end)
    return (s <= stop) & (e.isna() | (e > stop))


def _pct(num, den):
    return 100.0 * num / den if den else None


def compute_reference(tables, period):
    out = {}
    l1, l3, l4, l5 = (_frame(tables, n) for n in (1, 3, 4, 5))
    l6, l7, l8, l10 = (_frame(tables, n) for n in (6, 7, 8, 10))
    out["contacts"] = int(_in(l1, "contact_date", period).sum())
    refs = l3[_in(l3, "referral_date", period)]
    out["referrals"] = len(refs)
    out["referral_nfa_pct"] = _pct(int((refs["referral_nfa"] == "Yes").sum()), len(refs))
    done = l4[_in(l4, "assessment_authorised", period)]
    out["assessments_completed"] = len(done)
    out["assessments_child_seen_pct"] = _pct(int((done["child_seen"] == "Yes").sum()), len(done))
    out["s47_enquiries"] = int(_in(l5, "s47_start", period).sum())
    icpcs = l5[_in(l5, "icpc_date", period)]
    out["icpcs"] = len(icpcs)
    out["icpc_to_cp_pct"] = _pct(int((icpcs["icpc_to_cp"] == "Yes").sum()), len(icpcs))
    out["cp_starts"] = int(_in(l7, "cp_start", period).sum())
    out["cp_ended"] = int(_in(l7, "cp_end", period).sum())
    care = l8[~l8["legal_status"].isin(["V3", "V4"])]
    out["cla_starts"] = int(_in(care, "cla_start", period).sum())
    out["cla_ceased"] = int(_in(care, "cla_end", period).sum())
    out["adoption_orders"] = int(_in(l10, "adoption_order", period).sum())
    out["cp_open"] = int(l7.loc[_open(l7, "cp_start", "cp_end", period), "child_id"].nunique())
    out["cin_open"] = int(l6.loc[_open(l6, "cin_start", "cin_closure", period), "child_id"].nunique())
    return out
