"""The default practice themes, installed by migration 0002 and restored by `ensure_default_themes`."""

DEFAULT_THEMES = [
    ("Voice of the child", "Children are seen, heard and understood; their wishes and feelings shape the plan."),
    ("Management oversight and supervision", "Managers' decisions and reflective supervision are recorded and make a difference."),
    ("Assessment quality", "Assessments analyse history, risk and strengths, and say what life is like for the child."),
    ("Planning (SMART)", "Plans are specific, measurable, achievable, realistic and timed, and families understand them."),
    ("Visits and direct work", "Children are visited within timescales, seen alone when right, and direct work is purposeful."),
    ("Multi-agency working", "Partners share information, attend meetings and carry out their parts of the plan."),
    ("Recording", "Records are up to date, written for the child, and chronologies and summaries are current."),
    ("Timeliness", "Decisions, assessments, conferences and reviews happen within statutory timescales."),
    ("Workforce and caseloads", "Caseloads are manageable, the workforce is stable, and staff are trained and supported."),
    ("Leadership", "Leaders know their services well and act on what they find."),
    ("Parent and carer experience", "Parents and carers are treated with respect, understand the worries and are helped to change."),
    ("Outcomes", "Children's circumstances improve because of the help they receive."),
]
