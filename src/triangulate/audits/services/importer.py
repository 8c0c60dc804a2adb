"""The historic tracker import (design §7, decision 17): upload, map, run all or nothing, or discard.

Everything runs in the request, within the caps of tracker_reading. A run that finds any problem writes only
the tracker's errors (status `failed`); one that finds none writes an `imported`, closed AuditRound holding a
submitted (or moderated) CaseAudit per row, with its answers, family feedback, revision 1 and moderation.
"""

from collections import Counter
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from triangulate.core import audit as trail
from triangulate.core.authority import service
from triangulate.core.concurrency import claim, lock
from triangulate.datasets.teams.selectors import TeamNames

from ..models import (
    Answer,
    AuditRevision,
    AuditRound,
    CaseAudit,
    FamilyFeedback,
    Moderation,
    ToolVersion,
    TrackerError,
    TrackerImport,
)
from ..rules import Perm
from ..verbs import Verb
from . import tracker_mapping as tm
from . import tracker_reading as reading
from .tracker_rows import check_rows, shown

OPEN = (TrackerImport.Status.MAPPING, TrackerImport.Status.FAILED)


def versions_of(council):
    return list(ToolVersion.objects.filter(tool__council=council).select_related("tool", "grade_scale")
                .prefetch_related("sections__questions__theme", "grade_scale__grades").order_by("tool__name", "number"))


def read(tracker):
    """(sheet, rows) of the tracker's stored file; a ValidationError saying why when it cannot be read."""
    try:
        return reading.read_rows(reading.tracker_path(tracker), tracker.original_name, tracker.sheet)
    except reading.UnreadableTracker as exc:
        raise ValidationError(str(exc)) from exc


def headings_of(rows, header_row):
    row = rows[header_row - 1] if 0 < header_row <= len(rows) else []
    return [shown(value) for value in row]


def question_targets(versions):
    """({grade question targets}, {yes/no question targets}) across the council's tool versions."""
    grade, yes_no = set(), set()
    for version in versions:
        for section in version.sections.all():
            for question in section.questions.all():
                if question.answer_type == "grade":
                    grade.add(tm.QUESTION + question.key)
                elif question.answer_type == "yes_no":
                    yes_no.add(tm.QUESTION + question.key)
    return grade, yes_no


def coded(target, grade_questions, yes_no_questions):
    return (target in (tm.TEAM, tm.TOOL) or target in tm.CODES or target in grade_questions
            or target in yes_no_questions or tm.is_grade_target(target))


def distinct_values(tracker, rows, versions):
    """{target: Counter(cell text -> count)} for each coded target mapped, with the first spelling seen."""
    grade_questions, yes_no_questions = question_targets(versions)
    found, spellings = {}, {}
    for column, target in tracker.mapping.items():
        if not target or not coded(target, grade_questions, yes_no_questions):
            continue
        counts = found.setdefault(target, Counter())
        for cells in rows[tracker.header_row:]:
            value = cells[int(column)] if int(column) < len(cells) else None
            text = tm.cell_text(value)
            if text:
                counts[text] += 1
                spellings.setdefault(text, shown(value))
    return found, spellings


def proposals(tracker, rows, versions):
    """{target: {cell text: code}}: the proposed code for every value that has one, keeping the choices
    already made."""
    grade_questions, yes_no_questions = question_targets(versions)
    grades = list(default_version(tracker, versions).grade_scale.grades.all()) if versions else []
    tools = [(v.pk, (v.tool.name, v.tool.key, f"{v.tool.name} v{v.number}")) for v in versions
             if v.status == ToolVersion.Status.LIVE] + [(v.pk, (f"{v.tool.name} v{v.number}",)) for v in versions
                                                        if v.status != ToolVersion.Status.LIVE]
    names = TeamNames(tracker.council)
    teams = lambda text: names.resolve(text).team  # noqa: E731
    found, _ = distinct_values(tracker, rows, versions)
    maps = {}
    for target, counts in found.items():
        kept = tracker.value_maps.get(target, {})
        maps[target] = {}
        for text in counts:
            code = kept.get(text)
            if code is None:
                code = tm.propose_code(target, text, grades=grades, grade_questions=grade_questions,
                                       yes_no_questions=yes_no_questions, tools=tools, teams=teams)
            if code is not None:
                maps[target][text] = code
    return maps


