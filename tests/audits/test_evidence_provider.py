"""The audits' evidence providers for improvement's packs (docs/design/improvement.md §4.3, §5), on a hand-worked
cohort.

Voice-of-the-child graded answers of audits submitted in the period (April–November 2026):
  own team, 7 answers:   4 3 2 2 1 1 1 → good or better 2 of 7 (29%), inadequate 3 of 7 (43%) → negative
  other team, 5 answers: 4 4 4 4 3     → good or better 5 of 5 (100%), inadequate 0            → positive
  council-wide:                          good or better 7 of 12 (58%)                           → mixed
Left out: a recording answer (another theme), an audit completed in March (before the period), an audit still
"graded" (not submitted), a not-applicable answer.
Families of the own team's audits: 5 yes, 1 partly, 1 no (asked: 7) → 5 of 7 (71%) → positive; plus one reached
without consent and one not reached, neither counted.
"""

from dataclasses import replace
from datetime import date

import pytest

from triangulate.audits.evidence import AuditsEvidence, FeedbackEvidence
from triangulate.audits.models import CaseAudit, Question
from triangulate.core.roles import Role
from triangulate.improvement.evidence import registry
from triangulate.improvement.evidence.registry import Scope

from ..factories import theme
from .factories import (
    AnswerFactory,
    AuditRoundFactory,
    CaseAuditFactory,
    FamilyFeedbackFactory,
    QuestionFactory,
    SectionFactory,
    make_tool,
)

START, END = date(2026, 4, 1), date(2026, 11, 30)
QUOTE = "They listened to what my son wanted."


@pytest.fixture
def cohort(world):
    version = make_tool(world.own.council)
    round_ = AuditRoundFactory(council=world.own.council, tool_version=version)
    scale = version.grade_scale
    section = SectionFactory(version=version, number=2, title="The child's voice")
    voice = QuestionFactory(section=section, key="child_seen_alone", text="Was the child seen alone?",
                            answer_type=Question.AnswerType.GRADE, theme=theme("voice-of-the-child"))
    recording = version.questions.get(key="summary_grade")
    qa = world.users[Role.QA_LEAD]
    n = iter(range(100))

    def audit(team, value, *, on=date(2026, 10, 5), state=CaseAudit.State.SUBMITTED, question=voice, **answer):
        made = CaseAuditFactory(round=round_, sample_entry=None, child_id=f"C{next(n):02d}", team=team, auditor=qa,
                                state=state, completed_on=on)
        AnswerFactory(audit=made, question=question, grade=scale.grades.get(value=value), yes_no="", **answer)
        return made

    own = [audit(world.own, v) for v in (4, 3, 2, 2, 1, 1, 1)]
    for v in (4, 4, 4, 4):
        audit(world.other, v, on=date(2026, 9, 1))
    audit(world.other, 3, on=date(2026, 11, 2))
    audit(world.own, 4, question=recording)
    audit(world.own, 4, on=date(2026, 3, 31))
    audit(world.own, 4, state=CaseAudit.State.GRADED)
    audit(world.own, 1, not_applicable=True)
    for made, said in zip(own, ("yes", "yes", "yes", "yes", "yes", "partly", "no"), strict=True):
        FamilyFeedbackFactory(audit=made, positive_difference=said, featured=made is own[0],
                              what_went_well=QUOTE if made is own[0] else "")
    late = audit(world.own, 3, question=recording)
    FamilyFeedbackFactory(audit=late, consent=False, positive_difference="", confident_to_ask_again="")
    FamilyFeedbackFactory(audit=audit(world.own, 3, question=recording), outcome="not_reached", consent=False,
                          positive_difference="", confident_to_ask_again="")
    return world


def scope(teams=None, *slugs):
    return Scope(themes=tuple(theme(s) for s in slugs or ("voice-of-the-child",)), teams=teams, start=START, end=END)


def test_the_providers_are_registered_from_the_audits_app():
    keys = [p.key for p in registry.providers()]
    assert "audits" in keys and "feedback" in keys


