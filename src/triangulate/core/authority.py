"""Who may write: the one layer where services check permissions, name who acted, and open their transaction.

Every app names its permissions in an enum (its rules.py: `class Perm(Permission)`, each member registered
with a `rules` predicate) and every public service function is declared with the permission it needs:

    from triangulate.core.authority import service
    from .rules import Perm

    @service(Perm.ADD_FINDING)
    def record_finding(*, actor, kind, text, ...):
        ...

    @service(Perm.UPDATE_ACTION, on="action")  # an object permission: asked about the `action` argument
    def change_action_status(*, actor, action, ...):

The decorator makes three promises, so no service has to remember them:
- **an actor is always named**: `actor` is a signed-in user, or a `System` reason for writes nobody typed
  (the demo council, the command line, the job worker's recovery). `actor=None` is refused (TypeError):
  a write with no author would leave an audit event nobody can account for.
- **the permission is checked here, always**: a user without it gets PermissionDenied before anything is
  read or written, whichever page, command or other service called. A System reason acts with the
  system's own authority.
- **a public service is its own transaction** (`atomic(durable=True)`): it cannot be called inside someone
  else's transaction by mistake, so when it returns its writes and audit events are committed and its
  on-commit work (starting a job, deleting a file) has run. Where one larger all-or-nothing unit
  genuinely composes services (generating the demo council), it calls `service.step(...)`: the same
  checks, in a savepoint of the caller's transaction.
"""

from enum import StrEnum
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db import transaction


class Permission(StrEnum):
    """Base of every app's named permissions: `class Perm(Permission): VIEW_X = "app.view_x"`.
    A StrEnum, so a member is also the string `rules` and Django know it by."""


class System(StrEnum):
    """Why a write was made by the system rather than by a signed-in person (kept on its audit event)."""

    DEMO = "demo council set-up"
    COMMAND_LINE = "command line"
    JOB_RECOVERY = "job worker recovery"
    HOUSEKEEPING = "scheduled housekeeping"  # escalations and reminders the job worker runs on a timer
    SIGN_IN = "sign-in with the council's identity provider"  # accounts bound and given access from its groups


def is_system(actor):
    return isinstance(actor, System)


def check_actor(actor):
    """Refuse a missing actor: a user or a System reason must be named."""
    if isinstance(actor, System):
        return
    if actor is None or not hasattr(actor, "is_authenticated"):
        raise TypeError("a service needs actor=: the signed-in user, or a core.authority.System reason "
                        f"for a write nobody typed (got {actor!r})")


def authorise(actor, perm, obj=None):
    """Raise PermissionDenied unless `actor` holds `perm` (on `obj`, for an object permission)."""
    if not isinstance(perm, Permission):
        raise TypeError(f"permissions are named in an app's Perm enum, not given as text ({perm!r})")
    check_actor(actor)
    if isinstance(actor, System):
        return
    if not actor.is_authenticated or not actor.has_perm(perm, obj):
        raise PermissionDenied(perm)


def user_of(actor):
    """The user to store as a record's author (created_by, uploaded_by...): None for a System reason."""
    return None if isinstance(actor, System) or not actor.is_authenticated else actor


def service(perm, *, on=None):
    """Declare a public service function: keyword arguments only, `actor` required, `perm` checked (about
    the argument named `on`, for an object permission), run in a durable transaction. `fn.step(...)` runs
    it inside the caller's transaction instead (see the module docstring)."""
    if not isinstance(perm, Permission):
        raise TypeError(f"permissions are named in an app's Perm enum, not given as text ({perm!r})")

    def decorate(fn):
        def checked(kwargs):
            if "actor" not in kwargs:
                raise TypeError(f"{fn.__name__}() needs actor=: the signed-in user or a System reason")
            authorise(kwargs["actor"], perm, kwargs.get(on) if on else None)
            return fn(**kwargs)

        @wraps(fn)
        def public(**kwargs):
            with transaction.atomic(durable=True):
                return checked(kwargs)

        @wraps(fn)
        def step(**kwargs):
            with transaction.atomic():
                return checked(kwargs)

        public.step = step
        public.permission = perm
        return public

    return decorate
