"""Data-quality issues of an Annex A read, and the error for input that cannot be used at all.

One column's issues (``column_issues``), in row order:
- a cell of a coded column (a code set, or kind code/yesno) that is not blank and not a known value:
  ONE issue per distinct raw value, at the first row it appears on, its problem ending "(N cells)".
  Councils' files repeat a bad label thousands of times; one line each says the same and says it once.
- any other cell that could not be read (a date, a number, text cut to length): one issue per cell.
- a blank cell in a ``needed`` column: one issue per cell (kpis.md: the row is left out of the KPIs
  that need the value, and the person is told).
Each kind is capped at ``MAX_ISSUES_PER_COLUMN`` lines per column, plus one line saying how many more.

An id (kind ``id``: child, family, adopter) that looks like a spreadsheet formula or web markup
(``suspicious_id_issues``) is ONE issue per distinct value, like a coded column's unknown value. The
row and the id are kept as text (an id joins a child's rows across the lists, so dropping or changing
it would lose the child); the issue makes sure nobody meets it unannounced, e.g. in an export opened
in Excel, where "=..." or "@SUM(...)" would run.
"""

import datetime as dt
from dataclasses import asdict, dataclass

import numpy as np
import pyarrow.compute as pc

MAX_ISSUES_PER_COLUMN = 1000
MAX_ISSUE_VALUE = 200
# RE2: a formula's first character (=, +, -, @), markup's angle brackets, or a control character
# (white space is already one plain space in a read id).
SUSPICIOUS_ID = r"^[=+\-@]|[<>]|[\x00-\x1f\x7f]"
SUSPICIOUS_PROBLEM = ("looks like a spreadsheet formula or web markup (starts with =, +, - or @, or holds <, > or a "
                      "control character); kept as text: check this id in the case system")
NEEDED_PROBLEM = "is empty: this row is left out of every KPI that needs this value"


@dataclass
class Issue:
    file: str
    sheet: str | None
    list: int
    row: int | None
    column: str | None
    value: object
    problem: str

    def as_dict(self):
        return asdict(self)


class AnnexAError(Exception):
    """The input cannot be used at all; the message names the file and says what was expected."""


def shown(value):
    """A raw cell as an issue shows it: long text cut, and workbook dates/times as ISO text (JSON-safe)."""
    if isinstance(value, str):
        return value[:MAX_ISSUE_VALUE] + "..." if len(value) > MAX_ISSUE_VALUE else value
    if isinstance(value, (dt.date, dt.time, dt.timedelta)):
        return str(value.isoformat() if hasattr(value, "isoformat") else value)
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return str(value)[:MAX_ISSUE_VALUE]


def _plural(count, word):
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def column_issues(read, column, place, rows, grouped):
    """(issues, unreadable mask or None) for one column read by ``columns.read_column``.

    ``place`` is (file, sheet, list number); ``rows`` the source row number of each cell.
    """
    file, sheet, number = place
    bad_ids = [i for i, (_, problem) in enumerate(read.results) if problem]
    bad = np.isin(read.indices, bad_ids) if bad_ids else None
    issues = []

    def issue(position, value, problem):
        row = None if position is None else int(rows[position])
        return Issue(file, sheet, number, row, column.heading, shown(value), problem)

    if grouped and bad is not None:
        positions = np.flatnonzero(bad)
        ids, first, counts = np.unique(read.indices[positions], return_index=True, return_counts=True)
        order = np.argsort(first, kind="stable")
        for k in order[:MAX_ISSUES_PER_COLUMN]:
            value_id = int(ids[k])
            issues.append(issue(int(positions[first[k]]), read.distinct[value_id],
                                f"{read.results[value_id][1]} ({_plural(int(counts[k]), 'cell')})"))
        if len(order) > MAX_ISSUES_PER_COLUMN:
            rest = order[MAX_ISSUES_PER_COLUMN:]
            issues.append(issue(None, None, f"{len(rest):,} more values in this column could not be read, in "
                                            f"{_plural(int(counts[rest].sum()), 'cell')} (only the first "
                                            f"{MAX_ISSUES_PER_COLUMN} values are listed)"))
    cells = None if grouped else bad
    if column.needed:
        empty = pc.is_null(read.values).to_numpy(zero_copy_only=False)
        if bad is not None:
            empty &= ~bad
        cells = empty if cells is None else cells | empty
    if cells is not None:
        positions = np.flatnonzero(cells)
        for position in positions[:MAX_ISSUES_PER_COLUMN]:
            value_id = int(read.indices[position])
            if bad is not None and bad[position]:
                issues.append(issue(position, read.distinct[value_id], read.results[value_id][1]))
            else:
                issues.append(issue(position, None, NEEDED_PROBLEM))
        if len(positions) > MAX_ISSUES_PER_COLUMN:
            issues.append(issue(None, None, f"{len(positions) - MAX_ISSUES_PER_COLUMN:,} more cells in this column "
                                            f"have problems (only the first {MAX_ISSUES_PER_COLUMN} are listed)"))
    return issues, bad


def suspicious_id_issues(values, column, place, rows):
    """One issue per distinct id in ``values`` (the read column) that looks like a formula or markup."""
    file, sheet, number = place
    flagged = pc.fill_null(pc.match_substring_regex(values, SUSPICIOUS_ID), False)
    positions = np.flatnonzero(flagged.to_numpy(zero_copy_only=False))
    if not len(positions):
        return []
    found = {}  # value -> [first position, cells]
    for position, value in zip(positions.tolist(), values.take(positions).to_pylist()):
        seen = found.setdefault(value, [position, 0])
        seen[1] += 1
    issues = [Issue(file, sheet, number, int(rows[position]), column.heading, shown(value),
                    f"{SUSPICIOUS_PROBLEM} ({_plural(cells, 'cell')})")
              for value, (position, cells) in list(found.items())[:MAX_ISSUES_PER_COLUMN]]
    if len(found) > MAX_ISSUES_PER_COLUMN:
        issues.append(Issue(file, sheet, number, None, column.heading, None,
                            f"{len(found) - MAX_ISSUES_PER_COLUMN:,} more ids in this column look like formulas "
                            f"or markup (only the first {MAX_ISSUES_PER_COLUMN} are listed)"))
    return issues
