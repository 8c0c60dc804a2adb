"""The KPI page beyond its table (performance/kpi_page.py, kpi_spc.py, kpi_distributions.py): the plain-English
definition, the benchmarks as lines, the control chart with its signal in a sentence, and how long the
work took, each worked out by hand below, and each as an elected member may see it."""

import html as entities
import json
import re
from collections import Counter
from datetime import date
from types import SimpleNamespace

import pyarrow.parquet as pq
import pytest

from triangulate.benchmarks.services import upload_benchmarks
from triangulate.core import charts, disclosure
from triangulate.core.roles import Role
from triangulate.datasets import storage
from triangulate.kpis.distributions import MEASURES, Distribution
from triangulate.kpis.periods import calendar_months
from triangulate.kpis.spc import xmr
from triangulate.people.models import StatisticalNeighbour
from triangulate.performance import chart_cache, kpi_distributions, kpi_spc
from triangulate.performance.presenters import Audience

from ..kpis.helpers import table
from ..kpis.test_distributions import ASSESSMENTS
from .test_pages import MARCH, extract, page, store, table_rows

KPI = "assessments_within_45wd_pct"


@pytest.fixture
def upload(world):
    return extract(world, MARCH)


def store_months(upload, kpi_id, figures):
    """figures: (numerator, denominator) or a count, one per month of the 24 to March 2025, oldest first."""
    for month, figure in zip(calendar_months(MARCH, 24), figures, strict=True):
        n, d = figure if isinstance(figure, tuple) else (figure, None)
        store(upload, kpi_id, 100 * n / d if d else n, n, d, period=(month.start, month.end))


def figure_of(html, chart_id):
    match = re.search(rf'<figure[^>]*>(?:(?!</figure>).)*id="{chart_id}-caption".*?</figure>', html, re.S)
    assert match, chart_id
    return match.group(0)


def symbols(svg):
    """Counter of the fill colours of the points drawn (legend symbols apart)."""
    group = re.search(r'<g class="mark-symbol role-mark[^"]*"[^>]*>(.*?)</g>', svg, re.S).group(1)
    return Counter(re.findall(r'fill="(#[0-9a-f]{6})"', group))


# April 2023 ... March 2025: 87, 85 alternating for 17 months (ending on 87 in August 2024), then seven 83s.
# Mean 2,044 / 24 = 85.1667; moving ranges 16 × 2, then 4, then six 0: mean 36 / 23 = 1.56522;
# limits 85.1667 ± 2.66 × 1.56522 = 81.0032 and 89.3301; near-lower line 85.1667 - 1.77333 × 1.56522 = 82.391,
# so the 83s are not near a limit; the seven in a row below the mean are a shift: higher is better, a concern.
SHIFT = [(87, 100), (85, 100)] * 8 + [(87, 100)] + [(83, 100)] * 7


def test_the_control_chart_states_the_signal_and_tables_its_data(world, client_for, upload):
    store_months(upload, KPI, SHIFT)
    store(upload, KPI, 100 * 1012 / 1200, 1012, 1200)
    html = page(client_for(world.users[Role.QA_LEAD]), "performance:kpi_detail", KPI)
    figure = figure_of(html, "spc")
    assert ('<p class="govuk-body" id="spc-finding">Special cause of concern: the last 7 months were all below the '
            "average of 85.2% (from September 2024 to March 2025).</p>") in figure
    assert 'aria-labelledby="spc-caption spc-finding"' in figure
    assert ">Average 85.2%</text>" in figure and ">Process limits (81.0% to 89.3%)</text>" in figure
    assert ">Special cause: concern</text>" in figure and ">Common cause variation</text>" in figure
    assert symbols(figure) == {"#b35900": 7, "#6f777b": 17}  # concern (orange diamonds), common cause (grey)
    rows = table_rows(html, "control chart")
    assert len(rows) == 24
    assert rows["March 2025"] == ["83.0%", "85.2%", "81.0%", "89.3%",
                                  "Concern: below the average 7 or more months in a row"]
    assert rows["August 2024"] == ["87.0%", "85.2%", "81.0%", "89.3%", "Common cause"]


