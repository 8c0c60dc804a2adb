"""The performance pages from stored values: disclosure control, coverage, history and team breakdowns.

Values are stored by hand (as kpi_store stores them) so each page's figures are known in advance."""

import re
from datetime import date

import pytest
from django.urls import reverse

from triangulate.core.roles import Role
from triangulate.datasets.models import Upload
from triangulate.kpis.periods import calendar_months
from triangulate.performance.models import KpiValue

MARCH = date(2025, 3, 31)
YEAR = (date(2024, 4, 1), MARCH)


@pytest.fixture
def upload(world):
    return extract(world, MARCH)


def extract(world, day):
    return Upload.objects.create(council=world.own.council, extract_date=day, original_name=f"{day}.xlsx",
                                 status=Upload.Status.SUCCEEDED)


def store(upload, kpi_id, value, numerator=None, denominator=None, excluded=None, team="", period=YEAR):
    return KpiValue.objects.create(upload=upload, kpi_id=kpi_id, period_start=period[0], period_end=period[1],
                                   team=team, value=value, numerator=numerator, denominator=denominator,
                                   excluded=excluded)


def page(client, name, *args):
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    return response.content.decode()


def overview(client):
    """The scorecard as anyone sees it (an elected member lands on the headlines without ?view=all)."""
    response = client.get(reverse("performance:dashboard") + "?view=all")
    assert response.status_code == 200
    return response.content.decode()


def row(html, row_id):
    match = re.search(rf'<tr class="govuk-table__row" id="{row_id}">(.*?)</tr>', html, re.S)
    assert match, row_id
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(1))).strip()


def table_rows(html, caption):
    """{row heading: [cell texts]} of the table whose caption contains `caption`."""
    table = re.search(rf"<caption[^>]*>[^<]*{re.escape(caption)}.*?</caption>(.*?)</table>", html, re.S)
    assert table, caption
    out = {}
    body = re.search(r"<tbody[^>]*>(.*?)</tbody>", table.group(1), re.S).group(1)
    for tr in re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", body, re.S):
        cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)]
        out[cells[0]] = cells[1:]
    return out


# ---- disclosure -------------------------------------------------------------------------------------

def test_an_elected_member_never_sees_a_percentage_that_gives_a_small_count_away(world, client_for, upload):
    store(upload, "cla_s20_pct", 100 * 5 / 34, 5, 34)  # 14.7%: 34 x 14.7% = 5
    member = row(overview(client_for(world.users[Role.ELECTED_MEMBER])), "kpi-cla_s20_pct")
    assert "14.7%" not in member and "5 of 34" not in member
    assert "suppressed" in member and "of 34" in member
    lead = row(page(client_for(world.users[Role.QA_LEAD]), "performance:dashboard"), "kpi-cla_s20_pct")
    assert "14.7%" in lead and "5 of 34" in lead


def test_an_elected_member_sees_a_small_complement_suppressed_on_the_detail_page(world, client_for, upload):
    store(upload, "cla_visits_in_timescale_pct", 100 * 31 / 34, 31, 34)  # the 3 not visited in time
    html = page(client_for(world.users[Role.ELECTED_MEMBER]), "performance:kpi_detail",
                "cla_visits_in_timescale_pct")
    assert "91.2%" not in html and "31 of 34" not in html
    assert "of 34" in html


def test_a_small_team_is_hidden_with_another_so_the_total_cannot_give_it_away(world, client_for, upload):
    store(upload, "referrals", 25, 25)
    for team, n in {"North": 3, "South": 10, "East": 12, "West": 0}.items():
        store(upload, "referrals", n, n, team=team)
    member = table_rows(page(client_for(world.users[Role.ELECTED_MEMBER]), "performance:kpi_detail", "referrals"),
                        "by team")
    # West counted nobody, so it is not listed (and hiding it would protect nothing)
    assert member == {"East": ["12", ""], "North": ["suppressed", ""], "South": ["suppressed", ""],
                      "All teams": ["25", ""]}
    lead = table_rows(page(client_for(world.users[Role.QA_LEAD]), "performance:kpi_detail", "referrals"), "by team")
    assert lead["North"] == ["3", ""] and lead["South"] == ["10", ""]


def test_a_percentage_by_team_keeps_its_cohorts_but_hides_two_teams(world, client_for, upload):
    store(upload, "referral_nfa_pct", 100 * 55 / 124, 55, 124)
    for team, (n, d) in {"North": (5, 34), "South": (20, 40), "East": (30, 50)}.items():
        store(upload, "referral_nfa_pct", 100 * n / d, n, d, team=team)
    member = table_rows(page(client_for(world.users[Role.ELECTED_MEMBER]), "performance:kpi_detail",
                             "referral_nfa_pct"), "by team")
    assert member["North"] == ["suppressed", "of 34"]
    assert member["South"] == ["suppressed", "of 40"]
    assert member["East"] == ["60.0%", "30 of 50"]
    assert member["All teams"] == ["44.4%", "55 of 124"]


