"""The historic tracker import (design §7): reading, mapping, checking every row, all or nothing."""

import os
import zipfile
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from triangulate.audits.models import Answer, AuditRevision, AuditRound, CaseAudit, FamilyFeedback, Moderation
from triangulate.audits.services import importer
from triangulate.audits.services import tracker_mapping as tm
from triangulate.core.roles import Role

from .factories import make_tool

HEADINGS = ["CHILD ID", "Allocated Team", "Date of audit", "Auditor", "Overall judgement",
            "Quality of the summary and chronology", "summary_current", "Moderated grade"]


def xlsx(tmp_path, rows, name="tracker.xlsx"):
    book = Workbook()
    sheet = book.active
    sheet.title = "Audits 2024"
    for row in rows:
        sheet.append(row)
    path = tmp_path / name
    book.save(path)
    return SimpleUploadedFile(name, path.read_bytes())


@pytest.fixture
def setup(world, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    version = make_tool(council=world.own.council)
    version.sections.get().questions.filter(key="summary_grade").update(text="Quality of the summary and chronology")
    return world, version


def upload(world, file):
    return importer.upload_tracker(actor=world.users[Role.QA_LEAD], council=world.own.council, uploaded=file)


def run(world, tracker):
    return importer.run_import(actor=world.users[Role.QA_LEAD], tracker=tracker)


def good_rows(world):
    own, other = world.own.name, world.other.name
    return [
        ["Case file audit tracker"],
        HEADINGS,
        ["A100", own, date(2024, 3, 4), "qa_lead", "RI", "Good", "Y", None],
        ["A101", other, "05/04/2024", "Someone Else", "Requires Improvement", "requires improvement ", "N", "Good"],
        ["A102", own, date(2024, 6, 1), "", 2, 3, "n/a", None],
        ["A100", own, date(2024, 9, 1), "", "Good", None, None, None],  # the same child again, later
    ]


def test_guesses_the_mapping_from_council_headings(setup, tmp_path):
    world, version = setup
    tracker = upload(world, xlsx(tmp_path, good_rows(world)))
    assert tracker.header_row == 2
    assert tracker.sheet == "Audits 2024"
    assert tracker.rows == 4
    assert tracker.mapping == {"0": tm.CHILD_ID, "1": tm.TEAM, "2": tm.COMPLETED_ON, "3": tm.AUDITOR,
                               "4": tm.OVERALL_GRADE, "5": "question:summary_grade", "6": "question:summary_current",
                               "7": tm.MODERATED_GRADE}
    assert tracker.default_tool_version == version
    # every spelling of a grade is proposed by the scale's labels, initials and values
    assert tracker.value_maps[tm.OVERALL_GRADE] == {"ri": "2", "requires improvement": "2", "2": "2", "good": "3"}
    assert tracker.value_maps["question:summary_current"] == {"y": "yes", "n": "no", "n/a": "na"}
    assert tracker.value_maps[tm.TEAM] == {world.own.name.casefold(): str(world.own.pk),
                                           world.other.name.casefold(): str(world.other.pk)}


def test_a_good_tracker_imports_every_audit(setup, tmp_path, django_capture_on_commit_callbacks):
    world, version = setup
    with django_capture_on_commit_callbacks(execute=True):
        tracker = run(world, upload(world, xlsx(tmp_path, good_rows(world))))
    assert tracker.status == "imported", list(tracker.errors.values_list("row", "column", "value", "problem"))
    round_ = AuditRound.objects.get(tracker_import=tracker)
    assert (round_.kind, round_.status) == ("imported", "closed")
    audits = list(CaseAudit.objects.filter(round=round_).order_by("import_row"))
    assert [(a.child_id, a.import_row, a.completed_on, a.overall_grade.value, a.state) for a in audits] == [
        ("A100", 3, date(2024, 3, 4), 2, "submitted"),
        ("A101", 4, date(2024, 4, 5), 3, "moderated"),  # re-graded RI -> Good in moderation
        ("A102", 5, date(2024, 6, 1), 2, "submitted"),
        ("A100", 6, date(2024, 9, 1), 3, "submitted"),
    ]
    assert audits[0].auditor == world.users[Role.QA_LEAD]
    assert (audits[1].auditor, audits[1].auditor_name) == (None, "Someone Else")
    assert audits[1].team == world.other
    assert Answer.objects.filter(audit__round=round_).count() == 6
    grades = sorted(Answer.objects.filter(audit__round=round_, grade__isnull=False).values_list("grade__value",
                                                                                                 flat=True))
    assert grades == [2, 3, 3]
    assert list(Answer.objects.filter(audit__round=round_, question__key="summary_current")
                .order_by("audit__import_row").values_list("yes_no", "not_applicable")) == [
        ("yes", False), ("no", False), ("", True)]
    assert AuditRevision.objects.filter(audit__round=round_, kind="imported", number=1).count() == 4
    moderation = Moderation.objects.get(audit__round=round_)
    assert (moderation.reason, moderation.status, moderation.auditor_grade.value,
            moderation.moderator_grade.value) == ("imported", "regraded", 2, 3)
    assert FamilyFeedback.objects.count() == 0
    assert not importer.reading.has_file(tracker)
    # the same tracker cannot be imported twice
    again = run(world, upload(world, xlsx(tmp_path, good_rows(world), "again.xlsx")))
    assert again.status == "failed"
    assert again.errors.count() == 4
    assert CaseAudit.objects.count() == 4


def test_bad_rows_fail_with_their_row_column_and_value_and_nothing_is_written(setup, tmp_path):
    world, _ = setup
    rows = good_rows(world)
    rows[2][2] = "31/02/2024"  # no such date
    rows[3][4] = "Adequate"  # an old grade nobody has mapped
    rows[4][0] = "=HYPERLINK(1)"  # a formula is not run: with no cached value the cell is blank
    rows[5][0] = "<b>A9</b>"
    tracker = run(world, upload(world, xlsx(tmp_path, rows)))
    assert tracker.status == "failed"
    assert list(tracker.errors.values_list("row", "column", "value", "problem")) == [
        (3, "Date of audit", "31/02/2024", "expected a date such as 31/03/2025"),
        (4, "Overall judgement", "Adequate", "this value is not mapped: choose what it means on the mapping page"),
        (5, "CHILD ID", "", "a Child Unique ID is required"),
        (6, "CHILD ID", "<b>A9</b>", "expected a Child Unique ID (letters and digits), not a formula, markup or a "
                                     "text over 64 characters"),
    ]
    assert CaseAudit.objects.count() == 0
    assert AuditRound.objects.count() == 0
    assert Answer.objects.count() == 0


def test_mapping_an_unknown_value_lets_the_run_through(setup, tmp_path):
    world, _ = setup
    rows = good_rows(world)
    rows[3][4] = "Adequate"
    tracker = upload(world, xlsx(tmp_path, rows))
    tracker = importer.save_mapping(actor=world.users[Role.QA_LEAD], tracker=tracker,
                                    expected_version=tracker.version, header_row=2, mapping=tracker.mapping,
                                    value_maps={tm.OVERALL_GRADE: {"adequate": "2"}},
                                    default_tool_version=tracker.default_tool_version)
    assert run(world, tracker).status == "imported"
    assert CaseAudit.objects.get(import_row=4).moderation.auditor_grade.value == 2


def test_a_question_not_in_the_tool_is_an_error_unless_blank(setup, tmp_path):
    world, version = setup
    other_tool = make_tool(council=world.own.council, scale=version.grade_scale, key="visits_themed")
    other_tool.sections.get().questions.filter(key="summary_current").update(key="visits_in_time")
    rows = [["Child ID", "Team", "Date", "Grade", "Audit type", "summary_current"],
            ["B1", world.own.name, date(2024, 1, 2), "Good", "visits_themed", "Yes"],
            ["B2", world.own.name, date(2024, 1, 2), "Good", "visits_themed", None]]
    tracker = run(world, upload(world, xlsx(tmp_path, rows)))
    assert list(tracker.errors.values_list("row", "column")) == [(2, "summary_current")]


def test_csv_trackers_are_read(setup):
    world, _ = setup
    text = f"Child Unique ID,Team,Date completed,Overall grade\nC1,{world.own.name},01/02/2024,Outstanding\n"
    tracker = run(world, upload(world, SimpleUploadedFile("t.csv", text.encode("cp1252"))))
    assert tracker.status == "imported"
    assert CaseAudit.objects.get().overall_grade.value == 4


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("t.xlsx", b"not a workbook at all", "is not an Excel .xlsx workbook"),
    ("t.docx", b"PK", "must be an Excel workbook (.xlsx) or a CSV file"),
    ("t.csv", b"A,B\x00,C", "is not a text CSV file"),
    ("t.csv", b"Child ID,Team\nX,Y\n", "none of its first 10 rows has 3 or more headings"),
])
def test_hostile_or_useless_files_are_refused_clearly(setup, name, content, expected):
    world, _ = setup
    with pytest.raises(ValidationError) as refused:
        upload(world, SimpleUploadedFile(name, content))
    assert expected in str(refused.value)


