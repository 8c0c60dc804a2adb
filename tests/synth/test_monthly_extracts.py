"""Monthly extracts cut from one simulation: each as the case system would have produced it that day."""

from datetime import date, timedelta

import numpy as np
import pytest

from triangulate.datasets.parsers.annex_a.schema import LISTS
from triangulate.kpis.engine import Engine
from triangulate.kpis.periods import Period, add_months, calendar_months
from triangulate.synth.journeys import cut_extract, generate, generate_series, simulate_journeys
from triangulate.synth.journeys.keyed import KeyedRandom

N = 20_000
LAST = date(2026, 3, 31)
CUTS = [p.end for p in calendar_months(LAST, 4)]  # 31 Dec 2025 ... 31 Mar 2026


@pytest.fixture(scope="module")
def extracts():
    return dict(generate_series(N, 11, CUTS))


def _rows(table, *keys):
    return list(zip(*(table.column(k).to_pylist() for k in keys), strict=True))


def test_a_cut_extract_has_nothing_dated_after_its_cut(extracts):
    assert list(extracts) == CUTS
    for cut, tables in extracts.items():
        for number, table in tables.items():
            for col in LISTS[number].columns:
                if col.kind == "date":
                    values = [v for v in table.column(col.key).to_pylist() if v is not None]
                    assert not values or max(values) <= cut, (cut, number, col.key)


def test_an_episode_open_at_an_earlier_cut_has_no_end_date_there(extracts):
    first, last = extracts[CUTS[0]][7], extracts[CUTS[-1]][7]
    ended_later = {(c, s): e for c, s, e in _rows(last, "child_id", "cp_start", "cp_end")
                   if e is not None and CUTS[0] < e <= CUTS[-1] and s <= CUTS[0]}
    assert ended_later
    then = {(c, s): e for c, s, e in _rows(first, "child_id", "cp_start", "cp_end")}
    assert all(then[plan] is None for plan in ended_later)


def test_lists_1_to_5_cover_the_years_before_each_cut(extracts):
    for cut, tables in extracts.items():
        start = date(cut.year - 3, cut.month, cut.day) + timedelta(days=1)
        for number, key in ((1, "contact_date"), (3, "referral_date"), (5, "s47_start")):
            dates = [d for d in tables[number].column(key).to_pylist() if d is not None]
            assert start <= min(dates) <= start + timedelta(days=10), (cut, number)
            assert cut - timedelta(days=10) <= max(dates) <= cut, (cut, number)


def test_facts_fixed_once_they_happen_read_the_same_in_every_extract(extracts):
    a, b = extracts[CUTS[0]], extracts[CUTS[-1]]
    # referrals: the same rows for the same dates (counts of referrals in the last 12 months included)
    keys = ("child_id", "referral_date", "referral_nfa", "referrals_last_12m", "allocated_team")
    common = (CUTS[-1] - timedelta(days=3 * 365 - 20), CUTS[0])
    ra = [r for r in _rows(a[3], *keys) if common[0] <= r[1] <= common[1]]
    rb = [r for r in _rows(b[3], *keys) if common[0] <= r[1] <= common[1]]
    assert ra and sorted(ra) == sorted(rb)
    # a CP plan that had ended by the first cut has the same last visit and reviews in the last one
    keys = ("child_id", "cp_start", "cp_end", "last_visit", "latest_review", "seen_alone")
    ended = {r[:2]: r for r in _rows(a[7], *keys) if r[2] is not None and r[2] >= common[0]}
    later = {r[:2]: r for r in _rows(b[7], *keys)}
    assert ended and all(later[k] == r for k, r in ended.items())
    # a child in care keeps the legal route and placement provider of a period that started before both cuts
    keys = ("child_id", "cla_start", "placement_provider", "placement_postcode", "category_of_need")
    open_a = {r[:2]: r for r in _rows(a[8], *keys)}
    open_b = {r[:2]: r for r in _rows(b[8], *keys)}
    both = set(open_a) & set(open_b)
    assert len(both) > 50
    assert np.mean([open_a[k] == open_b[k] for k in both]) > 0.9  # a few change type as the child grows up


