"""The permission matrix's rows for the practice pages of slice S1a planning (events, their teams, assessors and headings, team details, the state changes but publish).
Letters: docs/design/practice.md §8.2; records: records.add_practice_records.

S1a-events' rows: the events list, planning, the event's page and the state changes. The matrix week is in
analysis, organised by the QA lead, with its summaries shared, its report approved and one plan item, so for the
organiser: the reopen and cancel pages draw their reason form (GET, and an empty POST comes back with "Enter the
reason"); closing observations (the week is not observing) and sharing summaries (already shared) are refused with
a message and redirect; an empty "Mark complete" POST carries no version, so the page is drawn again (200) and
nothing changes.
Everyone else who may plan is not this event's organiser (403)."""

PAGES = [
    ("practice:event_list", None, "OOOOOOOOOF"),
    ("practice:event_detail", "practice_event", "OOOOOOOOOF"),
    ("practice:event_create", None, "FFFFOOOFFF"),
    ("practice:event_edit", "practice_event", "FFFFOFFFFF"),
    ("practice:reopen_observations", "practice_event", "FFFFOFFFFF"),
    ("practice:complete", "practice_event", "FFFFOFFFFF"),
    ("practice:cancel", "practice_event", "FFFFOFFFFF"),
]
TEAM_PAGES = []
POST_PAGES = [
    ("practice:close_observations", "practice_event", "FFFFRFFFFF", "FFFFRFFFFF"),
    ("practice:reopen_observations", "practice_event", "FFFFOFFFFF", "FFFFOFFFFF"),
    ("practice:share_summaries", "practice_event", "FFFFRFFFFF", "FFFFRFFFFF"),
    ("practice:complete", "practice_event", "FFFFOFFFFF", "FFFFOFFFFF"),
    ("practice:cancel", "practice_event", "FFFFOFFFFF", "FFFFOFFFFF"),
]
