"""The report format of design §7.1 (blank line = paragraph, "- " bullet, "  - " second-level bullet, nothing
else interpreted) and the report's pre-fill from the §6.2 worked example, worked by hand."""

from dataclasses import replace
from datetime import date, datetime

from triangulate.practice.analysis.drafting import (
    AssessorFacts,
    BulletList,
    EventFacts,
    HeadingDraft,
    HeadingFacts,
    Paragraph,
    VisitFacts,
    draft,
    parse,
)
from triangulate.practice.analysis.records import EntryRecord

from .example_62 import ENTRIES, GOOD, LEADERSHIP, OBSERVATIONS, PARENT, VOICE


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


# ---- the pre-fill (§7.1), from the §6.2 worked example ----------------------------------------------------------

HEADINGS = (HeadingFacts(LEADERSHIP, 1, "Leadership", "strengths_and_development"),
            HeadingFacts(VOICE, 2, "The voice of the child", "strengths_and_development"),
            HeadingFacts(PARENT, 3, "The parent/carer experience", "strengths_and_development"),
            HeadingFacts(GOOD, 4, "Good or innovative practice", "examples"))
NAMES = {"leadership": "Leadership", "workforce-and-caseloads": "Workforce and caseloads",
         "management-oversight-and-supervision": "Management oversight and supervision",
         "voice-of-the-child": "Voice of the child", "parent-and-carer-experience": "Parent and carer experience",
         "multi-agency-working": "Multi-agency working"}
MON, TUE = date(2026, 2, 2), date(2026, 2, 3)
VISITS = (VisitFacts(MON, "Team meeting", "Safeguarding South 2", "happened"),
          VisitFacts(MON, "Supervision", "Safeguarding West 1", "happened", conflict_accepted=True),
          VisitFacts(TUE, "Team meeting", "Safeguarding West 1", "happened"),
          VisitFacts(TUE, "Home visit", "Safeguarding North 1", "did_not_happen"),
          VisitFacts(TUE, "Team meeting", "Safeguarding North 1", "happened"),
          VisitFacts(date(2026, 2, 4), "Case discussion", "Safeguarding East 1", "cancelled"))
FACTS = EventFacts(title="Practice week, February 2026", starts_on=MON, ends_on=date(2026, 2, 6),
                   focus="the voice of the child", headings=HEADINGS, visits=VISITS,
                   assessors=(AssessorFacts("staff"), AssessorFacts("staff"), AssessorFacts("staff"),
                              AssessorFacts("guest", "Northumbria Police"),
                              AssessorFacts("guest", "Hexham Middle School"), AssessorFacts("guest", "")),
                   observers=3)


def _draft(**changes):
    return draft(replace(FACTS, **changes), OBSERVATIONS, ENTRIES, NAMES)


def test_the_introduction_counts_the_timetable_and_the_teams_observed():
    # 5 visits not cancelled, on 2 dates; ann, bob and cat handed in; South 2, West 1 and North 1 observed
    assert _draft().introduction == (
        "This document sets out the findings of Practice week, February 2026, held between 2 February 2026 and "
        "6 February 2026. From a timetable of 5 visits over 2 days, 3 assessors observed practice in 3 teams. "
        "The focus was: the voice of the child.")
    day = _draft(ends_on=MON, visits=VISITS[:1], observers=1, focus="Visits. ")
    assert "held on 2 February 2026. From a timetable of 1 visit over 1 day, 1 assessor observed" in day.introduction
    assert day.introduction.endswith("The focus was: Visits.")


def test_the_process_lists_teams_assessors_by_kind_and_visits_by_activity_never_a_guests_name():
    assert _draft().process == (
        "The teams visited:\n- Safeguarding North 1\n- Safeguarding South 2\n- Safeguarding West 1\n\n"
        "The assessors: 3 staff assessors and 3 guests from Hexham Middle School and Northumbria Police.\n\n"
        "Visits by activity:\n- Team meeting: 3 visits\n- Home visit: 1 visit\n- Supervision: 1 visit\n\n"
        "1 visit did not happen.\n\n"
        "1 visit within an assessor's own management line was accepted with a reason.")
    assert _draft(visits=VISITS[:1]).process.endswith("No visit was within an assessor's own management line.")
    # a team whose only visit did not happen was not visited
    missed = _draft(visits=(VISITS[0], VisitFacts(TUE, "Home visit", "Safeguarding North 1", "did_not_happen")))
    assert missed.process.startswith("The teams visited:\n- Safeguarding South 2\n\n")


