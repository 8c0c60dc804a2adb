"""The report pages (design §6, §9.1, §9.2): the report with its filters, its PDF, the trends, and a round's report
with its PDF. Excel and CSV are answered by each page's own view (?format=xlsx|csv), so a download holds exactly
the page's figures under the same disclosure control (the reader's own: decision 16).

Figures come from services/figures.py (pure) over services/report_records.py's records; presenters.py decides
what a reader may see. Everyone who may read reports gets the council's counts; words (finding texts, quotes)
come only from the audits the reader may read, and the child-level Audits sheet only lists those."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import path
from django.utils import timezone

from triangulate.core import charts, exports
from triangulate.core.formatting import date_uk
from triangulate.core.views.decorators import requires
from triangulate.people.models import ServiceArea, Team
from triangulate.reports import pdf

from ..models import AuditRound, AuditTool, Question
from ..presenters import SUMMARY_HEADERS, Audience, present, summary_rows, team_table
from ..rules import Perm
from ..selectors import audits_visible_to
from ..services import figures, report_records
from ..services.report_records import Quarter

REPORTS_CACHE = ("cache", "reports")


def _pk(query, name, model):
    value = query.get(name, "")
    if not value.isdigit():
        return None
    return model.objects.filter(pk=int(value)).first()


def chosen_filters(query, *, round=None):
    """The filters asked for in the query string; an unknown value is ignored (the form shows "All")."""
    chosen = {
        "round": round or _pk(query, "round", AuditRound),
        "quarter": None if round else Quarter.parse(query.get("quarter", "")),
        "team": _pk(query, "team", Team),
        "service_area": _pk(query, "service_area", ServiceArea),
        "tool": _pk(query, "tool", AuditTool),
    }
    return chosen


def question_labels(keys):
    """Each question key's latest wording (keys join results across tools and versions)."""
    labels = {}
    for question in Question.objects.filter(key__in=keys).order_by("version__number", "pk"):
        labels[question.key] = question.text
    return labels


def build_report(request, chosen, audience=None):
    audience = audience or Audience.for_user(request.user)
    audits = report_records.cohort(**chosen)
    f = figures.compute(report_records.load(audits, request.user), today=timezone.localdate())
    keys = list(f.r8_by_question) + list(f.r9_yes_no)
    view = present(f, audience, question_labels=question_labels(keys))
    return {"figures": f, "view": view, "audience": audience, "audits": audits, "chosen": chosen,
            "described": describe(chosen)}


def describe(chosen):
    parts = []
    if chosen["round"]:
        parts.append(chosen["round"].name)
    if chosen["quarter"]:
        parts.append(chosen["quarter"].label)
    for key in ("team", "service_area", "tool"):
        if chosen[key]:
            parts.append(chosen[key].name)
    return ", ".join(parts) or "All audits"


def filter_options():
    today = timezone.localdate()
    quarter = Quarter.of(today)
    quarters = []
    for _ in range(8):
        quarters.append(quarter)
        quarter = quarter.previous()
    return {"rounds": AuditRound.objects.order_by("-audits_due", "-pk"), "quarters": quarters,
            "teams": Team.objects.order_by("name"), "service_areas": ServiceArea.objects.order_by("name"),
            "tools": AuditTool.objects.order_by("name")}


# ---- downloads ----------------------------------------------------------------------------------------

def _shown_rows(items):
    return [[s.label, s.value, s.of, s.number] for s in items]


