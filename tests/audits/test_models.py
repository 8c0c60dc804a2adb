"""The rules of design §1 that the database itself keeps: each is tried once allowed and once refused, on the
real database, so that a service with a bug still cannot store what the design forbids."""

from datetime import date

import pytest
from django.db import DataError, IntegrityError, connection, transaction
from django.db.models import ProtectedError

from triangulate.audits.models import (
    AuditRound,
    AuditTool,
    CaseAudit,
    FamilyFeedback,
    Grade,
    GradeScale,
    Moderation,
    Question,
    SampleEntry,
    ToolVersion,
    random_seed,
)
from triangulate.core.concurrency import StaleEdit, claim, lock
from triangulate.core.models import AppendOnlyError

from ..factories import CouncilFactory, TeamFactory, UserFactory, theme
from .factories import (
    AnswerFactory,
    AuditRevisionFactory,
    AuditRoundFactory,
    AuditToolFactory,
    CaseAuditFactory,
    FamilyFeedbackFactory,
    ModerationFactory,
    QuestionFactory,
    ResponseFactory,
    SafeguardingFlagFactory,
    SampleEntryFactory,
    SectionFactory,
    ToolVersionFactory,
    grade_of,
    make_scale,
    make_tool,
)

pytestmark = pytest.mark.django_db


def refused(make):
    """Whether the database refuses what `make` writes (in a savepoint, so the test can go on). A value the
    column cannot hold at all (PostgreSQL's integer for a seed of 2**31) is a DataError, refused all the same."""
    try:
        with transaction.atomic():
            make()
    except (IntegrityError, DataError):
        return True
    return False


# §1.1 Tools and grades

def test_a_tool_has_at_most_one_draft_and_one_live_version_and_any_number_retired():
    tool = AuditToolFactory()
    scale = make_scale(tool.council)
    ToolVersionFactory(tool=tool, number=1, status="retired", grade_scale=scale, change_note="")
    ToolVersionFactory(tool=tool, number=2, status="retired", grade_scale=scale, change_note="Shorter")
    ToolVersionFactory(tool=tool, number=3, status="live", grade_scale=scale, change_note="Adds visits")
    ToolVersionFactory(tool=tool, number=4, status="draft", grade_scale=scale)
    assert refused(lambda: ToolVersionFactory(tool=tool, number=5, status="draft", grade_scale=scale))
    assert refused(lambda: ToolVersionFactory(tool=tool, number=5, status="live", grade_scale=scale,
                                              change_note="Again"))
    # another tool has its own draft and live version
    other = AuditToolFactory(council=tool.council)
    ToolVersionFactory(tool=other, number=1, status="live", grade_scale=scale)
    ToolVersionFactory(tool=other, number=2, status="draft", grade_scale=scale)
    assert ToolVersion.objects.filter(status="draft").count() == 2


def test_version_numbers_are_unique_per_tool_and_later_published_versions_say_what_changed():
    version = ToolVersionFactory(number=1, status="live")
    assert refused(lambda: ToolVersionFactory(tool=version.tool, number=1, status="retired",
                                              grade_scale=version.grade_scale))
    assert refused(lambda: ToolVersionFactory(tool=version.tool, number=0, status="draft",
                                              grade_scale=version.grade_scale))
    # version 2 may be drafted without a note, but not published without one
    draft = ToolVersionFactory(tool=version.tool, number=2, status="draft", grade_scale=version.grade_scale)
    ToolVersion.objects.filter(pk=version.pk).update(status="retired")  # so only the note can be missing
    assert refused(lambda: ToolVersion.objects.filter(pk=draft.pk).update(status="live"))
    ToolVersion.objects.filter(pk=draft.pk).update(status="live", change_note="Adds the family's view")


def test_tool_names_and_keys_are_unique_within_a_council_only():
    tool = AuditToolFactory(name="Full case audit", key="full_case_audit")
    assert refused(lambda: AuditToolFactory(council=tool.council, name="Full case audit", key="other"))
    assert refused(lambda: AuditToolFactory(council=tool.council, name="Other", key="full_case_audit"))
    elsewhere = CouncilFactory(la_code="998", name="Elsewhere Council")
    AuditToolFactory(council=elsewhere, name="Full case audit", key="full_case_audit")
    assert AuditTool.objects.filter(key="full_case_audit").count() == 2


