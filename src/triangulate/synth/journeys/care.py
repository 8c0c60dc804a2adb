"""Periods of care: how long they last and how they end (`spells`), and the List 8 row detail
(legal status history, placements, reviews, visits, health, missing episodes) for the periods that the
extract shows (`cla_rows`)."""

import numpy as np

from . import codes
from .base import NEVER, YEAR

EMERGENCY, AFTER_CP, FROM_CIN, SHORT_BREAKS = 0, 1, 2, 3

_RC = codes.REASON_CEASED.index


def _pick(rng, n, names, p):
    p = np.asarray(p, float)
    return np.array([_RC(c) for c in names])[rng.choice(len(names), size=n, p=p / p.sum())]


def spells(rng, cal, child, start, route, eighteen, children):
    """End date and reason of each period of care (NEVER where there is none), with adoption milestones."""
    n = len(child)
    r = rng.random
    active = start < NEVER
    age = (start - children.dob[child]) / YEAR
    uasc = children.uasc[child]
    p_adopt = np.where(age < 1, 0.62, np.where(age < 4, 0.32, np.where(age < 5, 0.08, 0.0)))
    p_sgo = np.where(age < 12, 0.12, 0.03)
    p_home = np.where(age >= 16, 0.40, 0.33)
    u = r(n)
    adopt = (u < p_adopt) & ~uasc
    sgo_path = ~adopt & (u < p_adopt + p_sgo) & ~uasc
    home = ~adopt & ~sgo_path & (u < p_adopt + p_sgo + p_home) & ~uasc
    long = ~adopt & ~sgo_path & ~home
    end = np.full(n, NEVER, dtype=np.int64)
    reason = np.full(n, -1)
    # Returned home within months.
    end[home] = start[home] + 3 + np.minimum(rng.exponential(75, home.sum()), 300).astype(np.int64)
    reason[home] = _pick(rng, home.sum(), ["E4A", "E4B", "E13", "E8"], [65, 18, 10, 7])
    # Special guardianship or child arrangements order.
    end[sgo_path] = start[sgo_path] + 250 + rng.exponential(330, sgo_path.sum()).astype(np.int64)
    reason[sgo_path] = _pick(rng, sgo_path.sum(), ["E45", "E46", "E47", "E41"], [40, 15, 30, 15])
    # Adoption milestones.
    decision = np.where(adopt, start + 110 + rng.exponential(110, n).astype(np.int64), NEVER)
    no_longer = adopt & (r(n) < 0.12)
    nl_reason = codes.NO_LONGER_REASON.draw(rng, n)
    nl_date = np.where(no_longer, decision + 60 + rng.exponential(200, n).astype(np.int64), NEVER)
    po = np.where(adopt, decision + 50 + rng.exponential(70, n).astype(np.int64), NEVER)
    no_po = no_longer & (nl_reason == codes.NO_LONGER_REASON.index("RD2"))
    po[no_po] = NEVER
    match = np.where(adopt & ~no_longer, po + 40 + rng.exponential(140, n).astype(np.int64), NEVER)
    placed = np.where(match < NEVER, match + rng.integers(7, 29, n), NEVER)
    order = np.where(placed < NEVER, placed + 150 + rng.exponential(110, n).astype(np.int64), NEVER)
    ffa = np.where(adopt & (r(n) < 0.09), start + rng.integers(3, 60, n), NEVER)
    adopted = adopt & ~no_longer
    end[adopted] = order[adopted]
    reason[adopted] = _pick(rng, adopted.sum(), ["E11", "E12"], [85, 15])
    long = long | no_longer
    # Long stays: leave at 18 unless something happens first.
    early = start + rng.exponential(np.where(uasc, 40, 9) * YEAR, n).astype(np.int64)
    end[long] = early[long]
    reason[long] = _pick(rng, long.sum(), ["E4A", "E13", "E41", "E3", "E8", "E9", "E2"],
                         [45, 10, 10, 10, 17, 7, 1])
    at18 = (end >= eighteen) & active
    end[at18] = eighteen[at18]
    reason[at18] = _pick(rng, at18.sum(), ["E17", "E5", "E6", "E8", "E4A", "E7", "E9"],
                         [26, 40, 9, 12, 8, 3, 2])
    end = np.where(active, cal.next(np.maximum(end, start + 1)), NEVER)
    sgo = np.isin(reason, [_RC(c) for c in ("E45", "E46", "E47")]) & active
    cao = (reason == _RC("E41")) & active
    blank = ~active
    for a in (decision, po, match, placed, order, ffa, nl_date):
        a[blank] = NEVER
    return {"end": end, "reason": reason, "adopted": adopted & active, "sgo": sgo, "cao": cao,
            "adopt_path": adopt & active, "home": home & active, "decision": decision, "po": po,
            "match": match, "placed": placed, "order": order, "ffa": ffa, "nl_date": nl_date,
            "nl_reason": nl_reason}


