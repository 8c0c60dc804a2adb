"""The children behind a KPI for the list page and its download: kpis/children.py's listing of the latest
published extract, cut to the teams the reader may see (the extract names of
datasets/teams/selectors.extract_names_in_scope), filtered, sorted and paged.

The listing is worked out once per extract, KPI and process (from only the lists the KPI reads) and kept
in memory, keyed by the extract's files' stamps, so the next page, filter or download of the same list
does not run the query again; it holds every team's rows, and every request cuts them to the reader's
scope before anything is shown. What the page or download shows of it is written to the access log by
the view.
"""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyarrow.parquet as pq
from django.core.paginator import Paginator

from triangulate.datasets import storage
from triangulate.datasets.teams.selectors import name_key
from triangulate.kpis import children
from triangulate.kpis.engine import Engine
from triangulate.kpis.figures import NO_TEAM
from triangulate.kpis.periods import year_to
from triangulate.people.scope import ALL

PAGE_SIZE = 100
NO_WORKER = "No worker recorded"
NO_TEAM_TEXT = "No team recorded"  # rows the engine files under NO_TEAM, as a reader sees them
# ?sort= values: the default is the most overdue first (kpis/children.urgency)
SORTS = {
    "overdue": "Most overdue first",
    "child": "Child ID",
    "team": "Team",
    "worker": "Worker",
}


def listing_for(upload, kpi_id):
    """The Listing of `kpi_id` for the 12 months to `upload`'s extract date (snapshots at that date), or
    None when the extract's tables are no longer held."""
    folder = storage.upload_folder(upload.pk)
    if not any(folder.glob("list_*.parquet")):
        return None  # gone with the retention rules
    stamps = []
    for number in children.lists_needed(kpi_id):
        path = folder / f"list_{number}.parquet"
        if path.exists():  # a list the extract lacks: the engine makes the KPI null with its reason
            stat = path.stat()
            stamps.append((number, stat.st_mtime_ns, stat.st_size))
    population = upload.council.population_for(upload.extract_date.year - 1)
    return _listing(upload.pk, str(folder), tuple(stamps), kpi_id, upload.extract_date, population)


@lru_cache(maxsize=12)
def _listing(upload_id, folder, stamps, kpi_id, extract_date, population):
    # only the lists the KPI reads (storage.read_tables reads them all): a contacts list is most of an
    # extract, and most KPIs do not read it
    tables = {number: pq.read_table(Path(folder) / f"list_{number}.parquet") for number, _, _ in stamps}
    engine = Engine(tables, population=population)
    return children.listing(engine, kpi_id, [year_to(extract_date)])


@dataclass(frozen=True)
class Choice:
    """What the reader asked for: all from the address (never a child id)."""

    team: str | None = None
    worker: str | None = None
    failing: bool = False
    sort: str = "overdue"
    descending: bool = False
    page: str | None = None

    @classmethod
    def from_query(cls, query):
        sort = query.get("sort") or "overdue"
        key = sort.lstrip("-")
        return cls(team=query.get("team") or None, worker=query.get("worker") or None,
                   failing=query.get("failing") in ("1", "on", "yes"), sort=key if key in SORTS else "overdue",
                   descending=sort.startswith("-"), page=query.get("page"))

    @property
    def filtered(self):
        return bool(self.team or self.worker or self.failing)

    def logged(self, kpi_id):
        """What the access log keeps about the list (core/access_log.py): the measure and the filters."""
        return {"kpi": kpi_id, **{k: v for k, v in (("team", self.team), ("worker", self.worker),
                                                   ("failing", self.failing)) if v}}


class OutOfScope(LookupError):
    """A team the reader may not see was asked for."""


def _team(row):
    return row.team if row.team else NO_TEAM


def in_scope(rows, allowed):
    """The rows of the extract teams `allowed` (ALL: every row). A row without a team is council-wide
    and seen only by readers who see every team."""
    if allowed == ALL:
        return list(rows)
    keys = {name_key(n) for n in allowed}
    return [r for r in rows if r.team and name_key(r.team) in keys]


