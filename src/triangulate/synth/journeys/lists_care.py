"""Lists 6-8: children in need, child protection and children in care."""

import numpy as np

from . import care, codes
from .base import NEVER, YEAR
from .frame import previous_end, rank_within

_STATUS = codes.CASE_STATUS.codes  # CLA, CP plan, CIN plan, Open assessment, Closed episode


def _pick_team(fr, kinds, loc):
    """kinds: object array of team types; returns team and worker per row."""
    team = np.empty(len(loc), dtype=object)
    worker = np.empty(len(loc), dtype=object)
    for kind in np.unique(kinds):
        sel = kinds == kind
        team[sel], worker[sel] = fr.org.allocate(kind, loc[sel])
    return team, worker


def list6(fr, ep):
    cal, x = fr.cal, fr.extract_day
    sel = ~ep["nfa"] & (ep["ref"] <= x) & (ep["close"] >= fr.window_start)
    e = {k: v[sel] for k, v in ep.items()}
    child = e["child"]
    n = len(child)
    closed = e["close"] <= x
    rng = fr.as_at(np.flatnonzero(sel), "list6", closed)
    in_care = (e["cla_start"] <= x) & (e["cla_end"] > x)
    on_cp = (e["cp_start"] <= x) & (e["cp_end"] > x)
    assessing = e["a_auth"] > x
    status = np.full(n, _STATUS[2], dtype=object)
    status[assessing] = _STATUS[3]
    status[on_cp] = _STATUS[1]
    status[in_care] = _STATUS[0]
    status[closed] = _STATUS[4]
    until = np.minimum(e["close"], x)
    loc = fr.children.locality[child]
    kinds = np.full(n, "locality_safeguarding", dtype=object)
    kinds[assessing | (closed & ~e["need"])] = "assessment"
    kinds[(e["primary_need"] == codes.PRIMARY_NEED.index("N2")) | (e["sb_start"] < NEVER)] = "disabled_children"
    teen = ((x - fr.children.dob[child]) > 13 * YEAR) & (loc % 5 == 0)
    kinds[teen & (kinds == "locality_safeguarding")] = "adolescent"
    kinds[(e["cla_start"] <= x) & (e["cla_end"] >= until)] = "children_in_care"
    team, worker = _pick_team(fr, kinds, loc)
    # how recently each child was seen depends on the team's practice (story.py)
    gap = np.where(status == _STATUS[1], rng.integers(0, 15, n),
                   np.where(rng.random(n) < fr.story.shares(team, "cin_seen", until), rng.integers(0, 29, n),
                            rng.integers(29, 100, n)))
    gap = np.where(status == _STATUS[3], rng.integers(0, 20, n), gap)
    seen = np.maximum(cal.prev(until - gap), e["ref"])
    unalloc = (status == _STATUS[2]) & (rng.random(n) < 0.025 * fr.story.unallocated_factor(team))
    worker[unalloc] = None
    reason = np.where(closed, codes.CLOSURE_REASON.codes[e["close_reason"]], None)
    cols = fr.child_columns(child)
    cols.update(allocated_team=team, allocated_worker=worker, cin_start=e["ref"],
                primary_need=codes.PRIMARY_NEED.codes[e["primary_need"]], last_seen=seen,
                cin_closure=e["close"], closure_reason=reason, case_status=status)
    return fr.table(6, cols, order=np.lexsort((child, e["ref"])))


