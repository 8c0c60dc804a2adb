"""Drawing a round's sample (design §4.1): pure, on plain rows, so the worked example is its fixture.

The same cases, seed, sampling date and earlier audits always give the same sample: the order is a sha256 of the
seed and the child id (decision 5), so a new child does not reshuffle the rest and Python versions agree.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date
from math import floor

from triangulate.kpis.periods import add_months

# The fixed order of the quotas (§4.1 step 8) ...
FIXED_ORDER = ("cin", "cp", "cla", "care_leaver")
# ... and the order that decides a child's one case (decision 2): the most intensive plan is audited.
CASE_PRIORITY = ("cla", "cp", "cin", "care_leaver")

LEFT_OUT_KINDS = ("no_team", "unmapped", "ambiguous", "unplaceable")

# "6 in need, 3 on protection plans, 1 in care" and "2 children in need".
_COUNT_WORDS = {"cin": ("in need", "in need"), "cp": ("on a protection plan", "on protection plans"),
                "cla": ("in care", "in care"), "care_leaver": ("care leaver", "care leavers")}
_QUOTA_WORDS = {"cin": ("child in need", "children in need"),
                "cp": ("child on a protection plan", "children on protection plans"),
                "cla": ("child in care", "children in care"), "care_leaver": ("care leaver", "care leavers")}


@dataclass(frozen=True)
class CaseRow:
    """One row of lists 6–9, already placed on a case type; `end` is the closure date or None."""

    child_id: str
    case_type: str
    team_name: str
    worker_name: str = ""
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class Case:
    """A child's one case, with its team resolved."""

    child_id: str
    case_type: str
    team_id: int
    worker_name: str = ""


@dataclass(frozen=True)
class Prior:
    """Another audit of a child: `running` when it is not submitted, moderated or withdrawn."""

    child_id: str
    running: bool
    completed_on: date | None = None


@dataclass(frozen=True)
class TeamPlan:
    team_id: int
    name: str
    size: int
    every_open_case: bool = False


@dataclass(frozen=True)
class Params:
    seed: int
    sampled_on: date
    teams: tuple
    case_types: tuple = FIXED_ORDER
    exclude_months: int = 12


@dataclass(frozen=True)
class Chosen:
    child_id: str
    case_type: str
    team_id: int
    worker_name: str
    rank_key: str
    position: int
    reason: str


@dataclass
class Sample:
    chosen: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)


def rank_key(seed, child_id):
    """§4.1 step 7, exactly: the first 16 hex characters of sha256("seed:child_id")."""
    return hashlib.sha256(f"{seed}:{child_id}".encode()).hexdigest()[:16]


def one_case_per_child(rows, *, closed=False):
    """§4.1 step 3: the deciding row of each child. Open cases: the first of CLA, CP, CIN, care leaver; closed
    cases: the latest end first. Within one type, the latest start wins, then the team name alphabetically."""
    best = {}
    for row in rows:
        key = _decider(row, closed)
        held = best.get(row.child_id)
        if held is None or key < _decider(held, closed):
            best[row.child_id] = row
    return [best[child] for child in sorted(best)]


def _decider(row, closed):
    priority = CASE_PRIORITY.index(row.case_type)
    latest_start = -(row.start.toordinal() if row.start else 0)
    if closed:
        return (-(row.end.toordinal() if row.end else 0), priority, latest_start, row.team_name)
    return (priority, latest_start, row.team_name)


def quotas(size, eligible):
    """§4.1 step 8 for one team that is not a surgery: `eligible` maps case type → E_c; returns type → q_c."""
    present = [c for c in FIXED_ORDER if eligible.get(c, 0) > 0]
    total = sum(eligible[c] for c in present)
    wanted = min(size, total)
    result = {c: 0 for c in present}
    if wanted <= 0:
        return result
    if wanted < len(present):
        # Too few places for a floor of 1 each: the largest types get one, ties in the fixed order.
        for c in sorted(present, key=lambda c: (-eligible[c], FIXED_ORDER.index(c)))[:wanted]:
            result[c] = 1
        return result
    exact = {c: wanted * eligible[c] / total for c in present}
    remainder = {c: exact[c] - floor(exact[c]) for c in present}
    for c in present:
        result[c] = max(1, floor(exact[c]))  # the floor of 1 per type present (decision 4)
    by_remainder = sorted(present, key=lambda c: (-remainder[c], -eligible[c], FIXED_ORDER.index(c)))
    while sum(result.values()) < wanted:
        grown = False
        for c in by_remainder:
            if sum(result.values()) < wanted and result[c] < eligible[c]:
                result[c] += 1
                grown = True
        if not grown:  # pragma: no cover - cannot happen: Σ E_c ≥ wanted
            break
    while sum(result.values()) > wanted:
        above_one = [c for c in present if result[c] > 1]
        above_one.sort(key=lambda c: (-result[c], remainder[c], -FIXED_ORDER.index(c)))
        result[above_one[0]] -= 1
    return result


