"""Writes for sign-in with the council's provider (docs/design/estate.md §1.3–1.4): binding an account to the
provider's subject, giving it the access its groups map to, and editing the mappings."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from triangulate.core import audit
from triangulate.core.authority import service
from triangulate.core.concurrency import claim, lock
from triangulate.people import services as people
from triangulate.people.models import UserProfile

from . import claims as read
from .models import ExternalIdentity, GroupMapping
from .rules import Perm
from .verbs import Verb

NO_ACCOUNT = "There is no Triangulate account for you. Ask your system administrator to make one."
SHARED_ADDRESS = ("More than one Triangulate account has your email address, so we cannot tell which is yours. "
                  "Ask your system administrator.")
BOUND_ELSEWHERE = ("The Triangulate account with your email address is already linked to someone else's council "
                   "account. Ask your system administrator.")
GROUPS_WITHDRAWN = "Your council groups no longer give you access to Triangulate. Ask your system administrator."
NO_ROLE = "Your Triangulate account has no role yet. Ask your system administrator."
SWITCHED_OFF = "This account has been switched off. Ask your system administrator."
EXPIRED = "Your access to Triangulate has ended. Ask your system administrator."
TOO_MANY_GROUPS = (" The provider did not list your groups: you are in more than it can send. Your council's IT "
                   "team can send app roles instead.")


@dataclass(frozen=True)
class SignIn:
    """Who signed in, or why not: `refusal` is the sentence the sign-in page shows. A refusal is returned, not
    raised, so what it must write (an account losing the access its groups gave) is kept."""

    user: object = None
    refusal: str = ""


def _mappings():
    return [read.Mapping(m.claim_value, m.role, frozenset(t.pk for t in m.teams.all()),
                         frozenset(a.pk for a in m.service_areas.all()))
            for m in GroupMapping.objects.prefetch_related("teams", "service_areas")]


@service(Perm.SIGN_IN_WITH_PROVIDER)
def sign_in(*, actor, issuer, claims):
    """The account the provider's verified `claims` sign in as (the id token's, already checked by the backend)."""
    mappings = _mappings()
    access = read.decide_access(read.memberships(claims), mappings) if mappings else None
    identity = (ExternalIdentity.objects.select_related("user")
                .filter(issuer=issuer, subject=read.subject_of(claims)).first())
    if identity is None:
        identity, refusal = _bind(actor, issuer, claims, access)
        if refusal:
            return SignIn(refusal=refusal + (TOO_MANY_GROUPS if read.groups_overflowed(claims) else ""))
    user = identity.user
    if not user.is_active:
        return SignIn(refusal=SWITCHED_OFF)
    profile, _ = UserProfile.objects.get_or_create(user=user)
    if not profile.is_current():
        return SignIn(refusal=EXPIRED)
    if access is not None:
        _give(actor, identity, access)
    elif mappings and identity.access_from_groups:
        people.change_access.step(actor=actor, user=user, role="", teams=[], service_areas=[])
        audit.record(actor, Verb.ACCESS_WITHDRAWN, user)
        identity.access_from_groups = False
        identity.save(update_fields=["access_from_groups"])
        return SignIn(refusal=GROUPS_WITHDRAWN)
    profile.refresh_from_db()
    if not profile.role:
        return SignIn(refusal=NO_ROLE + (TOO_MANY_GROUPS if read.groups_overflowed(claims) else ""))
    identity.last_sign_in_at = timezone.now()
    identity.save(update_fields=["last_sign_in_at"])
    return SignIn(user=user)


def _bind(actor, issuer, claims, access):
    """Find the account for a subject seen for the first time, by email, once (decision 2); or make one when the
    person's groups give them a role. Returns (identity, refusal)."""
    User = get_user_model()
    email = read.email_of(claims)
    accounts = list(User.objects.filter(email__iexact=email)) if email else []
    if len(accounts) > 1:
        for account in accounts:
            audit.record(actor, Verb.SIGN_IN_REFUSED, account, reason="several accounts share the address")
        return None, SHARED_ADDRESS
    if accounts:
        user = accounts[0]
        if ExternalIdentity.objects.filter(user=user, issuer=issuer).exists():
            audit.record(actor, Verb.SIGN_IN_REFUSED, user, reason="bound to another subject")
            return None, BOUND_ELSEWHERE
    elif access is not None and email and not User.objects.filter(username__iexact=email).exists():
        user = people.create_account.step(
            actor=actor, username=email, password=None, email=email,
            first_name=str(claims.get("given_name", ""))[:150], last_name=str(claims.get("family_name", ""))[:150])
    else:
        return None, NO_ACCOUNT
    identity = ExternalIdentity.objects.create(user=user, issuer=issuer, subject=read.subject_of(claims))
    if user.has_usable_password():
        # the council's own sign-in (and its MFA) is now the way in: an old password must not get round it
        user.set_unusable_password()
        user.save(update_fields=["password"])
    audit.record(actor, Verb.IDENTITY_BOUND, user, issuer=issuer)
    return identity, ""


