"""Security headers, CSP nonces, sign-in lockout, idle timeout and time-limited accounts."""

import os
import re
import subprocess
import sys
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from triangulate.core.roles import Role

from ..factories import make_user

EXPECTED_CSP = ("default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self'; img-src 'self' data:; "
                "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
                "frame-ancestors 'none'")


def test_the_csp_header_is_strict_and_its_nonce_is_on_every_inline_script(world, client_for):
    response = client_for(world.users[Role.QA_LEAD]).get(reverse("core:home"))
    csp = response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", csp).group(1)
    assert csp == EXPECTED_CSP.format(nonce=nonce)
    html = response.content.decode()
    scripts = re.findall(r"<script([^>]*)>", html)
    assert scripts, "the page has inline scripts (GOV.UK Frontend init)"
    assert all(f'nonce="{nonce}"' in attrs for attrs in scripts)
    assert "style=" not in html  # inline styles would be blocked by style-src 'self'


def test_each_response_gets_a_fresh_nonce(world, client_for):
    client = client_for(world.users[Role.QA_LEAD])
    first = client.get(reverse("core:home"))["Content-Security-Policy"]
    second = client.get(reverse("core:home"))["Content-Security-Policy"]
    assert first != second


def test_pages_carry_the_usual_security_headers_and_are_never_cached(world, client_for):
    response = client_for(world.users[Role.QA_LEAD]).get(reverse("people:team_list"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]
    assert "camera=()" in response["Permissions-Policy"]


def test_passwords_are_hashed_with_argon2(world):
    assert world.users[Role.QA_LEAD].password.startswith("argon2$")
    assert settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_production_uses_full_cost_argon2():
    from triangulate.config.settings import base

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_sign_in_works_with_the_right_password(world, password):
    client = Client()
    response = client.post(reverse("core:login"), {"username": "qa_lead", "password": password})
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")


def test_a_wrong_password_shows_an_error_summary(world):
    response = Client().post(reverse("core:login"), {"username": "qa_lead", "password": "wrong"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Enter a correct username and password" in html
    assert "<title>Error: Sign in" in html


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(world, password):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("core:login"), {"username": "qa_lead", "password": "wrong"})
    response = client.post(reverse("core:login"), {"username": "qa_lead", "password": password})
    assert response.status_code == 429
    assert b"Your account is locked" in response.content
    assert "_auth_user_id" not in client.session


def test_four_wrong_passwords_do_not_lock(world, password):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(reverse("core:login"), {"username": "qa_lead", "password": "wrong"})
    response = client.post(reverse("core:login"), {"username": "qa_lead", "password": password})
    assert response.status_code == 302


def test_sessions_end_after_thirty_idle_minutes():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST  # each request pushes the expiry back: an idle timeout


def test_an_idle_session_is_signed_out(world, client_for):
    client = client_for(world.users[Role.QA_LEAD])
    session = client.session
    session.set_expiry(-1)  # as if the 30 minutes had passed
    session.save()
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:login"))


def test_an_expired_inspector_is_signed_out_with_a_message(db, client_for):
    inspector = make_user(Role.INSPECTOR, username="inspector", expires_at=timezone.now() + timedelta(days=1))
    client = client_for(inspector)
    assert client.get(reverse("core:home")).status_code == 200
    inspector.profile.expires_at = timezone.now() - timedelta(seconds=1)
    inspector.profile.save()
    response = client.get(reverse("core:home"), follow=True)
    assert response.redirect_chain[0][0] == reverse("core:login")
    assert b"Your access to Triangulate has ended" in response.content


def test_sign_out_needs_a_post(world, client_for):
    client = client_for(world.users[Role.QA_LEAD])
    assert client.get(reverse("core:logout")).status_code == 405
    assert client.post(reverse("core:logout")).status_code == 302
    assert client.get(reverse("core:home")).status_code == 302


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    # the built assets' folders as collectstatic reads them (a checkout that has not built them yet would
    # otherwise warn that they are missing); tests/deploy runs the same check with deploy/'s example settings
    (tmp_path / "build" / "assets").mkdir(parents=True)
    (tmp_path / "node_modules" / "govuk-frontend" / "dist" / "govuk" / "assets").mkdir(parents=True)
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {**env, "DJANGO_SETTINGS_MODULE": "triangulate.config.settings.production",
           "TRIANGULATE_SECRET_KEY": "k3y-" + "x7Qz9" * 12, "DATABASE_URL": "postgres://u@127.0.0.1:1/none",
           "TRIANGULATE_ALLOWED_HOSTS": "triangulate.example.gov.uk", "TRIANGULATE_DATA_DIR": str(tmp_path),
           "TRIANGULATE_BUILD_DIR": str(tmp_path / "build"), "TRIANGULATE_NODE_MODULES": str(tmp_path / "node_modules")}
    result = subprocess.run([sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "DEBUG"],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("TRIANGULATE_SECRET_KEY",)}
    env.update({"DJANGO_SETTINGS_MODULE": "triangulate.config.settings.production",
                "DATABASE_URL": "postgres://u@127.0.0.1:1/none"})
    result = subprocess.run([sys.executable, "-m", "django", "check"], env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode != 0
    assert "Set TRIANGULATE_SECRET_KEY" in result.stderr


def test_usernames_are_never_logged_on_failed_sign_in(world, caplog):
    with caplog.at_level("DEBUG"):
        Client().post(reverse("core:login"), {"username": "qa_lead", "password": "wrong"})
    assert "qa_lead" not in caplog.text
    assert get_user_model().objects.filter(username="qa_lead").exists()


@pytest.mark.parametrize("url_name", ["core:health", "core:login"])
def test_public_pages_need_no_sign_in(db, url_name):
    assert Client().get(reverse(url_name)).status_code == 200


def test_a_user_changes_their_own_password_and_stays_signed_in(world, client_for, password):
    from triangulate.core.models import AuditEvent

    user = world.users[Role.AUDITOR]
    client = client_for(user)
    response = client.post(reverse("people:password_change"), {
        "old_password": password, "new_password1": "a brand new passphrase", "new_password2": "a brand new passphrase"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a brand new passphrase")
    assert client.get(reverse("core:home")).status_code == 200
    assert AuditEvent.objects.filter(verb="account.password_changed", object_id=str(user.pk)).count() == 1


def test_password_change_errors_are_explained(world, client_for):
    response = client_for(world.users[Role.AUDITOR]).post(reverse("people:password_change"), {
        "old_password": "wrong", "new_password1": "12345678901234", "new_password2": "different"})
    html = response.content.decode()
    assert "Your current password is not right" in html
    assert 'value="wrong"' not in html


def test_an_admin_resets_a_forgotten_password(world, client_for):
    from triangulate.core.models import AuditEvent

    user = world.users[Role.PRACTITIONER]
    response = client_for(world.users[Role.SYSTEM_ADMIN]).post(reverse("people:user_edit", args=[user.pk]), {
        "role": "practitioner", "staff": str(world.own_worker.pk), "new_password": "temporary passphrase 7"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("temporary passphrase 7")
    assert AuditEvent.objects.filter(verb="account.password_reset").count() == 1


def test_production_mails_through_the_councils_server_with_tls(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update({"DJANGO_SETTINGS_MODULE": "triangulate.config.settings.production",
                "TRIANGULATE_SECRET_KEY": "k3y-" + "x7Qz9" * 12, "DATABASE_URL": "postgres://u@127.0.0.1:1/none",
                "TRIANGULATE_ALLOWED_HOSTS": "triangulate.example.gov.uk", "TRIANGULATE_DATA_DIR": str(tmp_path),
                "TRIANGULATE_EMAIL_HOST": "smtp.council.example", "TRIANGULATE_EMAIL_PORT": "2525",
                "TRIANGULATE_EMAIL_USER": "triangulate"})
    script = ("import django; django.setup(); from django.core import mail; m = mail.mailers.default; "
              "print(type(m).__module__, m.host, m.port, m.username, m.use_tls, m.timeout)")
    result = subprocess.run([sys.executable, "-W", "error::DeprecationWarning", "-c", script], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.core.mail.backends.smtp", "smtp.council.example", "2525", "triangulate",
                                     "True", "20"]
