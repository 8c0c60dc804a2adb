"""The demo council's child-level data: 24 monthly Annex A extracts cut from one set of synthetic journeys,
each as the council's case system would have produced it at that month end, imported oldest first
through the same job as a real upload. So every monthly figure, snapshot KPIs included, is read from the
extract of its own month (kpis.md "History")."""

import tempfile
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

from triangulate.core.authority import System
from triangulate.datasets.models import Upload
from triangulate.datasets.services import start_annex_a_import
from triangulate.kpis.periods import calendar_months
from triangulate.people.models import StaffMember, TeamMembership

from .journeys import generate_series, write_annex_a
from .journeys.story import council_story

MONTHLY_EXTRACTS = 24


def last_month_end(today):
    return today.replace(day=1) - timedelta(days=1)


def extract_dates(today, months=MONTHLY_EXTRACTS):
    """The month ends of the `months` extracts, oldest first; the last is the last month end before today."""
    return [period.end for period in calendar_months(last_month_end(today), months)]


def teams_and_workers(council, on):
    """Team type -> team names, and team name -> its case-holding workers, from the demo council's staff."""
    teams = defaultdict(list)
    for team in council.teams.filter(is_active=True).order_by("name"):
        teams[team.team_type].append(team.case_system_name or team.name)
    workers = defaultdict(list)
    spells = (TeamMembership.objects.current(on).filter(staff__in=StaffMember.objects.in_post_on(on))
              .select_related("staff", "team"))
    for spell in spells:
        if spell.staff.role in ("social_worker", "asye", "senior_practitioner", "personal_adviser"):
            workers[spell.team.case_system_name or spell.team.name].append(spell.staff.full_name)
    return dict(teams), dict(workers)


def demo_story(council, *, seed=1, today=None, months=MONTHLY_EXTRACTS):
    """The story (journeys/story.py) the demo's extracts are generated with: who is strained, when the new
    front door opened..."""
    latest = extract_dates(today or date.today(), months)[-1]
    teams, _ = teams_and_workers(council, latest)
    return council_story(teams, seed, latest)


def import_demo_annex_a(council, *, seed=1, today=None, months=MONTHLY_EXTRACTS, progress=None):
    """Generate and import the demo's monthly extracts unless an extract is already imported; returns the
    latest upload (None when there was one already).

    The older extracts are written as folders of CSV files (quicker to write and read than workbooks);
    the latest is an Excel workbook. All are messy the way councils' extracts are (labelled codes, stray
    spaces, a few impossible dates). `progress(upload)` is called after each import."""
    if Upload.objects.filter(council=council, status=Upload.Status.SUCCEEDED).exists():
        return None
    dates = extract_dates(today or date.today(), months)
    latest = dates[-1]
    children = council.population_for(latest.year - 1) or council.population_for(latest.year) or 60_000
    teams, workers = teams_and_workers(council, latest)
    upload = None
    with tempfile.TemporaryDirectory() as folder:
        for extract_date, tables in generate_series(children, seed, dates, teams=teams, workers=workers,
                                                    la_name=council.name):
            name = f"annex_a_{extract_date:%Y_%m_%d}"
            if extract_date == latest:
                path = Path(folder) / f"{name}.xlsx"
                write_annex_a(tables, path, fmt="xlsx", messy=True, seed=seed)
            else:
                path = Path(folder) / name
                write_annex_a(tables, path, fmt="csv", messy=True, seed=seed + extract_date.toordinal())
            upload = start_annex_a_import(actor=System.DEMO, council=council, source=path, original_name=path.name,
                                          extract_date=extract_date, run_now=True)
            upload.refresh_from_db()
            if progress is not None:
                progress(upload)
    return upload
