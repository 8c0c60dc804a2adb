"""Performance data's evidence for improvement's packs and top 10 (docs/design/improvement.md §4.3, §5).

The measures are those whose theme (act_on_number.theme_for, what kpi_links registers) is in the scope, then the
scope's own kpi_ids (a priority's measures). Each is read as its KPI page reads it, from stored values of the latest
upload (never the extracts): the 12-month figure as shown, England beside it, and the control chart's signal worked
out by kpi_spc.worked_out over the page's month-by-month rows, after the reader's disclosure control. So an elected
member gets no direction from a chart they are not shown (a hidden month means no chart, as on the page).

A measure's direction is the page's latest signal when it ends in the pack's period: improvement +1, concern -1;
no signal in the period, or one "neither better nor worse" (contextual polarity), is 0. The figures are the
council's: measures are not split by team here, so a team's pack says so in its note.
"""

from django.urls import reverse

from triangulate.benchmarks import selectors as benchmark_selectors
from triangulate.improvement.evidence import verdicts
from triangulate.improvement.evidence.registry import Block, Row, Signal
from triangulate.kpis.periods import month_end
from triangulate.kpis.registry import all_kpis

from . import act_on_number, kpi_page, kpi_spc, selectors
from .history import SNAPSHOT
from .presenters import Audience, benchmark_text, shown
from .rules import Perm

DIRECTIONS = {"improvement": 1, "concern": -1}
WORDS = {1: "improving", -1: "of concern", 0: "no special cause"}
COUNCIL_WIDE = "The measures are the council's as a whole: they are not split by team here."


def measures_in(scope):
    """The KPI specs in scope, in the catalogue's order, then the scope's own ids (unknown ones left out)."""
    catalogue = all_kpis()
    slugs = {t.slug for t in scope.themes}
    ids = [kpi_id for kpi_id in catalogue if act_on_number.theme_for(kpi_id) in slugs]
    ids += [kpi_id for kpi_id in scope.kpi_ids if kpi_id in catalogue and kpi_id not in ids]
    return [catalogue[kpi_id] for kpi_id in ids]


def read(spec, upload, audience, scope):
    """{"spec", "value", "england", "sentence", "direction" (None: no chart), "month" (the latest charted month's
    first day, or None)} for one measure, as its page shows it to `audience`."""
    year = selectors.year_value(upload, spec.id)
    snapshot = spec.kind == SNAPSHOT
    months = kpi_page.series_rows(spec, upload, year, selectors.series(spec.id), audience, snapshot)
    partial = bool(months) and kpi_page.partial_month(upload, months[-1], snapshot)
    result, rows, reason, _ = kpi_spc.worked_out(spec, months, audience, partial=partial)
    england = benchmark_selectors.comparators(upload.council, spec.id).england
    england_text = (f"{benchmark_text(spec, england.value)} ({england.year})" if england.value is not None
                    else england.reason or "No figure")
    found = {"spec": spec, "value": shown(audience.cell(spec.unit, year), audience)["value"] if year else "–",
             "england": england_text, "sentence": reason, "direction": None, "month": None}
    if result is None:
        return found
    starts = {row["month"]: row["start"] for row in rows}
    found.update(sentence=kpi_spc.sentence(spec, result, starts), direction=0,
                 month=starts[result.points[-1].label])
    signals = result.signals()
    if signals:
        _, _, meaning, _, last = signals[-1]
        ends = starts[last.label]
        if scope.start <= month_end(ends) and ends <= scope.end:
            found["direction"] = DIRECTIONS.get(meaning, 0)
    return found


class PerformanceEvidence:
    key = "performance"
    title = "Performance data"

    def block(self, scope, user):
        if not user.has_perm(Perm.VIEW_KPIS):
            return Block(source=self.key, title=self.title, verdict="none", basis="not shown to this reader",
                         note="You do not have access to the performance measures.")
        upload = selectors.latest_upload()
        specs = measures_in(scope)
        if upload is None or not specs:
            reason = "no extract has been loaded" if upload is None else "no measure is linked to these themes"
            return Block(source=self.key, title=self.title, verdict="none", basis=reason, note=reason.capitalize() + ".")
        audience = Audience.for_user(user, wide=scope.wide)
        read_ = [read(spec, upload, audience, scope) for spec in specs]
        rows = tuple(Row(m["spec"].title, m["value"], act_on_number.kpi_url(m["spec"].id),
                         f"England: {m['england']}. {m['sentence']}") for m in read_)
        charted = [m for m in read_ if m["direction"] is not None]
        judged = verdicts.performance([m["direction"] for m in charted])
        basis = judged.basis
        if charted:
            basis += " (" + "; ".join(f"{verdicts.in_sentence(m['spec'].title)}: {WORDS[m['direction']]}" for m in charted) + ")"
        notes = [COUNCIL_WIDE] if scope.teams is not None else []
        missing = len(read_) - len(charted)
        if missing:
            notes.append(f"{missing} of {len(read_)} measures have no control chart for this reader, so no "
                         "direction is taken from them.")
        return Block(source=self.key, title=self.title, verdict=judged.verdict, basis=basis, rows=rows,
                     note=" ".join(notes))

    def signals(self, scope):
        """One per measure whose latest signal in the period is a special cause of improvement (a strength) or of
        concern (an area for development), weight 2, on the latest charted month; the council's own figures."""
        upload = selectors.latest_upload()
        if upload is None:
            return []
        found = []
        audience = Audience(controlled=False)
        for spec in measures_in(scope):
            m = read(spec, upload, audience, scope)
            if not m["direction"]:
                continue
            theme = act_on_number.theme_for(spec.id)
            themes = [theme] if theme in {t.slug for t in scope.themes} else [t.slug for t in scope.themes]
            found += [Signal(kind="strength" if m["direction"] > 0 else "area_for_development", theme=slug,
                             source=self.key, on=m["month"], weight=2, text=f"{spec.title}: {m['sentence']}",
                             url=reverse("performance:kpi_detail", args=[spec.id]), extra={"kpi": spec.id})
                      for slug in themes]
        return found
