"""The board pack: what a head of service takes to a scrutiny or corporate parenting committee, as a
PDF (views/board_pack.py; reports/pdf.py makes the file).

    pack = board_pack.build(period, printed_on=date.today())   # period: scorecard.choose_period(...)

Its sections: 1 the headline measures (the councillor view), 2 the measures whose latest month is a special
cause, each with its control chart, 3 the headline measures month by month against the benchmarks, 4 every
measure by section (the overview's scorecard), 5 where the figures come from.

Where the figures come from: only from the functions the pages use, so the pack's figures are the
overview's, the headline page's and the KPI pages' (and so the command line's): scorecard.scorecard and
its download rows, scorecard.councillor_view, the months as kpi_page.series_rows gives them (read for the
chosen extract by scorecard.read_values), kpi_page.trend and kpi_spc.control_chart.

Who it is for: a committee, always. A printed pack is passed round and kept, so it is built for an
aggregate-only audience (disclosure control at the council's threshold) and without analysts' notes on the
comparisons, whoever prints it: an analyst's pack and an elected member's are the same document. It never
shows a child.
"""

import re

from django.conf import settings
from markupsafe import Markup

from triangulate.benchmarks import selectors as benchmark_selectors
from triangulate.core import charts, disclosure
from triangulate.core.formatting import date_uk, datetime_uk
from triangulate.kpis import spc
from triangulate.kpis.registry import all_kpis

from . import kpi_page, kpi_spc, presenters, scorecard
from .history import SNAPSHOT

TITLE = "Children's social care performance"
JUDGED = {"better": "Better than England", "worse": "Worse than England", "similar": "Similar to England"}


def committee_audience():
    """Everyone who prints the pack gets the elected members' disclosure control (Audience.for_user's
    threshold), because the pack is for them."""
    return presenters.Audience(controlled=True, threshold=settings.TRIANGULATE.get("SUPPRESSION_THRESHOLD",
                                                                                   disclosure.THRESHOLD))


def build(period, *, printed_on):
    """The template's context for the monthly extract `period.upload` (never None here)."""
    upload = period.upload
    audience = committee_audience()
    board = scorecard.scorecard(period, audience, show_notes=False)
    headlines = scorecard.councillor_view(period, audience)
    # the months of the measures drawn (signals and headlines), as the scorecard and the KPI pages read them
    drawn = {row["spec"].id: row["spec"] for row in board["signals"] + headlines}
    reads = scorecard.read_values(period, list(drawn.values()))
    months = {kpi_id: kpi_page.series_rows(spec, upload, reads.year(upload, kpi_id), reads.series[kpi_id],
                                           audience, spec.kind == SNAPSHOT)
              for kpi_id, spec in drawn.items()}
    found = {kpi_id: comparators.without_notes() for kpi_id, comparators in
             benchmark_selectors.comparators_for(upload.council, list(all_kpis())).items()}
    return {
        "title": f"{upload.council.name}: {TITLE}, {date_uk(upload.extract_date)}",
        "council": upload.council.name, "upload": upload, "period": period, "audience": audience,
        "printed_on": date_uk(printed_on), "region": board["region"],
        "headlines": [{**row, "judged": JUDGED.get(row["judgement"], "Not compared")} for row in headlines],
        "signals": [signal_item(row, months[row["spec"].id], upload, audience) for row in board["signals"]],
        "trends": [trend_item(row, months[row["spec"].id], upload, audience, found[row["spec"].id])
                   for row in headlines],
        "sections": all_measures(board, upload), "columns": COLUMNS, "numeric_columns": NUMERIC,
        "about": about(period, found),
    }


# ---- 2 signals ------------------------------------------------------------------------------------------

def signal_item(row, months, upload, audience):
    """A measure whose latest month is a special cause: its control chart (the KPI page's), the signal in a
    sentence and the chart's data."""
    spec = row["spec"]
    snapshot = spec.kind == SNAPSHOT
    control = kpi_spc.control_chart(spec, months, audience, y_title=kpi_page.Y_TITLES.get(spec.unit, ""),
                                    partial=bool(months) and kpi_page.partial_month(upload, months[-1], snapshot))
    anchor = f"signal-{_slug(spec.id)}"
    caption = f"{spec.title}, control chart"
    rows = control["spc_rows"]
    # the average and limits are the same in every month: said once, beside the legend's lines
    lines = [{"line": "Average", "value": rows[0]["mean"]},
             {"line": "Process limits", "value": f"{rows[0]['lower']} to {rows[0]['upper']}"}] if rows else []
    return {"id": anchor, "spec": spec, "signal": row["signal"], "caption": caption, "lines": lines,
            "finding": control["spc_finding"], "note": control["spc_note"], "rows": rows,
            "chart": for_print(control["spc"], anchor + "-chart", caption, control["spc_finding"])}


# ---- 3 headline measures over time ----------------------------------------------------------------------

