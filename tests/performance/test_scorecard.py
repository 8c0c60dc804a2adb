"""The overview scorecard and the councillor view: direction, judgement, sparkline and signal worked out by
hand; the period selector; what an elected member and an analyst each see, on the page and in the download."""

import csv
import io
import re
from datetime import date
from html import unescape

import pytest
from django.urls import reverse

from triangulate.benchmarks.services import upload_benchmarks
from triangulate.core.roles import Role
from triangulate.kpis.periods import calendar_months
from triangulate.kpis.registry import all_kpis
from triangulate.performance import history, scorecard
from triangulate.performance.headlines import HEADLINES
from triangulate.performance.presenters import Audience
from triangulate.performance.sparkline import sparkline

from .test_pages import MARCH, extract, row, store

FEBRUARY = date(2025, 2, 28)
FEB_YEAR = (date(2024, 3, 1), FEBRUARY)
ALL = "?view=all"


def html_of(client, name="performance:dashboard", query=ALL):
    response = client.get(reverse(name) + query)
    assert response.status_code == 200
    return response.content.decode()


def text(html):
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def monthly(upload, kpi_id, values, denominator=None):
    """A flow KPI's 24 months to March 2025 on `upload`, oldest first (None: no row)."""
    for month, value in zip(calendar_months(MARCH, 24), values, strict=True):
        if value is not None:
            store(upload, kpi_id, value, value if denominator is None else value * denominator / 100, denominator,
                  period=(month.start, month.end))


# ---- worked by hand --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("polarity", "move", "word"), [
    ("higher", 1, "Improving"), ("higher", -1, "Worsening"), ("lower", 1, "Worsening"), ("lower", -1, "Improving"),
    ("contextual", 1, "Up"), ("contextual", -1, "Down"), ("higher", 0, "No change"), ("contextual", 0, "No change"),
])
def test_the_direction_says_improving_or_worsening_only_where_one_way_is_better(polarity, move, word):
    assert scorecard.direction_word(polarity, move) == word


def test_figures_that_read_the_same_on_the_page_are_no_change():
    spec = all_kpis()["rereferral_pct"]  # lower is better
    audience = Audience(controlled=False)
    previous = type("Upload", (), {"extract_date": FEBRUARY})

    def moved(now, then):
        return scorecard.change(spec, audience.cell("pct", _figure(now)), audience.cell("pct", _figure(then)),
                                previous, audience)

    assert moved(84.21, 84.24)["word"] == "No change"  # both 84.2%
    assert moved(25.0, 20.0) == {"word": "Worsening", "icon": "↑", "move": 1, "from": "20.0%",
                                 "since": "28 February 2025", "reason": ""}
    assert moved(20.0, 25.0)["word"] == "Improving"
    assert scorecard.change(spec, audience.cell("pct", _figure(25.0)), None, None, audience)["reason"] == \
        "No earlier extract"


def _figure(value, numerator=60, denominator=100):
    from triangulate.core.disclosure import Figure

    return Figure(value, numerator, denominator, 0)


def test_the_judgement_is_against_england_within_five_percent_and_never_for_a_count():
    specs = all_kpis()
    audience = Audience(controlled=False)
    england = type("Comparator", (), {"value": 22.6})
    # lower is better: 25.0 is beyond 22.6 + 5% (23.73), so worse; 23.0 is within, so similar
    assert scorecard.judge(specs["rereferral_pct"], audience.cell("pct", _figure(25.0)), england) == "worse"
    assert scorecard.judge(specs["rereferral_pct"], audience.cell("pct", _figure(23.0)), england) == "similar"
    assert scorecard.judge(specs["rereferral_pct"], audience.cell("pct", _figure(20.0)), england) == "better"
    assert scorecard.judge(specs["referrals"], audience.cell("count", _figure(25.0, 25, None)), england) is None


