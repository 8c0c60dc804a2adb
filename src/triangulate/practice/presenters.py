"""What the analysis, team summary and comparison pages show, and their Excel sheets (design §6, §7.3, §8.1).

The figures are analysis/counts.py's, representative.py's and comparison.py's over gather.event_records; this
module only names and orders them for a page or a sheet, so a page and its download always agree.

Disclosure (§8.1, decision 15): every figure here counts **teams**, **entries** or **visits** (A6), none counts
people, so none is suppressed. The one aggregate-only reader of these pages, an elected member on the
comparison, gets the all-teams rows only (`comparison_view(..., aggregate_only=True)`): the teams-in-both rows
would be read against a known, small set of teams. Should a figure counting people ever be added here, it goes
through core/disclosure.py for that reader."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q

from triangulate.core.exports import Sheet
from triangulate.people.models import TeamMembership

from .analysis import comparison, counts, representative
from .analysis.records import DEVELOPMENT, POSITIVE
from .models import HeadingMode, ObservationEntry
from .names import named_in

KIND_NAMES = dict(ObservationEntry.Kind.choices)
SUPPORT_NAMES = {counts.SUPPORTED: "Supported", counts.MIXED: "Mixed", counts.NOT_SUPPORTED: "Not supported",
                 counts.NOT_ASKED: "Not asked"}
DIRECTION_NAMES = {comparison.BETTER: "Better", comparison.WORSE: "Worse", comparison.MIXED: "Mixed",
                   comparison.SAME: "Same", None: "Cannot be worked out"}
SET_NAMES = {comparison.ALL: "All teams", comparison.BOTH: "Teams in both"}


def theme_sort(records):
    return lambda slug: (*records.theme_order.get(slug, (0, slug)), slug)


def theme_rows(records, c):
    """A4: one row per theme with a counted entry, in core's theme order."""
    figures = counts.by_theme(c)
    return [{"theme": records.theme_names.get(slug, slug), "slug": slug,
             "positive": figures[slug].positive, "development": figures[slug].development}
            for slug in sorted(figures, key=theme_sort(records))]


@dataclass(frozen=True)
class HeadingTable:
    """A1–A3 for one heading: themes as rows, teams as columns, each cell's text, and the team counts."""

    heading: object  # EventHeading
    teams: list  # (team id, name)
    rows: list  # {"theme", "cells": [text per team], "positive": n, "development": n}

    @property
    def examples(self):
        return self.heading.mode == HeadingMode.EXAMPLES


def heading_tables(records, c):
    cells = counts.cells(c)
    margins = counts.teams_by_heading_theme(c)
    teams = list(c.team_names.items())
    tables = []
    for heading in records.headings:
        slugs = sorted({theme for (h, theme) in margins if h == heading.pk}, key=theme_sort(records))
        rows = [{"theme": records.theme_names.get(slug, slug),
                 "cells": [cells[(heading.pk, slug, team)].text if (heading.pk, slug, team) in cells else ""
                           for team, _ in teams],
                 "positive": len(margins[(heading.pk, slug)].positive_teams),
                 "development": len(margins[(heading.pk, slug)].development_teams)}
                for slug in slugs]
        tables.append(HeadingTable(heading, teams, rows))
    return tables


def felt_supported_view(c, *, name_teams):
    """A5: the sentence, and (for readers who may see teams) each team's answer."""
    figure = counts.felt_supported(c)
    teams = [{"team": c.team_names[team], "status": SUPPORT_NAMES[status]}
             for team, status in figure.by_team.items()] if name_teams else []
    return {"text": figure.text, "share": figure.share, "teams": teams,
            "mixed": [c.team_names[t] for t in figure.teams(counts.MIXED)] if name_teams else [],
            "not_supported": [c.team_names[t] for t in figure.teams(counts.NOT_SUPPORTED)] if name_teams else []}


def representative_view(records, c, picks):
    """§6.3 by heading: [(heading, [{"theme", "kind", "entries": [EntryRecord]}])], picks first."""
    groups = representative.representative(c, picks)
    by_heading = defaultdict(list)
    for (heading, theme, kind), entries in groups.items():
        if kind in POSITIVE or kind in DEVELOPMENT:
            by_heading[heading].append({"theme": records.theme_names.get(theme, theme), "slug": theme,
                                        "kind": KIND_NAMES[kind], "kind_key": kind, "entries": entries})
    order = theme_sort(records)
    return [(h, sorted(by_heading[h.pk], key=lambda g: (order(g["slug"]), g["kind_key"] not in POSITIVE)))
            for h in records.headings if by_heading.get(h.pk)]


def entry_rows(records, c):
    """Every counted entry and every quote, for the tick boxes and the Entries sheet: heading, kind, theme, team,
    text (never the assessor, never a child id)."""
    headings = {h.pk: h for h in records.headings}
    return [{"id": e.id, "heading": headings[e.heading].title, "heading_number": headings[e.heading].number,
             "kind": KIND_NAMES[e.kind], "kind_key": e.kind, "theme": records.theme_names.get(e.theme, e.theme),
             "team": c.team_names[c.team_of(e)], "text": e.text,
             "development": e.kind in DEVELOPMENT, "positive": e.kind in POSITIVE}
            for e in sorted(c.entries, key=lambda e: (headings[e.heading].number, e.id))]