def workbook(request, context, fmt, filename):
    view, audience = context["view"], context["audience"]
    summary = exports.Sheet("Summary", SUMMARY_HEADERS, summary_rows(view))
    if fmt == "csv":
        return exports.download(request, fmt, filename=filename, sheets=[summary])
    headers = ["What", "Shown", "Of", "Number"]
    sheets = [
        summary,
        exports.Sheet("Grades", headers, _shown_rows(view["grades"])),
        exports.Sheet("By question", headers, _shown_rows(view["by_question"] + view["yes_no"])),
        exports.Sheet("By theme", headers, _shown_rows(view["by_theme"])),
        exports.Sheet("Family feedback", headers, _shown_rows(
            [s for s in view["summary"] if s.id in ("R13", "R14", "R15")] + view["not_reached"])),
        exports.Sheet("Actions", headers, _shown_rows(
            [s for s in view["summary"] if s.id in ("R7", "R20", "R21")] + view["found_for"])),
    ]
    if view["auditors"]:
        sheets.append(exports.Sheet("Moderation", ["Auditor", "Moderated", "Agreed", "Agreement", "Direction"], [
            [name, a.moderated, a.agreed, str(a.rate), a.direction or ""] for name, a in view["auditors"]]))
    children = None
    if not audience.controlled:
        audits = audits_visible_to(request.user).filter(pk__in=context["audits"].values("pk")).select_related(
            "team", "overall_grade", "moderation").prefetch_related("flags").order_by("team__name", "pk")
        rows = [[a.child_id, a.get_case_type_display(), a.team.name, a.worker_name, a.auditor_name,
                 a.get_state_display(), a.due_date, a.completed_on,
                 a.overall_grade.label if a.overall_grade else "", hasattr(a, "moderation"), a.flags.count()]
                for a in audits]
        sheets.append(exports.Sheet("Audits", ["Child ID", "Type", "Team", "Worker", "Auditor", "State", "Due",
                                               "Completed", "Grade", "Moderated", "Flags"], rows))
        children = [row[0] for row in rows]
    return exports.download(request, fmt, filename=filename, sheets=sheets, children=children,
                            resource="audit" if children is not None else None,
                            detail={"report": filename})


def pdf_response(request, template, context, *, title, filename):
    html = render_to_string(template, {**context, "title": title, "printed_on": date_uk(timezone.localdate())},
                            request=request)
    document = pdf.cached_html_to_pdf(html, pdf.PRINT_CSS, title=title,
                                      folder=settings.DATA_DIR.joinpath(*REPORTS_CACHE))
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


# ---- pages --------------------------------------------------------------------------------------------

def _page_or_download(request, context, template, filename):
    fmt = exports.requested(request)
    if fmt:
        return workbook(request, context, fmt, filename)
    return render(request, template, context)


@requires(Perm.VIEW_REPORTS)
def report(request):
    context = build_report(request, chosen_filters(request.GET))
    context.update(filter_options(), title="Audit reports")
    return _page_or_download(request, context, "audits/reports/report.html", "audit-report")


@requires(Perm.VIEW_REPORTS)
def report_pdf(request):
    context = build_report(request, chosen_filters(request.GET))
    return pdf_response(request, "audits/reports/report_print.html", context,
                        title=f"Audit report: {context['described']}", filename="audit-report")


@requires(Perm.VIEW_REPORTS)
def round_report(request, pk):
    round = get_object_or_404(AuditRound, pk=pk)
    context = build_report(request, chosen_filters(request.GET, round=round))
    context.update(filter_options(), title=f"Report: {round.name}", round=round)
    return _page_or_download(request, context, "audits/reports/round_report.html", f"round-{round.pk}-report")


@requires(Perm.VIEW_REPORTS)
def round_report_pdf(request, pk):
    round = get_object_or_404(AuditRound, pk=pk)
    context = build_report(request, chosen_filters(request.GET, round=round))
    return pdf_response(request, "audits/reports/report_print.html", {**context, "round": round},
                        title=f"Audit report: {round.name}", filename=f"round-{round.pk}-report")


# ---- trends -------------------------------------------------------------------------------------------

TREND_POINTS = 8


