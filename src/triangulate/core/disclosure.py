"""Statistical disclosure control for aggregate-only audiences (elected members): pure Python, no Django.

Presenters pass every figure an aggregate-only reader would see through `protect` (one figure) or
`protect_table` (rows that add up to a total shown elsewhere) and give the template only the returned
`Cell`s, whose hidden parts are None: a template cannot show what it was never given.

Guidance followed
-----------------
- The Government Statistical Service practice as applied by DfE to the very figures we compute from
  Annex A: "Characteristics of children in need" confidentiality notes
  (explore-education-statistics.service.gov.uk/find-statistics/children-in-need/2021/explore) and the
  "Children looked after: a focus on placement location" methodology (.../methodology/children-looked-
  after-a-focus-on-placement-location):
  any number from 1 to 5 inclusive is suppressed ("c"); percentages from which a suppressed number
  could be worked out are suppressed too; secondary suppression is applied where needed; a 0 is a true
  zero and is shown; England and regional totals are rounded to the nearest 10, while local-authority
  figures are published unrounded.
- GSS symbols guidance (as listed on StatsWales "shorthand"): one marker, "c", for every confidential
  cell. In a table we therefore give every hidden cell the same words, so the marker does not say which
  cell was the small one and which was hidden to protect it.
- Hundepool et al., Handbook on Statistical Disclosure Control (2nd ed., 2024), tabular data: primary
  suppression by a threshold rule, then secondary (complementary) suppression until no suppressed cell
  can be calculated from the margin and the published cells, i.e. until each suppressed cell's
  feasible interval (given the total, the shown cells and the bounds 0 <= numerator <= denominator) is
  wider than a single value.

Rules implemented (threshold 6 by default, the `SUPPRESSION_THRESHOLD` setting)
---------------------------------------------------------------------------
1. A count from 1 to 5 is hidden ("fewer than 6"); so is every figure it could be derived from:
   - pct: hidden when the numerator, the denominator or the complement (denominator - numerator) is
     1-5; its numerator goes with it ("14.7%, 5 of 34" becomes "suppressed, of 34": 34 and 14.7% give
     5). The denominator is shown unless it is itself 1-5;
   - rate: hidden when its count is 1-5 (the population is published by ONS, so rate -> count);
   - ratio: hidden when either count is 1-5;
   - mean and median: hidden when the cohort is 1-5 (an average of fewer than 6 children describes
     them); the sum behind a mean is never shown;
   - excluded (coverage) counts of 1-5 are hidden too.
   A figure whose basis is unknown (a value without its count) is hidden rather than guessed at.
2. 0 is shown (DfE: "0 indicates the original figure submitted was zero"). A 0% or 100% of a cohort of
   6 or more is shown too: it says something about the service, and DfE publishes such figures for
   local authorities.
3. Tables whose rows add up to a total shown elsewhere (a KPI's teams, the twelve months of a flow KPI's
   year): after 1., more rows are hidden, the smallest non-zero first (by the count itself; for a
   percentage's numerators and complements, by the cohort; ties by key), until no hidden cell of any
   additive column (counts, numerators, denominators, complements, excluded) can be worked out exactly.
   A percentage table's denominators are protected as a count table of the same cohort would be (same
   rule, same values, same choice), and a rate's or ratio's counts as their counts' own tables are, so
   two pages cannot be played against each other. Limit: a reader who knows this rule learns that a
   row hidden to protect another is no larger than the smallest row shown; that narrows the hidden
   rows but does not pin one down.
4. Totals are not rounded: a council's figures are local-authority figures, which DfE publishes
   unrounded (it rounds only England and regional totals); and the same total is shown unrounded on the
   dashboard, so rounding it in one table would protect nothing. Secondary suppression does that job.
"""

from dataclasses import dataclass

THRESHOLD = 6
SUPPRESSED = "suppressed to protect small numbers"
UNITS = ("count", "pct", "rate", "ratio", "mean", "median")


def fewer_than(threshold=THRESHOLD):
    return f"fewer than {threshold}"


@dataclass(frozen=True)
class Figure:
    """A computed figure, as stored (floats of whole numbers for counts)."""

    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    excluded: int | None = None


@dataclass(frozen=True)
class Cell:
    """A figure safe to display: every hidden part is None and flagged."""

    unit: str
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    excluded: int | None = None
    value_hidden: bool = False
    numerator_hidden: bool = False
    denominator_hidden: bool = False
    excluded_hidden: bool = False
    reason: str = ""  # why the value is hidden ("" when shown)

    @property
    def hidden(self):
        return self.value_hidden


def _check_unit(unit):
    if unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r}")


