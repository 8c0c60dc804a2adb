"""Children's journeys through social care, simulated with numpy in rounds.

A journey is a chain of referrals for one child. Each referral opens an episode of need:
referral -> (NFA | assessment) -> maybe a strategy discussion and S47 enquiry -> maybe an ICPC ->
maybe a child protection plan; children assessed as in need get a CIN plan; some come into care
(straight away, at the end of a CP plan, or during a CIN plan); disabled children may have a series of
short breaks. When the episode closes the child may be referred again (a re-referral). Round k
simulates the k-th referral of every chain still going, vectorised over chains.

Chains start over the 22 years before the extract date so that every child aged 0-17 at the extract
(and the care leavers aged up to 21) has a full history. Rates are per child aged 0-17 per year;
`PARAMS` holds the England-like defaults (domain-research.md §3) and a council's own factor varies them.
"""

import numpy as np

from . import care, codes
from .base import NEVER, YEAR, bins

HORIZON_YEARS = 22

PARAMS = {
    "first_referral_rate": 0.0330,  # new chains per child aged 0-17 per year
    "uasc_rate": 0.00022,
    "nfa": 0.075,
    "s47": 0.36,  # of assessed referrals
    "icpc": 0.31,  # of S47 enquiries
    "cp": 0.87,  # of ICPCs
    "need": 0.42,  # of assessed referrals without a S47 enquiry
    "need_after_s47": 0.70,
    "care_now": 0.010,  # of assessed referrals: emergency entry to care
    "care_after_cp": 0.14,
    "care_in_cin": 0.04,
    "short_breaks": 0.12,  # of disabled children in need
    "again": {"nfa": 0.50, "no_need": 0.48, "cin": 0.38, "cp": 0.50, "care": 0.30},
    "s47_known_cp": 0.75,  # S47 after a previous CP plan
    "icpc_known_cp": 0.70,
}

# Working days from assessment start to authorisation (shape of DfE table C2, a little slower).
ASSESSMENT_WD = ((0, 0, 1.8), (1, 10, 11.5), (11, 20, 16.5), (21, 30, 15.5), (31, 40, 19), (41, 45, 17),
                 (46, 50, 7), (51, 60, 6), (61, 90, 5.7))
# Working days from strategy discussion to ICPC (DfE C4 bins).
ICPC_WD = ((3, 10, 8.5), (11, 15, 71), (16, 20, 10), (21, 35, 10.5))
# CP plan length in days (DfE D7 bins).
CP_DAYS = ((20, 91, 15.9), (92, 182, 11), (183, 364, 43.5), (365, 729, 25.2), (730, 1100, 4.4))
# Age at first referral: weights for ages 0..17.
REFERRAL_AGE = np.array([12, 5, 5, 5, 5, 5.5, 5.5, 5.5, 5.5, 5.5, 6, 6.5, 7, 7.5, 7.5, 7, 5, 3.5])


def council_params(rng):
    """The England defaults, varied a little per council (same seed -> same council)."""
    p = dict(PARAMS)
    f = rng.uniform(0.88, 1.12)
    p["first_referral_rate"] = PARAMS["first_referral_rate"] * f
    p["s47"] = PARAMS["s47"] * rng.uniform(0.9, 1.1)
    p["icpc"] = PARAMS["icpc"] * rng.uniform(0.9, 1.1)
    p["care_after_cp"] = PARAMS["care_after_cp"] * rng.uniform(0.85, 1.15)
    p["assessment_slowness"] = rng.uniform(0.9, 1.1)
    return p


def start_chains(rng, n_children, extract_day, children, p, story):
    """First referrals (and unaccompanied asylum-seeking children) over the horizon: more in school terms
    and in the strained locality (story.py)."""
    t0 = extract_day - int(HORIZON_YEARS * YEAR)
    n = rng.poisson(p["first_referral_rate"] * n_children * HORIZON_YEARS / story.mean_season_weight())
    ref = t0 + (rng.random(n) * (extract_day - t0)).astype(np.int64)
    ref = ref[rng.random(n) < story.season_weight(ref)]  # thinning: each month at its season's rate
    n = len(ref)
    age = rng.choice(18, size=n, p=REFERRAL_AGE / REFERRAL_AGE.sum())
    dob = ref - (age * YEAR + rng.random(n) * 364).astype(np.int64)
    kids = children.add(rng, dob, locality_weights=story.locality_weights())
    # Unaccompanied asylum-seeking children arrive aged 14-17, mostly boys.
    nu = rng.poisson(p["uasc_rate"] * n_children * HORIZON_YEARS)
    uref = t0 + (rng.random(nu) * (extract_day - t0)).astype(np.int64)
    uage = rng.choice([14, 15, 16, 17], size=nu, p=[0.1, 0.25, 0.4, 0.25])
    udob = uref - (uage * YEAR + rng.random(nu) * 364).astype(np.int64)
    eth = rng.choice([codes.ETHNICITY.index(c) for c in ("AOTH", "BAFR", "OOTH", "BOTH", "MOTH")],
                     size=nu, p=[0.4, 0.25, 0.25, 0.05, 0.05])
    ukids = children.add(rng, udob, male_share=0.92, uasc=np.ones(nu, bool), ethnicity=eth,
                         locality_weights=story.locality_weights())
    return np.concatenate([kids, ukids]), np.concatenate([ref, uref])