def select(listing, allowed, choice):
    """{"rows": every row chosen, in order; "teams", "workers": the choices the filters offer}.
    Raises OutOfScope for a team the reader may not choose."""
    if allowed != ALL and choice.team is not None and choice.team not in allowed:
        raise OutOfScope(choice.team)
    rows = in_scope(listing.rows, allowed)
    # the teams offered: those in the list, or the reader's own (one spelling of each: the one chosen)
    own = {name_key(n): n for n in ([] if allowed == ALL else allowed)}
    if choice.team and own:
        own[name_key(choice.team)] = choice.team
    teams = sorted({_team(r) for r in rows} if allowed == ALL else own.values(), key=name_key)
    if choice.team:
        key = name_key(choice.team)
        rows = [r for r in rows if name_key(_team(r)) == key]
    workers = sorted({r.worker or NO_WORKER for r in rows}, key=str.casefold)
    if choice.worker:
        rows = [r for r in rows if (r.worker or NO_WORKER) == choice.worker]
    if choice.failing and listing.can_fail:
        rows = [r for r in rows if r.failing]
    if choice.sort != "overdue" or choice.descending:
        rows = sorted(rows, key=_sort_key(choice.sort), reverse=choice.descending)
    return {"rows": rows, "teams": teams, "workers": workers}


def _sort_key(sort):
    if sort == "child":
        return lambda r: (r.child_id, children.urgency(r))
    if sort == "team":
        return lambda r: (name_key(_team(r)), children.urgency(r))
    if sort == "worker":
        return lambda r: ((r.worker or NO_WORKER).casefold(), children.urgency(r))
    return children.urgency


def page_of(rows, number):
    """One page of PAGE_SIZE rows (Django's Paginator: a page out of range is the last, a bad one the first)."""
    return Paginator(rows, PAGE_SIZE).get_page(number)


# ---- what a row shows ------------------------------------------------------------------------------------

def days_text(row):
    """Days overdue in words: "12 working days", "Not overdue (3 to spare)", or why there is no count."""
    if row.days_overdue is None:
        return row.note
    if row.days_overdue > 0:
        return f"{row.days_overdue:,} {row.days_unit if row.days_overdue != 1 else row.days_unit[:-1]}"
    spare = -row.days_overdue
    return "Not overdue" + (f" ({spare:,} to spare)" if spare else " (due on the day)")


def membership_heading(listing):
    if listing.unit == "pct":
        return "Meets the measure"
    if listing.unit == "ratio":
        return "Counted in"
    return ""


def membership_text(listing, row):
    if listing.unit == "pct":
        return "Yes" if row.in_numerator else "No"
    return row.counted_in


def has_teams(listing):
    """Whether the KPI's list records teams at all (list 1's contacts do not): no team column otherwise."""
    return any(r.team for r in listing.rows)


def headers(listing):
    """The download's headings: the page's columns, with the number of days, its unit and any note apart."""
    out = ["Child ID", *(["Team"] if has_teams(listing) else []), "Worker"]
    if listing.timescale:
        out += ["Days overdue", "Days counted in", "Note"]
    if membership_heading(listing):
        out.append(membership_heading(listing))
    if listing.value_label:
        out.append(listing.value_label)
    return out + [c.label for c in listing.columns]


def cells(listing, row, teams=True):
    """A row as the download's cells: dates as dates, numbers as numbers (a negative count of days
    overdue is the days to spare), never a formula (core/exports makes text safe)."""
    out = [row.child_id, *([row.team or NO_TEAM_TEXT] if teams else []), row.worker or NO_WORKER]
    if listing.timescale:
        out += [row.days_overdue, row.days_unit, row.note]
    if membership_heading(listing):
        out.append(membership_text(listing, row))
    if listing.value_label:
        out.append(row.value)
    return out + list(row.values)
