"""The catalogue's own promises: each KPI's `needs` names exactly the columns its definition reads."""

import duckdb
import pytest

from triangulate.datasets.parsers.annex_a.schema import LISTS
from triangulate.kpis import frames
from triangulate.kpis.engine import Engine
from triangulate.kpis.registry import all_kpis

SPECS = [s for s in all_kpis().values() if not s.derived]


@pytest.fixture(scope="module")
def workbench():
    """A DuckDB connection with the engine's empty tables, and a function that builds and runs one KPI's
    query over copies of them keeping only the given columns of each list it reads."""
    engine = Engine({})
    connection = engine._connection
    ctx, window = frames.duckdb_context(connection, {})
    full = dict(ctx._tables)
    counter = iter(range(1_000_000))

    def runs(spec, columns):
        """True when the KPI's query builds and runs with list n reduced to columns[n] (+ the row columns)."""
        tables = dict(full)
        for number, keep in columns.items():
            name = f"narrow_{next(counter)}"
            kept = ", ".join(f'"{c}"' for c in (*keep, "source_row", "_unreadable"))
            connection.execute(f'CREATE TABLE "{name}" AS SELECT {kept} FROM "annex_list_{number}"')
            tables[number] = ctx.session.table(name)
        ctx._tables = tables
        try:
            sql = frames.aggregate(ctx, window, spec, "team" if spec.by_team else None).sql(
                dialect="duckdb", optimize=False, pretty=False)
            connection.execute(sql).fetchall()
        except (duckdb.Error, KeyError, ValueError):   # an unknown column, at build or at run time
            return False
        finally:
            ctx._tables = full
        return True

    return runs


def needed(spec):
    lists = set(spec.lists) | {n for n, _ in spec.needs}
    return {n: [key for m, key in spec.needs if m == n] for n in sorted(lists)}


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.id)
def test_needs_names_exactly_the_columns_a_definition_reads(workbench, spec):
    columns = needed(spec)
    assert all(key in {c.key for c in LISTS[n].columns} for n, keys in columns.items() for key in keys)
    # every column outside `needs` can go: the definition builds and runs without any of them
    assert workbench(spec, columns), f"{spec.id} reads a column missing from its needs"
    # and every column in `needs` is read: without it, the definition breaks
    for number, keys in columns.items():
        for key in keys:
            fewer = {**columns, number: [k for k in keys if k != key]}
            assert not workbench(spec, fewer), f"{spec.id} does not read ({number}, {key}) named in its needs"