def test_no_signal_says_common_cause_only(world, client_for, upload):
    store_months(upload, KPI, [(80, 100), (82, 100)] * 12)
    html = page(client_for(world.users[Role.QA_LEAD]), "performance:kpi_detail", KPI)
    assert "Common cause variation only: no signal in 24 months.</p>" in figure_of(html, "spc")


def test_an_earlier_signal_is_counted_and_a_point_outside_the_limits_named(world, client_for, upload):
    # 12 × 10 then one 30 (kpis/spc tests): mean 150 / 13 = 11.538, upper limit 11.538 + 2.66 × 20/12 = 15.97;
    # the twelve 10s are a shift below, 30 is above the limit; counts here, so 24 months are 11 of 10s first
    counts = [10] * 11 + [10] * 12 + [30]
    store_months(upload, "referrals", counts)
    store(upload, "referrals", 150, 150)
    html = page(client_for(world.users[Role.QA_LEAD]), "performance:kpi_detail", "referrals")
    # mean 260 / 24 = 10.833, moving ranges 22 × 0 and 20: mean 20 / 23 = 0.8696, upper 13.146
    assert ("Special cause variation (for this measure neither better nor worse in itself): March 2025 (30.0) "
            "was above the upper process limit of 13.1. 1 earlier signal is marked in the table.") in html


def test_an_elected_member_gets_no_control_chart_when_a_month_is_hidden_and_is_told_why(world, client_for, upload):
    counts = [7] * 12 + [8, 2, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]  # May 2024 (2) and April 2024 go
    store_months(upload, "referrals", counts)
    store(upload, "referrals", sum(counts[12:]), sum(counts[12:]))
    member = page(client_for(world.users[Role.ELECTED_MEMBER]), "performance:kpi_detail", "referrals")
    assert ('<p class="govuk-body" id="spc-finding">No control chart is shown: 2 months are suppressed to protect '
            "small numbers, and an average and limits worked out without them would mislead.</p>") in member
    assert 'id="spc-caption"' not in member
    lead = page(client_for(world.users[Role.QA_LEAD]), "performance:kpi_detail", "referrals")
    assert 'id="spc-caption"' in lead


def test_an_elected_member_sees_the_control_chart_when_nothing_is_hidden(world, client_for, upload):
    store_months(upload, KPI, SHIFT)
    store(upload, KPI, 100 * 1012 / 1200, 1012, 1200)
    member = page(client_for(world.users[Role.ELECTED_MEMBER]), "performance:kpi_detail", KPI)
    assert "Special cause of concern: the last 7 months were all below the average of 85.2%" in member


def test_a_count_leaves_out_the_month_the_extract_ends_part_way_through(world, client_for):
    upload = extract(world, date(2025, 3, 15))
    for month in calendar_months(MARCH, 24):
        store(upload, "referrals", 5 if month.end == MARCH else 20, period=(month.start, month.end))
    html = entities.unescape(page(client_for(world.users[Role.QA_LEAD]), "performance:kpi_detail", "referrals"))
    assert ("March 2025 is left out: the extract ends part-way through it, so its count is not a whole "
            "month's.") in html
    assert "Common cause variation only: no signal in 23 months." in html


# ---- benchmarks ---------------------------------------------------------------------------------------

