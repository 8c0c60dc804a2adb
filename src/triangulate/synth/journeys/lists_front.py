"""Lists 1-5: contacts, early help, referrals, assessments, S47 enquiries and ICPCs."""

import numpy as np

from . import codes
from .base import NEVER, YEAR
from .frame import count_back

EXTRA_CONTACT_RATE = 0.150  # contacts that do not become referrals, per child aged 0-17 per year
EARLY_HELP_RATE = 0.0110  # early help assessments of children not stepped down from social care
KNOWN_SHARE = 0.40  # share of those contacts about children already known to social care


def add_extra_children(rng, f_children, n_children, extract_day, window_start, chain_children, story):
    """Children who only appear in contacts or early help: drawn before ids are assigned. Contacts follow
    the seasons as referrals do (story.py)."""
    years = (extract_day - window_start) / YEAR
    n_contacts = rng.poisson(EXTRA_CONTACT_RATE * n_children * years / story.mean_season_weight())
    c_day = window_start + (rng.random(n_contacts) * (extract_day - window_start + 1)).astype(np.int64)
    c_day = c_day[rng.random(n_contacts) < story.season_weight(c_day)]
    n_contacts = len(c_day)
    known = rng.random(n_contacts) < KNOWN_SHARE
    c_child = np.empty(n_contacts, dtype=np.int64)
    c_child[known] = rng.choice(chain_children, size=known.sum())
    ages = rng.choice(18, size=(~known).sum())
    dob = c_day[~known] - (ages * YEAR + rng.random(len(ages)) * 364).astype(np.int64)
    c_child[~known] = f_children.add(rng, dob)
    n_eh = rng.poisson(EARLY_HELP_RATE * n_children * years)
    e_day = window_start + (rng.random(n_eh) * (extract_day - window_start + 1)).astype(np.int64)
    e_age = rng.choice(18, size=n_eh)
    e_child = f_children.add(rng, e_day - (e_age * YEAR + rng.random(n_eh) * 364).astype(np.int64))
    return (c_child, c_day), (e_child, e_day)


def list1(fr, ep, extra):
    cal = fr.cal
    c_child, c_day = extra
    c_source = codes.SOURCE.draw(fr.stable(np.arange(len(c_child)), "contact_source"), len(c_child))
    dob = fr.children.dob[c_child]
    ok = (c_day >= dob) & (c_day < dob + int(18 * YEAR))
    c_child, c_day, c_source = c_child[ok], cal.prev(c_day[ok]), c_source[ok]
    ok = (c_day >= fr.window_start) & (c_day <= fr.extract_day)
    c_child, c_day, c_source = c_child[ok], c_day[ok], c_source[ok]
    sel = (ep["contact"] >= fr.window_start) & (ep["contact"] <= fr.extract_day)
    child = np.concatenate([ep["child"][sel], c_child])
    day = np.concatenate([ep["contact"][sel], c_day])
    source = np.concatenate([ep["source"][sel], c_source])
    cols = fr.child_columns(child)
    cols.update(contact_date=day, contact_source=codes.SOURCE.codes[source])
    return fr.table(1, cols, order=np.lexsort((child, day)))


_EARLY_HELP_KEY = 1 << 40  # keys of early help assessments that did not follow a closed episode


def list2(fr, ep, extra):
    cal = fr.cal
    step = (ep["close_reason"] == codes.CLOSURE_REASON.index("RC9")) & (ep["close"] <= fr.extract_day)
    s_key = np.flatnonzero(step)
    s_child = ep["child"][step]
    s_day = cal.add(ep["close"][step], fr.stable(s_key, "early_help_gap").integers(0, 16, len(s_key)))
    e_child, e_day = extra
    child = np.concatenate([s_child, e_child])
    key = np.concatenate([s_key, _EARLY_HELP_KEY + np.arange(len(e_child))])
    start = cal.next(np.concatenate([s_day, e_day]))
    keep = (start >= fr.window_start) & (start <= fr.extract_day)
    child, start, key = child[keep], start[keep], key[keep]
    n = len(child)
    rng = fr.stable(key, "early_help")
    done = np.where(rng.random(n) < 0.93, cal.add(start, rng.integers(10, 60, n)), np.int64(10**7))
    team, _ = fr.org.allocate("early_help", fr.children.locality[child])
    org = np.where(rng.random(n) < 0.55, team,
                   np.array(codes.EH_ORGANISATIONS, dtype=object)[rng.integers(0, len(codes.EH_ORGANISATIONS), n)])
    cols = fr.child_columns(child)
    cols.update(eh_assessment_start=start, eh_assessment_completion=done, eh_organisation=org)
    return fr.table(2, cols, order=np.lexsort((child, start)))


