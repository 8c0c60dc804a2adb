"""The self-assessment's defaults (docs/design/improvement.md §3.1): seed 004's six points mapped to Ofsted's four,
and the six domains, installed once and restored without touching a council's own edits."""

from triangulate.improvement.defaults import DEFAULT_DOMAINS, ensure_assessment_defaults
from triangulate.improvement.models import DomainTemplate, JudgementScale

from ..factories import CouncilFactory


def test_a_council_gets_the_six_point_scale_mapped_to_ofsteds_four_grades(db):
    council = CouncilFactory()
    scale = ensure_assessment_defaults(council)
    grades = list(scale.grades.values_list("value", "label", "ofsted"))
    assert grades == [
        (1, "Inadequate", "inadequate"),
        (2, "Requires significant improvement to be good", "requires_improvement"),
        (3, "Requires improvement to be good", "requires_improvement"),
        (4, "Good", "good"),
        (5, "Secure good", "good"),
        (6, "Outstanding", "outstanding")]
    assert scale.is_default


def test_the_defaults_are_installed_once_and_a_renamed_domain_is_not_brought_back_twice(db):
    council = CouncilFactory()
    ensure_assessment_defaults(council)
    first = DomainTemplate.objects.get(council=council, number=1)
    first.guidance = "Our own words"
    first.save()
    ensure_assessment_defaults(council)
    assert JudgementScale.objects.filter(council=council).count() == 1
    assert DomainTemplate.objects.filter(council=council).count() == len(DEFAULT_DOMAINS) == 6
    assert DomainTemplate.objects.get(pk=first.pk).guidance == "Our own words"
    # a deleted default comes back, after the council's last number
    DomainTemplate.objects.filter(council=council, number=4).delete()
    ensure_assessment_defaults(council)
    assert sorted(DomainTemplate.objects.filter(council=council).values_list("number", flat=True)) == [
        1, 2, 3, 4, 5, 6]
    care_leavers = DomainTemplate.objects.get(council=council, title__startswith="The experiences and progress of care")
    assert {t.slug for t in care_leavers.themes.all()} == {"outcomes", "voice-of-the-child"}
