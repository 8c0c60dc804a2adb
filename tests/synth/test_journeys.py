"""The synthetic Annex A generator (pure Python: no database)."""

import csv
from datetime import date

import numpy as np
import pytest
from python_calamine import CalamineWorkbook

from triangulate.datasets.parsers.annex_a.schema import LISTS
from triangulate.kpis.calendar import is_working_day, wd
from triangulate.synth.journeys import SHEET_NAMES, csv_name, generate, write_annex_a

X = date(2026, 3, 31)
YEAR_START = date(2025, 4, 1)
N = 20_000


@pytest.fixture(scope="module")
def tables():
    return generate(N, 7, X)


def _dates(t, key):
    return [v for v in t.column(key).to_pylist()]


def test_every_list_has_every_schema_column_with_the_right_types(tables):
    assert sorted(tables) == list(range(1, 12))
    for n, t in tables.items():
        assert t.column_names == LISTS[n].keys
        for col in LISTS[n].columns:
            typ = str(t.schema.field(col.key).type)
            assert typ == {"date": "date32[day]", "int": "int64"}.get(col.kind, "string"), (n, col.key, typ)
        assert t.num_rows > 0, n


def test_same_seed_same_tables_and_other_seed_differs(tables):
    again = generate(N, 7, X)
    assert all(again[n].equals(tables[n]) for n in tables)
    other = generate(N, 8, X)
    assert not other[3].equals(tables[3])


def test_sizes_scale_with_children():
    small, big = generate(5_000, 1, X), generate(20_000, 1, X)
    for n in (1, 3, 4, 6):
        ratio = big[n].num_rows / small[n].num_rows
        assert 2.8 < ratio < 5.5, (n, ratio)


def _per_10k(count):
    return count / N * 10_000


def _in_year(values):
    return [v for v in values if v is not None and YEAR_START <= v <= X]


def test_rates_are_england_like(tables):
    contacts = _in_year(_dates(tables[1], "contact_date"))
    assert 1_200 < _per_10k(len(contacts)) < 2_600
    t3 = tables[3]
    rows = [i for i, d in enumerate(_dates(t3, "referral_date")) if YEAR_START <= d <= X]
    assert 380 < _per_10k(len(rows)) < 700
    counts = t3.column("referrals_last_12m").to_pylist()
    nfa = t3.column("referral_nfa").to_pylist()
    assert 0.14 < np.mean([counts[i] > 1 for i in rows]) < 0.32
    assert 0.03 < np.mean([nfa[i] == "Yes" for i in rows]) < 0.14
    t4 = tables[4]
    pairs = [(s, a) for s, a in zip(_dates(t4, "assessment_start"), _dates(t4, "assessment_authorised"))
             if a is not None and YEAR_START <= a <= X]
    assert 370 < _per_10k(len(pairs)) < 680
    days = [wd(s, a) for s, a in pairs]
    assert 0.7 < np.mean([d <= 45 for d in days]) < 0.92
    assert 22 <= np.median(days) <= 40
    t5 = tables[5]
    s47 = _in_year(_dates(t5, "s47_start"))
    assert 130 < _per_10k(len(s47)) < 260
    icpc = [(s, i) for s, i in zip(_dates(t5, "s47_start"), _dates(t5, "icpc_date")) if i and YEAR_START <= i <= X]
    assert 40 < _per_10k(len(icpc)) < 95
    assert 0.65 < np.mean([wd(s, i) <= 15 for s, i in icpc]) < 0.92
    t6 = tables[6]
    open_cin = {c for c, s, e in zip(t6.column("child_id").to_pylist(), _dates(t6, "cin_start"),
                                     _dates(t6, "cin_closure")) if s <= X and e is None}
    assert 240 < _per_10k(len(open_cin)) < 450
    t7 = tables[7]
    open_cp = {c for c, e in zip(t7.column("child_id").to_pylist(), _dates(t7, "cp_end")) if e is None}
    assert 25 < _per_10k(len(open_cp)) < 70
    starts = [i for i, s in enumerate(_dates(t7, "cp_start")) if YEAR_START <= s <= X]
    prev = t7.column("previous_cp_plans").to_pylist()
    assert 0.1 < np.mean([prev[i] > 0 for i in starts]) < 0.4
    t8 = tables[8]
    legal = t8.column("legal_status").to_pylist()
    ends = _dates(t8, "cla_end")
    open_cla = [i for i in range(t8.num_rows) if ends[i] is None and legal[i] not in ("V3", "V4")]
    assert 45 < _per_10k(len(open_cla)) < 100
    assert any(v in ("V3", "V4") for v in legal)
    placements = t8.column("placements_last_12m").to_pylist()
    assert 0.03 < np.mean([placements[i] >= 3 for i in open_cla]) < 0.2
    ages = tables[9].column("age").to_pylist()
    assert 10 < _per_10k(sum(19 <= a <= 21 for a in ages)) < 60
    orders = _dates(tables[10], "adoption_order")
    assert 0 < sum(o is not None for o in orders) < _per_10k(15) * 3


