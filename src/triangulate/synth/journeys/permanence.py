"""Lists 9-11: care leavers, children with an adoption decision, and (prospective) adopters."""

import numpy as np

from . import care, codes
from .base import NEVER, YEAR, years_between

_NOT_LEAVERS = [codes.REASON_CEASED.index(c) for c in ("E11", "E12", "E2", "E3", "E15", "E45", "E46", "E47",
                                                        "E41")]
_UNSUITABLE = {"S", "V", "W", "X"}


def list9(fr, spells):
    cal, x = fr.cal, fr.extract_day
    ch = fr.children
    dob = ch.dob[spells["child"]]
    start, end = spells["start"], spells["end"]
    left = (end <= x) & (spells["route"] != care.SHORT_BREAKS) & ~np.isin(spells["reason"], _NOT_LEAVERS)
    since14 = np.minimum(end, dob + int(18 * YEAR)) - np.maximum(start, dob + int(14 * YEAR))
    after16 = end >= dob + int(16 * YEAR)
    relevant = left & after16 & (since14 >= 91)
    qualifying = left & after16 & (since14 < 91) & (fr.stable(np.arange(len(end)), "list9_qualifying").random(
        len(end)) < 0.3)
    sel = relevant | qualifying
    # one row per care leaver: their latest qualifying period of care
    idx = np.flatnonzero(sel)
    idx = idx[np.lexsort((end[idx], spells["child"][idx]))]
    last = np.r_[spells["child"][idx][1:] != spells["child"][idx][:-1], True]
    idx = idx[last]
    child = spells["child"][idx]
    age = years_between(ch.dob[child], fr.extract)
    keep = (age >= 16) & ((age <= 21) | ((age <= 25) & (fr.stable(child, "list9_older").random(len(age)) < 0.35)))
    idx, child, age = idx[keep], child[keep], age[keep]
    n = len(child)
    elig = np.where(qualifying[idx], "Qualifying", np.where(age < 18, "Relevant", "Former relevant"))
    # how each care leaver is doing as at the extract date: drawn afresh every six months or so (a death stays)
    rng = fr.as_at(idx, "list9", every=180)
    touch = codes.IN_TOUCH.codes[codes.IN_TOUCH.draw(rng, n)]
    died = fr.stable(idx, "list9_died").random(n) < codes.IN_TOUCH.p[codes.IN_TOUCH.index("Died")]
    touch[touch == "Died"] = "Yes"
    touch[died] = "Died"
    touch[(age >= 22) & (fr.stable(idx, "list9_nreq").random(n) < 0.25)] = "NREQ"
    yes = touch == "Yes"
    contact_gap = np.where(yes, rng.integers(0, 56, n), rng.integers(90, 400, n))
    contact = np.where(np.isin(touch, ["Died", "NREQ"]), NEVER, cal.prev(x - contact_gap))
    contact = np.where(contact >= end[idx], contact, NEVER)
    accom = codes.ACCOMMODATION.codes[codes.ACCOMMODATION.draw(rng, n)].astype(object)
    accom[~yes] = np.where(rng.random(n) < 0.6, "R", None)[~yes]
    suit = np.where(rng.random(n) < 0.94, "Suitable", "Unsuitable").astype(object)
    suit[np.isin(accom, list(_UNSUITABLE))] = "Unsuitable"
    suit[~yes] = None
    activity = codes.ACTIVITY.codes[codes.ACTIVITY.draw(rng, n)].astype(object)
    activity[~yes] = None
    review_gap = np.where(rng.random(n) < 0.86, rng.integers(0, 183, n), rng.integers(183, 420, n))
    review = cal.prev(x - review_gap)
    review = np.where(review >= end[idx] - 120, review, NEVER)
    loc = ch.locality[child]
    team, worker = fr.org.allocate("care_leavers", loc)
    _, adviser = fr.org.allocate("care_leavers", loc, salt=3)
    cols = fr.child_columns(child)
    cols.update(allocated_team=team, allocated_worker=worker, personal_adviser=adviser,
                uasc=np.where(ch.uasc[child], "Yes", "No").astype(object), eligibility=elig.astype(object),
                pathway_plan_review=review, in_touch=touch, latest_contact=contact, accommodation_type=accom,
                accommodation_suitability=suit, activity=activity)
    return fr.table(9, cols, order=np.argsort(child, kind="stable"))


