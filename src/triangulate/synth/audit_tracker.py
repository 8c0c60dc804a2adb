"""Two years of the demo council's audits before Triangulate, as the Excel tracker its QA team kept, imported
through the historic tracker import (design §7) by the QA lead: upload, mapping, run.

The workbook looks like a council's: a title row above the headings, the headings in the council's own words
("Child ID", "Date of audit", "Management oversight"...), grades spelt several ways ("RI", "Requires
Improvement", and in the first year the old "Adequate", which the QA lead maps to Requires improvement), dates
as Excel dates, and a notes column the import ignores. Grades follow the story (audit_draws.py)."""

import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from triangulate.audits.models import AuditRound, TrackerImport
from triangulate.audits.services import importer
from triangulate.audits.services.cases import read_extract
from triangulate.core.roles import Role
from triangulate.kpis.periods import add_months
from triangulate.people.models import Team

from . import audit_draws as draws
from .audit_conduct import at
from .names import FIRST_NAMES, LAST_NAMES

FILE_NAME = "Case audit tracker 2 years.xlsx"
MONTHS = 24
MOST_A_MONTH = 16  # rows a month at most: the history stays a few hundred rows, so the demo starts quickly
CASE_TEAMS = ("assessment", "locality_safeguarding", "children_in_care", "adolescent", "care_leavers",
              "disabled_children")
# heading -> the grade question its column holds (the tracker's section grades)
SECTIONS = (("Quality of assessment and analysis", "assessment-quality"), ("Voice of the child", "voice-of-the-child"),
            ("Planning (SMART)", "planning-smart"), ("Visits and direct work", "visits-and-direct-work"),
            ("Management oversight", "management-oversight-and-supervision"), ("Outcomes", "outcomes"))
HEADINGS = ("Child ID", "Team", "Case type", "Social worker", "Date of audit", "Auditor",
            *(h for h, _t in SECTIONS), "Overall grade", "Moderated grade", "Moderated by", "Family contacted",
            "Positive difference", "Consent", "Actions", "Notes")
GRADE_WORDS = {4: ("Outstanding", "O"), 3: ("Good", "G", "good"), 2: ("Requires improvement", "RI", "Req Imp"),
               1: ("Inadequate", "I")}
CASE_TYPE_WORDS = {"cin": "CIN", "cp": "CP", "cla": "CLA", "care_leaver": "Care leaver"}
FORMER_AUDITORS = ("Sue Barker", "Tom Okafor")  # left the council: kept as names only


def tracker_rows(scene, council, uploads, history_ends):
    """The tracker's rows (lists of cell values, as HEADINGS), oldest first."""
    rng = draws.rng_for(scene.seed, "tracker")
    oldest = read_extract(uploads[0], council).cases
    teams = list(Team.objects.filter(council=council, team_type__in=CASE_TEAMS,
                                     pk__in={c.team_id for c in oldest}).order_by("name"))
    cases_of = {t.pk: [c for c in oldest if c.team_id == t.pk] for t in teams}
    known = {c.child_id for c in oldest} | {c.child_id for c in read_extract(uploads[-1], council).cases}
    auditors = [scene.users[r].get_full_name() for r in (Role.AUDITOR, Role.QA_LEAD, Role.PRINCIPAL_SOCIAL_WORKER,
                                                          Role.SERVICE_MANAGER, Role.SENIOR_LEADER)]
    auditors += list(FORMER_AUDITORS)
    moderators = [scene.users[r].get_full_name() for r in (Role.PRINCIPAL_SOCIAL_WORKER, Role.QA_LEAD)]
    lenient = scene.lenient.get_full_name()
    # A child audited in the last year before the rounds would be left out of their samples (12 months'
    # exclusion): those rows are of children whose cases have since closed, with ids not in the extracts.
    recent = add_months(history_ends, -12)
    rows, used = [], set()
    per_month = min(MOST_A_MONTH, len(teams))
    for month in range(MONTHS, 0, -1):
        month_start = add_months(history_ends, -month)
        for n in range(per_month):
            team = teams[(month + n) % len(teams)]
            day = month_start + timedelta(days=rng.randrange(2, 28))
            case = rng.choice(cases_of[team.pk]) if day < recent and cases_of[team.pk] else None
            if case is None or (case.child_id, day) in used:
                child = _closed_child(rng, known | {c for c, _d in used})
                case_type = rng.choices(("cin", "cp", "cla"), weights=(5, 3, 2))[0]
                worker = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            else:
                child, case_type, worker = case.child_id, case.case_type, case.worker_name
            used.add((child, day))
            auditor = auditors[rng.randrange(len(auditors))]
            rows.append(_row(scene, rng, team, child, case_type, worker, day, auditor, auditor == lenient,
                             moderators, first_year=month > 12))
    return rows


