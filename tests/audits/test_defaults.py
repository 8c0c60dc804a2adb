"""The default grade scale and tools (design §2): what `ensure_default_tools` and migration 0002 install, checked
against the design's tables by hand."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied

from triangulate.audits.models import AuditTool, Grade, GradeScale, Question, ToolVersion
from triangulate.audits.services.tools import ensure_default_tools
from triangulate.audits.verbs import Verb
from triangulate.core.authority import System
from triangulate.core.models import AuditEvent
from triangulate.core.roles import Role

from ..factories import CouncilFactory, make_user

pytestmark = pytest.mark.django_db

# §2.1, section by section
FULL_SECTIONS = [
    ("Summary and chronology", ["summary_current", "chronology_current", "genogram", "history_considered",
                                "summary_grade"]),
    ("Assessment and analysis", ["assessment_in_time", "child_seen_assessment", "analysis_risk", "identity_needs",
                                 "assessment_grade"]),
    ("Voice and lived experience", ["wishes_feelings", "lived_experience", "advocacy_offered", "voice_grade"]),
    ("Planning (SMART)", ["plan_current", "plan_smart", "contingency", "plan_reviewed", "family_understand_plan",
                          "permanence_plan", "pathway_plan", "planning_grade"]),
    ("Visits and direct work", ["visits_in_time", "seen_alone_visits", "visit_purpose", "direct_work",
                                "visits_grade"]),
    ("Multi-agency working", ["partners_involved", "meetings_attended", "information_shared", "health_education",
                              "multi_agency_grade"]),
    ("Management oversight and supervision", ["decisions_recorded", "supervision_in_time",
                                              "supervision_reflective", "drift_addressed", "oversight_grade"]),
    ("Recording", ["recording_current", "written_to_child", "recording_grade"]),
    ("Outcomes and impact", ["progress_against_plan", "child_better_off", "impact_grade"]),
]
FULL_OPTIONAL = {"genogram", "identity_needs", "advocacy_offered", "family_understand_plan", "permanence_plan",
                 "pathway_plan", "meetings_attended", "health_education", "written_to_child"}
FULL_GRADES = {"summary_grade", "analysis_risk", "assessment_grade", "voice_grade", "planning_grade",
               "visits_grade", "multi_agency_grade", "oversight_grade", "recording_grade", "impact_grade"}


def _install(council=None):
    council = council or CouncilFactory()
    return council, ensure_default_tools(actor=System.DEMO, council=council)


def _questions(council, key):
    version = AuditTool.objects.get(council=council, key=key).versions.get()
    return {q.key: q for q in version.questions.select_related("theme", "section")}


def test_the_default_scale_is_the_ofsted_four_point_scale():
    council, _ = _install()
    scale = GradeScale.objects.get(council=council)
    assert (scale.name, scale.good_threshold, scale.is_default) == ("Ofsted four-point", 3, True)
    assert [(g.value, g.label, g.colour, g.is_inadequate) for g in scale.grades.order_by("-value")] == [
        (4, "Outstanding", "green", False), (3, "Good", "turquoise", False),
        (2, "Requires improvement", "yellow", False), (1, "Inadequate", "red", True)]
    assert scale.grades.get(value=2).description == "Not yet good; no child is left at risk."


def test_five_tools_each_version_1_live_on_the_default_scale():
    council, tools = _install()
    scale = GradeScale.objects.get(council=council)
    assert [(t.key, t.kind, t.population) for t in sorted(tools, key=lambda t: t.pk)] == [
        ("full_case_audit", "full", "open_cases"), ("visits_themed", "themed", "open_cases"),
        ("smart_plans_themed", "themed", "open_cases"), ("closure_audit", "closure", "closed_cases"),
        ("multi_agency_audit", "multi_agency", "open_cases")]
    versions = ToolVersion.objects.filter(tool__council=council)
    assert {(v.number, v.status, v.grade_scale_id) for v in versions} == {(1, "live", scale.pk)}
    assert versions.count() == 5


def test_the_full_case_audit_has_the_designs_sections_and_keys_in_order():
    council, _ = _install()
    version = AuditTool.objects.get(council=council, key="full_case_audit").versions.get()
    got = [(s.title, [q.key for q in s.questions.all()]) for s in version.sections.all()]
    assert got == FULL_SECTIONS
    assert [s.number for s in version.sections.all()] == list(range(1, 10))
    assert version.questions.count() == 43


def test_full_audit_types_mandatory_flags_and_not_applicable():
    council, _ = _install()
    questions = _questions(council, "full_case_audit")
    assert {k for k, q in questions.items() if not q.mandatory} == FULL_OPTIONAL
    assert {k for k, q in questions.items() if q.answer_type == "grade"} == FULL_GRADES
    assert {q.answer_type for k, q in questions.items() if k not in FULL_GRADES} == {"yes_no"}
    # Not applicable everywhere except the grades and child_better_off; evidence asked for grades
    assert {k for k, q in questions.items() if not q.allow_not_applicable} == FULL_GRADES | {"child_better_off"}
    assert {k for k, q in questions.items() if q.asks_evidence} == FULL_GRADES


def test_full_audit_themes_applies_to_and_guidance():
    council, _ = _install()
    questions = _questions(council, "full_case_audit")
    themes = {k: q.theme.slug for k, q in questions.items()}
    assert themes["summary_current"] == "recording"
    assert themes["history_considered"] == "assessment-quality"
    assert themes["assessment_in_time"] == "timeliness"
    assert themes["plan_reviewed"] == "timeliness"
    assert themes["family_understand_plan"] == "parent-and-carer-experience"
    assert themes["health_education"] == "outcomes"
    assert themes["drift_addressed"] == "management-oversight-and-supervision"
    assert themes["plan_smart"] == "planning-smart"
    assert sum(slug == "visits-and-direct-work" for slug in themes.values()) == 5
    assert sum(slug == "voice-of-the-child" for slug in themes.values()) == 5
    assert {k: q.applies_to for k, q in questions.items() if q.applies_to} == {
        "advocacy_offered": ["cp", "cla", "care_leaver"], "permanence_plan": ["cla"], "pathway_plan": ["care_leaver"],
        "health_education": ["cla"]}
    assert questions["child_better_off"].guidance == "Answer from the child's point of view (North Tyneside)."
    assert questions["contingency"].guidance == ""
    assert questions["plan_smart"].text == ("Are the actions specific, measurable, achievable, realistic and timed, "
                                            "with named people?")


def test_themed_tools_reuse_the_full_audits_keys():
    council, _ = _install()
    visits = AuditTool.objects.get(council=council, key="visits_themed").versions.get()
    plans = AuditTool.objects.get(council=council, key="smart_plans_themed").versions.get()
    assert [(s.title, [q.key for q in s.questions.all()]) for s in visits.sections.all()] == [("Visits", [
        "visits_in_time", "seen_alone_visits", "visit_purpose", "direct_work", "wishes_feelings", "lived_experience",
        "visit_recording", "visits_grade"])]
    assert [(s.title, [q.key for q in s.questions.all()]) for s in plans.sections.all()] == [("Plans", [
        "plan_current", "plan_smart", "contingency", "plan_reviewed", "family_understand_plan",
        "progress_against_plan", "plan_actions_done", "planning_grade"])]
    full = _questions(council, "full_case_audit")
    reused = visits.questions.get(key="wishes_feelings")
    assert (reused.text, reused.theme_id, reused.mandatory) == (
        full["wishes_feelings"].text, full["wishes_feelings"].theme_id, True)
    new = visits.questions.get(key="visit_recording")
    assert (new.answer_type, new.theme.slug, new.mandatory) == ("yes_no", "recording", True)
    done = plans.questions.get(key="plan_actions_done")
    assert (done.answer_type, done.theme.slug, done.mandatory) == ("yes_no", "planning-smart", True)


def test_closure_and_multi_agency_tools():
    council, _ = _install()
    closure = _questions(council, "closure_audit")
    multi = _questions(council, "multi_agency_audit")
    assert list(closure) == ["closure_right", "closure_manager_agreed", "closure_child_views", "closure_family_told",
                             "closure_step_down", "closure_outcomes", "closure_summary", "closure_grade"]
    assert list(multi) == ["ma_referral", "ma_strategy", "ma_information", "ma_attendance", "ma_roles", "ma_voice",
                           "ma_escalation", "ma_agency_findings", "ma_grade"]
    assert {k for k, q in (closure | multi).items() if not q.mandatory} == {"closure_summary", "ma_escalation"}
    assert {k for k, q in multi.items() if q.answer_type == "grade"} == {"ma_referral", "ma_information", "ma_roles",
                                                                         "ma_grade"}
    assert multi["ma_agency_findings"].answer_type == "text"
    assert multi["ma_escalation"].theme.slug == "leadership"
    assert multi["ma_roles"].theme.slug == "planning-smart"
    assert closure["closure_family_told"].theme.slug == "parent-and-carer-experience"
    assert closure["closure_right"].guidance == "Judge on what was known at closure."
    assert Question.objects.filter(version__tool__council=council, key="closure_right").get().section.title == \
        "Closure"


def test_ensure_default_tools_is_idempotent_and_keeps_a_councils_edits():
    council, first = _install()
    AuditTool.objects.filter(council=council, key="closure_audit").update(name="Closing cases")
    counts = (AuditTool.objects.count(), ToolVersion.objects.count(), Question.objects.count(), Grade.objects.count())
    assert ensure_default_tools(actor=System.DEMO, council=council) == []
    assert (AuditTool.objects.count(), ToolVersion.objects.count(), Question.objects.count(),
            Grade.objects.count()) == counts
    assert AuditTool.objects.get(key="closure_audit").name == "Closing cases"
    assert counts[:3] == (5, 5, 43 + 8 + 8 + 8 + 9)


def test_only_the_missing_tools_are_installed():
    council = CouncilFactory()
    qa_lead = make_user(Role.QA_LEAD, username="qa")
    from triangulate.audits.services.grades import create_scale
    own = create_scale(actor=qa_lead, council=council, name="Three-point", good_threshold=2, is_default=True,
                       grades=[(3, "Good", "green", ""), (2, "Fair", "yellow", ""), (1, "Poor", "red", "")])
    AuditTool.objects.create(council=council, name="Full case audit", key="our_full_audit", kind="full")
    tools = ensure_default_tools(actor=qa_lead, council=council)
    assert len(tools) == 5
    # The council's own tool keeps its name; the default is told apart. The council's default scale is used.
    assert AuditTool.objects.get(key="full_case_audit").name == "Full case audit (default)"
    assert set(ToolVersion.objects.values_list("grade_scale_id", flat=True)) == {own.pk}
    assert GradeScale.objects.get(name="Ofsted four-point").is_default is False
    assert AuditEvent.objects.filter(verb=Verb.TOOL_CREATED, actor=qa_lead).count() == 5


def test_only_tool_managers_install_the_defaults():
    council = CouncilFactory()
    with pytest.raises(PermissionDenied):
        ensure_default_tools(actor=make_user(Role.PRACTITIONER, username="pr"), council=council)
    assert not AuditTool.objects.exists()


def test_the_data_migration_installs_the_defaults_for_every_existing_council():
    council = CouncilFactory()
    migration = importlib.import_module("triangulate.audits.migrations.0002_default_tools")
    migration.add_default_tools(apps, None)
    migration.add_default_tools(apps, None)  # again: nothing more
    assert AuditTool.objects.filter(council=council).count() == 5
    assert Question.objects.filter(version__tool__council=council).count() == 76
    assert ToolVersion.objects.get(tool__key="full_case_audit").published_at is not None
