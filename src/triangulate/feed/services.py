"""Issuing and revoking feed tokens (docs/design/estate.md §4): the system administrator's, recorded on the audit
trail by name, scope and expiry (never the secret, never its hash)."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from triangulate.core.audit import record
from triangulate.core.authority import service, user_of

from . import tokens
from .models import FeedToken
from .rules import Perm
from .verbs import Verb


class Issued:
    """A new token and its secret. The secret exists only here, in memory, for the page that shows it once."""

    def __init__(self, token, secret):
        self.token, self.secret = token, secret


@service(Perm.MANAGE_TOKENS)
def issue_token(*, actor, name, purpose, scope, publication, expires_at, teams=()):
    if scope not in FeedToken.Scope.values:
        raise ValidationError({"scope": "Choose what the token may read."})
    if publication and scope == FeedToken.Scope.CHILDREN:
        raise ValidationError({"scope": "A token for publication cannot read child-level lists."})
    if expires_at <= timezone.now():
        raise ValidationError({"expires_on": "The expiry date must be in the future."})
    secret = tokens.new_secret()
    token = FeedToken.objects.create(name=name, purpose=purpose, scope=scope, publication=publication,
                                     expires_at=expires_at, token_hash=tokens.hash_of(secret),
                                     prefix=tokens.prefix_of(secret), created_by=user_of(actor))
    token.teams.set(teams)
    record(actor, Verb.TOKEN_ISSUED, token, name=name, scope=scope, publication=publication,
           expires_at=expires_at, teams=sorted(t.pk for t in teams))
    return Issued(token, secret)


@service(Perm.MANAGE_TOKENS)
def revoke_token(*, actor, token):
    token = FeedToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked:
        raise ValidationError("This token was already revoked.")
    token.revoked_at = timezone.now()
    token.revoked_by = user_of(actor)
    token.save(update_fields=["revoked_at", "revoked_by"])
    record(actor, Verb.TOKEN_REVOKED, token, name=token.name)
    return token
