"""The permission matrix's rows for the practice pages of slice S7 library (list, item, propose, edit, publish, withdraw).
Letters: docs/design/practice.md §8.2; records: records.add_practice_records. Empty until the slice's pages land."""

PAGES = []
TEAM_PAGES = []
POST_PAGES = []
