"""What workforce derives from each imported extract (design §2.1): who holds which case on the extract's date,
registered with datasets/derived.py in WorkforceConfig.ready (datasets sits below workforce).

`compute` runs in the import's child process (no database): it reads lists 4-9 a batch at a time, keeping only
the rows open at the extract date, and returns a `Derived` of small tuples, one per allocated case:

    (child_ref, kind, worker, team, court, missing, disability, out_of_area, sibling)

Which rows are cases (design §2.1; the Annex A lists as datasets' schema numbers them: assessments are list 4,
section 47 enquiries list 5):
- `assessment`: list 4, started by the extract date and not authorised by it;
- `s47`: list 5, started in the 30 days to the extract date, no initial conference held by it, and not recorded
  as needing none (an enquiry that ended without a conference is no longer work);
- `cin`, `cp`, `cla`: lists 6, 7, 8 open at the extract date exactly as kpis' `open_at_end` judges it
  (kpis/timescales.py `_placed`, its Python twin), short breaks included, so a worker's caseload is the one
  `avg_caseload` counts; a row that cannot be placed (no start date, an unreadable end) is no case, as the KPI
  leaves it out;
- `care_leaver`: every list 9 row; the Allocated Personal Advisor is the worker.
Worker and team are tidied (trimmed, single spaces); an empty worker makes an unallocated case (worker "").
A list lacking its worker column gives no cases (they would all look unallocated) and is named in
`unknown_flags` under its kind; when that makes `avg_caseload` null (a present list of 6-8 without its worker
or dates, or none of the three), `unknown_flags["caseload"]` says why, and the pages show no caseload figure.

Flags are the child's, read from the rows that carry them (True beats unknown beats False): `court` (an open
list 8 row under an interim care order, C1 — live proceedings; the case status code set names none, so
list 6 cannot say), `missing` (an open list 8 row with missing episodes in 12 months > 0), `out_of_area` (an
open list 8 row placed out of the LA area), `disability` ("Yes" on any row of any list 4-10). A child with no
row carrying the flag is False when the extract has the column, so a child not in care was not missing from
care. A column the extract lacks makes the flag None, never False (design decision 3), and is named in
`unknown_flags`; an unreadable cell makes the child's flag None unless another row says True. A blank or
"Unknown" disability is not "Yes": False.

`sibling`: the child and another child held by the same worker share a list 10 "Family identifier" (Annex A
names families nowhere else). It is False, not unknown, where no family is known: the scheme's sibling modifier
lightens a case (a second child of one family is less work), so not knowing can only make a case look heavier,
never lighter (decision 3's point); the scheme page says siblings are weighed only where the extract names families.
"""

from dataclasses import dataclass, field
from datetime import timedelta

import pyarrow as pa
import pyarrow.compute as pc

from triangulate.datasets.parsers.annex_a.schema import LISTS
from triangulate.kpis.tables import absent_keys
from triangulate.kpis.timescales import _placed  # kpis' open_at_end in Python: the same "open"

from .models import AllocatedCase, CaseKind, CaseloadSnapshot

S47_DAYS = 30
# an interim care order (C1): care proceedings are under way. A full care order (C2) or a placement order (E1)
# means they have ended, so it is no court work (the weighting's "court or PLO" is live proceedings).
COURT_STATUSES = ("C1",)
BATCH = 20_000  # rows turned into Python at a time: the child process never holds a whole list as dicts

# list -> (kind, start column, end column) of the lists whose open rows are cases
EPISODES = {4: (CaseKind.ASSESSMENT, "assessment_start", "assessment_authorised"),
            6: (CaseKind.CIN, "cin_start", "cin_closure"),
            7: (CaseKind.CP, "cp_start", "cp_end"),
            8: (CaseKind.CLA, "cla_start", "cla_end")}
S47_LIST, CARE_LEAVER_LIST = 5, 9
DISABILITY_LISTS = (4, 5, 6, 7, 8, 9, 10)
FLAG_COLUMNS = {"court": "legal_status", "missing": "missing_episodes_12m", "out_of_area": "placement_location"}
BASE = ("child_id", "allocated_team", "allocated_worker", "disability", "_unreadable")
# every column compute reads, per list (the backfill reads only these from a stored extract)
COLUMNS = {4: BASE + ("assessment_start", "assessment_authorised"),
           5: BASE + ("s47_start", "icpc_date", "icpc_unnecessary"),
           6: BASE + ("cin_start", "cin_closure"),
           7: BASE + ("cp_start", "cp_end"),
           8: BASE + ("cla_start", "cla_end", *FLAG_COLUMNS.values()),
           9: BASE + ("personal_adviser",),
           10: ("child_id", "disability", "family_id", "_unreadable")}
