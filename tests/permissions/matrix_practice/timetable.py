"""The permission matrix's rows for the practice pages of slice S1b, the timetable (visits, the timetable grid,
consent, accepted line conflicts, publish). Letters: docs/design/practice.md §8.2; records: records.add_practice_records.

The week is in analysis, so its visits can no longer change: the QA lead (its organiser) still opens every page,
and each button is refused with a message (302). The timetable's rows are filtered to what the reader may see
(tests/practice/test_timetable_pages.py). Consent is recorded by an organiser or a manager of the visited team: the
team-manager user assesses the week, so it finds the other team's visit (403), where the service manager, who does
not, finds nothing (404)."""

PAGES = [
    ("practice:timetable", "practice_event", "OOOOOOOFOF"),
    ("practice:timetable_edit", "practice_event", "FFFFOFFFFF"),
    ("practice:visit_create", "practice_event", "FFFFOFFFFF"),
    ("practice:publish", "practice_event", "FFFFOFFFFF"),
]
TEAM_PAGES = [
    ("practice:visit_edit", "practice_visit", "FFFFOFFFFF", "FFFFOFFFFF"),
    ("practice:visit_consent", "practice_visit", "FOOFOFFFFF", "FFNFOFFFFF"),
]
POST_PAGES = [
    # an empty form comes back with its errors
    ("practice:visit_create", "practice_event", "FFFFOFFFFF", "FFFFOFFFFF"),
    ("practice:visit_edit", "practice_visit", "FFFFOFFFFF", "FFFFOFFFFF"),
    ("practice:visit_consent", "practice_visit", "FOOFOFFFFF", "FFNFOFFFFF"),
    # refused with a message: the week is past planning, its visits can no longer change
    ("practice:visit_cancel", "practice_visit", "FFFFRFFFFF", "FFFFRFFFFF"),
    ("practice:conflict_accept", "practice_visit", "FFFFRFFFFF", "FFFFRFFFFF"),
    ("practice:publish", "practice_event", "FFFFRFFFFF", "FFFFRFFFFF"),
]
