"""The demo council's child-level data: a synthetic Annex A extract, written as a council's
case system would export it and imported through the same job as a real upload."""

import tempfile
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

from triangulate.datasets.models import Upload
from triangulate.datasets.services import start_annex_a_import
from triangulate.people.models import StaffMember, TeamMembership

from .journeys import generate, write_annex_a


def last_month_end(today):
    return today.replace(day=1) - timedelta(days=1)


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


def import_demo_annex_a(council, *, seed=1, today=None):
    """Generate and import the demo extract (as at the last month end) unless one is already imported."""
    if Upload.objects.filter(council=council, status=Upload.Status.SUCCEEDED).exists():
        return None
    extract_date = last_month_end(today or date.today())
    children = council.population_for(extract_date.year - 1) or council.population_for(extract_date.year) or 60_000
    teams, workers = teams_and_workers(council, extract_date)
    tables = generate(children, seed, extract_date, teams=teams, workers=workers, la_name=council.name)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"annex_a_{extract_date:%Y_%m_%d}.xlsx"
        write_annex_a(tables, path, fmt="xlsx", messy=True, seed=seed)
        upload = start_annex_a_import(actor=None, council=council, source=path, original_name=path.name,
                                      extract_date=extract_date, run_now=True)
    upload.refresh_from_db()
    return upload
