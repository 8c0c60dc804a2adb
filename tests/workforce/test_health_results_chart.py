"""The results page's chart (design §5.3): the share agreeing by theme, council-wide, this year against last year's
published check, with its table of the same figures; no team's figure is drawn, so a suppressed team reveals
nothing. The expectations are worked by hand below."""

import re

from django.urls import reverse

from triangulate.workforce.models import Agreement
from triangulate.workforce.services import health as services

from ..factories import TeamFactory
from .health_helpers import lead, new_check, respond


def two_years(world):
    """2025 (published): own team 6 agreeing to all but regular supervision (disagree), another team 6 "neither":
    12 answering each question, so every question 6/12 = 50% agreeing except regular supervision 0/12; supervision
    = mean(0, 1/2, 1/2) = 33%. 2026: own team 7, all agreeing but regular supervision (disagree), a small team 2
    all agreeing: 9 answering; every question 100% but regular supervision 2/9, so supervision = (1 + 1 + 2/9) / 3 =
    20/27 = 74%, up 100 × (20/27 − 1/3) = 40.7 → +41 points; every other theme 100%, up 50 points."""
    last = new_check(world, year=2025)
    services.open_check(actor=lead(world), health_check=last)
    respond(world, last, world.own, 6, by_key={"regular-supervision": Agreement.DISAGREE})
    respond(world, last, world.other, 6, choice=Agreement.NEITHER)
    services.close_check(actor=lead(world), health_check=last)
    services.publish_check(actor=lead(world), health_check=last)
    this = new_check(world, year=2026)
    services.open_check(actor=lead(world), health_check=this)
    respond(world, this, world.own, 7, by_key={"regular-supervision": Agreement.DISAGREE})
    respond(world, this, TeamFactory(name="Tiny Team"), 2)
    return this


def table_rows(page):
    table = page[page.index("Each theme: the mean of its questions"):]
    table = table[:table.index("</table>")]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)
    return [[re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)]
            for r in rows]


def test_the_chart_sets_this_year_against_last_with_its_table(world, client_for):
    this = two_years(world)
    page = client_for(lead(world)).get(reverse("workforce:health_results", args=[this.pk])).content.decode()
    assert table_rows(page) == [
        ["Theme", "Agreeing 2026", "Disagreeing 2026", "Agreeing 2025", "Change in agreeing"],
        ["Workload and work-life balance", "100%", "0%", "50%", "+50 points"],
        ["Confidence in safeguarding", "100%", "0%", "50%", "+50 points"],
        ["Information sharing and communication", "100%", "0%", "50%", "+50 points"],
        ["Having a say", "100%", "0%", "50%", "+50 points"],
        ["Supervision", "74%", "26%", "33%", "+41 points"],
        ["Support and training", "100%", "0%", "50%", "+50 points"],
    ]
    assert "Share agreeing by theme, council-wide, 2026 and 2025" in page
    assert ("Most agreement on workload and work-life balance (100%), least on supervision (74%). "
            "6 of 6 themes rose since 2025.") in page
    svg = page[page.index("<svg"):page.index("</svg>")]
    assert 'role="img"' in svg and 'aria-labelledby="themes-by-year-caption themes-by-year-finding"' in svg
    labels = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert {"2026", "2025", "74%", "33%", "100%", "50%"} <= set(labels)
    # council-wide only: no team is named in the picture (the small team's 2 responses stay pooled or hidden)
    assert not any(name in svg for name in ("Tiny Team", world.own.name, "Other teams"))


def test_without_last_year_the_chart_has_one_year(world, client_for):
    this = new_check(world, year=2026)
    services.open_check(actor=lead(world), health_check=this)
    respond(world, this, world.own, 6)
    page = client_for(lead(world)).get(reverse("workforce:health_results", args=[this.pk])).content.decode()
    assert table_rows(page)[0] == ["Theme", "Agreeing 2026", "Disagreeing 2026"]
    assert "Every theme: 100% agreeing." in page and "Share agreeing by theme, council-wide, 2026<" in page


def test_too_few_responses_draw_no_chart(world, client_for):
    this = new_check(world, year=2026)
    services.open_check(actor=lead(world), health_check=this)
    respond(world, this, world.own, 5)
    page = client_for(lead(world)).get(reverse("workforce:health_results", args=[this.pk])).content.decode()
    assert "<svg" not in page and "Share agreeing by theme" not in page
