"""rules.py against the letters of docs/design/practice.md §8.2, on the matrix's own records
(tests/permissions/matrix_practice/records.py), before any page exists: each row is asked as its page will ask
it — the permission without a record (F: 403), then the record looked up through the selector the page uses (N:
404), then the permission with the record (F: 403), else O. The slices' pages then meet the same letters in
tests/permissions/test_matrix.py."""

import pytest

from triangulate.core.roles import Role
from triangulate.people.scope import team_in_scope
from triangulate.practice.rules import Perm, is_assessor_of
from triangulate.practice.selectors import observations_visible_to

from ..permissions.matrix_practice.records import add_practice_records
from ..permissions.test_matrix import ROLE_ORDER


@pytest.fixture
def records(world):
    return add_practice_records(world, {"own": {}, "other": {}})


def everywhere(user, record):
    return True


def in_team_scope(user, record):
    return team_in_scope(user, record.team_id)


def team_in_scope_or_assessing(user, record):
    """A team summary or follow-up is found for a reader of the team or an assessor of the event."""
    return team_in_scope(user, record.team_id) or is_assessor_of(user, record)


def observation_found(user, record):
    return observations_visible_to(user).filter(pk=record.pk).exists()


def letter(user, perm, record, found=everywhere):
    if not user.has_perm(perm):
        return "F"
    if record is None:
        return "O"
    if not found(user, record):
        return "N"
    return "O" if user.has_perm(perm, record) else "F"


def letters(world, perm, record, found=everywhere):
    return "".join(letter(world.users[role], perm, record, found) for role in ROLE_ORDER)


# (page, permission, record kind or None, how the page finds its record, own letters, other letters)
ROWS = [
    ("event_list", Perm.VIEW_EVENTS, None, everywhere, "OOOOOOOOOF", None),
    ("event_detail", Perm.VIEW_EVENTS, "practice_event", everywhere, "OOOOOOOOOF", None),
    ("report", Perm.VIEW_REPORT, "practice_report", everywhere, "OOOOOOOOOF", None),
    ("event_create", Perm.PLAN_EVENT, None, everywhere, "FFFFOOOFFF", None),
    ("event_edit", Perm.MANAGE_EVENT, "practice_event", everywhere, "FFFFOFFFFF", None),
    ("report_edit", Perm.EDIT_REPORT, "practice_event", everywhere, "FFFFOFFFFF", None),
    ("timetable", Perm.VIEW_TIMETABLE, "practice_event", everywhere, "OOOOOOOFOF", None),
    ("plan", Perm.VIEW_PLAN, "practice_event", everywhere, "OOOOOOOFOF", None),
    ("library", Perm.VIEW_LIBRARY, None, everywhere, "OOOOOOOFOF", None),
    ("analysis", Perm.VIEW_ANALYSIS, "practice_event", everywhere, "FOFOOOOFOF", None),
    ("comparison", Perm.VIEW_COMPARISON, "practice_event", everywhere, "FFFFOOOOOF", None),
    ("library_item_edit", Perm.MANAGE_LIBRARY, "practice_library_item", everywhere, "FFFFOOFFFF", None),
    ("observation_detail", Perm.VIEW_OBSERVATIONS, "practice_observation", observation_found,
     "FONOOONFOF", "FONOOONFOF"),
    ("team_summary", Perm.VIEW_TEAM_SUMMARY, "practice_event_team", team_in_scope_or_assessing,
     "FOOOOOFFOF", "FONOOOFFOF"),
    ("follow_up", Perm.VIEW_FOLLOW_UP, "practice_event_team", team_in_scope_or_assessing,
     "FOOOOOOFOF", "FONOOOOFOF"),
    ("event_team_edit", Perm.EDIT_TEAM_DETAILS, "practice_event_team", in_team_scope,
     "FOOFOFFFFF", "FNNFOFFFFF"),
]


@pytest.mark.parametrize(("page", "perm", "kind", "found", "own", "other"), ROWS, ids=[row[0] for row in ROWS])
def test_the_rules_give_the_designs_letters(world, records, page, perm, kind, found, own, other):
    assert letters(world, perm, records["own"][kind] if kind else None, found) == own
    if other is not None:
        assert letters(world, perm, records["other"][kind], found) == other


def test_a_draft_report_is_read_only_by_qa_the_psw_inspectors_and_its_organisers(world, records):
    report = records["own"]["practice_report"]
    report.status = report.Status.DRAFT
    report.save()
    assert letters(world, Perm.VIEW_REPORT, report) == "FFFFOOFFOF"
    report.event.organisers.add(world.users[Role.SENIOR_LEADER])
    assert letters(world, Perm.VIEW_REPORT, report) == "FFFFOOOFOF"


def test_managers_read_their_teams_summary_only_once_it_is_shared(world, records):
    event_team = records["own"]["practice_event_team"]
    event_team.event.summaries_shared_at = None
    event_team.event.save()
    # the team manager still reads it as an assessor of the week; the service manager waits
    assert letters(world, Perm.VIEW_TEAM_SUMMARY, event_team, team_in_scope_or_assessing) == "FOFOOOFFOF"


def test_the_auditor_observes_only_its_own_visit_and_the_qa_lead_returns(world, records):
    visit = records["own"]["practice_visit"]
    auditor, team_manager = world.users[Role.AUDITOR], world.users[Role.TEAM_MANAGER]
    assert auditor.has_perm(Perm.OBSERVE, visit) and auditor.has_perm(Perm.OBSERVE, visit.observation)
    assert not team_manager.has_perm(Perm.OBSERVE, visit)
    assert letters(world, Perm.RETURN_OBSERVATION, visit.observation) == "FFFFOFFFFF"
    assert letters(world, Perm.VIEW_CHILD_REF, records["own"]["practice_entry"]) == "FFFOOOFFOF"
    assert letters(world, Perm.PROPOSE_LIBRARY_ITEM, records["own"]["practice_entry"]) == "FFFOOOOFFF"