def test_a_zip_bomb_is_refused_before_it_is_read(setup, tmp_path):
    world, _ = setup
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<" * (120 * 1024**2))
    with pytest.raises(ValidationError) as refused:
        upload(world, SimpleUploadedFile("bomb.xlsx", path.read_bytes()))
    assert "would unpack to more than 100 MB" in str(refused.value)


def test_a_one_row_file_cannot_be_run(setup, tmp_path):
    world, _ = setup
    tracker = upload(world, xlsx(tmp_path, [["Child ID", "Team", "Date of audit", "Overall grade"]]))
    assert tracker.rows == 0
    with pytest.raises(ValidationError, match="no rows under its heading row"):
        run(world, tracker)


def test_formulas_are_not_run_and_a_formula_child_id_is_refused(setup, tmp_path):
    world, _ = setup
    rows = good_rows(world)[:3]
    rows[2][0] = "=1+1"
    tracker = run(world, upload(world, xlsx(tmp_path, rows)))
    assert tracker.status == "failed"
    assert tracker.errors.get().column == "CHILD ID"


@pytest.mark.parametrize(("text", "value"), [
    ("RI", "2"), ("ri", "2"), ("Req Imp", "2"), ("requires improvement", "2"),
    ("requires improvement to be good", "2"), ("2", "2"), ("O", "4"), ("outstanding", "4"), ("G", "3"),
    ("I", "1"), ("inadequate", "1"), ("adequate", None), ("5", None), ("", None),
])
def test_grade_spellings_are_proposed_by_label_initials_and_value(setup, text, value):
    _, version = setup
    assert tm.propose_grade(tm.cell_text(text), list(version.grade_scale.grades.all())) == value


