"""The board paper (design §4.6), in the shape of Herefordshire's improvement-board update (seed 001): feedback and
progress to date, then per priority of the live council plan its progress, whether the sources agree, the sources
side by side, QPAG's paragraph, evidence of impact and what's next; the council's top 10; and the next steps (the
open actions due next). One list of blocks (reports/docx's) serves the Word file and the PDF alike."""

from django.utils import timezone

from triangulate.core.formatting import date_uk
from triangulate.reports import docx

from .evidence.registry import shared_work
from .evidence_pack import build_pack, default_period
from .models import Action, ImprovementPlan, Priority, TopTen
from .selectors import actions_visible_to
from .top_ten import latest_top_ten

VERDICT_WORDS = {"positive": "Positive", "mixed": "Mixed", "negative": "Negative", "none": "No evidence"}
NEXT_STEPS = 10


def live_council_plan(council):
    return (ImprovementPlan.objects.filter(council=council, level=ImprovementPlan.Level.COUNCIL,
                                           status=ImprovementPlan.Status.LIVE).order_by("-starts_on", "-pk").first())


def title_of(council, today):
    return f"{council.name} children's services: improvement board update, {date_uk(today)}"


def blocks_for(council, user, today=None):
    """The paper's blocks, as `user` may read the evidence (a figure they may not see is not in their paper)."""
    today = today or timezone.localdate()
    start, end = default_period(today)
    plan = live_council_plan(council)
    priorities = list(Priority.objects.filter(plan=plan).prefetch_related("themes", "teams").order_by("number")) \
        if plan else []
    out = [docx.Heading(1, "Feedback and progress to date")]
    if plan is None:
        out.append(docx.Para("There is no live council improvement plan yet: its priorities head this paper once "
                             "it is live."))
    else:
        out.append(docx.Para(f"{plan.title}: the evidence from performance data, case file audits, practice weeks "
                             f"and days, and families' feedback for each of its {len(priorities)} priorities, from "
                             f"{date_uk(start)} to {date_uk(end)}."))
    with shared_work():  # the council-wide priorities read one cohort of audits
        for priority in priorities:
            out += _priority_blocks(priority, council, user, start, end)
    out += _top_ten_blocks(council)
    out += _next_steps(user, today)
    return out


def _priority_blocks(priority, council, user, start, end):
    pack = build_pack("priority", priority, user, council, start, end)
    update = priority.updates.order_by("-on", "-pk").first()
    progress = priority.get_progress_display() + (f" (updated {date_uk(update.on)})" if update else
                                                  " (no progress recorded yet)")
    out = [docx.Heading(2, f"{priority.number}. {priority.title}"),
           docx.Para(f"Progress: {progress}. Owner: {priority.owner.get_full_name() or priority.owner.username}."
                     + (f" Target: {priority.target}." if priority.target else "")),
           docx.Para(" ".join((pack.agreement.headline, *pack.agreement.sentences))),
           docx.Table(["Source", "What it says", "On what evidence"],
                      [[b.title, VERDICT_WORDS[b.verdict], b.basis or b.note] for b in pack.sources])]
    out.append(docx.Para(f"QPAG's view: {pack.note.text}" if pack.note else f"Draft from the evidence: {pack.draft}"))
    if priority.evidence_of_impact:
        out.append(docx.Para(f"Evidence of impact: {priority.evidence_of_impact}"))
    if priority.whats_next:
        out.append(docx.Para(f"What's next: {priority.whats_next}"))
    return out


def _top_ten_blocks(council):
    out = []
    for kind, label in TopTen.Kind.choices:
        saved = latest_top_ten(council, kind)
        if saved is None:
            continue
        out += [docx.Heading(1, f"Top 10 {label.lower()}"),
                docx.Bullets([f"{item.title} ({item.theme})" for item in saved.items.select_related("theme")])]
    return out


def _next_steps(user, today):
    due = (actions_visible_to(user).filter(status__in=Action.OPEN_STATUSES)
           .order_by("due_date", "pk")[:NEXT_STEPS])
    out = [docx.Heading(1, "Next steps")]
    if not due:
        return out + [docx.Para("No open actions.")]
    rows = [[a.title, a.owner.get_full_name() or a.owner.username, date_uk(a.due_date),
             "Overdue" if a.is_overdue(today) else a.get_status_display()] for a in due]
    lead = "The open action due next." if len(rows) == 1 else f"The {len(rows)} open actions due next."
    return out + [docx.Para(lead),
                  docx.Table(["Action", "Owner", "Due", "Status"], rows)]


def as_html_blocks(blocks):
    """The same blocks for the print template (Jinja tests no types): dicts with a `kind`."""
    out = []
    for block in blocks:
        if isinstance(block, docx.Heading):
            out.append({"kind": "heading", "level": block.level + 1, "text": block.text})
        elif isinstance(block, docx.Bullets):
            out.append({"kind": "bullets", "entries": block.items})
        elif isinstance(block, docx.Table):
            out.append({"kind": "table", "headers": block.headers, "rows": block.rows})
        else:
            out.append({"kind": "para", "text": block.text})
    return out
