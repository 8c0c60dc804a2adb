"""KPI definitions turned into cohort and aggregate DataFrames, and those into DuckDB SQL.

This is the only module that needs a DataFrame library at run time (SQLFrame for DuckDB, or PySpark).
The engine imports it only when it has to build something: a run whose SQL is in the disk cache
(sqlcache.py) never imports SQLFrame or SQLGlot, which is most of a cold start's cost.
"""

from .context import KpiContext
from .tables import table_name

AGGREGATES = ("n", "d", "x", "total", "mean", "median")


def groups(spec):
    """The groupings the engine runs a non-derived KPI with: the whole council, and teams when it has them."""
    return (None, "team") if spec.by_team else (None,)


def entry_key(kpi_id, group):
    return kpi_id if group is None else f"{kpi_id}|{group}"


def wanted_entries(specs):
    return {entry_key(s.id, g) for s in specs.values() if not s.derived for g in groups(s)}


def cohort(ctx, window, spec):
    """The KPI's cohort frame; for distinct-children KPIs one row per child and period."""
    frame = spec.function(ctx)
    if spec.distinct_children:
        frame = one_row_per_child(ctx.F, window, frame, ctx.detail)
    return frame


def one_row_per_child(F, window, frame, detail=()):
    # A child counts once: its numerator row first, then a denominator row, then an excluded one (a child
    # left out of one row but in the cohort through another is not "excluded"), then by team name, so
    # team figures add up to the whole. Rows still tied (two open episodes in one team) are put in order by
    # worker and then by the columns a child list carries (`detail`): without that, the row kept, and with
    # it the worker, dates and days overdue a list shows for the child, was whichever the engine met first,
    # and DuckDB and Spark kept different ones. The counts and teams are the same whichever is kept.
    tied = [F.col(c).asc_nulls_last() for c in ("worker", *detail) if c in frame.columns]
    order = window.partitionBy("period_id", "child_id").orderBy(
        F.col("num").desc(), F.col("den").desc(), F.col("excl").desc(), F.col("team").asc_nulls_last(), *tied)
    return frame.withColumn("_rank", F.row_number().over(order)).where(F.col("_rank") == 1).drop("_rank")


def aggregate(ctx, window, spec, group=None, frame=None):
    """Per period (and per `group`): numerator rows, denominator rows, excluded rows, and the sum, mean
    and median of val over the denominator. `frame`: the KPI's cohort frame, when already built."""
    F = ctx.F
    frame = cohort(ctx, window, spec) if frame is None else frame
    keys = (group,) if group else ()
    return frame.groupBy("period_id", *keys).agg(
        F.sum(F.when(F.col("num"), 1).otherwise(0)).alias("n"),
        F.sum(F.when(F.col("den"), 1).otherwise(0)).alias("d"),
        F.sum(F.when(F.col("excl"), 1).otherwise(0)).alias("x"),
        F.sum(F.when(F.col("den"), F.col("val"))).alias("total"),
        F.avg(F.when(F.col("den"), F.col("val"))).alias("mean"),
        F.median(F.when(F.col("den"), F.col("val"))).alias("median"),
    )


def duckdb_context(connection, settings):
    """A KpiContext over the engine's DuckDB tables, through SQLFrame; and SQLFrame's Window."""
    from sqlframe.base.session import _BaseSession
    from sqlframe.duckdb import DuckDBSession, Window
    from sqlframe.duckdb import functions as F

    from triangulate.datasets.parsers.annex_a.schema import LISTS

    # SQLFrame keeps one session per process and ignores a later `conn`: start a new one on this
    # engine's connection (each engine has its own tables; an older session stays with its frames, and
    # the engine runs their SQL on its own connection)
    _BaseSession._instance = None
    session = DuckDBSession(conn=connection)
    frames = {n: session.table(table_name(n)) for n in LISTS}
    ctx = KpiContext(session, F, frames, session.table("kpi_periods"), session.table("kpi_calendar"), settings)
    return ctx, Window


def build_sql(ctx, window, specs):
    """{entry key: DuckDB SQL} of every non-derived KPI's aggregate, for each of its groupings, from a
    `duckdb_context`.

    The SQL reads the engine's tables by name (annex_list_N, kpi_periods, kpi_calendar), whose columns
    never change (tables.py), so it depends only on the definitions and the settings."""
    out = {}
    for spec in specs.values():
        if spec.derived:
            continue
        frame = cohort(ctx, window, spec)
        for group in groups(spec):
            sql = aggregate(ctx, window, spec, group, frame).sql(dialect="duckdb", optimize=False, pretty=False)
            out[entry_key(spec.id, group)] = sql
    return out


def spark_context(spark, tables, frames, periods, settings):
    """A KpiContext on Spark: `spark` = (SparkSession, functions, Window); `frames` keeps the tables'
    DataFrames between calls (filled on the first)."""
    import pyarrow as pa

    from .calendar import calendar_table

    session, functions, window = spark
    if not frames:
        frames.update({n: _spark_frame(session, t) for n, t in tables.items()})
        frames["calendar"] = _spark_frame(session, calendar_table())
    rows = pa.table({"period_id": pa.array(range(len(periods)), pa.int32()),
                     "start": pa.array([p.start for p in periods], pa.date32()),
                     "end": pa.array([p.end for p in periods], pa.date32())})
    lists = {n: frame for n, frame in frames.items() if n != "calendar"}
    ctx = KpiContext(session, functions, lists, _spark_frame(session, rows), frames["calendar"], settings)
    return ctx, window


def _spark_frame(session, table):
    return session.createDataFrame(table.to_pylist(), schema=_spark_schema(table.schema))


def _spark_schema(arrow_schema):
    """The Spark schema for an Arrow schema (all-null columns need their types spelled out)."""
    import pyarrow as pa
    from pyspark.sql import types as T

    def spark_type(arrow_type):
        if pa.types.is_date(arrow_type):
            return T.DateType()
        if pa.types.is_integer(arrow_type):
            return T.LongType()
        if pa.types.is_floating(arrow_type):
            return T.DoubleType()
        if pa.types.is_boolean(arrow_type):
            return T.BooleanType()
        return T.StringType()

    return T.StructType([T.StructField(f.name, spark_type(f.type), True) for f in arrow_schema])
