"""The permission matrix's rows for the data feed's token pages (docs/design/estate.md §4): the system administrator
issues and revokes tokens; the QA and performance lead reads the list, the call log and the help page.

- Issuing: an empty POST redraws the form with its errors (O); revoking goes back to the list (R).
- The endpoints themselves (/feed/v1/...) are public to the matrix: a bearer token is their credential, not a
  signed-in session, so they are listed with the public pages and their authentication is tested in
  tests/feed/test_tokens.py (401, 403, 405, 429, no cookie)."""

from datetime import timedelta

READERS = "FFFFOFFFFO"
ADMIN = "FFFFFFFFFO"

PAGES = [
    ("feed:token_list", None, READERS),
    ("feed:call_log", None, READERS),
    ("feed:help", None, READERS),
    ("feed:token_issue", None, ADMIN),
    ("feed:token_revoke", "feed_token", ADMIN),
]
TEAM_PAGES = []
POST_PAGES = [
    ("feed:token_issue", None, ADMIN, ADMIN),
    ("feed:token_revoke", "feed_token", "FFFFFFFFFR", "FFFFFFFFFR"),
]
PUBLIC_PAGES = {"feed:kpis", "feed:audits", "feed:observations", "feed:actions", "feed:children"}


def add_records(world, out):
    from django.utils import timezone

    from triangulate.core.roles import Role
    from triangulate.feed import services

    issued = services.issue_token.step(actor=world.users[Role.SYSTEM_ADMIN], name="Matrix", purpose="The matrix",
                                       scope="aggregates", publication=False,
                                       expires_at=timezone.now() + timedelta(days=30))
    out["own"]["feed_token"] = out["other"]["feed_token"] = issued.token
