"""Grade scale edits and the freeze rule (design §1.1): once a version that is no longer a draft uses a scale, its
values, order, inadequate grade (and "good or better" threshold) are frozen; labels, colours and descriptions
still change."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from triangulate.audits.models import Grade, GradeScale, ToolVersion
from triangulate.audits.services import grades as services
from triangulate.audits.verbs import Verb
from triangulate.core.concurrency import StaleEdit
from triangulate.core.models import AuditEvent
from triangulate.core.roles import Role

from ..factories import CouncilFactory, make_user
from .factories import ToolVersionFactory, make_scale, make_tool

pytestmark = pytest.mark.django_db


@pytest.fixture
def qa():
    return make_user(Role.QA_LEAD, username="qa")


def _grade(scale, value):
    return Grade.objects.get(scale=scale, value=value)


def test_an_unused_scale_can_change_its_values_and_inadequate_grade(qa):
    scale = make_scale(CouncilFactory())
    ToolVersionFactory(tool__council=scale.council, grade_scale=scale, status=ToolVersion.Status.DRAFT)
    assert services.is_frozen(scale) is False
    services.edit_grade(actor=qa, grade=_grade(scale, 4), value=5)
    assert sorted(scale.grades.values_list("value", flat=True)) == [1, 2, 3, 5]
    with pytest.raises(ValidationError) as excinfo:
        services.edit_grade(actor=qa, grade=_grade(scale, 2), value=3)
    assert excinfo.value.message_dict == {"value": ["Another grade on this scale has the value 3"]}
    with pytest.raises(ValidationError) as excinfo:
        services.edit_grade(actor=qa, grade=_grade(scale, 2), is_inadequate=True)
    assert excinfo.value.message_dict == {"is_inadequate": ["Only the lowest grade can be the inadequate grade"]}
    with pytest.raises(ValidationError) as excinfo:  # moving the inadequate grade above another
        services.edit_grade(actor=qa, grade=_grade(scale, 1), value=4)
    assert excinfo.value.message_dict == {"value": ["Only the lowest grade can be the inadequate grade"]}
    services.edit_grade(actor=qa, grade=_grade(scale, 1), value=0)
    assert _grade(scale, 0).is_inadequate


def test_a_scale_used_by_a_published_version_freezes_values_order_and_inadequate(qa):
    version = make_tool()  # live, on its four-point scale
    scale = version.grade_scale
    assert services.is_frozen(scale) is True
    for change in ({"value": 5}, {"is_inadequate": False}):
        with pytest.raises(ValidationError) as excinfo:
            services.edit_grade(actor=qa, grade=_grade(scale, 1), **change)
        assert "its values, order and inadequate grade are frozen" in excinfo.value.messages[0]
    with pytest.raises(ValidationError) as excinfo:
        services.edit_scale(actor=qa, scale=scale, good_threshold=4)
    assert list(excinfo.value.message_dict) == ["good_threshold"]
    # Labels, colours and descriptions still change, and the unchanged frozen fields can be sent as they are
    services.edit_grade(actor=qa, grade=_grade(scale, 2), label="Needs improvement", colour="orange",
                        description="Not yet good.", value=2, is_inadequate=False)
    grade = _grade(scale, 2)
    assert (grade.label, grade.colour, grade.description) == ("Needs improvement", "orange", "Not yet good.")
    event = AuditEvent.objects.get(verb=Verb.GRADE_UPDATED)
    assert event.changes["label"] == ["Requires improvement", "Needs improvement"]
    assert event.changes["description"] == "changed"  # free text is not copied into the trail


def test_a_retired_version_still_freezes_its_scale(qa):
    version = make_tool()
    ToolVersion.objects.filter(pk=version.pk).update(status=ToolVersion.Status.RETIRED)
    assert services.is_frozen(version.grade_scale) is True


def test_labels_stay_unique_and_the_threshold_is_a_grade(qa):
    scale = make_scale(CouncilFactory())
    with pytest.raises(ValidationError) as excinfo:
        services.edit_grade(actor=qa, grade=_grade(scale, 2), label="good")
    assert excinfo.value.message_dict == {"label": ["Another grade on this scale is called “good”"]}
    with pytest.raises(ValidationError) as excinfo:
        services.edit_scale(actor=qa, scale=scale, good_threshold=7)
    assert excinfo.value.message_dict == {"good_threshold": ["The threshold must be the value of one of the "
                                                             "scale's grades"]}
    services.edit_scale(actor=qa, scale=scale, good_threshold=4)
    assert GradeScale.objects.get(pk=scale.pk).good_threshold == 4


def test_one_default_scale_per_council(qa):
    council = CouncilFactory()
    first = make_scale(council)
    second = services.create_scale(actor=qa, council=council, name="Three-point", good_threshold=2,
                                   grades=[(3, "Good", "green", ""), (2, "Fair", "yellow", ""), (1, "Poor", "red", "")])
    assert list(second.grades.filter(is_inadequate=True).values_list("value", flat=True)) == [1]
    services.edit_scale(actor=qa, scale=second, is_default=True)
    assert list(GradeScale.objects.filter(is_default=True)) == [second]
    assert GradeScale.objects.get(pk=first.pk).is_default is False
    with pytest.raises(ValidationError) as excinfo:
        services.edit_scale(actor=qa, scale=GradeScale.objects.get(pk=second.pk), is_default=False)
    assert list(excinfo.value.message_dict) == ["is_default"]


def test_a_stale_grade_edit_is_refused(qa):
    scale = make_scale(CouncilFactory())
    drawn_at = scale.version
    services.edit_grade(actor=qa, grade=_grade(scale, 3), label="Good practice", expected_version=drawn_at)
    with pytest.raises(StaleEdit):
        services.edit_grade(actor=qa, grade=_grade(scale, 4), label="Excellent", expected_version=drawn_at)
    assert _grade(scale, 4).label == "Outstanding"


def test_only_tool_managers_edit_scales():
    scale = make_scale(CouncilFactory())
    with pytest.raises(PermissionDenied):
        services.edit_grade(actor=make_user(Role.SENIOR_LEADER, username="sl"), grade=_grade(scale, 4), label="X")