def _exclusion(child_id, prior_by_child, params, surgery):
    """'in_progress', 'recent' or None (§4.1 step 6; decision 3's strict boundary: after, not on)."""
    audits = prior_by_child.get(child_id, ())
    if any(p.running for p in audits):
        return "in_progress"
    if surgery or params.exclude_months == 0:
        return None
    cutoff = add_months(params.sampled_on, -params.exclude_months)
    if any(p.completed_on and p.completed_on > cutoff for p in audits):
        return "recent"
    return None


def _strata(cases, prior, params):
    """Per team and type: the eligible cases in key order, and the counts of §4.1 step 10."""
    prior_by_child = {}
    for p in prior:
        prior_by_child.setdefault(p.child_id, []).append(p)
    plans = {t.team_id: t for t in params.teams}
    eligible = {t: {c: [] for c in FIXED_ORDER} for t in plans}
    counts = {t: {c: {"open": 0, "excluded_recent": 0, "excluded_in_progress": 0, "eligible": 0, "quota": 0}
                  for c in FIXED_ORDER if c in params.case_types} for t in plans}
    for case in cases:
        if case.team_id not in plans or case.case_type not in params.case_types:
            continue  # §4.1 step 5: the round's teams and case types only
        row = counts[case.team_id][case.case_type]
        row["open"] += 1
        excluded = _exclusion(case.child_id, prior_by_child, params, plans[case.team_id].every_open_case)
        if excluded:
            row[f"excluded_{excluded}"] += 1
            continue
        row["eligible"] += 1
        eligible[case.team_id][case.case_type].append((rank_key(params.seed, case.child_id), case))
    for by_type in eligible.values():
        for keyed in by_type.values():
            keyed.sort(key=lambda pair: (pair[0], pair[1].child_id))
    return eligible, counts, prior_by_child


def draw(cases, prior, params, *, left_out=None):
    """§4.1 steps 5–10. `cases` are one per child with teams resolved; `prior` the other audits of those
    children; `left_out` the counts of cases that could not be placed or given a team (steps 2 and 4)."""
    eligible, counts, prior_by_child = _strata(cases, prior, params)
    sample = Sample()
    for plan in params.teams:
        by_type = eligible[plan.team_id]
        sizes = {c: len(by_type[c]) for c in FIXED_ORDER}
        if plan.every_open_case:
            wanted = dict(sizes)
        else:
            wanted = quotas(plan.size, sizes)
        for case_type in FIXED_ORDER:
            quota = wanted.get(case_type, 0)
            if case_type in counts[plan.team_id]:
                counts[plan.team_id][case_type]["quota"] = quota
            for position, (key, case) in enumerate(by_type[case_type][:quota], start=1):
                reason = _reason(plan, case_type, quota, sizes, position, params, prior_by_child.get(case.child_id))
                sample.chosen.append(Chosen(case.child_id, case_type, plan.team_id, case.worker_name, key,
                                            position, reason))
    sample.counts = {str(team_id): by_type for team_id, by_type in counts.items()}
    sample.counts["left_out"] = {kind: (left_out or {}).get(kind, 0) for kind in LEFT_OUT_KINDS}
    return sample


def stratum_order(cases, prior, params, team_id, case_type):
    """The eligible cases of one stratum in key order, as (rank_key, position, case): for a replacement (§4.2)."""
    eligible, _counts, _prior = _strata(cases, prior, params)
    keyed = eligible.get(team_id, {}).get(case_type, [])
    return [(key, position, case) for position, (key, case) in enumerate(keyed, start=1)]


def _reason(plan, case_type, quota, sizes, position, params, audits):
    if plan.every_open_case:
        return f"Every open case of {plan.name} (audit surgery)."
    total = sum(sizes.values())
    parts = ", ".join(f"{sizes[c]} {_COUNT_WORDS[c][sizes[c] != 1]}" for c in FIXED_ORDER if sizes[c])
    text = (f"{plan.name} asked for {plan.size} of its {total} eligible cases ({parts}): "
            f"{quota} {_QUOTA_WORDS[case_type][quota != 1]}. "
            f"This child is {ordinal(position)} of {sizes[case_type]} in the seeded order (seed {params.seed}).")
    done = [p.completed_on for p in audits or () if p.completed_on]
    if done:
        last = max(done)
        if params.exclude_months:
            text += (f" Last audited {long_date(last)}, over {params.exclude_months} months before sampling.")
        else:
            text += f" Last audited {long_date(last)}."
    return text


def ordinal(n):
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def long_date(day):
    return f"{day.day} {day:%B %Y}"
