"""Caseloads (Annex A lists 6, 7 and 8): see kpis.md, section "Caseloads (lists 6–8)".

The episodes looked at are those open at a period's end in
    list 6 (children in need):   CIN Start Date / CIN Closure Date
    list 7 (child protection):   Child Protection Plan Start Date / End Date
    list 8 (children in care):   Date Started / Date Ceased to be Looked After
"open" meaning start <= end and (end/closure date blank or > end). Short-break episodes of list 8
(legal status V3, V4) are included: they are allocated cases (kpis.md says so for `avg_caseload`;
`unallocated_open` follows the same rule so the two KPIs look at the same episodes).

Choices where kpis.md leaves room (each is repeated in the definition it affects):
- Both KPIs use whichever of lists 6, 7 and 8 the extract has (the engine makes them null only when it
  has none of the three, or when one present list lacks a column read here); a missing list
  contributes no episodes.
- An episode that could be open but cannot be placed (no readable start date, or started by the end
  with an unreadable end date) is left out. `avg_caseload` counts such episodes (rows) in `excluded`;
  `unallocated_open` counts the children who have only such episodes.
- A worker is "non-empty" when the trimmed Allocated Worker is not empty; workers are matched by
  their trimmed name exactly (case-sensitive). A value such as "Unallocated" is a worker name by the
  letter of kpis.md.
- `avg_caseload` is registered as unit "mean" over one row per worker: val = the number of distinct
  children on that worker's open episodes, so numerator = sum of val = the distinct (worker, child)
  pairs, denominator = the distinct workers, value = pairs / workers (null with no worker).
  The cohort frame also carries one row per (worker, child) pair flagged num (den false, no val) so
  that drill-down's "numerator" lists the children on caseloads; the engine ignores num for "mean".
  The worker rows have no child id (drill-down "denominator" is [None]).
  A worker's team is the first (alphabetical) non-empty team on the worker's open episodes.
- `unallocated_open` counts distinct children; a child's team is the first (alphabetical)
  non-empty team on its open rows. A child with one placeable open episode and one unplaceable one is
  judged on the placeable episodes.
"""

from ..registry import kpi

SECTION = "Caseloads"
SNAPSHOT = "snapshot"

# list -> (start column, end column) of its episodes
EPISODES = {6: ("cin_start", "cin_closure"), 7: ("cp_start", "cp_end"), 8: ("cla_start", "cla_end")}
NEEDS = tuple((n, key) for n, columns in EPISODES.items() for key in (*columns, "allocated_worker"))


def _non_empty(F, column):
    """The trimmed text of `column`, None when empty (fresh Column objects each call: SQLFrame
    mis-resolves one Column object used twice in a select)."""
    return F.when(F.trim(F.col(column).cast("string")) != "", F.trim(F.col(column).cast("string")))


def _episodes(ctx):
    """Episodes of lists 6-8 open (or unplaceable, `_lost`) at each period's end: period_id, child_id,
    _team, _worker (trimmed, None when empty), _lost."""
    F = ctx.F
    frames = []
    for number, (start, end) in EPISODES.items():
        table = ctx.table(number)
        # the team only places figures in a breakdown: an absent team column must not blank the KPI
        team = _non_empty(F, "allocated_team") if "allocated_team" in table.columns else F.lit(None).cast("string")
        frames.append(ctx.open_at_end(table, start, end).where(F.col("child_id").isNotNull()).select(
            F.col("period_id"),
            F.col("child_id").cast("string").alias("child_id"),
            team.alias("_team"),
            _non_empty(F, "allocated_worker").alias("_worker"),
            F.col("_excl").alias("_lost"),
        ))
    episodes = frames[0]
    for frame in frames[1:]:
        episodes = episodes.unionByName(frame)
    return episodes


@kpi("avg_caseload", "Average caseload per allocated worker", "mean", kind=SNAPSHOT, polarity="lower",
     needs=NEEDS, section=SECTION)
def avg_caseload(ctx):
    """Distinct (worker, child) pairs over CIN, CP and CLA episodes open at end (short breaks included)
    with a non-empty Allocated Worker, divided by the number of distinct such workers.

    Registered as unit "mean": one row per worker with val = that worker's distinct children, so
    numerator = pairs and denominator = workers. Pair rows (num only) carry the children for
    drill-down; unplaceable episodes are rows flagged excl. A worker's team is the alphabetically first
    non-empty team on its open episodes.
    """
    F = ctx.F
    rows = _episodes(ctx)
    allocated = rows.where(~F.col("_lost") & F.col("_worker").isNotNull())
    pairs = (allocated.groupBy("period_id", "_worker", "child_id").agg(F.min("_team").alias("_team")))
    workers = (allocated.groupBy("period_id", "_worker")
               .agg(F.count_distinct(F.col("child_id")).alias("_children"), F.min("_team").alias("_team")))

    def shaped(frame, child, worker, num, den, val, excl):
        return frame.select(
            F.col("period_id"), child.alias("child_id"), F.col("_team").alias("team"), worker.alias("worker"),
            F.lit(num).alias("num"), F.lit(den).alias("den"), val.cast("double").alias("val"),
            F.lit(excl).alias("excl"))

    no_val = F.lit(None).cast("double")
    return (shaped(pairs, F.col("child_id"), F.col("_worker"), True, False, no_val, False)
            .unionByName(shaped(workers, F.lit(None).cast("string"), F.col("_worker"), False, True,
                                F.col("_children"), False))
            .unionByName(shaped(rows.where(F.col("_lost")), F.col("child_id"), F.col("_worker"), False, False,
                                no_val, True)))


@kpi("unallocated_open", "Open cases with no allocated worker", "count", kind=SNAPSHOT, polarity="lower",
     needs=NEEDS, section=SECTION)
def unallocated_open(ctx):
    """Distinct children open at end in lists 6-8 (short breaks included) with no non-empty Allocated
    Worker on any of their open rows. A child's team is the alphabetically first non-empty team on
    its open rows. A child whose only episodes are unplaceable is counted in `excluded` (in the first
    team of those episodes)."""
    F = ctx.F
    rows = _episodes(ctx)
    children = (rows.groupBy("period_id", "child_id")
                .agg(F.max(F.when(~F.col("_lost") & F.col("_worker").isNotNull(), 1).otherwise(0)).alias("_allocated"),
                     F.max(F.when(~F.col("_lost"), 1).otherwise(0)).alias("_open"),
                     F.coalesce(F.min(F.when(~F.col("_lost"), F.col("_team"))), F.min(F.col("_team")))
                     .alias("allocated_team")))
    return ctx.cohort(children, num=(F.col("_open") == 1) & (F.col("_allocated") == 0), den=True,
                      excl=F.col("_open") == 0, worker="_none")
