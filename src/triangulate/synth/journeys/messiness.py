"""How each list is written: headings and cell columns, clean or messy.

A clean extract uses schema.py's exact headings, bare codes, real date cells (xlsx) or ISO dates (CSV).
A messy one (deterministic for its seed) looks like councils' files do: labelled codes ("a) Yes",
"N1 - Abuse or Neglect", "V2: Single period of ..."), "Y"/"N" in one column, stray spaces and
non-breaking spaces in team and worker names, a few impossible dates ("31/02/2024", "unknown"),
dd/mm/yyyy dates in CSV, Excel serial numbers and dd/mm/yyyy text in some xlsx sheets, headings
renamed to aliases schema.py accepts or re-cased, and child ids written as numbers in list 1.

Each prepared column is (kind, values): kind "date" (day numbers, written as real date cells),
"num" (numbers) or "str"; values are Python lists with None for blanks.
"""

from datetime import timedelta

import numpy as np

from triangulate.datasets.parsers.annex_a.schema import LISTS

from . import codes
from .base import EPOCH

EXCEL_EPOCH_OFFSET = 25569  # Excel serial of 1970-01-01

# list -> {key: new heading}; every new heading is one that schema.py matches (alias or case/spacing)
RENAMED = {
    1: {"date_of_birth": "DOB"},
    3: {"referral_nfa": "Referral NFA", "referral_date": "Referral Date"},
    4: {"assessment_start": "Assessment Start Date"},
    5: {"icpc_date": "ICPC Date"},
    8: {"allocated_worker": "Allocated Social Worker", "legal_status": "Legal Status"},
    9: {"personal_adviser": "Allocated Personal Adviser"},
}
UPPER_CASE_HEADINGS = 2  # list whose headings are all upper case
SERIAL_DATE_LIST = 6  # xlsx: dates written as plain Excel serial numbers
TEXT_DATE_LIST = 7  # xlsx: dates written as dd/mm/yyyy text
NUMERIC_ID_LIST = 1  # child ids written as numbers
YN_COLUMN = (7, "seen_alone")  # written Y / N
INVALID_DATES = ((6, "last_seen", "31/02/2024"), (8, "last_dental_check", "unknown"),
                 (4, "assessment_authorised", "31/02/2024"), (7, "last_visit", "unknown"))
NBSP = "\u00a0"


def _dmy(days):
    return [None if d is None else (EPOCH + timedelta(days=d)).strftime("%d/%m/%Y") for d in days]


def _iso(days):
    return [None if d is None else (EPOCH + timedelta(days=d)).isoformat() for d in days]


def _day_numbers(col):
    return col.cast("int32").to_pylist()


def clean_columns(table, number, fmt):
    spec = LISTS[number]
    out = []
    for col in spec.columns:
        arr = table.column(col.key)
        if col.kind == "date":
            days = _day_numbers(arr)
            out.append(("date", days) if fmt == "xlsx" else ("str", _iso(days)))
        elif col.kind == "int":
            out.append(("num", arr.to_pylist()))
        else:
            out.append(("str", arr.to_pylist()))
    return [c.heading for c in spec.columns], out


def _label(values, codeset):
    labels = codeset.labels
    return [None if v is None else labels.get(v, v) for v in values]


def messy_columns(table, number, fmt, rng, log):
    spec = LISTS[number]
    headings, out = [], []
    n = table.num_rows
    for col in spec.columns:
        heading = RENAMED.get(number, {}).get(col.key, col.heading)
        if number == UPPER_CASE_HEADINGS:
            heading = heading.upper()
        if heading != col.heading:
            log["renamed"].append((number, col.heading, heading))
        headings.append(heading)
        arr = table.column(col.key)
        if col.kind == "date":
            days = _day_numbers(arr)
            if fmt == "csv" or number == TEXT_DATE_LIST:
                kind, values = "str", _dmy(days)
            elif number == SERIAL_DATE_LIST:
                kind, values = "num", [None if d is None else d + EXCEL_EPOCH_OFFSET for d in days]
            else:
                kind, values = "date", days
            for lst, key, bad in INVALID_DATES:
                if lst == number and key == col.key and n:
                    present = [i for i, v in enumerate(values) if v is not None]
                    k = max(1, min(len(present) // 500, 5))
                    for i in rng.choice(present, size=min(k, len(present)), replace=False) if present else ():
                        values[int(i)] = bad
                        # plain serial numbers stay plain; real date cells gain a few text cells
                        kind = {"num": "mixed_num", "date": "mixed"}.get(kind, kind)
                        log["invalid_dates"].append((number, int(i) + 2, heading, bad))
            out.append((kind, values))
        elif col.kind == "int":
            out.append(("num", arr.to_pylist()))
        elif col.kind == "id":
            values = arr.to_pylist()
            if number == NUMERIC_ID_LIST and col.key == "child_id":
                if fmt == "csv":
                    out.append(("str", [None if v is None else f"{int(v)}.0" for v in values]))
                else:
                    out.append(("num", [None if v is None else int(v) for v in values]))
                log["numeric_ids"].append(number)
            else:
                out.append(("str", values))
        elif col.kind == "yesno":
            values = arr.to_pylist()
            if (number, col.key) == YN_COLUMN:
                values = [None if v is None else {"Yes": "Y", "No": "N"}.get(v, v) for v in values]
                log["labelled"].append((number, col.key, "Y/N"))
            elif rng.random() < 0.75 or number == 3:
                values = _label(values, codes.YESNO)
                log["labelled"].append((number, col.key, "a) Yes"))
            out.append(("str", values))
        elif col.kind == "code":
            values = arr.to_pylist()
            codeset = codes.LABELS.get(col.key)
            if codeset is not None and (rng.random() < 0.8 or number in (1, 8)):
                values = _label(values, codeset)
                log["labelled"].append((number, col.key, "label"))
            out.append(("str", values))
        else:
            values = arr.to_pylist()
            if col.key in ("allocated_team", "allocated_worker", "personal_adviser") and n:
                values = _spaces(values, rng, log, number, heading)
            out.append(("str", values))
    return headings, out


def _spaces(values, rng, log, number, heading):
    u = rng.random(len(values))
    out = list(values)
    for i in np.flatnonzero(u < 0.09):
        v = out[i]
        if v is None:
            continue
        x = u[i]
        if x < 0.03:
            out[i] = v + " "
        elif x < 0.05:
            out[i] = " " + v
        elif x < 0.07:
            out[i] = v.replace(" ", NBSP, 1)
        else:
            out[i] = v + NBSP
        log["spaces"].append((number, int(i) + 2, heading, out[i]))
    return out


def prepare(tables, fmt, messy, seed):
    """{list: (headings, columns)} and a log of the messiness injected (empty when clean)."""
    rng = np.random.default_rng(seed)
    log = {"renamed": [], "invalid_dates": [], "labelled": [], "spaces": [], "numeric_ids": []}
    out = {}
    for number in sorted(tables):
        if messy:
            out[number] = messy_columns(tables[number], number, fmt, rng, log)
        else:
            out[number] = clean_columns(tables[number], number, fmt)
    return out, log