def test_a_scale_has_unique_labels_and_values_one_inadequate_grade_and_a_council_one_default():
    scale = make_scale()
    assert [(g.value, g.label) for g in scale.grades.all()] == [
        (4, "Outstanding"), (3, "Good"), (2, "Requires improvement"), (1, "Inadequate")]  # higher is better
    assert refused(lambda: Grade.objects.create(scale=scale, value=5, label="Good"))
    assert refused(lambda: Grade.objects.create(scale=scale, value=3, label="Adequate"))
    assert refused(lambda: Grade.objects.create(scale=scale, value=0, label="Unsafe", is_inadequate=True))
    assert refused(lambda: GradeScale.objects.create(council=scale.council, name="Another", good_threshold=2,
                                                     is_default=True))
    assert refused(lambda: GradeScale.objects.create(council=scale.council, name="Ofsted four-point",
                                                     good_threshold=2))
    GradeScale.objects.create(council=scale.council, name="Three-point", good_threshold=2)  # not the default


def test_grade_and_yes_no_questions_need_a_theme_and_other_answers_do_not():
    section = SectionFactory()
    for answer_type in (Question.AnswerType.GRADE, Question.AnswerType.YES_NO):
        assert refused(lambda t=answer_type: QuestionFactory(section=section, answer_type=t, theme=None))
    for answer_type in (Question.AnswerType.TEXT, Question.AnswerType.NUMBER, Question.AnswerType.DATE):
        QuestionFactory(section=section, answer_type=answer_type, theme=None)
    QuestionFactory(section=section, answer_type=Question.AnswerType.GRADE, theme=theme("outcomes"))
    assert section.questions.count() == 4


def test_question_keys_are_unique_within_a_version_and_join_across_versions():
    version = make_tool()
    other_section = SectionFactory(version=version, number=2)
    # the same key in another section of the same version
    assert refused(lambda: QuestionFactory(section=other_section, number=1, key="summary_current"))
    # the same order within a section
    first_section = version.sections.get(number=1)
    assert refused(lambda: QuestionFactory(section=first_section, number=1, key="genogram"))
    assert refused(lambda: SectionFactory(version=version, number=1))
    # a new version keeps the key, so its results join the same trend
    draft = ToolVersionFactory(tool=version.tool, number=2, status="draft", grade_scale=version.grade_scale)
    QuestionFactory(section=SectionFactory(version=draft, number=1), number=1, key="summary_current")
    assert Question.objects.filter(key="summary_current").count() == 2


# §1.2 Rounds and the sample

def test_a_child_appears_once_in_a_rounds_sample_even_withdrawn():
    entry = SampleEntryFactory(child_id="A02", status=SampleEntry.Status.WITHDRAWN)
    assert refused(lambda: SampleEntryFactory(round=entry.round, child_id="A02", team=entry.team))
    SampleEntryFactory(child_id="A02", team=entry.team)  # another round
    assert SampleEntry.objects.filter(child_id="A02").count() == 2


def test_a_round_of_closed_cases_says_since_when_and_its_share_and_seed_are_in_range():
    version = make_tool()
    values = {"council": version.tool.council, "name": "Closures", "kind": AuditRound.Kind.CLOSURE,
              "tool_version": version, "audits_due": date(2026, 12, 18)}
    assert refused(lambda: AuditRound.objects.create(**values, population="closed_cases"))
    closure = AuditRound.objects.create(**values, population="closed_cases", closed_since=date(2026, 7, 1))
    assert closure.status == AuditRound.Status.PLANNED
    assert closure.case_types == ["cin", "cp", "cla", "care_leaver"]
    assert closure.exclude_months == 12 and str(closure.moderation_share) == "0.20"
    assert 1 <= closure.seed <= 2**31 - 1 and closure.allow_own_team is False
    assert refused(lambda: AuditRound.objects.create(**values, moderation_share="1.01"))
    assert refused(lambda: AuditRound.objects.create(**values, seed=0))
    assert refused(lambda: AuditRound.objects.create(**values, seed=2**31))


def test_a_new_rounds_seed_is_drawn_at_random():
    seeds = {random_seed() for _ in range(20)}
    assert len(seeds) > 1 and all(1 <= seed <= 2**31 - 1 for seed in seeds)


# §1.3 The audit

def test_a_child_has_one_active_audit_per_round_and_a_withdrawn_one_may_be_followed():
    first = CaseAuditFactory()
    round_, child = first.round, first.child_id
    second = dict(round=round_, child_id=child, sample_entry=None, source=CaseAudit.Source.ADDED)
    assert refused(lambda: CaseAuditFactory(**second))
    CaseAudit.objects.filter(pk=first.pk).update(state="withdrawn", withdrawn_reason="duplicate")
    again = CaseAuditFactory(**second)
    assert refused(lambda: CaseAudit.objects.filter(pk=first.pk).update(state="allocated", withdrawn_reason=""))
    assert round_.audits.exclude(state="withdrawn").get() == again


