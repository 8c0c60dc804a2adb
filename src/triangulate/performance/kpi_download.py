"""A measure's page as a download (?format=xlsx or ?format=csv on its own address, views/kpi.py).

Excel gets the page's tables as sheets: "Summary" (the definition, the figure beside England, the region
and the statistical neighbours, the trend and control chart in words), "Months" (the month-by-month table
with the control chart's average, process limits and signal), "Teams" and "Team history". A CSV file
holds one table, so a CSV is the Months sheet alone.

Every cell comes from the page's own context (kpi_page.detail for the same reader), never from stored
values: a download holds the very texts the page shows, after the same disclosure control, and a
"Number" column beside each value gives the same figure as a number (as the page rounds it, blank where
the page says "suppressed" or "–") so an analyst can sort and chart it. The control chart's figures are
numbers only: the page shows them for every month it charts, in the measure's unit.
"""

from triangulate.core.exports import Sheet
from triangulate.core.formatting import date_uk

from .kpi_page import Y_TITLES
from .presenters import number_as_shown

COMPARED = {"better": "Better", "similar": "Similar", "worse": "Worse"}
CSV_SHEET = "Months"


def filename(spec, upload):
    return f"{spec.id}-{upload.extract_date:%Y-%m-%d}"


def sheets(spec, upload, page):
    """The workbook's sheets from `page`, the KPI page's context for this reader."""
    out = [summary(spec, upload, page), months(page), teams(page)]
    history = page.get("team_history")
    if history and history["rows"]:
        out.append(team_history(history))
    return out


def summary(spec, upload, page):
    """The top of the page, item by item: what the measure is, the figure and its benchmarks."""
    description, headline = page["description"], page["headline"]
    period = ("On " if page["snapshot"] else "12 months to ") + date_uk(upload.extract_date)
    rows = [["Measure", spec.title], ["Section", spec.section], ["Definition", description.summary],
            ["What is counted", description.numerator]]
    if description.denominator:
        rows.append(["Out of", description.denominator])
    rows += [["Which way is better", description.better],
             ["Unit", Y_TITLES.get(spec.unit, "")],  # as the charts' axes name it
             ["Period", period],
             ["This council", headline["value"], number_as_shown(headline["number"])]]
    for label, text in (("Of", headline["of"]), ("Excluded (missing or unreadable values)", headline["excluded"]),
                        ("Coverage warning", headline["warning"])):
        if text:
            rows.append([label, text])
    for c in page["comparisons"]:  # England, the region, the statistical neighbours, as the page lists them
        rows.append([c["label"], c["text"], c["number"], COMPARED.get(c["comparison"], ""), c["source"]])
    rows.append(["Trend", page["trend_finding"]])
    rows.append(["Control chart", page["spc_finding"] + (f" {page['spc_note']}" if page["spc_note"] else "")])
    if page["extract_months"]:
        rows.append(["Months with an extract", page["extract_months"]])
    if page.get("unmapped"):
        rows.append(["Team names not mapped to a council team", ", ".join(page["unmapped"])])
    width = 5  # Item, Text, Number, This council's figure is, Source
    return Sheet("Summary", ["Item", "Text", "Number", "This council's figure is", "Source"],
                 [row + [None] * (width - len(row)) for row in rows])


def months(page):
    """The month-by-month table, with the control chart's figures for each month it charts."""
    snapshot = page["snapshot"]
    charted = {row["month"]: row for row in page["spc_rows"]}
    headers = ["Month", *(["Extract of"] if snapshot else []), "Value", "Number", "Of", "Excluded"]
    if charted:
        headers += ["Average (control chart)", "Lower process limit", "Upper process limit", "Signal"]
    rows = []
    for month in page["months"]:
        row = [month["month"], *([month["extract"]] if snapshot else []), month["value"],
               number_as_shown(month["number"]), month["of"], month["excluded"]]
        if charted:
            point = charted.get(month["month"])  # a month the chart leaves out has no limits of its own
            row += ([point["mean_number"], point["lower_number"], point["upper_number"], point["signal"]] if point
                    else [None, None, None, ""])
        rows.append(row)
    return Sheet(CSV_SHEET, headers, rows)


def teams(page):
    """The by-team table with its "All teams" row, or why there is none."""
    if not page["teams"]:
        reason = page["no_teams"]
        if page.get("count_kpi"):
            reason += f" See “{page['count_kpi'].title}” by team."
        return Sheet("Teams", ["No team breakdown"], [[reason]])
    rows = list(page["teams"]) + ([dict(page["teams_total"], team="All teams")] if page["teams_total"] else [])
    return Sheet("Teams", ["Team", "Value", "Number", "Of"],
                 [[r["team"], r["value"], number_as_shown(r["number"]), r["of"]] for r in rows])


def team_history(history):
    """Each team's figure at each monthly extract: a number where the page shows one, else its text."""
    headers = ["Team"] + [m["label"] + ("" if m["extract"] else " (no extract)") for m in history["months"]]
    rows = [[r["team"]] + [n if n is not None else v for v, n in zip(r["values"], r["numbers"], strict=True)]
            for r in history["rows"]]
    return Sheet("Team history", headers, rows)
