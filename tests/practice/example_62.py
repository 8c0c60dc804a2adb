"""The worked example of design §6.2, as plain records: the fixture of test_counts and test_representative.

Three teams. O1 (ann, South 2), O2 (bob, West 1), O3 (cat, West 1) and O5 (ann, North 1) are handed in; O4 (dan,
North 1) is a draft. e10 is on the draft and e13 is removed, so neither is counted."""

from datetime import datetime, timedelta

from triangulate.practice.analysis.records import EntryRecord, ObservationRecord

SOUTH_2, WEST_1, NORTH_1 = 21, 22, 23
LEADERSHIP, VOICE, PARENT, GOOD = 1, 2, 3, 4  # the default headings (§2), by number

OBSERVATIONS = [
    ObservationRecord(1, SOUTH_2, "Safeguarding South 2", "handed_in", "yes", frozenset({"child"})),
    ObservationRecord(2, WEST_1, "Safeguarding West 1", "handed_in", "mixed", frozenset({"child", "parent_carer"})),
    ObservationRecord(3, WEST_1, "Safeguarding West 1", "handed_in", "yes", frozenset({"parent_carer"})),
    ObservationRecord(4, NORTH_1, "Safeguarding North 1", "draft", "yes"),
    ObservationRecord(5, NORTH_1, "Safeguarding North 1", "handed_in", "not_asked"),
]

START = datetime(2026, 2, 2, 9, 0)
_ROWS = [  # id, observation, heading, kind, theme, text
    (1, 1, LEADERSHIP, "strength", "leadership", "Manager is visible and staff go to her"),
    (2, 1, LEADERSHIP, "area_for_development", "workforce-and-caseloads", "Caseloads high"),
    (3, 1, VOICE, "strength", "voice-of-the-child", "Worker rang the child before the first visit"),
    (4, 2, LEADERSHIP, "area_for_development", "management-oversight-and-supervision",
     "Supervision notes list tasks only"),
    (5, 2, LEADERSHIP, "area_for_development", "workforce-and-caseloads",
     "Senior practitioner carries a full caseload and cannot supervise"),
    (6, 2, VOICE, "area_for_development", "voice-of-the-child", "Child's views not written up after visits"),
    (7, 3, VOICE, "strength", "voice-of-the-child", "Direct work with colours for feelings"),
    (8, 3, PARENT, "strength", "parent-and-carer-experience", "Mum said the plan was explained"),
    (9, 3, LEADERSHIP, "area_for_development", "workforce-and-caseloads", "Caseloads above 25"),
    (10, 4, LEADERSHIP, "strength", "leadership", "Team meeting was lively (draft: out)"),
    (11, 5, LEADERSHIP, "strength", "leadership", "Team meeting well chaired"),
    (12, 5, GOOD, "good_practice", "multi-agency-working", "School nurse attends allocation meeting"),
    (13, 5, VOICE, "area_for_development", "voice-of-the-child", "Removed: out"),
]
ENTRIES = [EntryRecord(id, obs, heading, kind, theme, text, created_at=START + timedelta(minutes=id),
                       removed=(id == 13))
           for id, obs, heading, kind, theme, text in _ROWS]
