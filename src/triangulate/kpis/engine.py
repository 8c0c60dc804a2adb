"""Run KPI definitions over Annex A tables for one or many periods, optionally by team.

All periods are computed in one query per KPI (definitions cross-join the periods), so a 24-month
series reads the data once per KPI. On DuckDB the KPIs' aggregate queries go to DuckDB a few to a
statement, statements side by side, and their SQL comes from the disk cache (sqlcache.py): SQLFrame
is imported only to build it.

kpis.md rules applied here, not in the definitions:
- A KPI whose list is missing, or that needs a column the reader marked absent, is null
  (Figure(None, None, None, None)); each absent column gives ONE issue naming the KPIs it blanks.
- Team breakdowns only for KPIs whose lists carry Allocated Team (`spec.by_team`).
"""

from dataclasses import dataclass, field

from .registry import all_kpis
from .tables import absent_keys, complete, duckdb_tables, table_name

NO_TEAM = "Unallocated"
_PER_STATEMENT = 8  # KPI queries per DuckDB statement (measured: 94 queries in one statement plan 3x slower)
_THREADS = 4


@dataclass
class Figure:
    value: float | int | None
    numerator: float | int | None
    denominator: float | int | None
    # rows (children, for distinct-children KPIs) left out for a missing or unreadable value; None when null
    excluded: int | None = None

    def as_dict(self, excluded=True):
        out = {"value": self.value, "numerator": self.numerator, "denominator": self.denominator}
        if excluded:
            out["excluded"] = self.excluded
        return out


EMPTY = Figure(None, None, None, None)


@dataclass
class Results:
    periods: list
    population: int | None
    # kpi id -> list of Figure, one per period
    kpis: dict = field(default_factory=dict)
    # team -> kpi id -> list of Figure (only KPIs with a team breakdown)
    by_team: dict = field(default_factory=dict)
    # {"list", "row", "column", "problem"}: a needed column absent from a present list
    issues: list = field(default_factory=list)

    def at(self, kpi_id, period_index=-1):
        return self.kpis[kpi_id][period_index]


