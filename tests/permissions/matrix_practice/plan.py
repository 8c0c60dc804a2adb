"""The permission matrix's rows for the practice pages of slice S6 action plan and follow-up (plan, its exports, plan
items, follow-up, team practice). Letters: docs/design/practice.md §8.2; records: records.add_practice_records.

The matrix week is in analysis with one plan item, so the organiser (the QA lead) may change the plan: removing
the item cancels its action and redirects; an empty "move" names no direction (down) and is refused with a
message, as the item is the only one. Elected members never see the plan (it names owners, §8.1)."""

PAGES = [
    ("practice:plan", "practice_event", "OOOOOOOFOF"),
    ("practice:plan_docx", "practice_event", "OOOOOOOFOF"),
    ("practice:plan_item_create", "practice_event", "FFFFOFFFFF"),
    ("practice:plan_item_edit", "practice_plan_item", "FFFFOFFFFF"),
]
TEAM_PAGES = [
    ("practice:follow_up", "practice_team", "FOOOOOOFOF", "FONOOOOFOF"),
    # the team-manager user assesses the week, which visited the other team
    ("practice:team_practice", "team", "FOOOOOOFOF", "FONOOOOFOF"),
]
POST_PAGES = [
    ("practice:plan_item_remove", "practice_plan_item", "FFFFRFFFFF", "FFFFRFFFFF"),
    ("practice:plan_item_move", "practice_plan_item", "FFFFRFFFFF", "FFFFRFFFFF"),
]
