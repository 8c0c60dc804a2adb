"""The permission matrix's rows for the practice pages of slice S7 library (list, item, propose, edit, publish,
withdraw). Letters: docs/design/practice.md §8.2; records: records.add_practice_records (a published library item;
the auditor-role user's handed-in entries on each side).

`library_propose` follows §8's "Propose a library item (from one's own entry)" row (– A A A Y Y Y – – –), asked of
the auditor's entry: the entry is looked up through observations_visible_to first (404), then PROPOSE_LIBRARY_ITEM
is asked of it (403). So the auditor (its own assessor), the QA lead and the principal social worker may propose
it; the team manager, an assessor of the week, reads the entry but it is not theirs (F); the service manager and
the senior leader, neither assessors nor organisers of the week, cannot read it (N); the other roles may never
propose (F). POSTs to publish and withdraw are the managers' (QA, PW): the item is already published and the empty
POST gives no reason, so both are refused with a message and redirect (R)."""

PAGES = [
    ("practice:library", None, "OOOOOOOFOF"),
    ("practice:library_item", "practice_library_item", "OOOOOOOFOF"),
    ("practice:library_item_edit", "practice_library_item", "FFFFOOFFFF"),
]
TEAM_PAGES = [
    ("practice:library_propose", "practice_entry", "FFNOOONFFF", "FFNOOONFFF"),
]
POST_PAGES = [
    ("practice:library_publish", "practice_library_item", "FFFFRRFFFF", "FFFFRRFFFF"),
    ("practice:library_withdraw", "practice_library_item", "FFFFRRFFFF", "FFFFRRFFFF"),
]
