"""Which staff record an extract's worker means (docs/design/workforce.md §2.3)."""

from datetime import date

import pytest

from triangulate.core.roles import Role
from triangulate.people.models import StaffMember
from triangulate.workforce import matching
from triangulate.workforce.models import WorkerMatch

pytestmark = pytest.mark.django_db


def staff(council, ref, first, last):
    return StaffMember.objects.create(council=council, staff_ref=ref, first_name=first, last_name=last,
                                      role="social_worker", start_date=date(2020, 1, 1))


def test_a_reference_then_a_full_name_matches_ignoring_case_and_spaces(world):
    council = world.own.council
    sam = staff(council, "SW1042", "Sam", "Patel")
    names = matching.WorkerNames(council)
    assert names.resolve("sw1042") == matching.WorkerMatchResult(sam, matching.SAME_REF)
    assert names.resolve("  SAM   patel ") == matching.WorkerMatchResult(sam, matching.SAME_NAME)
    assert names.resolve("Patel, Sam").how == matching.NONE  # a reordered name is not guessed
    assert names.resolve("").how == matching.NONE


def test_two_staff_of_one_name_are_ambiguous_until_the_admin_decides(world):
    council = world.own.council
    first, second = staff(council, "A1", "Alex", "Kim"), staff(council, "A2", "Alex", "Kim")
    result = matching.WorkerNames(council).resolve("Alex Kim")
    assert (result.staff, result.how, result.candidates) == (None, matching.AMBIGUOUS, (first, second))
    WorkerMatch.objects.create(council=council, extract_name="Alex Kim", key="alex kim", staff=second,
                               decided_by=world.users[Role.QA_LEAD])
    WorkerMatch.objects.create(council=council, extract_name="Duty Inbox", key="duty inbox", not_staff=True,
                               decided_by=world.users[Role.QA_LEAD])
    names = matching.WorkerNames(council)
    assert names.resolve("ALEX KIM") == matching.WorkerMatchResult(second, matching.MATCHED)
    duty = names.resolve("duty inbox")
    assert (duty.staff, duty.how, duty.is_decided) == (None, matching.NOT_STAFF, True)