class Engine:
    """Load the tables once; compute any KPIs for any periods."""

    def __init__(self, tables, *, population=None, settings=None, session=None, functions=None, window=None):
        """`tables`: list number -> pyarrow Table (the reader's, or hand-built). `session`, `functions` and
        `window` are a SparkSession with pyspark.sql.functions and Window; by default DuckDB is used."""
        from triangulate.datasets.parsers.annex_a.schema import LISTS

        self.population = population
        self.settings = dict(settings or {})
        self.specs = all_kpis()
        given = {n: t for n, t in tables.items() if t is not None and n in LISTS}
        self.present = frozenset(given)
        self.absent = frozenset((n, key) for n, t in given.items() for key in absent_keys(t))
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

    # --- which KPIs can be computed ---

    def _has_lists(self, spec):
        if spec.lists:
            return all(n in self.present for n in spec.lists)
        return any(n in self.present for n in spec.lists_read)

    def _blocked(self, spec):
        """The (list, key) columns the KPI needs that the reader marked absent from a present list."""
        if spec.derived:
            return set().union(*(self._blocked(self.specs[k]) for k in (spec.of, spec.per) if k))
        if not self._has_lists(spec):
            return set()  # a missing list: null without an issue
        return {(n, key) for n, key in spec.needs if n in self.present and (n, key) in self.absent}

    def _null(self, spec):
        return not self._has_lists(spec) or bool(self._blocked(spec))

    # --- running ---

    def run(self, periods, kpi_ids=None, by=None):
        periods = list(periods)
        kpi_ids = list(kpi_ids or self.specs)
        order = self._in_dependency_order(kpi_ids)
        self._set_periods(periods)
        count = len(periods)
        results = Results(periods=periods, population=self.population)
        wanted = []
        for kpi_id in order:
            spec = self.specs[kpi_id]
            if spec.derived or self._null(spec):
                continue
            teams = by == "team" and spec.by_team
            if teams:
                wanted.append((spec, "team"))
            if not (teams and spec.unit in ("count", "pct")):  # counts add up from the teams
                wanted.append((spec, None))
        rows = self._fetch(wanted)
        team_names = self._teams() if by == "team" else ()
        for kpi_id in order:
            spec = self.specs[kpi_id]
            if spec.derived:
                continue
            if self._null(spec):
                results.kpis[kpi_id] = [EMPTY] * count
                continue
            whole, teams = self._figures(spec, rows, count, team_names if by == "team" and spec.by_team else None)
            results.kpis[kpi_id] = whole
            for team, figures in teams.items():
                results.by_team.setdefault(team, {})[kpi_id] = figures
        for team_kpis in results.by_team.values():
            # a team seen in one KPI's rows only still gets every other KPI with a breakdown: zero, not missing
            for kpi_id in order:
                spec = self.specs[kpi_id]
                if spec.by_team and not spec.derived and kpi_id not in team_kpis and not self._null(spec):
                    team_kpis[kpi_id] = [self._figure(spec, 0, 0, 0, None, None, None)] * count
        for kpi_id in order:
            spec = self.specs[kpi_id]
            if not spec.derived:
                continue
            results.kpis[kpi_id] = self._derive(spec, results.kpis, periods, self.population)
            if spec.by_team:
                for team_kpis in results.by_team.values():
                    if spec.of in team_kpis and (spec.per is None or spec.per in team_kpis):
                        # rates need a team's child population, which Annex A does not give: counts only
                        team_kpis[kpi_id] = self._derive(spec, team_kpis, periods, population=None)
        for figures in (results.kpis, *results.by_team.values()):
            for kpi_id in [k for k in figures if k not in kpi_ids]:
                del figures[kpi_id]
        results.issues = self._issues(kpi_ids)
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

    def _figures(self, spec, rows, count, team_names):
        def figure(row):
            return self._figure(spec, row["n"] or 0, row["d"] or 0, row["x"] or 0, row["total"], row["mean"],
                                row["median"])

        zero = self._figure(spec, 0, 0, 0, None, None, None)
        teams = {}
        if team_names is not None:
            by_team = {team: {} for team in team_names}
            for row in rows[(spec.id, "team")]:
                team = row["team"] if row["team"] not in (None, "") else NO_TEAM
                by_team.setdefault(team, {})[row["period_id"]] = figure(row)
            teams = {team: [values.get(i, zero) for i in range(count)] for team, values in by_team.items()}
        if team_names is not None and spec.unit in ("count", "pct"):
            # counts add up, so the teams give the whole without a second pass over the data
            whole = [self._figure(spec, *(sum(getattr(t[i], a) or 0 for t in teams.values())
                                          for a in ("numerator", "denominator", "excluded")), None, None, None)
                     for i in range(count)]
        else:  # no breakdown, or means and medians, which do not add up
            by_period = {row["period_id"]: figure(row) for row in rows[(spec.id, None)]}
            whole = [by_period.get(i, zero) for i in range(count)]
        return whole, teams

    def _teams(self):
        """Every team named in the lists that carry teams (3-9), so each team gets every KPI (zero, not missing)."""
        lists = [n for n in sorted(self.present) if 3 <= n <= 9]
        if not lists:
            return []
        if self._connection is not None:
            sql = " UNION ".join(f'SELECT DISTINCT allocated_team FROM "{table_name(n)}"' for n in lists)
            values = {row[0] for row in self._connection.execute(sql).fetchall()}
        else:
            values = {v for n in lists for v in self._tables[n].column("allocated_team").unique().to_pylist()}
        return sorted({v if v not in (None, "") else NO_TEAM for v in values})

    @staticmethod
    def _figure(spec, n, d, x, total, mean, median):
        if spec.unit == "count":
            return Figure(n, n, None, x)
        if spec.unit == "pct":
            return Figure(100.0 * n / d if d else None, n, d, x)
        if spec.unit == "mean":
            return Figure(float(mean) if d and mean is not None else None,
                          float(total) if d and total is not None else None, d, x)
        if spec.unit == "median":
            return Figure(float(median) if d and median is not None else None, None, d, x)
        raise ValueError(spec.unit)

    @staticmethod
    def _derive(spec, figures_by_kpi, periods, population):
        out = []
        for i, period in enumerate(periods):
            base = figures_by_kpi[spec.of][i]
            if base is EMPTY or base.value is None:
                out.append(EMPTY)
                continue
            count = base.value
            if spec.unit == "rate":
                if not population:
                    out.append(Figure(None, count, population, base.excluded))
                    continue
                factor = period.annualisation if spec.annualised else 1.0
                out.append(Figure(count / population * 10_000 * factor, count, population, base.excluded))
            else:  # ratio
                per = figures_by_kpi[spec.per][i]
                if per is EMPTY or per.value is None:
                    out.append(EMPTY)
                    continue
                value = 100.0 * count / per.value if per.value else None
                out.append(Figure(value, count, per.value, base.excluded + per.excluded))
        return out

    def _issues(self, kpi_ids):
        """One issue per absent (list, column) that blanks any of `kpi_ids`, naming them."""
        from triangulate.datasets.parsers.annex_a.schema import LISTS

        blanked = {}
        for kpi_id in kpi_ids:
            for column in self._blocked(self.specs[kpi_id]):
                blanked.setdefault(column, []).append(kpi_id)
        issues = []
        for number, spec in sorted(LISTS.items()):
            for column in spec.columns:
                ids = blanked.get((number, column.key))
                if ids:
                    issues.append({"list": number, "row": None, "column": column.heading,
                                   "problem": f"column missing from List {number}: cannot compute {', '.join(ids)}"})
        return issues

    # --- drill-down ---

    def cohort(self, kpi_id, periods):
        """The cohort frame of one KPI (None when it is null), distinct children de-duplicated."""
        spec = self.specs[kpi_id]
        if self._null(spec):
            return None
        from .frames import cohort

        ctx, window = self.context(periods)
        return cohort(ctx, window, spec)

    def children(self, kpi_id, periods, period_index=-1, team=None):
        """The child ids behind a KPI's numerator and denominator, for drill-down."""
        spec = self.specs[kpi_id]
        if spec.derived:
            kpi_id = spec.of
        frame = self.cohort(kpi_id, periods)
        if frame is None:
            return {"numerator": [], "denominator": []}
        ctx, _ = self.context(periods)
        F = ctx.F
        period_id = period_index % len(periods)
        frame = frame.where(F.col("period_id") == period_id)
        if team is not None:
            frame = frame.where(F.col("team") == team) if team != NO_TEAM else \
                frame.where(F.col("team").isNull() | (F.col("team") == ""))
        frame = frame.select("child_id", "num", "den")
        if self._connection is None:
            rows = [row.asDict() for row in frame.collect()]
        else:  # on this engine's own connection, whatever SQLFrame's session is bound to by now
            cursor = self._connection.execute(frame.sql(dialect="duckdb", optimize=False, pretty=False))
            rows = [dict(zip(("child_id", "num", "den"), values, strict=True)) for values in cursor.fetchall()]
        return {"numerator": sorted({r["child_id"] for r in rows if r["num"]}),
                "denominator": sorted({r["child_id"] for r in rows if r["den"]})}


def warm_cache(settings=None):
    """Build (or check) the disk cache of every KPI's SQL for `settings`; returns the cache file's path."""
    from . import sqlcache

    Engine({}, settings=settings)._sql_entries()
    return sqlcache.path(settings)
