"""Is an extract plausible enough to replace the council's figures?

    profile(tables, row_counts, extract_date, issues)  in the import's child process, over the Arrow tables
        (vectorised: a list of millions of rows costs a few passes of pyarrow.compute): per list its rows,
        distinct ids, the most rows any one id has, rows with an issue, and its defining date's range:
        dates after the extract date, before 1990 and (lists 1-5) before the extract's window. Counts
        only, never an id or a value: the profile is kept on the upload and shown on its page.
    assess(upload, profile) -> Verdict  in the worker: finds the council's 0-17 population and the previous
        published extract, and judge()s the profile against them (judge is pure: no database). Any
        "hold" finding holds the extract for
        review ("Held for review"): the pages keep showing the published figures until the QA lead
        publishes or discards it (review_services.py).

The thresholds below hold only what no council's real extract looks like, so that a QA lead is asked to
look only when something is badly wrong. They were chosen against the demo council's 24 monthly messy
synthetic extracts (60,000 children; synth/journeys) and the Annex A variant fixtures, which all pass
(see the profile extremes noted beside each threshold), and against the issue's hostile extracts (only
List 1; one child id on millions of rows; dates in 1900; a list ten times bigger; most rows with issues),
which are all held (tests/datasets/test_plausibility.py).
"""

from dataclasses import dataclass, field
from datetime import date

import pyarrow as pa
import pyarrow.compute as pc

from triangulate.core.formatting import date_uk
from triangulate.kpis.periods import add_months

from .parsers.annex_a.schema import LISTS

HOLD, NOTE = "hold", "note"
PROFILE_VERSION = 1
UNREADABLE = "_unreadable"  # the reader's column naming a row's unreadable cells (parsers/annex_a/reader.py)

# A share of fewer rows than this says little (three rows, one with an issue, is not "a third of the
# extract is broken"), and small lists (adoption at a small council) swing from month to month: the
# share and size checks look only at lists with at least this many rows. (The demo's rows with issues:
# at most 1.2% of a list's rows, at 5,000 children; 0.2% at 60,000.)
MIN_ROWS = 20
# Ten times bigger or smaller than the previous published extract (the issue's own example). Month to
# month the demo's lists change by at most 22% (adopters, list 11) and its children by under 1%; a
# council sending three years of contacts instead of one changes by three times, which still passes.
SIZE_RATIO = 10
# One child id on more rows than this in one list: a placeholder id, or rows copied down a sheet. The most
# rows any one child has in a demo list is 7 (contacts over 3 years); a real child with frequent police
# notifications might have a hundred.
MAX_ROWS_ONE_ID = 500
# Distinct children in lists 1-10 above this share of the council's 0-17 population: more children than
# the council has. The demo's extracts name 51-52% (three years of contacts, at 5,000 and 60,000
# children); care leavers (over 18) are few beside that.
MAX_CHILDREN_SHARE = 1.0
# Rows in one list above this multiple of the council's 0-17 population: a list of junk or duplicated rows.
# The demo's biggest list (contacts, 3 years) has 0.55 rows per child.
MAX_ROWS_PER_CHILD = 3.0
# Lists 1-5 hold events dated in the years before the extract date: Ofsted asks for 6-12 months, the
# demo keeps 3 years so that monthly series work; a council may send more. Dates older than this are
# outside the extract's window.
WINDOW_YEARS = 5
WINDOW_LISTS = (1, 2, 3, 4, 5)
MOST = 0.5  # "most dates outside the window", "most rows with issues"
# Defining dates before 1990 (no child now 25 or under started an episode then), or after the extract
# date (the case system cannot know them yet): the demo has none; a few real typos are far below 10%.
EARLIEST = date(1990, 1, 1)
MAX_ODD_DATES = 0.10

ID_KEYS = {n: next(c.key for c in spec.columns if c.kind == "id" and c.required) for n, spec in LISTS.items()}
DATE_KEYS = {n: c.key for n, spec in LISTS.items() for c in spec.columns if c.kind == "date" and c.required}
NEEDED = {n: [c.key for c in spec.columns if c.needed] for n, spec in LISTS.items()}
CHILD_LISTS = tuple(n for n, key in ID_KEYS.items() if key == "child_id")  # list 11 is adopters


@dataclass
class Verdict:
    hold: bool = False
    findings: list = field(default_factory=list)  # [{"check", "message", "severity": HOLD or NOTE}]


# ---- profile (child process) ---------------------------------------------------------------------------

def profile(tables, row_counts, extract_date, issues=0):
    """A JSON-able profile of an extract's tables ({list number: pyarrow.Table}, as the reader returns them;
    `row_counts` are the reader's, one per table, so each list's rows are its table's). `issues`: how many
    issue lines the reader reported (capped per column, so the rows with issues are counted from the tables)."""
    extract_date = _as_date(extract_date)
    window_start = add_months(extract_date, -12 * WINDOW_YEARS)
    lists = {str(number): _list_profile(number, tables[number], extract_date, window_start)
             for number in sorted(tables)}
    return {"version": PROFILE_VERSION, "extract_date": extract_date.isoformat(), "window_years": WINDOW_YEARS,
            "issues": int(issues), "children": _distinct_children(tables), "lists": lists}


