"""Feed tokens and the log of every call made with one (docs/design/estate.md §4).

Only the SHA-256 of a token's secret is stored (`token_hash`): the secret is 256 random bits, so a fast hash is
the right one (a slow password hash protects guessable secrets; nothing guesses 2^256). `prefix` is the secret's
first characters, shown on the pages so an analyst can tell which token a Power BI file holds, and used to find
the candidate rows before the hashes are compared in constant time (tokens.py)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from triangulate.people.models import Team


class FeedToken(models.Model):
    class Scope(models.TextChoices):
        AGGREGATES = "aggregates", "Aggregates (KPIs, audit, observation and action figures)"
        CHILDREN = "children", "Children (aggregates and child-level lists)"

    name = models.CharField(max_length=100)
    purpose = models.CharField(max_length=300)
    scope = models.CharField(max_length=16, choices=Scope.choices, default=Scope.AGGREGATES)
    # disclosure control on every figure (core/disclosure.py), as for elected members; never with children
    publication = models.BooleanField(default=False)
    # empty: every team; otherwise team rows (and children) of these teams only
    teams = models.ManyToManyField(Team, blank=True, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=12, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.CheckConstraint(condition=~models.Q(publication=True, scope="children"),
                                              name="feed_publication_never_children")]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def revoked(self):
        return self.revoked_at is not None

    def expired(self, now=None):
        return self.expires_at <= (now or timezone.now())

    def usable(self, now=None):
        return not self.revoked and not self.expired(now)

    @property
    def status(self):
        if self.revoked:
            return "Revoked"
        return "Expired" if self.expired() else "Active"


class FeedCall(models.Model):
    """One call made with a known token, served or refused. Unknown tokens have no row: there is no token to
    hang it on, and an unknown caller must not be able to fill the table (they are logged to the server log)."""

    token = models.ForeignKey(FeedToken, on_delete=models.CASCADE, related_name="calls")
    endpoint = models.CharField(max_length=100)
    filters = models.JSONField(default=dict, blank=True)
    rows = models.IntegerField(null=True, blank=True)
    status = models.PositiveSmallIntegerField()
    at = models.DateTimeField(default=timezone.now)
    address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["token", "at"])]