_PT = codes.PLACEMENT_TYPE.index
_PLACEMENTS = {  # age band -> (placement types, weights)
    "young": (["U6", "U4", "U3", "U1", "U5", "P1", "K2"], [46, 25, 10, 9, 2, 6, 2]),
    "middle": (["U6", "U4", "U3", "U1", "K2", "P1", "S1", "K1", "Z1"], [36, 26, 7, 6, 17, 4, 2, 1, 1]),
    "older": (["U6", "U4", "U3", "U1", "K2", "H5", "P1", "R5", "Z1"], [20, 16, 4, 4, 17, 33, 3, 2, 1]),
    "uasc": (["H5", "U6", "K2"], [50, 40, 10]),
    "breaks": (["K2", "U6"], [65, 35]),
}
_PROVIDER = {  # placement type -> (providers, weights)
    "U1": (["PR1"], [1]), "U3": (["PR1"], [1]), "U5": (["PR1", "PR4"], [70, 30]),
    "U4": (["PR1", "PR4"], [58, 42]), "U6": (["PR1", "PR4"], [55, 45]), "P1": (["PR0"], [1]),
    "K2": (["PR4", "PR1", "PR5"], [76, 19, 5]), "H5": (["PR4", "PR1", "PR5"], [70, 20, 10]),
    "K1": (["PR2", "PR3"], [70, 30]), "S1": (["PR4"], [1]), "R5": (["PR3"], [1]), "Z1": (["PR4"], [1]),
    "A5": (["PR1", "PR5"], [75, 25]), "A6": (["PR1", "PR5"], [70, 30]),
}
_OUT_OF_AREA = {"PR0": 0.05, "PR1": 0.15, "PR2": 1.0, "PR3": 0.6, "PR4": 0.62, "PR5": 0.5}
OTHER_LAS = ("Leeds", "Bradford", "Kirklees", "Wakefield", "Sheffield", "Lancashire", "Manchester", "Derbyshire",
             "Nottinghamshire", "Staffordshire", "Birmingham", "Cumberland")
OUT_POSTCODES = ("LS", "BD", "HD", "WF", "S", "PR", "M", "DE", "NG", "ST", "B", "CA")
_ROOMS = {"K1", "K2", "H5", "S1", "R5"}


def _months(d, m):
    return d + (m * 30.44).astype(np.int64) if isinstance(m, np.ndarray) else d + int(m * 30.44)


