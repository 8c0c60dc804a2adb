"""The timetable checks (design §4), pinned to its worked example: a week from Monday 2 to Friday 6 February 2026,
limit 3. ann manages North 1; bob's service area holds North 1 and West 1; cat and the guest Gail have no line.

Errors: bob double-booked (V4, V5); own line V3 (ann, North 1) and V4 (bob, West 1); Front Door not visited (V10
is cancelled). Warnings: cat has 4 visits on Wednesday; V8's consent is only requested; Gail has no visit.
Fixing it (V5 to 13:00, V4 accepted, V3 to cat, V10 restored) leaves only warnings and the accepted note."""

from dataclasses import replace
from datetime import date, time

import pytest

from triangulate.practice.analysis.timetable import (
    ASSESSOR_UNUSED,
    CONSENT_MISSING,
    DETAILS_MISSING,
    DOUBLE_BOOKED,
    ERROR,
    NOTE,
    OWN_LINE,
    TEAM_NOT_VISITED,
    TOO_MANY_VISITS,
    WARNING,
    AssessorRecord,
    EventTeamRecord,
    VisitRecord,
    can_publish,
    check,
    errors,
    notes,
    warnings,
)

MON, TUE, WED, THU = date(2026, 2, 2), date(2026, 2, 3), date(2026, 2, 4), date(2026, 2, 5)
ANN, BOB, CAT, GAIL = 1, 2, 3, 4
NORTH_1, WEST_1, FOSTERING, FRONT_DOOR = 11, 12, 13, 14

TEAMS = [
    EventTeamRecord(NORTH_1, "Safeguarding North 1", office_contact_id=101, meeting_point="Reception, County Hall"),
    EventTeamRecord(WEST_1, "Safeguarding West 1", office_contact_id=102, meeting_point="Hexham office, floor 2"),
    EventTeamRecord(FOSTERING, "Fostering", office_contact_id=103, meeting_point="Fostering office"),
    EventTeamRecord(FRONT_DOOR, "Front Door", office_contact_id=104, meeting_point="Front Door hub"),
]
ASSESSORS = [AssessorRecord(ANN, "ann"), AssessorRecord(BOB, "bob"), AssessorRecord(CAT, "cat"),
             AssessorRecord(GAIL, "Gail")]
LINES = {ANN: {NORTH_1}, BOB: {NORTH_1, WEST_1}, CAT: set(), GAIL: set()}


def t(hhmm):
    return time(*map(int, hhmm.split(":")))


def visit(id, assessor, team, day, start, end, activity="team_meeting", **kw):
    return VisitRecord(id, assessor, team, day, t(start), t(end), activity, **kw)


V = {
    1: visit(1, ANN, WEST_1, MON, "09:30", "11:00"),
    2: visit(2, ANN, FOSTERING, MON, "11:00", "12:00", "supervision"),
    3: visit(3, ANN, NORTH_1, TUE, "10:00", "11:00", "case_discussion"),
    4: visit(4, BOB, WEST_1, MON, "10:00", "11:30", "meeting_observation"),
    5: visit(5, BOB, FOSTERING, MON, "11:00", "12:30"),
    6: visit(6, CAT, FOSTERING, WED, "09:00", "10:00", "supervision"),
    7: visit(7, CAT, WEST_1, WED, "10:00", "11:00", "case_discussion"),
    8: visit(8, CAT, WEST_1, WED, "13:00", "14:00", "home_visit", consent="requested"),
    9: visit(9, CAT, NORTH_1, WED, "15:00", "16:00"),
    10: visit(10, GAIL, FRONT_DOOR, THU, "09:00", "10:00", status="cancelled"),
}


def run(visits, teams=TEAMS, assessors=ASSESSORS, lines=LINES, limit=3):
    return check(list(visits), teams, assessors, lines, limit)


def summary(problems):
    return [(p.code, p.severity, p.visit_ids, p.assessor_id, p.team_id) for p in problems]


def test_the_worked_example_has_four_errors_and_three_warnings():
    problems = run(V.values())
    assert summary(errors(problems)) == [
        (DOUBLE_BOOKED, ERROR, (4, 5), BOB, None),
        (OWN_LINE, ERROR, (4,), BOB, WEST_1),  # Monday before Tuesday
        (OWN_LINE, ERROR, (3,), ANN, NORTH_1),
        (TEAM_NOT_VISITED, ERROR, (), None, FRONT_DOOR),
    ]
    assert summary(warnings(problems)) == [
        (TOO_MANY_VISITS, WARNING, (6, 7, 8, 9), CAT, None),
        (CONSENT_MISSING, WARNING, (8,), CAT, WEST_1),
        (ASSESSOR_UNUSED, WARNING, (), GAIL, None),
    ]
    assert notes(problems) == []
    assert not can_publish(problems)
    assert problems == errors(problems) + warnings(problems)  # errors first


