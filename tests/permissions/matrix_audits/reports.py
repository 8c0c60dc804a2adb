"""The permission matrix's rows for the audits pages of slice 'reports' (design §8 gives the letters).

Everyone with a role but the system administrator reads the reports, trends and the briefing (elected members
under disclosure control); only QA leads and PSWs edit the briefing's text. Reading the briefing is through its
PDF and the round report."""

PAGES = [
    ("audits:report", None, "OOOOOOOOOF"),
    ("audits:report_pdf", None, "OOOOOOOOOF"),
    ("audits:trends", None, "OOOOOOOOOF"),
    ("audits:round_report", "round", "OOOOOOOOOF"),
    ("audits:round_report_pdf", "round", "OOOOOOOOOF"),
    ("audits:round_briefing_pdf", "round", "OOOOOOOOOF"),
    ("audits:round_briefing", "round", "FFFFOOFFFF"),
]
TEAM_PAGES = []
POST_PAGES = []
