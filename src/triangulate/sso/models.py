"""Who signs in through the council's identity provider, and how its groups give roles and teams
(docs/design/estate.md §1.3 and §1.4)."""

from django.conf import settings
from django.db import models

from triangulate.core.concurrency import Versioned
from triangulate.core.roles import Role
from triangulate.people.models import ServiceArea, Team


class ExternalIdentity(models.Model):
    """An account's binding to one person at the provider: the provider's stable subject (Entra's `oid`), not
    their email address, which can be changed or passed to someone else."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="external_identities")
    issuer = models.CharField(max_length=255)
    subject = models.CharField(max_length=255)
    bound_at = models.DateTimeField(auto_now_add=True)
    last_sign_in_at = models.DateTimeField(null=True, blank=True)
    # The account's role and teams were last set from the council's groups (§1.4): when the person leaves every
    # mapped group, the role goes with them. A role an administrator set by hand is never taken away here.
    access_from_groups = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="one_account_per_provider_subject"),
            models.UniqueConstraint(fields=["user", "issuer"], name="one_subject_per_account_and_provider"),
        ]

    def __str__(self):
        return f"{self.user} at {self.issuer}"


class GroupMapping(Versioned):
    """One of the council's groups (or app roles) and the role and teams it gives in Triangulate."""

    claim_value = models.CharField(
        "Group object ID or app role", max_length=255, unique=True,
        help_text="As the provider sends it in the token's groups or roles claim, for example "
                  "5f1c2a9e-3b7d-4e8a-9c21-0d6f4b8e7a13 or Triangulate.TeamManager")
    label = models.CharField("Name", max_length=120, help_text="The group's name, for people reading this list")
    role = models.CharField(max_length=32, choices=Role.choices)
    teams = models.ManyToManyField(Team, blank=True, related_name="+")
    service_areas = models.ManyToManyField(ServiceArea, blank=True, related_name="+")
    # Someone in several mapped groups takes the role of the first in this order (decision 4).
    rank = models.PositiveIntegerField(default=100)

    class Meta:
        ordering = ["rank", "id"]

    def __str__(self):
        return self.label