def _trend_rows(request, cohorts, audience):
    rows = []
    for label, audits, start in cohorts:
        f = figures.compute(report_records.load(audits, request.user), today=timezone.localdate())
        view = present(f, audience)
        by_id = {}
        for s in view["summary"]:
            by_id.setdefault(s.id, s)
        shown = {"R5": by_id["R5"], "R6": by_id["R6"], "R13": by_id["R13"], "R14": by_id["R14"],
                 "R20": by_id["R20"]}
        rows.append({"label": label, "start": start, "shown": shown, "completed": view["summary"][0]})
    return rows


@requires(Perm.VIEW_REPORTS)
def trends(request):
    """Each figure over the last 8 rounds (not imported, by audits_due) and the last 8 quarters (all completed
    audits, imported ones included: decision 17), as tables; the charts draw the same numbers."""
    audience = Audience.for_user(request.user)
    chosen = chosen_filters(request.GET)
    narrowed = {k: chosen[k] for k in ("team", "service_area", "tool")}
    rounds = list(AuditRound.objects.exclude(kind=AuditRound.Kind.IMPORTED).exclude(
        status=AuditRound.Status.CANCELLED).order_by("-audits_due", "-pk")[:TREND_POINTS])[::-1]
    quarter = Quarter.of(timezone.localdate())
    quarters = []
    for _ in range(TREND_POINTS):
        quarters.append(quarter)
        quarter = quarter.previous()
    quarters.reverse()
    by_round = _trend_rows(request, [(r.name, report_records.cohort(round=r, **narrowed), r.audits_due) for r in rounds],
                           audience)
    by_quarter = _trend_rows(request, [(q.label, report_records.cohort(quarter=q, **narrowed), q.start)
                             for q in quarters],
                             audience)
    context = {"title": "Audit trends", "by_round": by_round, "by_quarter": by_quarter,
               "figure_names": [("R5", "Good or better"), ("R6", "Inadequate"), ("R13", "Families reached"),
                                ("R14", "Positive difference"), ("R20", "Actions complete")],
               "chosen": chosen, "audience": audience, **filter_options()}
    context["round_chart"] = _trend_chart(by_round, context["figure_names"], "trend-by-round")
    context["quarter_chart"] = _trend_chart(by_quarter, context["figure_names"], "trend-by-quarter")
    context["team_names"], context["team_rows"] = _teams_by_round(request, rounds, narrowed, audience)
    return render(request, "audits/reports/trends.html", context)


def _teams_by_round(request, rounds, narrowed, audience):
    """Good or better (R5) for each team in each round, under the reader's disclosure control: a round's team
    cells are protected together with the round's own figure as their total."""
    names = dict(Team.objects.values_list("pk", "name"))
    columns = []
    for round in rounds:
        records = report_records.load(report_records.cohort(round=round, **narrowed), request.user)
        today = timezone.localdate()
        whole = figures.compute(records, today=today).r5_good
        by_team = {names[t]: figures.compute([r for r in records if r.team == t], today=today).r5_good
                   for t in sorted({r.team for r in records}, key=lambda t: names[t])}
        columns.append((round.name, team_table(by_team, whole, audience)))
    teams = sorted({name for _, cells in columns for name in cells})
    rows = [{"team": team, "cells": [cells.get(team) for _, cells in columns]} for team in teams]
    return [name for name, _ in columns], rows


def _trend_chart(rows, names, id):
    """Each figure as a line over the points: a hidden or uncomputable point is a gap, never 0."""
    points = [{"series": name, "date": row["start"], "value": row["shown"][key].number}
              for key, name in names for row in rows]
    if not any(p["value"] is not None for p in points):
        return None
    return charts.render(charts.line(points, y_title="Per cent", percent=True), id=id)


urlpatterns = [
    path("reports/", report, name="report"),
    path("reports/pdf/", report_pdf, name="report_pdf"),
    path("reports/trends/", trends, name="trends"),
    path("rounds/<int:pk>/report/", round_report, name="round_report"),
    path("rounds/<int:pk>/report.pdf", round_report_pdf, name="round_report_pdf"),
]
