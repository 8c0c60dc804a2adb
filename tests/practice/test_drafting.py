"""The report format of design §7.1: blank line = paragraph, "- " bullet, "  - " second-level bullet, nothing
else interpreted."""

from triangulate.practice.analysis.drafting import BulletList, Paragraph, parse


def test_blank_lines_separate_paragraphs_and_a_paragraphs_lines_join():
    assert parse("First line\nsame paragraph\n\nSecond") == [
        Paragraph("First line same paragraph"), Paragraph("Second")]


def test_bullets_and_second_level_bullets_in_order():
    text = "Strengths:\n- Voice of the child: seen in 5 of 8 teams\n  - Visits were child-led\n  - Plans updated\n- Next"
    assert parse(text) == [
        Paragraph("Strengths:"),
        BulletList(("Voice of the child: seen in 5 of 8 teams",), 1),
        BulletList(("Visits were child-led", "Plans updated"), 2),
        BulletList(("Next",), 1),
    ]


def test_nothing_else_is_interpreted():
    assert parse("=SUM(A1)\n\n# not a heading\n\n* not a bullet\n\n-no space") == [
        Paragraph("=SUM(A1)"), Paragraph("# not a heading"), Paragraph("* not a bullet"), Paragraph("-no space")]


def test_windows_line_endings_and_empty_text():
    assert parse("a\r\n\r\n- b") == [Paragraph("a"), BulletList(("b",), 1)]
    assert parse("") == []
    assert parse(None) == []
    assert parse("\n\n  \n") == []
