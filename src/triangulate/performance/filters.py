"""The filters above the two child-level pages, the children behind a measure (drilldown.py) and the
timescale report (timescales.py), drawn by core/jinja2/components/filters.html. One place for both, so
the team and worker filters keep the same names, labels and "all" options on each page.

The teams and workers offered are worked out by each page's presenter (within the reader's scope);
this only says how they are offered."""

from triangulate.core.filters import Checkbox, Filters, Select
from triangulate.kpis.figures import NO_TEAM

from .drilldown import NO_TEAM_TEXT, SORTS


def _team(teams, chosen, everything, text=str):
    return Select.of("team", "Team", teams, chosen, everything=everything, text=text)


def _children_team_text(team):
    # the list's rows say "No team recorded" where the engine files a child under NO_TEAM; so does the filter
    return NO_TEAM_TEXT if team == NO_TEAM else team


def _worker(workers, chosen):
    return Select.of("worker", "Worker", workers, chosen, everything="All workers")


def for_children(choice, teams, workers, *, scoped, has_teams, can_fail):
    """The children behind a measure. A team-scoped reader lists one of their teams at a time (the page
    asks them to choose one first), so their team has no "All teams" and "Clear the filters" keeps it.
    A list that records no team (list 1's contacts) offers no team filter to a council-wide reader."""
    team = ([_team(teams, choice.team, None if scoped else "All teams", _children_team_text)]
            if teams and (has_teams or scoped) else [])
    order = Select.of("sort", "Order", SORTS, choice.sort, text=SORTS.get)
    failing = (Checkbox("failing", "Only those not meeting the measure", choice.failing),) if can_fail else ()
    return Filters((*team, _worker(workers, choice.worker), order), failing)


def for_timescales(choice, teams, workers, *, scoped):
    """The timescale report: any one team or worker, or all the reader may see (teams under the council's
    names, "Unallocated" as its tables say)."""
    return Filters((_team(teams, choice.team, "All my teams" if scoped else "All teams"),
                    _worker(workers, choice.worker)))
