"""Turning numpy columns into canonical Annex A pyarrow tables (schema.py keys and kinds)."""

import numpy as np
import pyarrow as pa

from triangulate.datasets.parsers.annex_a.schema import LISTS

from . import codes
from .base import years_between
from .keyed import KeyedRandom, mix_seed, seed_of


class Frame:
    """What every list builder needs: the extract date, the window, the children, and random draws.

    Builders draw through `stable` (facts fixed once they happen: the same in every extract cut from the
    same journeys) or `as_at` (facts as at the extract date, drawn afresh for each extract while the row
    is open, and fixed once it has closed), keyed by the row's index in the simulated journeys."""

    def __init__(self, seed, cal, children, org, extract, extract_day, window_start, story):
        self.seed, self.cal, self.children, self.org, self.story = seed, cal, children, org, story
        self.extract, self.extract_day, self.window_start = extract, extract_day, window_start

    def stable(self, keys, name):
        return KeyedRandom(seed_of(self.seed, name), keys)

    def as_at(self, keys, name, closed=False, every=None):
        """Draws for facts as at the extract date; `closed` rows (finished by then) keep their final draw.

        every: facts that hold for a while (a care leaver's activity, a child's missing episodes in the last
        year) are drawn afresh only every `every` days, each row at its own phase, so a monthly series
        changes a little each month instead of being drawn anew."""
        final = seed_of(self.seed, name)
        if every is None:
            fresh = seed_of(self.seed, name, self.extract_day)
        else:
            keys = np.asarray(keys)
            phase = (KeyedRandom(seed_of(self.seed, name, "phase"), keys).random(len(keys)) * every).astype(np.int64)
            fresh = mix_seed(final, (self.extract_day + phase) // every)
        return KeyedRandom(np.where(closed, final, fresh), keys)

    def generator(self, name):
        """A plain numpy Generator for this extract (for what is drawn anew in each extract as a whole)."""
        return np.random.default_rng([int(seed_of(self.seed, name, self.extract_day))])

    def child_columns(self, child, unknown_disability=0.02):
        ch = self.children
        n = len(child)
        dis = np.where(ch.disabled[child], "Yes", "No").astype(object)
        dis[self.stable(child, "disability").random(n) < unknown_disability] = "Unknown"
        return {
            "child_id": ch.ids[child],
            "gender": codes.GENDER.codes[ch.gender[child]],
            "ethnicity": codes.ETHNICITY.codes[ch.ethnicity[child]],
            "date_of_birth": ch.dob[child],
            "age": years_between(ch.dob[child], self.extract),
            "disability": dis,
        }

    def table(self, number, cols, order=None):
        """A pyarrow table with every column of the list, in schema order. Dates after the extract
        date (including the NEVER sentinel) are null: they have not happened yet."""
        spec = LISTS[number]
        n = len(next(iter(cols.values())))
        if order is not None:
            cols = {k: np.asarray(v)[order] for k, v in cols.items()}
        arrays = {}
        for col in spec.columns:
            v = cols.get(col.key)
            if v is None:
                arrays[col.key] = pa.nulls(n, pa.date32() if col.kind == "date" else
                                           pa.int64() if col.kind == "int" else pa.string())
                continue
            v = np.asarray(v)
            if col.kind == "date":
                v = v.astype(np.int64)
                mask = (v > self.extract_day) | (v < -50000)
                arrays[col.key] = pa.array(np.where(mask, 0, v).astype(np.int32), type=pa.date32(),
                                           mask=mask)
            elif col.kind == "int":
                if v.dtype == object:
                    mask = np.array([x is None for x in v], dtype=bool)
                    v = np.where(mask, 0, v).astype(np.int64)
                    arrays[col.key] = pa.array(v, type=pa.int64(), mask=mask)
                else:
                    arrays[col.key] = pa.array(v.astype(np.int64), type=pa.int64())
            else:
                if v.dtype == bool:
                    v = np.where(v, "Yes", "No").astype(object)
                arrays[col.key] = pa.array(v.astype(object), type=pa.string(), from_pandas=True)
        return pa.table(arrays)


def count_back(child, when, event_child, event_day, days=365):
    """For each (child, when): the child's events with day in [when - days, when]."""
    base = int(min(event_day.min(initial=0), when.min(initial=0))) - days - 1
    span = 1 << 20
    keys = np.sort(event_child.astype(np.int64) * span + (event_day - base))
    key = child.astype(np.int64) * span + (when - base)
    return np.searchsorted(keys, key, side="right") - np.searchsorted(keys, key - days, side="left")


def rank_within(child, day):
    """How many of the same child's earlier events (strictly earlier day) come before each event."""
    order = np.lexsort((day, child))
    c, d = child[order], day[order]
    idx = np.arange(len(c))
    first = np.r_[True, c[1:] != c[:-1]]
    group_start = np.maximum.accumulate(np.where(first, idx, 0))
    # ties on the same day count as not earlier
    same_start = np.r_[True, (c[1:] != c[:-1]) | (d[1:] != d[:-1])]
    tie_start = np.maximum.accumulate(np.where(same_start, idx, 0))
    out = np.empty(len(c), dtype=np.int64)
    out[order] = tie_start - group_start
    return out


def previous_end(child, start, end):
    """For each spell: the end of the same child's previous spell (by start), or a very early day."""
    order = np.lexsort((start, child))
    c, e = child[order], end[order]
    prev = np.r_[-10**7, e[:-1]]
    prev[np.r_[True, c[1:] != c[:-1]]] = -10**7
    out = np.empty(len(c), dtype=np.int64)
    out[order] = prev
    return out
