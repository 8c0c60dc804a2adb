"""The permission matrix: every page × every role × own-team / other-team object.

Expectations are written out by hand, one letter per role, in this order:

    PR practitioner, TM team manager, SM service manager, AU auditor, QA QA lead,
    PW principal social worker, SL senior leader, EM elected member, IN inspector, SA system admin

    O = 200 (allowed), F = 403 (role may not use the page), N = 404 (object outside the user's teams),
    R = 302 (allowed: a POST-only action that redirects back to its page, with a message when refused)

A page added to the URLconf without a row here fails `test_every_page_is_in_the_matrix`.
"""

from datetime import date

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from triangulate.benchmarks.services import upload_benchmarks
from triangulate.core.models import Notification
from triangulate.core.roles import Role
from triangulate.datasets.models import Upload
from triangulate.improvement import services as improvement
from triangulate.improvement.models import Finding, Source

from ..conftest import build_world
from ..factories import make_user, theme
from . import matrix_audits, matrix_estate, matrix_improvement, matrix_practice, matrix_workforce
from .matrix_audits.records import add_audit_records
from .matrix_estate import add_estate_records
from .matrix_improvement.records import add_improvement_records
from .matrix_practice.records import add_practice_records
from .matrix_workforce.records import add_workforce_records

ROLE_ORDER = [Role.PRACTITIONER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.AUDITOR, Role.QA_LEAD,
              Role.PRINCIPAL_SOCIAL_WORKER, Role.SENIOR_LEADER, Role.ELECTED_MEMBER, Role.INSPECTOR,
              Role.SYSTEM_ADMIN]
CODE = {"O": 200, "F": 403, "N": 404, "R": 302}

# Pages with no team-owned object: (url name, object kind or None, expectations)
PAGES = [
    ("core:home", None, "OOOOOOOOOO"),
    ("people:password_change", None, "OOOOOOOOOO"),
    ("core:theme_list", None, "OOOOOOOOOO"),
    ("core:theme_create", None, "FFFFOOFFFO"),
    ("core:theme_edit", "theme", "FFFFOOFFFO"),
    ("core:audit_event_list", None, "FFFFOFFFFO"),
    ("core:access_log_list", None, "FFFFOFFFFO"),
    ("core:notification_list", None, "OOOOOOOOOO"),
    ("people:council", None, "OOOOOOOOOO"),
    ("people:team_list", None, "OOOOOOOOOO"),
    ("people:staff_list", None, "OOOOOOOFOO"),
    ("people:council_edit", None, "FFFFOFFFFO"),
    ("people:population_edit", None, "FFFFOFFFFO"),
    ("people:neighbours_edit", None, "FFFFOFFFFO"),
    ("people:team_create", None, "FFFFFFFFFO"),
    ("people:team_edit", "team", "FFFFFFFFFO"),
    ("people:staff_create", None, "FFFFFFFFFO"),
    ("people:staff_edit", "staff", "FFFFFFFFFO"),
    ("people:staff_move", "staff", "FFFFFFFFFO"),
    ("people:user_list", None, "FFFFFFFFFO"),
    ("people:user_create", None, "FFFFFFFFFO"),
    ("people:user_edit", "user", "FFFFFFFFFO"),
    ("improvement:finding_list", None, "OOOOOOOFOO"),
    ("datasets:upload_list", None, "FFFOOOOFOO"),
    ("datasets:upload_create", None, "FFFFOFFFFO"),
    ("datasets:upload_detail", "upload", "FFFOOOOFOO"),
    ("datasets:team_names", None, "FFFOOOOFOO"),
    # an elected member lands on the headline measures (the scorecard is theirs with ?view=all)
    ("performance:dashboard", None, "OOOOOOOROO"),
    ("performance:headlines", None, "OOOOOOOOOO"),
    ("performance:board_pack", None, "OOOOOOOOOO"),  # a PDF: the matrix's upload is published
    ("performance:kpi_detail", "kpi", "OOOOOOOOOO"),
    ("performance:kpi_children", "kpi", "OOOOOOOFOO"),
    ("performance:timescales", None, "OOOOOOOFOO"),
    ("performance:heatmap", None, "OOOOOOOOOO"),
    ("improvement:finding_create", None, "FOOOOOOFFF"),
    ("improvement:action_list", None, "OOOOOOOFOO"),
    ("improvement:action_create", None, "FOOOOOOFFF"),
    ("benchmarks:upload_list", None, "OOOOOOOOOO"),
    ("benchmarks:upload_create", None, "FFFFOFFFFO"),
    ("benchmarks:template", None, "FFFFOFFFFO"),
    ("benchmarks:upload_detail", "benchmark_upload", "OOOOOOOOOO"),
    ("benchmarks:upload_delete", "benchmark_upload", "FFFFOFFFFO"),
    *matrix_audits.PAGES,
    *matrix_practice.PAGES,
    *matrix_improvement.PAGES,
    *matrix_workforce.PAGES,
    *matrix_estate.PAGES,
]