def cla_rows(rng, now, recent, cal, c, extract_day, home_area, home_la, move_draws):
    """List 8 detail for selected periods of care. `c` holds child attributes and spell fields, and each
    row's share of visits on time and reviews not late (from the team's practice, story.py).

    rng: draws for facts fixed once they happen (legal route, placements and moves, first review); now:
    draws for facts as at the extract date (visits, reviews, health); recent: draws for facts that hold for
    a while (missing episodes in the last year); move_draws(rows, j): the j-th move of each of those rows."""
    n = len(c["start"])
    r = rng.random
    start, end = c["start"], c["end"]
    until = np.minimum(end, extract_day)  # the day the row describes
    age = (until - c["dob"]) / YEAR
    age_in = (start - c["dob"]) / YEAR
    breaks = c["route"] == SHORT_BREAKS
    uasc = c["uasc"]
    # Legal status history: a first status, maybe a change (s20 -> interim order; police powers -> order),
    # a full care order after court, a placement order for adoption.
    L = codes.LEGAL_STATUS.index
    court_route = (~uasc & ~breaks & (r(n) < np.where(c["home"], 0.2, np.where(age_in < 16, 0.92, 0.55)))) \
        | c["adopt_path"]
    first = np.where(court_route, L("C1"), L("V2"))
    police = (c["route"] == EMERGENCY) & ~uasc & ~breaks & (r(n) < 0.35)
    first = np.where(police, np.where(r(n) < 0.75, L("L1"), L("L2")), first)
    first = np.where(breaks, np.where(r(n) < 0.8, L("V3"), L("V4")), first)
    remand = ~breaks & ~uasc & (age_in >= 14) & (c["route"] == EMERGENCY) & (r(n) < 0.08)
    first = np.where(remand, L("J1"), first)
    second_day = np.where(police, start + rng.integers(1, 8, n), NEVER)
    second = np.where(police, np.where(court_route, L("C1"), L("V2")), -1)
    full = np.where(court_route & ~police | court_route & police,
                    start + rng.integers(180, 420, n), NEVER)
    pord = np.where(c["po"] < NEVER, c["po"], NEVER)
    status, since = first.copy(), start.copy()
    for when, code in ((second_day, second), (full, np.full(n, L("C2"))), (pord, np.full(n, L("E1")))):
        hit = when <= until
        status = np.where(hit, code, status)
        since = np.where(hit, when, since)
    since = cal.prev(np.maximum(since, start))
    # Placements: moves over the whole period of care, concentrated early; those after the extract date
    # have not happened yet.
    span = np.maximum(end - start, 0)
    k = 1 + rng.poisson(0.35 + 0.75 * (span / YEAR) ** 0.6, n)
    k = np.where(breaks, 1, np.minimum(k, 12))
    moves = k - 1
    row = np.repeat(np.arange(n), moves)
    j = np.arange(len(row)) - np.repeat(np.cumsum(moves) - moves, moves)
    t = start[row] + (span[row] * move_draws(row, j).random(len(row)) ** 1.6).astype(np.int64)
    happened = t <= until[row]
    row, t = row[happened], t[happened]
    last_move = np.full(n, -1, dtype=np.int64)
    np.maximum.at(last_move, row, t)
    placed_adopt = (c["placed"] <= until)
    latest_start = np.where(placed_adopt, c["placed"], np.maximum(start, last_move))
    window = until - 365
    in_window = np.bincount(row[t >= window[row]], minlength=n) + (start >= window)
    placements_12m = np.where(breaks, 1, in_window + (start < window) + (placed_adopt & (c["placed"] >= window)))
    # Placement type and provider.
    band = np.where(uasc, "uasc", np.where(breaks, "breaks", np.where(age < 10, "young", np.where(
        age < 16, "middle", "older"))))
    ptype = np.empty(n, dtype=object)
    for b, (names, w) in _PLACEMENTS.items():
        sel = band == b
        w = np.asarray(w, float)
        ptype[sel] = np.array(names, dtype=object)[rng.choice(len(names), n, p=w / w.sum())][sel]
    ptype[placed_adopt] = np.where(r(n) < 0.3, "A5", "A6")[placed_adopt]
    ffa_now = (c["ffa"] <= until) & ~placed_adopt
    ptype[ffa_now] = "U5"
    provider = np.empty(n, dtype=object)
    for pt, (names, w) in _PROVIDER.items():
        sel = ptype == pt
        w = np.asarray(w, float)
        provider[sel] = np.array(names, dtype=object)[rng.choice(len(names), n, p=w / w.sum())][sel]
    out = r(n) < np.array([_OUT_OF_AREA[p] for p in provider])
    other = rng.integers(0, len(OTHER_LAS), n)
    district = rng.integers(1, 30, n)
    tail = rng.integers(1, 10, n).astype(str).astype(object) + np.array(list("ABDEFGHJLNPQRSTUWXYZ"), dtype=object)[
        rng.integers(0, 20, n)] + np.array(list("ABDEFGHJLNPQRSTUWXYZ"), dtype=object)[rng.integers(0, 20, n)]
    area = np.where(out, np.array(OUT_POSTCODES, dtype=object)[other], home_area)
    postcode = area + district.astype(str).astype(object) + " " + tail
    la = np.where(out, np.array(OTHER_LAS, dtype=object)[other], home_la)
    urn = np.where(np.isin(ptype, list(_ROOMS)),
                   "SC" + rng.integers(100000, 999999, n).astype(str).astype(object), None)
    # Reviews: first within 20 working days, second 3 months later, then 6-monthly (some late).
    r1 = cal.add(start, rng.integers(8, 21, n) + (r(n) < 0.06) * rng.integers(1, 15, n))
    r2 = _months(r1, 3)
    steps = np.maximum((until - r2) // 182, 0)
    latest = np.where(until < r1, NEVER, np.where(until < r2, r1, r2 + steps * 182))
    late = now.random(n) > c["review_share"]
    latest = np.where(late & (latest < NEVER), np.maximum(latest - now.integers(40, 120, n), r1), latest)
    latest = np.where(latest <= until, cal.prev(latest), NEVER)
    visit = cal.prev(until - np.where(now.random(n) < c["visit_share"], now.integers(0, 40, n),
                                      now.integers(40, 140, n)))
    visit = np.where(visit >= start, visit, NEVER)
    iro = cal.prev(until - now.integers(0, 120, n))
    iro = np.where(iro >= start, iro, NEVER)
    under5 = age < 5
    health_gap = np.where(now.random(n) < 0.89, now.random(n) * np.where(under5, 180, 365),
                          365 + now.random(n) * 300).astype(np.int64)
    health = cal.prev(until - health_gap)
    health = np.where(health >= start + 15, health, np.where(until - start > 30, start + 20, NEVER))
    dental_gap = np.where(now.random(n) < 0.78, now.random(n) * 365, 365 + now.random(n) * 500).astype(np.int64)
    dental = cal.prev(until - dental_gap)
    dental = np.where((dental >= start) & (age >= 1), dental, NEVER)
    # Missing and absent episodes in the last 12 months.
    p_missing = np.where(age >= 13, 0.19, np.where(age >= 11, 0.08, 0.005))
    missing = np.where(recent.random(n) < p_missing, 1 + recent.geometric(0.35, n) - 1, 0)
    absent = np.where(recent.random(n) < p_missing * 0.6, recent.integers(1, 5, n), 0)
    offered = np.where(missing > 0, np.where(recent.random(n) < 0.87, "Yes", "No"), None)
    accepted = np.where(offered == "Yes", np.where(recent.random(n) < 0.55, "Yes", "No"), None)
    plan = np.full(n, "Long-term fostering", dtype=object)
    plan[age >= 16] = np.where(r(n) < 0.55, "Supported living in the community", "Long-term fostering")[age >= 16]
    plan[np.isin(ptype, ["K2", "K1", "S1"])] = "Long-term residential placement"
    plan[c["home"]] = "Return to family"
    plan[c["sgo"] | c["cao"]] = "SGO/CAO"
    plan[(c["decision"] <= until) & (c["nl_date"] > until)] = "Adoption"
    plan[breaks] = "Other"
    plan[(r(n) < 0.04) & ~breaks] = "Other"
    return {
        "legal_status": status, "legal_status_start": since, "latest_review": latest, "last_visit": visit,
        "last_iro_contact": iro, "last_health_assessment": health, "last_dental_check": dental,
        "placements_last_12m": placements_12m, "placement_start": latest_start, "placement_type": ptype,
        "placement_provider": provider, "placement_postcode": postcode, "placement_urn": urn,
        "placement_location": np.where(out, "Out", "In").astype(object),
        "placement_la": la, "missing_episodes_12m": missing, "absent_episodes_12m": absent,
        "return_interview_offered": offered, "return_interview_accepted": accepted, "permanence_plan": plan,
    }