def test_nothing_is_dated_after_the_extract_and_births_match_ages(tables):
    for n, t in tables.items():
        for col in LISTS[n].columns:
            if col.kind == "date":
                values = [v for v in t.column(col.key).to_pylist() if v is not None]
                assert not values or max(values) <= X, (n, col.key)
        if "age" in t.column_names:
            for dob, age in zip(t.column("date_of_birth").to_pylist()[:2000], t.column("age").to_pylist()[:2000]):
                had_birthday = (X.month, X.day) >= (dob.month, dob.day)
                assert age == X.year - dob.year - (not had_birthday)


def test_contacts_and_referrals_fall_on_working_days(tables):
    assert all(is_working_day(d) for d in _dates(tables[1], "contact_date")[:5000])
    assert all(is_working_day(d) for d in _dates(tables[3], "referral_date"))


def test_cp_plans_start_at_an_icpc_for_the_same_child(tables):
    t5, t7 = tables[5], tables[7]
    icpcs = {(c, d) for c, d, y in zip(t5.column("child_id").to_pylist(), _dates(t5, "icpc_date"),
                                         t5.column("icpc_to_cp").to_pylist()) if d and y == "Yes"}
    window = date(2023, 6, 1)  # S47s start up to 35 working days before their ICPC
    plans = [(c, s) for c, s in zip(t7.column("child_id").to_pylist(), _dates(t7, "cp_start")) if s >= window]
    assert plans and all(p in icpcs for p in plans)


def test_teams_follow_the_work(tables):
    assert {t.split()[0] for t in tables[7].column("allocated_team").to_pylist()} <= {"Safeguarding", "Adolescent"}
    assert set(tables[9].column("allocated_team").to_pylist()) == {"Care Leavers 18+"}
    teams8 = set(tables[8].column("allocated_team").to_pylist())
    assert teams8 <= {"Children in Care North and South", "Children in Care East and West", "Disabled Children's Team"}
    custom = generate(2_000, 1, X, teams={"assessment": ["A1", "A2"], "front_door": ["FD"],
                                          "locality_safeguarding": ["S1", "S2"], "children_in_care": ["CIC"],
                                          "care_leavers": ["CL"]})
    assert set(custom[9].column("allocated_team").to_pylist()) <= {"CL"}
    assert set(custom[3].column("allocated_team").to_pylist()) <= {"A1", "A2", "FD"}


def test_xlsx_is_readable_with_exact_sheet_names_and_headings(tables, tmp_path):
    path = tmp_path / "annex_a.xlsx"
    write_annex_a(tables, path)
    wb = CalamineWorkbook.from_path(str(path))
    assert wb.sheet_names == [SHEET_NAMES[n] for n in range(1, 12)]
    assert SHEET_NAMES[1] == "List 1 - Contacts"
    for n in range(1, 12):
        rows = wb.get_sheet_by_name(SHEET_NAMES[n]).to_python()
        assert rows[0] == [c.heading for c in LISTS[n].columns]
        assert len(rows) == tables[n].num_rows + 1
    rows = wb.get_sheet_by_name(SHEET_NAMES[3]).to_python()
    assert rows[1][0] == tables[3].column("child_id")[0].as_py()
    assert rows[1][LISTS[3].keys.index("referral_date")] == tables[3].column("referral_date")[0].as_py()


