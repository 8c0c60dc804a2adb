"""The engine's input: Annex A tables made complete, so a KPI's SQL never depends on the data.

Contract A (issue 6): each list's table carries every column of its schema (a column absent from the file
is all null and named in the schema metadata `triangulate:absent`), `source_row` and `_unreadable`.
Tables built by hand (tests) may lack columns, `_unreadable` or the metadata: a column they lack is
added, all null, and is *not* absent (nothing is absent without the metadata). Columns outside the
schema are dropped; the rest are cast to their schema type. A list the extract does not have becomes an
empty table of the same shape, so the engine can still run one query over all lists.
"""

import json

import pyarrow as pa

from triangulate.datasets.parsers.annex_a.columns import ARROW_TYPES
from triangulate.datasets.parsers.annex_a.schema import LISTS

from .calendar import FIRST_YEAR, LAST_YEAR, bank_holidays

ABSENT_KEY = b"triangulate:absent"
EXTRA = (("source_row", pa.int64()), ("_unreadable", pa.string()))


def layout(number):
    """(name, Arrow type) of every column of list `number`'s complete table, in order."""
    return tuple((c.key, ARROW_TYPES[c.kind]) for c in LISTS[number].columns) + EXTRA


def signature():
    """Every list's complete layout as text: part of the query cache's key."""
    return ";".join(f"{n}:" + ",".join(f"{name} {t}" for name, t in layout(n)) for n in sorted(LISTS))


def table_name(number):
    return f"annex_list_{number}"


def absent_keys(table):
    """The schema keys the reader marked absent from the file (none when the metadata is missing)."""
    metadata = table.schema.metadata or {}
    raw = metadata.get(ABSENT_KEY)
    if not raw:
        return set()
    try:
        keys = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise ValueError(f"table metadata {ABSENT_KEY.decode()} is not a JSON list of column keys") from error
    if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
        raise ValueError(f"table metadata {ABSENT_KEY.decode()} is not a JSON list of column keys")
    return set(keys)


def complete(number, table=None):
    """List `number` with exactly the columns of `layout(number)`; an empty table when `table` is None."""
    rows = 0 if table is None else table.num_rows
    names = set() if table is None else set(table.column_names)
    columns, fields = [], []
    for name, arrow in layout(number):
        if name in names:
            column = table.column(name)
            if column.type != arrow:
                try:
                    column = column.cast(arrow)
                except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as error:
                    raise ValueError(f"List {number}: column {name} holds {column.type}, not {arrow}") from error
        else:
            column = pa.nulls(rows, arrow)
        columns.append(column)
        fields.append(pa.field(name, arrow))
    return pa.Table.from_arrays(columns, schema=pa.schema(fields))


# wd_index counts working days (Monday-Friday, not a bank holiday) up to and including each day
_CALENDAR_SQL = f"""
CREATE TABLE kpi_calendar AS
SELECT CAST(t.d AS DATE) AS "day",
       CAST(SUM(CASE WHEN isodow(t.d) <= 5 AND h."day" IS NULL THEN 1 ELSE 0 END)
            OVER (ORDER BY t.d) AS INTEGER) AS wd_index
FROM range(TIMESTAMP '{FIRST_YEAR}-01-01', TIMESTAMP '{LAST_YEAR + 1}-01-01', INTERVAL 1 DAY) AS t(d)
LEFT JOIN (SELECT DISTINCT CAST(unnest(?::VARCHAR[]) AS DATE) AS "day") AS h ON h."day" = CAST(t.d AS DATE)
ORDER BY 1
"""


def duckdb_tables(tables):
    """A new DuckDB connection holding the complete `tables` (annex_list_N), the working-day calendar
    (kpi_calendar) and an empty kpi_periods: what every KPI's SQL reads, by these names."""
    import duckdb

    connection = duckdb.connect()
    for number, table in tables.items():
        name = table_name(number)
        # a real table, not a view of the Arrow data: the 50-odd KPI queries each scan it
        connection.register(f"{name}_arrow", table)
        connection.execute(f'CREATE TABLE "{name}" AS SELECT * FROM "{name}_arrow"')
        connection.unregister(f"{name}_arrow")
    connection.execute(_CALENDAR_SQL, [[d.isoformat() for d in sorted(bank_holidays())]])
    connection.execute('CREATE TABLE kpi_periods (period_id INTEGER, "start" DATE, "end" DATE)')
    return connection