def default_version(tracker, versions):
    by_pk = {v.pk: v for v in versions}
    if tracker.default_tool_version_id in by_pk:
        return by_pk[tracker.default_tool_version_id]
    live = [v for v in versions if v.status == ToolVersion.Status.LIVE]
    full = [v for v in live if v.tool.key == "full_case_audit"]
    return (full or live or versions or [None])[0]


@service(Perm.IMPORT_TRACKER)
def upload_tracker(*, actor, council, uploaded):
    """Keep the uploaded file, find its heading row and propose a mapping. Refuses a file it cannot read."""
    name = Path(uploaded.name or "tracker").name[:255]
    if Path(name).suffix.lower() not in reading.SUFFIXES:
        raise ValidationError({"file": "The file must be an Excel workbook (.xlsx) or a CSV file (.csv)"})
    if uploaded.size > reading.MAX_BYTES:
        raise ValidationError({"file": "The file must be smaller than 10 MB"})
    tracker = TrackerImport.objects.create(council=council, original_name=name, uploaded_by=actor)
    path = reading.store_file(tracker, uploaded)
    try:
        sheet, rows = reading.read_rows(path, name)
    except reading.UnreadableTracker as exc:
        path.unlink(missing_ok=True)
        raise ValidationError({"file": str(exc)}) from exc
    versions = versions_of(council)
    tracker.sheet, tracker.header_row = sheet, reading.heading_row(rows)
    set_headings(tracker, rows, versions)
    tracker.save()
    trail.record(actor, Verb.TRACKER_UPLOADED, tracker, rows=tracker.rows, columns=len(tracker.headings))
    return tracker


def set_headings(tracker, rows, versions):
    tracker.headings = headings_of(rows, tracker.header_row)
    tracker.mapping = tm.guess_mapping(tracker.headings, tm.candidates(versions))
    default = default_version(tracker, versions)
    tracker.default_tool_version = default
    tracker.rows = sum(1 for cells in rows[tracker.header_row:] if any(tm.cell_text(v) for v in cells))
    tracker.value_maps = {}
    tracker.value_maps = proposals(tracker, rows, versions)


@service(Perm.IMPORT_TRACKER)
def save_mapping(*, actor, tracker, expected_version, header_row, mapping, value_maps, default_tool_version):
    """Store the QA lead's mapping. A new heading row reads the headings again and proposes a fresh mapping."""
    lock(tracker)
    if tracker.status not in OPEN:
        raise ValidationError("This tracker has been imported or discarded; its mapping can no longer change")
    claim(tracker, expected_version)
    _, rows = read(tracker)
    versions = versions_of(tracker.council)
    tracker.default_tool_version = default_tool_version
    if header_row != tracker.header_row:
        if not 1 <= header_row <= min(len(rows), reading.HEADING_SEARCH_ROWS):
            raise ValidationError({"header_row": f"Expected a row from 1 to {min(len(rows), 10)}"})
        tracker.header_row = header_row
        set_headings(tracker, rows, versions)
    else:
        chosen = [t for t in mapping.values() if t]
        twice = sorted({t for t in chosen if chosen.count(t) > 1})
        if twice:
            raise ValidationError(f"Each target can be chosen for one column only: {', '.join(twice)}")
        tracker.mapping = {column: target for column, target in mapping.items() if target}
        tracker.value_maps = {target: {**tracker.value_maps.get(target, {}), **codes}
                              for target, codes in value_maps.items()}
        tracker.value_maps = proposals(tracker, rows, versions)
    tracker.save()
    trail.record(actor, Verb.TRACKER_MAPPED, tracker, header_row=tracker.header_row,
                 targets=sorted(tracker.mapping.values()))
    return tracker


def missing_targets(tracker):
    return [tm.FIXED_TARGETS[t] for t in tm.REQUIRED if t not in tracker.mapping.values()]