CASELOAD_LISTS = (6, 7, 8)


@dataclass
class Derived:
    """compute's result: the cases as tuples (see the module docstring) and what could not be read."""

    cases: list = field(default_factory=list)
    unknown_flags: dict = field(default_factory=dict)


def tidy(value):
    return " ".join(str(value).split()) if value is not None else ""


def present(table, key):
    """The extract has `key` in this list (the reader null-fills an absent column and names it absent)."""
    return table is not None and key in table.column_names and key not in absent_keys(table)


def heading(number, key):
    return LISTS[number].column(key).heading


def _unreadable(row, key):
    return f"|{key}|" in (row.get("_unreadable") or "")


def _rows(table, keys, keep=None):
    """The rows of `table` as dicts of `keys` (those it has), `keep` (a pyarrow filter) first."""
    names = [k for k in keys if k in table.column_names]
    table = table.select(names)
    if keep is not None:
        table = table.filter(keep(table))
    for batch in table.to_batches(max_chunksize=BATCH):
        yield from batch.to_pylist()


def _not_ended(end, at):
    """Rows whose end is blank or after `at`: every other row is closed for good (most of a year's extract)."""
    def keep(table):
        column = table.column(end)
        return pc.or_kleene(pc.is_null(column), pc.greater(column, pa.scalar(at, pa.date32())))
    return keep


def _merge(flags, child, value):
    """A child's flag: True beats None (unknown) beats False."""
    before = flags.get(child, False)
    if before is True or value is False:
        return
    flags[child] = value if before is False else (True if value is True else None)


def compute(tables, extract_date, population=None):
    at = extract_date
    derived = Derived()
    unknown = derived.unknown_flags
    disabled, care = _disability(tables, unknown), _care_flags(tables, at, unknown)
    cases = {}

    def add(row, kind, worker, disability_known):
        child = tidy(row.get("child_id"))
        if not child:
            return
        key = (child, str(kind), tidy(worker), tidy(row.get("allocated_team")))  # plain text: small to pickle
        if key in cases:
            return
        if child in disabled:
            disability = True
        elif not disability_known or _unreadable(row, "disability"):
            disability = None
        else:
            disability = False
        court, missing, out_of_area = (care[name][1].get(child, care[name][0]) for name in FLAG_COLUMNS)
        cases[key] = (*key, court, missing, disability, out_of_area)

    for number, (kind, start, end) in EPISODES.items():
        table = tables.get(number)
        if not _readable(table, number, kind, (start, end, "allocated_worker"), unknown):
            continue
        known = present(table, "disability")
        for row in _rows(table, COLUMNS[number], _not_ended(end, at)):
            if _placed(row, start, end, at) == "open":
                add(row, kind, row.get("allocated_worker"), known)
    table = tables.get(S47_LIST)
    needs = ("s47_start", "icpc_date", "allocated_worker")  # "deemed unnecessary" absent: read as blank
    if _readable(table, S47_LIST, CaseKind.S47, needs, unknown):
        since, known = at - timedelta(days=S47_DAYS), present(table, "disability")
        for row in _rows(table, COLUMNS[S47_LIST], _not_ended("icpc_date", at)):
            started = row.get("s47_start")
            if (started is not None and since < started <= at and row.get("icpc_unnecessary") != "Yes"
                    and not _unreadable(row, "icpc_date")):
                add(row, CaseKind.S47, row.get("allocated_worker"), known)
    table = tables.get(CARE_LEAVER_LIST)
    if _readable(table, CARE_LEAVER_LIST, CaseKind.CARE_LEAVER, ("personal_adviser",), unknown):
        known = present(table, "disability")
        for row in _rows(table, COLUMNS[CARE_LEAVER_LIST]):
            add(row, CaseKind.CARE_LEAVER, row.get("personal_adviser"), known)
    _caseload_reason(tables, unknown)
    derived.cases = _with_siblings(list(cases.values()), _families(tables))
    return derived


def _families(tables):
    """{child: family identifier} from list 10, where it has the column."""
    table = tables.get(10)
    if not present(table, "family_id"):
        return {}
    found = {}
    for row in _rows(table, ("child_id", "family_id")):
        child, family = tidy(row.get("child_id")), tidy(row.get("family_id"))
        if child and family:
            found[child] = family
    return found


