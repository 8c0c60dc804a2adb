"""The permission matrix's rows for the self-assessment pages (S2; docs/design/improvement.md §8). Records:
records.add_assessment_records (a published self-assessment, a draft with no domain judged, one of its domains, a
domain template).

Everyone with a role reads the published one and its Word and PDF files; the draft is read by the council's managers,
auditors and leads and the administrator, and is not found (N) for practitioners, elected members and inspectors;
its files and every edit page are the QA lead's and the senior leader's (design §8: FFFFOFOFFF). An empty POST to a
form page redraws the form (O); publishing the draft is refused with a message (R: no domain is judged), as is
starting next year's from last year's (R: this year's exists)."""

LEADS = "FFFFOFOFFF"
LEADS_REDIRECTED = "FFFFRFRFFF"

PAGES = [
    ("improvement:assessment_list", None, "OOOOOOOOOO"),
    ("improvement:assessment_detail", "improvement_assessment", "OOOOOOOOOO"),
    ("improvement:assessment_detail", "improvement_assessment_draft", "NOOOOOONNO"),
    ("improvement:assessment_docx", "improvement_assessment", "OOOOOOOOOO"),
    ("improvement:assessment_docx", "improvement_assessment_draft", LEADS),
    ("improvement:assessment_pdf", "improvement_assessment", "OOOOOOOOOO"),
    ("improvement:assessment_pdf", "improvement_assessment_draft", LEADS),
    ("improvement:assessment_create", None, LEADS),
    ("improvement:assessment_edit", "improvement_assessment_draft", LEADS),
    ("improvement:judgement_edit", "improvement_judgement", LEADS),
    ("improvement:external_view", "improvement_assessment_draft", LEADS),
    ("improvement:scale_edit", None, LEADS),
    ("improvement:domain_list", None, LEADS),
    ("improvement:domain_edit", "improvement_domain", LEADS),
]
TEAM_PAGES = []
POST_PAGES = [
    ("improvement:assessment_create", None, LEADS, LEADS),
    ("improvement:assessment_edit", "improvement_assessment_draft", LEADS, LEADS),
    ("improvement:judgement_edit", "improvement_judgement", LEADS, LEADS),
    ("improvement:external_view", "improvement_assessment_draft", LEADS, LEADS),
    ("improvement:assessment_publish", "improvement_assessment_draft", LEADS_REDIRECTED, LEADS_REDIRECTED),
    ("improvement:assessment_next", "improvement_assessment", LEADS_REDIRECTED, LEADS_REDIRECTED),
    ("improvement:scale_edit", None, LEADS, LEADS),
    ("improvement:domain_list", None, LEADS, LEADS),
    ("improvement:domain_edit", "improvement_domain", LEADS, LEADS),
]
