"""The matrix rows of the evidence pack pages (S4; docs/design/improvement.md §4, §8). Records:
records.add_evidence_records (a priority of a live council plan; the theme is the matrix's own). A team's pack is the
team manager's for their own team (404 for another), and the evidence readers' for every team. Saving the paragraph
is for the QA lead, the principal social worker and the senior leader; an empty POST is answered with the form's
error (200); other readers of the pack are refused (403)."""

PAGES = [
    ("improvement:evidence_index", None, "FFOOOOOFOF"),
    # the board paper: service managers, the QA lead, the principal social worker, senior leaders and inspectors
    ("improvement:board_paper_docx", None, "FFOFOOOFOF"),
    ("improvement:board_paper_pdf", None, "FFOFOOOFOF"),
    # the elected members' copy of the board paper, under disclosure control (§7): the board paper's readers and EM
    ("improvement:wide_board_paper_docx", None, "FFOFOOOOOF"),
    ("improvement:wide_board_paper_pdf", None, "FFOFOOOOOF"),
    # the annual-conversation pack: the QA lead, senior leaders and the inspector
    ("improvement:annual_pack_docx", None, "FFFFOFOFOF"),
    ("improvement:annual_pack_pdf", None, "FFFFOFOFOF"),
    ("improvement:evidence_theme", "theme", "FFOOOOOFOF"),
    ("improvement:evidence_priority", "improvement_priority", "FFOOOOOFOF"),
]
TEAM_PAGES = [
    ("improvement:evidence_team", "team", "FOOOOOOFOF", "FNNOOOOFOF"),
]
POST_PAGES = [
    ("improvement:evidence_theme", "theme", "FFFFOOOFFF", "FFFFOOOFFF"),
    ("improvement:evidence_priority", "improvement_priority", "FFFFOOOFFF", "FFFFOOOFFF"),
    ("improvement:evidence_team", "team", "FFFFOOOFFF", "FNNFOOOFFF"),
]
