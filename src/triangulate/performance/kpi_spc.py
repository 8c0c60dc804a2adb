"""The KPI page's control chart: kpis/spc.py's XmR chart of the months the month-by-month table shows,
drawn by core/charts.spc, with its data table and its signal stated in a sentence, e.g.

    "Special cause of concern: the last 7 months were all below the average of 84.2% (from May to
     November 2026)."   /   "Common cause variation only: no signal in 24 months."

Disclosure: the chart is worked out from the figures the reader is shown, never from hidden ones. When
any month is hidden from the reader (disclosure control), no chart is drawn and the page says why: an
average and limits over the months left would treat months either side of a gap as neighbours and, for
a flow measure, leave out exactly the small months that make a signal.

A flow count's last month, when the extract ends part-way through it, is left out too (and the page
says so): half a month's count is not a month's, and would show as a false fall below the limits.
"""

from triangulate.core import charts
from triangulate.core.formatting import month_uk
from triangulate.kpis import spc

from . import chart_cache
from .presenters import number_as_shown

MEANING_WORDS = {"improvement": "Improvement", "concern": "Concern", "neutral": "Neither better nor worse"}
HEADS = {"improvement": "Special cause of improvement", "concern": "Special cause of concern",
         "neutral": "Special cause variation (for this measure neither better nor worse in itself)"}


def control_chart(spec, months, audience, *, y_title, partial=False):
    """{"spc": Chart or None, "spc_finding": the sentence, "spc_rows": the data table, "spc_note": why
    a month is left out, or ""}. `months`: the month-by-month table's rows (kpi_page.series_rows);
    `partial`: the last row is a month the extract ends part-way through."""
    result, rows, reason, note = worked_out(spec, months, audience, partial=partial)
    if result is None:
        return {**_none(reason), "spc_note": note}
    starts = {row["month"]: row["start"] for row in rows}
    upper, lower = _shown_limits(spec, result)
    points = [{"date": starts[p.label], "value": p.value, "meaning": p.meaning} for p in result.points]
    chart = chart_cache.draw(
        charts.spc, "spc", points, y_title=y_title,
        mean=charts.Reference(f"Average {unit_text(spec, result.mean)}", result.mean),
        limits=(charts.Reference(f"Process limits ({unit_text(spec, lower)} to {unit_text(spec, upper)})", upper),
                charts.Reference("", lower)))
    # the figures as numbers too, rounded as the texts are (one decimal), for the page's download
    numbers = {"mean_number": number_as_shown(result.mean), "lower_number": number_as_shown(lower),
               "upper_number": number_as_shown(upper)}
    table = [{"month": p.label, "value": row["value"], "mean": unit_text(spec, result.mean),
              "lower": unit_text(spec, lower), "upper": unit_text(spec, upper), "signal": signal_words(p), **numbers}
             for p, row in zip(result.points, rows, strict=True)]
    return {"spc": chart, "spc_finding": sentence(spec, result, starts),
            "spc_rows": table, "spc_note": note}


def worked_out(spec, months, audience, *, partial=False):
    """(result, rows, reason, note): kpis/spc.py's XmR result over the months the chart draws (the rows it
    is drawn from), or None with the reason no chart is drawn; `note` says why a month is left out. The one
    place the page and improvement's evidence pack (performance/evidence.py) work the signal out."""
    hidden = [row for row in months if row["hidden"]]
    if audience.controlled and hidden:
        count = "1 month is" if len(hidden) == 1 else f"{len(hidden)} months are"
        return None, [], (f"No control chart is shown: {count} suppressed to protect small numbers, and an average "
                          "and limits worked out without them would mislead."), ""
    note = ""
    rows = list(months)
    if partial and spec.unit == "count" and rows:
        note = (f"{rows[-1]['month']} is left out: the extract ends part-way through it, so its count is not a "
                "whole month's.")
        rows = rows[:-1]
    rows = [row for row in rows if row["number"] is not None]
    result = spc.xmr([row["month"] for row in rows], [row["number"] for row in rows], spec.polarity)
    if isinstance(result, spc.NoChart):
        return None, rows, result.reason, note
    return result, rows, "", note


def _none(reason):
    return {"spc": None, "spc_finding": reason, "spc_rows": [], "spc_note": ""}


def _shown_limits(spec, result):
    """The process limits as drawn and tabled: a percentage cannot pass 0 or 100, nor a count, rate,
    average or median fall below 0, so a limit beyond is shown at the bound (as Making Data Count does)."""
    upper, lower = result.upper, max(result.lower, 0.0)
    if spec.unit == "pct":
        upper = min(upper, 100.0)
    return upper, lower


