import os

import pytest
from django.test import Client

from triangulate.core.roles import Role

from .factories import PASSWORD, StaffFactory, TeamFactory, add_to_team, make_user


@pytest.fixture
def world(db):
    """Two teams in two service areas, and one account per role.

    Team-scoped accounts (practitioner, team manager, service manager) belong to the
    "own" team; everyone else is council-wide.
    """
    return build_world()


def build_world():
    """The `world` fixture's records (also built once per module by the permission matrix)."""
    own = TeamFactory(name="Safeguarding North 1")
    other = TeamFactory(name="Children in Care South", team_type="children_in_care")
    own_worker = StaffFactory(first_name="Olive", last_name="Own")
    other_worker = StaffFactory(first_name="Otto", last_name="Other")
    add_to_team(own_worker, own)
    add_to_team(other_worker, other)
    manager = StaffFactory(role="team_manager", first_name="Mo", last_name="Manager")
    add_to_team(manager, own)
    users = {
        Role.PRACTITIONER: make_user(Role.PRACTITIONER, staff=own_worker, username="practitioner"),
        Role.TEAM_MANAGER: make_user(Role.TEAM_MANAGER, staff=manager, username="teammanager"),
        Role.SERVICE_MANAGER: make_user(Role.SERVICE_MANAGER, service_areas=[own.service_area],
                                        username="servicemanager"),
    }
    for role in Role:
        if role not in users:
            users[role] = make_user(role, username=role.value)
    return type("World", (), {"own": own, "other": other, "own_worker": own_worker, "other_worker": other_worker,
                              "users": users})


@pytest.fixture
def client_for():
    """A signed-in test client for a user."""

    def sign_in(user):
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return sign_in


@pytest.fixture
def password():
    return PASSWORD


def pytest_collection_modifyitems(config, items):
    """With TRIANGULATE_DB_TESTS_ONLY=1 (the PostgreSQL run of scripts/test.sh) only the tests that touch the
    database run: a test that never opens it (a parser, a KPI definition on DuckDB, a pure calculation) gives the
    same answer whichever database the settings name, and has already run on SQLite."""
    if os.environ.get("TRIANGULATE_DB_TESTS_ONLY") != "1":
        return
    keep, skipped = [], []
    for item in items:
        touches = item.get_closest_marker("django_db") or "django_db_setup" in getattr(item, "fixturenames", ())
        (keep if touches else skipped).append(item)
    if skipped:
        config.hook.pytest_deselected(items=skipped)
        items[:] = keep
