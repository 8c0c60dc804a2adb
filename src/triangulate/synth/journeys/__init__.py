"""Synthetic children's journeys, written as a council's Ofsted Annex A extract.

    tables = generate(children_0_17=60_000, seed=1, extract_date=date(2026, 3, 31))
    write_annex_a(tables, "annex_a.xlsx")                       # one workbook, "List 1 - Contacts", ...
    write_annex_a(tables, "annex_a_csv", fmt="csv", messy=True)  # list_1_contacts.csv, ...

`generate` returns {list number: pyarrow.Table} for lists 1-11, with the canonical keys of
datasets/parsers/annex_a/schema.py (every column of each list; dates date32, counts int64, everything
else strings; child ids are strings). Pure numpy/pyarrow: no Django, deterministic for a seed.

What the extract holds (our convention; Ofsted asks for 6-12 months, we keep `years` of history so
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

import numpy as np

from .base import Children, Org, WorkingDays, day, default_teams
from .frame import Frame
from .lists_care import care_spells, list6, list7, list8
from .lists_front import add_extra_children, list1, list2, list3, list4, list5
from .model import council_params, simulate
from .permanence import list9, list10_11
from .writer import SHEET_NAMES, csv_name, write_annex_a

__all__ = ["SHEET_NAMES", "csv_name", "default_teams", "generate", "write_annex_a"]

AREAS = ("NB", "SB", "EB", "WB", "KT", "TQ", "HX", "DL")


def _years_before(d, years):
    try:
        return d.replace(year=d.year - years)
    except ValueError:  # 29 February
        return d.replace(year=d.year - years, day=28)


def generate(children_0_17, seed, extract_date, years=3, teams=None, workers=None, la_name="Demo Council"):
    """Annex A lists 1-11 for a synthetic council of `children_0_17` children.

    teams: {team type: [team names]} (types as people.models.TeamType values: front_door, assessment,
    locality_safeguarding, children_in_care, care_leavers, adolescent, disabled_children, early_help, ...);
    defaults to default_teams() (synth/structure.py's names for North, South, East, West).
    workers: optional {team name: [worker names]}; teams without one get generated names.
    """
    if children_0_17 <= 0:
        raise ValueError("children_0_17 must be positive")
    rng = np.random.default_rng(seed)
    extract_day = day(extract_date)
    window_start = day(_years_before(extract_date, years)) + 1
    cal = WorkingDays(_years_before(extract_date, 25), _years_before(extract_date, -8))
    children = Children()
    params = council_params(rng)
    org = Org(rng, teams, workers)
    episodes = simulate(rng, cal, children_0_17, extract_day, children, params)
    contacts, early_help = add_extra_children(rng, children, children_0_17, extract_day, window_start,
                                              np.unique(episodes["child"]))
    children.finish(rng)
    fr = Frame(rng, cal, children, org, extract_date, extract_day, window_start)
    spells = care_spells(episodes)
    home_area = AREAS[int(rng.integers(len(AREAS)))]
    t10, t11 = list10_11(fr, spells)
    return {
        1: list1(fr, episodes, contacts),
        2: list2(fr, episodes, early_help),
        3: list3(fr, episodes),
        4: list4(fr, episodes),
        5: list5(fr, episodes),
        6: list6(fr, episodes),
        7: list7(fr, episodes),
        8: list8(fr, spells, home_area, la_name),
        9: list9(fr, spells),
        10: t10,
        11: t11,
    }

