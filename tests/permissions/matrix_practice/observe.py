"""The permission matrix's rows for the practice pages of slice S3 observing offline (observe, entry and observation
sync, hand in, return, observation detail). Letters: docs/design/practice.md §8.2; records:
records.add_practice_records.

The week is in analysis and the auditor's observations are handed in, so the auditor's own `observe` page opens
(it says the observation is handed in) and each of its POSTs is refused with a message and a redirect back to it
(R): a handed-in observation is closed, whatever was sent. Only the visit's own assessor records it (an organiser
only for a guest on paper): every other role is refused (403), before any record is looked up for roles that may
never observe. `return_observation` is the organiser's: the QA lead's empty reason is refused with a message (R);
the principal social worker reads the observation but does not organise the week (403); the senior leader, neither
assessor nor organiser, does not find it (404).

One letter differs from §8.2: on the other team's visit the service manager gets 404 (N), not 403. The visit is
looked up through `visits_visible_to` first, as every practice page does (the timetable's `visit_consent` row has
the same N), and that team is outside this service manager's scope and events; §8.2's "F" for every role but the
auditor would need the visit found before the selector is asked."""

PAGES = []
TEAM_PAGES = [
    ("practice:observation_detail", "practice_observation", "FONOOONFOF", "FONOOONFOF"),
    ("practice:observe", "practice_visit", "FFFOFFFFFF", "FFNOFFFFFF"),
]
POST_PAGES = [
    ("practice:entry_sync", "practice_visit", "FFFRFFFFFF", "FFNRFFFFFF"),
    ("practice:observation_sync", "practice_visit", "FFFRFFFFFF", "FFNRFFFFFF"),
    ("practice:hand_in", "practice_visit", "FFFRFFFFFF", "FFNRFFFFFF"),
    ("practice:return_observation", "practice_observation", "FFFFRFNFFF", "FFFFRFNFFF"),
]
