"""How long the work behind a timeliness measure took, in bins of working days (kpis/distributions.py),
as a bar chart with its table and a one-line finding, for the 12 months to the extract.

Worked out from the extract's stored tables on the first request for an upload (about a second for a
large council) and kept beside them in `distributions.json` and in this process: counts only, never a
child's record, so every web worker after the first reads the counts instead of the tables. An extract's
tables never change once imported; the file is also keyed by the tables' stamps and the KPI code
(kpis/sqlcache.code_key), so a replaced table or a changed definition is never answered from it.

Disclosure for aggregate-only readers: the bins add up to two figures the KPI page shows, the measure's
numerator (the bins within the limit) and its complement (those over it), so each group of bins is
protected as a table against its own total (core/disclosure.protect_table), and when the measure's own
figure would be hidden (a numerator or complement under 6) the distribution is not shown at all.
"""

import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from triangulate.core import charts, disclosure
from triangulate.core.formatting import date_uk, number
from triangulate.datasets import storage
from triangulate.kpis import distributions, sqlcache
from triangulate.kpis.periods import year_to

from . import chart_cache
from .presenters import value_text


def for_page(spec, upload, audience):
    """[{"id", "title", "chart", "finding", "rows", "columns"...}] for the measures shown on this KPI's page."""
    measures = distributions.for_page(spec.id)
    if not measures:
        return []
    computed = computed_for(upload)
    return [_shown(measure, computed.get(measure.id) if computed else None, upload, audience)
            for measure in measures]


def computed_for(upload):
    """{measure id: Distribution or Unavailable} for every measure (one pass serves every page), or None
    when the extract's tables are not held."""
    folder = storage.upload_folder(upload.pk)
    stamps = tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in folder.glob("list_*.parquet")))
    if not stamps:
        return None
    return _compute(upload.pk, upload.extract_date, str(folder), stamps)


CACHE_FILE = "distributions.json"


@lru_cache(maxsize=16)
def _compute(upload_id, extract_date, folder, stamps):
    key = [sqlcache.code_key(), extract_date.isoformat(), [list(s) for s in stamps]]
    path = Path(folder) / CACHE_FILE
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
        if saved["key"] == key:
            return {mid: _loaded(mid, value) for mid, value in saved["results"].items()}
    except (OSError, ValueError, KeyError, TypeError):
        pass  # none yet, or unreadable: worked out again and written afresh
    results = distributions.compute(storage.read_tables(upload_id), year_to(extract_date))
    _save(path, {"key": key, "results": {mid: _saved(r) for mid, r in results.items()}})
    return results


def _saved(result):
    if isinstance(result, distributions.Unavailable):
        return {"reason": result.reason}
    return {"counts": list(result.counts), "excluded": result.excluded}


def _loaded(measure_id, value):
    measure = distributions.MEASURES[measure_id]
    if "reason" in value:
        return distributions.Unavailable(measure, value["reason"])
    if len(value["counts"]) != len(measure.bins):
        raise ValueError("the bins have changed")
    return distributions.Distribution(measure, tuple(value["counts"]), value["excluded"])


def _save(path, content):
    """Written under a temporary name and renamed, so another worker never reads half a file; a folder that
    cannot be written only means the next worker works the counts out too."""
    try:
        with tempfile.NamedTemporaryFile("w", dir=path.parent, suffix=".part", delete=False, encoding="utf-8") as f:
            json.dump(content, f)
        os.replace(f.name, path)
    except OSError:
        pass


def _group(measure, b):
    within = b.high is not None and b.high <= measure.limit
    return f"{'Within' if within else 'Over'} {measure.limit} working days"


def _shown(measure, result, upload, audience):
    period = f"the 12 months to {date_uk(upload.extract_date)}"
    out = {"id": measure.id.replace("_", "-"), "title": f"{measure.title}, {period}", "chart": None, "rows": [],
           "excluded": "", "limit": measure.limit}
    if result is None:
        return {**out, "finding": "This extract's records are not held on the server any more, so how long the "
                                  "work took cannot be worked out."}
    if isinstance(result, distributions.Unavailable):
        return {**out, "finding": f"Not available: {result.reason}"}
    total, within = result.total, result.within
    if total == 0:
        return {**out, "finding": f"No {measure.things} in {period}."}
    if audience.controlled and disclosure.protect("pct", disclosure.Figure(100 * within / total, within, total),
                                                  audience.threshold).value_hidden:
        return {**out, "finding": f"Not shown: fewer than {audience.threshold} were within the limit or over it, "
                                  "and the bins would give that number away."}
    bins = [(b, n) for b, n in result.by_bin() if b.high is None or b.high >= 0 or n]  # the data-error bin if any
    groups = {}
    for b, n in bins:
        groups.setdefault(_group(measure, b), {})[b.label] = disclosure.Figure(n, n)
    cells = {}
    for rows in groups.values():
        subtotal = sum(f.value for f in rows.values())
        protected, _ = audience.table("count", rows, disclosure.Figure(subtotal, subtotal))
        cells.update(protected)
    rows = [{"label": b.label, "axis": b.axis_label, "group": _group(measure, b),
             "value": value_text(cells[b.label], audience, False), "number": cells[b.label].value} for b, _ in bins]
    excluded = audience.cell("count", disclosure.Figure(result.excluded, result.excluded))
    chart = chart_cache.draw(charts.bars, out["id"],
                             [{"label": r["axis"], "value": r["number"], "group": r["group"]} for r in rows],
                             y_title=measure.things.capitalize(), x_title="Working days", groups=list(groups))
    return {**out, "chart": chart, "rows": rows,
            "finding": _finding(measure, rows, total, within, period),
            "excluded": value_text(excluded, audience) if result.excluded else ""}


def _finding(measure, rows, total, within, period):
    share = f"{100 * within / total:.1f}%"
    text = (f"Of {number(total)} {measure.things} in {period}, {number(within)} ({share}) took {measure.limit} "
            f"working days or fewer")
    last = rows[-1]
    if last["number"] is not None and last["number"]:
        text += f"; {number(last['number'])} took {last['label'].lower()} working days"
    return text + "."
