"""Issue 6's acceptance test: the same facts written tidily and written as councils really send them
(LIIA's headings and value variants for every coded column, text dates, numeric ids, fractional ages,
pivot and CamelCase headings; tests/annex_a_variants.py) give the same KPIs, by team too, from the CLI,
whether sent as a workbook or as a folder of CSV files."""

import csv
import json

import pytest

from triangulate.kpis.cli import main
from triangulate.kpis.registry import all_kpis

from ..annex_a_variants import tidy_sheets, variant_sheets, write_tidy, write_variants

PERIODS = [("2023-04-01", "2024-03-31"), ("2024-01-01", "2024-03-31"), ("2024-03-01", "2024-03-31")]


def _kpis(capsys, path, start, end):
    code = main(["--annex-a", str(path), "--start", start, "--end", end, "--population", "10000",
                 "--format", "json", "--by", "team"])
    out = capsys.readouterr()
    assert code == 0, out.err
    data = json.loads(out.out)
    return data["kpis"], data["by"]["team"], data["issues"]


def _csv_folder(folder, sheets):
    """Write each sheet as list_N.csv with every cell as a person's CSV export would hold it."""
    folder.mkdir()
    for name, rows in sheets.items():
        number = name.split()[1]
        with open(folder / f"list_{number}.csv", "w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            for row in rows:
                writer.writerow(["" if v is None else (v.strftime("%d/%m/%Y") if hasattr(v, "strftime") else v)
                                 for v in row])
    return folder


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    folder = tmp_path_factory.mktemp("editions")
    return {
        "tidy": write_tidy(folder / "tidy.xlsx"),
        "variants": write_variants(folder / "variants.xlsx"),
        "variants_csv": _csv_folder(folder / "variants_csv", variant_sheets()),
        "tidy_csv": _csv_folder(folder / "tidy_csv", tidy_sheets()),
    }


@pytest.mark.parametrize("start,end", PERIODS)
@pytest.mark.parametrize("edition", ["variants", "variants_csv", "tidy_csv"])
def test_every_edition_gives_the_tidy_editions_kpis(capsys, editions, edition, start, end):
    tidy, tidy_teams, tidy_issues = _kpis(capsys, editions["tidy"], start, end)
    other, other_teams, other_issues = _kpis(capsys, editions[edition], start, end)
    assert tidy_issues == [] and other_issues == []  # every variant was read: nothing unreadable or absent
    assert set(tidy) == set(all_kpis())
    for kpi_id in tidy:
        assert other[kpi_id] == tidy[kpi_id], kpi_id
    assert other_teams == tidy_teams


def test_the_facts_exercise_the_coded_columns(capsys, editions):
    """Guard against a vacuous comparison: the figures that hang on coded values are real numbers."""
    kpis, teams, _ = _kpis(capsys, editions["tidy"], "2023-04-01", "2024-03-31")
    assert kpis["cla_open"]["value"] > 0  # short breaks (V3) excluded, the rest counted
    assert kpis["cin_plan_seen_in_timescale_pct"]["denominator"] > 0  # "CIN plan" recognised
    assert kpis["cl_19_21"]["value"] > 0
    assert kpis["referral_nfa_pct"]["numerator"] > 0
    assert "Unallocated" not in teams or "contacts" not in teams["Unallocated"]
