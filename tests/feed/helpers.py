"""Issuing tokens and calling the feed as Power BI does: a GET with the token in the Authorization header."""

from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from triangulate.core.roles import Role
from triangulate.feed import services
from triangulate.feed.models import FeedToken


def issue(world, *, scope=FeedToken.Scope.AGGREGATES, publication=False, days=30, name="Power BI", teams=(),
          actor=None):
    return services.issue_token(actor=actor or world.users[Role.SYSTEM_ADMIN], name=name, purpose="The monthly pack",
                                scope=scope, publication=publication,
                                expires_at=timezone.now() + timedelta(days=days), teams=list(teams))


def feed_url(name, fmt="csv", kpi=None):
    if kpi is not None:
        return reverse("feed:children", kwargs={"kpi_id": kpi, "fmt": fmt})
    return reverse(f"feed:{name}", kwargs={"fmt": fmt})


def get(secret, name, fmt="csv", client=None, child_kpi=None, **query):
    """`child_kpi`: the measure of a children/<kpi> endpoint; `query`: the filters (period, team, kpi)."""
    client = client or Client()
    headers = {"Authorization": f"Bearer {secret}"} if secret else {}
    return client.get(feed_url(name, fmt, child_kpi), query, headers=headers)
