"""Counting caseloads (design §2.2): pure Python, no Django, so each rule is tested with hand-computed figures.

A case is anything with `child_ref`, `kind`, `worker` and `team` (an AllocatedCase, or the deriver's tuple read
through `as_case`). The rules, as kpis' `avg_caseload` and `unallocated_open` count (kpis/definitions/caseloads.py):
- a worker's **caseload** is the number of distinct children on their open `cin`, `cp` or `cla` cases; the
  council's average over the workers with a caseload is `avg_caseload` (distinct worker-child pairs over distinct
  workers). Care leavers are a personal adviser's caseload, counted apart; assessments and section 47 enquiries
  are work (weighed by the weighting scheme) and in no caseload figure;
- **unallocated**: distinct children with an open cin, cp or cla case and no worker on any of them; a child's team
  is the alphabetically first non-empty team on those cases (as the KPI places it);
- a worker's extract team is the alphabetically first non-empty team on their caseload cases (else on any of their
  cases), as the KPI's breakdown by team places a worker.
A group's figures (a team, a locality, the council) are its workers' caseloads: how many workers, their average,
lowest and highest, and how many are above the maximum. A worker with no caseload (only care leavers, or only
assessments) is not a worker in the caseload figure, as in the KPI.
"""

from collections import namedtuple
from dataclasses import dataclass

CASELOAD_KINDS = ("cin", "cp", "cla")
CARE_LEAVER = "care_leaver"
ASSESSMENT, S47 = "assessment", "s47"

Case = namedtuple("Case", "child_ref kind worker team")


def as_case(row):
    """The deriver's tuple (child_ref, kind, worker, team, flags...) as a Case."""
    return Case(*row[:4])


@dataclass(frozen=True)
class WorkerLoad:
    worker: str  # as the extract names them
    caseload: int  # distinct children on open cin, cp and cla cases
    care_leavers: int  # distinct care leavers they are personal adviser to
    assessments: int  # distinct children with an assessment in progress
    s47s: int  # distinct children with a section 47 enquiry in progress
    team: str  # the extract's team for the worker ("" when none of their cases names one)
    teams: tuple = ()  # every extract team on their cases, sorted


@dataclass(frozen=True)
class Summary:
    """A group's caseload figures; `average` and the range are None with no worker (not 0)."""

    workers: int
    children: int  # the sum of the caseloads (distinct worker-child pairs)
    average: float | None
    lowest: int | None
    highest: int | None
    above_maximum: int | None  # None when no maximum is set

    @property
    def range_text(self):
        if self.lowest is None:
            return ""
        return str(self.lowest) if self.lowest == self.highest else f"{self.lowest} to {self.highest}"


def worker_loads(cases):
    """{worker: WorkerLoad} for every named worker on any case (unallocated cases have no worker)."""
    children = {}  # worker -> kind group -> children
    teams = {}  # worker -> (caseload teams, other teams)
    for case in cases:
        if not case.worker:
            continue
        group = "caseload" if case.kind in CASELOAD_KINDS else case.kind
        children.setdefault(case.worker, {}).setdefault(group, set()).add(case.child_ref)
        if case.team:
            pair = teams.setdefault(case.worker, (set(), set()))
            pair[0 if group == "caseload" else 1].add(case.team)
    out = {}
    for worker, groups in children.items():
        on_caseload, other = teams.get(worker, (set(), set()))
        team = min(on_caseload) if on_caseload else (min(other) if other else "")
        out[worker] = WorkerLoad(worker=worker, caseload=len(groups.get("caseload", ())),
                                 care_leavers=len(groups.get(CARE_LEAVER, ())),
                                 assessments=len(groups.get(ASSESSMENT, ())), s47s=len(groups.get(S47, ())),
                                 team=team, teams=tuple(sorted(on_caseload | other)))
    return out


def unallocated(cases):
    """{child_ref: the child's team ("" when none)} for the children with an open cin, cp or cla case and no worker
    on any of them."""
    allocated, teams = set(), {}
    for case in cases:
        if case.kind not in CASELOAD_KINDS:
            continue
        if case.worker:
            allocated.add(case.child_ref)
        names = teams.setdefault(case.child_ref, set())
        if case.team:
            names.add(case.team)
    return {child: min(names) if names else "" for child, names in teams.items() if child not in allocated}


def unallocated_care_leavers(cases):
    """Care leavers with no personal adviser named."""
    named = {c.child_ref for c in cases if c.kind == CARE_LEAVER and c.worker}
    return {c.child_ref for c in cases if c.kind == CARE_LEAVER and not c.worker} - named


def summary(caseloads, maximum=None):
    """A group's figures from its workers' caseloads (a worker with none is left out, as in the KPI)."""
    held = [n for n in caseloads if n > 0]
    if not held:
        return Summary(0, 0, None, None, None, 0 if maximum is not None else None)
    return Summary(workers=len(held), children=sum(held), average=sum(held) / len(held), lowest=min(held),
                   highest=max(held), above_maximum=sum(1 for n in held if n > maximum) if maximum is not None else None)


def by_group(caseloads, place, maximum=None):
    """{group: Summary} from {worker: caseload}, each worker in the group `place(worker)` names (None: in no
    group). `maximum` is a number, or a function of the group giving its maximum (None: none set)."""
    grouped = {}
    for worker, caseload in caseloads.items():
        group = place(worker)
        if group is not None:
            grouped.setdefault(group, []).append(caseload)
    return {group: summary(loads, maximum(group) if callable(maximum) else maximum)
            for group, loads in grouped.items()}


def pooled(summaries):
    """One Summary for several groups' workers, from their Summaries (the average is the pooled one, weighted by
    workers: not the mean of the groups' averages). above_maximum adds up where every group has a maximum."""
    summaries = [s for s in summaries if s.workers]
    if not summaries:
        return Summary(0, 0, None, None, None, None)
    workers = sum(s.workers for s in summaries)
    children = sum(s.children for s in summaries)
    above = [s.above_maximum for s in summaries]
    return Summary(workers=workers, children=children, average=children / workers,
                   lowest=min(s.lowest for s in summaries), highest=max(s.highest for s in summaries),
                   above_maximum=None if None in above else sum(above))


def distribution(caseloads, width=5):
    """[(label, workers)] of caseloads in bands of `width` (1-5, 6-10, ...), up to the highest band held: how a
    team's caseloads spread, without naming or ranking anyone."""
    held = [n for n in caseloads if n > 0]
    if not held:
        return []
    bands = []
    top = max(held)
    low = 1
    while low <= top:
        high = low + width - 1
        bands.append((f"{low} to {high}", sum(1 for n in held if low <= n <= high)))
        low = high + 1
    return bands
