"""The smaller hardening items of issue 7: 403s logged as one line, lockout keyed on the client behind a
trusted proxy (and the access log using the same address), production refusing SQLite, and passwords
made of the user's own names refused."""

import logging
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.core.management import call_command
from django.http import HttpResponseForbidden
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils.log import log_response

from triangulate.config.settings import base
from triangulate.core.access_log import log_child_access
from triangulate.core.client_ip import client_ip
from triangulate.core.models import AccessLog
from triangulate.core.password_validation import MESSAGE, NameAndDigitsValidator
from triangulate.core.roles import Role
from triangulate.datasets.models import Upload

from ..factories import CouncilFactory, StaffFactory, make_user
from ..workbooks import REFERRAL_HEADINGS, workbook

PROXY = "10.0.0.5"
ATTACKER = "203.0.113.7"
COLLEAGUE = "198.51.100.9"


# 403s: one line each, no traceback, no query string, the user's id only

def test_a_refused_page_is_logged_as_one_line_without_a_traceback(world, client_for, caplog):
    user = world.users[Role.PRACTITIONER]
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client_for(user).get(reverse("people:user_list") + "?child=CH-123456")
    assert response.status_code == 403
    assert b"You do not have access to this page" in response.content
    records = [r for r in caplog.records if r.name == "django.request"]
    assert len(records) == 1
    assert records[0].getMessage() == f"Forbidden: GET /people/users/ (user {user.pk})"
    assert records[0].exc_info is None
    plain = logging.Formatter(settings.LOGGING["formatters"]["plain"]["format"])
    line = plain.format(records[0])
    assert "\n" not in line and line.endswith(f"WARNING django.request Forbidden: GET /people/users/ (user {user.pk})")
    assert "Traceback" not in caplog.text and "CH-123456" not in caplog.text and user.username not in caplog.text


def test_a_crafted_path_cannot_forge_a_second_log_line(world, caplog):
    request = RequestFactory().get("/people/users/%0A2026-01-01 WARNING forged")
    request.user = world.users[Role.PRACTITIONER]
    with caplog.at_level(logging.WARNING, logger="django.request"):  # as Django logs a PermissionDenied
        log_response("Forbidden (Permission denied): %s", request.path, response=HttpResponseForbidden(),
                     request=request, exception=PermissionDenied("people.manage_users"))
    assert [r.getMessage() for r in caplog.records] == [
        f"Forbidden: GET /people/users/\\n2026-01-01 WARNING forged (user {request.user.pk})"]


# the client's address behind a trusted reverse proxy

@pytest.mark.parametrize(("trusted", "remote", "forwarded", "expected"), [
    ([], ATTACKER, "", ATTACKER),
    ([], PROXY, COLLEAGUE, PROXY),  # no proxy configured: the header is anyone's to write, ignored
    ([PROXY], PROXY, ATTACKER, ATTACKER),
    ([PROXY], PROXY, f"{COLLEAGUE}, {ATTACKER}", ATTACKER),  # the left entry is the client's own claim
    ([PROXY], ATTACKER, COLLEAGUE, ATTACKER),  # not from the proxy: the header is not believed
    ([PROXY], PROXY, "", PROXY),
    (["10.0.0.0/24"], "10.0.0.9", f"{ATTACKER}, 10.0.0.5", ATTACKER),  # two proxies, by network
    (["10.0.0.0/24"], "10.0.0.9", "10.0.0.7, 10.0.0.5", "10.0.0.7"),  # every hop trusted: the furthest
    ([PROXY], PROXY, f"{ATTACKER}:51234", ATTACKER),  # a port, as some load balancers write it
    (["2001:db8::/32"], "2001:db8::1", "[2001:db8:ffff::2]:443, 2001:db8::2", "2001:db8:ffff::2"),
    ([PROXY], PROXY, f"{COLLEAGUE}, not-an-address, {ATTACKER}", ATTACKER),
    ([PROXY], PROXY, "not-an-address", PROXY),  # garbage from the proxy itself: the proxy's address
])
def test_the_client_address_rule(settings, trusted, remote, forwarded, expected):
    settings.TRIANGULATE_TRUSTED_PROXIES = trusted
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_trusted_proxies_are_read_from_the_environment_and_checked():
    assert base._trusted_proxies(" 10.0.0.5, 10.1.0.0/16 ,") == ["10.0.0.5", "10.1.0.0/16"]
    assert base._trusted_proxies("") == []
    with pytest.raises(ImproperlyConfigured, match="'proxy.example' is not an IP address or network"):
        base._trusted_proxies("10.0.0.5,proxy.example")