# Pages about one team's record: (url name, object kind, own-team expectations, other-team expectations)
TEAM_PAGES = [
    ("people:team_detail", "team", "OOOOOOOFOO", "NNNOOOOFOO"),
    ("people:staff_detail", "staff", "OOOOOOOFOO", "NNNOOOOFOO"),
    ("improvement:finding_detail", "finding", "OOOOOOOFOO", "NNNOOOOFOO"),
    ("improvement:action_detail", "action", "OOOOOOOFOO", "NNNOOOOFOO"),
    ("performance:team", "team", "OOOOOOOOOO", "NNNOOOOOOO"),
    *matrix_audits.TEAM_PAGES,
    *matrix_practice.TEAM_PAGES,
    *matrix_improvement.TEAM_PAGES,
    *matrix_workforce.TEAM_PAGES,
    *matrix_estate.TEAM_PAGES,
]

# Pages posted with an empty form (200 = the form came back with its errors): POST-only pages, and pages
# whose POST needs more than their GET.
POST_PAGES = [
    ("improvement:action_status", "action", "FOOOOOOFFF", "NNNOOOOFFF"),
    ("datasets:team_names", None, "FFFFOFFFFO", "FFFFOFFFFO"),
    # the matrix's upload is published, not held: the QA lead's publish or discard is refused with a message
    ("datasets:upload_publish", "upload", "FFFFRFFFFR", "FFFFRFFFFR"),
    ("datasets:upload_discard", "upload", "FFFFRFFFFR", "FFFFRFFFFR"),
    # the matrix's upload has finished: the QA lead's cancel or retry is refused with a message
    ("datasets:upload_cancel", "upload", "FFFFRFFFFR", "FFFFRFFFFR"),
    ("datasets:upload_retry", "upload", "FFFFRFFFFR", "FFFFRFFFFR"),
    ("benchmarks:upload_create", None, "FFFFOFFFFO", "FFFFOFFFFO"),
    # deleted, then back to the list with a message
    ("benchmarks:upload_delete", "benchmark_upload", "FFFFRFFFFR", "FFFFRFFFFR"),
    # someone else's notification is not found, whoever asks (the owner's own: tests/core/test_notifications.py)
    ("core:notification_read", "notification", "NNNNNNNNNN", "NNNNNNNNNN"),
    # "Stay signed in": every signed-in person may renew their own session
    ("core:keep_alive", None, "OOOOOOOOOO", "OOOOOOOOOO"),
    *matrix_audits.POST_PAGES,
    *matrix_practice.POST_PAGES,
    *matrix_improvement.POST_PAGES,
    *matrix_workforce.POST_PAGES,
    *matrix_estate.POST_PAGES,
]

PUBLIC_PAGES = {"core:login", "core:logout", "core:health", "core:accessibility", "core:privacy",
                *matrix_estate.PUBLIC_PAGES}


@pytest.fixture(scope="module")
def shared(django_db_setup, django_db_blocker):
    """The world and every record the matrix names, built ONCE for the module (about 3,500 cases would otherwise
    build them each), inside a transaction rolled back when the module ends. Each test still runs in its own
    savepoint inside it (pytest-django's `db`), so a POST that changes a record changes it for that test only.

    The block is marked as a test case's, as django.test.TestCase marks its own, so that the services' durable
    transactions nest in it as they do under `db`."""
    with django_db_blocker.unblock():
        block = transaction.atomic()
        block._from_testcase = True
        with block:
            world = build_world()
            yield world, build_records(world)
            transaction.set_rollback(True)


@pytest.fixture
def world(shared, db):
    return shared[0]


@pytest.fixture
def records(shared, db):
    return shared[1]