def test_the_region_and_statistical_neighbours_are_dashed_lines_in_the_legend_and_the_table(world, client_for, upload):
    council = world.own.council  # North East
    StatisticalNeighbour.objects.bulk_create(StatisticalNeighbour(council=council, rank=r, name=f"Neighbour {r}",
                                                                  la_code=str(900 + r)) for r in range(1, 5))
    upload_benchmarks(actor=world.users[Role.QA_LEAD], council=council, original_name="figures.csv", file=(
        "kpi_id,area_type,area_code,area_name,year,value,note\n"
        f"{KPI},region,E12000001,North East,2024-25,80,check the release\n"
        f"{KPI},la,901,Neighbour 1,2024-25,81,\n{KPI},la,902,Neighbour 2,2024-25,84,\n").encode())
    store_months(upload, KPI, [(80, 100), (82, 100)] * 12)
    store(upload, KPI, 81.0, 972, 1200)
    html = page(client_for(world.users[Role.QA_LEAD]), "performance:kpi_detail", KPI)
    trend = entities.unescape(figure_of(html, "trend"))
    for label in ("England (2024-25)", "North East (2024-25)", "Statistical neighbours (2024-25, 2 of 4)"):
        assert f">{label}</text>" in trend, label
    assert trend.count('stroke-dasharray="6,4"') >= 1 and trend.count('stroke-dasharray="2,2"') >= 1
    assert ("Latest 82.0% (March 2025), the same as a year earlier (March 2024); England 85.7% (2024-25); "
            "North East 80% (2024-25); statistical neighbours' average 82.5% (2024-25).</p>") in trend
    assert table_rows(html, "Benchmark lines on the chart") == {
        "England (2024-25)": ["85.7%"], "North East (2024-25)": ["80%"],
        "Statistical neighbours (2024-25, 2 of 4)": ["82.5%"]}
    # beside the year's figure (81.0%), with the judgement in words; the analyst's note only for analysts
    assert "Statistical neighbours (average of 2 of 4)" in html and "check the release" in html
    assert "check the release" not in page(client_for(world.users[Role.AUDITOR]), "performance:kpi_detail", KPI)


def test_the_page_starts_with_what_the_measure_means(world, client_for, upload):
    html = page(client_for(world.users[Role.ELECTED_MEMBER]), "performance:kpi_detail", KPI)
    assert "the statutory limit is 45 working days from the start of the assessment to its authorisation" in html
    assert "Assessments authorised in the period that have a start date." in html
    assert "Higher is better." in html


# ---- how long it took -------------------------------------------------------------------------------

