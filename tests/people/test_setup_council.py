"""`manage.py setup_council`: a fresh installation's council and first system administrator, once."""

import getpass

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from triangulate.core.models import AuditEvent
from triangulate.core.predicates import role_of
from triangulate.core.roles import Role
from triangulate.people.models import Council

ARGS = ["--name", "Aldermoor Council", "--la-code", "929", "--region", "north_east", "--admin", "jo.bloggs",
        "--admin-email", "jo.bloggs@aldermoor.gov.uk"]


def answers(monkeypatch, *typed):
    """What the administrator types at getpass's prompts, in order."""
    typed = list(typed)
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": typed.pop(0))


def test_it_makes_the_council_and_a_system_administrator_with_the_typed_password(db, monkeypatch):
    answers(monkeypatch, "a long passphrase of words", "a long passphrase of words")
    call_command("setup_council", *ARGS)
    council = Council.objects.get()
    assert (council.name, council.la_code, council.region) == ("Aldermoor Council", "929", "north_east")
    admin = get_user_model().objects.get(username="jo.bloggs")
    assert role_of(admin) == Role.SYSTEM_ADMIN
    assert admin.email == "jo.bloggs@aldermoor.gov.uk" and admin.check_password("a long passphrase of words")
    events = AuditEvent.objects.order_by("id")
    assert [(e.verb, e.system_reason) for e in events] == [("council.created", "command line"),
                                                           ("account.created", "command line")]


def test_without_a_password_the_account_can_only_sign_in_through_the_identity_provider(db):
    call_command("setup_council", *ARGS, "--no-password")
    assert not get_user_model().objects.get(username="jo.bloggs").has_usable_password()


def test_a_second_run_changes_nothing(db, capsys):
    call_command("setup_council", *ARGS, "--no-password")
    call_command("setup_council", *[a.replace("Aldermoor", "Other") for a in ARGS], "--no-password")
    assert Council.objects.get().name == "Aldermoor Council"
    assert get_user_model().objects.count() == 1
    assert "set up already" in capsys.readouterr().out


def test_a_weak_or_mistyped_password_three_times_sets_up_nothing(db, monkeypatch):
    answers(monkeypatch, "password1234", "password1234", "a long passphrase", "another long one",
            "aldermoor", "aldermoor")
    with pytest.raises(CommandError, match="No password set"):
        call_command("setup_council", *ARGS)
    assert not Council.objects.exists() and not get_user_model().objects.exists()


def test_a_wrong_la_code_is_refused_and_nothing_is_made(db):
    with pytest.raises(CommandError, match="3 digits"):
        call_command("setup_council", *[("92" if a == "929" else a) for a in ARGS], "--no-password")
    assert not Council.objects.exists() and not get_user_model().objects.exists()