def _with_siblings(cases, families):
    """Each case with its sibling flag: another child of the same worker has the child's family identifier."""
    children = {}
    for case in cases:
        child, worker = case[0], case[2]
        if worker and child in families:
            children.setdefault((worker, families[child]), set()).add(child)
    return [(*case, bool(case[2]) and len(children.get((case[2], families.get(case[0])), ())) > 1)
            for case in cases]


def _readable(table, number, kind, needs, unknown):
    """Whether list `number` can give its cases; if not, why, under the kind's key."""
    if table is None:
        unknown[str(kind)] = f"The extract has no list {number} ({LISTS[number].topic.lower()})."
        return False
    missing = [heading(number, key) for key in needs if not present(table, key)]
    if missing:
        unknown[str(kind)] = f"List {number} has no {', '.join(missing)} column."
        return False
    return True


def _caseload_reason(tables, unknown):
    """Why avg_caseload is null on this extract, as the engine decides: none of lists 6-8, or one present
    without a column the KPI needs."""
    have = [n for n in CASELOAD_LISTS if tables.get(n) is not None]
    if not have:
        unknown["caseload"] = "The extract has none of lists 6, 7 and 8, so no caseload can be counted."
        return
    for number in have:
        kind = EPISODES[number][0]
        if str(kind) in unknown:
            unknown["caseload"] = (f"{unknown[str(kind)]} Without it the caseloads of list {number}'s workers "
                                   "cannot be counted.")
            return


def _disability(tables, unknown):
    """The children recorded with a disability ("Yes") on any row of lists 4-10."""
    yes, lacking = set(), []
    for number in DISABILITY_LISTS:
        table = tables.get(number)
        if table is None:
            continue
        if not present(table, "disability"):
            lacking.append(str(number))
            continue
        column = table.column("disability")
        ids = table.column("child_id").filter(pc.equal(column, "Yes"))
        yes.update(tidy(value) for value in ids.to_pylist())
    if lacking:
        unknown["disability"] = (f"{'Lists' if len(lacking) > 1 else 'List'} {', '.join(lacking)} "
                                 f"{'have' if len(lacking) > 1 else 'has'} no “{heading(8, 'disability')}” "
                                 "column: the cases there are not marked for disability unless another list is.")
    return yes


def _care_flags(tables, at, unknown):
    """{flag: (the flag of a child on no open list 8 row, {child: True/None/False})} from open list 8 rows."""
    table = tables.get(8)
    flags = {}
    for name, key in FLAG_COLUMNS.items():
        if table is None:
            unknown[name] = "The extract has no list 8 (children in care)."
            flags[name] = (None, {})
        elif not present(table, key):
            unknown[name] = f"List 8 has no “{heading(8, key)}” column."
            flags[name] = (None, {})
        else:
            flags[name] = (False, {})
    readable = [name for name in FLAG_COLUMNS if flags[name][0] is False]
    if not readable:
        return flags
    for row in _rows(table, COLUMNS[8], _not_ended("cla_end", at)):
        if _placed(row, "cla_start", "cla_end", at) != "open":
            continue
        child = tidy(row.get("child_id"))
        for name in readable:
            key = FLAG_COLUMNS[name]
            value = row.get(key)
            if _unreadable(row, key):
                said = None
            elif name == "court":
                said = value in COURT_STATUSES
            elif name == "missing":
                said = value is not None and value > 0
            else:
                said = value == "Out"
            _merge(flags[name][1], child, said)
    return flags


# ---- in the import's transaction ----------------------------------------------------------------------

def _cut(value, field_name):
    return value[:AllocatedCase._meta.get_field(field_name).max_length]


def store(upload, derived):
    """One snapshot for the upload (any earlier one replaced) and its cases."""
    CaseloadSnapshot.objects.filter(upload=upload).delete()
    snapshot = CaseloadSnapshot.objects.create(upload=upload, council_id=upload.council_id, as_at=upload.extract_date,
                                               unknown_flags=derived.unknown_flags)
    AllocatedCase.objects.bulk_create(
        (AllocatedCase(snapshot=snapshot, child_ref=_cut(child, "child_ref"), kind=kind,
                       worker=_cut(worker, "worker"), team=_cut(team, "team"), court=court, missing=missing,
                       disability=disability, out_of_area=out_of_area, sibling=bool(sibling and sibling[0]))
         # a tuple without the sibling flag (made by hand, or before it was derived) is no sibling group
         for child, kind, worker, team, court, missing, disability, out_of_area, *sibling in derived.cases),
        batch_size=2000)
    return snapshot


def discard(upload):
    CaseloadSnapshot.objects.filter(upload=upload).delete()