def test_the_assessment_durations_are_binned_and_within_45_is_the_kpis_numerator(world, client_for, settings,
                                                                                  tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    kpi_distributions._compute.cache_clear()
    upload = extract(world, date(2026, 3, 31))  # the 12 months to it hold ASSESSMENTS (test_distributions)
    storage.write_tables(upload.pk, {4: table(4, ASSESSMENTS)})
    # what the engine stores for them (test_distributions checks the engine gives 5 of 7, 2 excluded)
    store(upload, KPI, 100 * 5 / 7, 5, 7, excluded=2, period=(date(2025, 4, 1), date(2026, 3, 31)))
    html = page(client_for(world.users[Role.QA_LEAD]), "performance:kpi_detail", KPI)
    rows = table_rows(html, "Assessment duration")
    assert {k: v[1] for k, v in rows.items()} == {
        "Before the start date (a data error)": "1", "0 to 10": "2", "11 to 20": "1", "21 to 30": "0",
        "31 to 45": "1", "46 to 60": "1", "Over 60": "1"}
    assert rows["31 to 45"][0] == "Within 45 working days" and rows["46 to 60"][0] == "Over 45 working days"
    assert ("Of 7 assessments in the 12 months to 31 March 2026, 5 (71.4%) took 45 working days or fewer; "
            "1 took over 60 working days.") in html
    assert "5 of 7" in html  # the measure's own figure beside it: the same 5 and 7
    assert "Left out for a missing or unreadable date, as the measure leaves them out: 2." in html


def test_the_counts_are_kept_beside_the_tables_for_every_worker_and_a_replaced_table_is_read_again(
        world, client_for, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    kpi_distributions._compute.cache_clear()
    upload = extract(world, date(2026, 3, 31))
    storage.write_tables(upload.pk, {4: table(4, ASSESSMENTS)})
    first = kpi_distributions.computed_for(upload)["assessment_days"]
    kept = storage.upload_folder(upload.pk) / kpi_distributions.CACHE_FILE
    saved = json.loads(kept.read_text())
    assert saved["results"]["assessment_days"] == {"counts": [1, 2, 1, 0, 1, 1, 1], "excluded": 2}
    # another web worker (an empty process cache) reads the file, not the tables: what the file says is used
    saved["results"]["assessment_days"]["counts"] = [0, 3, 1, 0, 1, 1, 1]
    kept.write_text(json.dumps(saved))
    kpi_distributions._compute.cache_clear()
    assert kpi_distributions.computed_for(upload)["assessment_days"].counts == (0, 3, 1, 0, 1, 1, 1)
    # a table written again (new file stamps) is read again, and the file rewritten
    kpi_distributions._compute.cache_clear()
    pq.write_table(table(4, ASSESSMENTS), storage.upload_folder(upload.pk) / "list_4.parquet")
    again = kpi_distributions.computed_for(upload)["assessment_days"]
    assert again == first  # worked out from the table again, not the file's altered counts
    assert json.loads(kept.read_text())["key"] != saved["key"]
    # an unreadable file is worked out again, never an error
    kept.write_text("{not json")
    kpi_distributions._compute.cache_clear()
    assert kpi_distributions.computed_for(upload)["assessment_days"] == again


def test_without_the_extracts_tables_the_page_says_so(world, client_for, upload, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "empty"
    html = page(client_for(world.users[Role.QA_LEAD]), "performance:kpi_detail", KPI)
    assert "records are not held on the server any more" in html


def test_an_elected_member_sees_small_bins_suppressed_within_each_side_of_the_limit():
    # within 45: 3 (hidden), 20, 15, 10 (hidden with it: the numerator 48 would give the 3 away);
    # over 45: 7 and 8, both shown (their total 15 is the complement, also shown)
    measure = MEASURES["assessment_days"]
    result = Distribution(measure, (0, 3, 20, 15, 10, 7, 8), excluded=2)
    upload = type("Upload", (), {"extract_date": MARCH})
    member = kpi_distributions._shown(measure, result, upload, Audience(controlled=True))
    assert [(r["label"], r["value"]) for r in member["rows"]] == [
        ("0 to 10", "suppressed"), ("11 to 20", "20"), ("21 to 30", "15"), ("31 to 45", "suppressed"),
        ("46 to 60", "7"), ("Over 60", "8")]
    assert member["excluded"] == disclosure.fewer_than()
    labels = re.findall(r'<g class="mark-text role-mark[^"]*"[^>]*>(.*?)</g>', str(member["chart"].svg), re.S)
    drawn = re.findall(r">([^<]+)</text>", "".join(labels))
    assert sorted(drawn) == sorted(["suppressed", "20", "15", "suppressed", "7", "8"])
    lead = kpi_distributions._shown(measure, result, upload, Audience(controlled=False))
    assert [r["value"] for r in lead["rows"]] == ["3", "20", "15", "10", "7", "8"] and lead["excluded"] == "2"


def test_an_elected_member_sees_no_distribution_when_the_measure_itself_is_hidden():
    # 3 of 40 over the limit: the complement is small, so the measure's figure is hidden, and the bins with it
    measure = MEASURES["assessment_days"]
    result = Distribution(measure, (0, 10, 10, 10, 7, 3, 0), excluded=0)
    upload = type("Upload", (), {"extract_date": MARCH})
    member = kpi_distributions._shown(measure, result, upload, Audience(controlled=True))
    assert member["chart"] is None and member["rows"] == []
    assert member["finding"].startswith("Not shown: fewer than 6 were within the limit or over it")


# ---- the signal's sentence for each rule (series from tests/kpis/test_spc.py, worked there by hand) -------

def signal_of(values, polarity="higher", unit="count"):
    months = [date(2025 + (i // 12), i % 12 + 1, 1) for i in range(len(values))]  # January 2025 onwards
    labels = [f"{m:%B %Y}" for m in months]
    result = xmr(labels, values, polarity)
    return kpi_spc.sentence(SimpleNamespace(unit=unit), result, dict(zip(labels, months, strict=True)))


def test_a_trend_is_stated_with_its_months():
    # 10 -> 15 over the last six months (July to December 2025), higher is better
    assert signal_of([10, 12, 10, 12, 10, 12, 10, 11, 12, 13, 14, 15]) == \
        ("Special cause of improvement: the figure has risen month after month for the last 6 months "
         "(from July to December 2025).")


def test_two_of_three_near_a_limit_names_the_three_months():
    # near-upper line 13.947, upper limit 14.952: January and March 2026 (14) are near it, February (13) not
    assert signal_of([11, 12] * 6 + [14, 13, 14, 12]) == \
        ("Special cause of improvement: 2 of 3 months in a row were close to the upper process limit of 15.0 "
         "(from January to March 2026).")


def test_a_run_that_ended_is_not_called_the_last():
    # mean (88 + 56 + 44) / 19 = 9.8947: every 10 and 12 is above it, every 8 below; moving ranges 26 / 18 = 1.444,
    # so no point is outside (6.05 to 13.74) or near a limit (the near-lower line is 7.33). Lower is better:
    # the eight months above the mean first are a concern, the seven 8s (September 2025 to March 2026) an
    # improvement, the latest signal, over before the last four months
    values = [10, 12] * 4 + [8] * 7 + [10, 12] * 2
    assert signal_of(values, polarity="lower") == (
        "Special cause of improvement: 7 months in a row were below the average of 9.9 (from September 2025 to "
        "March 2026). 1 earlier signal is marked in the table.")


def test_a_run_counts_its_months_that_a_rule_higher_in_the_order_names():
    # mean (50 * 6 + 52 * 6 + 46 * 2 + 49 * 5) / 19 = 949 / 19 = 49.947; the last 7 months (46, 46, then five
    # 49s, January to July 2026) are all below it. The two 46s are near the lower limit (two of three, a rule
    # that comes first), but they are still months of the run: "the last 7", not "the last 5"
    assert signal_of([50, 52] * 6 + [46, 46, 49, 49, 49, 49, 49]) == (
        "Special cause of concern: the last 7 months were all below the average of 49.9 (from January to July "
        "2026). 1 earlier signal is marked in the table.")


def test_a_chart_drawn_by_one_worker_is_read_from_disk_by_the_next(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    chart_cache.clear()
    points = [{"series": "Council", "date": date(2025, 1, 1), "value": 5.0}]
    first = chart_cache.draw(charts.line, "trend", points, y_title="Number")
    (kept,) = (tmp_path / "cache" / "charts").rglob("*.svg")
    assert kept.read_text() == str(first.svg) and not list(kept.parent.glob("*.part"))
    chart_cache.clear()  # another process: an empty memory
    again = chart_cache.draw(charts.line, "trend", points, y_title="Number")
    assert again == first and again is not first
    kept.write_text("not a picture")  # anything but an SVG is drawn again, and the file mended
    chart_cache.clear()
    assert chart_cache.draw(charts.line, "trend", points, y_title="Number") == first
    assert kept.read_text() == str(first.svg)


def test_a_chart_is_drawn_once_for_the_same_figures_and_again_for_others():
    chart_cache.clear()
    points = [{"series": "Council", "date": date(2025, 1, 1), "value": 5.0}]
    first = chart_cache.draw(charts.line, "trend", points, y_title="Number")
    assert chart_cache.draw(charts.line, "trend", [dict(p) for p in points], y_title="Number") is first
    hidden = [{**points[0], "value": None}]  # what a reader shown less would be given: another picture
    assert chart_cache.draw(charts.line, "trend", hidden, y_title="Number") is not first
    assert chart_cache.draw(charts.line, "other", points, y_title="Number").id == "other"
    with pytest.raises(TypeError):
        chart_cache.draw(charts.line, "trend", object(), y_title="Number")