def test_a_sparkline_is_drawn_from_the_values_by_hand():
    svg = sparkline([0.0, 10.0, None, 5.0], label='Referrals <script>"x"</script>')
    # 4 values over 112 px: x = 4, 41.3, 78.7, 116; y from 28 (0) to 4 (10); the lone month after the gap is
    # a small dot, and the latest month a larger one
    assert '<path d="M4.0 28.0 L41.3 4.0"' in svg
    assert '<circle cx="116.0" cy="16.0" r="1.5"' in svg and '<circle cx="116.0" cy="16.0" r="3"' in svg
    assert 'role="img"' in svg and "<script>" not in svg and "&lt;script&gt;&quot;x&quot;" in svg
    assert "style" not in svg
    # a flat percentage sits in the middle of a 10-point range, not at an edge
    assert 'd="M4.0 16.0 L116.0 16.0"' in sparkline([50.0, 50.0], label="flat", percent=True)
    assert sparkline([None, 3.0], label="one month") is None


# ---- the page's figures ------------------------------------------------------------------------------------

@pytest.fixture
def two_extracts(world):
    february, march = extract(world, FEBRUARY), extract(world, MARCH)
    store(february, "rereferral_pct", 20.0, 24, 120, period=FEB_YEAR)
    store(march, "rereferral_pct", 25.0, 30, 120)
    store(february, "cla_s20_pct", 100 * 8 / 34, 8, 34, period=FEB_YEAR)
    store(march, "cla_s20_pct", 100 * 5 / 34, 5, 34)  # 14.7%: 5 of 34, hidden from an elected member
    store(march, "referrals", 4, 4)
    store(march, "cp_visits_in_timescale_pct", 100 * 30 / 33, 30, 33)  # 3 not visited: hidden from a member
    return february, march


def test_the_series_are_history_s_for_every_measure(world, two_extracts):
    february, march = two_extracts
    monthly(march, "referrals", [10 + i for i in range(24)])
    store(february, "cla_open", 40, 40, period=FEB_YEAR)
    store(march, "cla_open", 44, 44)
    period = scorecard.choose_period({})
    reads = scorecard.read_values(period, list(all_kpis().values()))
    for kpi_id in all_kpis():
        assert reads.series[kpi_id] == history.series(kpi_id), kpi_id
    assert [p.value for p in reads.series["cla_open"][-2:]] == [40, 44]


def test_the_latest_extract_is_compared_with_the_one_before(world, client_for, two_extracts):
    html = html_of(client_for(world.users[Role.QA_LEAD]))
    assert "Changes are since the extract of 28 February 2025." in html
    assert row(html, "kpi-rereferral_pct").startswith("Re-referrals within 12 months 25.0% 30 of 120")
    rereferrals = row(html, "kpi-rereferral_pct")
    assert "↑ Worsening from 20.0%" in rereferrals and "Worse than England" in rereferrals
    assert "22.6% 2024-25" in rereferrals and "20.7% 2024-25" in rereferrals  # England and the North East
    assert '<option value="2025-02-28">28 February 2025</option>' in html
    assert '<option value="2025-03-31" selected>31 March 2025 (latest)</option>' in html


def test_an_earlier_extract_can_be_chosen(world, client_for, two_extracts):
    client = client_for(world.users[Role.QA_LEAD])
    html = html_of(client, query="?extract=2025-02-28")
    assert "12 months to 28 February 2025" in html and "20.0% 24 of 120" in row(html, "kpi-rereferral_pct")
    assert "Changes are since" not in html and "No earlier extract" in row_html(html, "kpi-rereferral_pct")
    assert '<option value="2025-02-28" selected>' in html
    rows = csv_rows(client.get(reverse("performance:dashboard") + "?extract=2025-02-28&format=csv"))
    assert rows[0][0] == "Section"
    assert rows_by_measure(rows)["Re-referrals within 12 months"][1:6] == [
        "Re-referrals within 12 months", "12 months to 28 February 2025", "20.0%", "20", "24 of 120"]
    unknown = html_of(client, query="?extract=2024-13-01")
    assert "There is no published monthly extract of “2024-13-01”, so the latest is shown." in unknown
    assert "25.0%" in row(unknown, "kpi-rereferral_pct")


def row_html(html, row_id):
    return re.search(rf'<tr class="govuk-table__row" id="{row_id}">(.*?)</tr>', html, re.S).group(1)


def csv_rows(response):
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8").removeprefix("\ufeff"), newline="")))


