"""The cases a round samples from (design §4.1 steps 1–4, §1.4 datasets, §1.5): read from the latest published
Annex A upload's Parquet tables, lists 6–9, the needed columns only.

One case per child (decision 2) and the team through `TeamNames.resolve`; what cannot be placed or given a team
is counted, never silently lost, so the round page accounts for every child.
"""

from dataclasses import dataclass

import pyarrow.parquet as pq
from django.core.exceptions import ValidationError

from triangulate.datasets import storage
from triangulate.datasets.selectors import latest_published
from triangulate.datasets.teams.selectors import AMBIGUOUS, TeamNames, name_key
from triangulate.people.models import StaffMember

from .sampling import Case, CaseRow, one_case_per_child

# list → (case type, start column, end column); list 9 has no dates (§4.1 step 2).
EPISODES = {6: ("cin", "cin_start", "cin_closure"), 7: ("cp", "cp_start", "cp_end"), 8: ("cla", "cla_start", "cla_end")}
SHORT_BREAKS = ("V3", "V4")  # list 8 short breaks are not cases to audit
LEAVERS_NOT_OPEN = ("Died", "NREQ", "Rhom")  # list 9 "in touch" values that mean the case has ended
STALE_DAYS = 45  # §3.1: warn when the extract is older than this


class TablesGone(ValidationError):
    """The upload's tables are no longer held (retention): nothing can be drawn or recomputed from it."""


@dataclass
class Extract:
    upload: object
    cases: list  # sampling.Case, one per child
    left_out: dict  # no_team, unmapped, ambiguous, unplaceable (a name of no team counts as unmapped)


def latest_upload():
    """§1.4: the latest published upload (SUCCEEDED, latest extract date, then highest id), or None."""
    return latest_published()


def tables_held(upload):
    return upload is not None and any(storage.upload_folder(upload.pk).glob("list_*.parquet"))


def read_extract(upload, council, *, population="open_cases", closed_since=None):
    """The round's cases from `upload`. Raises TablesGone when its tables are no longer held."""
    if not tables_held(upload):
        raise TablesGone("The extract's tables are no longer held, so no sample can be drawn from it. "
                         "Upload a newer Annex A extract, or add children by hand.")
    folder = storage.upload_folder(upload.pk)
    day = upload.extract_date
    closed = population == "closed_cases"
    rows, unplaceable = [], 0
    for number in (6, 7, 8, 9):
        if closed and number == 9:
            continue
        path = folder / f"list_{number}.parquet"
        if not path.exists():
            continue  # a list the extract lacks contributes no cases
        found, lost = _rows_of(number, _read(path), day, closed, closed_since)
        rows += found
        unplaceable += lost
    cases, left_out = _with_teams(one_case_per_child(rows, closed=closed), council)
    left_out["unplaceable"] = unplaceable
    return Extract(upload, cases, left_out)


def _read(path):
    wanted = ("child_id", "allocated_team", "allocated_worker", "personal_adviser", "in_touch", "legal_status",
              "_unreadable", *(column for _t, start, end in EPISODES.values() for column in (start, end)))
    names = set(pq.read_schema(path).names)
    return pq.read_table(path, columns=[c for c in wanted if c in names]).to_pylist()


def _rows_of(number, records, day, closed, closed_since):
    """CaseRows of one list that are open at `day` (or closed in [closed_since, day]), and how many rows could
    not be placed (no child id, no readable start, or an unreadable end)."""
    found, lost = [], 0
    for record in records:
        child = str(record.get("child_id") or "").strip()
        if not child:
            lost += 1
            continue
        team = record.get("allocated_team") or ""
        worker = (record.get("allocated_worker") or "").strip()
        if number == 9:
            if record.get("in_touch") in LEAVERS_NOT_OPEN:
                continue
            adviser = (record.get("personal_adviser") or "").strip()
            found.append(CaseRow(child, "care_leaver", team, adviser or worker))
            continue
        if number == 8 and record.get("legal_status") in SHORT_BREAKS:
            continue
        case_type, start_key, end_key = EPISODES[number]
        start, end = record.get(start_key), record.get(end_key)
        unreadable = record.get("_unreadable") or ""
        if start is None or (end is None and f"|{end_key}|" in unreadable):
            if start is None or start <= day:
                lost += 1
            continue
        if closed:
            keep = end is not None and closed_since <= end <= day
        else:
            keep = start <= day and (end is None or end > day)
        if keep:
            found.append(CaseRow(child, case_type, team, worker, start, end))
    return found, lost


def _with_teams(rows, council):
    names = TeamNames(council)
    cases = []
    left_out = {"no_team": 0, "unmapped": 0, "ambiguous": 0}
    for row in rows:
        if not name_key(row.team_name or ""):
            left_out["no_team"] += 1
            continue
        match = names.resolve(row.team_name)
        if match.team is None:
            left_out["ambiguous" if match.how == AMBIGUOUS else "unmapped"] += 1
            continue
        cases.append(Case(row.child_id, row.case_type, match.team.pk, row.worker_name))
    return cases, left_out


class Workers:
    """§1.5: the extract's worker name → a StaffMember, by staff reference, else by the one staff member in post
    on the extract date with that full name (case and spacing ignored)."""

    def __init__(self, council, day):
        staff = list(StaffMember.objects.filter(council=council))
        self.by_ref = {member.staff_ref.strip(): member for member in staff}
        self.by_name = {}
        for member in staff:
            if member.is_in_post(day):
                self.by_name.setdefault(name_key(member.full_name), []).append(member)

    def match(self, name):
        name = (name or "").strip()
        if not name:
            return None
        if name in self.by_ref:
            return self.by_ref[name]
        matches = self.by_name.get(name_key(name), [])
        return matches[0] if len(matches) == 1 else None
