"""`rules` predicates about the signed-in user's role, shared by every app's rules.py."""

import rules

from .roles import AGGREGATES_ONLY, READ_ONLY, Role


def role_of(user):
    """The user's access role, or None (no profile, no role, signed out or expired)."""
    if not user or not user.is_authenticated or not user.is_active:
        return None
    profile = getattr(user, "profile", None)
    if profile is None or not profile.role or not profile.is_current():
        return None
    return Role(profile.role)


def has_role(*roles):
    roles = frozenset(roles)
    name = "has_role:" + ",".join(sorted(roles))

    @rules.predicate(name=name)
    def predicate(user):
        return role_of(user) in roles

    return predicate


@rules.predicate
def has_any_role(user):
    return role_of(user) is not None


@rules.predicate
def sees_individuals(user):
    """Anyone with a role except those limited to aggregates (elected members)."""
    role = role_of(user)
    return role is not None and role not in AGGREGATES_ONLY


@rules.predicate
def can_write(user):
    role = role_of(user)
    return role is not None and role not in READ_ONLY
