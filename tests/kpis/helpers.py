"""Build tiny Annex A tables by hand and run KPIs over them.

    tables = {3: [{"child_id": "1", "referral_date": date(2025, 1, 5), "allocated_team": "North"}]}
    fig = run_kpi(tables, "referrals", date(2025, 1, 1), date(2025, 3, 31))
    assert (fig.value, fig.numerator, fig.denominator, fig.excluded) == (1, 1, None, 0)

Columns left out of a row are None; every column of the list's schema exists, typed by its kind.
A row may name the cells the reader could not read: `"_unreadable": ("cla_end",)` (the cell itself is
then None, as the reader leaves it). `absent={8: ["uasc"]}` marks columns absent from the file (all null,
listed in the table's metadata), as the reader does (contract A.4).
"""

import json

import pyarrow as pa

from triangulate.datasets.parsers.annex_a.columns import ARROW_TYPES
from triangulate.datasets.parsers.annex_a.schema import LISTS
from triangulate.kpis.engine import Engine
from triangulate.kpis.periods import Period


def _unreadable(row):
    keys = row.get("_unreadable") or ()
    if isinstance(keys, str):
        keys = (keys,)
    for key in keys:
        assert row.get(key) is None, f"an unreadable cell is None in the table ({key})"
    return "|" + "|".join(keys) + "|" if keys else None


def table(list_number, rows, absent=()):
    spec = LISTS[list_number]
    fields = [pa.field(c.key, ARROW_TYPES[c.kind]) for c in spec.columns]
    fields += [pa.field("source_row", pa.int64()), pa.field("_unreadable", pa.string())]
    data = {c.key: [None if c.key in absent else row.get(c.key) for row in rows] for c in spec.columns}
    data["source_row"] = list(range(2, len(rows) + 2))
    data["_unreadable"] = [_unreadable(row) for row in rows]
    metadata = {b"triangulate:absent": json.dumps(list(absent)).encode()}
    return pa.table(data, schema=pa.schema(fields, metadata=metadata))


def engine(tables, population=10_000, settings=None, absent=None):
    absent = absent or {}
    return Engine({n: table(n, rows, absent.get(n, ())) for n, rows in tables.items()}, population=population,
                  settings=settings)


def run_kpi(tables, kpi_id, start, end, population=10_000, settings=None, absent=None):
    """The Figure for one KPI over one period."""
    results = engine(tables, population, settings, absent).run([Period(start, end)], kpi_ids=[kpi_id])
    return results.kpis[kpi_id][0]


def run_by_team(tables, kpi_id, start, end, population=10_000, settings=None):
    """{team: Figure} for one KPI over one period."""
    results = engine(tables, population, settings).run([Period(start, end)], kpi_ids=[kpi_id], by="team")
    return {team: kpis[kpi_id][0] for team, kpis in results.by_team.items() if kpi_id in kpis}, \
        results.kpis[kpi_id][0]


def children(tables, kpi_id, start, end, settings=None):
    return engine(tables, settings=settings).children(kpi_id, [Period(start, end)], 0)