def simulate(rng, cal, n_children, extract_day, children, p, story):
    """All episodes (one per referral) of all chains: a dict of equal-length arrays."""
    child, ref = start_chains(rng, n_children, extract_day, children, p, story)
    ref = cal.next(ref)
    cp_count = np.zeros(children.n, dtype=np.int64)
    rounds = []
    k = 0
    while len(child):
        eighteen = children.dob[child] + int(18 * YEAR)
        keep = (ref <= extract_day) & (ref < eighteen)
        child, ref, eighteen = child[keep], ref[keep], eighteen[keep]
        if not len(child):
            break
        ep = episode(rng, cal, child, ref, eighteen, children, p, cp_count[child] > 0, story)
        cp_count[child] += ep["cp"]
        ep["round"] = np.full(len(child), k)
        rounds.append(ep)
        again = np.zeros(len(child))
        for outcome, share in p["again"].items():
            again[ep["outcome"] == outcome] = share
        again = np.minimum(again * story.again_factor(children.locality[child], ep["cp"]), 0.95)
        go = (rng.random(len(child)) < again) & (ep["close"] < extract_day) & ~children.uasc[child]
        gap = 10 + rng.exponential(240, len(child)).astype(np.int64)
        following = cal.next(ep["close"] + gap)
        go &= ~story.screened(ref, following, rng.random(len(child)))  # the new front door resolves some
        child, ref = child[go], following[go]
        k += 1
    return {key: np.concatenate([r[key] for r in rounds]) for key in rounds[0]}


