"""S1's rows (design §8): plans, priorities, progress updates, linking actions and milestones. The council plan is
read by all staff; a team plan by its line (a practitioner or team manager of another team: N) and SM and above,
not by the system administrator; actions' pages follow UPDATE_ACTION as improvement:action_status does."""

PAGES = [
    ("improvement:plan_list", None, "OOOOOOOFOO"),
    ("improvement:plan_create", None, "FFFFOFOFFF"),
    ("improvement:plan_detail", "improvement_plan", "OOOOOOOFOO"),
    ("improvement:plan_edit", "improvement_plan", "FFFFOFOFFF"),
    ("improvement:priority_create", "improvement_plan", "FFFFOFOFFF"),
    ("improvement:priority_detail", "improvement_priority", "OOOOOOOFOO"),
    ("improvement:priority_edit", "improvement_priority", "FFFFOFOFFF"),
    # the matrix's priority is owned by the service manager: its owner, QA, PSW and SL update it
    ("improvement:priority_progress", "improvement_priority", "FFOFOOOFFF"),
]

TEAM_PAGES = [
    ("improvement:plan_detail", "improvement_team_plan", "OOOOOOOFOF", "NNOOOOOFOF"),
    ("improvement:action_link", "action", "FOOOOOOFFF", "NNNOOOOFFF"),
    ("improvement:milestone_create", "action", "FOOOOOOFFF", "NNNOOOOFFF"),
]

POST_PAGES = [
    ("improvement:priority_progress", "improvement_priority", "FFOFOOOFFF", "FFOFOOOFFF"),
    ("improvement:plan_children", "improvement_plan", "FFFFRFRFFF", "FFFFRFRFFF"),
    ("improvement:milestone_done", "improvement_milestone", "FRRRRRRFFF", "NNNRRRRFFF"),
]
