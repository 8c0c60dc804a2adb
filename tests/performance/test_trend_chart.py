"""The KPI page's trend chart: the month-by-month figures the table shows (no more), England where it
measures the same thing, and a one-line finding worked out by hand below."""

import re
from datetime import date

import pytest

from triangulate.core.roles import Role
from triangulate.kpis.periods import calendar_months

from .test_pages import MARCH, extract, page, store, table_rows


@pytest.fixture
def upload(world):
    return extract(world, MARCH)


def store_months(upload, kpi_id, figures):
    """figures: (numerator, denominator) or a count, one per month of the 24 to March 2025, oldest first."""
    for month, figure in zip(calendar_months(MARCH, 24), figures, strict=True):
        n, d = figure if isinstance(figure, tuple) else (figure, None)
        value = 100 * n / d if d else n
        store(upload, kpi_id, value, n, d, period=(month.start, month.end))


def chart_of(html):
    figure = re.search(r"<figure.*?</figure>", html, re.S)
    assert figure, "no figure"
    return figure.group(0)


def points(svg):
    """The number of points drawn on the council's line."""
    symbols = re.search(r'<g class="mark-symbol role-mark[^"]*"[^>]*>(.*?)</g>', svg, re.S)
    return symbols.group(1).count("<path") if symbols else 0


def test_the_trend_states_the_latest_month_against_a_year_earlier_and_england(world, client_for, upload):
    # April 2023 ... March 2025: March 2024 is 80 of 100 (80.0%), March 2025 is 84 of 100 (84.0%)
    figures = [(70, 100)] * 11 + [(80, 100)] + [(75, 100)] * 11 + [(84, 100)]
    store_months(upload, "assessments_within_45wd_pct", figures)
    store(upload, "assessments_within_45wd_pct", 80.0, 80 * 12, 100 * 12)
    html = page(client_for(world.users[Role.QA_LEAD]), "performance:kpi_detail", "assessments_within_45wd_pct")
    figure = chart_of(html)
    assert ('<p class="govuk-body" id="trend-finding">Latest 84.0% (March 2025), up from 80.0% a year earlier '
            "(March 2024); England 85.7% (2024-25).</p>") in figure
    assert 'aria-labelledby="trend-caption trend-finding"' in figure
    assert 'id="trend-caption">Assessments completed within 45 working days, month by month' in figure
    assert ">England (2024-25)</text>" in figure and ">Testshire Council</text>" in figure
    assert points(figure) == 24
    # the data table is the page's month-by-month table, inside the figure
    months = table_rows(html, "month by month")
    assert months["March 2025"] == ["84.0%", "84 of 100", ""] and len(months) == 24


def test_a_count_has_no_england_line_and_says_down(world, client_for, upload):
    store_months(upload, "referrals", [30] * 11 + [40] + [30] * 11 + [25])
    store(upload, "referrals", 355, 355)
    html = page(client_for(world.users[Role.QA_LEAD]), "performance:kpi_detail", "referrals")
    figure = chart_of(html)
    assert "Latest 25 (March 2025), down from 40 a year earlier (March 2024).</p>" in figure
    assert "England" not in figure  # England's figure is a national count: not on a council's chart


def test_a_month_hidden_from_an_elected_member_is_not_drawn(world, client_for, upload):
    # as in test_pages: the year's months May 2024 (2) and April 2024 (8) are hidden from an elected member
    counts = [7] * 12 + [8, 2, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]
    store_months(upload, "referrals", counts)
    store(upload, "referrals", sum(counts[12:]), sum(counts[12:]))
    member = chart_of(page(client_for(world.users[Role.ELECTED_MEMBER]), "performance:kpi_detail", "referrals"))
    assert points(member) == 22
    assert "Latest 18 (March 2025), up from 7 a year earlier (March 2024).</p>" in member
    lead = chart_of(page(client_for(world.users[Role.QA_LEAD]), "performance:kpi_detail", "referrals"))
    assert points(lead) == 24


def test_a_flow_measure_whose_extract_ends_mid_month_says_so(world, client_for):
    upload = extract(world, date(2025, 3, 15))
    store(upload, "referrals", 9, 9, period=(date(2025, 3, 1), date(2025, 3, 31)))
    store(upload, "referrals", 9, 9, period=(date(2024, 3, 16), date(2025, 3, 15)))
    figure = chart_of(page(client_for(world.users[Role.QA_LEAD]), "performance:kpi_detail", "referrals"))
    assert "Latest 9 (March 2025, to 15 March 2025).</p>" in figure


def test_with_no_monthly_figure_there_is_no_chart_and_the_table_shows(world, client_for, upload):
    store(upload, "referrals", 25, 25)
    figure = chart_of(page(client_for(world.users[Role.QA_LEAD]), "performance:kpi_detail", "referrals"))
    assert "<svg" not in figure and "<details" not in figure
    assert "No monthly figure can be shown yet." in figure