def trend_item(row, months, upload, audience, found):
    """A headline measure's months as the KPI page's trend chart (benchmark lines included), its one-line
    finding, and its months in a table of a year beside the year before."""
    spec = row["spec"]
    lines = kpi_page.benchmark_lines(spec, found)
    drawn = kpi_page.trend(spec, upload, months, audience, spec.kind == SNAPSHOT, lines)
    anchor = f"trend-{_slug(spec.id)}"
    caption = f"{row['headline'].name}, month by month"
    return {"id": anchor, "headline": row["headline"], "spec": spec, "caption": caption,
            "finding": drawn["trend_finding"], "rows": year_beside_year(months),
            "lines": [{"line": line["reference"].label,
                       "value": presenters.benchmark_text(spec, line["value"], computed=line["computed"])} for line in lines],
            "chart": for_print(drawn["trend"], anchor + "-chart", caption, drawn["trend_finding"])}


def year_beside_year(months):
    """The months as rows of the latest year, each beside the same month a year earlier (24 months in 12
    rows: half the length of one row a month, and the comparison the finding makes)."""
    latest, earlier = months[-12:], months[:-12][-12:]
    earlier = [None] * (len(latest) - len(earlier)) + earlier
    return [{"month": now["month"], "value": now["value"], "of": now["of"],
             "before_month": before["month"] if before else "", "before_value": before["value"] if before else "–"}
            for now, before in zip(latest, earlier, strict=True)]


# ---- 4 all measures ------------------------------------------------------------------------------------

# the overview's download columns the pack prints (scorecard.HEADERS), in its order
COLUMNS = ("Measure", "Period", "Value", "Of", "Since previous extract", "England", "Region",
           "Statistical neighbours", "Compared with England", "Signal (latest month)")
NUMERIC = {"Value", "Of", "England", "Region", "Statistical neighbours"}


def all_measures(board, upload):
    """[(section, [row of texts])]: the overview's download rows (the very texts its page shows after the
    same disclosure control), the pack's columns of them."""
    at = [scorecard.HEADERS.index(name) for name in COLUMNS]
    judged = scorecard.HEADERS.index("Compared with England")
    out = {}
    for line in scorecard.download_rows(board, upload, show_notes=False):
        texts = [line[i] for i in at]
        texts[COLUMNS.index("Compared with England")] = line[judged] or "Not compared"
        out.setdefault(line[0], []).append(texts)
    return [{"name": name, "id": f"section-{_slug(name)}", "rows": rows} for name, rows in out.items()]


# ---- 5 about these figures ------------------------------------------------------------------------------

def about(period, found):
    upload = period.upload
    return {
        "extract": date_uk(upload.extract_date), "file": upload.original_name,
        "uploaded": datetime_uk(upload.uploaded_at),
        "previous": date_uk(period.previous.extract_date) if period.previous else "",
        "rules": [spc.RULE_TEXT[rule] for rule in (spc.OUTSIDE, spc.TREND_RULE, spc.TWO_OF_THREE, spc.SHIFT_RULE)],
        "min_points": spc.MIN_POINTS,
        "benchmarks": benchmark_sources(found),
    }


def benchmark_sources(found):
    """Each comparator's sources with the years used and how many measures each gave a figure for:
    [{"comparator", "source", "years", "measures"}], England first."""
    order = {"England": 0, "Statistical neighbours": 2}
    specs = all_kpis()
    grouped = {}
    for kpi_id, comparators in found.items():
        if specs[kpi_id].unit == "count":  # a count is never compared (scorecard.comparator_cell)
            continue
        for comparator in comparators.all:
            if comparator.value is None:
                continue
            source = committee_source(comparator.source) or "Uploaded by the council"
            entry = grouped.setdefault((comparator.label, source), {"years": set(), "measures": 0})
            entry["years"].add(comparator.year)
            entry["measures"] += 1
    rows = [{"comparator": label, "source": source, "years": ", ".join(sorted(entry["years"])),
             "measures": entry["measures"]} for (label, source), entry in grouped.items()]
    return sorted(rows, key=lambda r: (order.get(r["comparator"], 1), r["comparator"], r["source"]))


def committee_source(source):
    """A comparator's source as the committee reads it. A shipped figure's source can carry the analysts'
    reminder that it is still to be checked against the latest release ("DfE ... (to verify)", "(second
    or subsequent plan; to verify)"): like the scorecard's "to be verified" flag, that is for readers of
    analysts' notes only."""
    source = re.sub(r";\s*to verify\)", ")", source)
    return re.sub(r"\s*\(to verify\)", "", source)


# ---- charts for print ------------------------------------------------------------------------------------

def for_print(chart, id, caption, finding):
    """The page's chart under an id of its own (every chart on a page is drawn as "trend" or "spc"; the pack
    holds many), re-cleaned through charts.clean_svg, with its caption and finding as the SVG's <title>:
    a tagged PDF gives an image its alternative text from there (a screen reader's "figure: ...")."""
    if chart is None:
        return None
    svg = charts.clean_svg(str(chart.svg), id=id, labelledby=f"{id}-caption {id}-finding")
    # the root's start tag ends at the first ">": ElementTree writes ">" in attribute values as &gt;
    end = svg.index(">") + 1
    svg = svg[:end] + str(Markup("<title>{}</title>").format(f"{caption}. {finding}")) + svg[end:]
    return charts.Chart(id, Markup(svg))


def _slug(text):
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")