def test_csv_folder(tables, tmp_path):
    write_annex_a(tables, tmp_path / "csv", fmt="csv")
    assert csv_name(1) == "list_1_contacts.csv"
    for n in range(1, 12):
        with open(tmp_path / "csv" / csv_name(n), newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        assert rows[0] == [c.heading for c in LISTS[n].columns]
        assert len(rows) == tables[n].num_rows + 1
    with open(tmp_path / "csv" / csv_name(3), newline="", encoding="utf-8") as f:
        first = next(csv.DictReader(f))
    assert first["Date of referral"] == tables[3].column("referral_date")[0].as_py().isoformat()


def _aliases_ok(n, heading):
    def norm(s):
        return " ".join(s.lower().split())
    return any(norm(heading) in {norm(c.heading), *(norm(a) for a in c.aliases)} for c in LISTS[n].columns)


def test_messy_xlsx_and_csv_carry_the_injected_messiness(tables, tmp_path):
    log = write_annex_a(tables, tmp_path / "messy.xlsx", messy=True, seed=5)
    again = write_annex_a(tables, tmp_path / "messy2.xlsx", messy=True, seed=5)
    assert log == again
    wb = CalamineWorkbook.from_path(str(tmp_path / "messy.xlsx"))
    cells = {n: wb.get_sheet_by_name(SHEET_NAMES[n]).to_python() for n in range(1, 12)}
    for n in range(1, 12):
        assert all(_aliases_ok(n, h) for h in cells[n][0]), n
    assert "Referral Date" in cells[3][0] and "DOB" in cells[1][0]
    flat = [v for n in cells for row in cells[n][1:] for v in row if isinstance(v, str)]
    assert "a) Yes" in flat or "b) No" in flat
    assert any(v.startswith(("N1 - ", "N5 - ")) for v in flat)
    assert any(": " in v and v[:2] in ("V2", "C2", "C1") for v in flat)
    assert "31/02/2024" in flat and "unknown" in flat
    assert any(v != v.strip() for v in flat) and any("\u00a0" in v for v in flat)
    assert isinstance(cells[1][1][0], float)  # child ids as numbers in list 1
    serial = cells[6][1][LISTS[6].keys.index("cin_start")]
    assert isinstance(serial, float) and 30_000 < serial < 47_000  # Excel serial number
    text_date = cells[7][1][LISTS[7].keys.index("cp_start")]
    assert isinstance(text_date, str) and text_date[2] == "/"
    write_annex_a(tables, tmp_path / "csv", fmt="csv", messy=True, seed=5)
    with open(tmp_path / "csv" / csv_name(1), newline="", encoding="utf-8") as f:
        row = next(csv.DictReader(f))
    assert row["Child Unique ID"].endswith(".0") and row["DOB"][2] == "/"


def test_a_messy_workbook_reads_back_to_the_same_facts_apart_from_the_injected_bad_dates(tmp_path):
    from datetime import date as day

    from triangulate.datasets.parsers.annex_a.reader import read_annex_a
    from triangulate.synth.journeys import generate, write_annex_a

    tables = generate(3_000, 5, day(2025, 3, 31))
    path = tmp_path / "messy.xlsx"
    log = write_annex_a(tables, path, fmt="xlsx", messy=True, seed=5)
    extract = read_annex_a(path)
    bad_rows = {(n, row) for n, row, _heading, _value in log["invalid_dates"]}
    for number in (4, 6, 7, 8):
        clean, read = tables[number].to_pylist(), extract.tables[number].to_pylist()
        assert len(clean) == len(read)
        for i, (a, b) in enumerate(zip(clean, read, strict=True)):
            if (number, i + 2) in bad_rows:
                continue
            dates = [k for k, v in a.items() if isinstance(v, day)]
            assert {k: a[k] for k in dates} == {k: b[k] for k in dates}, (number, i + 2)