def test_the_reflection_gives_felt_supported_and_heard_directly_then_the_prompts():
    # A5: South 2 supported, West 1 mixed, North 1 not asked; A6: child O1, O2; parent O2, O3; of 4 handed in
    assert _draft().reflection == (
        "Of the 2 teams asked, 1 said they felt supported by their managers.\n\n"
        "Assessors heard directly from a child in 2 of 4 visits and from a parent or carer in 2 of 4 visits.\n\n"
        "What worked in the process?\n\nWhat should change next time?")
    empty = draft(FACTS, (), (), NAMES)
    assert empty.reflection.startswith("No team was asked whether staff felt supported by their managers.\n\n"
                                       "No observation has been handed in yet.")


def test_each_heading_gives_themes_by_teams_with_their_representative_entries():
    headings = _draft().headings
    assert headings[LEADERSHIP].strengths == (
        "- Leadership: seen as a strength in 2 of 3 teams\n"
        "  - Team meeting well chaired\n"  # North 1 before South 2: one entry each, ties by team name
        "  - Manager is visible and staff go to her")  # e10 is a draft
    assert headings[LEADERSHIP].development == (
        "- Workforce and caseloads: an area for development in 2 of 3 teams\n"
        "  - Senior practitioner carries a full caseload and cannot supervise\n"  # West 1 has 2; e5 is longer
        "  - Caseloads high\n"
        "- Management oversight and supervision: an area for development in 1 of 3 teams\n"
        "  - Supervision notes list tasks only")
    assert headings[VOICE].strengths == ("- Voice of the child: seen as a strength in 2 of 3 teams\n"
                                         "  - Worker rang the child before the first visit\n"
                                         "  - Direct work with colours for feelings")
    assert headings[VOICE].development == ("- Voice of the child: an area for development in 1 of 3 teams\n"
                                           "  - Child's views not written up after visits")  # e13 removed
    assert headings[PARENT] == HeadingDraft("- Parent and carer experience: seen as a strength in 1 of 3 teams\n"
                                            "  - Mum said the plan was explained", "")
    assert headings[GOOD] == HeadingDraft("- Multi-agency working\n  - School nurse attends allocation meeting", "")


def test_the_organisers_picks_come_first_and_case_examples_are_exemplars_text_only():
    exemplar = EntryRecord(14, 3, VOICE, "exemplar", "voice-of-the-child", "A child's plan\nrewritten with her",
                           created_at=datetime(2026, 2, 2, 12))
    result = draft(FACTS, OBSERVATIONS, (*ENTRIES, exemplar), NAMES, picks=[9])
    assert result.headings[LEADERSHIP].development.split("\n")[1:3] == ["  - Caseloads above 25", "  - Caseloads high"]
    assert result.case_examples == "A child's plan rewritten with her"
    assert parse(result.case_examples) == [Paragraph("A child's plan rewritten with her")]
    # the exemplar makes West 1 positive on the voice of the child, already counted through e7: still 2 of 3
    assert result.headings[VOICE].strengths.startswith("- Voice of the child: seen as a strength in 2 of 3 teams")
    assert result.conclusion == "What will change as a result?"


def test_ties_between_themes_follow_the_theme_order():
    order = {"workforce-and-caseloads": (2, "Workforce and caseloads"),
             "management-oversight-and-supervision": (1, "Management oversight and supervision")}
    # drop e2 so both themes are in 1 team (West 1): oversight comes first by its order
    entries = [e for e in ENTRIES if e.id != 2]
    development = draft(FACTS, OBSERVATIONS, entries, NAMES, order).headings[LEADERSHIP].development
    assert development.startswith("- Management oversight and supervision: an area for development in 1 of 3")
