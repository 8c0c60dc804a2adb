"""The permission matrix's rows for the practice pages of slice S1a planning (events, their teams, assessors and headings, team details, the state changes but publish).
Letters: docs/design/practice.md §8.2; records: records.add_practice_records. Empty until the slice's pages land."""

PAGES = []
TEAM_PAGES = []
POST_PAGES = []
