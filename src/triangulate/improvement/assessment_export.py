"""The annual self-evaluation as a Word file and a PDF (design §3.2), in seed 002's shape: the introduction and
context (the summary); the live council plan's priorities with the progress key, evidence of impact and what's next
(when there is a live council plan); then per domain the grade (beside last year's), what we know, how we know and
what we are doing; and the external view when one is recorded. Both files are made from the same blocks
(reports/docx's Heading, Para, Bullets and Table), so the PDF reads as the Word file does."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from triangulate.core.formatting import date_uk
from triangulate.reports import docx, pdf

from .assessment import year_label
from .assessment_rows import domain_rows, has_external_view, live_council_plan, overall
from .models import SelfAssessment
from .models.priorities import Progress

WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_CACHE = ("cache", "reports")
NOT_WRITTEN = "Not written yet."


def _text(value):
    return value.strip() if value and value.strip() else NOT_WRITTEN


def paragraphs(value):
    """A text as paragraphs (blank lines apart), or "Not written yet."."""
    parts = [p.strip() for p in _text(value).split("\n\n") if p.strip()]
    return [docx.Para(p) for p in parts]


def grade_line(grade):
    if grade is None:
        return "Not judged"
    return f"{grade.label} (Ofsted: {grade.get_ofsted_display()})"


def status_line(assessment):
    if assessment.status == SelfAssessment.Status.PUBLISHED:
        return f"Published {date_uk(timezone.localtime(assessment.published_at).date())}."
    return "Draft: not published. Only the council's managers and leads read a draft."


def _priorities(assessment):
    plan = live_council_plan(assessment)
    if plan is None:
        return []
    priorities = plan.priorities.order_by("number")
    blocks = [docx.Heading(1, "Our priorities"),
              docx.Para(f"The priorities of {plan.title}, with their progress at {date_uk(timezone.localdate())}."),
              docx.Para("Progress key: " + "; ".join(label for _value, label in Progress.choices) + ".")]
    if not priorities:
        return blocks + [docx.Para("The plan has no priorities yet.")]
    rows = [[f"{p.number}. {p.title}", p.get_progress_display(), p.evidence_of_impact or "None recorded yet",
             p.whats_next or "None recorded yet"] for p in priorities]
    return blocks + [docx.Table(["Priority", "Progress", "Evidence of impact", "What's next"], rows)]


def _domain(row, assessment):
    judgement = row.judgement
    blocks = [docx.Heading(2, f"{judgement.number}. {judgement.title}"),
              docx.Para(f"Our grade: {grade_line(judgement.grade)}.")]
    if row.change is not None:
        last = grade_line(row.last_grade) if row.last else "not a domain last year"
        blocks.append(docx.Para(f"Last year: {last}. Change: {row.change.text}."))
    for heading, field in (("What we know", "what_we_know"), ("How we know", "how_we_know"),
                           ("What we are doing", "what_we_are_doing")):
        blocks += [docx.Heading(3, heading), *paragraphs(getattr(judgement, field))]
    priorities = list(judgement.priorities.all())
    if priorities:
        blocks += [docx.Para("Priorities this draws on:"), docx.Bullets([f"{p.number}. {p.title}" for p in priorities])]
    return blocks


def _external(assessment, rows):
    if not has_external_view(assessment):
        return []
    who = assessment.reviewer_name + (f", {assessment.reviewer_organisation}" if assessment.reviewer_organisation
                                      else "")
    when = f" on {date_uk(assessment.reviewed_on)}" if assessment.reviewed_on else ""
    blocks = [docx.Heading(1, "The external view"), docx.Para(f"Reviewed by {who}{when}.")]
    sentence = overall(rows)
    if sentence:
        blocks.append(docx.Para(sentence + "."))
    table = []
    for row in rows:
        j = row.judgement
        agreement = row.agreement.text + (f"; {row.agreement.ofsted_text}" if row.agreement.ofsted_text else "")
        table.append([f"{j.number}. {j.title}", grade_line(j.grade), grade_line(j.external_grade), agreement,
                      j.external_comment or ""])
    return blocks + [docx.Table(["Domain", "Our grade", "External grade", "Agreement", "Reviewer's comment"], table)]


def blocks(assessment):
    """The self-evaluation's blocks, in order (the title is the document's own)."""
    rows = domain_rows(assessment)
    period = f"{date_uk(assessment.period_start)} to {date_uk(assessment.period_end)}"
    out = [docx.Para(f"{assessment.council.name}: self-evaluation of children's social care for "
                     f"{year_label(assessment.year)} ({period}), on {assessment.scale.name.lower()}. "
                     f"{status_line(assessment)}"),
           docx.Heading(1, "Introduction and context"), *paragraphs(assessment.summary)]
    out += _priorities(assessment)
    out.append(docx.Heading(1, "Our judgements"))
    for row in rows:
        out += _domain(row, assessment)
    return out + _external(assessment, rows)


def word(assessment):
    """The .docx file's bytes."""
    return docx.document(assessment.title, blocks(assessment))


def pdf_file(assessment):
    """The PDF's bytes (cached by content, as the practice report's)."""
    html = render_to_string("improvement/assessment/print.html", {
        "title": assessment.title, "blocks": blocks(assessment), "printed_on": date_uk(timezone.localdate())})
    return pdf.cached_html_to_pdf(html, pdf.PRINT_CSS, title=assessment.title,
                                  folder=settings.DATA_DIR.joinpath(*PDF_CACHE))


def download_name(assessment, extension):
    return f"self-assessment-{assessment.year}-{(assessment.year + 1) % 100:02d}.{extension}"
