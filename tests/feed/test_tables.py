"""What the feed's tables hold (docs/feed.md), worked by hand: measures with their benchmarks and null reasons,
a publication token's suppressed cells, audit grades, observation judgements, actions, and child-level rows with
every child written to the access log in the token issuer's name."""

import csv
import io
import json
from datetime import date, timedelta

from django.utils import timezone

from triangulate.benchmarks.services import upload_benchmarks
from triangulate.core.models import AccessLog
from triangulate.core.roles import Role
from triangulate.feed.models import FeedToken
from triangulate.improvement.models import Action, Finding, Source

from ..factories import make_user, theme
from ..performance.test_children_list import (
    VISITS,
    stored,  # noqa: F401 (a fixture)
)
from ..performance.test_pages import MARCH, extract, store
from .helpers import get, issue


def rows_of(response):
    assert response.status_code == 200, response.content
    return json.loads(response.content)["rows"]


def by_team(rows):
    return {(r["period_type"], r["team"] or "council"): r for r in rows}


# ---- kpis ----------------------------------------------------------------------------------------------------


def test_a_measure_by_council_and_team_with_england_beside_it(world):
    upload = extract(world, MARCH)
    store(upload, "rereferral_pct", 100 * 55 / 124, 55, 124)
    for team, (n, d) in {"North": (5, 34), "South": (20, 40), "East": (30, 50)}.items():
        store(upload, "rereferral_pct", 100 * n / d, n, d, team=team)
    upload_benchmarks(actor=world.users[Role.QA_LEAD], council=world.own.council, original_name="b.csv",
                      file=b"kpi_id,area_code,year,value,note\nrereferral_pct,E92000001,2024-25,22.6,check\n")
    rows = by_team(rows_of(get(issue(world).secret, "kpis", "json", kpi="rereferral_pct", period="year")))
    assert set(rows) == {("year", "council"), ("year", "East"), ("year", "North"), ("year", "South")}
    council = rows[("year", "council")]
    assert (council["value"], council["numerator"], council["denominator"]) == (100 * 55 / 124, 55, 124)
    assert (council["period_start"], council["period_end"]) == ("2024-04-01", "2025-03-31")
    assert council["england"] == 22.6 and council["england_year"] == "2024-25"
    assert council["suppressed"] is False and council["null_reason"] == ""
    assert rows[("year", "North")]["numerator"] == 5 and rows[("year", "North")]["area"] == "team"


def test_a_publication_token_gets_the_elected_members_suppression(world):
    upload = extract(world, MARCH)
    store(upload, "rereferral_pct", 100 * 55 / 124, 55, 124)
    for team, (n, d) in {"North": (5, 34), "South": (20, 40), "East": (30, 50)}.items():
        store(upload, "rereferral_pct", 100 * n / d, n, d, team=team)
    secret = issue(world, publication=True).secret
    rows = by_team(rows_of(get(secret, "kpis", "json", kpi="rereferral_pct", period="year")))
    # as tests/performance/test_pages.py's elected member sees it: North (5 of 34) and South hidden, of 34 and 40
    for team, of in (("North", 34), ("South", 40)):
        row = rows[("year", team)]
        assert (row["value"], row["numerator"], row["denominator"], row["suppressed"]) == (None, None, of, True)
        assert row["null_reason"] == "suppressed to protect small numbers"
    assert rows[("year", "East")]["value"] == 60.0 and rows[("year", "East")]["suppressed"] is False
    # in CSV a hidden figure is an empty cell and the marker says true
    text = get(secret, "kpis", "csv", kpi="rereferral_pct", period="year", team="North").content.decode("utf-8")
    assert text.startswith("\ufeff")
    (north,) = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert north["value"] == "" and north["numerator"] == "" and north["denominator"] == "34"
    assert north["suppressed"] == "true"


def test_a_value_that_cannot_be_computed_is_null_with_its_reason_never_zero(world):
    upload = extract(world, MARCH)
    store(upload, "rereferral_pct", None, 0, 0)
    january = extract(world, date(2025, 1, 31))
    store(january, "cla_open", 40, 40, period=(date(2024, 2, 1), date(2025, 1, 31)))
    secret = issue(world).secret
    (row,) = rows_of(get(secret, "kpis", "json", kpi="rereferral_pct", period="year", team="council"))
    assert row["value"] is None and row["null_reason"] == "no children in the measure's cohort"
    months = {r["period_start"]: r for r in rows_of(get(secret, "kpis", "json", kpi="cla_open", period="month"))}
    assert months["2025-01-01"]["value"] == 40 and months["2025-01-01"]["period_end"] == "2025-01-31"
    assert months["2025-02-01"]["value"] is None and months["2025-02-01"]["null_reason"] == "no extract for this month"