def test_the_worked_example_messages_name_who_what_and_when():
    problems = run(V.values())
    by_code = {(p.code, p.visit_ids): p for p in problems}
    double = by_code[(DOUBLE_BOOKED, (4, 5))]
    assert double.date == MON
    assert double.message == ("bob has two visits at once on Monday 2 February: Safeguarding West 1 10:00–11:30 "
                              "(meeting observation) and Fostering 11:00–12:30 (team meeting).")
    assert by_code[(OWN_LINE, (3,))].message == (
        "Safeguarding North 1 is in ann's management line: the visit on Tuesday 3 February at 10:00. Give it to "
        "another assessor, or accept it with a reason.")
    assert by_code[(TEAM_NOT_VISITED, ())].message == "Front Door has no visit. Remove the team or add a visit."
    assert by_code[(TOO_MANY_VISITS, (6, 7, 8, 9))].message.startswith(
        "cat has 4 visits on Wednesday 4 February, more than 3: Fostering 09:00–10:00 (supervision); ")
    assert "cancel" not in by_code[(CONSENT_MISSING, (8,))].message
    assert by_code[(ASSESSOR_UNUSED, ())].message == "Gail has no visit."


def test_fixing_the_worked_example_leaves_only_warnings_and_the_accepted_note():
    fixed = dict(V)
    fixed[5] = replace(V[5], starts_at=t("13:00"), ends_at=t("14:00"))
    fixed[4] = replace(V[4], conflict_reason="bob leaves the Safeguarding service in March; agreed with the director")
    fixed[3] = replace(V[3], assessor_id=CAT)
    fixed[10] = replace(V[10], status="planned")
    problems = run(fixed.values())
    assert errors(problems) == []
    assert can_publish(problems)
    assert summary(notes(problems)) == [(OWN_LINE, NOTE, (4,), BOB, WEST_1)]
    assert notes(problems)[0].message.endswith("accepted: bob leaves the Safeguarding service in March; agreed with "
                                               "the director")
    assert summary(warnings(problems)) == [
        (TOO_MANY_VISITS, WARNING, (6, 7, 8, 9), CAT, None),
        (CONSENT_MISSING, WARNING, (8,), CAT, WEST_1),
    ]


def test_touching_visits_do_not_overlap_but_a_minute_of_overlap_does():
    touching = [visit(1, ANN, WEST_1, MON, "09:30", "11:00"), visit(2, ANN, FOSTERING, MON, "11:00", "12:00")]
    assert [p for p in run(touching, lines={}) if p.code == DOUBLE_BOOKED] == []
    overlapping = [visit(1, ANN, WEST_1, MON, "09:30", "11:01"), visit(2, ANN, FOSTERING, MON, "11:00", "12:00")]
    assert [p.visit_ids for p in run(overlapping, lines={}) if p.code == DOUBLE_BOOKED] == [(1, 2)]


def test_one_problem_per_overlapping_pair_and_not_across_days_or_assessors():
    visits = [
        visit(1, ANN, WEST_1, MON, "09:00", "12:00"),
        visit(2, ANN, FOSTERING, MON, "10:00", "11:00"),
        visit(3, ANN, NORTH_1, MON, "11:30", "12:30"),  # overlaps 1 only: 2 ends at 11:00
        visit(4, ANN, FRONT_DOOR, TUE, "09:00", "12:00"),  # same times, another day
        visit(5, BOB, FRONT_DOOR, MON, "09:00", "12:00"),  # same times, another assessor
    ]
    doubles = [p.visit_ids for p in run(visits, lines={}) if p.code == DOUBLE_BOOKED]
    assert doubles == [(1, 2), (1, 3)]


def test_a_visit_inside_another_and_identical_visits_overlap():
    visits = [visit(1, ANN, WEST_1, MON, "09:00", "12:00"), visit(2, ANN, FOSTERING, MON, "09:00", "12:00")]
    assert [p.visit_ids for p in run(visits, lines={}) if p.code == DOUBLE_BOOKED] == [(1, 2)]


def test_cancelled_and_did_not_happen_visits_are_left_out_of_every_check():
    visits = [
        visit(1, ANN, NORTH_1, MON, "09:00", "10:00", status="cancelled"),  # own line, but cancelled
        visit(2, ANN, NORTH_1, MON, "09:30", "10:30", status="did_not_happen"),
        visit(3, ANN, WEST_1, MON, "09:00", "10:00", "home_visit", consent="not_asked", status="did_not_happen"),
        visit(4, ANN, FOSTERING, MON, "09:00", "10:00", status="happened"),
    ]
    problems = run(visits, assessors=[AssessorRecord(ANN, "ann")])
    assert summary(problems) == [
        (TEAM_NOT_VISITED, ERROR, (), None, NORTH_1),
        (TEAM_NOT_VISITED, ERROR, (), None, WEST_1),
        (TEAM_NOT_VISITED, ERROR, (), None, FRONT_DOOR),
    ]