def test_headings_with_a_typo_and_case_types_are_recognised(setup, tmp_path):
    world, _ = setup
    rows = [["Child Unique ID", "Team", "Date of audit", "Overal judgement", "Legal status"],
            ["D1", world.own.name, date(2024, 5, 1), "Good", "LAC"],
            ["D2", world.own.name, date(2024, 5, 1), "Good", "CPP"]]
    tracker = upload(world, xlsx(tmp_path, rows))
    assert tracker.mapping["3"] == tm.OVERALL_GRADE
    assert tracker.mapping["4"] == tm.CASE_TYPE
    assert run(world, tracker).status == "imported"
    assert sorted(CaseAudit.objects.values_list("child_id", "case_type")) == [("D1", "cla"), ("D2", "cp")]


def test_family_feedback_is_imported_and_their_words_only_with_consent(setup, tmp_path):
    world, _ = setup
    rows = [["Child ID", "Team", "Date of audit", "Overall grade", "Family contacted", "Positive difference",
             "Consent", "Family comments"],
            ["F1", world.own.name, date(2024, 5, 1), "Good", "Yes", "Yes", "Y", "More notice of visits"],
            ["F2", world.own.name, date(2024, 5, 1), "Good", "Yes", "No", "N", "Said something"],
            ["F3", world.own.name, date(2024, 5, 1), "Good", "No", None, None, None],
            ["F4", world.own.name, date(2024, 5, 1), "Good", None, None, None, None]]
    tracker = run(world, upload(world, xlsx(tmp_path, rows)))
    assert tracker.status == "imported", list(tracker.errors.values_list("row", "column", "value", "problem"))
    assert sorted(FamilyFeedback.objects.values_list("audit__child_id", "outcome", "consent", "positive_difference",
                                                     "what_could_be_better")) == [
        ("F1", "reached", True, "yes", "More notice of visits"),
        ("F2", "reached", False, "", ""),  # without consent only the outcome is kept
        ("F3", "not_reached", False, "", ""),
    ]


def test_trackers_left_over_7_days_are_swept(setup, tmp_path):
    world, _ = setup
    tracker = upload(world, xlsx(tmp_path, good_rows(world)))
    path = importer.reading.tracker_path(tracker)
    assert importer.reading.sweep_trackers() == []
    old = path.stat().st_mtime - 8 * 86_400
    os.utime(path, (old, old))
    assert importer.reading.sweep_trackers() == [path.name]
    assert not path.exists()
