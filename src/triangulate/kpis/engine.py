"""Run KPI definitions over Annex A tables for one or many periods, optionally by team.

All periods are computed in one query per KPI (definitions cross-join the periods), so a
24-month series reads the data once per KPI, not once per month.
"""

from dataclasses import dataclass, field

import pyarrow as pa

from .calendar import calendar_table
from .context import KpiContext
from .registry import all_kpis

NO_TEAM = "Unallocated"
_SQL_CACHE = {}  # (query key, settings and table columns) -> DuckDB SQL


def duckdb_session():
    import duckdb
    from sqlframe.duckdb import DuckDBSession, Window
    from sqlframe.duckdb import functions as F

    connection = duckdb.connect()
    return DuckDBSession(conn=connection), F, Window


@dataclass
class Figure:
    value: float | int | None
    numerator: float | int | None
    denominator: float | int | None

    def as_dict(self):
        return {"value": self.value, "numerator": self.numerator, "denominator": self.denominator}


EMPTY = Figure(None, None, None)


@dataclass
class Results:
    periods: list
    population: int | None
    # kpi id -> list of Figure, one per period
    kpis: dict = field(default_factory=dict)
    # team -> kpi id -> list of Figure
    by_team: dict = field(default_factory=dict)

    def at(self, kpi_id, period_index=-1):
        return self.kpis[kpi_id][period_index]