def list3(fr, ep):
    sel = (ep["ref"] >= fr.window_start) & (ep["ref"] <= fr.extract_day)
    child = ep["child"][sel]
    loc = fr.children.locality[child]
    nfa = ep["nfa"][sel]
    team, worker = fr.org.allocate("assessment", loc)
    fd_team, fd_worker = fr.org.allocate("front_door", loc)
    team = np.where(nfa, fd_team, team)
    worker = np.where(nfa, fd_worker, worker)
    cols = fr.child_columns(child)
    cols.update(
        allocated_team=team, allocated_worker=worker, referral_date=ep["ref"][sel],
        referral_source=codes.SOURCE.codes[ep["source"][sel]], referral_nfa=nfa,
        referrals_last_12m=count_back(child, ep["ref"][sel], ep["child"], ep["ref"]),
    )
    return fr.table(3, cols, order=np.lexsort((child, ep["ref"][sel])))


def list4(fr, ep):
    sel = (ep["a_start"] <= fr.extract_day) & (ep["a_auth"] >= fr.window_start)
    key = np.flatnonzero(sel)
    child = ep["child"][sel]
    n = len(child)
    rng = fr.stable(key, "list4")
    loc = fr.children.locality[child]
    team, worker = fr.org.allocate("assessment", loc)
    dis_team, dis_worker = fr.org.allocate("disabled_children", loc)
    teen_team, teen_worker = fr.org.allocate("adolescent", loc)
    dis = fr.children.disabled[child] & (rng.random(n) < 0.5)
    teen = ~dis & ((ep["a_start"][sel] - fr.children.dob[child]) > 13 * YEAR) & (rng.random(n) < 0.1)
    team = np.where(dis, dis_team, np.where(teen, teen_team, team))
    worker = np.where(dis, dis_worker, np.where(teen, teen_worker, worker))
    auth = ep["a_auth"][sel]
    open_ = auth > fr.extract_day
    # a few open assessments wait for a worker, as at the extract date
    waiting = fr.as_at(key, "list4_unallocated").random(n) < 0.03 * fr.story.unallocated_factor(team)
    worker = np.where(open_ & waiting, None, worker)
    seen = np.where(ep["seen"][sel], "Yes", "No").astype(object)
    support = np.where(ep["need"][sel], "Yes", "No").astype(object)
    support[open_] = None
    cols = fr.child_columns(child)
    cols.update(allocated_team=team, allocated_worker=worker, assessment_start=ep["a_start"][sel],
                child_seen=seen, assessment_authorised=auth, assessment_needs_support=support)
    return fr.table(4, cols, order=np.lexsort((child, ep["a_start"][sel])))


def list5(fr, ep):
    cal, x = fr.cal, fr.extract_day
    sel = (ep["s47"] >= fr.window_start) & (ep["s47"] <= x)
    child = ep["child"][sel]
    n = len(child)
    s47, icpc, cp = ep["s47"][sel], ep["icpc"][sel], ep["cp"][sel]
    held = icpc <= x
    unnecessary = np.full(n, None, dtype=object)
    unnecessary[held] = "No"
    # an enquiry with no conference by the extract date, 15 working days on, concluded it was not needed
    concluded = (icpc >= NEVER) & (cal.add(s47, 15) <= x)
    unnecessary[concluded] = "Yes"
    to_cp = np.full(n, None, dtype=object)
    to_cp[held] = np.where(cp[held], "Yes", "No")
    all_s47 = ep["s47"] < NEVER
    all_icpc = ep["icpc"] <= x
    when = np.where(held, icpc, s47)
    loc = fr.children.locality[child]
    team, worker = fr.org.allocate("assessment", loc)
    sg_team, sg_worker = fr.org.allocate("locality_safeguarding", loc)
    team = np.where(cp & held, sg_team, team)
    worker = np.where(cp & held, sg_worker, worker)
    cols = fr.child_columns(child)
    cols.update(
        allocated_team=team, allocated_worker=worker, s47_start=s47, icpc_unnecessary=unnecessary,
        icpc_date=icpc, icpc_to_cp=to_cp,
        s47_last_12m=count_back(child, s47, ep["child"][all_s47], ep["s47"][all_s47]),
        icpc_last_12m=count_back(child, when, ep["child"][all_icpc], ep["icpc"][all_icpc]),
    )
    return fr.table(5, cols, order=np.lexsort((child, s47)))
