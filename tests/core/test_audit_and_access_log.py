from datetime import date

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError, IntegrityError
from django.test import RequestFactory

from triangulate.core import exports, services
from triangulate.core.access_log import log_child_access
from triangulate.core.models import AccessLog, AppendOnlyError, AuditEvent
from triangulate.core.roles import Role


def test_service_writes_record_who_did_what(world):
    actor = world.users[Role.QA_LEAD]
    theme = services.create_theme(actor=actor, name="Neglect", description="Cumulative harm")
    event = AuditEvent.objects.get(verb="theme.created")
    assert (event.actor, event.object_type, event.object_id) == (actor, "core.theme", str(theme.pk))
    assert event.changes == {"name": "Neglect", "order": 130}  # 12 default themes at 10..120


def test_an_update_records_only_what_changed(world):
    actor = world.users[Role.QA_LEAD]
    theme = services.create_theme(actor=actor, name="Neglect")
    services.update_theme(actor=actor, theme=theme, name="Neglect", description="Cumulative harm")
    event = AuditEvent.objects.get(verb="theme.updated")
    assert event.changes == {"description": ["", "Cumulative harm"]}


def test_an_update_that_changes_nothing_records_nothing(world):
    actor = world.users[Role.QA_LEAD]
    theme = services.create_theme(actor=actor, name="Neglect")
    services.update_theme(actor=actor, theme=theme, name="Neglect")
    assert not AuditEvent.objects.filter(verb="theme.updated").exists()


def test_many_events_are_recorded_at_once_as_each_would_be_alone(world):
    from triangulate.core import audit as trail
    from triangulate.core.authority import System
    from triangulate.core.models import Theme
    from triangulate.core.verbs import Verb

    themes = list(Theme.objects.order_by("pk")[:3])
    events = trail.record_each(System.COMMAND_LINE, Verb.THEME_UPDATED,
                               ((t, {"order": t.order, "on": date(2026, 12, 4)}) for t in themes))
    stored = list(AuditEvent.objects.filter(verb=Verb.THEME_UPDATED).order_by("pk"))
    assert len(events) == len(stored) == 3
    assert [(e.object_type, e.object_id, e.changes, e.actor, e.system_reason) for e in stored] == [
        ("core.theme", str(t.pk), {"order": t.order, "on": "2026-12-04"}, None, "command line") for t in themes]
    assert all(e.occurred_at is not None for e in stored)
    with pytest.raises(TypeError):
        trail.record_each(System.COMMAND_LINE, "theme.updated", [(themes[0], {})])


def test_audit_events_cannot_be_changed_or_deleted(world):
    theme = services.create_theme(actor=world.users[Role.QA_LEAD], name="Neglect")
    event = AuditEvent.objects.get(object_id=str(theme.pk), verb="theme.created")
    event.verb = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(verb="rewritten")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only")
