"""Selection for moderation (design §5.1, decision 8), pinned to the design's worked example: seed 7, share 0.20,
ten audits. At submission A09 and C01 (inadequate) and A10 (u .1494 < .20) are selected; at close N = 8 and
T = ⌈1.6⌉ = 2, so B04 (the lowest remaining u, .3585) is added."""

from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from triangulate.audits.models import CaseAudit, Moderation
from triangulate.audits.services import moderation_selection as selection
from triangulate.core.audit import AuditEvent
from triangulate.core.roles import Role

from .moderation_world import Example

# The design's table: u to four places for each child of the example (seed 7).
EXAMPLE_U = {"A02": "0.9482", "A11": "0.6948", "A09": "0.5757", "A10": "0.1494", "B04": "0.3585", "B05": "0.4883",
             "B06": "0.6919", "B03": "0.5771", "C01": "0.9075", "C02": "0.7565"}


@pytest.mark.parametrize(("child_id", "u"), EXAMPLE_U.items())
def test_each_audits_draw_is_the_designs(child_id, u):
    assert selection.stored_u(selection.draw(7, child_id)) == Decimal(u)


def test_the_draw_is_the_first_eight_hex_digits_of_the_hash_over_two_to_the_32():
    # sha256("7:moderation:A10") starts 263e739f: 0x263e739f = 641627039
    assert selection.draw(7, "A10") == Fraction(641627039, 2**32)
    # the seed is part of the key: another round orders the same child differently
    assert selection.draw(8, "A10") != selection.draw(7, "A10")


def test_a_draw_that_would_round_up_to_one_is_stored_below_one():
    assert selection.stored_u(Fraction(2**32 - 1, 2**32)) == Decimal("0.9999")


def test_at_submission_an_inadequate_audit_is_always_chosen_and_any_other_below_the_share():
    share = Decimal("0.20")
    assert selection.reason_at_submission(Fraction(9, 10), share, inadequate=True) == "inadequate"
    assert selection.reason_at_submission(selection.draw(7, "A10"), share, inadequate=False) == "share"
    assert selection.reason_at_submission(selection.draw(7, "B04"), share, inadequate=False) is None
    # the share is a strict bound: u equal to it is not below it
    assert selection.reason_at_submission(Fraction(1, 5), share, inadequate=False) is None


@pytest.mark.parametrize(("share", "n", "target"), [
    ("0.20", 8, 2),  # ⌈1.6⌉, the example
    ("0.20", 10, 2),  # exactly 2, not ⌈2.0000000001⌉
    ("0.28", 25, 7),  # 0.28 × 25 is 7.000000000000001 in floats, which would round up to 8
    ("0.00", 10, 0),
    ("1.00", 3, 3),
    ("0.20", 0, 0),
])
def test_the_top_up_target_is_the_share_rounded_up_counted_exactly(share, n, target):
    assert selection.top_up_target(Decimal(share), n) == target


def candidate(child_id, *, inadequate=False, selected=False):
    return selection.Candidate(key=child_id, child_id=child_id, u=selection.draw(7, child_id),
                               inadequate=inadequate, selected=selected)


def test_the_top_up_adds_the_lowest_u_until_the_share_is_met_exactly():
    pool = [candidate(c) for c in ("A02", "A11", "B04", "B05", "B06", "B03", "C02")]
    pool += [candidate("A10", selected=True), candidate("A09", inadequate=True, selected=True),
             candidate("C01", inadequate=True, selected=True)]
    assert [c.child_id for c in selection.top_up_choice(pool, Decimal("0.20"))] == ["B04"]
    # with a 50% share, T = 4 of the 8: A10 and then B04 (.3585), B05 (.4883), B03 (.5771)
    assert [c.child_id for c in selection.top_up_choice(pool, Decimal("0.50"))] == ["B04", "B05", "B03"]


def test_the_top_up_never_takes_a_selection_away():
    pool = [candidate("A02", selected=True), candidate("A11", selected=True), candidate("B05")]
    assert selection.top_up_choice(pool, Decimal("0.20")) == []