def test_a_teams_audits_block_counts_its_themed_graded_answers(cohort):
    block = AuditsEvidence().block(scope((cohort.own,)), cohort.users[Role.QA_LEAD])
    assert (block.verdict, block.basis) == ("negative", "29% of answers on voice of the child good or better (n = 7)")
    assert block.rows == (registry.Row("Was the child seen alone?", "29% good or better", "/audits/reports/",
                                       "43% inadequate; n = 7"),)


def test_council_wide_the_two_teams_answers_together_are_mixed(cohort):
    block = AuditsEvidence().block(scope(None), cohort.users[Role.QA_LEAD])
    assert (block.verdict, block.basis) == ("mixed", "58% of answers on voice of the child good or better (n = 12)")


def test_a_theme_without_answers_has_no_verdict_and_says_why(cohort):
    block = AuditsEvidence().block(scope(None, "leadership"), cohort.users[Role.QA_LEAD])
    assert (block.verdict, block.basis, block.rows) == ("none", "no graded answers in this period", ())
    assert block.note.startswith("No graded answers")


def test_an_elected_member_gets_no_verdict_from_a_share_they_are_not_shown(cohort):
    block = AuditsEvidence().block(scope((cohort.own,)), cohort.users[Role.ELECTED_MEMBER])
    assert block.verdict == "none"
    assert block.rows[0].figure == "suppressed good or better"
    assert block.rows[0].detail == "suppressed inadequate; n = 7"
    assert block.rows[0].url == "/audits/reports/"


def test_audits_signals_per_team_and_question_weigh_heavy_inadequacy(cohort):
    found = AuditsEvidence().signals(scope(None))
    # by team name: "Children in Care South" (other) before "Safeguarding North 1" (own)
    assert [(s.kind, s.team, s.weight, s.on, s.theme) for s in found] == [
        ("strength", "Children in Care South", 1, date(2026, 11, 2), "voice-of-the-child"),
        ("area_for_development", "Safeguarding North 1", 2, date(2026, 10, 5), "voice-of-the-child"),
    ]


def test_feedback_counts_the_families_reached_consenting_and_asked(cohort):
    block = FeedbackEvidence().block(scope((cohort.own,)), cohort.users[Role.QA_LEAD])
    assert (block.verdict, block.basis) == (
        "positive", "71% of families said the work made a positive difference (n = 7)")
    assert [r.figure for r in block.rows] == ["7", "71%", "14%"]
    assert block.quotes == (QUOTE,)


def test_feedback_for_the_other_team_has_too_few_families(cohort):
    block = FeedbackEvidence().block(scope((cohort.other,)), cohort.users[Role.QA_LEAD])
    assert (block.verdict, block.basis) == ("none", "no family reached and consenting in this period")


def test_an_elected_member_sees_no_quote_and_no_verdict_from_a_hidden_share(cohort):
    block = FeedbackEvidence().block(scope((cohort.own,)), cohort.users[Role.ELECTED_MEMBER])
    assert (block.verdict, block.quotes) == ("none", ())
    assert [r.figure for r in block.rows] == ["7", "suppressed", "suppressed"]


def test_feedback_signals_only_on_the_families_theme(cohort):
    assert FeedbackEvidence().signals(scope(None)) == []
    found = FeedbackEvidence().signals(scope(None, "parent-and-carer-experience"))
    assert [(s.kind, s.team, s.theme, s.on) for s in found] == [
        ("strength", cohort.own.name, "parent-and-carer-experience", date(2026, 10, 5))]


def test_a_copy_for_a_wide_audience_is_controlled_for_the_qa_lead_as_for_an_elected_member(cohort):
    wide = replace(scope((cohort.own,)), wide=True)
    for provider in (AuditsEvidence(), FeedbackEvidence()):
        lead = provider.block(wide, cohort.users[Role.QA_LEAD])
        assert lead == provider.block(scope((cohort.own,)), cohort.users[Role.ELECTED_MEMBER])
        assert lead.verdict == "none" and lead.quotes == ()
