"""The board paper (design §4.6), in the shape of Herefordshire's improvement-board update (seed 001): feedback and
progress to date, then per priority of the live council plan its progress, whether the sources agree, the sources
side by side, QPAG's paragraph, evidence of impact and what's next; the council's top 10; and the next steps (the
open actions due next). One list of blocks (reports/docx's) serves the Word file and the PDF alike.

The copy for a wide audience (elected members; design §7) is the same paper with every figure under disclosure
control and without words that could describe a child's case or name a member of staff: no finding texts, quotes or
action owners, and, in place of QPAG's saved paragraph (written for the group, and free to quote a small number), the
summary drawn from the controlled figures. It is the same whoever asks for it, so a QA lead can check the members'
copy before it goes out."""

from django.conf import settings
from django.utils import timezone

from triangulate.core import disclosure
from triangulate.core.formatting import counted, date_uk
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


def title_of(council, today, wide=False):
    title = f"{council.name} children's services: improvement board update, {date_uk(today)}"
    return title + " (for a wide audience)" if wide else title


def wide_note():
    threshold = settings.TRIANGULATE.get("SUPPRESSION_THRESHOLD", disclosure.THRESHOLD)
    return (f"This copy is for a wide audience. Counts from 1 to {threshold - 1} are shown as "
            f"{disclosure.fewer_than(threshold)}, and a figure from which one could be worked out (a percentage, a "
            "rate or its complement) is not shown. It carries no finding texts, quotes or names.")


def blocks_for(council, user, today=None, wide=False):
    """The paper's blocks, as `user` may read the evidence (a figure they may not see is not in their paper);
    `wide`: the copy for a wide audience (see above)."""
    today = today or timezone.localdate()
    start, end = default_period(today)
    plan = live_council_plan(council)
    priorities = list(Priority.objects.filter(plan=plan).prefetch_related("themes", "teams").order_by("number")) \
        if plan else []
    out = [docx.Para(wide_note())] if wide else []
    out.append(docx.Heading(1, "Feedback and progress to date"))
    if plan is None:
        out.append(docx.Para("There is no live council improvement plan yet: its priorities head this paper once "
                             "it is live."))
    else:
        out.append(docx.Para(f"{plan.title}: the evidence from performance data, case file audits, practice weeks "
                             f"and days, and families' feedback for each of its {len(priorities)} priorities, from "
                             f"{date_uk(start)} to {date_uk(end)}."))
    with shared_work():  # the council-wide priorities read one cohort of audits
        for priority in priorities:
            out += _priority_blocks(priority, council, user, start, end, wide)
    out += top_ten_blocks(council)
    out += _next_steps(user, today, wide)
    return out


def _priority_blocks(priority, council, user, start, end, wide=False):
    pack = build_pack("priority", priority, user, council, start, end, wide=wide)
    update = priority.updates.order_by("-on", "-pk").first()
    progress = priority.get_progress_display() + (f" (updated {date_uk(update.on)})" if update else
                                                  " (no progress recorded yet)")
    out = [docx.Heading(2, f"{priority.number}. {priority.title}"),
           docx.Para(f"Progress: {progress}. Owner: {priority.owner.get_full_name() or priority.owner.username}."
                     + (f" Target: {priority.target}." if priority.target else "")),
           *sources_blocks(pack)]
    if wide:
        out.append(docx.Para(f"Summary from the evidence: {pack.draft}"))
    else:
        out.append(docx.Para(f"QPAG's view: {pack.note.text}" if pack.note else
                             f"Draft from the evidence: {pack.draft}"))
    if priority.evidence_of_impact:
        out.append(docx.Para(f"Evidence of impact: {priority.evidence_of_impact}"))
    if priority.whats_next:
        out.append(docx.Para(f"What's next: {priority.whats_next}"))
    return out


def sources_blocks(pack):
    """Whether the sources agree, then each source's verdict and the figures it rests on: a pack in two blocks."""
    return [docx.Para(" ".join((pack.agreement.headline, *pack.agreement.sentences))),
            docx.Table(["Source", "What it says", "On what evidence"],
                       [[b.title, VERDICT_WORDS[b.verdict], b.basis or b.note] for b in pack.sources])]


def top_ten_blocks(council):
    out = []
    for kind, label in TopTen.Kind.choices:
        saved = latest_top_ten(council, kind)
        if saved is None:
            continue
        out += [docx.Heading(1, f"Top 10 {label.lower()}"),
                docx.Bullets([f"{item.title} ({item.theme})" for item in saved.items.select_related("theme")])]
    return out


def _next_steps(user, today, wide=False):
    open_ = actions_visible_to(user).filter(status__in=Action.OPEN_STATUSES)
    due = list(open_.order_by("due_date", "pk")[:NEXT_STEPS])
    out = [docx.Heading(1, "Next steps")]
    if not due:
        return out + [docx.Para("No open actions.")]
    lead = "The open action due next." if len(due) == 1 else f"The {len(due)} open actions due next."
    status = [("Overdue" if a.is_overdue(today) else a.get_status_display()) for a in due]
    if wide:
        # an action's title says what the council will do; its owner is a member of staff, not named here
        overdue = open_.filter(due_date__lt=today).count()
        return out + [docx.Para(f"{lead} {counted(open_.count(), 'action')} open in all, {overdue} overdue."),
                      docx.Table(["Action", "Due", "Status"],
                                 [[a.title, date_uk(a.due_date), s] for a, s in zip(due, status)])]
    rows = [[a.title, a.owner.get_full_name() or a.owner.username, date_uk(a.due_date), s]
            for a, s in zip(due, status)]
    return out + [docx.Para(lead), docx.Table(["Action", "Owner", "Due", "Status"], rows)]


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
