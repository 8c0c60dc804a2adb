"""The permission matrix's rows for the practice pages of slice S3 observing offline (observe, entry and observation sync, hand in, return, observation detail).
Letters: docs/design/practice.md §8.2; records: records.add_practice_records. Empty until the slice's pages land."""

PAGES = []
TEAM_PAGES = []
POST_PAGES = []
