"""The daily timescale report's page and download: kpis/timescales.py over the latest published extract,
cut to the teams the reader may see and the team or worker chosen.

Computed on request from the stored tables (nothing is stored per upload), so it is always the latest
published extract's; the report of the last extract read is kept in memory, keyed by the upload and its
folder's modification time, so the next reader (or the download after the page) does not read it again.
Teams are shown under the council's own names (datasets/teams: an extract spelling that means no team
keeps its spelling), as on the KPI pages.
"""

from dataclasses import dataclass
from threading import Lock

from triangulate.core.formatting import date_uk, number
from triangulate.datasets import storage
from triangulate.datasets.teams.selectors import TeamNames, name_key, tidy
from triangulate.kpis import timescales
from triangulate.kpis.figures import NO_TEAM
from triangulate.people.scope import ALL

# a section's rows on the page, most overdue first; a team or worker chosen, or a download, has them all.
# A large council's whole report at 1,000 a section was a 1.5 MB page taking 0.4 s to draw.
MAX_ROWS_SHOWN = 200
NO_WORKER = "No worker recorded"
SHORT = {"assessments": "Assessments", "s47": "Awaiting ICPC", "cp_visits": "CP visits",
         "cp_reviews": "CP reviews", "cla_visits": "Care visits", "cla_reviews": "Care reviews"}
# what each section's start and last dates are
DATES = {"assessments": ("Started", ""), "s47": ("Strategy discussion", ""),
         "cp_visits": ("Plan started", "Last visit"), "cp_reviews": ("Plan started", "Latest review"),
         "cla_visits": ("Came into care", "Last visit"), "cla_reviews": ("Came into care", "Latest review")}
DOWNLOAD_HEADERS = ["Timescale", "Child ID", "Team", "Worker", "Start date", "Start date is", "Last visit or review",
                    "Working days since the start or last visit or review", "Due date", "Working days left", "Status", "Note"]

_cache = {}
_cache_lock = Lock()


def report_for(upload):
    """The timescale report of `upload` at its extract date (cached for the last extract read)."""
    folder = storage.upload_folder(upload.pk)
    try:
        key = (upload.pk, str(folder), folder.stat().st_mtime_ns, upload.extract_date)
    except FileNotFoundError:
        return None  # the extract's tables have gone (retention): nothing to report from
    with _cache_lock:
        if key in _cache:
            return _cache[key]
    report = timescales.report(storage.read_tables(upload.pk), upload.extract_date)
    with _cache_lock:
        _cache.clear()
        _cache[key] = report
    return report


class OutOfScope(LookupError):
    """A team the reader may not see was asked for."""


@dataclass(frozen=True)
class Choice:
    team: str | None
    worker: str | None


class Scope:
    """Which rows a reader sees, and each extract team name as the council's team."""

    def __init__(self, council, allowed):
        self.names = TeamNames(council)
        self._shown = {}
        self.allowed = allowed if allowed == ALL else {name_key(n) for n in allowed}
        self.own = None if allowed == ALL else {self.team(n) for n in allowed}

    def team(self, extract_name):
        if not extract_name:
            return NO_TEAM
        if extract_name not in self._shown:
            match = self.names.resolve(extract_name)
            self._shown[extract_name] = match.team.name if match.team is not None else tidy(extract_name)
        return self._shown[extract_name]

    def sees(self, row):
        return self.allowed == ALL or (row.team is not None and name_key(row.team) in self.allowed)


def build(report, council, allowed, choice):
    """The page's context: filters, summary by section, counts by team and worker, and the lists.
    Raises OutOfScope when a team-scoped reader asks for a team not theirs."""
    scope = Scope(council, allowed)
    if choice.team and scope.own is not None and choice.team not in scope.own:
        raise OutOfScope(choice.team)
    visible = {s.id: [r for r in s.rows if scope.sees(r)] for s in report.sections}
    teams = sorted({scope.team(r.team) for rows in visible.values() for r in rows} | (scope.own or set()))
    in_team = {sid: [r for r in rows if not choice.team or scope.team(r.team) == choice.team]
               for sid, rows in visible.items()}
    workers = sorted({r.worker or NO_WORKER for rows in in_team.values() for r in rows})
    chosen = {sid: [r for r in rows if not choice.worker or (r.worker or NO_WORKER) == choice.worker]
              for sid, rows in in_team.items()}
    sections = [_section(s, chosen[s.id], scope, council_wide=scope.own is None and not choice.team
                         and not choice.worker) for s in report.sections]
    return {
        "sections": sections, "teams": teams, "workers": workers, "choice": choice,
        "scoped": scope.own is not None, "extract_date": report.extract_date,
        "by_team": _counts(report, chosen, lambda r: (scope.team(r.team),)),
        "by_worker": _counts(report, chosen, lambda r: (scope.team(r.team), r.worker or NO_WORKER)),
        "count_columns": [{"text": SHORT[s.id]} for s in report.sections],
        "rows": [r for s in report.sections for r in chosen[s.id]], "team_name": scope.team,
    }


def _section(section, rows, scope, council_wide):
    start_label, last_label = DATES[section.id]
    shown = rows[:MAX_ROWS_SHOWN]
    return {
        "id": section.id, "title": section.title, "short": SHORT[section.id], "rule": section.rule,
        "listed": section.listed, "null_reason": section.null_reason, "kpi": timescales.KPI_OF_SECTION.get(section.id),
        "overdue": sum(1 for r in rows if r.overdue), "coming_due": sum(1 for r in rows if r.coming_due),
        "total": len(rows), "open": section.open if council_wide else None,
        "unplaced": section.unplaced if council_wide else 0,
        "start_label": start_label, "last_label": last_label,
        "rows": [_display(r, scope) for r in shown], "cut": len(rows) > len(shown),
    }


def _display(row, scope):
    return {"child_id": row.child_id or "", "team": scope.team(row.team), "worker": row.worker or NO_WORKER,
            "start": date_uk(row.start), "last": date_uk(row.last) or "None recorded",
            "elapsed": "" if row.elapsed is None else number(row.elapsed), "due": date_uk(row.due),
            "left": left_text(row), "status": status_text(row), "overdue": row.overdue}


def left_text(row):
    """Working days left in words: "3 overdue", "due today", "4 left", or why there is no count."""
    if row.days_left is None:
        return row.note
    if row.days_left < 0:
        return f"{-row.days_left} overdue"
    return "Due today" if row.days_left == 0 else f"{row.days_left} left"


def status_text(row):
    if row.overdue:
        return "Overdue"
    return "Due soon" if row.coming_due else "In time"


def _counts(report, chosen, key):
    """[{"name": key parts, "cells": [(overdue, coming due) per section]}], sorted by name."""
    ids = [s.id for s in report.sections]
    table = {}
    for sid in ids:
        for r in chosen[sid]:
            cells = table.setdefault(key(r), {i: [0, 0] for i in ids})
            cells[sid][0] += r.overdue
            cells[sid][1] += r.coming_due
    return [{"name": name, "cells": [tuple(cells[i]) for i in ids]} for name, cells in sorted(table.items())]


def download_rows(context):
    """Every chosen row as the download's cells (numbers and dates as such, never hidden on the page)."""
    titles = {s["id"]: s["title"] for s in context["sections"]}
    out = []
    for r in context["rows"]:
        out.append([titles[r.section], r.child_id or "", context["team_name"](r.team), r.worker or NO_WORKER, r.start,
                    DATES[r.section][0], r.last, r.elapsed, r.due, r.days_left, status_text(r), r.note])
    return out

