"""`audits`: audit grades by month × team (and the whole council) × theme, as the audit report shows them
(audits/views/reports.py `build_report`): the cohort is `report_records.cohort` (narrowed to the audits completed
in the month), its figures `figures.compute` over `report_records.load`, and what may be shown of them
`presenters.present` with the reader's disclosure control. Rows:

- figure R4, one per grade (the share of graded audits at that grade; theme empty);
- figure R5, good or better (theme empty);
- figure R10, one per theme: the share of graded answers on the theme that were good or better.

A share is a whole percentage as the report writes it; one that cannot be computed is null with the report's
reason ("no audits", "no answers"), never 0."""

from collections import defaultdict
from datetime import date

from triangulate.audits.presenters import Audience
from triangulate.audits.presenters import present as present_report
from triangulate.audits.services import figures, report_records
from triangulate.core.formatting import month_uk
from triangulate.kpis.periods import month_end
from triangulate.people.models import Team

from . import Table

COLUMNS = ["month", "month_start", "month_end", "area", "team", "figure", "measure", "theme", "value", "numerator",
           "denominator", "suppressed", "null_reason"]
NAMES = {"R4": "Graded {label}", "R5": "Good or better", "R10": "Answers good or better"}


def months_completed():
    """The first day of each month in which an audit was completed, oldest first."""
    days = report_records.cohort().filter(completed_on__isnull=False).values_list("completed_on", flat=True)
    return sorted({date(d.year, d.month, 1) for d in days})


def build(filters, reader):
    """One load of a month's audits, then the council's figures and each team's from its share of the same records
    (an AuditRecord names its team): what `report_records.load` of each team's own queryset would give, for one
    query set a month instead of one a team and month (bench/estate_bench.py, the demo's two years: 6 to 8 s, now 1.5 s)."""
    table = Table(COLUMNS)
    audience = Audience(controlled=reader.publication, may_read_words=False, per_auditor=False,
                        threshold=reader.threshold)
    teams = [t for t in Team.objects.order_by("name") if reader.may_see_team(t.name) and filters.team_wanted(t.name)]
    for start in months_completed():
        if filters.period == "year" or not filters.month_wanted(start):
            continue
        end = month_end(start)
        records = report_records.load(
            report_records.cohort().filter(completed_on__gte=start, completed_on__lte=end), reader.issuer)
        by_team = defaultdict(list)
        for record in records:
            by_team[record.team].append(record)
        wanted = [(None, records)] if filters.team_wanted(None) else []
        # a team with no audit completed that month has no row (the council's row says so)
        wanted += [(team.name, by_team[team.pk]) for team in teams if by_team[team.pk]]
        for name, chosen in wanted:
            f = figures.compute(chosen, today=reader.today)
            _rows(table, present_report(f, audience), f, month=month_uk(end), start=start, end=end, team=name)
    return table


def _rows(table, view, f, **where):
    common = {"month": where["month"], "month_start": where["start"], "month_end": where["end"],
              "area": "council" if where["team"] is None else "team", "team": where["team"] or ""}

    def add(figure, measure, theme, shown, percent):
        hidden = shown.hidden
        table.add(**common, figure=figure, measure=measure, theme=theme,
                  value=None if hidden else percent.value,
                  numerator=None if hidden or percent.value is None else percent.numerator,
                  denominator=None if hidden or percent.value is None else percent.denominator,
                  suppressed=hidden, null_reason=shown.reason if hidden else (percent.reason or ""))

    for shown, (label, percent) in zip(view["grades"], f.r4_grades.items(), strict=True):
        add("R4", NAMES["R4"].format(label=label), "", shown, percent)
    r5 = next(s for s in view["summary"] if s.id == "R5")
    add("R5", NAMES["R5"], "", r5, f.r5_good)
    for shown, (theme, percent) in zip(view["by_theme"], f.r10_by_theme.items(), strict=True):
        add("R10", NAMES["R10"], theme, shown, percent)