def run_submissions(example):
    return {child_id: selection.select_on_submit(audit) for child_id, audit in example.audits.items()}


def test_the_worked_example_at_submission(world):
    example = Example(world)
    chosen = {child_id: m for child_id, m in run_submissions(example).items() if m is not None}
    assert {c: m.reason for c, m in chosen.items()} == {"A09": "inadequate", "C01": "inadequate", "A10": "share"}
    a09 = chosen["A09"]
    assert a09.u == Decimal("0.5757")
    assert a09.auditor_grade == example.grade("I")  # the grade at selection
    assert a09.status == Moderation.Status.SELECTED and a09.selected_by is None  # the system chose it
    event = AuditEvent.objects.get(verb="moderation.selected", object_id=str(a09.pk))
    assert event.actor == example.auditors["bob"]  # the submitter's action
    assert event.changes == {"audit": a09.audit_id, "reason": "inadequate", "u": "0.5757",
                             "auditor_grade": example.grade("I").pk}


def test_the_worked_example_at_close_moderates_a09_c01_a10_and_b04(world):
    example = Example(world)
    run_submissions(example)
    added = selection.top_up_at_close(example.round, actor=world.users[Role.QA_LEAD])
    assert [(m.audit.child_id, m.reason, m.u) for m in added] == [("B04", "top_up", Decimal("0.3585"))]
    assert sorted(Moderation.objects.filter(audit__round=example.round).values_list("audit__child_id", flat=True)) \
        == ["A09", "A10", "B04", "C01"]
    # running the top-up again adds nothing: the share is met
    assert selection.top_up_at_close(example.round, actor=world.users[Role.QA_LEAD]) == []


def test_the_top_up_counts_only_submitted_audits_that_are_not_inadequate(world):
    example = Example(world)
    run_submissions(example)
    # Three audits were withdrawn instead: N = 5 and T = ⌈1.0⌉ = 1, already met by A10
    for child_id in ("A02", "A11", "B05"):
        CaseAudit.objects.filter(pk=example.audits[child_id].pk).update(
            state=CaseAudit.State.WITHDRAWN, withdrawn_reason=CaseAudit.WithdrawnReason.CASE_CLOSED)
    assert selection.top_up_at_close(example.round, actor=world.users[Role.QA_LEAD]) == []


def test_selecting_again_returns_the_existing_moderation(world):
    example = Example(world)
    first = selection.select_on_submit(example.audits["A09"])
    assert selection.select_on_submit(example.audits["A09"]) == first
    assert Moderation.objects.filter(audit=example.audits["A09"]).count() == 1


def test_an_audit_without_an_overall_grade_cannot_be_selected(world):
    example = Example(world)
    audit = example.audits["A02"]
    audit.overall_grade = None
    with pytest.raises(ValidationError, match="overall grade"):
        selection.select_on_submit(audit)


def test_a_qa_lead_can_ask_for_any_submitted_audit(world):
    example = Example(world)
    qa_lead = world.users[Role.QA_LEAD]
    moderation = selection.request_moderation(actor=qa_lead, audit=example.audits["B06"])
    assert (moderation.reason, moderation.selected_by, moderation.u) == ("requested", qa_lead, Decimal("0.6919"))
    assert moderation.auditor_grade == example.grade("O")
    with pytest.raises(ValidationError, match="already selected"):
        selection.request_moderation(actor=qa_lead, audit=example.audits["B06"])


def test_only_a_submitted_audit_can_be_requested(world):
    example = Example(world, state=CaseAudit.State.GRADED)
    with pytest.raises(ValidationError, match="Only a submitted audit"):
        selection.request_moderation(actor=world.users[Role.QA_LEAD], audit=example.audits["B06"])


@pytest.mark.parametrize("role", [Role.AUDITOR, Role.TEAM_MANAGER, Role.SENIOR_LEADER, Role.INSPECTOR])
def test_only_qa_leads_and_psws_request_moderation(world, role):
    example = Example(world)
    with pytest.raises(PermissionDenied):
        selection.request_moderation(actor=world.users[role], audit=example.audits["B06"])
