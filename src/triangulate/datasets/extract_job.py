"""What an import does with the file, in the process that reads it (isolation.py runs it in a child process
under memory and CPU limits): read the extract, write its tables as Parquet, compute its KPIs and profile it
for the plausibility checks. Returns a ParsedExtract, small and picklable (the child pickles it into the
partial folder for the parent): the child-level tables stay on disk. Nothing here uses the database."""

from dataclasses import dataclass, field

import pyarrow.compute as pc
import pyarrow.parquet as pq

from triangulate.core.private_files import private_folder
from triangulate.datasets.parsers.annex_a.reader import read_annex_a
from triangulate.datasets.parsers.annex_a.schema import TEAM_LISTS


@dataclass
class ParsedExtract:
    row_counts: dict  # list number -> rows
    headings: dict  # list number -> the reader's heading report
    teams: dict  # allocated team as written in the extract -> rows naming it
    issues: list  # parsers.annex_a.issues.Issue
    derived: dict  # deriver name -> what it computed (derived.py: e.g. performance's KPI values)
    profile: dict = field(default_factory=dict)  # plausibility.profile


def parse_extract(source_path, folder, extract_date, population):
    """Read `source_path`, write its tables into `folder` (created), compute and profile them."""
    from . import derived, plausibility

    extract = read_annex_a(source_path)
    private_folder(folder)
    for number, table in extract.tables.items():
        pq.write_table(table, folder / f"list_{number}.parquet")
    results = {d.name: d.compute(extract.tables, extract_date, population) for d in derived.derivers()}
    profile = plausibility.profile(extract.tables, extract.row_counts, extract_date, issues=len(extract.issues))
    return ParsedExtract(row_counts=dict(extract.row_counts), headings=dict(extract.headings),
                         teams=extract_teams(extract.tables), issues=list(extract.issues), derived=results,
                         profile=profile)


def extract_teams(tables):
    """{allocated team as written in the extract: rows naming it}, over lists 3-9 (the lists with a team),
    so the extract's team names can be mapped to the council's teams. Blank teams are not counted."""
    counts = {}
    for number in TEAM_LISTS:
        table = tables.get(number)
        if table is None or "allocated_team" not in table.column_names:
            continue
        for item in pc.value_counts(table.column("allocated_team")).to_pylist():
            name = item["values"]
            if name is None or not str(name).strip():
                continue
            counts[name] = counts.get(name, 0) + item["counts"]
    return dict(sorted(counts.items()))