def as_figure(row):
    """A Figure from anything with value/numerator/denominator(/excluded) attributes, or None."""
    if row is None:
        return None
    if isinstance(row, Figure):
        return row
    return Figure(row.value, row.numerator, row.denominator, getattr(row, "excluded", None))


def open_cell(unit, figure):
    """No control (for roles that may see individuals): the figure as it is."""
    _check_unit(unit)
    figure = as_figure(figure) or Figure(None)
    numerator = figure.value if unit == "count" and figure.numerator is None else figure.numerator
    return Cell(unit, figure.value, numerator, figure.denominator, figure.excluded)


def _small(x, threshold):
    return x is not None and 0 < x < threshold


def _complement(figure):
    if figure.numerator is None or figure.denominator is None:
        return None
    return figure.denominator - figure.numerator


def _count_of(unit, figure):
    """The count a count or rate rests on."""
    return figure.value if unit == "count" else figure.numerator


def _primary(unit, figure, threshold):
    """(value hidden, denominator hidden, reason) for one figure on its own (rule 1)."""
    small = lambda x: _small(x, threshold)  # noqa: E731
    if unit in ("count", "rate"):
        count = _count_of(unit, figure)
        if small(count):
            return True, False, fewer_than(threshold) if unit == "count" else SUPPRESSED
        unknown = figure.value is not None and count is None
        return unknown, False, SUPPRESSED if unknown else ""
    if unit == "pct":
        n, d = figure.numerator, figure.denominator
        hide = small(n) or small(d) or small(_complement(figure))
        hide = hide or (figure.value is not None and (n is None or d is None))
        return hide, small(d), SUPPRESSED if hide else ""
    if unit == "ratio":
        n, d = figure.numerator, figure.denominator
        hide = small(n) or small(d) or (figure.value is not None and (n is None or d is None))
        return hide, small(d), SUPPRESSED if hide else ""
    # mean, median: the cohort is the denominator
    d = figure.denominator
    hide = small(d) or (figure.value is not None and d is None)
    return hide, small(d), SUPPRESSED if hide else ""


def _cell(unit, figure, value_hidden, denominator_hidden, excluded_hidden, reason):
    numerator = figure.value if unit == "count" and figure.numerator is None else figure.numerator
    value_hidden = value_hidden and (figure.value is not None or numerator is not None)
    if unit == "ratio":
        # each part of a ratio is a count of its own: hidden with the ratio
        denominator_hidden = denominator_hidden or value_hidden
    denominator_hidden = denominator_hidden and figure.denominator is not None
    excluded_hidden = excluded_hidden and figure.excluded is not None
    return Cell(
        unit,
        value=None if value_hidden else figure.value,
        numerator=None if value_hidden else numerator,
        denominator=None if denominator_hidden else figure.denominator,
        excluded=None if excluded_hidden else figure.excluded,
        value_hidden=value_hidden,
        numerator_hidden=value_hidden and numerator is not None,
        denominator_hidden=denominator_hidden,
        excluded_hidden=excluded_hidden,
        reason=reason if value_hidden else "",
    )


def protect(unit, figure, threshold=THRESHOLD):
    """One figure on its own (rule 1)."""
    _check_unit(unit)
    figure = as_figure(figure) or Figure(None)
    value_hidden, denominator_hidden, reason = _primary(unit, figure, threshold)
    return _cell(unit, figure, value_hidden, denominator_hidden, _small(figure.excluded, threshold), reason)


# ---- tables ---------------------------------------------------------------------------------------

def _recoverable(values, hidden, total, upper):
    """True when some hidden cell's value follows exactly from the total and the shown cells.

    The reader knows S = total - the shown cells = the sum of the hidden ones, that each hidden cell is
    >= 0 and at most its upper bound (its shown denominator, else S). A hidden cell i then lies in
    [max(0, S - sum of the others' bounds), min(bound_i, S)]; a single point gives it away."""
    s = total - sum(values[k] or 0 for k in values if k not in hidden)
    bounds = {k: s if upper.get(k) is None else min(upper[k], s) for k in hidden}
    every = sum(bounds.values())
    for k in hidden:
        low = max(0, s - (every - bounds[k]))
        if low >= bounds[k]:
            return True
    return False


def _secondary(values, hidden, total, upper=None, order=None):
    """Grow `hidden` (rule 3) until no hidden cell can be worked out; smallest non-zero first."""
    hidden = set(hidden)
    upper = upper or {}
    order = order or values
    if total is None or not hidden:
        return hidden
    while _recoverable(values, hidden, total, upper):
        rest = [k for k in values if k not in hidden]
        if not rest:
            break  # every row hidden: only their sum, the total, is known
        hidden.add(min(rest, key=lambda k: ((order[k] or 0) == 0, order[k] or 0, str(k))))
    return hidden