class Engine:
    """Load the tables once; compute any KPIs for any periods."""

    def __init__(self, tables, *, population=None, settings=None, session=None, functions=None, window=None):
        """`session`, `functions` and `window` are a SparkSession with pyspark.sql.functions and Window,
        or (by default) SQLFrame's DuckDB equivalents."""
        if session is None:
            session, functions, window = duckdb_session()
        self.session, self.F, self.Window = session, functions, window
        self.population = population
        self.settings = settings or {}
        self._frames = {n: self._load(f"annex_list_{n}", t) for n, t in tables.items() if t is not None}
        self._calendar = self._load("kpi_calendar", calendar_table())
        self.specs = all_kpis()
        self._prefetched = {}
        self._schema_key = (tuple(sorted(self.settings.items())),
                            tuple((n, tuple(t.schema.names)) for n, t in sorted(tables.items()) if t is not None))

    def _load(self, name, table):
        """Put an Arrow table where the session can read it as a DataFrame."""
        if hasattr(self.session, "_conn"):  # DuckDB: copy into a real table so the catalogue knows its columns
            connection = self.session._conn
            connection.register(f"{name}_arrow", table)
            connection.execute(f'CREATE OR REPLACE TABLE "{name}" AS SELECT * FROM "{name}_arrow"')
            connection.unregister(f"{name}_arrow")
            return self.session.table(name)
        return self.session.createDataFrame(table.to_pylist(), schema=_spark_schema(table.schema))

    def _periods_frame(self, periods):
        rows = [(i, p.start, p.end) for i, p in enumerate(periods)]
        schema = pa.schema([("period_id", pa.int32()), ("start", pa.date32()), ("end", pa.date32())])
        table = pa.Table.from_pylist([dict(zip(("period_id", "start", "end"), r, strict=True)) for r in rows],
                                     schema=schema)
        return self._load("kpi_periods", table)

    def context(self, periods):
        if getattr(self, "_loaded_periods", None) != list(periods):
            self._periods = self._periods_frame(periods)
            self._loaded_periods = list(periods)
        return KpiContext(self.session, self.F, self._frames, self._periods, self._calendar, self.settings)

    def cohort(self, kpi_id, periods):
        """The cohort frame of one KPI (None when a list it needs is missing), distinct children de-duplicated."""
        spec = self.specs[kpi_id]
        if not self._has_lists(spec):
            return None
        ctx = self.context(periods)
        frame = spec.function(ctx)
        if spec.distinct_children:
            frame = self._one_row_per_child(frame)
        return frame

    def _has_lists(self, spec):
        return all(n in self._frames for n in spec.lists)

    def _rows(self, key, build):
        """Collect a DataFrame as dicts. On DuckDB the SQL is generated once per process and reused:
        building it (SQLFrame/sqlglot) costs far more than DuckDB takes to run it, and it depends only on
        the definition, the settings and the tables' columns, never on the data or the periods."""
        connection = getattr(self.session, "_conn", None)
        if connection is None:
            frame = build()
            return None if frame is None else [row.asDict() for row in frame.collect()]
        sql = self._sql(key, build)
        if sql is None:
            return None
        if key in self._prefetched:
            return self._prefetched[key]
        cursor = connection.execute(sql)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]

    def _sql(self, key, build):
        cache_key = (key, self._schema_key)
        if cache_key not in _SQL_CACHE:
            frame = build()  # None: a definition that needs lists this extract lacks
            _SQL_CACHE[cache_key] = None if frame is None else frame.sql(dialect="duckdb", optimize=False,
                                                                          pretty=False)
        return _SQL_CACHE[cache_key]

    def _prefetch(self, specs, periods, by):
        """On DuckDB, run every KPI's aggregate query as one UNION ALL statement: one round trip and one
        plan instead of one per KPI, which matters once the queries themselves take milliseconds."""
        self._prefetched = {}
        connection = getattr(self.session, "_conn", None)
        if connection is None:
            return
        parts, keys = [], []
        for spec in specs:
            if spec.derived or not self._has_lists(spec):
                continue
            wanted = []
            if by == "team":
                wanted.append(("team",))
            if by != "team" or spec.unit not in ("count", "pct"):
                wanted.append(())
            for group in wanted:
                key = ("aggregate", spec.id, group[0] if group else None)
                sql = self._sql(key, self._aggregate(spec, periods, *group))
                if sql is None:
                    continue
                team = "team" if group else "CAST(NULL AS VARCHAR) AS team"
                parts.append(f"SELECT {len(keys)} AS _q, period_id, {team}, n, d, total, mean, median FROM ({sql})")
                keys.append(key)
        if not parts:
            return
        self.context(periods)
        self._prefetched = {key: [] for key in keys}
        cursor = connection.execute(" UNION ALL ".join(parts))
        names = [d[0] for d in cursor.description]
        for values in cursor.fetchall():
            row = dict(zip(names, values, strict=True))
            self._prefetched[keys[row.pop("_q")]].append(row)

    def _aggregate(self, spec, periods, *keys):
        """A builder of the KPI's per-period (and per-`keys`) numerator, denominator, sum, mean and median."""
        F = self.F

        def build():
            frame = self.cohort(spec.id, periods)
            return None if frame is None else frame.groupBy("period_id", *keys).agg(
                F.sum(F.when(F.col("num"), 1).otherwise(0)).alias("n"),
                F.sum(F.when(F.col("den"), 1).otherwise(0)).alias("d"),
                F.sum(F.when(F.col("den"), F.col("val"))).alias("total"),
                F.avg(F.when(F.col("den"), F.col("val"))).alias("mean"),
                F.median(F.when(F.col("den"), F.col("val"))).alias("median"),
            )
        return build

    def _one_row_per_child(self, frame):
        # A child counts once: in numerator rows first, then by team name, so team figures add up to the whole.
        F = self.F
        window = self.Window.partitionBy("period_id", "child_id").orderBy(
            F.col("num").desc(), F.col("den").desc(), F.col("team").asc_nulls_last())
        return frame.withColumn("_rank", F.row_number().over(window)).where(F.col("_rank") == 1).drop("_rank")

    def run(self, periods, kpi_ids=None, by=None):
        kpi_ids = list(kpi_ids or self.specs)
        self._prefetch([self.specs[k] for k in self._in_dependency_order(kpi_ids)], periods, by)
        results = Results(periods=list(periods), population=self.population)
        computed = []  # non-derived KPIs, in order
        for kpi_id in self._in_dependency_order(kpi_ids):
            spec = self.specs[kpi_id]
            if spec.derived:
                continue
            figures, team_figures = self._compute(spec, periods, by)
            results.kpis[kpi_id] = figures
            for team, team_values in team_figures.items():
                results.by_team.setdefault(team, {})[kpi_id] = team_values
            computed.append(kpi_id)
        if by == "team":
            # every team gets every KPI it could have: zero (or an empty cohort), never missing
            for team_kpis in results.by_team.values():
                for kpi_id in computed:
                    if kpi_id not in team_kpis and results.kpis[kpi_id][0] is not EMPTY:
                        team_kpis[kpi_id] = [self._figure(self.specs[kpi_id], 0, 0, None, None, None)] * len(periods)
        for kpi_id in kpi_ids:
            spec = self.specs[kpi_id]
            if spec.derived:
                results.kpis[kpi_id] = self._derive(spec, results.kpis, periods, population=self.population)
                for team_kpis in results.by_team.values():
                    # rates need a team's child population, which Annex A does not give: counts only
                    team_kpis[kpi_id] = self._derive(spec, team_kpis, periods, population=None)
        for kpi_id in list(results.kpis):
            if kpi_id not in kpi_ids:
                del results.kpis[kpi_id]
        for team_kpis in results.by_team.values():
            for kpi_id in list(team_kpis):
                if kpi_id not in kpi_ids:
                    del team_kpis[kpi_id]
        self._prefetched = {}
        return results

    def _in_dependency_order(self, kpi_ids):
        needed = []
        for kpi_id in kpi_ids:
            spec = self.specs[kpi_id]
            for base in (spec.of, spec.per):
                if base and base not in needed:
                    needed.append(base)
            if kpi_id not in needed:
                needed.append(kpi_id)
        return needed

    def _compute(self, spec, periods, by):
        if not self._has_lists(spec):
            return [EMPTY] * len(periods), {}
        self.context(periods)  # load the periods table the cached queries read

        def aggregate(*keys):
            return self._aggregate(spec, periods, *keys)

        def figure(row):
            return self._figure(spec, row["n"] or 0, row["d"] or 0, row["total"], row["mean"], row["median"])

        whole, teams = {}, {}
        if by == "team":
            team_rows = self._rows(("aggregate", spec.id, "team"), aggregate("team"))
            if team_rows is None:
                return [EMPTY] * len(periods), {}
            for row in team_rows:
                team = row["team"] if row["team"] not in (None, "") else NO_TEAM
                teams.setdefault(team, {})[row["period_id"]] = figure(row)
            for team in self._teams():
                teams.setdefault(team, {})
        if by == "team" and spec.unit in ("count", "pct"):
            # counts add up, so the teams give the whole without a second pass over the data
            for period_id in range(len(periods)):
                n = sum((t[period_id].numerator or 0) for t in teams.values() if period_id in t)
                d = sum((t[period_id].denominator or 0) for t in teams.values() if period_id in t)
                whole[period_id] = self._figure(spec, n, d, None, None, None)
        else:  # no breakdown, or means and medians, which do not add up
            whole_rows = self._rows(("aggregate", spec.id, None), aggregate())
            if whole_rows is None:
                return [EMPTY] * len(periods), {}
            for row in whole_rows:
                whole[row["period_id"]] = figure(row)
        zero = self._figure(spec, 0, 0, None, None, None)
        figures = [whole.get(i, zero) for i in range(len(periods))]
        team_figures = {team: [values.get(i, zero) for i in range(len(periods))] for team, values in teams.items()}
        return figures, team_figures

    def _teams(self):
        """Every team named in the lists that carry teams, so each team gets every KPI (zero, not missing)."""
        if not hasattr(self, "_team_names"):
            names = set()
            for frame in self._frames.values():
                if "allocated_team" in frame.columns:
                    names |= {r["allocated_team"] or NO_TEAM for r in frame.select("allocated_team").distinct().collect()}
            self._team_names = sorted(names)
        return self._team_names

    @staticmethod
    def _figure(spec, n, d, total, mean, median):
        if spec.unit == "count":
            return Figure(n, n, None)
        if spec.unit == "pct":
            return Figure(100.0 * n / d if d else None, n, d)
        if spec.unit == "mean":
            return Figure(float(mean) if d and mean is not None else None, float(total) if d and total is not None
                          else None, d)
        if spec.unit == "median":
            return Figure(float(median) if d and median is not None else None, None, d)
        raise ValueError(spec.unit)

    @staticmethod
    def _derive(spec, figures_by_kpi, periods, population):
        base = figures_by_kpi.get(spec.of)
        out = []
        for i, period in enumerate(periods):
            count = base[i].value if base else None
            if spec.unit == "rate":
                if count is None or not population:
                    out.append(Figure(None, count, population))
                    continue
                factor = period.annualisation if spec.annualised else 1.0
                out.append(Figure(count / population * 10_000 * factor, count, population))
            else:  # ratio
                per = figures_by_kpi.get(spec.per)
                per_count = per[i].value if per else None
                value = 100.0 * count / per_count if count is not None and per_count else None
                out.append(Figure(value, count, per_count))
        return out

    def children(self, kpi_id, periods, period_index=-1, team=None):
        """The child ids behind a KPI's numerator and denominator, for drill-down."""
        spec = self.specs[kpi_id]
        if spec.derived:
            kpi_id = spec.of
        frame = self.cohort(kpi_id, periods)
        if frame is None:
            return {"numerator": [], "denominator": []}
        F = self.F
        period_id = period_index % len(periods)
        frame = frame.where(F.col("period_id") == period_id)
        if team is not None:
            frame = frame.where(F.col("team") == team) if team != NO_TEAM else \
                frame.where(F.col("team").isNull() | (F.col("team") == ""))
        rows = frame.select("child_id", "num", "den").collect()
        return {"numerator": sorted({r["child_id"] for r in rows if r["num"]}),
                "denominator": sorted({r["child_id"] for r in rows if r["den"]})}


def _spark_schema(arrow_schema):
    """The Spark schema for an Arrow schema (all-null columns need their types spelled out)."""
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