def test_as_at_facts_are_as_at_each_cut(extracts):
    """Last visits follow the cut: a plan open at two cuts has its last visit within a month of each."""
    for cut, tables in extracts.items():
        visits = [v for v, e in _rows(tables[7], "last_visit", "cp_end") if e is None]
        assert visits and all((cut - v).days <= 45 for v in visits)
        assert np.mean([(cut - v).days <= 14 for v in visits]) > 0.7


def test_the_latest_cut_is_the_same_whether_cut_alone_or_in_a_series(extracts):
    journeys = simulate_journeys(N, 11, LAST, earliest=CUTS[0])
    again = cut_extract(journeys, CUTS[1])
    assert all(again[n].equals(extracts[CUTS[1]][n]) for n in again)
    alone = generate(3_000, 2, LAST)
    assert all(alone[n].equals(t) for n, t in dict(generate_series(3_000, 2, [LAST]))[LAST].items())


SNAPSHOT_BANDS = {  # plausible monthly values for this synthetic council (England-like)
    "cp_visits_in_timescale_pct": (70, 98),
    "cin_plan_seen_in_timescale_pct": (65, 95),
    "cla_visits_in_timescale_pct": (70, 98),  # one children in care team is strained (story.py)
    "cla_reviews_in_timescale_pct": (85, 100),
    "cl_pathway_plan_in_date_pct": (70, 97),
}


def test_snapshot_kpis_from_each_cut_stay_in_a_plausible_band_month_by_month(extracts):
    series = {k: [] for k in SNAPSHOT_BANDS}
    for cut, tables in extracts.items():
        year = Period(add_months(cut + timedelta(days=1), -12), cut)
        results = Engine(tables, population=N).run([year], kpi_ids=list(SNAPSHOT_BANDS))
        for kpi_id in SNAPSHOT_BANDS:
            series[kpi_id].append(results.kpis[kpi_id][0].value)
    for kpi_id, values in series.items():
        low, high = SNAPSHOT_BANDS[kpi_id]
        assert all(low <= v <= high for v in values), (kpi_id, values)
        assert max(values) - min(values) < 15, (kpi_id, values)  # no cliff from one month to the next


def test_keyed_draws_depend_only_on_the_row_and_the_call():
    a = KeyedRandom(5, np.array([1, 2, 3, 4]))
    b = KeyedRandom(5, np.array([3, 9]))
    first_a, first_b = a.random(4), b.random(2)
    assert first_a[2] == first_b[0]
    assert a.integers(0, 10, 4)[2] == b.integers(0, 10, 2)[0]
    with pytest.raises(ValueError):
        a.random(3)
    many = KeyedRandom(1, np.arange(50_000))
    assert abs(many.random(50_000).mean() - 0.5) < 0.01
    assert abs(many.poisson(1.7, 50_000).mean() - 1.7) < 0.05
    assert abs(many.exponential(3.0, 50_000).mean() - 3.0) < 0.1
    assert abs(many.geometric(0.35, 50_000).mean() - 1 / 0.35) < 0.1
    picks = many.choice(3, 50_000, p=[0.2, 0.3, 0.5])
    assert abs((picks == 2).mean() - 0.5) < 0.01


def test_the_synth_command_writes_monthly_extracts(tmp_path):
    from triangulate.datasets.parsers.annex_a.reader import read_annex_a
    from triangulate.synth.cli import main

    assert main(["--out", str(tmp_path), "--months", "2", "--children", "2000", "--extract-date", "2026-03-20",
                 "--format", "csv", "--messy"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["annex_a_2026_01_31", "annex_a_2026_02_28"]
    extract = read_annex_a(tmp_path / "annex_a_2026_02_28")
    assert max(extract.tables[3].column("referral_date").to_pylist()) <= date(2026, 2, 28)