def episode(rng, cal, child, ref, eighteen, children, p, known_cp, story):
    n = len(child)
    r = rng.random
    uasc = children.uasc[child]
    disabled = children.disabled[child]
    contact = np.where(r(n) < 0.3, cal.add(ref, -1), ref)
    nfa = (r(n) < p["nfa"]) & ~uasc
    assessed = ~nfa
    a_start = np.where(assessed, cal.add(ref, np.where(r(n) < 0.55, 0, rng.integers(1, 6, n))), NEVER)
    speed = p.get("assessment_slowness", 1.0) * story.assessment_speed(children.locality[child], a_start)
    dur = np.round(bins(rng, n, ASSESSMENT_WD) * speed).astype(np.int64)
    a_auth = np.where(assessed, cal.add(a_start, dur), NEVER)
    # Strategy discussion and S47 enquiry, ICPC, CP plan.
    s47_flag = assessed & (r(n) < np.where(known_cp, p["s47_known_cp"], p["s47"])) & ~uasc
    s47 = np.where(s47_flag, cal.add(ref, np.minimum(rng.integers(0, 4, n) * (r(n) < 0.8) + (r(n) < 0.2)
                                                     * (r(n) * np.maximum(dur, 1)).astype(np.int64), 40)), NEVER)
    icpc_known = np.minimum(p["icpc_known_cp"] * story.repeat_factor(children.locality[child]), 0.95)
    icpc_flag = s47_flag & (r(n) < np.where(known_cp, icpc_known, p["icpc"]))
    icpc = np.where(icpc_flag, cal.add(s47, bins(rng, n, ICPC_WD)), NEVER)
    cp_flag = icpc_flag & (r(n) < p["cp"])
    cp_start = np.where(cp_flag, icpc, NEVER)
    cp_end = np.where(cp_flag, cal.next(np.minimum(cp_start + bins(rng, n, CP_DAYS), eighteen)), NEVER)
    need = cp_flag | uasc | (s47_flag & (r(n) < p["need_after_s47"])) | (assessed & (r(n) < p["need"]))
    # CIN plan (or step-down after a CP plan); disabled children's plans are long.
    cin_days = np.exp(rng.normal(np.log(np.where(disabled, 600, 170)), 0.7)).astype(np.int64)
    cin_end = np.where(need & ~cp_flag, a_auth + cin_days, NEVER)
    step_down = cp_flag & (r(n) < 0.55)
    cin_end = np.where(step_down, cp_end + (cin_days * 0.6).astype(np.int64), cin_end)
    cin_end = np.where(cp_flag & ~step_down, cp_end, cin_end)
    # Coming into care.
    route = np.full(n, -1)
    cla_start = np.full(n, NEVER, dtype=np.int64)
    infant = (ref - children.dob[child]) < YEAR
    now = (assessed & (r(n) < p["care_now"] * np.where(infant, 6, 1))) | uasc
    cla_start[now] = cal.add(ref[now], rng.integers(0, 3, now.sum()))
    route[now] = care.EMERGENCY
    after_cp = cp_flag & ~now & (r(n) < p["care_after_cp"] * np.where(infant, 2, 1))
    cla_start[after_cp] = cp_end[after_cp]
    route[after_cp] = care.AFTER_CP
    in_cin = need & ~cp_flag & ~now & (r(n) < p["care_in_cin"])
    cla_start[in_cin] = a_auth[in_cin] + (r(in_cin.sum()) * (cin_end - a_auth)[in_cin]).astype(np.int64)
    route[in_cin] = care.FROM_CIN
    cla_start = np.where(cla_start < eighteen - 30, cal.next(np.minimum(cla_start, NEVER - 10)), NEVER)
    route[cla_start >= NEVER] = -1
    spell = care.spells(rng, cal, child, cla_start, route, eighteen, children)
    # Short breaks for disabled children in need.
    sb = disabled & need & ~cp_flag & (cla_start >= NEVER) & (r(n) < p["short_breaks"])
    sb_start = np.where(sb, cal.next(a_auth + rng.integers(5, 90, n)), NEVER)
    sb_end = np.where(sb, np.maximum(cin_end, sb_start + 60), NEVER)
    # When the episode closes, and why.
    in_care = cla_start < NEVER
    close = np.where(nfa, cal.add(ref, (r(n) < 0.4).astype(np.int64)), a_auth)
    close = np.where(need, np.maximum(close, np.where(cin_end < NEVER, cin_end, 0)), close)
    close = np.where(cp_flag, np.maximum(close, cp_end), close)
    close = np.where(sb, np.maximum(close, sb_end), close)
    close = np.where(in_care, np.maximum(close, spell["end"]), close)
    close = cal.next(np.minimum(close, eighteen))
    reason = np.full(n, codes.CLOSURE_REASON.index("RC7"))
    no_need = assessed & ~need
    reason[nfa] = codes.CLOSURE_REASON.index("RC8")
    step = no_need & (r(n) < 0.4)
    reason[no_need & ~step] = codes.CLOSURE_REASON.index("RC8")
    reason[step] = codes.CLOSURE_REASON.index("RC9")
    other = need & (r(n) < 0.06)
    reason[other] = codes.CLOSURE_REASON.index("RC5")
    reason[need & (close >= eighteen - 1)] = codes.CLOSURE_REASON.index("RC6")
    for ceased, rc in (("adopted", "RC1"), ("sgo", "RC4"), ("cao", "RC3")):
        reason[in_care & spell[ceased]] = codes.CLOSURE_REASON.index(rc)
    outcome = np.where(nfa, "nfa", np.where(no_need, "no_need", np.where(
        in_care, "care", np.where(cp_flag, "cp", "cin")))).astype(object)
    outcome[in_care & (spell["adopted"] | spell["sgo"] | spell["cao"] | (close >= eighteen - 1))] = "left"
    need_code = codes.PRIMARY_NEED.draw(rng, n)
    need_code[disabled & (r(n) < 0.6)] = codes.PRIMARY_NEED.index("N2")
    need_code[uasc] = codes.PRIMARY_NEED.index("N8")
    need_code[cp_flag] = codes.PRIMARY_NEED.index("N1")
    cat_init = codes.ABUSE.draw(rng, n)
    cat_latest = np.where(r(n) < 0.9, cat_init, codes.ABUSE.draw(rng, n))
    return {
        "child": child, "ref": ref, "contact": contact, "source": codes.SOURCE.draw(rng, n), "nfa": nfa,
        "a_start": a_start, "a_auth": a_auth, "seen": r(n) < 0.965, "need": need, "s47": s47,
        "icpc": icpc, "cp": cp_flag, "cp_start": cp_start, "cp_end": cp_end, "cat_init": cat_init,
        "cat_latest": cat_latest, "cin_end": cin_end, "cla_start": cla_start, "route": route,
        "sb_start": sb_start, "sb_end": sb_end, "close": close, "close_reason": reason, "outcome": outcome,
        "primary_need": need_code, "epo": cp_flag & (r(n) < 0.04),
        **{"cla_" + k: v for k, v in spell.items()},
    }