def test_retention_settings_must_be_whole_numbers(monkeypatch):
    monkeypatch.setenv("TRIANGULATE_KEEP_UPLOADS_DAYS", "7")
    assert base._env_int("TRIANGULATE_KEEP_UPLOADS_DAYS", 0) == 7
    monkeypatch.setenv("TRIANGULATE_KEEP_UPLOADS_DAYS", "a week")
    with pytest.raises(ImproperlyConfigured, match="TRIANGULATE_KEEP_UPLOADS_DAYS must be a whole number"):
        base._env_int("TRIANGULATE_KEEP_UPLOADS_DAYS", 0)
    assert settings.TRIANGULATE_KEEP_UPLOADS_DAYS == 0 and settings.TRIANGULATE_KEEP_EXTRACT_MONTHS == 13


def _sign_in(forwarded, password, remote=PROXY):
    client = Client(REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    return client, client.post(reverse("core:login"), {"username": "qa_lead", "password": password})


def test_behind_the_proxy_one_person_cannot_lock_a_colleague_out(world, password, settings):
    settings.TRIANGULATE_TRUSTED_PROXIES = [PROXY]
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(ATTACKER, "wrong")
    assert _sign_in(ATTACKER, password)[1].status_code == 429  # the attacker's own address is locked
    # a claimed address to the left of the one the proxy wrote changes nothing
    assert _sign_in(f"{COLLEAGUE}, {ATTACKER}", password)[1].status_code == 429
    client, response = _sign_in(COLLEAGUE, password)  # the real user, through the same proxy
    assert response.status_code == 302 and "_auth_user_id" in client.session


def test_without_a_trusted_proxy_a_forged_header_does_not_dodge_the_lockout(world, password, settings):
    assert settings.TRIANGULATE_TRUSTED_PROXIES == []  # off by default
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(f"192.0.2.{attempt}", "wrong", remote=ATTACKER)
    assert _sign_in("192.0.2.99", password, remote=ATTACKER)[1].status_code == 429


def test_the_access_log_records_the_client_address_by_the_same_rule(world, settings):
    settings.TRIANGULATE_TRUSTED_PROXIES = [PROXY]
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"{COLLEAGUE}, {ATTACKER}")
    request.user = world.users[Role.QA_LEAD]
    log_child_access(request, ["C1"], resource="test")
    assert AccessLog.objects.get(child_id="C1").ip_address == ATTACKER


# production needs PostgreSQL

