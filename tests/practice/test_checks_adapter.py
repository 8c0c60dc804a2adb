"""checks.problems(event): the §4 worked example built as records gives the same problems as the pure module's
test (tests/practice/test_timetable.py), with the lines read from people's records."""

from triangulate.practice import checks
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
)

from .timetable_world import FRONT_DOOR, WED, build


def summary(found, week):
    number = {v.pk: n for n, v in week.visits.items()}
    return [(p.code, p.severity, tuple(number[i] for i in p.visit_ids)) for p in found]


def test_the_worked_example_through_the_models(db):
    week = build()
    found = checks.problems(week.event)
    assert summary(found, week) == [
        (DOUBLE_BOOKED, ERROR, (4, 5)),
        (OWN_LINE, ERROR, (4,)),  # Monday 10:00 comes before Tuesday's V3
        (OWN_LINE, ERROR, (3,)),
        (TEAM_NOT_VISITED, ERROR, ()),
        (TOO_MANY_VISITS, WARNING, (6, 7, 8, 9)),
        (CONSENT_MISSING, WARNING, (8,)),
        (ASSESSOR_UNUSED, WARNING, ()),
    ]
    not_visited = found[3]
    assert not_visited.team_id == week.teams[FRONT_DOOR].team_id
    assert found[4].assessor_id == week.assessors["cat"].pk and found[4].date == WED
    assert found[6].assessor_id == week.assessors["gail"].pk
    assert len(checks.errors(found)) == 4 and not checks.can_publish(found)


def test_the_fixes_leave_only_warnings_and_a_note(db):
    week = build()
    v = week.visits
    v[5].starts_at, v[5].ends_at = v[5].starts_at.replace(hour=13, minute=0), v[5].ends_at.replace(hour=14, minute=0)
    v[5].save()
    v[4].conflict_reason = "bob leaves the Safeguarding service in March; agreed with the director"
    v[4].save()
    v[3].assessor = week.assessors["cat"]
    v[3].save()
    v[10].status = "planned"
    v[10].save()
    found = checks.problems(week.event)
    assert summary(found, week) == [
        (OWN_LINE, NOTE, (4,)),
        (TOO_MANY_VISITS, WARNING, (6, 7, 8, 9)),
        (CONSENT_MISSING, WARNING, (8,)),
    ]
    assert checks.can_publish(found)
    assert found[0].message.endswith("accepted: bob leaves the Safeguarding service in March; agreed with the "
                                     "director")


def test_declared_conflict_teams_and_missing_details_reach_the_check(db):
    week = build()
    gail, front_door = week.assessors["gail"], week.teams[FRONT_DOOR]
    gail.conflict_teams.set([front_door.team])
    week.visits[10].status = "planned"
    week.visits[10].save()
    front_door.meeting_point = ""
    front_door.save()
    found = checks.problems(week.event)
    own_line = [p for p in found if p.code == OWN_LINE and p.visit_ids == (week.visits[10].pk,)]
    assert len(own_line) == 1 and own_line[0].severity == ERROR
    details = [p for p in found if p.code == DETAILS_MISSING]
    assert [p.team_id for p in details] == [front_door.team_id]
    assert details[0].message == ("Front Door has no meeting point yet: assessors need a meeting point to find the "
                                  "team.")


def test_did_not_happen_visits_are_left_out(db):
    week = build()
    week.visits[5].status = "did_not_happen"
    week.visits[5].save()
    codes = [p.code for p in checks.problems(week.event)]
    assert DOUBLE_BOOKED not in codes