def adopters(fr, spells):
    """Adopter families: one per matched child, plus families in the pipeline or who left it.
    Returns list 10's family id per spell and list 11's table. Drawn anew for each extract: no KPI reads
    list 11, and list 10 only takes the family ids of matches made by the extract date."""
    rng, x, w0 = fr.generator("list11"), fr.extract_day, fr.window_start
    matched = spells["match"] <= x
    m = int(matched.sum())
    years = (x - w0) / YEAR
    n_pipe = rng.poisson(max(m / 8.0, 1) * years * 1.5) if m else rng.poisson(2 * years)
    n = m + n_pipe
    off_s1s = rng.integers(10, 60, n)
    off_s1e = off_s1s + rng.integers(40, 90, n)
    off_sub = off_s1e + rng.integers(0, 10, n)
    off_s2s = off_s1e + rng.integers(0, 30, n)
    off_s2e = off_s2s + rng.integers(90, 160, n)
    off_app = off_s2e + rng.integers(5, 30, n)
    off_match = off_app + 30 + rng.exponential(150, n).astype(np.int64)
    enquiry = np.empty(n, dtype=np.int64)
    enquiry[:m] = spells["match"][matched] - off_match[:m]
    enquiry[m:] = w0 - 365 + (rng.random(n_pipe) * (x - w0 + 365)).astype(np.int64)
    match = np.where(np.arange(n) < m, enquiry + off_match, NEVER)
    placed = np.full(n, NEVER, dtype=np.int64)
    order = np.full(n, NEVER, dtype=np.int64)
    placed[:m] = spells["placed"][matched]
    order[:m] = spells["order"][matched]
    leave = (np.arange(n) >= m) & (rng.random(n) < 0.3)
    leave_at = enquiry + (rng.random(n) * off_app).astype(np.int64)
    stage = {"s1s": off_s1s, "s1e": off_s1e, "sub": off_sub, "s2s": off_s2s, "s2e": off_s2e, "app": off_app}
    dates = {k: np.where(leave & (enquiry + v > leave_at), NEVER, enquiry + v) for k, v in stage.items()}
    left = np.where(leave, leave_at, NEVER)
    active = (enquiry <= x) & (np.minimum(np.minimum(order, left), NEVER) >= w0)
    active[:m] |= (order[:m] >= w0) | (placed[:m] >= w0)
    family_ids = (5000 + rng.choice(9 * max(n, 100), size=n, replace=False)).astype(str).astype(object)
    fam_of_spell = np.full(len(spells["match"]), None, dtype=object)
    fam_of_spell[np.flatnonzero(matched)] = family_ids[:m]
    ffa = np.zeros(n, bool)
    ffa[:m] = spells["ffa"][matched] < NEVER
    ffa[m:] = rng.random(n_pipe) < 0.1
    # One or two adopters per family.
    keep = np.flatnonzero(active)
    size = np.where(rng.random(len(keep)) < 0.72, 2, 1)
    fam = np.repeat(keep, size)
    second = np.r_[False, fam[1:] == fam[:-1]]
    k = len(fam)
    gender = np.where(second, np.where(rng.random(k) < 0.85, "Male", "Female"),
                      np.where(rng.random(k) < 0.8, "Female", "Male")).astype(object)
    eth = codes.ETHNICITY.codes[codes.ETHNICITY.draw(rng, k)]
    adopter_ids = ("A" + (10000 + rng.choice(9 * max(k, 100), size=k, replace=False)).astype(str).astype(object))
    reasons = np.array(codes.ADOPTER_LEFT_REASONS, dtype=object)[rng.choice(3, size=k, p=[0.6, 0.25, 0.15])]
    cols = {
        "adopter_id": adopter_ids, "family_id": family_ids[fam], "gender": gender, "ethnicity": eth,
        "disability": np.where(rng.random(k) < 0.04, "Yes", "No").astype(object),
        "ffa": np.where(ffa[fam], "Yes", "No").astype(object), "enquiry": enquiry[fam],
        "stage1_start": dates["s1s"][fam], "stage1_end": dates["s1e"][fam], "stage2_start": dates["s2s"][fam],
        "stage2_end": dates["s2e"][fam], "application_submitted": dates["sub"][fam],
        "application_approved": dates["app"][fam], "matched": match[fam], "placed": placed[fam],
        "children_placed": np.where(placed[fam] <= x, 1, 0).astype(np.int64), "adoption_order": order[fam],
        "left_process": left[fam], "left_reason": np.where(left[fam] <= x, reasons, None),
    }
    cols["children_placed"] = np.where(placed[fam] <= x, 1, None).astype(object)
    table = fr.table(11, cols, order=np.lexsort((adopter_ids, enquiry[fam])))
    return fam_of_spell, table


def list10_11(fr, spells):
    x, w0 = fr.extract_day, fr.window_start
    fam_of_spell, t11 = adopters(fr, spells)
    dec = spells["decision"]
    done = np.minimum(spells["order"], spells["nl_date"])
    sel = (dec <= x) & (done >= w0)
    child = spells["child"][sel]
    nl = spells["nl_date"][sel]
    cols = fr.child_columns(child)
    cols.update(
        family_id=fam_of_spell[sel], entered_care=spells["start"][sel], adoption_decision=dec[sel],
        placement_order=spells["po"][sel], matching=spells["match"][sel],
        placed_for_adoption=spells["placed"][sel], adoption_order=spells["order"][sel],
        no_longer_adoption_decision=nl,
        no_longer_adoption_reason=np.where(nl <= x, codes.NO_LONGER_REASON.codes[spells["nl_reason"][sel]], None),
        ffa_placement=spells["ffa"][sel],
    )
    # family ids only for matches that have happened by the extract date
    cols["family_id"] = np.where(spells["match"][sel] <= x, cols["family_id"], None)
    return fr.table(10, cols, order=np.lexsort((child, dec[sel]))), t11
