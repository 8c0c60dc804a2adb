"""The health check's plan as Word and PDF (design §5.4): seed 003's three columns, "You said…", "We will…" and
"We expect you…", one row a plan row.

- "You said" names the row's theme, then what staff said.
- "We will" lists the row's actions (its finding's, design §5.4), each with its owner, due date and status
  ("Overdue" for an open action past its date, as the board paper says it), so the paper shows progress as well
  as promises.
- The heading names the council and the check's year, and says whether the plan is published: a closed check's
  plan is the health leads' draft (views.health.check_for lets only them read it).

One `PlanDocument` feeds both files: `blocks` for reports/docx and the print template workforce/health/plan_print.html
for reports/pdf. Nothing here is child-level (the plan is council-wide), so no access log is written."""

from dataclasses import dataclass

from django.utils import timezone

from triangulate.core.formatting import date_uk
from triangulate.reports import docx

from .models import HealthCheck, HealthTheme
from .services.health_plan import plan_rows

COLUMNS = ["You said…", "We will…", "We expect you…"]


@dataclass(frozen=True)
class PlanRow:
    theme: str
    you_said: str
    we_will: list  # one line an action
    we_expect_you: str


@dataclass(frozen=True)
class PlanDocument:
    title: str
    intro: list  # paragraphs
    rows: list

    def blocks(self):
        """reports/docx blocks: the intro, then the three columns as one table (a cell's lines as line breaks)."""
        out = [docx.Para(text) for text in self.intro]
        if not self.rows:
            return out + [docx.Para("The plan has no rows yet.")]
        return out + [docx.Table(COLUMNS, [[f"{r.theme}\n{r.you_said}", "\n".join(r.we_will) or "Nothing yet",
                                            r.we_expect_you] for r in self.rows])]


def owner_name(user):
    return user.get_full_name() or user.get_username()


def action_line(action, today):
    status = "Overdue" if action.is_overdue(today) else action.get_status_display()
    return f"{action.title} ({owner_name(action.owner)}, by {date_uk(action.due_date)}: {status})"


def document_for(check, today=None):
    today = today or timezone.localdate()
    council = check.council.name
    title = f"{council}: social work health check {check.year}: you said, we will, we expect you"
    if check.status == HealthCheck.Status.PUBLISHED:
        state = f"Published with the results on {date_uk(timezone.localdate(check.published_at))}." \
            if check.published_at else "Published with the results."
    else:
        state = "Not published: a draft for the health check's leads, published with the results."
    intro = [f"{check.title}. What staff told us, what we will do about it, and what we ask of staff in return. "
             "Each \"we will\" is an action on the improvement plan, shown with its owner, due date and status on "
             f"{date_uk(today)}.", state]
    rows = [PlanRow(theme=HealthTheme(item.theme).label, you_said=item.you_said,
                    we_will=[action_line(a, today) for a in actions], we_expect_you=item.we_expect_you)
            for item, actions in plan_rows(check)]
    return PlanDocument(title=title, intro=intro, rows=rows)