def test_only_an_imported_audit_may_lack_an_auditor_and_a_withdrawal_gives_its_reason():
    assert refused(lambda: CaseAuditFactory(auditor=None))
    imported = CaseAuditFactory(auditor=None, auditor_name="J. Smith", source=CaseAudit.Source.IMPORTED,
                                sample_entry=None, round=AuditRoundFactory(kind="imported", status="closed"),
                                child_id="X01", team=TeamFactory(), state="submitted", due_date=None)
    assert imported.auditor_id is None
    assert refused(lambda: CaseAudit.objects.filter(pk=imported.pk).update(state="withdrawn"))


def test_a_case_audit_claim_bumps_its_version_and_refuses_a_stale_page():
    audit = CaseAuditFactory()
    assert audit.version == 1
    with transaction.atomic():
        claim(lock(audit), expected_version=1)
    assert audit.version == 2 and CaseAudit.objects.get(pk=audit.pk).version == 2
    with pytest.raises(StaleEdit), transaction.atomic():
        claim(lock(audit), expected_version=1)
    assert CaseAudit.objects.get(pk=audit.pk).version == 2


def test_one_answer_per_question_and_one_response_of_each_kind():
    answer = AnswerFactory()
    assert refused(lambda: AnswerFactory(audit=answer.audit, question=answer.question))
    reflection = ResponseFactory(audit=answer.audit)
    assert refused(lambda: ResponseFactory(audit=answer.audit))
    ResponseFactory(audit=answer.audit, kind="manager_comment")
    assert reflection.version == 1


def test_without_consent_only_the_family_outcome_is_kept():
    assert refused(lambda: FamilyFeedbackFactory(consent=False))  # it has their answers
    assert refused(lambda: FamilyFeedbackFactory(consent=False, positive_difference="", confident_to_ask_again="",
                                                 what_could_be_better="More notice of visits"))
    kept = FamilyFeedbackFactory(consent=False, positive_difference="", confident_to_ask_again="")
    assert kept.outcome == FamilyFeedback.Outcome.REACHED
    assert refused(lambda: FamilyFeedback.objects.filter(pk=kept.pk).update(featured=True))
    featured = FamilyFeedbackFactory(what_went_well="She listened to us", featured=True)
    assert featured.consent


def test_revisions_are_numbered_append_only_and_say_why_from_the_second():
    first = AuditRevisionFactory()
    audit = first.audit
    assert refused(lambda: AuditRevisionFactory(audit=audit, number=1))
    assert refused(lambda: AuditRevisionFactory(audit=audit, number=2, kind="amended"))
    AuditRevisionFactory(audit=audit, number=2, kind="amended", reason="The visits were found on the file")
    first.reason = "edited"
    with pytest.raises(AppendOnlyError):
        first.save()
    with pytest.raises(AppendOnlyError):
        audit.revisions.all().delete()
    if connection.vendor == "postgresql":  # there the database refuses even a raw rewrite (core's trigger)
        with pytest.raises(Exception, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("UPDATE audits_auditrevision SET reason = 'rewritten' WHERE id = %s", [first.pk])


def test_a_finished_moderation_has_a_grade_agreement_keeps_it_and_a_regrade_changes_it_with_a_reason():
    moderation = ModerationFactory(moderator=UserFactory())
    good, ri = moderation.auditor_grade, grade_of(moderation.audit, 2)
    rows = Moderation.objects.filter(pk=moderation.pk)
    assert refused(lambda: rows.update(status="agreed"))
    assert refused(lambda: rows.update(status="agreed", moderator_grade=ri))
    assert refused(lambda: rows.update(status="regraded", moderator_grade=good, reason_text="Same"))
    assert refused(lambda: rows.update(status="regraded", moderator_grade=ri))
    assert refused(lambda: rows.update(u="1.0000"))
    rows.update(status="regraded", moderator_grade=ri, reason_text="The plan is not SMART")
    assert Moderation.objects.get().moderator_grade == ri


def test_a_flag_copies_its_audits_team_and_records_its_action_in_words():
    flag = SafeguardingFlagFactory()
    assert flag.team == flag.audit.team and flag.stage == "record_review" and flag.status == "raised"
    rows = type(flag).objects.filter(pk=flag.pk)
    assert refused(lambda: rows.update(status="action_recorded"))
    rows.update(status="action_recorded", action_taken="A strategy discussion was held the same day")


def test_the_scales_grades_are_protected_while_an_audit_uses_one():
    audit = CaseAuditFactory()
    grade = grade_of(audit, 1)
    CaseAudit.objects.filter(pk=audit.pk).update(overall_grade=grade)
    with pytest.raises(ProtectedError):
        grade.delete()
