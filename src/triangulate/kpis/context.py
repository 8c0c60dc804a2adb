"""What a KPI definition works with: the Annex A tables, the periods, working days, settings, and the
rules of kpis.md "Missing facts" as helpers.

Only the PySpark DataFrame API is used here, so the same definitions run on DuckDB
(through SQLFrame) and on Spark.

Missing facts, as the helpers apply them:
- `in_period` / `open_at_end` keep the rows whose *cohort date* cannot be placed, flagged `_excl`
  (left out of the KPI and counted in its `excluded`), instead of dropping them.
- A blank end/closure/authorisation/ICPC/order date keeps its meaning (still open, not done); only an
  unreadable one (`_unreadable` names it) makes the row unplaceable.
- `unreadable(key)` is True when the row's `key` cell was not blank but could not be read; a definition
  passes it as `excl=` for every coded value it compares.
"""

DEFAULT_SETTINGS = {
    "cp_visit_wd": 10,        # child protection visits: every 10 working days
    "cin_visit_wd": 20,       # children in need: every 20 working days
    "cla_visit_wd": 30,       # children in care: every 30 working days (the council may set its own)
    "pathway_review_months": 6,
}

YES = "Yes"
NO = "No"


class KpiContext:
    def __init__(self, session, functions, tables, periods, calendar, settings=None):
        self.session = session
        self.F = functions
        self._tables = tables          # list number -> DataFrame (every list; a missing list is empty)
        self.periods = periods         # DataFrame: period_id, start, end
        self.calendar = calendar       # DataFrame: day, wd_index
        self.settings = {**DEFAULT_SETTINGS, **(settings or {})}
        # Annex A columns each cohort row also carries, for a drill-down's list (kpis/children.py): the
        # dates that decided the row, as the definition saw them. Empty for figures, whose SQL is unchanged.
        self.detail = ()

    def table(self, number):
        """List `number` as a DataFrame with every column of its schema (empty when the extract lacks it:
        the engine, not the definition, makes a KPI of a missing list null)."""
        return self._tables[number]

    # --- missing facts ---

    def unreadable(self, key):
        """True when the row's `key` cell held something that could not be read (never null)."""
        F = self.F
        return F.coalesce(F.col("_unreadable").contains(f"|{key}|"), F.lit(False))

    # --- period helpers: each returns the rows repeated once per period they qualify in ---

    def in_period(self, df, date_column, blank_is_not_done=False):
        """Rows whose `date_column` falls in a period (start and end inclusive), plus, in every period, the
        rows whose date cannot be placed, flagged `_excl`: a missing or unreadable date or, when
        `blank_is_not_done` (an end, authorisation, ICPC or order date: blank means "not yet"), only an
        unreadable one."""
        F = self.F
        placed = (F.col(date_column) >= F.col("start")) & (F.col(date_column) <= F.col("end"))
        return (df.crossJoin(self.periods)
                .where(F.coalesce(placed, F.lit(False)) | self._lost(date_column, blank_is_not_done))
                .withColumn("_excl", self._lost(date_column, blank_is_not_done)))

    def _lost(self, column, blank_is_not_done):
        """A fresh Column each call (SQLFrame mis-resolves one Column object used twice)."""
        F = self.F
        return self.unreadable(column) if blank_is_not_done else F.col(column).isNull()

    def open_at_end(self, df, start_column, end_column):
        """Rows open at a period's end: started on or before it, and not ended by it (end blank or later).

        Flagged `_excl` instead: rows that could be open but cannot be placed: no (or an unreadable)
        start date, unless a readable end date on or before the period's end shows the row closed; or
        started on or before the end with an unreadable end date."""
        return (df.crossJoin(self.periods)
                .where(self._open(start_column, end_column) | self._open_lost(start_column, end_column))
                .withColumn("_excl", self._open_lost(start_column, end_column)))

    def _open(self, start, end):
        F = self.F
        still = (F.col(end).isNull() & ~self.unreadable(end)) | (F.col(end) > F.col("end"))
        return F.coalesce((F.col(start) <= F.col("end")) & still, F.lit(False))

    def _open_lost(self, start, end):
        F = self.F
        end_blank = F.col(end).isNull() & ~self.unreadable(end)
        could_be_open = end_blank | self.unreadable(end) | F.coalesce(F.col(end) > F.col("end"), F.lit(False))
        may_have_started = F.col(start).isNull() | F.coalesce(F.col(start) <= F.col("end"), F.lit(False))
        return (could_be_open & may_have_started & (F.col(start).isNull() | self.unreadable(end)))

    def for_each_period(self, df):
        return df.crossJoin(self.periods)

    # --- working days ---

    def with_wd(self, df, a, b, name):
        """Add `name` = wd(a, b): working days d with a < d <= b. None when either date is missing."""
        F = self.F
        cal_a = self.calendar.select(F.col("day").alias(f"_{name}_a_day"), F.col("wd_index").alias(f"_{name}_a"))
        cal_b = self.calendar.select(F.col("day").alias(f"_{name}_b_day"), F.col("wd_index").alias(f"_{name}_b"))
        out = (df.join(cal_a, F.col(a) == F.col(f"_{name}_a_day"), "left")
                 .join(cal_b, F.col(b) == F.col(f"_{name}_b_day"), "left"))
        out = out.withColumn(name, F.col(f"_{name}_b") - F.col(f"_{name}_a"))
        return out.drop(f"_{name}_a_day", f"_{name}_a", f"_{name}_b_day", f"_{name}_b")

    # --- the shape every definition returns ---

    def cohort(self, df, num, den=True, val=None, excl=None, team="allocated_team", worker="allocated_worker"):
        """Select the standard cohort columns (see registry.py). `num`/`den`/`val`/`excl` are Columns or
        literals. A row is excluded when `excl` is true or the period helpers flagged it (`_excl`);
        an excluded row is in neither the numerator nor the denominator."""
        F = self.F
        columns = df.columns

        def column(value, cast):
            if value is None:
                return F.lit(None).cast(cast)
            if isinstance(value, (bool, int, float)):
                return F.lit(value).cast(cast)
            return value.cast(cast)

        flagged = F.coalesce(F.col("_excl"), F.lit(False)) if "_excl" in columns else F.lit(False)
        df = df.withColumn("_x", flagged | F.coalesce(column(excl, "boolean"), F.lit(False)))

        # fresh Column objects for every use: SQLFrame mis-resolves one Column object used twice
        def excluded():
            return F.col("_x")

        carried = [F.col(c) for c in self.detail if c in columns]
        return df.select(
            F.col("period_id"),
            F.col("child_id"),
            (F.col(team) if team in columns else F.lit(None).cast("string")).alias("team"),
            (F.col(worker) if worker in columns else F.lit(None).cast("string")).alias("worker"),
            (F.coalesce(column(num, "boolean"), F.lit(False)) & ~excluded()).alias("num"),
            (F.coalesce(column(den, "boolean"), F.lit(False)) & ~excluded()).alias("den"),
            F.when(~excluded(), column(val, "double")).alias("val"),
            excluded().alias("excl"),
            *carried,
        )