def test_filters_by_period_month_team_and_an_unknown_measure(world):
    upload = extract(world, MARCH)
    store(upload, "referrals", 25, 25)
    store(upload, "referrals", 3, 3, period=(date(2025, 2, 1), date(2025, 2, 28)))
    store(upload, "referrals", 10, 10, team="North")
    secret = issue(world).secret
    (february,) = rows_of(get(secret, "kpis", "json", kpi="referrals", period="2025-02"))
    assert (february["period_type"], february["value"], february["team"]) == ("month", 3, "")
    (north,) = rows_of(get(secret, "kpis", "json", kpi="referrals", team="north"))
    assert north["value"] == 10 and north["period_type"] == "year"
    assert get(secret, "kpis", "json", kpi="no_such_measure").status_code == 400


def test_a_token_for_some_teams_reads_only_their_rows(world):
    upload = extract(world, MARCH)
    store(upload, "referrals", 25, 25)
    store(upload, "referrals", 10, 10, team=world.own.name)
    store(upload, "referrals", 15, 15, team=world.other.name)
    secret = issue(world, teams=[world.own]).secret
    teams = {r["team"] for r in rows_of(get(secret, "kpis", "json", kpi="referrals", period="year"))}
    assert teams == {"", world.own.name}


# ---- actions -------------------------------------------------------------------------------------------------


def _action(world, status, due, team, source):
    qa = world.users[Role.QA_LEAD]
    finding = None
    if source:
        finding = Finding.objects.create(kind="area_for_development", text="x", theme=theme(), team=team,
                                         source=source, found_on=date(2026, 1, 5), recorded_by=qa)
    return Action.objects.create(title="Do it", rationale="Why", priority="high", owner=qa, due_date=due,
                                 status=status, theme=theme(), team=team, finding=finding, created_by=qa,
                                 evidence="Done" if status == "complete" else "")


def test_actions_by_source_status_and_team_with_overdue(world):
    today = timezone.localdate()
    late, later = today - timedelta(days=3), today + timedelta(days=30)
    for _ in range(2):
        _action(world, "not_started", late, world.own, Source.CASE_AUDIT)
    _action(world, "not_started", later, world.own, Source.CASE_AUDIT)
    _action(world, "complete", late, world.own, Source.CASE_AUDIT)  # complete: never overdue
    _action(world, "in_progress", late, None, "")
    rows = rows_of(get(issue(world).secret, "actions", "json"))
    got = {(r["source"], r["status"], r["team"]): (r["actions"], r["overdue"]) for r in rows}
    assert got == {("case_audit", "not_started", world.own.name): (3, 2),
                   ("case_audit", "complete", world.own.name): (1, 0),
                   ("", "in_progress", "Council-wide"): (1, 1)}
    published = rows_of(get(issue(world, publication=True, name="p").secret, "actions", "json"))
    assert all(r["actions"] is None and r["suppressed"] for r in published)  # every count here is 1 to 5


# ---- children ------------------------------------------------------------------------------------------------


def test_child_rows_need_the_children_scope_and_each_child_is_access_logged(world, stored):  # noqa: F811
    issued = issue(world, scope=FeedToken.Scope.CHILDREN, name="Analyst")
    response = get(issued.secret, "children", "json", child_kpi=VISITS)
    rows = rows_of(response)
    assert sorted(r["child_id"] for r in rows) == ["C1", "C2", "C3", "C4", "C7", "C8"]
    assert set(rows[0]) >= {"child_id", "team", "worker", "days_overdue"}
    logged = AccessLog.objects.all()
    assert sorted(e.child_id for e in logged) == ["C1", "C2", "C3", "C4", "C7", "C8"]
    for entry in logged:
        assert entry.user == world.users[Role.SYSTEM_ADMIN] and entry.resource == "feed:children"
        assert entry.detail["feed_token"] == f"Analyst ({issued.token.prefix})"
        assert entry.detail["kpi"] == VISITS
    north = rows_of(get(issued.secret, "children", "json", child_kpi=VISITS, team="North"))
    assert sorted(r["child_id"] for r in north) == ["C1", "C2", "C7", "C8"]


def test_a_child_cell_that_would_start_a_formula_is_made_safe_in_csv(world):
    from triangulate.feed.views.endpoints import _csv_cell

    assert _csv_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)" and _csv_cell(None) == "" and _csv_cell(True) == "true"


def test_the_access_log_keeps_its_old_behaviour_without_a_user(world, rf):
    from django.contrib.auth.models import AnonymousUser

    from triangulate.core.access_log import log_child_access

    request = rf.get("/")
    request.user = AnonymousUser()
    try:
        log_child_access(request, ["C1"], resource="x")
    except PermissionError:
        pass
    else:
        raise AssertionError("an anonymous request must not log child access")
    assert log_child_access(request, ["C1"], resource="x", user=make_user(Role.QA_LEAD, username="q")) == 1


