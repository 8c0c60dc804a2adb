"""Read whole Annex A columns into typed Arrow arrays: each DISTINCT raw value is normalised once.

Columns repeat (dates, codes, team names): a column is dictionary-encoded (by Arrow for text, as
from a CSV or a workbook column holding only text; by a dict for workbook columns of mixed cell
types), the cell normaliser (normalise.py, or the column's code set) runs once per distinct raw
value, and the results are spread back with ``take``. A CSV cell and a workbook cell holding the
same value therefore give the same value and the same problem.

Child ids are mostly distinct, so a text id column takes a vectorised path first: an id that is one
token (no white space, no dot) of at most ``MAX_TEXT`` characters is already clean, and so is a
whole number written with a trailing ".0" once that is cut; only the remaining cells (blank,
spaced, decimal, too long) go through ``norm_id``. Both paths give what ``norm_id`` gives.
"""

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import codesets
from .normalise import MAX_TEXT, NORMALISERS, norm_age

ARROW_TYPES = {
    "id": pa.string(), "text": pa.string(), "code": pa.string(), "yesno": pa.string(),
    "date": pa.date32(), "int": pa.int64(),
}

# RE2 syntax. Python's str.split() white space is RE2's \s, the Unicode separators \pZ, and these.
_SIMPLE_ID = r"^[^\s\pZ\x{0b}\x{1c}-\x{1f}\x{85}.]+$"
_WHOLE_FLOAT_ID = r"^([+-]?\d+)\.0*$"
_TEXT_CELLS = {str, type(None)}


@dataclass
class ReadColumn:
    values: pa.Array  # the typed column
    indices: np.ndarray  # per cell: its raw value's index in ``distinct`` (-1: read by the id fast path)
    distinct: list  # the distinct raw values
    results: list  # (value, problem) for each distinct raw value


def cell_normaliser(column):
    """The cell normaliser for a schema column."""
    if column.codeset:
        return codesets.normaliser(column.codeset)
    if column.key == "age":
        return norm_age  # ages arrive fractional from some systems; other counts stay strict
    return NORMALISERS[column.kind]


def is_grouped(column):
    """Coded columns report an unknown value once per distinct value, with its count."""
    return bool(column.codeset) or column.kind in ("code", "yesno")


def _encode(cells):
    """(indices as an Arrow int32 array, distinct raw values, their memo keys) for Arrow strings or a list of cells."""
    if isinstance(cells, pa.Array):
        encoded = cells.dictionary_encode(null_encoding="encode")
        distinct = encoded.dictionary.to_pylist()
        return encoded.indices, distinct, distinct
    # Workbook cells: keyed by type too, as True == 1 == 1.0 would share one dict key.
    codes = {}
    indices = [codes.setdefault((cell.__class__, cell), len(codes)) for cell in cells]
    return pa.array(indices, pa.int32()), [cell for _, cell in codes], list(codes)


def _normalise(normaliser, kind, cells, memo):
    indices, distinct, keys = _encode(cells)
    # The same dates and names recur across columns and lists: one result per raw value per read.
    cache = memo.setdefault(normaliser, {})
    results = []
    for memo_key, value in zip(keys, distinct):
        result = cache.get(memo_key)
        if result is None:
            result = cache[memo_key] = normaliser(value)
        results.append(result)
    values = pa.array([value for value, _ in results], ARROW_TYPES[kind]).take(indices)
    return values, indices.to_numpy(zero_copy_only=False), distinct, results


def read_column(column, cells, memo=None):
    """Read one column's cells (Arrow strings from a CSV, or a list of workbook cells).

    ``memo`` ({normaliser: {raw: result}}) is shared by the columns of one read.
    """
    memo = {} if memo is None else memo
    normaliser = cell_normaliser(column)
    if not isinstance(cells, pa.Array) and set(map(type, cells)) <= _TEXT_CELLS:
        cells = pa.array(cells, pa.string())  # a workbook column of text alone: Arrow encodes it faster
    if column.kind == "id" and isinstance(cells, pa.Array) and normaliser is NORMALISERS["id"]:
        return _read_ids(normaliser, cells, memo)
    return ReadColumn(*_normalise(normaliser, column.kind, cells, memo))


def _read_ids(normaliser, cells, memo):
    whole = pc.replace_substring_regex(cells, _WHOLE_FLOAT_ID, r"\1")
    fast = pc.and_(pc.match_substring_regex(whole, _SIMPLE_ID), pc.less_equal(pc.utf8_length(whole), MAX_TEXT))
    fast = pc.fill_null(fast, False)  # a missing (padded) cell is blank: norm_id reads it
    slow = pc.invert(fast)
    indices = np.full(len(cells), -1, dtype=np.int32)
    if not pc.any(slow).as_py():
        return ReadColumn(whole, indices, [], [])
    slow_values, slow_indices, distinct, results = _normalise(normaliser, "id", cells.filter(slow), memo)
    indices[np.flatnonzero(slow.to_numpy(zero_copy_only=False))] = slow_indices
    return ReadColumn(pc.replace_with_mask(whole, slow, slow_values), indices, distinct, results)


def unreadable_column(masks, length):
    """The ``_unreadable`` column: "|key1|key2|" naming the columns whose cell could not be read, else null.

    ``masks`` is [(key, numpy bool array)] for the columns that have any unreadable cell.
    """
    if not masks:
        return pa.nulls(length, pa.string())
    parts = [pc.if_else(pa.array(mask), f"{key}|", "") for key, mask in masks]
    joined = pc.binary_join_element_wise("|", *parts, "")
    any_bad = np.logical_or.reduce([mask for _, mask in masks])
    return pc.if_else(pa.array(any_bad), joined, pa.scalar(None, pa.string()))