def _list_profile(number, table, extract_date, window_start):
    ids = pc.drop_null(table.column(ID_KEYS[number]))
    counts = pc.value_counts(ids).field("counts") if len(ids) else pa.array([], pa.int64())
    out = {"rows": table.num_rows, "ids": len(counts), "top_id_rows": pc.max(counts).as_py() or 0,
           "issue_rows": _issue_rows(number, table)}
    key = DATE_KEYS.get(number)
    if key is not None:
        out["dates"] = _dates(table.column(key), key, extract_date, window_start if number in WINDOW_LISTS else None)
    return out


def _issue_rows(number, table):
    """Rows with a cell that could not be read, or a needed value (the id, the defining date) blank."""
    bad = None
    if UNREADABLE in table.column_names:
        bad = pc.is_valid(table.column(UNREADABLE))
    for key in NEEDED[number]:
        if key in table.column_names:
            blank = pc.is_null(table.column(key))
            bad = blank if bad is None else pc.or_(bad, blank)
    return 0 if bad is None else int(pc.sum(bad).as_py() or 0)


def _dates(column, key, extract_date, window_start):
    def count(mask):
        return int(pc.sum(mask).as_py() or 0)

    bounds = pc.min_max(column)
    out = {"column": key, "count": len(column) - column.null_count,
           "min": _iso(bounds["min"].as_py()), "max": _iso(bounds["max"].as_py()),
           "after": count(pc.greater(column, pa.scalar(extract_date, pa.date32()))),
           "before_1990": count(pc.less(column, pa.scalar(EARLIEST, pa.date32())))}
    if window_start is not None:
        out["before_window"] = count(pc.less(column, pa.scalar(window_start, pa.date32())))
    return out


def _distinct_children(tables):
    chunks = [chunk for number in CHILD_LISTS if number in tables
              for chunk in tables[number].column("child_id").cast(pa.string()).chunks]
    return int(pc.count_distinct(pa.chunked_array(chunks, pa.string())).as_py()) if chunks else 0


def _as_date(value):
    return date.fromisoformat(value) if isinstance(value, str) else value


def _iso(value):
    return value.isoformat() if value is not None else None


# ---- assess (worker) -------------------------------------------------------------------------------------

@dataclass
class Published:
    """What the checks need of the previous published extract: its date, lists and distinct children."""

    extract_date: date
    lists: dict
    children: int = 0

    @classmethod
    def of(cls, upload):
        """From an Upload; one imported before profiles were kept offers its row counts only."""
        stored = upload.profile or {}
        lists = stored.get("lists") or {str(n): {"rows": rows} for n, rows in (upload.row_counts or {}).items()}
        return cls(upload.extract_date, lists, stored.get("children", 0))


def assess(upload, profile):
    """The verdict on `upload` (its council and extract date) given its profile."""
    year = upload.extract_date.year
    population = upload.council.population_for(year - 1) or upload.council.population_for(year)
    previous = previous_published(upload)
    return judge(profile, population, Published.of(previous) if previous is not None else None)


def previous_published(upload):
    """The published extract this one follows: the latest published on or before its extract date, else
    the earliest published after it (an older extract loaded late is compared with its neighbour)."""
    from .models import Upload

    published = Upload.objects.filter(council=upload.council, status=Upload.Status.SUCCEEDED).exclude(pk=upload.pk)
    earlier = published.filter(extract_date__lte=upload.extract_date).order_by("-extract_date", "-id").first()
    return earlier or published.order_by("extract_date", "id").first()


def judge(profile, population, previous=None):
    """The checks themselves: `profile` against the council's 0-17 `population` (None: not recorded) and
    the `previous` published extract (a Published, or None for the council's first)."""
    profile = profile or {}
    lists = profile.get("lists", {})
    before = previous.lists if previous is not None else {}
    findings = _size_findings(profile, lists, population)
    for number, item in _in_order(lists):
        findings += _list_findings(int(number), item, before.get(number, {}))
    if previous is None:
        findings.append(_note("first", "There is no published extract to compare this one with, so it was "
                                       "checked on its own and against the council's size only."))
    else:
        findings += _comparison_findings(profile, lists, previous)
    return Verdict(hold=any(f["severity"] == HOLD for f in findings), findings=findings)


def _children(count):
    return "1 child" if count == 1 else f"{count:,} different children"


def _in_order(lists):
    return sorted(lists.items(), key=lambda pair: int(pair[0]))


def _hold(check, message):
    return {"check": check, "message": message, "severity": HOLD}