def _give(actor, identity, access):
    people.change_access.step(actor=actor, user=identity.user, role=access.role, teams=sorted(access.team_ids),
                              service_areas=sorted(access.service_area_ids))
    if not identity.access_from_groups:
        identity.access_from_groups = True
        identity.save(update_fields=["access_from_groups"])
        audit.record(actor, Verb.ACCESS_FROM_GROUPS, identity.user, role=access.role)


# The mapping page's writes -------------------------------------------------------------------------------------

def _check_unique(claim_value, mapping=None):
    others = GroupMapping.objects.filter(claim_value=claim_value)
    if mapping is not None:
        others = others.exclude(pk=mapping.pk)
    if others.exists():
        raise ValidationError({"claim_value": "Another row already maps this group or app role"})


def _snapshot(mapping):
    return {"claim_value": mapping.claim_value, "label": mapping.label, "role": mapping.role, "rank": mapping.rank,
            "teams": sorted(mapping.teams.values_list("pk", flat=True)),
            "service_areas": sorted(mapping.service_areas.values_list("pk", flat=True))}


@service(Perm.MANAGE_SIGN_IN)
def create_mapping(*, actor, claim_value, label, role, rank, teams=(), service_areas=()):
    claim_value = claim_value.strip()
    _check_unique(claim_value)
    mapping = GroupMapping.objects.create(claim_value=claim_value, label=label, role=role, rank=rank)
    mapping.teams.set(teams)
    mapping.service_areas.set(service_areas)
    audit.record(actor, Verb.MAPPING_CREATED, mapping, **_snapshot(mapping))
    return mapping


@service(Perm.MANAGE_SIGN_IN)
def update_mapping(*, actor, mapping, expected_version=None, teams=None, service_areas=None, **values):
    lock(mapping)
    before = _snapshot(mapping)
    if "claim_value" in values:
        values["claim_value"] = values["claim_value"].strip()
        _check_unique(values["claim_value"], mapping)
    claim(mapping, expected_version)
    for name, value in values.items():
        setattr(mapping, name, value)
    mapping.save()
    if teams is not None:
        mapping.teams.set(teams)
    if service_areas is not None:
        mapping.service_areas.set(service_areas)
    after = _snapshot(mapping)
    audit.record(actor, Verb.MAPPING_UPDATED, mapping,
                 **{k: [before[k], after[k]] for k in before if before[k] != after[k]})
    return mapping


@service(Perm.MANAGE_SIGN_IN)
def delete_mapping(*, actor, mapping, expected_version=None):
    """People in only this group lose the access it gave at their next sign-in (§1.4), not now: their session
    ends within the idle timeout, and the next sign-in asks the groups again."""
    lock(mapping)
    claim(mapping, expected_version)
    audit.record(actor, Verb.MAPPING_DELETED, mapping, **_snapshot(mapping))
    mapping.delete()
