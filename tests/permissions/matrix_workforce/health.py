"""The permission matrix's rows for the health check (W4; docs/design/workforce.md §7). Records:
records.add_health_records (council-wide: a published check, a closed one with a plan row, a draft and its first
question).

- The list, a published check, its results and plan: everyone but the system administrator (VIEW_HEALTH,
  OOOOOOOOOF).
- Starting, editing, questions, links, a check before it is published (its page, results and plan) and the plan's
  edit pages: the QA lead, the PSW and senior leaders (MANAGE_HEALTH, FFFFOOOFFF); 403 to the rest, as the design's
  letters say (a draft is the leads' work, not hidden from anyone's teams).
- The plan's Word and PDF copies: a published check's everyone's (OOOOOOOOOF), a closed one's the leads'.
- Correcting and removing a plan row (a page a row): the leads' (FFFFOOOFFF).
- An empty POST to a form page redraws the form (O); removing a question and the state button with no state named
  go back to the check's page with a message (R), as removing a plan row goes back to the plan (R; with no version
  it is not checked, and each case runs in its own savepoint, so the row is back for the next).
- The answer pages are public (core's PUBLIC_URL_NAMES): POST rows only, as practice's guest_welcome (the GET rows'
  shared tests send a signed-out visitor to sign in). A link naming no link says "does not work", the answer page
  with no link "open the link on your slip", and the thank-you page thanks whoever opens it; their own tests are
  tests/workforce/test_health_anonymity.py."""

READERS = "OOOOOOOOOF"
LEADS = "FFFFOOOFFF"
LEADS_REDIRECTED = "FFFFRRRFFF"

PAGES = [
    ("workforce:health_list", None, READERS),
    ("workforce:health_create", None, LEADS),
    ("workforce:health_detail", "workforce_health_published", READERS),
    ("workforce:health_detail", "workforce_health_draft", LEADS),
    ("workforce:health_results", "workforce_health_published", READERS),
    ("workforce:health_results", "workforce_health_closed", LEADS),
    ("workforce:health_plan", "workforce_health_published", READERS),
    ("workforce:health_plan", "workforce_health_closed", LEADS),
    ("workforce:health_edit", "workforce_health_draft", LEADS),
    ("workforce:health_question_add", "workforce_health_draft", LEADS),
    ("workforce:health_question_edit", "workforce_health_question", LEADS),
    ("workforce:health_links", "workforce_health_draft", LEADS),
    ("workforce:health_plan_add", "workforce_health_closed", LEADS),
    ("workforce:health_plan_will", "workforce_health_plan_item", LEADS),
    ("workforce:health_plan_docx", "workforce_health_published", READERS),
    ("workforce:health_plan_pdf", "workforce_health_published", READERS),
    ("workforce:health_plan_docx", "workforce_health_closed", LEADS),
    ("workforce:health_plan_pdf", "workforce_health_closed", LEADS),
    ("workforce:health_plan_edit", "workforce_health_plan_item", LEADS),
    ("workforce:health_plan_remove", "workforce_health_plan_item", LEADS),
]
TEAM_PAGES = []
POST_PAGES = [
    ("workforce:health_create", None, LEADS, LEADS),
    ("workforce:health_edit", "workforce_health_draft", LEADS, LEADS),
    ("workforce:health_question_add", "workforce_health_draft", LEADS, LEADS),
    ("workforce:health_question_edit", "workforce_health_question", LEADS, LEADS),
    ("workforce:health_question_remove", "workforce_health_question", LEADS_REDIRECTED, LEADS_REDIRECTED),
    ("workforce:health_move", "workforce_health_draft", LEADS_REDIRECTED, LEADS_REDIRECTED),
    ("workforce:health_links", "workforce_health_draft", LEADS, LEADS),
    ("workforce:health_plan_add", "workforce_health_closed", LEADS, LEADS),
    ("workforce:health_plan_will", "workforce_health_plan_item", LEADS, LEADS),
    ("workforce:health_plan_edit", "workforce_health_plan_item", LEADS, LEADS),
    ("workforce:health_plan_remove", "workforce_health_plan_item", LEADS_REDIRECTED, LEADS_REDIRECTED),
    ("workforce:health_link", "workforce_health_bad_token", "OOOOOOOOOO", "OOOOOOOOOO"),
    ("workforce:health_answer", None, "OOOOOOOOOO", "OOOOOOOOOO"),
    ("workforce:health_thanks", None, "OOOOOOOOOO", "OOOOOOOOOO"),
    ("workforce:health_code", None, "OOOOOOOOOO", "OOOOOOOOOO"),  # an empty code: the form again, with its error
]
