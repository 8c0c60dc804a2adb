"""The report figures of design §6, pinned on its worked example by hand (no database: figures.py is pure)."""

from datetime import date

import pytest

from triangulate.audits.services.agreement import ModerationOutcome
from triangulate.audits.services.figures import (
    ActionRecord,
    AnswerRecord,
    AuditRecord,
    FamilyRecord,
    FindingRecord,
    FlagRecord,
    GradeRecord,
    compute,
    pct,
    recurring_threshold,
)

O = GradeRecord("Outstanding", 4, good=True, inadequate=False)  # noqa: E741
G = GradeRecord("Good", 3, good=True, inadequate=False)
RI = GradeRecord("Requires improvement", 2, good=False, inadequate=False)
I = GradeRecord("Inadequate", 1, good=False, inadequate=True)  # noqa: E741
TODAY = date(2026, 12, 20)
DUE = date(2026, 12, 11)


def oversight(grade):
    if grade is None:
        return AnswerRecord("oversight_grade", "Management oversight", "grade", not_applicable=True)
    return AnswerRecord("oversight_grade", "Management oversight", "grade", grade=grade)


def family(outcome="reached", reason="", consent=True, pd="", conf="", quote=""):
    return FamilyRecord(outcome, reason, consent, pd, conf, featured=bool(quote), quote=quote)


def planning(n):
    return FindingRecord("Planning (SMART)", "area_for_development", f"plan {n}", date(2026, 12, n))


def voice(n):
    return FindingRecord("Voice", "strength", f"voice {n}", date(2026, 12, n))


def action(kind="practice", status="not_started", due=date(2027, 1, 30), completed_on=None):
    return ActionRecord(kind, status, due, completed_on)


# The ten audits after moderation (§5), their families, findings and actions, plus one withdrawn and one overdue.
ROWS = [
    # ref, grade, oversight answer, family, findings, actions, moderation (given, moderated as places 1-4)
    ("A02", G, G, family(pd="yes", conf="yes", quote="She listened."), [planning(1)], [], None),
    ("A11", RI, G, family(pd="yes", conf="yes"), [planning(2)], [], None),
    ("A09", I, RI, family(pd="yes", conf="yes"), [planning(3)],
     [action("close_case", "complete", date(2026, 12, 15), date(2026, 12, 14))], ("bob", 1, 1)),
    ("A10", G, I, family(pd="yes", conf="yes"), [planning(4)], [], ("cat", 3, 3)),
    ("B04", I, RI, family(pd="partly", conf="yes"), [voice(5)], [], ("ann", 2, 1)),
    ("B05", G, G, family(pd="no", conf="not_sure"), [voice(6)],
     [action(status="complete", due=date(2026, 12, 10), completed_on=date(2026, 12, 12))], None),
    ("B06", O, O, family(consent=False), [], [action(due=date(2026, 12, 18))], None),
    ("B03", RI, RI, family("not_reached", "no_answer", consent=False), [], [action()], None),
    ("C01", RI, None, family("not_reached", "no_answer", consent=False), [], [action(status="in_progress")],
     ("bob", 1, 2)),
    ("C02", RI, None, family("not_reached", "declined", consent=False), [],
     [action(status="cancelled", due=date(2026, 12, 1))], None),
]


def example():
    audits = [
        AuditRecord(ref, "North 1", "moderated" if mod else "submitted", due_date=DUE, completed_on=date(2026, 12, 10),
                    grade=grade, conversation="held" if ref != "C02" else "not_held", family=fam,
                    answers=(oversight(answer),), findings=tuple(findings), actions=tuple(actions),
                    moderation=ModerationOutcome(*mod) if mod else None,
                    flags=(FlagRecord(is_open=ref == "A09", acknowledged_on_time=True),) if ref in ("A09", "C01") else ())
        for ref, grade, answer, fam, findings, actions, mod in ROWS
    ]
    audits.append(AuditRecord("X1", "North 1", "withdrawn", withdrawn_reason="case_closed", due_date=DUE))
    audits.append(AuditRecord("X2", "North 1", "record_review", due_date=DUE))
    return compute(audits, today=TODAY)


def test_rounding_is_half_up_in_whole_numbers():
    assert pct(1, 8).value == 13  # 12.5: Python's round would give 12
    assert pct(10, 11).value == 91
    assert pct(2, 3).value == 67
    assert pct(0, 0).value is None and str(pct(0, 0)) == "no audits"


def test_completion_and_progress():
    f = example()
    assert (f.planned, f.completed) == (11, 10)
    assert f.r1_completed.value == 91
    assert f.withdrawn == {"case_closed": 1}
    assert f.r2 == {"in_progress": 1, "not_started": 0, "overdue": 1}
    assert f.r3_on_time.value == 100  # completed 10 December, due 11 December


