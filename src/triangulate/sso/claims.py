"""Reading an id token's claims (docs/design/estate.md §1.2–1.4): pure Python, no Django, so each rule is tested on
its own with hand-made claims."""

from dataclasses import dataclass


class TokenRefused(Exception):
    """The id token is signed but not for us, from someone else, or without what a sign-in needs."""


def check_token(payload, *, issuer, client_id, tenant=""):
    """What mozilla-django-oidc leaves out: it checks the signature, the nonce and (through PyJWT) an `exp` that is
    present, but not who issued the token, for whom, nor that `exp` is there at all. A token signed by the
    provider for another application (another council's, on the same Entra ID) must not sign anyone in here."""
    if payload.get("iss") != issuer:
        raise TokenRefused("the token was issued by someone other than the council's provider")
    audience = payload.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    if client_id not in audiences:
        raise TokenRefused("the token was issued for another application")
    if len(audiences) > 1 and payload.get("azp") != client_id:
        # OpenID Connect Core 3.1.3.7: several audiences need azp naming us
        raise TokenRefused("the token was issued for another application")
    if not isinstance(payload.get("exp"), (int, float)):
        raise TokenRefused("the token has no expiry")
    if tenant and str(payload.get("tid", "")).lower() != tenant:
        raise TokenRefused("the token comes from another organisation's directory")
    if not subject_of(payload):
        raise TokenRefused("the token does not say who signed in")


def subject_of(claims):
    """Entra's `oid` is the person's id across the tenant's applications; `sub` differs per application and is
    what every other provider gives."""
    value = claims.get("oid") or claims.get("sub")
    return str(value) if value else ""


def email_of(claims):
    """The address to find an existing account by, lower-cased: `email`, else Entra's `preferred_username` (the
    user principal name, which councils set to the email address) when it is one."""
    for name in ("email", "preferred_username"):
        value = claims.get(name)
        if isinstance(value, str) and "@" in value:
            return value.strip().lower()
    return ""


def memberships(claims):
    """The groups and app roles the token says the person holds. Entra sends group object ids in `groups` and app
    role values in `roles`; a mapping may name either."""
    values = set()
    for name in ("groups", "roles"):
        listed = claims.get(name)
        if isinstance(listed, list):
            values.update(str(v) for v in listed if isinstance(v, (str, int)))
    return values


def groups_overflowed(claims):
    """Entra leaves `groups` out when a person is in more than 200 (the "overage"), pointing to Graph instead."""
    names = claims.get("_claim_names")
    return isinstance(names, dict) and "groups" in names


@dataclass(frozen=True)
class Mapping:
    claim_value: str
    role: str
    team_ids: frozenset
    service_area_ids: frozenset


@dataclass(frozen=True)
class Access:
    role: str
    team_ids: frozenset
    service_area_ids: frozenset


def decide_access(held, mappings):
    """The access the person's groups give, or None when no mapping names any of them. `mappings` are in rank
    order: the first held one gives the role (one role per account; decision 4), and the teams and service
    areas are those of every held mapping with that role, so a manager of two teams in two groups sees both,
    while an auditors' group with no teams adds none to a team manager."""
    matched = [m for m in mappings if m.claim_value in held]
    if not matched:
        return None
    role = matched[0].role
    same_role = [m for m in matched if m.role == role]
    return Access(role=role,
                  team_ids=frozenset().union(*(m.team_ids for m in same_role)),
                  service_area_ids=frozenset().union(*(m.service_area_ids for m in same_role)))