def rows_by_measure(rows):
    return {r[1]: r for r in rows[1:]}


# ---- signals -----------------------------------------------------------------------------------------------

ALTERNATING = [80 if i % 2 == 0 else 82 for i in range(24)]
# the last 7 months fall to 70-71: mean 77.875, mean moving range 48 / 23 = 2.087, lower limit 72.32, so
# the latest month (70) is below the lower process limit; higher is better, so a concern
FALLING = ALTERNATING[:17] + [70, 71, 70, 71, 70, 71, 70]


@pytest.mark.parametrize(("values", "marker", "rule"), [
    (FALLING, "Special cause – concern", "below the lower limit"),
    # mirrored: the latest month is above the upper limit, and higher is better
    ([100 - v for v in FALLING], "Special cause – improvement", "above the upper limit"),
    (ALTERNATING, "No signal", None),
])
def test_a_measure_s_latest_month_shows_its_signal(world, client_for, values, marker, rule):
    upload = extract(world, MARCH)
    monthly(upload, "assessments_within_45wd_pct", [float(v) for v in values], denominator=100)
    store(upload, "assessments_within_45wd_pct", 77.9, 935, 1200)
    html = html_of(client_for(world.users[Role.QA_LEAD]))
    measure = row(html, "kpi-assessments_within_45wd_pct")
    assert marker in measure
    if rule:
        assert rule in measure
    summary = re.search(r"<h2[^>]*>Signals</h2>(.*?)<details", html, re.S).group(1)
    if marker == "No signal":
        assert "No measure shows a special cause in its latest month." in summary
    else:
        assert 'href="#kpi-assessments_within_45wd_pct"' in summary
        assert f"Assessments completed within 45 working days: {marker}, {rule} (March 2025)" in unescape(
            re.sub(r"<[^>]+>", "", summary))


def test_rereferrals_rising_is_a_concern_because_lower_is_better(world, client_for):
    upload = extract(world, MARCH)
    monthly(upload, "rereferral_pct", [float(100 - v) for v in FALLING], denominator=100)
    measure = row(html_of(client_for(world.users[Role.QA_LEAD])), "kpi-rereferral_pct")
    assert "Special cause – concern" in measure and "above the upper limit" in measure


def test_a_member_sees_no_signal_worked_out_from_suppressed_months(world, client_for):
    upload = extract(world, MARCH)
    monthly(upload, "referrals", [20 + i % 3 for i in range(23)] + [2])
    store(upload, "referrals", 240, 240)
    member = row_html(html_of(client_for(world.users[Role.ELECTED_MEMBER])), "kpi-referrals")
    lead = row_html(html_of(client_for(world.users[Role.QA_LEAD])), "kpi-referrals")
    assert "Not shown: months suppressed" in member and "Special cause" not in member
    assert "lowest 2 (March 2025)" in lead and "March 2025" not in member


# ---- disclosure and notes -------------------------------------------------------------------------------------

def test_an_elected_member_lands_on_the_headlines_and_sees_no_small_number_anywhere(world, client_for, two_extracts):
    member = client_for(world.users[Role.ELECTED_MEMBER])
    landing = member.get(reverse("performance:dashboard"))
    assert landing.status_code == 302 and landing["Location"] == reverse("performance:headlines")
    earlier = member.get(reverse("performance:dashboard") + "?extract=2025-02-28")
    assert earlier["Location"] == reverse("performance:headlines") + "?extract=2025-02-28"
    html = html_of(member)
    s20, visits = row(html, "kpi-cla_s20_pct"), row(html, "kpi-cp_visits_in_timescale_pct")
    assert "14.7%" not in s20 and "5 of 34" not in s20 and "suppressed" in s20 and "of 34" in s20
    assert "Improving" not in s20 and "Worsening" not in s20 and "23.5%" not in s20  # no move from February's
    assert "90.9%" not in visits and "30 of 33" not in visits
    assert "fewer than 6" in row(html, "kpi-referrals")
    rows = rows_by_measure(csv_rows(member.get(reverse("performance:dashboard") + "?format=csv")))
    assert rows["Children in care under section 20"][3:9] == ["suppressed", "", "of 34", "", "", "Not shown, to "
                                                              "protect small numbers"]
    assert rows["Re-referrals within 12 months"][8] == "Worsening"  # in words only, not "from 20.0%"
    everything = "\n".join(",".join(r) for r in rows.values())
    assert "14.7" not in everything and "5 of 34" not in everything and "30 of 33" not in everything
    headlines = html_of(member, "performance:headlines", "")
    assert "14.7%" not in headlines and "All measures" in headlines and "view=all" in headlines