def list7(fr, ep):
    cal, x = fr.cal, fr.extract_day
    prev_plans = rank_within(ep["child"][ep["cp"]], ep["cp_start"][ep["cp"]])
    previous = np.zeros(len(ep["child"]), dtype=np.int64)
    previous[ep["cp"]] = prev_plans
    sel = ep["cp"] & (ep["cp_start"] <= x) & (ep["cp_end"] >= fr.window_start)
    key = np.flatnonzero(sel)
    child = ep["child"][sel]
    n = len(child)
    start, end = ep["cp_start"][sel], ep["cp_end"][sel]
    until = np.minimum(end, x)
    # the last visit, seen alone and a late review as at the extract date (final once the plan has ended)
    rng = fr.as_at(key, "list7", end <= x)
    age = (until - fr.children.dob[child]) / YEAR
    loc = fr.children.locality[child]
    kinds = np.where((age > 13) & (loc % 5 == 0), "adolescent", "locality_safeguarding").astype(object)
    team, worker = _pick_team(fr, kinds, loc)
    story = fr.story
    on_time = rng.random(n) < story.shares(team, "cp_visit", until)
    visit = cal.add(until, -np.where(on_time, rng.integers(0, 10, n), rng.integers(10, 30, n)))
    visit = np.maximum(visit, start)
    alone = np.where(age < 3, "No", np.where(rng.random(n) < story.shares(team, "seen_alone", until),
                                             "Yes", "No")).astype(object)
    first = cal.prev(start + 91 - fr.stable(key, "list7_first_review").integers(0, 15, n))
    steps = np.maximum((until - first) // 182, 0)
    latest = np.where(until < first, NEVER, first + steps * 182)
    late = rng.random(n) > story.shares(team, "review", until)
    latest = np.where(late & (latest < NEVER), np.maximum(latest - rng.integers(30, 90, n), first), latest)
    latest = np.where(latest <= until, cal.prev(latest), NEVER)
    cols = fr.child_columns(child)
    cols.update(allocated_team=team, allocated_worker=worker, cp_start=start,
                initial_category=codes.ABUSE.codes[ep["cat_init"][sel]],
                latest_category=codes.ABUSE.codes[ep["cat_latest"][sel]], last_visit=visit,
                seen_alone=alone, latest_review=latest, cp_end=end,
                epo_last_6m=np.where(ep["epo"][sel] & (start >= x - 183), "Yes", "No").astype(object),
                previous_cp_plans=previous[sel])
    return fr.table(7, cols, order=np.lexsort((child, start)))


def care_spells(ep):
    """All periods of care (from episodes, plus short breaks) as one dict of arrays."""
    has = ep["cla_start"] < NEVER
    spell = {k[4:]: ep[k][has] for k in ep if k.startswith("cla_")}
    spell["start"] = ep["cla_start"][has]
    spell["child"] = ep["child"][has]
    spell["route"] = ep["route"][has]
    sb = ep["sb_start"] < NEVER
    m = sb.sum()
    breaks = {k: np.full(m, NEVER, dtype=np.int64) for k in spell}
    breaks.update(start=ep["sb_start"][sb], end=ep["sb_end"][sb], child=ep["child"][sb],
                  route=np.full(m, care.SHORT_BREAKS), reason=np.full(m, codes.REASON_CEASED.index("E8")),
                  nl_reason=np.zeros(m, dtype=np.int64))
    for k in ("adopted", "sgo", "cao", "adopt_path", "home"):
        breaks[k] = np.zeros(m, bool)
    return {k: np.concatenate([spell[k], breaks[k].astype(spell[k].dtype)]) for k in spell}


def list8(fr, spells, home_area, home_la):
    x = fr.extract_day
    sel = (spells["start"] <= x) & (spells["end"] >= fr.window_start)
    key = np.flatnonzero(sel)
    prev_end = previous_end(spells["child"], spells["start"], spells["end"])[sel]
    s = {k: v[sel] for k, v in spells.items()}
    child = s["child"]
    n = len(child)
    ch = fr.children
    c = dict(s, dob=ch.dob[child], uasc=ch.uasc[child])
    closed = s["end"] <= x
    breaks = s["route"] == care.SHORT_BREAKS
    loc = ch.locality[child]
    kinds = np.where(breaks, "disabled_children", "children_in_care").astype(object)
    team, worker = _pick_team(fr, kinds, loc)
    until = np.minimum(s["end"], x)  # the day the row describes: a closed row keeps the draw it had then
    c["visit_share"] = fr.story.shares(team, "cla_visit", until)
    c["review_share"] = fr.story.shares(team, "review", until)
    detail = care.cla_rows(fr.stable(key, "list8"), fr.as_at(key, "list8_as_at", closed),
                           fr.as_at(key, "list8_recent", closed, every=120), fr.cal, c, x, home_area, home_la,
                           move_draws=lambda rows, j: fr.stable(key[rows] * 64 + j, "list8_moves"))
    rng = fr.stable(key, "list8_need")
    need = codes.CATEGORY_OF_NEED.draw(rng, n)
    need[c["uasc"]] = codes.CATEGORY_OF_NEED.index("N8")
    need[breaks] = codes.CATEGORY_OF_NEED.index("N2")
    unallocated = fr.as_at(key, "list8_unallocated").random(n) < 0.01 * fr.story.unallocated_factor(team)
    worker[unallocated & ~closed] = None
    second = (prev_end >= s["start"] - 365) & (prev_end <= s["start"])
    cols = fr.child_columns(child)
    cols.update(detail)
    cols.update(
        allocated_team=team, allocated_worker=worker,
        uasc=np.where(c["uasc"], "Yes", "No").astype(object),
        cla_start=s["start"], category_of_need=codes.CATEGORY_OF_NEED.codes[need],
        second_period_12m=np.where(second, "Yes", "No").astype(object),
        legal_status=codes.LEGAL_STATUS.codes[detail["legal_status"]], cla_end=s["end"],
        reason_ceased=np.where(closed, codes.REASON_CEASED.codes[np.maximum(s["reason"], 0)], None),
    )
    return fr.table(8, cols, order=np.lexsort((child, s["start"])))