def _note(check, message):
    return {"check": check, "message": message, "severity": NOTE}


def _name(number):
    return f"List {number} ({LISTS[number].topic})"


def _share(part, whole):
    return part / whole if whole else 0.0


def _pct(share):
    return f"{share:.0%}" if share >= 0.01 or share == 0 else "under 1%"


def _ratio(now, then):
    """How many times bigger or smaller, when both are there and either is big enough to judge; else 0."""
    if not now or not then or max(now, then) < MIN_ROWS:
        return 0
    return max(now / then, then / now)


def _size_findings(profile, lists, population):
    if not population:
        return [_note("population", "The council has no child population recorded for this year, so the "
                                    "extract's size was not checked against it.")]
    findings = []
    children = profile.get("children", 0)
    if children > MAX_CHILDREN_SHARE * population:
        findings.append(_hold("children_population", f"The extract names {_children(children)}, more "
                              f"than the council's {population:,} children aged 0 to 17."))
    for number, item in _in_order(lists):
        if item["rows"] > MAX_ROWS_PER_CHILD * population:
            findings.append(_hold("rows_population", f"{_name(int(number))} has {item['rows']:,} rows, more than "
                                  f"{MAX_ROWS_PER_CHILD:g} for each of the council's {population:,} children."))
    return findings


def _list_findings(number, item, then):
    """Checks of one list on its own; `then` is the list in the previous published extract ({} if none)."""
    findings = []
    rows, noun = item["rows"], "child" if number in CHILD_LISTS else "adopter"
    if item.get("top_id_rows", 0) > MAX_ROWS_ONE_ID:
        findings.append(_hold("one_id", f"{_name(number)}: one {noun} id is on {item['top_id_rows']:,} of its "
                              f"{rows:,} rows; no {noun} has more than {MAX_ROWS_ONE_ID:,} rows in a real extract."))
    dates = item.get("dates")
    if dates and dates["count"] >= MIN_ROWS:
        findings += _date_findings(number, dates)
    # an extract like the one published before it (the council's extracts always look so) is not news
    usual = _share(then.get("issue_rows", 0), then.get("rows", 0)) > MOST
    if rows >= MIN_ROWS and _share(item.get("issue_rows", 0), rows) > MOST and not usual:
        findings.append(_hold("issue_rows", f"{_name(number)}: {item['issue_rows']:,} of its {rows:,} rows "
                              f"({_pct(_share(item['issue_rows'], rows))}) have a cell that could not be read or "
                              "a needed value missing."))
    return findings


def _date_findings(number, dates):
    findings = []
    count, column = dates["count"], LISTS[number].column(dates["column"]).heading

    def share_of(part):
        return f"{_name(number)}: {part:,} of its {count:,} dates in '{column}' ({_pct(_share(part, count))})"

    if _share(dates["after"], count) > MAX_ODD_DATES:
        findings.append(_hold("dates_future", share_of(dates["after"]) + " are after the extract date. Is the "
                              "extract date right?"))
    if _share(dates["before_1990"], count) > MAX_ODD_DATES:
        findings.append(_hold("dates_old", share_of(dates["before_1990"]) + " are before 1990 (the earliest is "
                              f"{_shown_date(dates['min'])})."))
    outside = dates.get("before_window", 0) + dates["after"]
    if "before_window" in dates and _share(outside, count) > MOST:
        findings.append(_hold("dates_window", share_of(outside) + f" are outside the {WINDOW_YEARS} years to the "
                              "extract date."))
    return findings


def _comparison_findings(profile, lists, previous):
    before, when = previous.lists, f"the published extract of {date_uk(previous.extract_date)}"
    findings = []
    missing = [int(n) for n, item in before.items() if item.get("rows", 0) >= MIN_ROWS
               and lists.get(n, {}).get("rows", 0) == 0]
    if missing:
        named = "; ".join(f"{_name(n)}, {before[str(n)]['rows']:,} rows" for n in sorted(missing))
        lists_are = "A list is" if len(missing) == 1 else f"{len(missing)} lists are"
        findings.append(_hold("list_missing", f"{lists_are} not in this extract (or empty), though in {when}: "
                              f"{named}."))
    for n, item in _in_order(lists):
        now, then = item["rows"], before.get(n, {}).get("rows", 0)
        if _ratio(now, then) >= SIZE_RATIO:
            size = f"{now / then:,.0f} times" if now > then else f"{then / now:,.0f} times fewer than"
            findings.append(_hold("list_size", f"{_name(int(n))} has {now:,} rows, {size} the {then:,} in {when}."))
    now, then = profile.get("children", 0), previous.children
    if _ratio(now, then) >= SIZE_RATIO:
        findings.append(_hold("children_size", f"The extract names {_children(now)}; {when} named "
                              f"{then:,}."))
    return findings


def _shown_date(iso):
    return date_uk(date.fromisoformat(iso)) if iso else "blank"