@service(Perm.IMPORT_TRACKER)
def run_import(*, actor, tracker):
    """All or nothing: a failed run keeps only its errors (up to 500); a good one writes every audit."""
    lock(tracker)
    if tracker.status not in OPEN:
        raise ValidationError("This tracker has already been imported or discarded")
    missing = missing_targets(tracker)
    if missing:
        raise ValidationError(f"Choose the column for: {', '.join(missing)}")
    _, rows = read(tracker)
    versions = versions_of(tracker.council)
    plans, errors = check_rows(tracker, rows, tracker.headings, versions)
    tracker.errors.all().delete()
    if not plans and not errors:
        raise ValidationError("The tracker has no rows under its heading row")
    if errors:
        TrackerError.objects.bulk_create(TrackerError(tracker_import=tracker, row=e.row, column=e.column[:255],
                                                      value=e.value[:100], problem=e.problem) for e in errors)
        tracker.status = TrackerImport.Status.FAILED
        tracker.save(update_fields=["status"])
        trail.record(actor, Verb.TRACKER_FAILED, tracker, errors=len(errors))
        return tracker
    round_ = write(actor, tracker, plans)
    tracker.status = TrackerImport.Status.IMPORTED
    tracker.save(update_fields=["status"])
    trail.record(actor, Verb.TRACKER_IMPORTED, tracker, round=round_.pk, audits=len(plans))
    transaction.on_commit(lambda: reading.remove_file(tracker))
    return tracker


def write(actor, tracker, plans):
    now = timezone.now()
    round_ = AuditRound.objects.create(
        council=tracker.council, name=f"Imported from {tracker.original_name}"[:120], kind=AuditRound.Kind.IMPORTED,
        tool_version=tracker.default_tool_version, audits_due=max(p.completed_on for p in plans),
        status=AuditRound.Status.CLOSED, closed_at=now, closed_by=actor, created_by=actor, tracker_import=tracker)
    audits = CaseAudit.objects.bulk_create(CaseAudit(
        round=round_, tool_version=p.version, child_id=p.child_id, team_id=p.team_id,
        state=CaseAudit.State.MODERATED if p.moderated else CaseAudit.State.SUBMITTED, submitted_at=now,
        completed_on=p.completed_on, overall_grade=p.moderated or p.overall, source=CaseAudit.Source.IMPORTED,
        import_row=p.row, **p.fields) for p in plans)
    Answer.objects.bulk_create(Answer(audit=audit, question=question, **values)
                               for audit, p in zip(audits, plans, strict=True) for question, values in p.answers.items())
    FamilyFeedback.objects.bulk_create(FamilyFeedback(audit=audit, **p.family)
                                       for audit, p in zip(audits, plans, strict=True) if p.family)
    AuditRevision.objects.bulk_create(AuditRevision(audit=audit, number=1, kind=AuditRevision.Kind.IMPORTED,
                                                    made_by=actor, snapshot=snapshot(p))
                                      for audit, p in zip(audits, plans, strict=True))
    Moderation.objects.bulk_create(Moderation(
        audit=audit, reason=Moderation.Reason.IMPORTED, u=0, selected_by=actor, moderator=p.moderator,
        status=Moderation.Status.AGREED if p.moderated == p.overall else Moderation.Status.REGRADED,
        auditor_grade=p.overall, moderator_grade=p.moderated, completed_at=now,
        reason_text="" if p.moderated == p.overall else "Re-graded in the tracker")
        for audit, p in zip(audits, plans, strict=True) if p.moderated)
    trail.record_each(actor, Verb.AUDIT_IMPORTED, ((audit, {"round": round_.pk, "row": audit.import_row,
                                                            "grade": audit.overall_grade.value}) for audit in audits))
    return round_


def snapshot(plan):
    answers = {}
    for question, values in plan.answers.items():
        value = values.get("grade") or next(iter(values.values()))
        answers[question.key] = value.value if hasattr(value, "value") else str(value)
    return {"answers": answers, "overall_grade": plan.overall.value,
            "moderated_grade": plan.moderated.value if plan.moderated else None, "family": plan.family,
            "source": "imported"}


@service(Perm.IMPORT_TRACKER)
def discard_tracker(*, actor, tracker):
    lock(tracker)
    if tracker.status not in OPEN:
        raise ValidationError("Only a tracker that has not been imported can be discarded")
    tracker.status = TrackerImport.Status.DISCARDED
    tracker.save(update_fields=["status"])
    trail.record(actor, Verb.TRACKER_DISCARDED, tracker)
    transaction.on_commit(lambda: reading.remove_file(tracker))
    return tracker
