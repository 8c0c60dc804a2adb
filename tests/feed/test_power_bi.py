"""Done when: Power BI-style HTTP reads of the feed return the same figures as the pages (docs/design/estate.md §4).

A real server (pytest-django's live_server) is read with urllib as Power BI's Web connector reads it: a GET with
`Authorization: Bearer <token>` and nothing else (no cookie, no session). The pages are read as people read them,
signed in, and their tables parsed from the HTML; each feed figure, written as the page writes it, must be what
the page shows, for a QA lead against an aggregates token and for an elected member against a publication token."""

import csv
import io
import json
import re
import urllib.error
import urllib.request
from datetime import date
from html import unescape
from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connections
from django.urls import reverse

from triangulate.core.formatting import number
from triangulate.core.roles import Role
from triangulate.kpis.periods import calendar_months

from ..audits.test_report_pages import cohort  # noqa: F401 (a fixture)
from ..performance.test_pages import MARCH, extract, page, store, table_rows
from .helpers import issue

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def rows_as_found(django_db_setup, django_db_blocker):
    """The database's committed rows when this file starts (the migrations' themes, tools and scales), put back
    before each test and when the file ends.

    A live server needs committed rows, so these tests are transactional, and Django empties the database after
    each. Files after this one on its worker expect the migrations' rows (xdist's --dist loadfile may send this file
    before others: it orders files by their number of tests), and so do these tests. Django's serialized_rollback
    would load a copy taken when the database was made, but before each test only, and into a database that an
    earlier transactional test's flush may have refilled (content types with new ids): so the rows are copied here,
    and each load follows a flush of its own."""
    with django_db_blocker.unblock():
        found = {c.alias: c.creation.serialize_db_to_string() for c in connections.all()}
    yield found
    with django_db_blocker.unblock():
        _put_back(found)


def _put_back(found):
    for alias, contents in found.items():
        call_command("flush", verbosity=0, interactive=False, database=alias, inhibit_post_migrate=True)
        connection = connections[alias]
        connection.creation.deserialize_db_from_string(contents)
        # flush set PostgreSQL's id sequences back to 1 and the rows came back with their own ids: move each
        # sequence past them, or the next theme a later test adds takes id 1 again (SQLite needs nothing)
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
                cursor.execute(statement)


@pytest.fixture(autouse=True)
def migrated_rows(rows_as_found, transactional_db):
    _put_back(rows_as_found)


def read(live_server, secret, path, **query):
    """(status, headers, body) of a GET as Power BI makes it."""
    url = live_server.url + path + ("?" + urlencode(query) if query else "")
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {secret}",
                                                   "User-Agent": "Microsoft.Data.Mashup (https://go.microsoft.com)"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def csv_rows(body):
    text = body.decode("utf-8")
    assert text.startswith("\ufeff")  # Excel's cue that the file is UTF-8
    return list(csv.DictReader(io.StringIO(text[1:])))


def count_text(row):
    """A count as the KPI page writes it ("12"), or "suppressed"."""
    return "suppressed" if row["suppressed"] == "true" else number(float(row["value"]))


# ---- measures ---------------------------------------------------------------------------------------------------


@pytest.fixture
def referrals(world):
    upload = extract(world, MARCH)
    months = calendar_months(MARCH, 24)
    counts = [7] * 12 + [8, 2, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]
    for month, n in zip(months, counts, strict=True):
        store(upload, "referrals", n, n, period=(month.start, month.end))
    store(upload, "referrals", sum(counts[12:]), sum(counts[12:]))
    for team, n in {"North": 3, "South": 40, "East": 102, "West": 0}.items():
        store(upload, "referrals", n, n, team=team)
    return upload


@pytest.mark.parametrize(("role", "publication"), [(Role.QA_LEAD, False), (Role.ELECTED_MEMBER, True)])
def test_the_kpi_feed_says_what_the_measures_page_says(world, referrals, client_for, live_server, role, publication):
    secret = issue(world, publication=publication).secret
    status, headers, body = read(live_server, secret, reverse("feed:kpis", kwargs={"fmt": "csv"}), kpi="referrals")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert "Set-Cookie" not in headers
    feed = csv_rows(body)
    html = page(client_for(world.users[role]), "performance:kpi_detail", "referrals")

    teams = table_rows(html, "by team")
    feed_teams = {r["team"]: count_text(r) for r in feed if r["area"] == "team"}
    council = next(r for r in feed if r["area"] == "council" and r["period_type"] == "year")
    assert feed_teams == {team: cells[0] for team, cells in teams.items() if team != "All teams"}
    assert teams["All teams"][0] == count_text(council) == "145"

    months = table_rows(html, "month by month")
    feed_months = {date.fromisoformat(r["period_start"]): count_text(r) for r in feed if r["period_type"] == "month"}
    assert len(feed_months) == len(months) == 24
    for start, text in feed_months.items():
        assert months[f"{start:%B %Y}"][0] == text, start
    if publication:  # the page and the feed hide the same cells
        assert feed_teams["North"] == "suppressed" and feed_months[date(2024, 5, 1)] == "suppressed"