def test_an_accepted_reason_of_only_spaces_is_no_acceptance():
    visits = [visit(1, ANN, NORTH_1, MON, "09:00", "10:00", conflict_reason="   ")]
    problems = run(visits, teams=TEAMS[:1], assessors=ASSESSORS[:1])
    assert summary(problems) == [(OWN_LINE, ERROR, (1,), ANN, NORTH_1)]


def test_an_assessor_missing_from_lines_has_no_line():
    visits = [visit(1, CAT, NORTH_1, MON, "09:00", "10:00")]
    assert run(visits, teams=TEAMS[:1], assessors=[AssessorRecord(CAT, "cat")], lines={}) == []


def test_exactly_the_limit_is_no_warning_and_one_more_is():
    at_limit = [visit(i, CAT, FOSTERING, WED, f"{8 + i}:00", f"{9 + i}:00") for i in range(1, 4)]
    assert [p for p in run(at_limit) if p.code == TOO_MANY_VISITS] == []
    over = at_limit + [visit(4, CAT, FOSTERING, WED, "13:00", "14:00")]
    assert [p.visit_ids for p in run(over) if p.code == TOO_MANY_VISITS] == [(1, 2, 3, 4)]
    assert [p.visit_ids for p in run(over, limit=4) if p.code == TOO_MANY_VISITS] == []
    assert [p.visit_ids for p in run(at_limit, limit=1) if p.code == TOO_MANY_VISITS] == [(1, 2, 3)]


@pytest.mark.parametrize("activity, consent, warned, says_cancel", [
    ("home_visit", "given", False, False),
    ("home_visit", "not_asked", True, False),
    ("home_visit", "requested", True, False),
    ("home_visit", "refused", True, True),
    ("family_conversation", "not_asked", True, False),
    ("family_conversation", "given", False, False),
    ("team_meeting", "not_needed", False, False),
    ("supervision", "not_needed", False, False),
])
def test_consent_is_needed_only_for_home_visits_and_family_conversations(activity, consent, warned, says_cancel):
    problems = [p for p in run([visit(1, CAT, WEST_1, WED, "13:00", "14:00", activity, consent=consent)])
                if p.code == CONSENT_MISSING]
    assert bool(problems) is warned
    if warned:
        assert problems[0].severity == WARNING
        assert ("cancel or change it" in problems[0].message) is says_cancel


@pytest.mark.parametrize("contact, point, missing", [
    (101, "Reception", None),
    (None, "Reception", "Fostering has no office contact yet: assessors need an office contact to find the team."),
    (101, " ", "Fostering has no meeting point yet: assessors need a meeting point to find the team."),
    (None, "", "Fostering has no office contact or meeting point yet: assessors need an office contact and a "
               "meeting point to find the team."),
])
def test_a_team_missing_its_office_contact_or_meeting_point_is_warned(contact, point, missing):
    teams = [EventTeamRecord(FOSTERING, "Fostering", office_contact_id=contact, meeting_point=point)]
    problems = run([visit(1, CAT, FOSTERING, WED, "09:00", "10:00")], teams=teams, assessors=[ASSESSORS[2]])
    assert [p.message for p in problems] == ([missing] if missing else [])
    assert all(p.code == DETAILS_MISSING and p.severity == WARNING and p.team_id == FOSTERING for p in problems)


def test_an_empty_timetable_has_every_team_unvisited_and_every_assessor_unused():
    problems = run([])
    assert [(p.code, p.team_id or p.assessor_id) for p in problems] == (
        [(TEAM_NOT_VISITED, team.team_id) for team in TEAMS] + [(ASSESSOR_UNUSED, a.id) for a in ASSESSORS])
    assert run([], teams=[], assessors=[]) == []


def test_bad_input_gets_a_clear_error():
    with pytest.raises(ValueError, match="ends at 10:00, not after it starts at 10:00"):
        visit(1, ANN, WEST_1, MON, "10:00", "10:00")
    with pytest.raises(ValueError, match="not a team of the event"):
        run([visit(1, ANN, 99, MON, "09:00", "10:00")])
    with pytest.raises(ValueError, match="not an assessor of the event"):
        run([visit(1, 99, WEST_1, MON, "09:00", "10:00")])
    with pytest.raises(ValueError, match="from 1 to 8"):
        run([], limit=0)
    with pytest.raises(ValueError, match="from 1 to 8"):
        run([], limit=9)
    with pytest.raises(ValueError, match="unknown consent"):
        visit(1, ANN, WEST_1, MON, "09:00", "10:00", consent="maybe")
