"""The permission matrix's rows for the practice pages of slice S2 guests and briefs (invite, welcome, end access, my
visits, briefs, blank form). Letters: docs/design/practice.md §8.2; records: records.add_practice_records.

- `brief_pdf` is the auditor's own brief (`practice_assessor`); the QA lead organises the week. A team manager or
  principal social worker may print briefs (they hold OBSERVE) but not this one (403).
- `blank_form_pdf` (our decision, §8.2 leaves it to the table): the event's organisers and assessors, who hand it to
  a guest on paper or write on it themselves; the team manager assesses the week, the service manager does not.
- `my_visits`: everyone who can be an assessor (OBSERVE); the page lists only the reader's own visits. Guests get it
  too (tests/permissions/test_practice_guests.py).
- `guest_invite` and `guest_end_access` are the organisers' (MANAGE_EVENT) on the week's guest (`practice_guest`, no
  account): the week ended in February 2026, so inviting is refused with a message (302), as is ending the access
  of a guest without an account.
- `guest_welcome` is public: a link that names nobody says "This link does not work" to whoever opens it. It is a
  POST row only: the GET rows' shared tests expect a signed-out visitor to be sent to sign in."""

PAGES = [
    ("practice:my_visits", None, "FOOOOOOFFF"),
    ("practice:blank_form_pdf", "practice_event", "FOFOOFFFFF"),
    ("practice:guest_invite", "practice_guest", "FFFFOFFFFF"),
]
TEAM_PAGES = [
    ("practice:brief_pdf", "practice_assessor", "FFFOOFFFFF", "FFFOOFFFFF"),
]
POST_PAGES = [
    ("practice:guest_invite", "practice_guest", "FFFFRFFFFF", "FFFFRFFFFF"),
    ("practice:guest_end_access", "practice_guest", "FFFFRFFFFF", "FFFFRFFFFF"),
    # public, so only here (the GET rows' own tests send a signed-out visitor to sign in): a link naming nobody
    # answers "This link does not work", whoever posts to it (its GET: tests/practice/test_guest_pages.py)
    ("practice:guest_welcome", "practice_guest_link", "OOOOOOOOOO", "OOOOOOOOOO"),
]
