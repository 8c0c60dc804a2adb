"""The matrix rows of the top 10 and learning pages (S5; docs/design/improvement.md §5, §6, §8). Records:
records.add_top_ten_records: a saved list of strengths (`improvement_top_ten_kind`, addressed by its kind) and a
training topic. The pages are council-wide: no team rows.

Saving from the ranking is a button (R for the QA lead and senior leader: there is nothing ranked in the matrix's
world, so it is refused with a message and a redirect). The edit and topic forms answer an empty POST with their
errors (200)."""

PAGES = [
    ("improvement:top_ten", None, "FFOOOOOFOF"),
    ("improvement:top_ten_edit", "improvement_top_ten_kind", "FFFFOFOFFF"),
    ("improvement:learning", None, "FFOOOOOFFF"),
    ("improvement:training_topic_create", None, "FFFFOOOFFF"),
    ("improvement:training_topic_edit", "improvement_training_topic", "FFFFOOOFFF"),
]
TEAM_PAGES = []
POST_PAGES = [
    ("improvement:top_ten_save", "improvement_top_ten_kind", "FFFFRFRFFF", "FFFFRFRFFF"),
    ("improvement:top_ten_edit", "improvement_top_ten_kind", "FFFFOFOFFF", "FFFFOFOFFF"),
    ("improvement:training_topic_create", None, "FFFFOOOFFF", "FFFFOOOFFF"),
    ("improvement:training_topic_edit", "improvement_training_topic", "FFFFOOOFFF", "FFFFOOOFFF"),
]
