"""The DuckDB runner: load Annex A tables once, and run KPI definitions over them for one or many
periods, optionally by team. What the figures mean (which KPIs an extract can give, how aggregates
become figures, rates and ratios, the kpis.md rules) is in figures.py; this module only runs queries.

All periods are computed in one query per KPI (definitions cross-join the periods), so a 24-month
series reads the data once per KPI. On DuckDB the KPIs' aggregate queries go to DuckDB a few to a
statement, statements side by side, and their SQL comes from the disk cache (sqlcache.py): SQLFrame
is imported only to build it. On Spark (the conformance test) each query is its own job.
"""

from triangulate.datasets.parsers.annex_a.schema import LISTS

from .figures import EMPTY, NO_TEAM, Availability, Figure, Results, RunPlan
from .registry import all_kpis
from .tables import absent_keys, complete, duckdb_tables, table_name

# the meaning of the figures, importable from here as before
__all__ = ["EMPTY", "NO_TEAM", "Engine", "Figure", "Results", "warm_cache"]
_PER_STATEMENT = 8  # KPI queries per DuckDB statement (measured: 94 queries in one statement plan 3x slower)
_THREADS = 4


class Engine:
    """Load the tables once; compute any KPIs for any periods."""

    def __init__(self, tables, *, population=None, settings=None, session=None, functions=None, window=None):
        """`tables`: list number -> pyarrow Table (the reader's, or hand-built). `session`, `functions` and
        `window` are a SparkSession with pyspark.sql.functions and Window; by default DuckDB is used."""
        self.population = population
        self.settings = dict(settings or {})
        self.specs = all_kpis()
        given = {n: t for n, t in tables.items() if t is not None and n in LISTS}
        self.availability = Availability(self.specs, given,
                                         ((n, key) for n, t in given.items() for key in absent_keys(t)))
        self._tables = {n: complete(n, given.get(n)) for n in LISTS}
        self._periods = None
        self._spark = None if session is None else (session, functions, window)
        self._spark_frames = {}  # Spark: the tables' DataFrames, made on first use
        self._duckdb_context = None  # DuckDB: SQLFrame's frames over this engine's tables, made on first use
        self._connection = duckdb_tables(self._tables) if session is None else None

    # --- loading ---

    def _set_periods(self, periods):
        periods = list(periods)
        if periods == self._periods:
            return
        if self._connection is not None:
            self._connection.execute("DELETE FROM kpi_periods")
            if periods:
                self._connection.executemany("INSERT INTO kpi_periods VALUES (?, ?, ?)",
                                             [(i, p.start, p.end) for i, p in enumerate(periods)])
        self._periods = periods

    def context(self, periods):
        """A KpiContext for `periods` (imports SQLFrame on DuckDB), and the Window class to go with it."""
        self._set_periods(periods)
        if self._connection is not None:
            return self._duckdb()
        from .frames import spark_context

        return spark_context(self._spark, self._tables, self._spark_frames, self._periods, self.settings)

    def _duckdb(self):
        """SQLFrame's context over this engine's DuckDB tables (made once: it registers functions on the
        connection, which a second session on the same connection would clash with)."""
        if self._duckdb_context is None:
            from .frames import duckdb_context

            self._duckdb_context = duckdb_context(self._connection, self.settings)
        return self._duckdb_context

    # --- running ---

    def run(self, periods, kpi_ids=None, by=None):
        plan = RunPlan(self.specs, self.availability, periods, kpi_ids, by, self.population)
        self._set_periods(plan.periods)
        rows = self._fetch(plan.queries())
        return plan.results(rows, self._teams() if by == "team" else ())

    def _fetch(self, wanted):
        """{(kpi id, group): aggregate rows} for every (spec, group) in `wanted`."""
        if not wanted:
            return {}
        if self._connection is None:  # Spark: one job per query
            from .frames import aggregate

            ctx, window = self.context(self._periods)
            return {(spec.id, group): [row.asDict() for row in aggregate(ctx, window, spec, group).collect()]
                    for spec, group in wanted}
        from .frames import entry_key

        entries = self._sql_entries()
        parts = []
        for q, (spec, group) in enumerate(wanted):
            team = '"team"' if group else 'CAST(NULL AS VARCHAR) AS "team"'
            parts.append(f"SELECT {q} AS _q, period_id, {team}, n, d, x, total, mean, median "
                         f"FROM ({entries[entry_key(spec.id, group)]})")
        # A few queries per statement (UNION ALL): one round trip and plan instead of one per KPI, which
        # matters once the queries take milliseconds; but DuckDB plans one huge statement slower than
        # several smaller ones, and statements on their own cursors run side by side on every core.
        statements = [" UNION ALL ".join(parts[i:i + _PER_STATEMENT]) for i in range(0, len(parts), _PER_STATEMENT)]

        def execute(sql):
            cursor = self._connection.cursor().execute(sql)
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]

        if len(statements) == 1:
            results = [execute(statements[0])]
        else:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(max_workers=min(len(statements), _THREADS)) as pool:
                results = list(pool.map(execute, statements))
        out = {(spec.id, group): [] for spec, group in wanted}
        for rows in results:
            for row in rows:
                spec, group = wanted[row.pop("_q")]
                out[(spec.id, group)].append(row)
        return out

    def _sql_entries(self):
        """Every KPI's SQL: from the disk cache, or built (SQLFrame) and cached."""
        from . import sqlcache
        from .frames import build_sql, wanted_entries

        entries = sqlcache.load(self.settings, wanted_entries(self.specs))
        if entries is None:
            entries = build_sql(*self._duckdb(), self.specs)
            sqlcache.save(self.settings, entries)
        return entries

    def _teams(self):
        """Every team named in the lists that carry teams (3-9), so each team gets every KPI (zero, not missing)."""
        lists = [n for n in sorted(self.availability.present) if 3 <= n <= 9]
        if not lists:
            return []
        if self._connection is not None:
            sql = " UNION ".join(f'SELECT DISTINCT allocated_team FROM "{table_name(n)}"' for n in lists)
            values = {row[0] for row in self._connection.execute(sql).fetchall()}
        else:
            values = {v for n in lists for v in self._tables[n].column("allocated_team").unique().to_pylist()}
        return sorted({v if v not in (None, "") else NO_TEAM for v in values})

    # --- drill-down ---

    def cohort(self, kpi_id, periods):
        """The cohort frame of one KPI (None when it is null), distinct children de-duplicated."""
        spec = self.specs[kpi_id]
        if self.availability.null(spec):
            return None
        from .frames import cohort

        ctx, window = self.context(periods)
        return cohort(ctx, window, spec)

    def children(self, kpi_id, periods, period_index=-1, team=None):
        """The child ids behind a KPI's numerator and denominator, for drill-down (kpis/children.py lists
        the rows themselves, with the dates that decided them)."""
        spec = self.specs[kpi_id]
        rows = self.cohort_rows(spec.of if spec.derived else kpi_id, periods, period_index) or []
        if team is not None:
            rows = [r for r in rows if (r["team"] in (None, "") if team == NO_TEAM else r["team"] == team)]
        return {"numerator": sorted({r["child_id"] for r in rows if r["num"]}),
                "denominator": sorted({r["child_id"] for r in rows if r["den"]})}

    COHORT_COLUMNS = ("period_id", "child_id", "team", "worker", "num", "den", "val", "excl")

    def cohort_sql(self, kpi_id, columns=()):
        """The DuckDB SQL of one KPI's cohort frame (every period), each row also carrying the Annex A
        `columns` where the definition's rows have them (KpiContext.detail). Built through SQLFrame, so
        a caller that asks often keeps it (kpis/children.py does, on disk)."""
        from .frames import cohort

        ctx, window = self._duckdb()
        ctx.detail = tuple(columns)
        try:
            frame = cohort(ctx, window, self.specs[kpi_id])
        finally:
            ctx.detail = ()
        carried = [c for c in columns if c in frame.columns]
        return frame.select(*self.COHORT_COLUMNS, *carried).sql(dialect="duckdb", optimize=False, pretty=False)

    def cohort_rows(self, kpi_id, periods, period_index=-1, columns=(), sql=None):
        """The rows of one non-derived KPI's cohort in one period that are in its numerator, denominator
        or `excluded`, as dicts (COHORT_COLUMNS and those of `columns` the frame carries); None when the
        KPI is null. `sql`: cohort_sql's text for these columns, when the caller kept it."""
        spec = self.specs[kpi_id]
        if self.availability.null(spec):
            return None
        period_id = period_index % len(periods)
        if self._connection is None:  # Spark
            ctx, window = self.context(periods)
            ctx.detail = tuple(columns)
            try:
                from .frames import cohort

                frame = cohort(ctx, window, spec)
            finally:
                ctx.detail = ()
            F = ctx.F
            frame = frame.where((F.col("period_id") == period_id) & (F.col("num") | F.col("den") | F.col("excl")))
            carried = [c for c in columns if c in frame.columns]
            return [row.asDict() for row in frame.select(*self.COHORT_COLUMNS, *carried).collect()]
        self._set_periods(periods)
        sql = sql or self.cohort_sql(kpi_id, columns)
        # on this engine's own connection, whatever SQLFrame's session is bound to by now
        cursor = self._connection.cursor().execute(
            f"SELECT * FROM ({sql}) WHERE period_id = ? AND (num OR den OR excl)", [period_id])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]


def warm_cache(settings=None):
    """Build (or check) the disk cache of every KPI's SQL for `settings`; returns the cache file's path."""
    from . import sqlcache

    Engine({}, settings=settings)._sql_entries()
    return sqlcache.path(settings)
