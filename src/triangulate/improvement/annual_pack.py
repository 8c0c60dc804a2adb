"""The annual-conversation pack for Ofsted (design §4.6): what the council says of itself and what it rests on, in
one file for the inspector's annual engagement meeting. The latest published self-assessment's domains, each with
its grade (and the external reviewer's), what we know, and the evidence pack on the domain's themes over the last
12 months; then the live council plan's priorities with their dated progress history; then the council's top 10.

Only what the council has published goes in: a draft self-assessment stays out (the pack says so). The evidence is
drawn as its reader may see it, as every pack is. One list of reports/docx blocks makes the Word file and the PDF."""

from django.utils import timezone

from triangulate.core.formatting import date_uk
from triangulate.reports import docx

from .assessment import latest_published
from .assessment_export import grade_line, paragraphs
from .assessment_rows import domain_rows
from .board_paper import live_council_plan, sources_blocks, top_ten_blocks
from .evidence.registry import shared_work
from .evidence_pack import build_pack, default_period
from .models import Priority


def title_of(council, today):
    return f"{council.name} children's services: the annual conversation with Ofsted, {date_uk(today)}"


def _paras(heading, text):
    """A domain's section as the self-assessment's own export writes it (one wording for an empty one)."""
    return [docx.Heading(3, heading), *paragraphs(text)]


def _domain_blocks(row, council, user, start, end):
    judgement = row.judgement
    out = [docx.Heading(2, f"{judgement.number}. {judgement.title}"),
           docx.Para(f"Our grade: {grade_line(judgement.grade)}."
                     + (f" External reviewer's grade: {grade_line(judgement.external_grade)}."
                        if judgement.external_grade else ""))]
    out += _paras("What we know", judgement.what_we_know)
    out += _paras("How we know", judgement.how_we_know)
    out += _paras("What we are doing", judgement.what_we_are_doing)
    out.append(docx.Heading(3, "The evidence"))
    themes = [t.name for t in judgement.themes.all()]
    if not themes:
        return out + [docx.Para("This domain names no practice themes, so there is no evidence pack for it.")]
    pack = build_pack("domain", judgement, user, council, start, end)
    out.append(docx.Para(f"On {', '.join(themes)}, from {date_uk(start)} to {date_uk(end)}."))
    return out + sources_blocks(pack)


def _assessment_blocks(council, user, start, end):
    assessment = latest_published(council)
    out = [docx.Heading(1, "Our self-assessment")]
    if assessment is None:
        return out + [docx.Para("The council has not published a self-assessment yet; a draft is not shared.")]
    published = date_uk(timezone.localtime(assessment.published_at).date()) if assessment.published_at else ""
    out.append(docx.Para(f"{assessment.title}, published {published}, on {assessment.scale.name.lower()}."
                         + (f" Reviewed by {assessment.reviewer_name}"
                            + (f", {assessment.reviewer_organisation}" if assessment.reviewer_organisation else "")
                            + "." if assessment.reviewer_name else "")))
    with shared_work():  # the domains' packs read one cohort of audits
        for row in domain_rows(assessment):
            out += _domain_blocks(row, council, user, start, end)
    return out


def _priority_blocks(priority):
    owner = priority.owner.get_full_name() or priority.owner.username
    out = [docx.Heading(2, f"{priority.number}. {priority.title}"),
           docx.Para(f"Progress: {priority.get_progress_display()}. Owner: {owner}."
                     + (f" Target: {priority.target}." if priority.target else ""))]
    updates = list(priority.updates.order_by("on", "pk"))  # oldest first: the history reads as it happened
    if not updates:
        return out + [docx.Para("No progress recorded yet.")]
    return out + [docx.Table(["Date", "Progress", "Evidence of impact", "What's next"],
                             [[date_uk(u.on), u.get_progress_display(), u.evidence_of_impact or "",
                               u.whats_next or ""] for u in updates])]


def _plan_blocks(council):
    plan = live_council_plan(council)
    out = [docx.Heading(1, "Our priorities and their progress")]
    if plan is None:
        return out + [docx.Para("There is no live council improvement plan.")]
    priorities = (Priority.objects.filter(plan=plan).select_related("owner").prefetch_related("updates")
                  .order_by("number"))
    out.append(docx.Para(f"{plan.title}: each priority's progress as it was recorded, oldest first."))
    for priority in priorities:
        out += _priority_blocks(priority)
    return out


def blocks_for(council, user, today=None):
    today = today or timezone.localdate()
    start, end = default_period(today)
    out = [docx.Para(f"What {council.name} says of its children's social care, and the evidence it rests on: "
                     f"performance data, case file audits, practice weeks and days, and families' feedback, "
                     f"from {date_uk(start)} to {date_uk(end)}.")]
    return out + _assessment_blocks(council, user, start, end) + _plan_blocks(council) + top_ten_blocks(council)
