"""Synthetic children's journeys, written as a council's Ofsted Annex A extract.

    tables = generate(children_0_17=60_000, seed=1, extract_date=date(2026, 3, 31))
    write_annex_a(tables, "annex_a.xlsx")                       # one workbook, "List 1 - Contacts", ...
    write_annex_a(tables, "annex_a_csv", fmt="csv", messy=True)  # list_1_contacts.csv, ...

    for extract_date, tables in generate_series(60_000, 1, month_ends):  # monthly extracts, oldest first
        ...

`generate` returns {list number: pyarrow.Table} for lists 1-11, with the canonical keys of
datasets/parsers/annex_a/schema.py (every column of each list; dates date32, counts int64, everything
else strings; child ids are strings). Pure numpy/pyarrow: no Django, deterministic for a seed.

`generate_series` simulates the journeys once, up to the latest date asked for, then cuts an extract at
each date as the case system would have produced it that day: only what had happened by then, episodes
still open then with no end date, and "as at" facts (date last seen, last visit, latest review, health
checks, missing episodes and placements in the last 12 months, care leavers' status, allocated worker)
as they stood then. Facts fixed once they happen read the same in every extract (see keyed.py).
`generate` is the same with one date.

What an extract holds (our convention; Ofsted asks for 6-12 months, we keep `years` of history so
monthly series and "last 12 months" KPIs work for any month in the window):
- lists 1-5 (contacts, early help, referrals, assessments, S47s): events dated in the `years` before the
  extract date (assessments: started by the extract date and authorised in the window or still open);
- lists 6-8 (CIN, CP, children in care): episodes open at the extract date plus those that closed in
  the window;
- list 9: care leavers (relevant, former relevant and some qualifying) aged 16-21 at the extract date,
  and a third of those aged 22-25 (still receiving support);
- list 10: children with a decision that they should be placed for adoption, open at the extract date or
  concluded (adoption order, or decision reversed) in the window; list 11: adopter households active in
  the window.
Nothing is dated after the extract date: what would happen later is left blank (still open).
"""

from dataclasses import dataclass
from datetime import date

import numpy as np

from triangulate.kpis.periods import add_months

from .base import Children, Org, WorkingDays, day, default_teams
from .frame import Frame
from .lists_care import care_spells, list6, list7, list8
from .lists_front import add_extra_children, list1, list2, list3, list4, list5
from .model import council_params, simulate
from .permanence import list9, list10_11
from .story import Story, StoryParams
from .writer import SHEET_NAMES, csv_name, write_annex_a

__all__ = ["SHEET_NAMES", "Journeys", "Story", "StoryParams", "csv_name", "cut_extract", "default_teams", "generate",
           "generate_series", "simulate_journeys", "write_annex_a"]

AREAS = ("NB", "SB", "EB", "WB", "KT", "TQ", "HX", "DL")


@dataclass
class Journeys:
    """Every child's simulated journey up to `until`, from which extracts are cut."""

    seed: int
    until: date
    years: int
    cal: WorkingDays
    children: Children
    org: Org
    episodes: dict
    spells: dict
    contacts: tuple
    early_help: tuple
    home_area: str
    la_name: str
    story: Story


def simulate_journeys(children_0_17, seed, until, years=3, teams=None, workers=None, la_name="Demo Council",
                      earliest=None, story=None):
    """Simulate the council's journeys up to `until`, with contacts and early help from `years` before
    `earliest` (the first extract date to be cut; default `until`).

    teams: {team type: [team names]} (types as people.models.TeamType values: front_door, assessment,
    locality_safeguarding, children_in_care, care_leavers, adolescent, disabled_children, early_help, ...);
    defaults to default_teams() (synth/structure.py's names for North, South, East, West).
    workers: optional {team name: [worker names]}; teams without one get generated names.
    story: the council's story (story.StoryParams: a strained locality, a strong team, seasons, a new front
    door a year before `until`, a drifting team); default StoryParams(), StoryParams.flat() for none.
    """
    if children_0_17 <= 0:
        raise ValueError("children_0_17 must be positive")
    rng = np.random.default_rng(seed)
    until_day = day(until)
    window_start = day(add_months(min(earliest or until, until), -12 * years)) + 1
    cal = WorkingDays(add_months(until, -12 * 25), add_months(until, 12 * 8))
    children = Children()
    params = council_params(rng)
    org = Org(rng, teams, workers)
    plot = Story(org, seed, until, story)
    episodes = simulate(rng, cal, children_0_17, until_day, children, params, plot)
    contacts, early_help = add_extra_children(rng, children, children_0_17, until_day, window_start,
                                              np.unique(episodes["child"]), plot)
    children.finish(rng)
    home_area = AREAS[int(rng.integers(len(AREAS)))]
    return Journeys(seed=seed, until=until, years=years, cal=cal, children=children, org=org, episodes=episodes,
                    spells=care_spells(episodes), contacts=contacts, early_help=early_help, home_area=home_area,
                    la_name=la_name, story=plot)


def cut_extract(journeys, extract_date):
    """Annex A lists 1-11 as the case system would have produced them on `extract_date`."""
    if extract_date > journeys.until:
        raise ValueError(f"the journeys were simulated only up to {journeys.until}")
    extract_day = day(extract_date)
    window_start = day(add_months(extract_date, -12 * journeys.years)) + 1
    fr = Frame(journeys.seed, journeys.cal, journeys.children, journeys.org, extract_date, extract_day, window_start,
               journeys.story)
    episodes, spells = journeys.episodes, journeys.spells
    t10, t11 = list10_11(fr, spells)
    return {
        1: list1(fr, episodes, journeys.contacts),
        2: list2(fr, episodes, journeys.early_help),
        3: list3(fr, episodes),
        4: list4(fr, episodes),
        5: list5(fr, episodes),
        6: list6(fr, episodes),
        7: list7(fr, episodes),
        8: list8(fr, spells, journeys.home_area, journeys.la_name),
        9: list9(fr, spells),
        10: t10,
        11: t11,
    }


def generate(children_0_17, seed, extract_date, years=3, teams=None, workers=None, la_name="Demo Council",
             story=None):
    """Annex A lists 1-11 for a synthetic council of `children_0_17` children, as at `extract_date`
    (see simulate_journeys for teams, workers and story)."""
    journeys = simulate_journeys(children_0_17, seed, extract_date, years, teams, workers, la_name, story=story)
    return cut_extract(journeys, extract_date)


def generate_series(children_0_17, seed, extract_dates, years=3, teams=None, workers=None, la_name="Demo Council",
                    story=None):
    """(extract date, tables) for each date, in the order given, all cut from one simulation of the
    council's journeys up to the latest date. A generator: one extract's tables in memory at a time."""
    dates = list(extract_dates)
    if not dates:
        return
    journeys = simulate_journeys(children_0_17, seed, max(dates), years, teams, workers, la_name,
                                 earliest=min(dates), story=story)
    for extract_date in dates:
        yield extract_date, cut_extract(journeys, extract_date)