def test_grades():
    f = example()
    assert {k: (v.numerator, v.denominator) for k, v in f.r4_grades.items()} == {
        "Outstanding": (1, 10), "Good": (3, 10), "Requires improvement": (4, 10), "Inadequate": (2, 10)}
    assert list(f.r4_grades) == ["Outstanding", "Good", "Requires improvement", "Inadequate"]
    assert f.r5_good.value == 40
    assert f.r6_inadequate.value == 20
    assert (f.r7_inadequate_with_action.value, f.r7_inadequate_with_action.numerator) == (50, 1)


def test_by_question_leaves_out_not_applicable():
    f = example()
    assert (f.r8_by_question["oversight_grade"].numerator, f.r8_by_question["oversight_grade"].denominator) == (4, 8)
    assert f.r8_by_question["oversight_grade"].value == 50
    assert f.r10_by_theme["Management oversight"].value == 50


def test_yes_no_counts_yes_over_yes_and_no():
    a = AuditRecord("1", "T", "submitted", answers=(
        AnswerRecord("plan_smart", "Planning", "yes_no", yes_no="yes"),
    ))
    b = AuditRecord("2", "T", "submitted", answers=(
        AnswerRecord("plan_smart", "Planning", "yes_no", yes_no="no"),
    ))
    c = AuditRecord("3", "T", "submitted", answers=(
        AnswerRecord("plan_smart", "Planning", "yes_no", not_applicable=True),
    ))
    f = compute([a, b, c], today=TODAY)
    assert (f.r9_yes_no["plan_smart"].numerator, f.r9_yes_no["plan_smart"].denominator) == (1, 2)


def test_families_decision_14():
    f = example()
    assert (f.r13_reached.numerator, f.r13_reached.denominator, f.r13_reached.value) == (7, 10, 70)
    assert (f.r14_positive.numerator, f.r14_positive.denominator, f.r14_positive.value) == (4, 6, 67)
    assert f.r14_partly.numerator == 1  # shown beside, not counted
    assert (f.r15_confident.numerator, f.r15_confident.denominator, f.r15_confident.value) == (5, 6, 83)
    assert f.r16_not_reached == {"no_answer": 2, "declined": 1}
    assert f.quotes == ["She listened."]


def test_dont_know_stays_in_the_denominator_and_not_asked_does_not():
    audits = [AuditRecord(str(i), "T", "submitted", family=family(pd=pd))
              for i, pd in enumerate(["yes", "dont_know", "not_asked", "partly"])]
    f = compute(audits, today=TODAY)
    assert (f.r14_positive.numerator, f.r14_positive.denominator) == (1, 3)


def test_moderation():
    f = example()
    assert f.r11_moderated.value == 40
    overall = f.r12_agreement.overall
    assert (overall.moderated, overall.agreed, overall.rate.value, overall.direction) == (4, 2, 50, "1 up, 1 down")
    assert f.r12_agreement.by_auditor["ann"].rate.value == 0


def test_conversation_held_leaves_out_imported():
    f = example()
    assert (f.r17_conversation.numerator, f.r17_conversation.denominator) == (9, 10)
    imported = AuditRecord("9", "T", "submitted", imported=True)
    assert compute([imported], today=TODAY).r17_conversation.value is None


def test_recurring_themes():
    f = example()
    assert recurring_threshold(10) == 3 and recurring_threshold(16) == 4
    by = {(r.theme, r.kind): r for r in f.r18_themes}
    planning_row = by[("Planning (SMART)", "area_for_development")]
    assert (planning_row.audits, planning_row.recurring) == (4, True)
    assert planning_row.examples == ("plan 4", "plan 3", "plan 2")  # the latest three
    assert (by[("Voice", "strength")].audits, by[("Voice", "strength")].recurring) == (2, False)


def test_actions():
    f = example()
    assert f.r19_found_for["close_case"].value == 10
    assert f.r19_found_for["transfer"].value == 0
    assert (f.r20_actions_complete.numerator, f.r20_actions_complete.denominator) == (2, 5)
    assert f.r20_actions_complete.value == 40
    assert f.r20_overdue == 1  # B06's, due 18 December
    assert (f.r21_on_time.numerator, f.r21_on_time.denominator) == (1, 2)


def test_flags():
    f = example()
    assert f.r22_flags["raised"] == 2 and f.r22_flags["open"] == 1
    assert f.r22_flags["acknowledged_on_time"].value == 100


@pytest.mark.parametrize("attr", ["r5_good", "r13_reached", "r20_actions_complete", "r1_completed"])
def test_an_empty_cohort_gives_none_with_a_reason(attr):
    cell = getattr(compute([], today=TODAY), attr)
    assert cell.value is None and cell.reason