def test_postgresql_refuses_raw_updates_to_the_audit_trail(world):
    services.create_theme(actor=world.users[Role.QA_LEAD], name="Neglect")
    request = RequestFactory().get("/")
    request.user = world.users[Role.AUDITOR]
    log_child_access(request, ["C1"], resource="x")
    with pytest.raises(DatabaseError, match="append-only"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("UPDATE core_auditevent SET verb = 'x'")
    with pytest.raises(DatabaseError, match="append-only"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM core_accesslog")
    assert AccessLog.objects.count() == 1


def test_a_failed_service_write_leaves_no_event(world):
    actor = world.users[Role.QA_LEAD]
    services.create_theme(actor=actor, name="Neglect")
    before = AuditEvent.objects.count()
    with pytest.raises(IntegrityError):
        services.create_theme(actor=actor, name="Neglect")  # same slug: unique violation
    assert AuditEvent.objects.count() == before


def test_child_access_is_logged_once_per_child_with_where_from(world):
    request = RequestFactory().get("/anything", REMOTE_ADDR="10.1.2.3", HTTP_USER_AGENT="Firefox")
    request.user = world.users[Role.AUDITOR]
    written = log_child_access(request, ["C1", "C2", "C1"], resource="performance:child")
    assert written == 2
    rows = list(AccessLog.objects.order_by("child_id").values_list("child_id", "kind", "ip_address", "user_agent",
                                                                   "resource"))
    assert rows == [("C1", "view", "10.1.2.3", "Firefox", "performance:child"),
                    ("C2", "view", "10.1.2.3", "Firefox", "performance:child")]


def test_child_access_logging_needs_a_signed_in_user(db):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with pytest.raises(PermissionError):
        log_child_access(request, ["C1"], resource="x")
    assert AccessLog.objects.count() == 0


def test_the_access_log_page_lists_who_viewed_which_child(world, client_for):
    request = RequestFactory().get("/", REMOTE_ADDR="10.1.2.3")
    request.user = world.users[Role.AUDITOR]
    log_child_access(request, ["C42"], resource="performance:child", kind=AccessLog.Kind.EXPORT)
    html = client_for(world.users[Role.SYSTEM_ADMIN]).get("/access-log/").content.decode()
    assert "C42" in html and "Exported" in html and "auditor" in html and "10.1.2.3" in html


def test_the_audit_trail_page_lists_changes(world, client_for):
    services.create_theme(actor=world.users[Role.QA_LEAD], name="Neglect")
    html = client_for(world.users[Role.SYSTEM_ADMIN]).get("/audit-trail/").content.decode()
    assert "theme.created" in html and "qa_lead" in html


def test_dates_are_plain_in_the_trail(world):
    from triangulate.core.audit import plain

    assert plain(date(2026, 2, 29 - 1)) == "2026-02-28"


def export_request(user):
    request = RequestFactory().get("/performance/kpis/referrals/children/?format=csv", REMOTE_ADDR="10.1.2.3",
                                   HTTP_USER_AGENT="Firefox")
    request.user = user
    return request


LIST = {"kpi": "referrals", "team": "North 1", "failing": True}


def test_a_2500_child_export_writes_2500_rows_with_the_same_detail(world):
    auditor = world.users[Role.AUDITOR]
    ids = [f"C{i:04d}" for i in range(2_500)]  # three batches of the access log's 1,000: the last one part-full
    response = exports.download(export_request(auditor), "csv", filename="referrals-children", headers=["Child ID"],
                                rows=[[c] for c in ids], children=ids + ["C0007"], resource="performance:kpi_children",
                                detail=LIST)
    assert response.status_code == 200
    assert sorted(AccessLog.objects.values_list("child_id", flat=True)) == ids  # each child once
    # one download, one moment: every row says the same but the child
    shared = AccessLog.objects.values_list("user", "kind", "resource", "ip_address", "user_agent", "detail",
                                           "occurred_at").order_by().distinct()
    [(user, kind, resource, address, agent, detail, _)] = shared
    assert (user, kind, resource, address, agent, detail) == (
        auditor.pk, "export", "performance:kpi_children", "10.1.2.3", "Firefox", LIST)


def test_an_export_whose_access_log_cannot_be_written_is_not_sent_and_logs_no_one(world):
    batches = []

    def disk_full_at_the_second_batch(execute, sql, params, many, context):
        # Django's documented hook on the database's queries: the second batch's INSERT fails as a full disk would
        if "core_accesslog" in sql and sql.startswith("INSERT"):
            batches.append(sql)
            if len(batches) == 2:
                raise DatabaseError("could not extend file: No space left on device")
        return execute(sql, params, many, context)

    ids = [f"C{i:04d}" for i in range(2_500)]
    with connection.execute_wrapper(disk_full_at_the_second_batch), pytest.raises(DatabaseError):
        exports.download(export_request(world.users[Role.AUDITOR]), "csv", filename="referrals-children",
                         headers=["Child ID"], rows=[[c] for c in ids], children=ids,
                         resource="performance:kpi_children", detail=LIST)
    assert len(batches) == 2  # the first batch was written before the second failed
    assert AccessLog.objects.count() == 0  # the first batch too: all the list's rows or none
