"""The permission matrix's rows for the practice pages of slice S1 planning and timetable (events, teams, assessors, headings, timetable, visits, publish).
Letters: docs/design/practice.md §8.2; records: records.add_practice_records. Empty until the slice's pages land."""

PAGES = []
TEAM_PAGES = []
POST_PAGES = []