def build_records(world):
    qa_lead = world.users[Role.QA_LEAD]
    out = {"own": {"team": world.own, "staff": world.own_worker},
           "other": {"team": world.other, "staff": world.other_worker}}
    for side, team in (("own", world.own), ("other", world.other)):
        finding = improvement.record_finding(
            actor=qa_lead, kind=Finding.Kind.AREA_FOR_DEVELOPMENT, text=f"Finding for {side}",
            theme=theme(), team=team, source=Source.CASE_AUDIT, found_on=date(2026, 1, 5))
        out[side]["finding"] = finding
        out[side]["action"] = improvement.create_action(
            actor=qa_lead, title=f"Action for {side}", rationale="Because", priority="high", owner=qa_lead,
            due_date=date(2027, 1, 5), theme=theme(), finding=finding)
    out["own"]["theme"] = out["other"]["theme"] = theme()
    upload = Upload.objects.create(council=world.own.council, extract_date=date(2025, 3, 31), original_name="a.xlsx",
                                   status=Upload.Status.SUCCEEDED, teams={"North": 1})  # a name to map
    out["own"]["upload"] = out["other"]["upload"] = upload
    out["own"]["kpi"] = out["other"]["kpi"] = KpiRef("referrals")
    out["own"]["user"] = out["other"]["user"] = world.users[Role.PRACTITIONER]
    out["own"]["benchmark_upload"] = out["other"]["benchmark_upload"] = upload_benchmarks(
        actor=qa_lead, council=world.own.council, original_name="benchmarks.csv",
        file=b"kpi_id,area_code,year,value,note\nrereferral_pct,E92000001,2024-25,22.6,to check\n")
    out["own"]["notification"] = out["other"]["notification"] = Notification.objects.create(
        user=make_user(role=Role.PRACTITIONER, username="someone.else"), kind="audits.flag_raised",
        title="A flag", url="/")
    out = add_improvement_records(world, add_practice_records(world, add_audit_records(world, out)))
    return add_estate_records(world, add_workforce_records(world, out))


class KpiRef:
    """Pages keyed by a KPI id rather than a database row."""

    def __init__(self, pk):
        self.pk = pk


def url_for(name, obj):
    if obj is None:
        return reverse(name)
    return reverse(name, args=getattr(obj, "url_args", [obj.pk]))


def matrix_cases():
    for name, kind, expected in PAGES:
        for role, code in zip(ROLE_ORDER, expected, strict=True):
            yield pytest.param("get", name, kind, "own", role, CODE[code], id=f"{name}-{role.value}")
    for name, kind, own, other in TEAM_PAGES:
        for side, expected in (("own", own), ("other", other)):
            for role, code in zip(ROLE_ORDER, expected, strict=True):
                yield pytest.param("get", name, kind, side, role, CODE[code], id=f"{name}-{side}-{role.value}")
    for name, kind, own, other in POST_PAGES:
        for side, expected in (("own", own), ("other", other)):
            for role, code in zip(ROLE_ORDER, expected, strict=True):
                yield pytest.param("post", name, kind, side, role, CODE[code],
                                   id=f"{name}-post-{side}-{role.value}")


@pytest.mark.parametrize(("method", "name", "kind", "side", "role", "status"), list(matrix_cases()))
def test_permission_matrix(method, name, kind, side, role, status, world, records, client_for):
    client = client_for(world.users[role])
    url = url_for(name, records[side][kind] if kind else None)
    response = client.get(url) if method == "get" else client.post(url, {})
    assert response.status_code == status


def all_page_names():
    def walk(patterns, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, p.namespace or namespace)
            elif isinstance(p, URLPattern) and p.name:
                yield f"{namespace}:{p.name}" if namespace else p.name

    return set(walk(get_resolver().url_patterns, None))


def test_every_page_is_in_the_matrix():
    covered = {p[0] for p in PAGES} | {p[0] for p in TEAM_PAGES} | {p[0] for p in POST_PAGES} | PUBLIC_PAGES
    assert all_page_names() - covered == set()


@pytest.mark.parametrize("name", sorted({p[0] for p in PAGES + TEAM_PAGES}))
def test_signed_out_visitors_are_sent_to_sign_in(name, world, records, client):
    kind = next((p[1] for p in PAGES + TEAM_PAGES if p[0] == name), None)
    response = client.get(url_for(name, records["own"][kind] if kind else None))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:login") + "?next=")


# Home explains the missing role; changing one's own password needs no role.
@pytest.mark.parametrize("name", sorted({p[0] for p in PAGES + TEAM_PAGES} - {"core:home", "people:password_change"}))
def test_a_user_with_no_role_sees_nothing(name, world, records, client_for):
    from ..factories import make_user

    client = client_for(make_user(role="", username="norole"))
    kind = next((p[1] for p in PAGES + TEAM_PAGES if p[0] == name), None)
    response = client.get(url_for(name, records["own"][kind] if kind else None))
    assert response.status_code in (403, 404)
    if response.status_code == 403:
        assert b"has not been given a role" in response.content


def test_a_user_with_no_role_gets_a_clear_message_on_the_home_page(db, client_for):
    from ..factories import make_user

    response = client_for(make_user(role="", username="norole")).get(reverse("core:home"))
    assert response.status_code == 200
    assert b"You do not have a role yet" in response.content
    assert b"Teams" not in response.content  # no navigation
