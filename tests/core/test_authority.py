"""Named permissions and audit verbs, one permission layer in the services, an actor always named, and
public services as their own transactions (core/authority.py, core/audit.py)."""

import importlib
import inspect
import pkgutil
import re

import pytest
import rules
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse

from triangulate.core import audit
from triangulate.core.audit import AuditVerb
from triangulate.core.authority import Permission, System, authorise, service
from triangulate.core.models import AuditEvent, Theme
from triangulate.core.roles import Role
from triangulate.core.rules import Perm as CorePerm
from triangulate.core.services import create_theme
from triangulate.core.verbs import Verb as CoreVerb
from triangulate.core.views.decorators import requires

APPS = ("core", "people", "sso", "improvement", "datasets", "benchmarks", "performance", "audits", "practice",
        "workforce", "feed", "synth")


def _modules():
    for app in APPS:
        package = importlib.import_module(f"triangulate.{app}")
        yield package
        for info in pkgutil.walk_packages(package.__path__, prefix=f"triangulate.{app}."):
            if ".migrations" in info.name or ".management" in info.name:
                continue
            yield importlib.import_module(info.name)


def public_services():
    """Every module-level public function that takes a keyword-only `actor`: a write someone makes."""
    found = {}
    for module in _modules():
        for name, fn in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(fn) or fn.__module__ != module.__name__:
                continue
            actor = inspect.signature(fn).parameters.get("actor")
            if actor is not None and actor.kind is inspect.Parameter.KEYWORD_ONLY:
                found[f"{module.__name__}.{name}"] = fn
    return found


SERVICES = public_services()


def _members(base):
    return [member for cls in base.__subclasses__() for member in cls]


def test_the_services_are_found():
    # the scan itself must see the services we know, or every test below would pass on nothing
    names = {name.rsplit(".", 1)[1] for name in SERVICES}
    assert {"create_theme", "record_finding", "change_action_status", "change_access", "set_password",
            "start_annex_a_import", "publish", "discard", "cancel", "retry", "map_team_name"} <= names
    assert len(SERVICES) >= 20


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_every_public_service_declares_its_permission(name):
    assert isinstance(getattr(SERVICES[name], "permission", None), Permission), \
        f"{name} is not declared with @service(Perm.X) (core/authority.py)"


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_every_public_service_refuses_a_missing_actor(db, name):
    with pytest.raises(TypeError, match="actor"):
        SERVICES[name](actor=None)
    with pytest.raises(TypeError, match="actor"):
        SERVICES[name]()


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_every_public_service_checks_its_permission_before_anything_else(world, name):
    # A practitioner holds none of the write permissions (their own action's update needs the action,
    # so without one it is refused too); a signed-in user with no role holds nothing. Neither call
    # gives the service's other arguments: the refusal comes first.
    no_role = get_user_model().objects.create_user(username="no.role", password="x" * 20)
    for user in (world.users[Role.PRACTITIONER], no_role):
        with pytest.raises(PermissionDenied):
            SERVICES[name](actor=user)
    assert not AuditEvent.objects.exists()


def test_a_service_refuses_a_permission_given_as_text():
    with pytest.raises(TypeError, match="Perm enum"):
        service("core.manage_themes")
    with pytest.raises(TypeError, match="Perm enum"):
        requires("core.manage_themes")
    with pytest.raises(TypeError, match="Perm enum"):
        authorise(System.DEMO, "core.manage_themes")


def test_every_named_permission_has_a_rule_and_every_rule_a_name():
    named = {str(member) for member in _members(Permission)}
    ours = {name for name in rules.permissions.permissions if name.split(".")[0] in APPS}
    assert named == ours
    assert len(named) == len(_members(Permission))  # no name given twice


def test_audit_verbs_are_named_once_and_fit_the_trail():
    verbs = [str(member) for member in _members(AuditVerb)]
    assert len(verbs) == len(set(verbs)) >= 20
    for verb in verbs:
        assert re.fullmatch(r"[a-z_]+\.[a-z_]+", verb) and len(verb) <= 64, verb


def test_an_audit_verb_given_as_text_is_refused(world):
    theme = Theme.objects.first()
    with pytest.raises(TypeError, match="Verb enum"):
        audit.record(world.users[Role.QA_LEAD], "theme.updated", theme)
    with pytest.raises(TypeError, match="actor"):
        audit.record(None, CoreVerb.THEME_UPDATED, theme)


def test_a_system_write_names_its_reason_on_the_trail_and_page(world, client_for):
    theme = create_theme(actor=System.COMMAND_LINE, name="Neglect")
    event = AuditEvent.objects.get(verb="theme.created", object_id=str(theme.pk))
    assert (event.actor, event.system_reason) == (None, "command line")
    person = create_theme(actor=world.users[Role.QA_LEAD], name="Exploitation")
    event = AuditEvent.objects.get(verb="theme.created", object_id=str(person.pk))
    assert (event.actor, event.system_reason) == (world.users[Role.QA_LEAD], "")
    page = client_for(world.users[Role.QA_LEAD]).get(reverse("core:audit_event_list")).content.decode()
    assert "System (command line)" in page


@pytest.mark.django_db(transaction=True)
def test_a_public_service_is_its_own_transaction_and_step_joins_the_callers():
    with pytest.raises(RuntimeError, match="durable"):
        with transaction.atomic():
            create_theme(actor=System.DEMO, name="Inside someone else's transaction")
    assert not Theme.objects.filter(name="Inside someone else's transaction").exists()

    # .step runs in the caller's transaction: it commits or rolls back with it, its audit event too
    class Later(Exception):
        pass

    with pytest.raises(Later):
        with transaction.atomic():
            create_theme.step(actor=System.DEMO, name="Rolled back with its caller")
            raise Later  # something after the step fails: the whole transaction goes
    assert not Theme.objects.filter(name="Rolled back with its caller").exists()
    assert not AuditEvent.objects.filter(verb="theme.created", changes__name="Rolled back with its caller").exists()

    theme = create_theme(actor=System.DEMO, name="Committed on return")
    assert transaction.get_connection().in_atomic_block is False
    assert AuditEvent.objects.filter(verb=CoreVerb.THEME_CREATED, object_id=str(theme.pk)).exists()


def test_the_own_password_permission_is_the_users_own_or_an_administrators(world):
    practitioner, manager = world.users[Role.PRACTITIONER], world.users[Role.TEAM_MANAGER]
    admin = world.users[Role.SYSTEM_ADMIN]
    from triangulate.people.rules import Perm as PeoplePerm

    assert practitioner.has_perm(PeoplePerm.CHANGE_PASSWORD, practitioner)
    assert not practitioner.has_perm(PeoplePerm.CHANGE_PASSWORD, manager)
    assert admin.has_perm(PeoplePerm.CHANGE_PASSWORD, manager)
    assert CorePerm.MANAGE_THEMES == "core.manage_themes"  # a member is the name rules knows it by
