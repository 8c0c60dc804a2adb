"""What a KPI definition works with: the Annex A tables, the periods, working days, settings.

Only the PySpark DataFrame API is used here, so the same definitions run on DuckDB
(through SQLFrame) and on Spark.
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
        self._tables = tables          # list number -> DataFrame
        self.periods = periods         # DataFrame: period_id, start, end
        self.calendar = calendar       # DataFrame: day, wd_index
        self.settings = {**DEFAULT_SETTINGS, **(settings or {})}

    def table(self, number):
        """List `number` as a DataFrame, or None when the extract has no such list."""
        return self._tables.get(number)

    # --- period helpers: each returns the rows repeated once per period they qualify in ---

    def in_period(self, df, date_column):
        """Rows whose `date_column` falls in a period (start and end inclusive)."""
        F = self.F
        return df.crossJoin(self.periods).where(
            (F.col(date_column) >= F.col("start")) & (F.col(date_column) <= F.col("end")))

    def open_at_end(self, df, start_column, end_column):
        """Rows open at a period's end: started on or before it, and not ended by it (end empty or later)."""
        F = self.F
        return df.crossJoin(self.periods).where(
            (F.col(start_column) <= F.col("end"))
            & (F.col(end_column).isNull() | (F.col(end_column) > F.col("end"))))

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

    def cohort(self, df, num, den=True, val=None, team="allocated_team", worker="allocated_worker"):
        """Select the standard cohort columns (see registry.py). `num`/`den`/`val` are Columns or literals."""
        F = self.F

        def column(value, cast):
            if value is None:
                return F.lit(None).cast(cast)
            if isinstance(value, (bool, int, float)):
                return F.lit(value).cast(cast)
            return value.cast(cast)

        columns = df.columns
        return df.select(
            F.col("period_id"),
            F.col("child_id"),
            (F.col(team) if team in columns else F.lit(None).cast("string")).alias("team"),
            (F.col(worker) if worker in columns else F.lit(None).cast("string")).alias("worker"),
            F.coalesce(column(num, "boolean"), F.lit(False)).alias("num"),
            F.coalesce(column(den, "boolean"), F.lit(False)).alias("den"),
            column(val, "double").alias("val"),
        )
