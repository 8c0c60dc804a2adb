"""The report's rules against design §8 (decision 14), in tests/practice/test_rules_letters.py's style, on the
matrix's records: a draft is read by QA, the principal social worker, inspectors and the event's organisers (a
senior leader too, as an organiser: "E"); only the event's organisers write it, in any organiser role. The report
pages ask VIEW_REPORT and EDIT_REPORT of the report alone (views/report.py), with no exception of their own."""

import pytest

from triangulate.core.roles import Role
from triangulate.practice.rules import Perm

from .test_rules_letters import letters, records  # noqa: F401 (records is the fixture the letters are asked on)

pytestmark = pytest.mark.django_db


def test_a_senior_leader_reads_and_writes_a_draft_only_as_its_organiser(world, records):  # noqa: F811
    report = records["own"]["practice_report"]
    report.status = report.Status.DRAFT
    report.save()
    assert letters(world, Perm.VIEW_REPORT, report) == "FFFFOOFFOF"
    assert letters(world, Perm.EDIT_REPORT, report) == "FFFFOFFFFF"
    report.event.organisers.add(world.users[Role.SENIOR_LEADER], world.users[Role.PRINCIPAL_SOCIAL_WORKER])
    assert letters(world, Perm.VIEW_REPORT, report) == "FFFFOOOFOF"
    assert letters(world, Perm.EDIT_REPORT, report) == "FFFFOOOFFF"


def test_an_approved_report_is_read_by_everyone_but_the_administrator_and_still_written_by_organisers(
        world, records):  # noqa: F811
    report = records["own"]["practice_report"]
    assert letters(world, Perm.VIEW_REPORT, report) == "OOOOOOOOOF"
    assert letters(world, Perm.EDIT_REPORT, report) == "FFFFOFFFFF"  # reopening is the organisers'