def _closed_child(rng, taken):
    while True:
        child = str(rng.randrange(1_000_000, 9_999_999))
        if child not in taken:
            return child


def _row(scene, rng, team, child, case_type, worker, day, auditor, lenient, moderators, *, first_year):
    quality = scene.quality(team, day)
    sections = [draws.grade_value(rng, quality(theme)) for _h, theme in SECTIONS]
    deserved = draws.overall_value(rng, [theme for _h, theme in SECTIONS], quality)
    given = draws.auditor_value(rng, deserved, lenient)
    moderated = moderator = None
    if given == 1 or rng.random() < 0.25:
        moderator = next(m for m in rng.sample(moderators, len(moderators)) if m != auditor)
        moderated = _word(rng, draws.moderator_value(rng, deserved, given), first_year=False)
    family = draws.family_view(rng, quality(draws.PARENTS))
    reached = family.outcome == "reached"
    difference = {"yes": "Yes", "partly": "Partly", "no": "No", "dont_know": "Don't know"}.get(
        family.positive_difference, "")
    return [child, team.name, CASE_TYPE_WORDS[case_type], worker, day, auditor,
            *(_word(rng, v, first_year) for v in sections), _word(rng, given, first_year), moderated, moderator,
            "Yes" if reached else "No", difference if reached and family.consent else None,
            ("Y" if family.consent else "N") if reached else None,
            "Actions agreed with the team manager" if given <= 2 else None,
            "Chased twice" if rng.random() < 0.05 else None]


def _word(rng, value, first_year):
    if value == 2 and first_year and rng.random() < 0.4:
        return "Adequate"  # the old four-point scale's word, before the council moved to Ofsted's
    return rng.choice(GRADE_WORDS[value])


def workbook_bytes(rows, council):
    book = Workbook()
    sheet = book.active
    sheet.title = "Audits"
    sheet.append([f"{council.name} children's services: case audit tracker (QA team)"])
    sheet.append([])
    sheet.append(list(HEADINGS))
    for row in rows:
        sheet.append(row)
    for cell in sheet["E"][3:]:
        cell.number_format = "DD/MM/YYYY"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def import_demo_tracker(council, scene, uploads, history_ends):
    """Generate the tracker and import it as the QA lead would. Returns the TrackerImport (imported)."""
    qa = scene.users[Role.QA_LEAD]
    data = workbook_bytes(tracker_rows(scene, council, uploads, history_ends), council)
    tracker = importer.upload_tracker.step(actor=qa, council=council,
                                           uploaded=SimpleUploadedFile(FILE_NAME, data))
    _, rows = importer.read(tracker)
    versions = importer.versions_of(council)
    maps = importer.proposals(tracker, rows, versions)
    for target in tracker.mapping.values():  # the QA lead's choice for the old word, in every grade column
        if target == "overall_grade" or target.startswith("question:"):
            maps.setdefault(target, {})["adequate"] = "2"
    tracker = importer.save_mapping.step(
        actor=qa, tracker=tracker, expected_version=tracker.version, header_row=tracker.header_row,
        mapping=tracker.mapping, value_maps=maps, default_tool_version=tracker.default_tool_version)
    tracker = importer.run_import.step(actor=qa, tracker=tracker)
    if tracker.status != TrackerImport.Status.IMPORTED:
        problems = "; ".join(f"row {e.row} {e.column}: {e.problem}" for e in tracker.errors.all()[:5])
        raise ValueError(f"The demo tracker did not import: {problems}")
    # Imported when the council started using Triangulate, just before its first round.
    TrackerImport.objects.filter(pk=tracker.pk).update(uploaded_at=at(history_ends + timedelta(days=2)))
    AuditRound.objects.filter(tracker_import=tracker).update(
        created_at=at(history_ends + timedelta(days=2), 30), closed_at=at(history_ends + timedelta(days=2), 31))
    return tracker