def _column(figures, part):
    return {k: getattr(f, part) for k, f in figures.items()}


def protect_table(unit, rows, total, threshold=THRESHOLD):
    """Rows (a mapping key -> Figure) that add up to `total` (a Figure shown elsewhere, e.g. the council
    figure; None when the rows add up to nothing shown). Returns ({key: Cell}, Cell for the total)."""
    _check_unit(unit)
    rows = {k: as_figure(f) or Figure(None) for k, f in rows.items()}
    total_cell = protect(unit, total, threshold) if total is not None else None
    small = lambda x: _small(x, threshold)  # noqa: E731

    def known(part):
        if total_cell is None:
            return None
        return getattr(total_cell, part)

    if unit in ("count", "rate"):
        counts = {k: _count_of(unit, f) for k, f in rows.items()}
        primary = {k for k, f in rows.items() if _primary(unit, f, threshold)[0]}
        total_count = None
        if total_cell is not None and not total_cell.value_hidden:
            total_count = total_cell.value if unit == "count" else total_cell.numerator
        value_hidden = _secondary(counts, primary, total_count)
        den_hidden = set()
    elif unit == "pct":
        dens = _column(rows, "denominator")
        den_hidden = _secondary(dens, {k for k, f in rows.items() if small(f.denominator)}, known("denominator"))
        nums = _column(rows, "numerator")
        comps = {k: _complement(f) for k, f in rows.items()}
        total_comp = None
        if total_cell is not None and total_cell.numerator is not None and total_cell.denominator is not None:
            total_comp = total_cell.denominator - total_cell.numerator
        value_hidden = den_hidden | {k for k, f in rows.items() if _primary(unit, f, threshold)[0]}
        while True:
            upper = {k: dens[k] for k in rows if k not in den_hidden}
            grown = _secondary(nums, value_hidden, known("numerator"), upper, order=dens)
            grown = _secondary(comps, grown, total_comp, upper, order=dens)
            if grown == value_hidden:
                break
            value_hidden = grown
    elif unit == "ratio":
        nums, dens = _column(rows, "numerator"), _column(rows, "denominator")
        num_hidden = _secondary(nums, {k for k, f in rows.items() if small(f.numerator)}, known("numerator"))
        den_hidden = _secondary(dens, {k for k, f in rows.items() if small(f.denominator)}, known("denominator"))
        value_hidden = num_hidden | den_hidden | {k for k, f in rows.items() if _primary(unit, f, threshold)[0]}
    else:  # mean, median: the cohort sizes add up
        dens = _column(rows, "denominator")
        den_hidden = _secondary(dens, {k for k, f in rows.items() if small(f.denominator)}, known("denominator"))
        value_hidden = den_hidden | {k for k, f in rows.items() if _primary(unit, f, threshold)[0]}

    excluded = _column(rows, "excluded")
    excluded_hidden = _secondary(excluded, {k for k, e in excluded.items() if small(e)}, known("excluded"))
    cells = {}
    for k, f in rows.items():
        # one reason for every hidden cell of a table (GSS "c"): the words must not say which was small
        cells[k] = _cell(unit, f, k in value_hidden, k in den_hidden, k in excluded_hidden, SUPPRESSED)
    return cells, total_cell


# ---- coverage -------------------------------------------------------------------------------------

COVERAGE_SHARE = 0.05


def cohort_kept(cell):
    """The rows a figure kept: its denominator for pct, mean and median, its count otherwise."""
    if cell.unit in ("pct", "mean", "median"):
        return cell.denominator
    return cell.value if cell.unit == "count" else cell.numerator


def coverage_warning(cell, threshold=THRESHOLD, share=COVERAGE_SHARE):
    """True when the rows left out (excluded) are more than `share` of the cohort, the cohort being the
    rows kept plus the rows left out (kpis.md "Coverage": the share of the rows the figure should have
    counted that it could not).

    Computed from the cell's shown parts only: when the excluded count is hidden (1 to threshold-1) or the
    rows kept are hidden (then fewer than the threshold), the worst case decides, so the warning never
    tells a reader more than the cell does."""
    if cell.excluded_hidden:
        excluded = threshold - 1
    elif cell.excluded:
        excluded = cell.excluded
    else:
        return False
    kept = cohort_kept(cell)
    if kept is None:
        if not (cell.value_hidden or cell.denominator_hidden):
            return False  # a null figure: no cohort to compare with
        kept = 0  # hidden, so fewer than the threshold: the worst case
    return excluded > share * (kept + excluded)