def test_analysts_notes_and_unverified_figures_are_for_analysts_only(world, client_for, two_extracts):
    upload_benchmarks(actor=world.users[Role.QA_LEAD], council=world.own.council, original_name="b.csv",
                      file=b"kpi_id,area_code,year,value,note\nrereferral_pct,E92000001,2025-26,21.0,to check\n")
    lead = client_for(world.users[Role.QA_LEAD])
    html = html_of(lead)
    assert "21% 2025-26" in row(html, "kpi-rereferral_pct")  # the uploaded, later year wins
    assert "Re-referrals within 12 months, England: to check" in html
    assert "2023-24, to be verified" in row(html, "kpi-cp_repeat_pct")
    rows = csv_rows(lead.get(reverse("performance:dashboard") + "?format=csv"))
    assert rows[0][-1] == scorecard.NOTES_HEADER
    assert rows_by_measure(rows)["Re-referrals within 12 months"][-1] == "England: to check"
    for role in (Role.ELECTED_MEMBER, Role.PRACTITIONER, Role.INSPECTOR):
        client = client_for(world.users[role])
        for page_html in (html_of(client), html_of(client, "performance:headlines", "")):
            assert "to check" not in page_html and "to be verified" not in page_html and "verif" not in page_html
        download = client.get(reverse("performance:dashboard") + "?format=csv").content.decode()
        assert "to check" not in download and "verif" not in download and scorecard.NOTES_HEADER not in download


def test_the_download_has_the_page_s_texts_in_csv_and_excel(world, client_for, two_extracts):
    from python_calamine import CalamineWorkbook

    member = client_for(world.users[Role.ELECTED_MEMBER])
    rows = csv_rows(member.get(reverse("performance:dashboard") + "?format=csv"))
    assert rows[0] == scorecard.HEADERS
    assert len(rows) == len(all_kpis()) + 1
    html = html_of(member)
    ids = {spec.title: kpi_id for kpi_id, spec in all_kpis().items()}
    for measure in rows[1:]:
        page_row = row(html, f"kpi-{ids[measure[1]]}")
        for cell in (measure[3], measure[5]):
            assert cell in page_row, measure
    response = member.get(reverse("performance:dashboard") + "?format=xlsx")
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_name("Performance").to_python()
    # calamine reads every number as a float; the CSV writes a whole one without ".0"
    assert [[str(int(c)) if isinstance(c, float) and c.is_integer() else str(c) for c in r] for r in sheet] == rows


# ---- the councillor view -------------------------------------------------------------------------------------

def test_the_councillor_view_gives_the_headlines_in_plain_english(world, client_for, two_extracts):
    _, march = two_extracts
    store(march, "assessments_within_45wd_pct", 80.0, 960, 1200)
    html = html_of(client_for(world.users[Role.SENIOR_LEADER]), "performance:headlines", "")
    body = text(html)
    assert len(re.findall(r'<th scope="row"', html)) == len(HEADLINES) == 11
    # 80.0% against England's 85.7% (2024-25): beyond 5% of it (81.4), and higher is better, so worse
    assert re.search(r"Assessments finished on time .*? 80\.0% 960 of 1,200 – No figure to compare Higher is better; England 2024-25: "
                     r"85\.7% ▼ Worse than England", body)
    assert "Neither higher nor lower is better in itself; England 2024-25: 519 per 10,000 children" in body
    assert "↑ Worsening from 20.0%" in body  # re-referrals, lower is better
    assert 'href="/performance/"' in html  # all measures, for everyone but members without ?view=all
    lead_overview = html_of(client_for(world.users[Role.QA_LEAD]), query="")
    assert f'href="{reverse("performance:headlines")}">Headline measures for councillors</a>' in lead_overview