def test_the_months_of_a_flow_measures_year_are_protected_against_the_years_total(world, client_for, upload):
    months = [m for m in calendar_months(MARCH, 24)]
    counts = [7] * 12 + [8, 2, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]  # the year's months: May 2024 has 2
    for month, n in zip(months, counts, strict=True):
        store(upload, "referrals", n, n, period=(month.start, month.end))
    store(upload, "referrals", sum(counts[12:]), sum(counts[12:]))
    member = table_rows(page(client_for(world.users[Role.ELECTED_MEMBER]), "performance:kpi_detail", "referrals"),
                        "month by month")
    # May 2024 (2) and the next smallest month of the year, April 2024 (8), go; the year before is untouched
    assert member["May 2024"][0] == "suppressed" and member["April 2024"][0] == "suppressed"
    assert member["June 2024"][0] == "9" and member["April 2023"][0] == "7"
    assert sum(1 for cells in member.values() if cells[0] == "suppressed") == 2


def test_the_small_count_itself_reads_fewer_than_six_and_is_not_compared_with_england(world, client_for, upload):
    store(upload, "referral_nfa_pct", 100 * 2 / 40, 2, 40)
    store(upload, "referrals", 4, 4)
    html = overview(client_for(world.users[Role.ELECTED_MEMBER]))
    assert "fewer than 6" in row(html, "kpi-referrals")
    nfa = row(html, "kpi-referral_nfa_pct")
    assert "5.0%" not in nfa and "Better" not in nfa and "Worse" not in nfa and "Similar" not in nfa


# ---- coverage ---------------------------------------------------------------------------------------

def test_excluded_records_are_shown_with_a_warning_over_five_percent(world, client_for, upload):
    store(upload, "referrals", 100, 100, excluded=6)  # 6 of 106 records: 5.7%
    store(upload, "cla_s20_pct", 50.0, 57, 114, excluded=6)  # 6 of 120: exactly 5%, no warning
    client = client_for(world.users[Role.QA_LEAD])
    html = page(client, "performance:dashboard")
    referrals, s20 = row(html, "kpi-referrals"), row(html, "kpi-cla_s20_pct")
    assert "Over 5% left out" in referrals and "Over 5%" not in s20
    assert "Front door: more than 5% of the cohort was left out of Referrals" in html
    detail = page(client, "performance:kpi_detail", "referrals")
    assert "govuk-warning-text" in detail
    assert "6 records were left out of this figure for a missing or unreadable value" in detail
    assert "govuk-warning-text" not in page(client, "performance:kpi_detail", "cla_s20_pct")


def test_a_small_excluded_count_is_hidden_from_an_elected_member_and_warns_on_the_worst_case(
        world, client_for, upload):
    store(upload, "referrals", 50, 50, excluded=1)  # 1 of 51 is 2%, but up to 5 of 55 could be 9%
    html = page(client_for(world.users[Role.ELECTED_MEMBER]), "performance:kpi_detail", "referrals")
    assert "Fewer than 6 records were left out of this figure" in html and "which may be more than 5%" in html
    lead = page(client_for(world.users[Role.QA_LEAD]), "performance:kpi_detail", "referrals")
    assert "govuk-warning-text" not in lead


# ---- history -----------------------------------------------------------------------------------------

def test_a_snapshot_measure_shows_values_only_for_months_with_an_extract(world, client_for, upload):
    january = extract(world, date(2025, 1, 31))
    store(january, "cla_open", 40, 40, period=(date(2024, 2, 1), date(2025, 1, 31)))
    store(upload, "cla_open", 44, 44)
    client = client_for(world.users[Role.QA_LEAD])
    html = page(client, "performance:kpi_detail", "cla_open")
    months = table_rows(html, "month by month")
    assert months["January 2025"] == ["31 January 2025", "40", "", ""]
    assert months["March 2025"] == ["31 March 2025", "44", "", ""]
    assert months["February 2025"] == ["No extract", "–", "", ""]
    assert len(months) == 24
    assert "its value is the position on an extract's own date" in html
    assert "2 of the last 24 months have an extract: January 2025, March 2025." in html
    dashboard = page(client, "performance:dashboard")
    assert "Snapshot on 31 March 2025" in row(dashboard, "kpi-cla_open")


def test_a_flow_measure_says_it_is_recomputed_from_the_latest_extract(world, client_for, upload):
    store(upload, "referrals", 25, 25)
    html = page(client_for(world.users[Role.QA_LEAD]), "performance:kpi_detail", "referrals")
    assert "every month is worked out again from the latest extract, of 31 March 2025" in html
    assert "Snapshot on" not in row(page(client_for(world.users[Role.QA_LEAD]), "performance:dashboard"),
                                    "kpi-referrals")


# ---- team breakdowns --------------------------------------------------------------------------------

