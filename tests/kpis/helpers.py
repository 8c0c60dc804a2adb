"""Build tiny Annex A tables by hand and run KPIs over them.

    tables = {3: [{"child_id": "1", "referral_date": date(2025, 1, 5), "allocated_team": "North"}]}
    fig = run_kpi(tables, "referrals", date(2025, 1, 1), date(2025, 3, 31))
    assert (fig.value, fig.numerator, fig.denominator) == (1, 1, None)

Columns left out of a row are None; every column of the list's schema exists, typed by its kind.
"""

import pyarrow as pa

from triangulate.datasets.parsers.annex_a.schema import LISTS
from triangulate.kpis.engine import Engine
from triangulate.kpis.periods import Period

ARROW_TYPES = {"id": pa.string(), "text": pa.string(), "code": pa.string(), "yesno": pa.string(),
               "date": pa.date32(), "int": pa.int64()}


def table(list_number, rows):
    spec = LISTS[list_number]
    fields = [pa.field(c.key, ARROW_TYPES[c.kind]) for c in spec.columns] + [pa.field("source_row", pa.int64())]
    data = {c.key: [row.get(c.key) for row in rows] for c in spec.columns}
    data["source_row"] = list(range(2, len(rows) + 2))
    return pa.table(data, schema=pa.schema(fields))


def engine(tables, population=10_000, settings=None):
    return Engine({n: table(n, rows) for n, rows in tables.items()}, population=population, settings=settings)


def run_kpi(tables, kpi_id, start, end, population=10_000, settings=None):
    """The Figure for one KPI over one period."""
    return engine(tables, population, settings).run([Period(start, end)], kpi_ids=[kpi_id]).kpis[kpi_id][0]


def run_by_team(tables, kpi_id, start, end, population=10_000, settings=None):
    """{team: Figure} for one KPI over one period."""
    results = engine(tables, population, settings).run([Period(start, end)], kpi_ids=[kpi_id], by="team")
    return {team: kpis[kpi_id][0] for team, kpis in results.by_team.items()}, results.kpis[kpi_id][0]


def children(tables, kpi_id, start, end, settings=None):
    return engine(tables, settings=settings).children(kpi_id, [Period(start, end)], 0)
