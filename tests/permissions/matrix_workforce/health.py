"""The permission matrix's rows for the health check (W4; docs/design/workforce.md §7). Records:
records.add_health_records.

- The list, published results and plan: everyone but the system administrator (VIEW_HEALTH, OOOOOOOOOF).
- Editing, links, the results before publishing and the plan's edit page: the QA lead, the PSW and senior leaders
  (MANAGE_HEALTH, FFFFOOOFFF).
- The answer pages are public (core's PUBLIC_URL_NAMES): POST rows only, as practice's guest_welcome (the GET rows'
  shared tests send a signed-out visitor to sign in). A link naming no link says "does not work", the answer page
  with no link "open the link on your slip", and the thank-you page thanks whoever opens it; their own tests are
  tests/workforce/test_health_anonymity.py."""

PAGES = []
TEAM_PAGES = []
POST_PAGES = [
    ("workforce:health_link", "workforce_health_bad_token", "OOOOOOOOOO", "OOOOOOOOOO"),
    ("workforce:health_answer", None, "OOOOOOOOOO", "OOOOOOOOOO"),
    ("workforce:health_thanks", None, "OOOOOOOOOO", "OOOOOOOOOO"),
]