def test_json_gives_the_same_rows_as_csv(world, referrals, live_server):
    secret = issue(world).secret
    _, _, as_csv = read(live_server, secret, reverse("feed:kpis", kwargs={"fmt": "csv"}), kpi="referrals")
    status, headers, as_json = read(live_server, secret, reverse("feed:kpis", kwargs={"fmt": "json"}), kpi="referrals")
    assert status == 200 and headers["Content-Type"] == "application/json"
    document = json.loads(as_json)
    assert document["meta"]["filters"] == {"kpi": "referrals"} and document["meta"]["publication"] is False
    assert document["meta"]["scope"] == "aggregates" and document["meta"]["generated_at"]
    written = [{k: "" if v is None else v for k, v in row.items()} for row in csv_rows(as_csv)]
    for from_csv, from_json in zip(written, document["rows"], strict=True):
        assert from_csv["value"] == ("" if from_json["value"] is None else str(from_json["value"]))
        assert from_csv["team"] == from_json["team"] and from_csv["period_start"] == from_json["period_start"]


def test_a_revoked_token_is_refused_over_http_too(world, live_server):
    from triangulate.feed import services

    issued = issue(world)
    services.revoke_token(actor=world.users[Role.SYSTEM_ADMIN], token=issued.token)
    status, headers, _ = read(live_server, issued.secret, reverse("feed:actions", kwargs={"fmt": "csv"}))
    assert status == 401 and headers["WWW-Authenticate"].startswith("Bearer")


# ---- audits -----------------------------------------------------------------------------------------------------


def shown_table(html, caption):
    """{label: [result, of]} of one of the audit report's tables."""
    return table_rows(html, caption)


@pytest.mark.parametrize(("role", "publication"), [(Role.QA_LEAD, False), (Role.ELECTED_MEMBER, True)])
def test_the_audit_feed_says_what_the_audit_report_says(world, cohort, client_for, live_server, role,  # noqa: F811
                                                        publication):
    secret = issue(world, publication=publication).secret
    status, _, body = read(live_server, secret, reverse("feed:audits", kwargs={"fmt": "json"}),
                           period="2026-12", team=world.own.name)
    assert status == 200
    rows = json.loads(body)["rows"]
    response = client_for(world.users[role]).get(reverse("audits:report"),
                                                 {"quarter": "2026-Q3", "team": world.own.pk})
    html = response.content.decode()
    grades = shown_table(html, "Overall grades")
    summary = shown_table(html, "Summary")

    def as_page(row):
        if row["suppressed"]:
            return "suppressed"
        return f"{row['value']}%" if row["value"] is not None else row["null_reason"]

    feed_grades = {r["measure"].removeprefix("Graded "): as_page(r) for r in rows if r["figure"] == "R4"}
    assert feed_grades == {label: re.sub(r"\s*\(.*\)$", "", cells[0]) for label, cells in grades.items()}
    r5 = next(r for r in rows if r["figure"] == "R5")
    assert re.sub(r"\s*\(.*\)$", "", summary["Good or better"][0]) == as_page(r5)
    if not publication:
        assert feed_grades == {"Outstanding": "10%", "Good": "30%", "Requires improvement": "40%",
                               "Inadequate": "20%"}
        assert (r5["numerator"], r5["denominator"]) == (4, 10)
        assert grades["Good"][1] == "3 of 10"


# ---- observations ------------------------------------------------------------------------------------------------


def heading_tables(html):
    """{(heading caption, theme, column): cell text} of the analysis page's themes-by-team tables."""
    start = html.index('id="theme-by-team"')
    out = {}
    for table in re.findall(r"<table.*?</table>", html[start:html.find("<h2", start + 1)], re.S):
        caption = re.sub(r"\s+", " ", re.search(r"<caption[^>]*>(.*?)</caption>", table, re.S).group(1)).strip()
        head = [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<th scope=\"col\"[^>]*>(.*?)</th>", table, re.S)]
        body = re.search(r"<tbody[^>]*>(.*?)</tbody>", table, re.S).group(1)
        for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
            cells = [unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)]
            if len(cells) == len(head):
                for column, text in zip(head[1:], cells[1:], strict=True):
                    out[(caption, cells[0], column)] = text
    return out


def test_the_observation_feed_says_what_the_analysis_page_says(live_server, client_for):
    from triangulate.practice.analysis.counts import Cell

    from ..factories import make_user
    from ..practice.analysis_example import build_example

    example = build_example()
    admin = make_user(Role.SYSTEM_ADMIN, username="feed.admin")
    secret = issue(None, actor=admin).secret
    status, _, body = read(live_server, secret, reverse("feed:observations", kwargs={"fmt": "json"}))
    assert status == 200
    rows = json.loads(body)["rows"]
    response = client_for(example.organiser).get(reverse("practice:analysis", args=[example.event.pk]))
    shown = heading_tables(response.content.decode())
    from_feed = {}
    for r in rows:
        caption = f"{r['heading_number']}. {r['heading']}"
        if r["area"] == "team":
            text = Cell(r["strengths"], r["areas_for_development"], r["good_practice"], r["exemplars"]).text
            from_feed[(caption, r["theme"], r["team"])] = text
        else:
            from_feed[(caption, r["theme"], "Teams with a strength")] = str(r["teams_positive"])
            if (caption, r["theme"], "Teams with an area for development") in shown:
                from_feed[(caption, r["theme"], "Teams with an area for development")] = str(r["teams_development"])
    assert from_feed  # the worked example has entries
    assert {k: v for k, v in shown.items() if v != "None"} == from_feed
    # tests/practice/test_analysis_pages.py's hand-worked row: "Workforce and caseloads None A 1 A 2 0 2"
    workforce = {k[2]: v for k, v in from_feed.items() if k[:2] == ("1. Leadership", "Workforce and caseloads")}
    assert workforce == {"Safeguarding South 2": "A 1", "Safeguarding West 1": "A 2", "Teams with a strength": "0",
                         "Teams with an area for development": "2"}