def test_production_refuses_an_sqlite_database_url(tmp_path):
    database = tmp_path / "secret-place" / "db.sqlite3"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update({"DJANGO_SETTINGS_MODULE": "triangulate.config.settings.production",
                "TRIANGULATE_SECRET_KEY": "k3y-" + "x7Qz9" * 12, "DATABASE_URL": f"sqlite:///{database}",
                "TRIANGULATE_ALLOWED_HOSTS": "triangulate.example.gov.uk", "TRIANGULATE_DATA_DIR": str(tmp_path)})
    result = subprocess.run([sys.executable, "-m", "django", "check"], env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode != 0
    assert ("DATABASE_URL must point to PostgreSQL (postgres://...) in production, not sqlite: the audit and "
            "access logs are kept append-only by database triggers that exist only on PostgreSQL.") in result.stderr
    assert "secret-place" not in result.stderr


# passwords made of the user's own names

@pytest.fixture
def olive(db):
    staff = StaffFactory(first_name="Olive", last_name="Own")
    return make_user(Role.PRACTITIONER, staff=staff, username="o.own", first_name="Olivia", last_name="Owen-Smith")


@pytest.mark.parametrize("password", [
    "Olivia20242024", "olivia own 1990!", "OWEN.SMITH.1234", "oliviaolivia12", "o.own-12345678", "Olive-2025-2026",
    "smith owen 77 !!", "ooWN1234567890",
])
def test_a_password_of_the_users_names_and_digits_is_refused(olive, password):
    with pytest.raises(ValidationError) as refused:
        NameAndDigitsValidator().validate(password, olive)
    assert refused.value.messages == [MESSAGE]


@pytest.mark.parametrize("password", [
    "Olivia walks 1990", "correct horse battery", "Oliver20242024", "1234567890!!", "oliv1234567890",
])
def test_a_password_with_words_of_its_own_is_allowed(olive, password):
    NameAndDigitsValidator().validate(password, olive)


def test_names_shorter_than_three_letters_do_not_count(db):
    user = make_user(Role.PRACTITIONER, username="al", first_name="Al", last_name="Bo")
    NameAndDigitsValidator().validate("Al-Bo-1234567890", user)


def test_changing_your_own_password_to_your_name_and_digits_is_refused(olive, client_for, password):
    response = client_for(olive).post(reverse("people:password_change"), {
        "old_password": password, "new_password1": "Olivia20242024", "new_password2": "Olivia20242024"})
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    olive.refresh_from_db()
    assert olive.check_password(password)


def test_an_admin_cannot_give_a_new_account_its_names_as_a_password(world, client_for):
    fields = {"username": "jsmith", "first_name": "John", "last_name": "Smith", "email": "",
              "role": "practitioner", "expires_on-day": "", "expires_on-month": "", "expires_on-year": ""}
    admin = client_for(world.users[Role.SYSTEM_ADMIN])
    response = admin.post("/people/users/new/", {**fields, "password": "JohnSmith2024!"})
    assert response.status_code == 200 and MESSAGE in response.content.decode()
    # the linked member of staff's names count too, when the account's own are blank
    response = admin.post("/people/users/new/", {**fields, "first_name": "", "last_name": "", "username": "p7",
                                                 "staff": str(world.own_worker.pk), "password": "Own.Olive.2025"})
    assert response.status_code == 200 and MESSAGE in response.content.decode()
    assert not world.users[Role.SYSTEM_ADMIN].__class__.objects.filter(username__in=["jsmith", "p7"]).exists()


def test_an_admin_reset_is_checked_against_the_accounts_names(world, client_for):
    user = world.users[Role.PRACTITIONER]  # linked to Olive Own
    response = client_for(world.users[Role.SYSTEM_ADMIN]).post(reverse("people:user_edit", args=[user.pk]), {
        "role": "practitioner", "staff": str(world.own_worker.pk), "new_password": "Olive Own 2025!"})
    assert response.status_code == 200 and MESSAGE in response.content.decode()


# command-line imports name the file, not the server path

def test_a_command_line_import_records_the_files_name_not_its_path(transactional_db, tmp_path, settings, capsys):
    settings.DATA_DIR = tmp_path / "data"
    CouncilFactory()
    (tmp_path / "exports").mkdir()
    path = workbook(tmp_path / "exports" / "march.xlsx", {"List 3 - Referrals": [
        REFERRAL_HEADINGS, ["1", "North", "Ann", "07/01/2025", "Yes"]]})
    call_command("import_annex_a", str(path), "--extract-date", "2025-03-31")
    upload = Upload.objects.get()
    assert (upload.status, upload.original_name) == ("succeeded", "march.xlsx")
    assert str(tmp_path) not in capsys.readouterr().out
