"""The default headings (design §2): the four of seed 000, installed by migration 0002 for the councils that
exist and restored by `ensure_default_headings`."""

import importlib

from django.apps import apps

from triangulate.core.models import Theme
from triangulate.practice.defaults import GUIDANCE, ensure_default_headings
from triangulate.practice.models import HeadingMode, HeadingTemplate

from ..factories import CouncilFactory


def headings(council):
    return list(HeadingTemplate.objects.filter(council=council).order_by("number"))


def slugs(heading):
    return [theme.slug for theme in heading.themes.order_by("order")]


def test_the_four_headings_of_seed_000(db):
    council = CouncilFactory()
    created = ensure_default_headings(council)
    assert len(created) == 4
    leadership, voice, parents, good = headings(council)
    assert [h.number for h in (leadership, voice, parents, good)] == [1, 2, 3, 4]
    assert leadership.title == "Leadership" and leadership.mode == HeadingMode.STRENGTHS_AND_DEVELOPMENT
    assert slugs(leadership) == ["management-oversight-and-supervision", "workforce-and-caseloads", "leadership"]
    assert voice.title == "The voice of the child"
    assert set(slugs(voice)) == {"voice-of-the-child", "visits-and-direct-work", "recording"}
    assert parents.title == "The parent/carer experience"
    assert set(slugs(parents)) == {"parent-and-carer-experience", "planning-smart", "multi-agency-working"}
    assert good.title == "Good or innovative practice" and good.mode == HeadingMode.EXAMPLES
    assert good.themes.count() == Theme.objects.filter(is_active=True).count() == 12
    assert leadership.prompts.splitlines() == [
        "How visible and accessible are managers?", "How often are staff supervised, and is it reflective?",
        "How are caseloads managed?", "What is morale like?"]
    assert good.prompts == "What would you want every team to copy?"
    assert {h.guidance for h in (leadership, voice, parents, good)} == {GUIDANCE}


def test_restoring_is_idempotent_keeps_edits_and_reactivates(db):
    council = CouncilFactory()
    ensure_default_headings(council)
    leadership, voice, *_ = headings(council)
    leadership.prompts = "Our own prompt"
    leadership.save()
    voice.is_active = False
    voice.save()
    HeadingTemplate.objects.filter(council=council, number=3).delete()
    HeadingTemplate.objects.create(council=council, number=3, title="Partnership working")
    created = ensure_default_headings(council)
    assert [h.title for h in created] == ["The parent/carer experience"]
    assert created[0].number == 5  # its number is taken by the council's own heading: it goes after the last
    assert HeadingTemplate.objects.get(council=council, number=1).prompts == "Our own prompt"
    assert HeadingTemplate.objects.get(council=council, number=2).is_active
    assert ensure_default_headings(council) == []
    assert HeadingTemplate.objects.filter(council=council).count() == 5


def test_the_data_migration_installs_them_for_every_council(db):
    first, second = CouncilFactory(), CouncilFactory(la_code="998", name="Otherby")
    migration = importlib.import_module("triangulate.practice.migrations.0002_default_headings")
    migration.add_default_headings(apps, None)
    assert [h.title for h in headings(first)] == [h.title for h in headings(second)] == [
        "Leadership", "The voice of the child", "The parent/carer experience", "Good or innovative practice"]
