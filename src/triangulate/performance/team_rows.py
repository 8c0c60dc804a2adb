"""A KPI's stored team figures under the council's own team names.

Imports store team figures under the names the extract spells (the case system's). The council maps those
names to its teams under Data -> Team names in extracts, and may change the mapping at any time, so the
pages apply it when they read: each extract name is shown as the council team it means, and several
spellings of one team are added together. A name that means no council team keeps its own spelling
(and the page lists it as not mapped), so no figure disappears.
"""

from dataclasses import dataclass

from triangulate.datasets.teams.selectors import TeamNames


@dataclass(frozen=True)
class TeamFigure:
    """The fields of a stored KpiValue the presenters read."""

    value: float | None
    numerator: float | None
    denominator: float | None
    excluded: int | None


def by_council_team(unit, stored, council, names=None):
    """{extract team name: KpiValue} -> ({council team name: figure}, [extract names that mean no team]).
    `names`: a TeamNames of the council already loaded, for a page that maps many measures' teams at once."""
    names = TeamNames(council) if names is None else names
    groups, unmapped = {}, []
    for extract_name, figure in stored.items():
        team = names.resolve(extract_name).team
        if team is None:
            unmapped.append(extract_name)
        groups.setdefault(team.name if team is not None else extract_name, []).append(figure)
    rows = {shown: figures[0] if len(figures) == 1 else combine(unit, figures)
            for shown, figures in sorted(groups.items())}
    return rows, sorted(unmapped)


def _total(values):
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def combine(unit, figures):
    """One figure for several spellings of one team. Counts, percentages and means add up through their
    numerators and denominators; a median (or a rate, whose per-team population Annex A lacks) cannot be
    combined, so its value is None while its counts still add up."""
    numerator = _total(f.numerator for f in figures)
    denominator = _total(f.denominator for f in figures)
    excluded = _total(f.excluded for f in figures)
    if unit == "count":
        value = numerator
    elif unit in ("pct", "ratio"):
        value = 100.0 * numerator / denominator if numerator is not None and denominator else None
    elif unit == "mean":
        value = numerator / denominator if numerator is not None and denominator else None
    else:
        value = None
    return TeamFigure(value, numerator, denominator, excluded)