# ---- words ----------------------------------------------------------------------------------------------

def unit_text(spec, value):
    """A computed figure in the measure's unit (an average, a limit, a benchmark): 84.2%, 12.5."""
    if value is None:
        return "–"
    return f"{value:.1f}%" if spec.unit in ("pct", "ratio") else f"{value:,.1f}"


def range_text(first, last):
    """From two months' first days: "from May to November 2026", "from December 2025 to June 2026"."""
    if first == last:
        return f"in {month_uk(first)}"
    if first.year == last.year:
        return f"from {first:%B} to {month_uk(last)}"
    return f"from {month_uk(first)} to {month_uk(last)}"


SIDE = {1: "above", -1: "below"}


def signal_words(point):
    """A point's signal for the data table: "Concern: below the average 7 or more months in a row"."""
    if point.rule is None:
        return "Common cause"
    side = SIDE[point.direction]
    what = {
        spc.OUTSIDE: f"{side} the {'upper' if point.direction > 0 else 'lower'} process limit",
        spc.TREND_RULE: f"{'rising' if point.direction > 0 else 'falling'} {spc.TREND} or more months in a row",
        spc.TWO_OF_THREE: f"near the {'upper' if point.direction > 0 else 'lower'} process limit (2 of 3 months)",
        spc.SHIFT_RULE: f"{side} the average {spc.SHIFT} or more months in a row",
    }[point.rule]
    return f"{MEANING_WORDS[point.meaning]}: {what}"


def sentence(spec, result, starts):
    """The most recent signal in a sentence, or that there is none; earlier signals are in the table."""
    found = result.signals()
    months = len(result.points)
    if not found:
        return f"Common cause variation only: no signal in {months} months."
    rule, direction, meaning, first, last = found[-1]
    labels = [p.label for p in result.points]
    i, j = labels.index(first.label), labels.index(last.label)
    if rule == spc.TWO_OF_THREE:  # the run is the near points; say which 3 months in a row they are of
        i = next(k for k in range(max(0, j - 2), j + 1) if result.points[k].rule == rule)
        if j - i < 2:
            i, j = (j - 2, j) if j >= 2 else (i, min(i + 2, months - 1))
    if rule == spc.SHIFT_RULE:  # the whole run on that side, months a rule higher in the order named included
        while i > 0 and (result.points[i - 1].value - result.mean) * direction > 0:
            i -= 1
    count, latest = j - i + 1, j == months - 1
    span = range_text(starts[labels[i]], starts[labels[j]])
    side = SIDE[direction]
    if rule == spc.SHIFT_RULE:
        what = (f"the last {count} months were all {side} the average of {unit_text(spec, result.mean)}" if latest
                else f"{count} months in a row were {side} the average of {unit_text(spec, result.mean)}")
        text = f"{what} ({span})"
    elif rule == spc.TREND_RULE:
        past, participle = ("rose", "risen") if direction > 0 else ("fell", "fallen")
        text = (f"the figure has {participle} month after month for the last {count} months ({span})" if latest
                else f"the figure {past} month after month for {count} months ({span})")
    elif rule == spc.OUTSIDE:
        limit = result.upper if direction > 0 else max(result.lower, 0.0)
        name = "upper" if direction > 0 else "lower"
        if count == 1:
            text = (f"{month_uk(starts[labels[j]])} ({unit_text(spec, last.value)}) was {side} the {name} "
                    f"process limit of {unit_text(spec, limit)}")
        else:
            text = f"{count} months in a row were {side} the {name} process limit of {unit_text(spec, limit)} ({span})"
    else:
        name = "upper" if direction > 0 else "lower"
        near = sum(1 for p in result.points[i:j + 1] if p.rule == rule and p.direction == direction)
        limit = result.upper if direction > 0 else max(result.lower, 0.0)
        text = f"{near} of {count} months in a row were close to the {name} process limit of {unit_text(spec, limit)} ({span})"
    # the runs that ended before this signal's months (two of three near a limit can be two runs in one window)
    earlier = sum(1 for *_, end in found[:-1] if labels.index(end.label) < i)
    more = ""
    if earlier:
        more = f" {earlier} earlier signal{'s are' if earlier > 1 else ' is'} marked in the table."
    return f"{HEADS[meaning]}: {text}.{more}"
