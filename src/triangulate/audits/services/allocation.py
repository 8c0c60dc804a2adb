"""Allocating a round's sample to its auditors (design §4.3, decision 7): greedy and least-loaded, pure, so a QA
lead can predict it by hand and the worked example is its test."""

from dataclasses import dataclass, field
from math import ceil

from .sampling import FIXED_ORDER


@dataclass(frozen=True)
class Entry:
    key: object  # the caller's id for the entry
    team_id: int
    team_name: str
    case_type: str
    position: int
    worker_id: int | None = None  # the StaffMember on the case


@dataclass(frozen=True)
class Auditor:
    key: object  # the caller's id for the auditor
    username: str
    home_team_ids: frozenset = frozenset()
    staff_id: int | None = None  # the auditor's own StaffMember: never given their own case
    capacity: int | None = None  # None: a balanced share, ⌈entries ÷ auditors⌉


@dataclass
class Allocation:
    assigned: dict = field(default_factory=dict)  # entry key → auditor key
    unallocated: list = field(default_factory=list)  # entry keys no one could take
    capacity: dict = field(default_factory=dict)  # auditor key → the capacity used


def entry_order(entries):
    """Team name, then case type in the fixed order, then position in the stratum."""
    return sorted(entries, key=lambda e: (e.team_name, e.team_id, FIXED_ORDER.index(e.case_type),
                                          e.position or 0, str(e.key)))


def conflicted(auditor, entry, *, allow_own_team=False):
    """An auditor never audits a case of their home teams (unless the round allows it), nor their own case."""
    if entry.worker_id is not None and entry.worker_id == auditor.staff_id:
        return True
    return not allow_own_team and entry.team_id in auditor.home_team_ids


def allocate(entries, auditors, *, allow_own_team=False, loads=None):
    """§4.3: each entry in order goes to the auditor with the lowest load among those with no conflict and room
    under capacity; ties to the fewest audits in that team, then the username. `loads` are audits the auditors
    already hold in this round (auditor key → [team ids]), e.g. when allocating entries added later."""
    result = Allocation()
    if not auditors:
        result.unallocated = [e.key for e in entry_order(entries)]
        return result
    held = {a.key: list((loads or {}).get(a.key, ())) for a in auditors}
    # Capacity counts every audit the auditor holds in the round, earlier ones included.
    balanced = ceil((len(entries) + sum(len(teams) for teams in held.values())) / len(auditors))
    for auditor in auditors:
        result.capacity[auditor.key] = auditor.capacity if auditor.capacity is not None else balanced
    for entry in entry_order(entries):
        able = [a for a in auditors
                if not conflicted(a, entry, allow_own_team=allow_own_team)
                and len(held[a.key]) < result.capacity[a.key]]
        if not able:
            result.unallocated.append(entry.key)
            continue
        chosen = min(able, key=lambda a: (len(held[a.key]), held[a.key].count(entry.team_id), a.username))
        held[chosen.key].append(entry.team_id)
        result.assigned[entry.key] = chosen.key
    return result
