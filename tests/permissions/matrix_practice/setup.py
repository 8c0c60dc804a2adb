"""The permission matrix's rows for the practice pages of slice S1a-setup: an event's teams and their details, its
assessors and its headings (design §3.1, §9.1). Letters: docs/design/practice.md §8.2; records:
records.add_practice_records.

The week is in analysis, with entries saved and every team and assessor visited: the QA lead (its organiser) opens
every page; an empty form comes back with its errors (O), an empty save of details that changes nothing goes back
(R), and removing a visited team or assessor, or moving or deleting a heading once entries are saved, is refused
with a message (R). A team's details are edited by its organisers and by a manager of the team, so the team manager
and service manager edit the own team's and find nothing of the other team's (404); the principal social worker
and senior leader hold organiser roles but do not organise this week (403)."""

PAGES = [
    ("practice:event_teams", "practice_event", "FFFFOFFFFF"),
    ("practice:event_assessors", "practice_event", "FFFFOFFFFF"),
    ("practice:assessor_guest_create", "practice_event", "FFFFOFFFFF"),
    ("practice:event_headings", "practice_event", "FFFFOFFFFF"),
]
TEAM_PAGES = [
    ("practice:event_team_edit", "practice_event_team", "FOOFOFFFFF", "FNNFOFFFFF"),
    ("practice:assessor_edit", "practice_assessor", "FFFFOFFFFF", "FFFFOFFFFF"),
    ("practice:heading_edit", "practice_heading", "FFFFOFFFFF", "FFFFOFFFFF"),
]
POST_PAGES = [
    # an empty form comes back with its errors
    ("practice:event_teams", "practice_event", "FFFFOFFFFF", "FFFFOFFFFF"),
    ("practice:event_assessors", "practice_event", "FFFFOFFFFF", "FFFFOFFFFF"),
    ("practice:assessor_guest_create", "practice_event", "FFFFOFFFFF", "FFFFOFFFFF"),
    ("practice:event_headings", "practice_event", "FFFFOFFFFF", "FFFFOFFFFF"),
    # an empty save changes nothing and goes back
    ("practice:event_team_edit", "practice_event_team", "FRRFRFFFFF", "FNNFRFFFFF"),
    ("practice:assessor_edit", "practice_assessor", "FFFFRFFFFF", "FFFFRFFFFF"),
    ("practice:heading_edit", "practice_heading", "FFFFRFFFFF", "FFFFRFFFFF"),
    # refused with a message: the team and the assessor have visits, the headings have entries
    ("practice:event_team_remove", "practice_event_team", "FFFFRFFFFF", "FFFFRFFFFF"),
    ("practice:assessor_remove", "practice_assessor", "FFFFRFFFFF", "FFFFRFFFFF"),
    ("practice:heading_move", "practice_heading", "FFFFRFFFFF", "FFFFRFFFFF"),
    ("practice:heading_delete", "practice_heading", "FFFFRFFFFF", "FFFFRFFFFF"),
]
