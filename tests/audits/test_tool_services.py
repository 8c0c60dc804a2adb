"""The tool builder's services (design §1.1): the versions' lifecycle, refusals to change anything but a draft,
moves as swaps under the unique order numbers, question keys and trends, and stale saves."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from triangulate.audits.models import AuditTool, GradeScale, Question, Section, ToolVersion
from triangulate.audits.services import tool_content as content
from triangulate.audits.services import tools as services
from triangulate.audits.verbs import Verb
from triangulate.core.concurrency import StaleEdit
from triangulate.core.models import AuditEvent
from triangulate.core.roles import Role

from ..factories import CouncilFactory, make_user, theme
from .factories import make_scale, make_tool

pytestmark = pytest.mark.django_db
Status = ToolVersion.Status


@pytest.fixture
def qa():
    return make_user(Role.QA_LEAD, username="qa")


@pytest.fixture
def council():
    council = CouncilFactory()
    make_scale(council)
    return council


def _tool(qa, council, name="Neglect audit"):
    tool = services.create_tool(actor=qa, council=council, name=name, kind="themed")
    return tool, tool.versions.get()


def _fill(qa, version, sections=("One", "Two", "Three"), questions=2):
    for title in sections:
        section = content.create_section(actor=qa, version=version, title=title)
        for n in range(1, questions + 1):
            content.create_question(actor=qa, section=section, text=f"{title} question {n}?", answer_type="yes_no",
                                     theme=theme("recording"))
    return list(version.sections.all())


def _error(excinfo):
    return " ".join(excinfo.value.messages)


def test_create_tool_makes_an_empty_draft_version_1_on_the_default_scale(qa, council):
    tool, version = _tool(qa, council)
    assert (tool.key, tool.kind, tool.is_active) == ("neglect_audit", "themed", True)
    assert (version.number, version.status, version.grade_scale.name) == (1, Status.DRAFT, "Ofsted four-point")
    assert AuditEvent.objects.filter(verb=Verb.TOOL_CREATED, object_id=str(tool.pk)).exists()


def test_a_tool_name_or_key_is_used_once_per_council(qa, council):
    _tool(qa, council)
    with pytest.raises(ValidationError) as excinfo:
        services.create_tool(actor=qa, council=council, name="neglect audit", kind="themed", key="other")
    assert excinfo.value.message_dict == {"name": ["There is already a tool called “neglect audit”"]}
    with pytest.raises(ValidationError) as excinfo:
        services.create_tool(actor=qa, council=council, name="Another", kind="themed", key="neglect_audit")
    assert "key" in excinfo.value.message_dict


def test_only_qa_leads_and_psws_change_tools(council):
    with pytest.raises(PermissionDenied):
        services.create_tool(actor=make_user(Role.AUDITOR, username="au"), council=council, name="X", kind="full")
    psw = make_user(Role.PRINCIPAL_SOCIAL_WORKER, username="psw")
    assert services.create_tool(actor=psw, council=council, name="X", kind="full").key == "x"


def test_the_lifecycle_publish_new_draft_publish_again(qa, council):
    tool, v1 = _tool(qa, council)
    with pytest.raises(ValidationError) as excinfo:
        services.publish(actor=qa, version=v1)
    assert _error(excinfo) == "Add at least one question before publishing"
    _fill(qa, v1)
    services.publish(actor=qa, version=v1)  # version 1 needs no change note
    v1.refresh_from_db()
    assert (v1.status, v1.published_by) == (Status.LIVE, qa)

    v2 = services.new_draft(actor=qa, tool=tool)
    assert (v2.number, v2.status, v2.grade_scale_id) == (2, Status.DRAFT, v1.grade_scale_id)
    # A copy, keys included, in the same order
    assert list(v2.questions.values_list("section__number", "number", "key", "text")) == \
        list(v1.questions.values_list("section__number", "number", "key", "text"))
    assert v2.questions.count() == 6 and set(v2.questions.values_list("pk", flat=True)).isdisjoint(
        v1.questions.values_list("pk", flat=True))
    with pytest.raises(ValidationError) as excinfo:
        services.new_draft(actor=qa, tool=tool)
    assert _error(excinfo) == "This tool already has a draft, version 2: change that one"

    with pytest.raises(ValidationError) as excinfo:
        services.publish(actor=qa, version=v2)
    assert _error(excinfo) == "Say what changed since version 1 (the change note) before publishing"
    services.edit_version(actor=qa, version=v2, change_note="Added a question on neglect.")
    services.publish(actor=qa, version=v2)
    v1.refresh_from_db()
    v2.refresh_from_db()
    assert (v1.status, v1.retired_by, v2.status) == (Status.RETIRED, qa, Status.LIVE)
    assert v1.retired_at is not None and v2.published_at is not None
    assert list(AuditEvent.objects.filter(verb=Verb.VERSION_RETIRED).values_list("object_id", flat=True)) == \
        [str(v1.pk)]


def test_only_a_draft_changes(qa, council):
    live = make_tool(scale=GradeScale.objects.get(council=council), key="small")  # version 1, live
    section, question = live.sections.get(), live.questions.first()
    refusal = ("Version 1 is live: only a draft can be changed. Make a new draft to change the tool.")
    attempts = [
        lambda: services.edit_version(actor=qa, version=live, change_note="x"),
        lambda: content.create_section(actor=qa, version=live, title="New"),
        lambda: content.edit_section(actor=qa, section=section, title="Renamed"),
        lambda: content.move_section(actor=qa, section=section, direction="up"),
        lambda: content.delete_section(actor=qa, section=section),
        lambda: content.create_question(actor=qa, section=section, text="New?", answer_type="text"),
        lambda: content.edit_question(actor=qa, question=question, text="Changed?"),
        lambda: content.move_question(actor=qa, question=question, direction="down"),
        lambda: content.delete_question(actor=qa, question=question),
        lambda: services.discard(actor=qa, version=live),
        lambda: services.publish(actor=qa, version=live),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError) as excinfo:
            attempt()
        assert _error(excinfo) == refusal
    section.refresh_from_db()
    assert section.title == "Summary and chronology" and live.questions.count() == 2


def test_retire_and_discard(qa, council):
    tool, draft = _tool(qa, council)
    with pytest.raises(ValidationError) as excinfo:
        services.retire(actor=qa, version=draft)
    assert _error(excinfo) == "Only the live version can be retired: discard a draft instead"
    _fill(qa, draft, sections=("One",), questions=1)
    services.publish(actor=qa, version=draft)
    services.retire(actor=qa, version=draft)
    draft.refresh_from_db()
    assert draft.status == Status.RETIRED
    with pytest.raises(ValidationError):
        services.retire(actor=qa, version=draft)
    # With no live version, a new draft copies the latest one
    v2 = services.new_draft(actor=qa, tool=tool)
    assert list(v2.questions.values_list("key", flat=True)) == ["one_question_1"]
    assert services.discard(actor=qa, version=v2) == tool
    assert not ToolVersion.objects.filter(pk=v2.pk).exists()
    assert not Section.objects.filter(version_id=v2.pk).exists()


def test_moving_sections_swaps_their_numbers(qa, council):
    _, version = _tool(qa, council)
    one, two, three = _fill(qa, version)
    content.move_section(actor=qa, section=three, direction="up")
    assert [(s.title, s.number) for s in version.sections.all()] == [("One", 1), ("Three", 2), ("Two", 3)]
    content.move_section(actor=qa, section=one, direction="down")
    assert [s.title for s in version.sections.all()] == ["Three", "One", "Two"]
    with pytest.raises(ValidationError) as excinfo:
        content.move_section(actor=qa, section=Section.objects.get(pk=three.pk), direction="up")
    assert _error(excinfo) == "It is already the first: it cannot move up"
    with pytest.raises(ValidationError) as excinfo:
        content.move_section(actor=qa, section=two, direction="sideways")
    assert _error(excinfo) == "Choose “Move up” or “Move down”"
    assert AuditEvent.objects.filter(verb=Verb.SECTION_MOVED).count() == 2


def test_moving_questions_and_deleting_closes_the_gap(qa, council):
    _, version = _tool(qa, council)
    (section,) = _fill(qa, version, sections=("One",), questions=3)
    first, second, third = section.questions.all()
    content.move_question(actor=qa, question=third, direction="up")
    assert [q.key for q in section.questions.all()] == ["one_question_1", "one_question_3", "one_question_2"]
    with pytest.raises(ValidationError) as excinfo:
        content.move_question(actor=qa, question=Question.objects.get(pk=second.pk), direction="down")
    assert _error(excinfo) == "It is already the last: it cannot move down"
    content.delete_question(actor=qa, question=first)
    assert list(section.questions.values_list("key", "number")) == [("one_question_3", 1), ("one_question_2", 2)]
    _fill(qa, version, sections=("Two", "Three"), questions=1)
    content.delete_section(actor=qa, section=version.sections.get(title="Two"))
    assert list(version.sections.values_list("title", "number")) == [("One", 1), ("Three", 2)]
    assert not Question.objects.filter(key="two_question_1").exists()


def test_question_keys_and_new_trends(qa, council):
    tool, v1 = _tool(qa, council)
    (section,) = _fill(qa, v1, sections=("One",), questions=1)
    question = content.create_question(actor=qa, section=section, text="Was the child seen alone?",
                                        answer_type="yes_no", theme=theme())
    assert (question.key, question.number, question.asks_evidence) == ("was_the_child_seen_alone", 2, False)
    grade = content.create_question(actor=qa, section=section, text="Quality", answer_type="grade", theme=theme(),
                                     key="voice_grade")
    assert grade.asks_evidence is True  # on by default for grades
    with pytest.raises(ValidationError) as excinfo:
        content.create_question(actor=qa, section=section, text="Again", answer_type="text", key="voice_grade")
    assert excinfo.value.message_dict == {"key": ["Another question in this version has the key “voice_grade”"]}
    services.publish(actor=qa, version=v1)

    v2 = services.new_draft(actor=qa, tool=tool)
    copy = v2.questions.get(key="was_the_child_seen_alone")
    edited = content.edit_question(actor=qa, question=copy, text="Was the child seen alone on every visit?")
    assert edited.key == "was_the_child_seen_alone"  # a rewording keeps the trend
    with pytest.raises(ValidationError) as excinfo:
        content.edit_question(actor=qa, question=Question.objects.get(pk=copy.pk), answer_type="grade")
    assert list(excinfo.value.message_dict) == ["answer_type"]
    changed = content.edit_question(actor=qa, question=Question.objects.get(pk=copy.pk), answer_type="grade",
                                     new_trend=True)
    assert changed.key == "was_the_child_seen_alone_v2"
    event = AuditEvent.objects.filter(verb=Verb.QUESTION_UPDATED).latest("pk")
    assert event.changes["key"] == ["was_the_child_seen_alone", "was_the_child_seen_alone_v2"]
    assert v1.questions.get(number=2).key == "was_the_child_seen_alone"  # the published version keeps its key


def test_graded_and_yes_no_questions_need_a_theme(qa, council):
    _, version = _tool(qa, council)
    section = content.create_section(actor=qa, version=version, title="One")
    with pytest.raises(ValidationError) as excinfo:
        content.create_question(actor=qa, section=section, text="Seen?", answer_type="yes_no")
    assert excinfo.value.message_dict == {
        "theme": ["Choose a theme: graded and yes or no questions are reported by theme"]}
    text = content.create_question(actor=qa, section=section, text="Notes", answer_type="text")
    assert text.theme is None


def test_a_stale_edit_is_refused_and_changes_nothing(qa, council):
    _, version = _tool(qa, council)
    (section,) = _fill(qa, version, sections=("One",), questions=1)
    drawn_at = ToolVersion.objects.get(pk=version.pk).version
    content.edit_section(actor=qa, section=section, title="First", expected_version=drawn_at)
    with pytest.raises(StaleEdit):
        content.edit_section(actor=qa, section=Section.objects.get(pk=section.pk), title="Second",
                              expected_version=drawn_at)
    assert Section.objects.get(pk=section.pk).title == "First"
    with pytest.raises(StaleEdit):
        services.edit_tool(actor=qa, tool=AuditTool.objects.get(pk=version.tool_id), name="Renamed",
                           expected_version=0)
