"""The permission matrix's rows for the audits pages of slice 'tools' (design §8 gives the letters).

Everyone with a role reads tools and grade scales; QA leads and PSWs change them. The fixture's `version` is
live, so the edit pages render for them (with a warning that only a draft changes) and most POST-only actions
are refused with a message (a 302 back either way): publishing, discarding, moving or deleting in a live
version. "Make a draft" and "Retire" do what they say."""

PAGES = [
    ("audits:tool_list", None, "OOOOOOOOOO"),
    ("audits:tool_detail", "tool", "OOOOOOOOOO"),
    ("audits:version_detail", "version", "OOOOOOOOOO"),
    ("audits:grade_scale_list", None, "OOOOOOOOOO"),
    ("audits:tool_create", None, "FFFFOOFFFF"),
    ("audits:tool_edit", "tool", "FFFFOOFFFF"),
    ("audits:version_edit", "version", "FFFFOOFFFF"),
    ("audits:section_create", "version", "FFFFOOFFFF"),
    ("audits:section_edit", "section", "FFFFOOFFFF"),
    ("audits:question_create", "section", "FFFFOOFFFF"),
    ("audits:question_edit", "question", "FFFFOOFFFF"),
    ("audits:grade_scale_edit", "scale", "FFFFOOFFFF"),
    ("audits:grade_edit", "grade", "FFFFOOFFFF"),
]
TEAM_PAGES = []
POST_PAGES = [
    ("audits:tool_draft", "tool", "FFFFRRFFFF", "FFFFRRFFFF"),
    ("audits:version_publish", "version", "FFFFRRFFFF", "FFFFRRFFFF"),
    ("audits:version_retire", "version", "FFFFRRFFFF", "FFFFRRFFFF"),
    ("audits:version_discard", "version", "FFFFRRFFFF", "FFFFRRFFFF"),
    ("audits:section_move", "section", "FFFFRRFFFF", "FFFFRRFFFF"),
    ("audits:section_delete", "section", "FFFFRRFFFF", "FFFFRRFFFF"),
    ("audits:question_move", "question", "FFFFRRFFFF", "FFFFRRFFFF"),
    ("audits:question_delete", "question", "FFFFRRFFFF", "FFFFRRFFFF"),
]
