"""The health check's anonymity (design §5.2, "Anonymity tests"): answered through the public pages, signed in or not,
nothing ties an answer to a person, a link, a time or an order, and no trace is written but the response itself."""

import logging
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, models
from django.test import Client
from django.urls import reverse

from triangulate.core.models import AccessLog, AuditEvent, Notification
from triangulate.core.roles import Role
from triangulate.people.models import StaffMember, UserProfile
from triangulate.workforce.models import Agreement, HealthAnswer, HealthLink, HealthQuestion, HealthResponse
from triangulate.workforce.services import health as services
from triangulate.workforce.services.health_answer import answer
from triangulate.workforce.views.health_answer import COOKIE

from ..factories import make_user
from .health_helpers import all_answers, lead, open_check

PEOPLE = {get_user_model(), StaffMember, UserProfile}
TIME_FIELDS = (models.DateField, models.DateTimeField, models.TimeField, models.DurationField)


@pytest.mark.parametrize("model", [HealthResponse, HealthAnswer, HealthLink])
def test_no_column_or_relation_ties_a_response_to_a_person_a_link_or_a_time(model):
    for field in model._meta.get_fields():
        if field.is_relation:
            assert field.related_model not in PEOPLE, f"{model.__name__}.{field.name} names a person"
            if model is not HealthLink:
                assert field.related_model is not HealthLink, f"{model.__name__}.{field.name} names the link"
        assert not isinstance(field, TIME_FIELDS), f"{model.__name__}.{field.name} keeps a time"
        assert not isinstance(field, models.AutoField), f"{model.__name__}.{field.name} counts up in order"
    assert {f.name for f in HealthResponse._meta.concrete_fields} == {"id", "health_check", "team"}
    assert {f.name for f in HealthAnswer._meta.concrete_fields} == {"id", "response", "question", "choice", "text"}


def _form_data(check, client, comment=""):
    page = client.get(reverse("workforce:health_answer"))
    assert page.status_code == 200
    csrf = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.content).group(1).decode()
    data = {"csrfmiddlewaretoken": csrf}
    for q in check.questions.all():
        data[f"q{q.pk}"] = str(Agreement.AGREE) if q.kind == HealthQuestion.Kind.AGREE else comment
    return data


def _answer_through_the_pages(client, check, token, comment=""):
    opened = client.get(reverse("workforce:health_link", args=[token]))
    assert opened.status_code == 302 and opened["Location"] == reverse("workforce:health_answer")
    assert token not in opened["Location"]
    sent = client.post(reverse("workforce:health_answer"), _form_data(check, client, comment))
    assert sent.status_code == 302 and sent["Location"] == reverse("workforce:health_thanks"), sent.content
    return sent


def test_the_pages_work_without_signing_in_and_a_link_answers_once(world):
    check = open_check(world)
    token = services.make_links(actor=lead(world), health_check=check, team=world.own, count=1)[0]
    client = Client(enforce_csrf_checks=True)
    sent = _answer_through_the_pages(client, check, token)
    assert sent.cookies[COOKIE].value == ""  # the link's cookie is gone
    assert client.get(reverse("workforce:health_thanks")).status_code == 200
    assert HealthResponse.objects.filter(health_check=check, team=world.own).count() == 1
    again = Client().get(reverse("workforce:health_link", args=[token]))
    assert again.status_code == 200 and b"already been used" in again.content
    assert b"does not work" in Client().get(reverse("workforce:health_link", args=["x" * 43])).content
    assert b"Open the link on your slip" in Client().get(reverse("workforce:health_answer")).content


def test_the_answer_form_is_csrf_protected(world):
    check = open_check(world)
    token = services.make_links(actor=lead(world), health_check=check, team=world.own, count=1)[0]
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("workforce:health_link", args=[token]))
    data = {f"q{q.pk}": "4" for q in check.questions.all()}
    assert client.post(reverse("workforce:health_answer"), data).status_code == 403
    assert not HealthResponse.objects.exists()


def test_a_missing_answer_is_shown_and_nothing_written(world):
    check = open_check(world)
    token = services.make_links(actor=lead(world), health_check=check, team=world.own, count=1)[0]
    client = Client()
    client.get(reverse("workforce:health_link", args=[token]))
    data = _form_data(check, client)
    data.pop(f"q{check.questions.get(number=3).pk}")
    page = client.post(reverse("workforce:health_answer"), data)
    assert page.status_code == 200 and b"Answer question 3" in page.content
    assert not HealthResponse.objects.exists() and not HealthLink.objects.get().used


def test_primary_keys_do_not_follow_the_order_of_answering(world):
    check = open_check(world)
    tokens = services.make_links(actor=lead(world), health_check=check, team=world.own, count=25)
    written = [answer(t, all_answers(check)).pk for t in tokens]
    assert written != sorted(written)  # 1 in 25! by chance
    assert max(written) - min(written) > 1_000_000  # nowhere near a counter
    links = list(HealthLink.objects.filter(health_check=check).values_list("pk", flat=True))
    assert max(links) - min(links) > 1_000_000


@pytest.mark.parametrize("signed_in", [False, True])
def test_answering_writes_no_audit_event_access_log_notification_or_log_record(world, client_for, caplog, signed_in):
    check = open_check(world)
    token = services.make_links(actor=lead(world), health_check=check, team=world.own, count=1)[0]
    before = (AuditEvent.objects.count(), AccessLog.objects.count(), Notification.objects.count())
    respondent = make_user(Role.PRACTITIONER, username="respondent-zq7", first_name="Quill", last_name="Zephyr")
    client = client_for(respondent) if signed_in else Client()
    caplog.clear()
    with caplog.at_level(logging.DEBUG):
        _answer_through_the_pages(client, check, token, comment="The duty rota is hard.")
    assert (AuditEvent.objects.count(), AccessLog.objects.count(), Notification.objects.count()) == before
    # nothing at INFO or above; below it only libraries' generic lines (rules' "Testing has_any_role" as the menu
    # is drawn for a signed-in reader), none naming the link or the respondent
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO] == []
    link = HealthLink.objects.get(health_check=check)
    names = [token, str(link.pk), link.token_hash]
    if signed_in:
        names += [respondent.username, "Quill", "Zephyr"]
    assert not [r.getMessage() for r in caplog.records if any(n in r.getMessage() for n in names)]


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_token_is_in_no_stored_row(world, client_for, signed_in):
    check = open_check(world)
    token = services.make_links(actor=lead(world), health_check=check, team=world.own, count=1)[0]
    client = client_for(world.users[Role.PRACTITIONER]) if signed_in else Client()
    opened = client.get(reverse("workforce:health_link", args=[token]))
    assert opened.status_code == 302
    _every_row_without(token)  # while the respondent is answering
    _answer_through_the_pages(client, check, token)
    _every_row_without(token)


def _every_row_without(token):
    pattern = re.compile(re.escape(token))
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                assert not pattern.search(repr(row)), f"the token is stored in {table}"


def test_an_error_links_to_its_question(world):
    check = open_check(world)
    token = services.make_links(actor=lead(world), health_check=check, team=world.own, count=1)[0]
    client = Client()
    client.get(reverse("workforce:health_link", args=[token]))
    page = client.post(reverse("workforce:health_answer"), {}).content.decode()
    first = check.questions.get(number=1)
    assert f'href="#q{first.pk}"' in page and f'id="q{first.pk}"' in page
