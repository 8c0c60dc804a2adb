"""A sheet or CSV file as a heading row and data columns, blank rows left out.

The heading row is the first row with a non-blank cell; a row whose every cell is blank (empty or
only white space) is skipped. Row numbers are the ones a person sees: the sheet's row in Excel, the
record number in a CSV (row 1 is the first record, so the heading is row 1 when it comes first).
"""

from dataclasses import dataclass
from itertools import zip_longest

import numpy as np
import pyarrow.compute as pc

from .normalise import number_text


@dataclass
class Grid:
    headings: list  # the heading row's cells as text, white space runs as one space
    columns: list  # per column of the file: the data rows' cells (an Arrow string array, or a sequence)
    rows: np.ndarray  # each data row's number (int64)

    def column(self, index):
        if index < len(self.columns):
            return self.columns[index]
        return [None] * len(self.rows)  # a heading beyond every data row's last cell


def _heading(cell):
    if cell is None:
        return ""
    text = cell if isinstance(cell, str) else number_text(cell) if isinstance(cell, float) else str(cell)
    return " ".join(text.split())


def _blank(row):
    for cell in row:
        if cell is None or cell == "":
            continue
        if cell.__class__ is str and not cell.strip():
            continue
        return False
    return True


def grid_from_rows(rows, first_row=0):
    """A grid from rows of cells (python-calamine's sheet rows, or csv.reader's records); None if all blank.

    ``first_row``: how many rows come before ``rows[0]`` (calamine's rows start at the first cell with a value).
    """
    start = next((i for i, row in enumerate(rows) if not _blank(row)), None)
    if start is None:
        return None
    kept, numbers = [], []
    for number, row in enumerate(rows[start + 1:], start=start + 2 + first_row):
        if row and not _blank(row):
            kept.append(row)
            numbers.append(number)
    columns = list(zip_longest(*kept))  # transposed; short rows padded with None
    return Grid([_heading(h) for h in rows[start]], columns, np.array(numbers, dtype=np.int64))


def grid_from_table(table):
    """A grid from an Arrow table of string columns read without a heading row; None if all blank."""
    columns = [column.combine_chunks() for column in table.columns]
    length = table.num_rows
    filled = None  # rows with a non-blank cell so far; most rows are settled by their first cell
    for column in columns:
        cell_filled = pc.and_(pc.not_equal(column, ""), pc.invert(pc.utf8_is_space(column)))
        filled = cell_filled if filled is None else pc.or_(filled, cell_filled)
        if pc.all(filled).as_py():
            break
    filled = filled.to_numpy(zero_copy_only=False) if filled is not None else np.zeros(length, dtype=bool)
    if not filled.any():
        return None
    start = int(np.argmax(filled))
    headings = [_heading(column[start].as_py()) for column in columns]
    positions = np.flatnonzero(filled[start + 1:]) + start + 1
    if len(positions) == length - start - 1:
        data = [column.slice(start + 1) for column in columns]  # no blank row: no copy
    else:
        data = [column.take(positions) for column in columns]
    return Grid(headings, data, positions.astype(np.int64) + 1)