@pytest.mark.parametrize(("kpi_id", "text"), [
    ("contacts", "This measure has no team breakdown: list 1 has no team column."),
    ("adoption_orders", "This measure has no team breakdown: list 10 has no team column."),
    ("referrals_per_100_contacts", "This measure has no team breakdown: list 1 has no team column."),
])
def test_measures_from_lists_without_a_team_have_no_team_table(world, client_for, upload, kpi_id, text):
    store(upload, kpi_id, 12, 12)
    store(upload, kpi_id, 12, 12, team="Unallocated")  # as an older upload stored it
    html = page(client_for(world.users[Role.QA_LEAD]), "performance:kpi_detail", kpi_id)
    assert text in html
    assert "Unallocated" not in html


def test_a_team_measure_lists_its_teams_and_the_drill_down_link_stays(world, client_for, upload):
    store(upload, "referrals", 25, 25)
    store(upload, "referrals", 25, 25, team="North")
    html = page(client_for(world.users[Role.AUDITOR]), "performance:kpi_detail", "referrals")
    assert table_rows(html, "by team")["North"] == ["25", ""]
    assert reverse("performance:kpi_children", args=["referrals"]) in html


def test_a_rate_points_to_its_count_for_the_team_breakdown(world, client_for, upload):
    store(upload, "referrals_rate", 12.5, 25, 20_000)
    html = page(client_for(world.users[Role.QA_LEAD]), "performance:kpi_detail", "referrals_rate")
    assert "Rates per 10,000 children are not broken down by team" in html
    assert reverse("performance:kpi_detail", args=["referrals"]) in html


def test_a_median_over_fewer_than_six_is_hidden_from_an_elected_member(world, client_for, upload):
    store(upload, "assessment_median_wd", 31.0, None, 5)
    store(upload, "assessment_median_wd", 28.5, None, 40, team="North")
    member = row(overview(client_for(world.users[Role.ELECTED_MEMBER])),
                 "kpi-assessment_median_wd")
    assert "31.0" not in member and "suppressed" in member and "over 5" not in member
    lead = row(page(client_for(world.users[Role.QA_LEAD]), "performance:dashboard"), "kpi-assessment_median_wd")
    assert "31.0" in lead and "over 5" in lead


def test_each_team_shows_its_figure_at_each_monthly_extract(world, client_for, upload):
    """A team slipping shows along its row: the figure stored by each month's extract, 13 months back."""
    kpi_id = "cp_visits_in_timescale_pct"
    store(upload, kpi_id, 100 * 70 / 100, 70, 100)
    store(upload, kpi_id, 100 * 30 / 50, 30, 50, team="North")
    store(upload, kpi_id, 100 * 40 / 50, 40, 50, team="South")
    a_year_ago = extract(world, date(2024, 3, 31))
    older = extract(world, date(2024, 2, 29))  # 13 months back: outside the table
    superseded = extract(world, date(2024, 3, 15))  # the same month as a later extract: not shown
    for earlier, north in ((a_year_ago, 45), (older, 20), (superseded, 10)):
        period = (date(earlier.extract_date.year - 1, earlier.extract_date.month + 1, 1), earlier.extract_date)
        store(earlier, kpi_id, 100 * (north + 35) / 90, north + 35, 90, period=period)
        store(earlier, kpi_id, 100 * north / 50, north, 50, team="North", period=period)
        store(earlier, kpi_id, 100 * 35 / 40, 35, 40, team="South", period=period)
    html = page(client_for(world.users[Role.QA_LEAD]), "performance:kpi_detail", kpi_id)
    history = table_rows(html, "by team at each monthly extract")
    months = re.findall(r'<th scope="col" class="govuk-table__header govuk-table__header--numeric">([A-Z][a-z]{2} \d{4})',
                        html)
    assert months[:2] == ["Mar 2024", "Apr 2024"] and months[-1] == "Mar 2025" and len(months) == 13
    assert history["North"] == ["90.0%"] + ["–"] * 11 + ["60.0%"]
    assert history["South"] == ["87.5%"] + ["–"] * 11 + ["80.0%"]


def test_an_elected_member_sees_each_extracts_small_team_counts_suppressed_in_the_history(world, client_for, upload):
    store(upload, "unallocated_open", 25, 25)
    for team, n in {"North": 3, "South": 10, "East": 12}.items():
        store(upload, "unallocated_open", n, n, team=team)
    html = page(client_for(world.users[Role.ELECTED_MEMBER]), "performance:kpi_detail", "unallocated_open")
    history = table_rows(html, "by team at each monthly extract")
    assert history["North"][-1] == "suppressed" and history["South"][-1] == "suppressed"
    assert history["East"][-1] == "12"
    lead = page(client_for(world.users[Role.QA_LEAD]), "performance:kpi_detail", "unallocated_open")
    assert table_rows(lead, "by team at each monthly extract")["North"][-1] == "3"