def entries_naming_staff(event, c):
    """Entries whose text holds, as a whole word, the first or last name of someone in the visited team during
    the event (§1.4): a warning for the organiser, never a refusal. {entry id: "Jo Bell"}."""
    members = (TeamMembership.objects
               .filter(team__in=list(c.team_names), start_date__lte=event.ends_on)
               .filter(Q(end_date__isnull=True) | Q(end_date__gt=event.starts_on))
               .select_related("staff"))
    staff_by_team = defaultdict(list)
    for m in members:
        staff_by_team[m.team_id].append(m.staff)
    flagged = {}
    for e in c.entries:
        named = named_in(e.text, staff_by_team[c.team_of(e)])
        if named:
            flagged[e.id] = named[0].full_name
    return flagged


def heard_directly_view(c):
    """A6 in words that say it counts visits, not people (§8.1): "in 2 of 4 visits (50%)"."""
    figure = counts.heard_directly(c)

    def said(p):
        if p.value is None:
            return p.reason
        return f"in {p.numerator} of {p.denominator} {'visit' if p.denominator == 1 else 'visits'} ({p.value}%)"

    return {"child": said(figure.child), "parent_carer": said(figure.parent_carer)}


def quotes_view(records, c):
    """Quotes are listed, not counted (§6.1); only those that may be used: staff and partners, or a child or
    parent who agreed (§1.4 may_quote). By heading: [(heading, [{"text", "by", "theme"}])]."""
    by_name = dict(ObservationEntry.QuoteBy.choices)
    out = []
    for heading in records.headings:
        quotes = [{"text": e.text, "by": by_name.get(e.quote_by, ""), "theme": records.theme_names.get(e.theme, e.theme)}
                  for e in c.entries if e.heading == heading.pk and e.kind == "quote" and e.quotable]
        if quotes:
            out.append((heading, quotes))
    return out


# Excel (§7.3): what the page shows, one sheet per table.

def analysis_sheets(records, c, *, with_entries):
    sheets = [Sheet("By theme", ["Theme", "Teams with a strength", "Teams with an area for development",
                                 "Teams observed", "Strength %", "Area for development %"],
                    [[r["theme"], r["positive"].numerator, r["development"].numerator, c.teams_observed,
                      r["positive"].value, r["development"].value] for r in theme_rows(records, c)])]
    team_names = [name for _, name in c.team_names.items()]
    rows = []
    for table in heading_tables(records, c):
        for row in table.rows:
            rows.append([table.heading.title, row["theme"], *row["cells"], row["positive"], row["development"]])
    sheets.append(Sheet("Theme by team", ["Heading", "Theme", *team_names, "Teams with a strength",
                                          "Teams with an area for development"], rows))
    support = counts.felt_supported(c)
    sheets.append(Sheet("Felt supported", ["Team", "Felt supported"],
                        [[c.team_names[t], SUPPORT_NAMES[s]] for t, s in support.by_team.items()]
                        + [["All teams asked", support.text]]))
    if with_entries:
        sheets.append(Sheet("Entries", ["Heading", "Kind", "Theme", "Team", "Text"],
                            [[r["heading"], r["kind"], r["theme"], r["team"], r["text"]]
                             for r in entry_rows(records, c)]))
    return sheets


def comparison_view(current, benchmark, *, aggregate_only):
    """§6.6 for a week and its benchmark (each an EventRecords): rows by theme, all teams then teams in both (all
    teams only for an aggregate-only reader), and felt supported."""
    figures = comparison.compare(benchmark.observations, benchmark.entries, current.observations, current.entries)
    names = {**benchmark.theme_names, **current.theme_names}
    order = {**benchmark.theme_order, **current.theme_order}
    keep = (comparison.ALL,) if aggregate_only else (comparison.ALL, comparison.BOTH)
    rows = [r for r in figures.rows if r.teams in keep]
    rows.sort(key=lambda r: (*order.get(r.theme, (0, r.theme)), r.theme, r.teams != figures.headline))
    return {
        "headline": figures.headline if not aggregate_only else comparison.ALL,
        "common": len(figures.common_teams),
        "rows": [{"theme": names.get(r.theme, r.theme), "set": SET_NAMES[r.teams], "row": r,
                  "direction": DIRECTION_NAMES[r.direction], "headline": r.teams == figures.headline}
                 for r in rows],
        "support": [{"set": SET_NAMES[s.teams], "row": s, "direction": DIRECTION_NAMES[s.direction]}
                    for s in figures.felt_supported if s.teams in keep],
    }


def comparison_sheet(view):
    def shown(figure):  # a Percent or a Change: its number (a change as a signed number), or why it has none
        return figure.value if figure.value is not None else figure.reason

    rows = [[r["theme"], r["set"], shown(r["row"].p_before), shown(r["row"].d_before), shown(r["row"].p_after),
             shown(r["row"].d_after), shown(r["row"].delta_p), shown(r["row"].delta_d), r["direction"]]
            for r in view["rows"]]
    rows += [["Felt supported (of teams asked)", s["set"], shown(s["row"].before), "", shown(s["row"].after), "",
              shown(s["row"].delta), "", s["direction"]] for s in view["support"]]
    return Sheet("Comparison", ["Theme", "Teams", "Benchmark strength %", "Benchmark development %",
                                "This week strength %", "This week development %", "Change in strength",
                                "Change in development", "Direction"], rows)
