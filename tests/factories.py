"""factory-boy factories for the records most tests need."""

from datetime import date
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from triangulate.core.models import Theme
from triangulate.people.models import (
    Council,
    Region,
    ServiceArea,
    StaffMember,
    StaffRole,
    Team,
    TeamMembership,
    TeamType,
    UserProfile,
)

PASSWORD = "a-long-test-password"


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Council
        django_get_or_create = ("la_code",)

    name = "Testshire Council"
    la_code = "999"
    region = Region.NORTH_EAST


class ServiceAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceArea

    council = factory.SubFactory(CouncilFactory)
    name = factory.Sequence(lambda n: f"Service area {n}")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    council = factory.SubFactory(CouncilFactory)
    name = factory.Sequence(lambda n: f"Team {n}")
    team_type = TeamType.LOCALITY_SAFEGUARDING
    service_area = factory.SubFactory(ServiceAreaFactory, council=factory.SelfAttribute("..council"))
    establishment_fte = Decimal("10")


class StaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffMember

    council = factory.SubFactory(CouncilFactory)
    staff_ref = factory.Sequence(lambda n: f"S{n:05d}")
    first_name = "Alex"
    last_name = factory.Sequence(lambda n: f"Worker{n}")
    role = StaffRole.SOCIAL_WORKER
    start_date = date(2020, 1, 6)


def add_to_team(staff, team, start=date(2020, 1, 6), end=None):
    return TeamMembership.objects.create(staff=staff, team=team, start_date=start, end_date=end)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def make_user(role="", staff=None, teams=(), service_areas=(), expires_at=None, **kwargs):
    user = UserFactory(**kwargs)
    profile = UserProfile.objects.create(user=user, role=role, staff=staff, expires_at=expires_at)
    profile.teams.set(teams)
    profile.service_areas.set(service_areas)
    return user


def theme(slug="voice-of-the-child"):
    return Theme.objects.get(slug=slug)
